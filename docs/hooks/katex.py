"""MkDocs hook: math rendered to HTML at build time with KaTeX from npm.

``pymdownx.arithmatex`` (generic mode) leaves every formula as
``<span class="arithmatex">\\(...\\)</span>`` or
``<div class="arithmatex">\\[...\\]</div>``. This hook replaces the TeX inside
those elements with KaTeX's HTML + MathML while the page is written, so pages
ship no KaTeX JavaScript and never show raw TeX. It works on the final page
HTML (``on_post_page``), so the prose of both languages and the docstrings that
mkdocstrings renders on the API pages go through the same path; the search
plugin has indexed the page before, so the index keeps the short TeX source.

- **One Node process per build.** ``docs/hooks/katex_render.js`` loads the
  ``katex`` npm package (pinned in ``package-lock.json``, installed by
  ``npm ci``) once and renders a page's formulas in one round trip.
- **Cache.** Renderings are kept in ``.cache/katex/<katex version>.json``, keyed
  by display mode and formula, so a warm build starts no Node process at all
  and a KaTeX upgrade starts from an empty cache.
- **Errors fail the build.** A KaTeX parse error, or a construct KaTeX only
  tolerates in its ``strict`` mode, raises ``PluginError`` naming the page and
  the formula.
- **Assets.** KaTeX's stylesheet and woff2 fonts are copied from the npm
  package into ``<site>/assets/katex/``; nothing third-party is committed.

Why not the PyPI ``mkdocs-katex-ssr`` plugin: it is young and has a single
maintainer, and it installs npm packages itself at build time (network access,
versions outside ``package-lock.json``). This hook is small, uses the KaTeX the
lockfile pins, and works offline.
"""

from __future__ import annotations

import atexit
import filecmp
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[2]
KATEX_PACKAGE = ROOT / "node_modules" / "katex"
KATEX_DIST = KATEX_PACKAGE / "dist"
RENDERER = Path(__file__).with_name("katex_render.js")
CACHE_DIR = ROOT / ".cache" / "katex"
#: An arithmatex element; its text is the HTML-escaped TeX with its delimiters.
MATH = re.compile(r'<(span|div) class="arithmatex">(.*?)</\1>', re.S)
TOC_MATH = re.compile(r"\\\(.+?\\\)")  # inline math left as text in a TOC entry
DELIMITERS = {"span": ("\\(", "\\)"), "div": ("\\[", "\\]")}


def _sources() -> list[tuple[Path, str]]:
    """(file in the npm package, path under <site>/assets/katex) pairs."""
    if not (KATEX_DIST / "katex.min.css").is_file():
        raise PluginError(
            f"KaTeX is missing: {KATEX_DIST} not found. The site renders math with the "
            "'katex' npm package; install it with 'make docs' (or run 'npm ci' in "
            f"{ROOT})."
        )
    pairs = [(KATEX_DIST / "katex.min.css", "katex.min.css")]
    pairs += [
        (font, f"fonts/{font.name}") for font in sorted((KATEX_DIST / "fonts").glob("*.woff2"))
    ]
    return pairs


