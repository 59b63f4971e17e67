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
"""

from __future__ import annotations

import functools
from typing import Any

from pymdownx.highlight import Highlight

_STASH = "\x02wzxhzdk:"  # the prefix of Python-Markdown's htmlStash markers
_MAX = 20_000
_memo: dict[str, str] = {}
_original = Highlight.highlight


@functools.wraps(_original)
def _highlight(self: Highlight, *args: Any, **kwargs: Any) -> str:
    settings = {k: v for k, v in vars(self).items() if k != "md"}
    key = repr((type(self).__qualname__, sorted(settings.items()), args, sorted(kwargs.items())))
    if key in _memo:
        return _memo[key]
    result = _original(self, *args, **kwargs)
    if _STASH not in result:
        if len(_memo) >= _MAX:
            _memo.clear()
        _memo[key] = result
    return result


if not getattr(Highlight.highlight, "_dlref_memo", False):
    Highlight.highlight = _highlight  # type: ignore[method-assign]
    _highlight._dlref_memo = True  # type: ignore[attr-defined]
