"""MkDocs hook: one search index per language, holding prose, not source code.

The API pages show each object's source in a collapsed
``<details class="mkdocstrings-source">`` block, and the concept pages the
script behind each figure in a collapsed ``??? example`` block
(``<details class="example">``), for learners to read. That code would be
half of the index (and match every query for ``np``), and parsing its
highlighted HTML was most of the search plugin's time. So this hook swaps each
such block for a stand-in comment before Material's search plugin indexes
the page (``on_page_content``) and puts it back in the written page
(``on_post_page``). Prose, formulas, signatures and the ``>>>`` snippets stay
searchable.

Material loads its search index from ``<base>/search/search_index.json``, and
mkdocs-static-i18n writes a single index holding every language. A Korean
query would then also list English pages that happen to contain Korean words
(the glossary does) and the reverse. After i18n has written the merged index,
this hook

1. splits it into ``search/search_index.json`` (Korean pages) and
   ``en/search/search_index.json`` (English pages, locations made relative to
   ``en/``), and
2. points the ``base`` of every English page's Material config one level
   deeper, at ``en/``, so those pages load the English index and resolve its
   locations.

Each index entry also gets the other written forms of its terms (solid Korean,
British spelling of American words, a glossary row's terms on the page it links):
see ``search_variants.py``. Every page loads Material's search worker through
``assets/javascripts/workers/dlref-search.js``, which normalises each query
(trailing Korean particle, -ize, plural) before Material's worker runs it.

Material uses ``base`` only for the search index and for the sitemap lookup of
the language switcher, which falls back to the alternate link either way; the
browser tests check search, switching and navigation in both languages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import build_cache
import search_variants
from material.plugins.search.plugin import SearchIndex
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from search_variants import augment, glossary_text

# Both are imported by path (mkdocs puts the hooks folder on sys.path while it loads them).

PRIMARY, SECONDARY = "ko", "en"
#: Collapsed source-code blocks kept out of the search index.
_SOURCE = re.compile(r'<details class="(?:mkdocstrings-source|example)".*?</details>', re.S)
_PLACEHOLDER = re.compile(
    r"<!--dlref-unindexed-(\d+)-->|<!--dlref-plain-(\d+)-->.*?<!--/dlref-plain-\2-->", re.S
)
#: Highlighted code blocks, and the tags Pygments wraps each token in.
_HIGHLIGHT = re.compile(r'<div class="language-[^"]*highlight">.*?</pre></div>', re.S)
_SPAN = re.compile(r"</?span[^>]*>")
_held: dict[str, list[str]] = {}  # page → the blocks its stand-in comments replace
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
#: Material's search worker, and the project's query normaliser put in front of it.
_WORKER = re.compile(r'("search": ")([^"]*/)(search\.[0-9a-f]+\.min\.js)(")')
FRONT_WORKER = "dlref-search.js"
#: Index entries of a page, keyed by everything Material's indexer reads (see _add_entry).
_entries = build_cache.DiskCache("search", max_mb=6)  # both languages used 2.1 MiB (2026-12-06)
_entries.salt = build_cache.digest(
    build_cache.versions("mkdocs", "mkdocs-material", "jieba"),
    build_cache.files_digest([Path(__file__), Path(build_cache.__file__)]),
)
_VARIANTS_SALT = build_cache.files_digest(
    [Path(__file__), Path(build_cache.__file__), Path(search_variants.__file__)]
)
_original_add = getattr(
    SearchIndex.add_entry_from_context, "_dlref_original", SearchIndex.add_entry_from_context
)


def _toc_key(toc: Any) -> list[Any]:
    return [[i.id, i.url, i.title, i.level, _toc_key(i.children)] for i in toc]


def _add_entry(self: SearchIndex, page: Page) -> None:
    """Material's ``add_entry_from_context``, its result kept across builds.

    Material parses each page's HTML with Python's ``HTMLParser`` (the largest
    part of the search plugin's time) and makes index entries from the
    sections, the table of contents, the URL, the title and the front matter:
    all of that is the key, so a page whose HTML has not changed is not parsed.
    """
    key = (
        page.content, _toc_key(page.toc), page.url, page.title, repr(page.meta), repr(self.config)
    )  # fmt: skip
    hit = _entries.get(key)
    if hit is not None:
        self.entries.extend(hit)
        return
    start = len(self.entries)
    _original_add(self, page)
    _entries.put(key, self.entries[start:])


_add_entry._dlref_original = _original_add  # type: ignore[attr-defined]
SearchIndex.add_entry_from_context = _add_entry  # type: ignore[method-assign]


def _augment(docs: list[dict[str, str]], lang: str, glossary: str) -> list[dict[str, str]]:
    """``search_variants.augment``, each entry's result kept across builds."""
    memo = build_cache.MemoFile(f"search-variants-{lang}", _VARIANTS_SALT)
    glossary_digest = build_cache.digest(glossary)  # once, not once per entry
    keys = [build_cache.digest(doc, lang, glossary_digest) for doc in docs]
    missing = [i for i, k in enumerate(keys) if memo.get(k) is None]
    for i, new in zip(missing, augment([docs[i] for i in missing], lang, glossary), strict=True):
        memo.put(keys[i], new)
    memo.save()
    return [memo.get(k) for k in keys]


def _rebase(html: str, page: Path) -> str:
    def fix(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        base = config.get("base", ".")
        if base == "..":
            config["base"] = "."
        elif base.startswith("../"):
            config["base"] = base[3:]
        else:
            raise PluginError(f"search_split: unexpected base {base!r} in {page}")
        return match.group(1) + json.dumps(config, ensure_ascii=False) + match.group(3)

    new, count = _CONFIG.subn(fix, html)
    if count != 1:
        raise PluginError(f"search_split: Material's __config not found in {page}")
    return new


def on_page_content(html: str, page: Page, **kwargs: Any) -> str:
    blocks: list[str] = []

    def hold(match: re.Match[str]) -> str:
        blocks.append(match.group(0))
        return f"<!--dlref-unindexed-{len(blocks) - 1}-->"

    def plain(match: re.Match[str]) -> str:
        # The search plugin keeps a code block's text but drops its <span>s, so
        # the same text without Pygments' spans (a third of what it parsed)
        # gives the same index; on_post_page puts the highlighted block back.
        blocks.append(match.group(0))
        n = len(blocks) - 1
        return f"<!--dlref-plain-{n}-->{_SPAN.sub('', match.group(0))}<!--/dlref-plain-{n}-->"

    html = _SOURCE.sub(hold, html)
    html = _HIGHLIGHT.sub(plain, html)
    _held[page.file.src_uri] = blocks
    return html


def _front_worker(html: str, where: str) -> str:
    """Load the search worker through ``dlref-search.js`` (the query normaliser)."""
    head, sep, rest = html.partition('<script id="__config"')
    new, count = _WORKER.subn(
        lambda m: f"{m[1]}{m[2]}{FRONT_WORKER}?material={m[3]}{m[4]}", rest, count=1
    )
    if not sep or count != 1:
        raise PluginError(f"search_split: Material's search worker not found in {where}")
    return head + sep + new


@event_priority(50)  # before katex.py renders the page's math, held blocks included
def on_post_page(output: str, page: Page, **kwargs: Any) -> str:
    output = _front_worker(output, page.file.src_uri)
    blocks = _held.pop(page.file.src_uri, [])
    output, count = _PLACEHOLDER.subn(lambda m: blocks[int(m.group(1) or m.group(2))], output)
    if count != len(blocks):
        raise PluginError(
            f"search_split: {len(blocks)} source block(s) held back from the search "
            f"index on {page.file.src_uri}, {count} put back"
        )
    return output


def on_post_template(output: str, template_name: str, **kwargs: Any) -> str:
    return _front_worker(output, template_name) if template_name == "404.html" else output


@event_priority(-200)  # after i18n (-100) has merged and written the index
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "building", False):
        return  # an inner per-language build; the final pass comes last
    site = Path(config.site_dir)
    index_path = site / "search" / "search_index.json"
    index = json.loads(index_path.read_text(encoding="utf-8"))
    prefix = SECONDARY + "/"
    primary = [d for d in index["docs"] if not d["location"].startswith(prefix)]
    secondary = [
        dict(d, location=d["location"][len(prefix) :])
        for d in index["docs"]
        if d["location"].startswith(prefix)
    ]
    docs_dir = Path(config.docs_dir)
    primary = _augment(primary, PRIMARY, glossary_text(docs_dir, PRIMARY))
    secondary = _augment(secondary, SECONDARY, glossary_text(docs_dir, SECONDARY))
    _entries.finish()
    index_path.write_text(json.dumps(dict(index, docs=primary), ensure_ascii=False), "utf-8")
    target = site / SECONDARY / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(dict(index, docs=secondary), ensure_ascii=False), "utf-8")
    for page in (site / SECONDARY).rglob("*.html"):
        page.write_text(_rebase(page.read_text(encoding="utf-8"), page), "utf-8")
