"""Build and serve the documentation site for the site and browser tests.

Also a small command-line tool for looking at pages::

    python -m tests.site_util shot /optimization/ewma/ out.png [--site DIR]

builds the site (unless ``--site`` points at a built one), serves it on a free
port of 127.0.0.1 and saves full-page screenshots taken by headless Chromium, cut into parts
``OUT-1.png``, ``OUT-2.png``, ... so each stays readable.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("DLREF_CHROMIUM", "/usr/bin/chromium"))
#: Flags that keep Chromium from calling home on a machine without network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


class BuildResult:
    def __init__(self, site_dir: Path, log: str) -> None:
        self.site_dir = site_dir
        self.log = log


def build_site(site_dir: Path) -> BuildResult:
    """``mkdocs build --strict`` into ``site_dir``; raise with the log on failure."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build --strict failed ({proc.returncode}):\n{log}")
    return BuildResult(site_dir, log)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.is_file():
        return (
            f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set "
            "DLREF_CHROMIUM); the browser tests need it"
        )
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def type_search(page: Any, query: str) -> None:
    """Type ``query`` into the site's search box and wait until a result is shown."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material searches on keyup; Korean input needs a key event
    page.wait_for_selector(".md-search-result__item a")


def screenshot(
    path: str, out: Path, site_dir: Path | None = None, width: int = 1280, chunk: int = 1400
) -> list[Path]:
    """PNGs of one page of the site, cut into parts ``chunk`` pixels high."""
    tmp = None
    if site_dir is None:
        tmp = ROOT / ".cache" / "shot-site"
        shutil.rmtree(tmp, ignore_errors=True)
        site_dir = build_site(tmp).site_dir
    with serve(site_dir) as base, browser() as b:
        page = b.new_page(viewport={"width": width, "height": 900})
        page.goto(base + path, wait_until="networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")  # math fonts applied
        height = page.evaluate("document.documentElement.scrollHeight")
        outs = []
        for i, top in enumerate(range(0, height, chunk)):
            part = out.with_name(f"{out.stem}-{i + 1}{out.suffix}")
            clip = {"x": 0, "y": top, "width": width, "height": min(chunk, height - top)}
            page.screenshot(path=str(part), full_page=True, clip=clip)
            outs.append(part)
    return outs


if __name__ == "__main__":  # pragma: no cover - developer tool
    args = sys.argv[1:]
    site, width = None, 1280
    if "--site" in args:
        i = args.index("--site")
        site = Path(args[i + 1])
        del args[i : i + 2]
    if "--width" in args:  # e.g. 375 for a phone
        i = args.index("--width")
        width = int(args[i + 1])
        del args[i : i + 2]
    if len(args) != 3 or args[0] != "shot":
        sys.exit("usage: python -m tests.site_util shot /PATH/ OUT.png [--site DIR] [--width PX]")
    print(screenshot(args[1], Path(args[2]), site, width=width))
