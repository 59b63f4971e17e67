"""Search variants: what readers type that the pages do not spell out.

Material's lunr index splits text at spaces and matches each query word as a
prefix. That misses three ways readers write a term:

* Korean terms written solid or spaced (``배치정규화`` / ``배치 정규화``): the
  index holds ``배치`` and ``정규화``, and no token starts with ``배치정규화``.
* English spelling: the prose is British (``initialisation``), the field's
  papers and APIs American (``initialization``, ``BatchNormalization``).
* A glossary term names the page about it (``정규화`` / ``normalization`` → the
  normalising-inputs page), but a page's own title may not rank it first.

So :func:`augment` adds to each index entry's title and text, in ``hidden``
spans (shown to no one, tokenised by the search worker like any text):

1. the solid form of every spaced Korean glossary term the entry contains,
2. the British form of every American ``-ize``/``-yze`` word it contains
   (:func:`british`; the query side maps typed words the same way, see
   ``docs/assets/javascripts/workers/dlref-search.js``), and
3. on the page a glossary row links to, that row's terms in all these forms.

The query side also strips a trailing Korean particle (``정규화를`` → ``정규화``)
and an English plural; prefix matching does the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

#: -ize/-yze → -ise/-yse, as in the query normaliser (same pattern, same rules):
#: at least three letters before the suffix (not size, seize, prize), and only
#: the suffixes of that family (not citizen, horizon).
_AMERICAN = re.compile(
    r"(?<![a-z])([a-z]{3,}[iy])z(?=(?:ations?|ing|ers?|es|ed|e)?(?![a-z]))", re.I
)
_HANGUL = re.compile(r"[가-힣]")
_ROW = re.compile(r"^\|(.*)\|\s*$")
_LINK = re.compile(r"\]\(([^)#]+\.md)")
#: Where the search splits words: the ``separator`` of the search plugin in mkdocs.yml.
SEPARATOR = r'[\s\-,:;!?=\[\]()"/·]+|\.(?!\d)'
_TOKEN = re.compile(rf"(?:(?!{SEPARATOR}).)+")
_TOKEN_REST = re.compile(rf"(?:(?!{SEPARATOR}).)*")
_TAGS = re.compile(r"<[^>]*>")
_PAREN = re.compile(r"\s*\(([^)]*)\)")
_SEGMENT = re.compile(r"<[^>]*>|[^<]+")  # a tag, or the text between tags


def british(word: str) -> str:
    """The British spelling of an -ize/-yze word (other words unchanged).

    >>> british("initialization"), british("BatchNormalization"), british("analyzed")
    ('initialisation', 'BatchNormalisation', 'analysed')
    >>> british("size"), british("citizen"), british("batch_size")
    ('size', 'citizen', 'batch_size')
    """
    return _AMERICAN.sub(r"\1s", word)


def solid(term: str) -> str | None:
    """A spaced Korean term written solid, or None if it has nothing to join.

    >>> solid("배치 정규화"), solid("지수가중 이동평균"), solid("드롭아웃"), solid("L2 규제")
    ('배치정규화', '지수가중이동평균', None, 'L2규제')
    """
    if " " not in term or not _HANGUL.search(term):
        return None
    return term.replace(" ", "")


@dataclass(frozen=True)
class Row:
    """One glossary row: its Korean and English terms and the page it links."""

    ko: tuple[str, ...]
    en: tuple[str, ...]
    page: str | None  # e.g. "practical/normalizing-inputs/" (an index location)


def _terms(cell: str) -> tuple[str, ...]:
    """Terms of a glossary cell: comma-separated, parenthesised alternatives split off.

    >>> _terms("Xavier (Glorot) initialization")
    ('Xavier initialization', 'Glorot')
    >>> _terms("$m$으로 나눈 분산(편향 추정량)")
    ()
    """
    out: list[str] = []
    for part in cell.split(","):
        if "$" in part or "`" in part:
            continue
        inner = _PAREN.findall(part)
        main = _PAREN.sub("", part).strip()
        out += [t.strip() for t in (main, *inner) if t.strip()]
    return tuple(out)


def parse_glossary(text: str) -> list[Row]:
    """The rows of a glossary page's table (Korean | English | note)."""
    rows = []
    for line in text.splitlines():
        match = _ROW.match(line)
        if not match:
            continue
        cells = [c.strip() for c in match.group(1).split("|")]
        if len(cells) < 3 or set(cells[0]) <= {"-", " "} or cells[0] == "한국어":
            continue
        link = _LINK.search(cells[2])
        page = link.group(1).removesuffix(".md") + "/" if link else None
        if page is not None and page.endswith("index/"):
            page = page.removesuffix("index/")
        rows.append(Row(_terms(cells[0]), _terms(cells[1]), page))
    return rows


