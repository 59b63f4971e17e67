"""MkDocs hook: keep autorefs' cross-reference resolution of each page across builds.

After every page is converted, mkdocs-autorefs (``on_env``) resolves the
``<autoref>`` elements of every page (``fix_refs``: a pass over each page's HTML,
an HTML parse of each reference and a URL lookup). On a ``mkdocs serve`` rebuild
the pages come from ``page_cache.py`` but this pass still ran on all 100 of
them. This hook keeps its result in ``.cache/build/xrefs/``, keyed by

- the page's HTML and URL,
- a digest of every identifier, URL and title autorefs knows in this build
  (computed once per language, in ``on_env`` before autorefs' own), so a heading
  renamed on any page, or a page moved, misses on every page;
- the plugin's settings and the ``fix_refs`` options, the versions of
  mkdocs-autorefs and MkDocs, and this file, ``build_cache.py`` and
  ``autorefs_closest.py`` (which changes how a URL is picked).

A hit replays the backlinks that resolving recorded. A page with a reference
that does not resolve is not stored (autorefs warns, every time), nor is a
build whose autorefs has a fallback resolver (it can add identifiers while
resolving). ``DLREF_BUILD_CACHE=off`` turns it off.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import build_cache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs_autorefs._internal import plugin as _autorefs

HOOKS = build_cache.ROOT / "docs" / "hooks"
cache = build_cache.DiskCache("xrefs", max_mb=12)  # both languages used 5.0 MiB (2026-12-06)
_state: dict[str, Any] = {"plugin": None, "maps": ""}
_original = getattr(_autorefs.fix_refs, "_dlref_original", _autorefs.fix_refs)


@functools.wraps(_original)
def _fix_refs(
    html: str, url_mapper: Callable[[str], Any], *,
    record_backlink: Callable[..., None] | None = None, **options: Any,
) -> tuple[str, list[Any]]:  # fmt: skip
    plugin = getattr(getattr(url_mapper, "func", None), "__self__", None)
    keywords = getattr(url_mapper, "keywords", {})
    if (
        not build_cache.ENABLED
        or not cache.salt
        or plugin is None
        or plugin is not _state["plugin"]
        or keywords.get("fallback") is not None
    ):
        return _original(html, url_mapper, record_backlink=record_backlink, **options)
    key = (html, keywords.get("from_url"), _state["maps"], sorted(options.items()),
           record_backlink is not None)  # fmt: skip
    hit = cache.get(key)
    if hit is not None:
        for args in hit["backlinks"]:
            assert record_backlink is not None
            record_backlink(*args)
        return str(hit["html"]), []
    backlinks: list[tuple[str, str, str]] = []

    def recording(identifier: str, backlink_type: str, backlink_anchor: str) -> None:
        backlinks.append((identifier, backlink_type, backlink_anchor))
        assert record_backlink is not None
        record_backlink(identifier, backlink_type, backlink_anchor)

    recorder = None if record_backlink is None else recording
    fixed, unmapped = _original(html, url_mapper, record_backlink=recorder, **options)
    if not unmapped:
        cache.put(key, {"html": fixed, "backlinks": backlinks})
    return fixed, unmapped


_fix_refs._dlref_original = _original  # type: ignore[attr-defined]
_autorefs.fix_refs = _fix_refs


def on_files(files: Files, config: MkDocsConfig) -> Files:
    cache.salt = build_cache.digest(
        build_cache.versions("mkdocs", "mkdocs-autorefs"),
        build_cache.files_digest(
            [HOOKS / "xref_cache.py", HOOKS / "build_cache.py", HOOKS / "autorefs_closest.py"]
        ),
    )
    return files


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    """Before autorefs' ``on_env`` (priority -50): what it knows, every page converted."""
    plugin = config.plugins.get("autorefs")
    _state["plugin"] = plugin
    _state["maps"] = build_cache.digest(
        dict(plugin.config),  # type: ignore[union-attr]
        getattr(plugin, "_primary_url_map", None),
        getattr(plugin, "_secondary_url_map", None),
        getattr(plugin, "_title_map", None),
        getattr(plugin, "_abs_url_map", None),
    )
    return env


def on_post_build(config: MkDocsConfig) -> None:
    _state["plugin"] = None
    cache.finish()
