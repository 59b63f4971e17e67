"""``tools/port_free.py``: the check ``make docs PORT=...`` runs before starting the server."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "port_free.py"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port with a listening server on it, as a running ``make docs`` holds."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_busy_port_gives_one_clear_line(busy_port: int) -> None:
    out = run(str(busy_port))
    assert out.returncode == 1
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert f"port {busy_port} on 127.0.0.1 is busy" in lines[0]
    assert f"make docs PORT={busy_port + 1}" in lines[0]
    assert "Traceback" not in out.stderr


def test_free_port_passes_silently(busy_port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        free = sock.getsockname()[1]
    out = run(str(free))
    assert (out.returncode, out.stdout, out.stderr) == (0, "", "")


@pytest.mark.parametrize("bad", ["abc", "0", "70000", ""])
def test_bad_port_is_named(bad: str) -> None:
    out = run(bad)
    assert out.returncode == 1
    assert out.stderr.startswith("PORT must be a number from 1 to 65535")


def test_makefile_checks_the_port_before_serving() -> None:
    """The ``docs`` recipe runs the check first, with the same PORT as mkdocs."""
    out = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", "setup", "docs", "PORT=8123"],
        capture_output=True,
        text=True,
        cwd=SCRIPT.parents[1],
        check=True,
    )
    # under `make test` the outer make's MAKEFLAGS reach this one: ignore its own chatter
    lines = [
        line for line in out.stdout.splitlines() if line.strip() and not line.startswith("make")
    ]
    assert lines[0].endswith("tools/port_free.py 8123")
    assert lines[-1].endswith("mkdocs serve --strict --dev-addr 127.0.0.1:8123")
