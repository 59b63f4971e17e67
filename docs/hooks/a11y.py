"""MkDocs hook: the theme's accessibility gaps and English leftovers, fixed in the HTML.

What axe-core (``tests/test_a11y.py``) and a reader of the Korean site found in the
pages Material and Python-Markdown write, and what this hook changes:

- **Search dialog name.** Material's ``<div class="md-search" role="dialog">`` has no
  accessible name; it gets ``aria-label`` in the page's language.
- **Permalinks.** Python-Markdown's ``toc`` extension titles every heading anchor
  "Permanent link" whatever the page's language (one setting for both builds); Korean
  pages get a Korean title.
- **Empty table headers.** An empty header cell (the corner of a table with row
  headers) becomes a data cell, so it does not announce an empty column header.
- **One 404 page per language.** mkdocs-static-i18n writes every language's ``404.html``
  to the site root, the last build winning; the default language keeps ``/404.html`` and
  every other language gets ``/<lang>/404.html`` (``docs/overrides/404.html`` writes the
  text in the build's language).
- **No 404 from the language switcher.** Material fetches ``sitemap.xml`` next to every
  ``<link rel="alternate" hreflang>`` of the page, meant for language roots; the i18n
  plugin writes one per translated page, so each page load asked for
  ``<page>/sitemap.xml`` and got a 404. The links go (the sitemap lists the same
  ``hreflang`` alternates for search engines) and the switcher's menu links, which point
  at the translated page, work as before.
- **Search titles without TeX.** The search index is built before ``katex.py`` renders
  math, so a heading with inline math showed ``\\(s\\sqrt n\\)`` in the results; the
  titles in the written indexes get the formula as plain text (``s√n``).

Scrollable regions (display math, wide tables, code) are made keyboard-focusable in the
browser by ``docs/javascripts/a11y.js``, because whether they scroll depends on the width.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

DEFAULT_LANGUAGE = "ko"
SEARCH_NAME = {"ko": "검색", "en": "Search"}
PERMALINK_TITLE = {"ko": "이 절의 고정 링크"}

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">\s*')
_EMPTY_HEADER = re.compile(r"<th((?: [^>]*)?)>\s*</th>")
_INLINE_TEX = re.compile(r"\\\((.+?)\\\)")
_TEX_SYMBOLS = {
    "sqrt": "√",
    "cdot": "·",
    "times": "×",
    "le": "≤",
    "ge": "≥",
    "leq": "≤",
    "geq": "≥",
    "approx": "≈",
    "infty": "∞",
    "sum": "∑",
    "partial": "∂",
    "nabla": "∇",
    "ne": "≠",
    "to": "→",
    "in": "∈",
    "ldots": "…",
    "dots": "…",
    "log": "log",
    "exp": "exp",
}
_TEX_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
_BASE = re.compile(r'("base":\s*)"[^"]*"')  # in Material's __config of the 404 page
_404_PAGE: dict[str, str] = {}  # 404 page per language, written at the end of the build


def _language(config: MkDocsConfig) -> str:
    return str(config.theme["language"])


def fix_html(html: str, language: str) -> str:
    """The page-level fixes above, for a page written in ``language``."""
    name = SEARCH_NAME.get(language, SEARCH_NAME["en"])
    html = html.replace(
        _SEARCH_DIALOG,
        _SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{name}"'),
    )
    html = _ALTERNATE.sub("", html)
    if language in PERMALINK_TITLE:
        html = html.replace('title="Permanent link"', f'title="{PERMALINK_TITLE[language]}"')
    html = _once_each_stylesheet(html)
    return _EMPTY_HEADER.sub(r"<td\1></td>", html)


_STYLESHEET = re.compile(r'[ \t]*<link rel="stylesheet" href="([^"]+)"[^>]*>\n?')


def _once_each_stylesheet(html: str) -> str:
    """Each stylesheet linked once: the i18n plugin's second-language build adds
    mkdocstrings' stylesheet to the config a second time.

    Material links stylesheets only in ``<head>``, so only the head is searched
    (the whole page took 6 ms a page: a pattern that may start with blanks is
    tried at every position of a long API page).
    """
    end = html.find("</head>")
    head, body = (html, "") if end < 0 else (html[:end], html[end:])
    seen: set[str] = set()

    def first(match: re.Match[str]) -> str:
        if match.group(1) in seen:
            return ""
        seen.add(match.group(1))
        return match.group(0)

    return _STYLESHEET.sub(first, head) + body


def _tex_command(match: re.Match[str]) -> str:
    word = match.group(1)
    if word in _TEX_SYMBOLS:
        return _TEX_SYMBOLS[word]
    try:
        return unicodedata.lookup(
            f"GREEK {'CAPITAL' if word[0].isupper() else 'SMALL'} LETTER {word.upper()}"
        )
    except KeyError:
        return word


def tex_to_text(title: str) -> str:
    """Inline ``\\(...\\)`` math in a heading as readable text: ``\\(s\\sqrt n\\)`` → ``s√n``."""

    def plain(match: re.Match[str]) -> str:
        text = _TEX_COMMAND.sub(_tex_command, match.group(1))
        return re.sub(r"[{}]|\\[,;! ]", "", text).strip()

    return _INLINE_TEX.sub(plain, title)


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    return fix_html(output, _language(config))


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    language = _language(config)
    output = fix_html(output, language)
    if language == DEFAULT_LANGUAGE:
        _404_PAGE[DEFAULT_LANGUAGE] = output
        return output
    # written after search_split.py has rebased the English pages (on_post_build)
    _404_PAGE[language] = _BASE.sub(
        rf'\g<1>"{urlsplit(config.site_url or "/").path}{language}/"', output
    )
    return _404_PAGE.get(DEFAULT_LANGUAGE, output)


@event_priority(-300)  # after search_split.py (-200) has written one index per language
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "building", False):
        return  # an inner per-language build; the final pass comes last
    for language, page in _404_PAGE.items():
        if language != DEFAULT_LANGUAGE:
            target = Path(config.site_dir) / language / "404.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")
    for index_path in Path(config.site_dir).glob("**/search/search_index.json"):
        index = json.loads(index_path.read_text(encoding="utf-8"))
        for doc in index["docs"]:
            doc["title"] = tex_to_text(doc["title"])
        index_path.write_text(json.dumps(index, ensure_ascii=False), "utf-8")
