"""Exit 0 if a TCP port on 127.0.0.1 is free, else print one line and exit 1.

``make docs PORT=8001`` runs this before ``mkdocs serve``, so a busy port gives
one clear line instead of a traceback from the server.

Usage: ``python tools/port_free.py PORT``
"""

from __future__ import annotations

import socket
import sys

HOST = "127.0.0.1"


def port_problem(text: str) -> str | None:
    """Why ``text`` cannot be served on, or None when the port is free."""
    try:
        port = int(text)
    except ValueError:
        return f"PORT must be a number from 1 to 65535, got {text!r}"
    if not 1 <= port <= 65535:
        return f"PORT must be a number from 1 to 65535, got {port}"
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # as the server will: a port left in TIME_WAIT by a stopped server counts as free
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return (
                f"port {port} on {HOST} is busy (another `make docs`?): "
                f"stop that server or choose another port, e.g. make docs PORT={port + 1}"
            )
    return None


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python tools/port_free.py PORT", file=sys.stderr)
        return 2
    problem = port_problem(argv[1])
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
