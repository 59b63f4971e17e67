"""MkDocs hook: compile the theme's Jinja templates once, not on every build.

MkDocs makes a new Jinja environment for the theme on every build (and for
each language: mkdocs-static-i18n builds the site twice), so the 85 templates
Material's pages use were parsed and compiled to Python again each time: about
0.4 s of every build and of every ``mkdocs serve`` rebuild. This hook gives the
theme's environment Jinja's own bytecode cache on disk (``.cache/build/jinja/``,
see ``build_cache.py``): Jinja stores each compiled template with a checksum of
its source and compiles again when the source changes, so an edited override in
``docs/overrides/`` is picked up as before. The folder is salted with the versions
of Jinja, MkDocs and Material; the folders of other versions are deleted.

Listing the theme's templates (MkDocs adds every file of the theme folders to
the site's files, on every build) walks Material's folder of about 14 000 files
twice a build; the listing of a folder outside this repository (an installed
theme, which does not change while ``mkdocs serve`` runs) is kept for the
process. ``docs/overrides/`` is listed afresh every time.
``DLREF_BUILD_CACHE=off`` turns both off.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import build_cache
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
from mkdocs.config.defaults import MkDocsConfig

_cache: list[FileSystemBytecodeCache] = []
_listed: dict[tuple[str, bool], list[str]] = {}
_original_list = getattr(
    FileSystemLoader.list_templates, "_dlref_original", FileSystemLoader.list_templates
)


def _list_one(path: str, followlinks: bool) -> list[str]:
    listed = _original_list(FileSystemLoader([path], followlinks=followlinks))
    return list(listed)


def _list_templates(self: FileSystemLoader) -> list[str]:
    """Jinja's listing (the union of every search path's files), installed themes memoised."""
    if not build_cache.ENABLED:
        return list(_original_list(self))
    found: set[str] = set()
    for path in self.searchpath:
        if build_cache.ROOT in Path(path).resolve().parents:
            found.update(_list_one(path, self.followlinks))
        else:
            key = (str(path), self.followlinks)
            if key not in _listed:
                _listed[key] = _list_one(path, self.followlinks)
            found.update(_listed[key])
    return sorted(found)


_list_templates._dlref_original = _original_list  # type: ignore[attr-defined]
FileSystemLoader.list_templates = _list_templates  # type: ignore[method-assign]


def _bytecode_cache() -> FileSystemBytecodeCache:
    if not _cache:
        salt = build_cache.digest(build_cache.versions("jinja2", "mkdocs", "mkdocs-material"))
        folder = build_cache.DIR / "jinja" / salt[:16]
        folder.mkdir(parents=True, exist_ok=True)
        for other in folder.parent.iterdir():
            if other != folder:  # compiled for other versions of the packages
                shutil.rmtree(other, ignore_errors=True)
        _cache.append(FileSystemBytecodeCache(str(folder)))
    return _cache[0]


def on_env(env: Environment, config: MkDocsConfig, **kwargs: Any) -> Environment:
    if build_cache.ENABLED:
        env.bytecode_cache = _bytecode_cache()
    return env
