"""How long an author waits after saving a page under ``make docs`` (``mkdocs serve``).

Starts ``mkdocs serve --strict`` on a free port of 127.0.0.1, waits for the
first build, then appends an HTML comment holding a fresh marker to one page's
Markdown and times until the served page contains the marker (the rebuild's
end, as the browser's live reload sees it). Repeats, restores the page byte for
byte (also on Ctrl-C) and stops the server. Prints wall times and the server's
CPU time per rebuild.

    python benchmarks/serve_reload.py [--page practical/dropout.en.md] [--repeats 3]

(``mkdocs serve --dirty`` is no option here: MkDocs warns that a dirty build
makes navigation and cross-references inaccurate, which ``--strict`` turns into
a failed build.)
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _url(page: str, port: int) -> str:
    stem, lang = page.removesuffix(".md").rsplit(".", 1)
    prefix = "" if lang == "ko" else f"{lang}/"
    path = "" if stem == "index" else f"{stem}/"
    return f"http://127.0.0.1:{port}/{prefix}{path}"


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return str(r.read().decode("utf-8"))
    except OSError:
        return ""


def _cpu(pid: int) -> float:
    """User + system seconds of the server process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait(url: str, needle: str, timeout: float, server: subprocess.Popen[bytes]) -> float:
    start = time.perf_counter()
    while needle not in _get(url):
        if server.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited ({server.returncode})")
        if time.perf_counter() - start > timeout:
            raise TimeoutError(f"{url} did not show {needle!r} within {timeout} s")
        time.sleep(0.05)
    return time.perf_counter() - start


def _wait_gone(url: str, needle: str, timeout: float) -> None:
    start = time.perf_counter()
    while needle in _get(url) and time.perf_counter() - start < timeout:
        time.sleep(0.05)


def _settle(pid: int) -> float:
    """Wait until the server is idle (under 5 % of a core for a second); its CPU time then.

    An idle server still polls the watched files (MkDocs: every 0.5 s, about 1 % of a
    core; ``docs/hooks/serve_speed.py``: every 0.2 s, about 2.5 %), so the CPU time of a
    rebuild includes the polling of the seconds it is measured over.
    """
    before = _cpu(pid)
    while True:
        time.sleep(1.0)
        now = _cpu(pid)
        if now - before < 0.05:
            return now
        before = now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page", default="practical/dropout.en.md")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    source = ROOT / "docs" / args.page
    original = source.read_bytes()
    port = _free_port()
    url = _url(args.page, port)
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    (ROOT / ".cache").mkdir(exist_ok=True)
    log = (ROOT / ".cache" / "serve_reload.log").open("wb")
    server = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    try:
        first = _wait(url, "</html>", 600, server)
        _settle(server.pid)
        print(f"server log: {log.name}")
        print(f"first build served after {first:.1f} s (server CPU {_cpu(server.pid):.1f} s)")
        for i in range(args.repeats):
            marker = f"dlref-reload-{uuid.uuid4().hex}"
            cpu = _cpu(server.pid)
            source.write_bytes(original + f"\n<!-- {marker} -->\n".encode())
            wall = _wait(url, marker, 300, server)
            used = _settle(server.pid) - cpu  # the rest of the rebuild (the other language)
            print(f"edit {i + 1}: page served after {wall:.2f} s; rebuild CPU {used:.2f} s")
            source.write_bytes(original)
            _wait_gone(url, marker, 300)
            _settle(server.pid)
    finally:
        source.write_bytes(original)
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
