"""MkDocs hook: keep each API block's rendered HTML across builds (``.cache/build/api``).

Rendering the ``::: dlref.x`` blocks (mkdocstrings' Jinja templates, the
docstrings' Markdown, Ruff formatting each signature in a subprocess, Pygments
highlighting each ``show_source`` block) was about 40 % of a warm build, done
again for each language and on every ``mkdocs serve`` rebuild, though the
output changes only when the code, the templates or the settings do. This hook
wraps ``PythonHandler.render`` with a disk cache keyed by

- the object's path, the rendering options and the locale,
- the page it is rendered on (relative links depend on it) and the site's file list,
- a digest of every file under ``dlref/``, of ``docs/templates/``, of
  ``mkdocs.yml``, of this hook and ``build_cache.py``, and the versions of every
  package on the rendering path.

``render`` has three side effects besides its HTML, and a cache hit replays them:
the headings it hands to mkdocstrings (for the table of contents, autorefs and
the inventory: ``handler._headings``), the anchors registered with autorefs
while the docstrings were converted, and the aliases griffe adds to an object
when a template reads a class's inherited members (``Adam.lr`` for
``Optimizer.lr``: mkdocstrings registers each alias with autorefs and the
inventory; ``griffe_aliases.py``). Collection (griffe) still runs, so a
missing object still fails the build. What a render adds is also handed to
``page_cache.py`` (``build_cache.record``), which replays whole pages. The built
site is byte-identical with and without the cache (``tests/test_build_cache.py``).
"""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

import build_cache
import griffe_aliases
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocstrings_handlers.python import PythonHandler

ROOT = build_cache.ROOT
cache = build_cache.DiskCache("api", max_mb=32)  # both languages used 12.8 MiB (2026-12-06)
_state: dict[str, Any] = {"autorefs": None, "config": ""}
_original = getattr(PythonHandler.render, "_dlref_original", PythonHandler.render)
_original_collect = getattr(PythonHandler.collect, "_dlref_original", PythonHandler.collect)
PACKAGES = (
    "mkdocs", "mkdocstrings", "mkdocstrings-python", "griffelib", "griffe", "mkdocs-autorefs",
    "markdown", "pymdown-extensions", "pygments", "ruff", "black", "jinja2", "markupsafe",
    "mkdocs-material",
)  # fmt: skip


def _render(self: PythonHandler, data: Any, options: Any, locale: str | None = None) -> str:
    autorefs = _state["autorefs"]
    page = getattr(autorefs, "current_page", None)
    if page is None or not build_cache.ENABLED:
        return str(_original(self, data, options, locale=locale))
    key = (str(data.path), repr(options), locale, page.file.src_uri, page.url)
    hit = cache.get(key)
    if hit is not None:
        for tag, attrib, text in hit["headings"]:
            el = Element(tag, attrib)
            el.text = text
            self._headings.append(el)
        for identifier, anchor, title, primary in hit["anchors"]:
            autorefs.register_anchor(page, identifier, anchor, title=title, primary=primary)
        griffe_aliases.add(self, hit["aliases"])
        build_cache.record("aliases", self.name, hit["aliases"])
        return str(hit["html"])

    anchors: list[tuple[str, str | None, str | None, bool]] = []
    register = autorefs.register_anchor

    def recording(
        on: Any, identifier: str, anchor: str | None = None, *, title: str | None = None,
        primary: bool = True,
    ) -> None:  # fmt: skip
        if on is page:
            anchors.append((identifier, anchor, title, primary))
        register(on, identifier, anchor, title=title, primary=primary)

    start = len(self._headings)
    before = griffe_aliases.all_aliases(self)
    autorefs.register_anchor = recording
    try:
        html = str(_original(self, data, options, locale=locale))
    finally:
        del autorefs.register_anchor  # back to the class's method
    new = self._headings[start:]
    aliases = griffe_aliases.created_since(self, before)
    build_cache.record("aliases", self.name, aliases)
    if all(len(el) == 0 and not el.tail for el in new):  # text-only headings, as do_heading makes
        headings = [(el.tag, dict(el.attrib), el.text) for el in new]
        cache.put(key, {"html": html, "headings": headings, "anchors": anchors, "aliases": aliases})
    return html


def _collect(self: PythonHandler, identifier: str, options: Any) -> Any:
    data = _original_collect(self, identifier, options)
    griffe_aliases.add_pending(self)
    return data


_render._dlref_original = _original  # type: ignore[attr-defined]
_collect._dlref_original = _original_collect  # type: ignore[attr-defined]
PythonHandler.render = _render  # type: ignore[method-assign]
PythonHandler.collect = _collect  # type: ignore[method-assign]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    autorefs = config.plugins.get("autorefs")
    if autorefs is None or not hasattr(autorefs, "register_anchor"):
        raise PluginError("docs/hooks/api_cache.py: the autorefs plugin is not enabled")
    _state["autorefs"] = autorefs
    _state["config"] = build_cache.files_digest(
        [
            ROOT / "mkdocs.yml",
            ROOT / "docs" / "templates",
            ROOT / "docs" / "hooks" / "api_cache.py",
            ROOT / "docs" / "hooks" / "build_cache.py",
            ROOT / "docs" / "hooks" / "griffe_aliases.py",
        ]
    )
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    cache.salt = build_cache.digest(
        build_cache.versions(*PACKAGES),
        _state["config"],
        build_cache.files_digest([ROOT / "dlref"], (".py", ".pyi")),
        sorted(f.src_uri for f in files),
    )
    return files


def on_post_build(config: MkDocsConfig) -> None:
    cache.finish()
