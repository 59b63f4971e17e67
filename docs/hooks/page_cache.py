"""MkDocs hook: keep each page's Markdown conversion across builds (``.cache/build/pages``).

Converting the pages' Markdown to HTML (Python-Markdown, its extensions and
mkdocstrings' ``:::`` blocks, for each of the 100 built pages) was the largest
item of a ``mkdocs serve`` rebuild after a one-page edit: every page was
converted again although one changed. This hook wraps MkDocs' ``Page.render``
with a disk cache keyed by everything the conversion reads:

- the page's Markdown as the plugins and hooks left it (after ``on_page_markdown``),
  its source path, URL, output path and inclusion;
- the site's file list (every file's source path, URL and inclusion: links are
  resolved against it, and a link to a missing file warns);
- the Markdown extensions and their settings (functions by their qualified name
  and closure, not by their address), MkDocs' link-validation settings and
  whether links to anchors are recorded;
- the versions of the packages on the conversion path, ``mkdocs.yml`` and every
  hook file (hooks patch the conversion: ``highlight_cache.py``, ``api_cache.py`` ...);
- for a page with a ``::: identifier`` block, a digest of ``dlref/`` and
  ``docs/templates/`` (what mkdocstrings renders);
- the files the page includes with ``pymdownx.snippets`` (``--8<--``): their
  paths are recorded while converting and their bytes checked on every hit, so
  editing a figure script shown on a page misses.

A hit replays, in their order, the side effects of conversion besides the HTML:

- what ``Page.render`` keeps on the page: the table of contents, the title from
  the first heading, the anchor ids the page contains and its links to anchors
  in other pages (MkDocs checks those after every page is rendered, so a link to
  a heading another page renamed still warns);
- the anchors registered with autorefs (headings, Markdown anchors, API objects);
- mkdocstrings' handling of each API block's headings (anchors, aliases and the
  inventory, ``objects.inv``), run again from the recorded headings and aliases;
- the aliases griffe added while rendering (``griffe_aliases.py``);
- the log messages the conversion wrote (a link to a missing page warns again
  and fails a strict build again).

The built site is byte-identical with and without this cache
(``tests/test_build_cache.py``); ``DLREF_BUILD_CACHE=off`` turns it off.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from xml.etree.ElementTree import Element

import build_cache
import griffe_aliases
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs_autorefs._internal.plugin import AutorefsPlugin
from mkdocstrings._internal.extension import AutoDocProcessor
from pymdownx.snippets import SnippetPreprocessor

ROOT = build_cache.ROOT
cache = build_cache.DiskCache("pages", max_mb=48)  # both languages used 20.4 MiB (2026-12-06)
PACKAGES = (
    "mkdocs", "markdown", "pymdown-extensions", "pygments", "mkdocs-autorefs",
    "mkdocs-material", "mkdocs-static-i18n", "mkdocstrings", "mkdocstrings-python",
    "griffelib", "griffe", "ruff", "black", "jinja2", "markupsafe",
)  # fmt: skip
_API_BLOCK = AutoDocProcessor.regex
_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")


def _original(cls: type, name: str) -> Any:
    method = getattr(cls, name)
    return getattr(method, "_dlref_original", method)


_original_render = _original(Page, "render")
_original_register = _original(AutorefsPlugin, "register_anchor")
_original_headings = _original(AutoDocProcessor, "_process_headings")
_original_read = _original(SnippetPreprocessor, "read_lines")


class _Recording:
    """What one conversion does besides its HTML (open while the original render runs)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.events: list[list[Any]] = []
        self.snippets: set[str] = set()
        self.quiet = 0  # inside mkdocstrings' headings: their anchors replay with them
        self.cacheable = True


_active: list[_Recording] = []


def _register_anchor(
    self: AutorefsPlugin, page: Any, identifier: str, anchor: str | None = None, *,
    title: str | None = None, primary: bool = True,
) -> None:  # fmt: skip
    if _active and not _active[-1].quiet:
        if page is _active[-1].page:
            build_cache.record("anchor", identifier, anchor, title, primary)
        else:  # an anchor on another page: nothing a replay of this page could redo
            _active[-1].cacheable = False
    _original_register(self, page, identifier, anchor, title=title, primary=primary)


class _HeadingsSeen:
    """Stands in for a handler in ``_process_headings``, noting what it hands over."""

    def __init__(self, handler: Any) -> None:
        self._handler = handler
        self.domain = handler.domain
        self.headings: list[tuple[str, dict[str, str], str | None]] = []
        self.aliases: dict[str, list[str]] = {}
        self.plain = True

    def get_headings(self) -> list[Element]:
        found = list(self._handler.get_headings())
        for el in found:
            self.plain &= len(el) == 0 and not el.tail
            self.headings.append((el.tag, dict(el.attrib), el.text))
        return found

    def get_aliases(self, identifier: str) -> tuple[str, ...]:
        aliases = tuple(self._handler.get_aliases(identifier))
        self.aliases[identifier] = list(aliases)
        return aliases


