"""MkDocs hook: highlight each code block once per process, not once per language.

mkdocs-static-i18n builds the site once per language in the same process, and
the code on a page is the same in both languages: every ``show_source`` block
of the API pages, every ``>>>`` snippet and every figure script went through
Pygments twice. This hook memoises ``pymdownx.highlight.Highlight.highlight``
(which mkdocstrings' highlighter and pymdownx.superfences both call) on its
arguments and on the highlighter's settings, so the second language reuses the
first one's HTML. It also serves ``mkdocs serve`` rebuilds, where most blocks
have not changed.

The memo is skipped when a result holds a Markdown stash marker (an HTML
code title, which points into one page's stash), so it is only used for output
that depends on nothing but its key.

The memo is also kept on disk (``.cache/build/highlight.json``, see
``build_cache.py``), salted with the versions of Pygments, pymdown-extensions
and Markdown and with this file, so a warm build or the first rebuild of
``mkdocs serve`` highlights only the blocks that changed. Entries a build did
not use are dropped when it saves the file.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import build_cache
from mkdocs.config.defaults import MkDocsConfig
from pymdownx.highlight import Highlight

_STASH = "\x02wzxhzdk:"  # the prefix of Python-Markdown's htmlStash markers
_MAX = 20_000
_memo: dict[str, str] = {}
_original = getattr(Highlight.highlight, "_dlref_original", Highlight.highlight)
_disk = build_cache.MemoFile(
    "highlight",
    build_cache.digest(
        build_cache.versions("pygments", "pymdown-extensions", "markdown"),
        build_cache.files_digest([Path(__file__), Path(build_cache.__file__)]),
    ),
)


@functools.wraps(_original)
def _highlight(self: Highlight, *args: Any, **kwargs: Any) -> str:
    settings = {k: v for k, v in vars(self).items() if k != "md"}
    key = repr((type(self).__qualname__, sorted(settings.items()), args, sorted(kwargs.items())))
    if key in _memo:
        return _memo[key]
    disk_key = build_cache.digest(key)
    result = _disk.get(disk_key)
    if result is None:
        result = _original(self, *args, **kwargs)
        if isinstance(result, str) and _STASH not in result:  # not an inline code's Element
            _disk.put(disk_key, result)
    if _STASH not in result:
        if len(_memo) >= _MAX:
            _memo.clear()
        _memo[key] = result
    return result


_highlight._dlref_original = _original  # type: ignore[attr-defined]
Highlight.highlight = _highlight  # type: ignore[method-assign]


def on_post_build(config: MkDocsConfig) -> None:
    _disk.save()
