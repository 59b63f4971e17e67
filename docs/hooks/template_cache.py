"""MkDocs hook: compile the theme's Jinja templates once, not on every build.

MkDocs makes a new Jinja environment for the theme on every build (and for
each language: mkdocs-static-i18n builds the site twice), so the 85 templates
Material's pages use were parsed and compiled to Python again each time: about
0.4 s of every build and of every ``mkdocs serve`` rebuild. This hook gives the
theme's environment Jinja's own bytecode cache on disk (``.cache/build/jinja/``,
see ``build_cache.py``): Jinja stores each compiled template with a checksum of
its source and compiles again when the source changes, so an edited override in
``docs/overrides/`` is picked up as before. The folder is salted with the versions
of Jinja, MkDocs and Material. ``DLREF_BUILD_CACHE=off`` turns it off.
"""

from __future__ import annotations

from typing import Any

import build_cache
from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig

_cache: list[FileSystemBytecodeCache] = []


def _bytecode_cache() -> FileSystemBytecodeCache:
    if not _cache:
        salt = build_cache.digest(build_cache.versions("jinja2", "mkdocs", "mkdocs-material"))
        folder = build_cache.DIR / "jinja" / salt[:16]
        folder.mkdir(parents=True, exist_ok=True)
        _cache.append(FileSystemBytecodeCache(str(folder)))
    return _cache[0]


def on_env(env: Environment, config: MkDocsConfig, **kwargs: Any) -> Environment:
    if build_cache.ENABLED:
        env.bytecode_cache = _bytecode_cache()
    return env