def term_variants(rows: Iterable[Row], lang: str) -> dict[str, list[str]]:
    """Index words to add to each glossary-linked page of language ``lang``.

    Korean pages get the Korean terms (spaced and solid) and the English ones
    (Korean prose quotes them); English pages the English ones. English terms in
    their British spelling, the form the query side searches for.
    """
    out: dict[str, list[str]] = {}
    for row in rows:
        if row.page is None:
            continue
        words: list[str] = []
        if lang == "ko":
            for term in row.ko:
                words += [term] + [s for s in [solid(term)] if s]
        words += [british(term) for term in row.en]
        out.setdefault(row.page, []).extend(words)
    return out


def with_variants(html: str, spaced: Iterable[str]) -> str:
    """An index field with the other forms of its words, each hidden after the word.

    Only the first occurrence of each word gets its variant: one match per entry
    is what ranks it, and Material's result teaser shows the text around the
    first match, so it lands where the term is.

    >>> print(with_variants("<p>배치 정규화는 쉽다</p>", ["배치 정규화"]))
    <p>배치 정규화는<span hidden>배치정규화</span> 쉽다</p>
    >>> print(with_variants("<p>Batch Normalization paper</p>", []))
    <p>Batch Normalization<span hidden>Normalisation</span> paper</p>
    """
    present = set(_TOKEN.findall(_TAGS.sub(" ", html)))
    inserts: dict[int, list[str]] = {}  # end of a word in html → variants hidden after it
    done: set[str] = set()
    for segment in _SEGMENT.finditer(html):
        text = segment[0]
        if text.startswith("<"):
            continue
        for term in spaced:
            at = text.find(term)
            if term not in done and at >= 0:
                done.add(term)
                word_end = _TOKEN_REST.match(text, at + len(term))
                assert word_end is not None  # the pattern matches the empty string
                inserts.setdefault(segment.start() + word_end.end(), []).append(solid(term) or term)
        for token in _TOKEN.finditer(text):
            other = british(token[0])
            if other != token[0] and other not in present and other not in done:
                done.add(other)
                inserts.setdefault(segment.start() + token.end(), []).append(other)
    for at in sorted(inserts, reverse=True):
        html = html[:at] + _hide("", inserts[at]) + html[at:]
    return html


def _hide(field: str, words: list[str]) -> str:
    words = list(dict.fromkeys(words))  # once each, in order
    return field + "<span hidden>" + " ".join(words) + "</span>" if words else field


def augment(docs: list[dict[str, str]], lang: str, glossary: str) -> list[dict[str, str]]:
    """The index entries of one language with their variants added, hidden.

    A glossary row's terms go into the title of the page the row links to (a
    title match weighs a thousand times a text match), so that page ranks first
    for them.
    """
    rows = parse_glossary(glossary)
    spaced = sorted({t for r in rows for t in r.ko if solid(t)}, key=len, reverse=True)
    if lang != "ko":
        spaced = []
    by_page = term_variants(rows, lang)
    out = []
    for doc in docs:
        title = _hide(with_variants(doc["title"], spaced), by_page.get(doc["location"], []))
        out.append(dict(doc, title=title, text=with_variants(doc["text"], spaced)))
    return out


def glossary_text(docs_dir: Path, lang: str) -> str:
    return (docs_dir / f"glossary.{lang}.md").read_text(encoding="utf-8")