class _HeadingsReplayed:
    """A handler as ``_process_headings`` saw it when the page was converted."""

    def __init__(self, domain: str, headings: list[Any], aliases: dict[str, list[str]]) -> None:
        self.domain = domain
        self.headings = headings
        self.aliases = aliases

    def get_headings(self) -> list[Element]:
        out = []
        for tag, attrib, text in self.headings:
            el = Element(tag, attrib)
            el.text = text
            out.append(el)
        return out

    def get_aliases(self, identifier: str) -> tuple[str, ...]:
        return tuple(self.aliases[identifier])


def _process_headings(self: AutoDocProcessor, handler: Any, element: Element) -> None:
    rec = _active[-1] if _active else None
    if rec is None:
        _original_headings(self, handler, element)
        return
    seen = _HeadingsSeen(handler)
    rec.quiet += 1
    try:
        _original_headings(self, seen, element)
    finally:
        rec.quiet -= 1
    rec.cacheable &= seen.plain
    build_cache.record("headings", handler.name, seen.domain, seen.headings, seen.aliases)


def _read_lines(self: SnippetPreprocessor, path: str) -> list[str]:
    if _active:
        _active[-1].snippets.add(str(path))
    return list(_original_read(self, path))


class _Capture(logging.Handler):
    """Collects the log records a conversion writes (MkDocs' own logger does not propagate)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.seen: set[int] = set()

    def emit(self, record: logging.LogRecord) -> None:
        if id(record) not in self.seen and record.levelno >= logging.INFO:
            self.seen.add(id(record))
            build_cache.record("log", record.name, record.levelno, record.getMessage())


@contextmanager
def _recording(page: Page) -> Iterator[_Recording]:
    rec = _Recording(page)
    capture = _Capture()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    for logger in loggers:
        logger.addHandler(capture)
    _active.append(rec)
    build_cache.recordings.append(rec.events)
    try:
        yield rec
    finally:
        build_cache.recordings.pop()
        _active.pop()
        for logger in loggers:
            logger.removeHandler(capture)


def stable(value: Any, depth: int = 0) -> Any:
    """A JSON-able description of a setting that is the same in every process.

    ``repr`` of a function holds its address, which changes whenever MkDocs loads
    the config again (every ``mkdocs serve`` rebuild): functions are described by
    their qualified name and what their closure holds, Markdown extensions by
    their settings, other objects by their type.
    """
    if depth > 6:
        return type(value).__qualname__
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return [[stable(k, depth + 1), stable(v, depth + 1)] for k, v in value.items()]
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [stable(v, depth + 1) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, functools.partial):
        parts = (value.func, value.args, value.keywords)
        return ["partial", *(stable(v, depth + 1) for v in parts)]
    if isinstance(value, AutorefsPlugin):  # the autorefs extension holds the plugin
        return ["AutorefsPlugin", value.scan_toc, value.record_backlinks]
    if callable(value) and hasattr(value, "__qualname__"):
        cells = [c.cell_contents for c in getattr(value, "__closure__", None) or ()]
        return [getattr(value, "__module__", ""), value.__qualname__, stable(cells, depth + 1)]
    getconfigs = getattr(value, "getConfigs", None)
    described = [type(value).__module__, type(value).__qualname__]
    if callable(getconfigs):  # a Markdown extension
        described += [stable(getconfigs(), depth + 1), stable(getattr(value, "plugin", None))]
    return described


_state: dict[str, Any] = {"config": "", "api": "", "files": None, "mkdocs": None}


def _files_digest(files: Files) -> str:
    if _state["files"] is not files:
        _state["files"] = files
        _state["files_digest"] = build_cache.digest(
            sorted((f.src_uri, f.url, f.inclusion.name) for f in files)
        )
    return str(_state["files_digest"])


def _settings_digest(config: MkDocsConfig) -> str:
    if _state["mkdocs"] is not config:
        _state["mkdocs"] = config
        _state["settings_digest"] = build_cache.digest(
            stable(config["markdown_extensions"]), stable(config["mdx_configs"]),
            stable(dict(config.validation.links)), config.use_directory_urls,
        )  # fmt: skip
    return str(_state["settings_digest"])


def _key(page: Page, config: MkDocsConfig, files: Files) -> Any:
    markdown = page.markdown or ""
    return (
        page.file.src_uri, page.file.url, page.file.dest_uri, page.file.inclusion.name,
        markdown, _files_digest(files), _settings_digest(config),
        _PAGES_LOG.getEffectiveLevel() > logging.DEBUG,
        _state["api"] if _API_BLOCK.search(markdown) else "",
    )  # fmt: skip


def _snippets_digest(paths: list[str]) -> str | None:
    h = hashlib.sha256()
    for path in paths:
        try:
            h.update(path.encode() + b"\0" + Path(path).read_bytes() + b"\0")
        except OSError:
            return None
    return h.hexdigest()


def _replay(page: Page, config: MkDocsConfig, files: Files, hit: dict[str, Any]) -> bool:
    if _snippets_digest(hit["snippets"]) != hit["snippets_digest"]:
        return False
    links: dict[Any, dict[str, str]] | None = None
    if hit["links_to_anchors"] is not None:
        links = {}
        for src_uri, anchors in hit["links_to_anchors"]:
            target = files.get_file_from_path(src_uri)
            if target is None:  # cannot happen with the file list in the key
                return False
            links[target] = dict(anchors)
    page.content = hit["content"]
    page.toc = get_toc(hit["toc"])
    page._title_from_render = hit["title"]
    page.present_anchor_ids = set(hit["anchor_ids"])
    if links is not None:
        page.links_to_anchors = links
    autorefs: Any = config.plugins["autorefs"]
    for kind, *args in hit["events"]:
        if kind == "anchor":
            identifier, anchor, title, primary = args
            autorefs.register_anchor(page, identifier, anchor, title=title, primary=primary)
        elif kind == "headings":
            name, domain, headings, aliases = args
            handlers = config.plugins["mkdocstrings"].handlers  # type: ignore[attr-defined]
            handlers.get_handler(name)  # a handler used: mkdocstrings writes objects.inv
            processor = SimpleNamespace(_autorefs=autorefs, _handlers=handlers)
            replayed = _HeadingsReplayed(domain, headings, aliases)
            _original_headings(processor, replayed, Element("div"))
        elif kind == "aliases":
            name, aliases = args
            handlers = config.plugins["mkdocstrings"].handlers  # type: ignore[attr-defined]
            griffe_aliases.add(handlers.get_handler(name), [tuple(a) for a in aliases])
        else:
            name, level, message = args
            logging.getLogger(name).log(level, message)
    return True


def _render(self: Page, config: MkDocsConfig, files: Files) -> None:
    if not build_cache.ENABLED or not cache.salt or self.markdown is None:
        _original_render(self, config, files)
        return
    key = _key(self, config, files)
    hit = cache.get(key)
    if hit is not None:
        if _replay(self, config, files, hit):
            return
        cache.reject()
    toc_tokens: list[Any] = []
    with _recording(self) as rec, _keep_toc_tokens(toc_tokens):
        _original_render(self, config, files)
    snippets = sorted(rec.snippets)
    digest = _snippets_digest(snippets)
    if not rec.cacheable or digest is None or self.present_anchor_ids is None:
        return
    links = None
    if self.links_to_anchors is not None:
        links = sorted((f.src_uri, sorted(a.items())) for f, a in self.links_to_anchors.items())
    cache.put(
        key,
        {
            "content": self.content,
            "toc": toc_tokens,
            "title": self._title_from_render,
            "anchor_ids": sorted(self.present_anchor_ids),
            "links_to_anchors": links,
            "events": rec.events,
            "snippets": snippets,
            "snippets_digest": digest,
        },
    )


@contextmanager
def _keep_toc_tokens(into: list[Any]) -> Iterator[None]:
    """Catch the ``toc_tokens`` that ``Page.render`` hands to ``get_toc``."""

    def keeping(tokens: list[Any]) -> TableOfContents:
        into[:] = list(tokens)
        return get_toc(tokens)

    pages.get_toc = keeping  # type: ignore[assignment]
    try:
        yield
    finally:
        pages.get_toc = get_toc


_patches: tuple[tuple[type, str, Any, Any], ...] = (
    (Page, "render", _render, _original_render),
    (AutorefsPlugin, "register_anchor", _register_anchor, _original_register),
    (AutoDocProcessor, "_process_headings", _process_headings, _original_headings),
    (SnippetPreprocessor, "read_lines", _read_lines, _original_read),
)
for _cls, _name, _new, _old in _patches:
    _new._dlref_original = _old
    setattr(_cls, _name, _new)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state["config"] = build_cache.files_digest(
        [ROOT / "mkdocs.yml", ROOT / "docs" / "hooks"], (".py",)
    )
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    griffe_aliases.pending.clear()  # a new build (or language): a new griffe collection
    _state["api"] = build_cache.digest(
        build_cache.files_digest([ROOT / "dlref"], (".py", ".pyi")),
        build_cache.files_digest([ROOT / "docs" / "templates"]),
    )
    usable = isinstance(config.plugins.get("autorefs"), AutorefsPlugin)
    cache.salt = (
        build_cache.digest(build_cache.versions(*PACKAGES), _state["config"]) if usable else ""
    )
    return files


def on_post_build(config: MkDocsConfig) -> None:
    cache.finish()
