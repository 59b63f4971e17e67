"""Page weight of the built site: bytes a reader downloads, and time to fully rendered.

For the home page and three concept pages in each language, a fresh headless
Chromium visits the page served from a local static server and records every
request. Bytes are counted gzip-compressed (level 6, as a static host serves
text; woff2 fonts and PNG images are counted as they are), split into the page's
own figures and everything else:

- **first visit**: everything the page requests, with an empty cache;
- **second visit**: the same page again after the first one, with every
  asset cached: only the HTML (Material's assets, fonts and the search index
  carry content hashes or do not change between two pages of a visit).

"Rendered" is the time from navigation start until the load event has fired,
the web fonts are ready and no ``.arithmatex`` element is left without KaTeX
markup (the last step matters only for a site that renders math in the browser);
median of ``--repeat`` fresh visits.

    python benchmarks/page_weight.py SITE_DIR [SITE_DIR ...] [--repeat 5]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.site_util import browser, serve

PAGES = ["/", "/practical/dropout/", "/practical/initialization/", "/optimization/ewma/"]
BINARY = (".woff2", ".woff", ".png", ".jpg", ".gif")

RENDERED = """() => document.readyState === 'complete'
    && Array.from(document.querySelectorAll('.arithmatex')).every(e => e.querySelector('.katex'))"""


def wire_bytes(path: Path) -> int:
    data = path.read_bytes()
    if path.suffix in BINARY:
        return len(data)
    return len(gzip.compress(data, compresslevel=6))


def local_file(site: Path, url: str) -> Path | None:
    rel = urlparse(url).path.lstrip("/")
    path = site / rel
    if path.is_dir() or rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None


def measure(site: Path, chromium: object, base: str, page_path: str, repeat: int) -> dict:
    times, requests = [], []
    for _ in range(repeat):
        context = chromium.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        page = context.new_page()
        seen: list[str] = []
        page.on("request", lambda r, seen=seen: seen.append(r.url))
        page.goto(base + page_path, wait_until="load")
        page.wait_for_function(RENDERED, polling=10)
        page.evaluate("document.fonts.ready.then(() => true)")
        times.append(page.evaluate("performance.now()") / 1000)
        page.wait_for_load_state("networkidle")  # the search worker's index, if any
        requests = seen
        context.close()
    figures = other = 0
    for url in dict.fromkeys(requests):
        f = local_file(site, url)
        if f is None:
            continue
        if "/figures/" in url:
            figures += wire_bytes(f)
        else:
            other += wire_bytes(f)
    html = local_file(site, base + page_path)
    assert html is not None
    return {
        "first": other,
        "figures": figures,
        "second": wire_bytes(html),
        "rendered": statistics.median(times),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sites", nargs="+", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with browser() as chromium:
        head = ("site", "page", "1st visit", "figures", "2nd visit", "rendered")
        print("{:28} {:34} {:>10} {:>9} {:>10} {:>9}".format(*head))
        for site in args.sites:
            with serve(site) as base:
                for prefix in ("", "/en"):
                    for p in PAGES:
                        r = measure(site, chromium, base, prefix + p, args.repeat)
                        print(
                            f"{site.name[:28]:28} {prefix + p:34} {r['first'] / 1024:8.0f}KB "
                            f"{r['figures'] / 1024:7.0f}KB {r['second'] / 1024:8.0f}KB "
                            f"{r['rendered']:8.2f}s"
                        )


if __name__ == "__main__":
    main()