class Renderer:
    """Formula → KaTeX HTML, from the disk cache or from one Node process."""

    def __init__(self) -> None:
        package = json.loads((KATEX_PACKAGE / "package.json").read_text(encoding="utf-8"))
        self.version = str(package["version"])
        self.cache_file = CACHE_DIR / f"{self.version}.json"
        self.cache: dict[str, str] = {}
        if self.cache_file.is_file():
            self.cache = json.loads(self.cache_file.read_text(encoding="utf-8"))
        self.dirty = False
        self.rendered = 0  # formulas rendered by Node in this process (not from the cache)
        self._node: subprocess.Popen[str] | None = None

    @staticmethod
    def key(tex: str, display: bool) -> str:
        return ("display:" if display else "inline:") + tex

    def _process(self) -> subprocess.Popen[str]:
        if self._node is None:
            node = shutil.which("node")
            if node is None:
                raise PluginError("node not found: install Node.js >= 18 (KaTeX runs in Node)")
            self._node = subprocess.Popen(
                [node, str(RENDERER)],
                cwd=ROOT,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        return self._node

    def render(self, formulas: list[tuple[str, bool]], where: str) -> list[str]:
        """KaTeX HTML for each (tex, display) pair; PluginError names ``where``."""
        missing = sorted({f for f in formulas if self.key(*f) not in self.cache})
        if missing:
            node = self._process()
            assert node.stdin is not None and node.stdout is not None
            node.stdin.write(json.dumps(missing) + "\n")
            node.stdin.flush()
            reply = node.stdout.readline()
            if not reply:
                raise PluginError(f"KaTeX: the Node renderer exited while rendering {where}")
            for (tex, display), result in zip(missing, json.loads(reply), strict=True):
                if "error" in result:
                    raise PluginError(
                        f"KaTeX cannot render a formula on {where}: {result['error']}\n"
                        f"  formula: {tex}"
                    )
                self.cache[self.key(tex, display)] = result["html"]
            self.rendered += len(missing)
            self.dirty = True
        return [self.cache[self.key(*f)] for f in formulas]

    def save(self) -> None:
        if not self.dirty:
            return
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=CACHE_DIR, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(self.cache, out, ensure_ascii=False)
        os.replace(tmp, self.cache_file)  # atomic: a concurrent build reads old or new
        self.dirty = False

    def close(self) -> None:
        if self._node is not None:
            assert self._node.stdin is not None and self._node.stdout is not None
            self._node.stdin.close()  # end of input: the renderer exits
            self._node.wait(timeout=10)
            self._node.stdout.close()
            self._node = None


_renderer: Renderer | None = None


def renderer() -> Renderer:
    global _renderer
    if _renderer is None:
        _renderer = Renderer()
        atexit.register(_renderer.close)
    return _renderer


def render_math(page_html: str, where: str) -> str:
    """``page_html`` with every arithmatex element's TeX replaced by KaTeX HTML."""
    found: list[tuple[str, bool]] = []
    for match in MATH.finditer(page_html):
        tag, body = match.group(1), html.unescape(match.group(2))
        left, right = DELIMITERS[tag]
        if not (body.startswith(left) and body.endswith(right)):
            raise PluginError(f"KaTeX: unexpected math markup on {where}: {match.group(0)[:200]}")
        found.append((body[len(left) : -len(right)].strip(), tag == "div"))
    if not found:
        return page_html
    rendered = iter(renderer().render(found, where))

    def swap(match: re.Match[str]) -> str:
        tag = match.group(1)
        return f'<{tag} class="arithmatex">{next(rendered)}</{tag}>'

    return MATH.sub(swap, page_html)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _sources()  # fail early, before any page is rendered
    renderer()
    return config


def _typeset_toc(items: list[Any]) -> None:
    """Headings with math: give their TOC entry markup the page hook then renders.

    The TOC keeps a heading's text only, so ``$x$`` in a heading would show as
    raw ``\\(x\\)`` in the sidebars. Material shows ``toc_item.typeset.title``
    (HTML) instead of the text when it is set, as its typeset plugin does.
    """
    for item in items:
        if "\\(" in item.title and not getattr(item, "typeset", None):
            item.typeset = {
                "title": TOC_MATH.sub(r'<span class="arithmatex">\g<0></span>', item.title)
            }
        _typeset_toc(item.children)


def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    _typeset_toc(list(page.toc))
    return html


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    return render_math(output, page.file.src_uri)


def on_post_build(config: MkDocsConfig) -> None:
    renderer().save()
    target = Path(config.site_dir) / "assets" / "katex"
    for src, rel in _sources():
        dst = target / rel
        if dst.is_file() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)


def on_shutdown() -> None:
    if _renderer is not None:
        _renderer.save()
        _renderer.close()
