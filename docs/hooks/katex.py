"""MkDocs hook: serve KaTeX from the npm package, never from a CDN.

The ``katex`` npm package (pinned in ``package-lock.json``) is installed into
``node_modules/`` by ``make docs``/``make test`` (``npm ci``). This hook copies
the parts the site needs — the minified script and stylesheet, the
auto-render extension and the woff2 fonts — into ``<site>/assets/katex/``.
Nothing third-party is committed to the repository.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
#: (source relative to KATEX_DIST, destination relative to <site>/assets/katex)
FILES = [
    ("katex.min.js", "katex.min.js"),
    ("katex.min.css", "katex.min.css"),
    ("contrib/auto-render.min.js", "contrib/auto-render.min.js"),
]


def _sources() -> list[tuple[Path, str]]:
    if not (KATEX_DIST / "katex.min.js").is_file():
        raise PluginError(
            f"KaTeX is missing: {KATEX_DIST} not found. The site renders math with the "
            "'katex' npm package; install it with 'make docs' (or run 'npm ci' in "
            f"{ROOT})."
        )
    pairs = [(KATEX_DIST / src, dst) for src, dst in FILES]
    pairs += [
        (font, f"fonts/{font.name}") for font in sorted((KATEX_DIST / "fonts").glob("*.woff2"))
    ]
    return pairs


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _sources()  # fail early, before any page is rendered
    return config


def on_post_build(config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / "assets" / "katex"
    for src, rel in _sources():
        dst = target / rel
        if dst.is_file() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
