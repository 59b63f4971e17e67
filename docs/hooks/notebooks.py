"""MkDocs hook: every concept page, in each language, as a Jupyter notebook to download.

A concept page (``docs/{practical,optimization,tuning,practice}/*.<lang>.md``) becomes
``<page>.ipynb``, written next to the page's ``index.html`` in the built site, and the page
gets a "download as notebook" link under its title. The notebook is built with ``nbformat``
from the page's own Markdown source:

- headings and prose are Markdown cells in the page's language, math kept as ``$…$``;
  links to other pages and figures point where the page's links point (absolute when
  ``site_url`` is set, else relative to the page, which is where the notebook sits);
- an admonition (``!!! note "…"``, ``??? example "…"``) becomes a quoted block with its title
  in bold;
- a ``::: dlref.module.name`` (mkdocstrings) directive becomes one line linking to the API page;
- each fenced block of ``>>>`` examples becomes a code cell holding what the site's copy button
  copies (``tests/_snippets.py`` parses it, the same parser the snippet tests use), with the
  page's output stored as the cell's output;
- a figure's code included with ``--8<-- "docs/figures/<name>.py"`` becomes a ``%%writefile``
  cell (so the notebook can import it), followed by the helpers the script imports that the
  page does not show, and a cell that draws the figure.

Cells carry ``metadata.dlref.kind`` (``example``, ``file`` or ``draw``), which
``tests/test_notebooks.py`` uses to execute the examples and compare their output with the page.

- **Cache.** A notebook is kept in ``.cache/notebooks/`` under a key made of the page source,
  the files it includes or its figures import, this hook, the snippet parser, nbformat's version
  and the page's URL; a warm build only hashes those files and copies the cached notebook.
  Notebooks for another ``site_url`` (``mkdocs serve`` sets the local address) are kept apart,
  so serving and building do not evict each other's.

Run ``python docs/hooks/notebooks.py docs/practical/dropout.en.md OUT.ipynb`` to write one
notebook without building the site.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import posixpath
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / ".cache" / "notebooks"
FIGURE_DIR = ROOT / "docs" / "figures"
PARTS = ("practical", "optimization", "tuning", "practice")
LABEL = {"ko": "노트북으로 내려받기", "en": "Download as notebook"}
API_LABEL = {"ko": "API 문서", "en": "API reference"}
HELPERS_NOTE = {
    "ko": "이 그림의 스크립트가 가져다 쓰는 보조 모듈 (페이지에는 없는 코드):",
    "en": "Helper modules this figure's script imports (code the page does not show):",
}

SETUP_NOTE = {
    "ko": "예제는 파이썬 대화형 프롬프트에 붙여 넣는 코드다. 이 셀을 먼저 실행하면 "
          "프롬프트에서처럼 셀 안의 모든 식의 값이 (마지막 식만이 아니라) 출력된다.",
    "en": "The examples were written for the interactive Python prompt. Run this cell first so "
          "that, as at the prompt, a cell shows the value of every expression, not only the last.",
}
SETUP = '%config InteractiveShell.ast_node_interactivity = "all"'
ADMONITION = re.compile(  # as Python-Markdown reads it: the title runs to the line's last quote
    r'^[ ]*(?:!!!|\?\?\?\+?)[ ]*(?P<type>[\w-]+)(?: +[\w-]+)*(?:[ ]+"(?P<title>.*)")?[ ]*$'
)
MKDOCSTRINGS = re.compile(r"^[ ]*:::[ ]+(?P<name>[\w.]+)[ ]*$")
SNIPPET = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<path>[^"]+)"[ \t]*$')
FENCE_OPEN = re.compile(r"^[ \t]*```")
LINK = re.compile(  # [text](target "title"), the text holding at most one level of [...]
    r"(?P<head>!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\()(?P<target>[^)\s]+)(?P<tail>[^)]*\))"
)
AUTOREF = re.compile(  # [text][dlref.module.name], mkdocs-autorefs' cross-reference
    r"(?P<text>\[(?:[^\[\]]|\[[^\[\]]*\])*\])\[(?P<id>dlref(?:\.\w+)+)\]"
)

log = logging.getLogger("mkdocs.hooks.notebooks")


def _load(name: str, path: Path) -> ModuleType:
    """Import a sibling file by path (the snippet parser, the figures hook)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_snippets = _load("dlref_docs_snippets", ROOT / "tests" / "_snippets.py")
_figures = _load("dlref_docs_figures_deps", ROOT / "docs" / "hooks" / "figures.py")


class NotebookError(Exception):
    """A page could not be turned into a notebook."""


# --- where things are on the site -------------------------------------------------


def src_path(page: Path) -> str:
    """``docs/practical/dropout.en.md`` -> ``practical/dropout.md`` (language suffix dropped)."""
    rel = page.resolve().relative_to(ROOT / "docs").as_posix()
    return re.sub(r"\.[a-z]{2}\.md$", ".md", rel)


def page_lang(page: Path) -> str:
    match = re.search(r"\.([a-z]{2})\.md$", page.name)
    if not match:
        raise NotebookError(f"{page}: no language suffix (.ko.md / .en.md)")
    return match.group(1)


def is_concept(page: Path) -> bool:
    try:
        return src_path(page).split("/")[0] in PARTS
    except ValueError:
        return False


def page_url(src: str) -> str:
    """Site URL (directory URLs) of a Markdown source path, without the language prefix."""
    stem = src.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def notebook_name(page: Path) -> str:
    return posixpath.basename(src_path(page)).removesuffix(".md") + ".ipynb"


@dataclass(frozen=True)
class Site:
    """Where one page sits: its URL, the language prefix of its pages, the site's address."""

    src: str
    url: str
    lang_prefix: str
    site_url: str = ""

    def link(self, target: str) -> str:
        """The address of ``target`` (a path as written in the page) for the notebook."""
        if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", target):
            return target
        path, _, anchor = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(self.src), path))
        if resolved.startswith(".."):
            raise NotebookError(f"{self.src}: link {target!r} leaves the docs directory")
        if resolved.endswith(".md"):
            url = self.lang_prefix + page_url(resolved)
        else:
            url = resolved  # figures and other assets are shared by the languages
        if self.site_url:
            out = self.site_url.rstrip("/") + "/" + url
        else:
            out = posixpath.relpath("/" + url, "/" + self.url)
            out += "/" if url.endswith("/") or not url else ""
        return out + ("#" + anchor if anchor else "")


def api_link(name: str, site: Site, lang: str) -> str:
    """Address of the API entry ``dlref.<module>.<name>`` (its anchor on the module's page)."""
    parts = name.split(".")
    if len(parts) < 2 or parts[0] != "dlref":
        raise NotebookError(f"{site.src}: {name} is not a dlref object")
    if not (ROOT / "docs" / "reference" / f"{parts[1]}.{lang}.md").is_file():
        raise NotebookError(f"{site.src}: no API page docs/reference/{parts[1]}.{lang}.md "
                            f"for {name}")
    api = posixpath.relpath(f"reference/{parts[1]}.md", posixpath.dirname(site.src))
    return site.link(f"{api}#{name}")


def _links(text: str, site: Site, lang: str) -> str:
    text = LINK.sub(lambda m: m["head"] + site.link(m["target"]) + m["tail"], text)
    return AUTOREF.sub(lambda m: f"{m['text']}({api_link(m['id'], site, lang)})", text)


# --- Markdown source -> cells ---------------------------------------------------------


@dataclass
class _Builder:
    lang: str
    site: Site
    cells: list[Any] = field(default_factory=list)
    md: list[str] = field(default_factory=list)
    written: set[str] = field(default_factory=set)
    draws: list[str] = field(default_factory=list)

    def text(self, line: str, prefix: str) -> None:
        self.md.append((prefix + line).rstrip() if line.strip() else prefix.rstrip())

    def flush(self) -> None:
        import nbformat

        lines = self.md
        while lines and not lines[0].strip(" >"):
            lines.pop(0)
        while lines and not lines[-1].strip(" >"):
            lines.pop()
        if lines:  # links last: a link's text may run over several lines
            source = _links("\n".join(lines), self.site, self.lang)
            self.cells.append(nbformat.v4.new_markdown_cell(source))
        self.md = []

    def code(self, source: str, kind: str, expected: str = "") -> None:
        import nbformat

        self.flush()
        outputs = []
        if expected:
            outputs.append(nbformat.v4.new_output("stream", name="stdout", text=expected))
        cell = nbformat.v4.new_code_cell(source, outputs=outputs)
        cell.metadata["dlref"] = {"kind": kind}
        self.cells.append(cell)

    def write_file(self, path: Path) -> None:
        rel = path.resolve().relative_to(ROOT).as_posix()
        if rel in self.written:
            return
        self.written.add(rel)
        source = path.read_text(encoding="utf-8").rstrip("\n")
        self.code(f"%%writefile {path.name}\n{source}", "file")
        if path.parent == FIGURE_DIR and not path.name.startswith("_"):
            self.draws.append(path.stem)

    def finish_figures(self, prefix: str) -> None:
        """Write the helpers the pending figures import, then draw each figure."""
        if not self.draws:
            return
        helpers = [
            p
            for name in self.draws
            for p in _figures.dependencies(name)
            if p.parent == FIGURE_DIR and p.name.startswith("_")
            and p.resolve().relative_to(ROOT).as_posix() not in self.written
        ]
        if helpers:
            self.text(HELPERS_NOTE[self.lang], prefix)
            for path in dict.fromkeys(helpers):
                self.write_file(path)
        for name in self.draws:
            fonts = "import koreanize_matplotlib  # 한글 글꼴\n" if self.lang == "ko" else ""
            self.code(f'%matplotlib inline\n{fonts}from {name} import draw\n\ndraw("{self.lang}")',
                      "draw")
        self.draws = []


def _fence(b: _Builder, lines: list[str], prefix: str, where: str) -> None:
    text = "\n".join(lines) + "\n"
    blocks = _snippets.markdown_blocks(text)
    body = [x for x in lines[1:-1] if x.strip()]
    includes = [SNIPPET.match(x) for x in body]
    if blocks:
        if len(blocks) != 1:
            raise NotebookError(f"{where}: a fence holding {len(blocks)} example blocks")
        block = blocks[0]
        b.code(block.code.rstrip("\n"), "example", block.expected)
    elif body and all(includes):
        for m in includes:
            assert m is not None
            path = (ROOT / m["path"]).resolve()
            if not path.is_file():
                raise NotebookError(f"{where}: included file {m['path']} not found")
            b.write_file(path)
    else:
        indent = len(lines[0]) - len(lines[0].lstrip())
        opening = re.match(r"^[ \t]*```[ \t]*([\w+-]*)", lines[0])
        lang = opening.group(1) if opening else ""
        b.text(lines[0][:indent] + "```" + lang, prefix)
        for line in lines[1:]:
            b.text(line, prefix)


def _walk(b: _Builder, lines: list[str], prefix: str, line_no: int, where: str) -> None:
    i = 0
    while i < len(lines):
        line = lines[i]
        here = f"{where}:{line_no + i}"
        if FENCE_OPEN.match(line):
            match = _snippets.FENCE.match("\n".join(lines[i:]) + "\n")
            if not match:
                raise NotebookError(f"{here}: a code fence that is not closed")
            n = match.group(0).count("\n") + 1
            _fence(b, lines[i : i + n], prefix, here)
            if not prefix:
                b.finish_figures(prefix)
            i += n
            continue
        admonition = ADMONITION.match(line)
        if admonition:
            indent = len(line) - len(line.lstrip()) + 4
            j = i + 1
            while j < len(lines) and (not lines[j].strip() or lines[j].startswith(" " * indent)):
                j += 1
            while j > i + 1 and not lines[j - 1].strip():
                j -= 1
            title = admonition["title"]
            if title is None:
                title = admonition["type"].capitalize()
            title = re.sub(r"\\(.)", r"\1", title)
            inner = prefix + "> "
            if title:
                b.text(f"**{title}**", inner)
                b.text("", inner)
            _walk(b, [x[indent:] for x in lines[i + 1 : j]], inner, line_no + i + 1, where)
            b.finish_figures(inner)
            if j < len(lines) and lines[j].strip():
                b.text("", prefix)
            i = j
            continue
        directive = MKDOCSTRINGS.match(line)
        if directive:
            name = directive["name"]
            b.text(f"{API_LABEL[b.lang]}: [`{name}`][{name}]", prefix)  # resolved in flush()
            i += 1
            while i < len(lines) and (lines[i].startswith("    ") or not lines[i].strip()):
                if not lines[i].strip() and (i + 1 >= len(lines)
                                             or not lines[i + 1].startswith("    ")):
                    break
                i += 1
            continue
        b.text(line, prefix)
        i += 1


def build(page: Path, site: Site) -> Any:
    """The notebook of ``page`` (an ``nbformat.NotebookNode``), validated."""
    import nbformat

    lang = page_lang(page)
    text = page.read_text(encoding="utf-8")
    where = page.resolve().relative_to(ROOT).as_posix()
    b = _Builder(lang, site)
    _walk(b, text.splitlines(), "", 1, where)
    b.finish_figures("")
    b.flush()
    cells, b.cells = b.cells, []
    title, _, intro = cells[0].source.partition("\n") if cells else ("", "", "")
    if not title.startswith("# "):
        raise NotebookError(f"{where}: the page does not start with its title (# ...)")
    b.text(title, "")
    b.flush()
    b.text(SETUP_NOTE[lang], "")
    b.code(SETUP, "setup")
    cells[0].source = intro.strip("\n")
    b.cells += cells if cells[0].source else cells[1:]
    nb = nbformat.v4.new_notebook(
        cells=b.cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
            "dlref": {"source": where, "lang": lang},
        },
    )
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i}"  # nbformat draws random ids; the build must be reproducible
    nbformat.validate(nb)
    return nb


def dumps(nb: Any) -> str:
    import nbformat

    return nbformat.writes(nb) + "\n"


# --- cache --------------------------------------------------------------------------


def _inputs(page: Path) -> list[Path]:
    """Files whose content goes into the notebook of ``page``."""
    files = [Path(__file__).resolve(), ROOT / "tests" / "_snippets.py", page.resolve()]
    for line in page.read_text(encoding="utf-8").splitlines():
        m = SNIPPET.match(line)
        if m:
            path = (ROOT / m["path"]).resolve()
            files.append(path)
            if path.parent == FIGURE_DIR and path.is_file():
                files += [p for p in _figures.dependencies(path.stem) if p.parent == FIGURE_DIR]
    return list(dict.fromkeys(files))


@functools.cache
def _nbformat_version() -> str:
    from importlib.metadata import version  # not importing nbformat: a warm build needs none

    return version("nbformat")


def cache_key(page: Path, site: Site) -> str:
    h = hashlib.sha256()
    h.update(json.dumps([_nbformat_version(), site.src, site.url, site.lang_prefix,
                         site.site_url]).encode())
    for path in _inputs(page):
        h.update(str(path.relative_to(ROOT)).encode())
        h.update(path.read_bytes() if path.is_file() else b"<missing>")
    return h.hexdigest()[:16]


def ensure(page: Path, site: Site) -> tuple[Path, bool]:
    """Path of the cached notebook, building it first if needed; and whether it was built."""
    key = cache_key(page, site)
    # The site's address is in the stem: `mkdocs serve` sets it to the local one, and
    # replacing only entries for the same address keeps the next `mkdocs build` warm.
    where = hashlib.sha256(site.site_url.encode()).hexdigest()[:6]
    stem = f"{site.lang_prefix.strip('/') or 'default'}-{site.src.replace('/', '_')}-{where}"
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path = CACHE_DIR / f"{stem}-{key}.ipynb"
    if path.is_file():
        return path, False
    data = dumps(build(page, site))
    for stale in CACHE_DIR.glob(f"{stem}-*.ipynb"):
        stale.unlink()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(data, encoding="utf-8")
    tmp.replace(path)
    return path, True


# --- MkDocs events ------------------------------------------------------------------

_pending: dict[str, Path] = {}  # page URL -> cached notebook
_built = 0


def _site_of(page: Any, config: Any) -> tuple[Path, Site] | None:
    src = Path(page.file.abs_src_path)
    if not is_concept(src):
        return None
    own = page_url(src_path(src))
    if not page.url.endswith(own):
        raise NotebookError(f"{page.url}: expected a directory URL ending in {own}")
    return src, Site(src_path(src), page.url, page.url[: len(page.url) - len(own)],
                     config.get("site_url") or "")


@functools.cache
def _download_icon() -> str:
    """Material's download icon, inlined (the theme ships it; nothing is fetched)."""
    import material

    icon = Path(material.__file__).parent / "templates" / ".icons" / "material" / "download.svg"
    return icon.read_text(encoding="utf-8").strip()


def on_page_markdown(markdown: str, page: Any, config: Any, **kwargs: Any) -> str:
    global _built
    from mkdocs.exceptions import PluginError

    try:
        found = _site_of(page, config)
        if found:
            path, built = ensure(*found)
            _pending[page.url] = path
            _built += built
    except NotebookError as exc:
        raise PluginError(str(exc)) from exc
    return markdown


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    from mkdocs.exceptions import PluginError

    cached = _pending.pop(page.url, None)
    if cached is None:
        return output
    src = Path(page.file.abs_src_path)
    name = notebook_name(src)
    dest = Path(page.file.abs_dest_path).parent / name
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, dest)
    lang = page_lang(src)
    link = (f'<p class="dlref-notebook"><a href="{name}" download="{name}">'
            f'<span class="twemoji" aria-hidden="true">{_download_icon()}</span> '
            f"{LABEL[lang]}</a></p>")
    new, n = re.subn(r"(</h1>)", r"\1" + link, output, count=1)
    if n != 1:
        raise PluginError(f"{page.file.src_uri}: no <h1> to put the notebook link under")
    return new


def on_post_build(config: Any) -> None:
    global _built
    if _built:
        log.info("notebooks: built %d notebook(s), the rest came from .cache/notebooks", _built)
    _built = 0


if __name__ == "__main__":  # pragma: no cover - a developer's preview tool
    if len(sys.argv) != 3:
        sys.exit("usage: python docs/hooks/notebooks.py docs/<part>/<page>.<lang>.md OUT.ipynb")
    source = Path(sys.argv[1])
    prefix = "" if page_lang(source) == "ko" else f"{page_lang(source)}/"
    site = Site(src_path(source), prefix + page_url(src_path(source)), prefix)
    Path(sys.argv[2]).write_text(dumps(build(source, site)), encoding="utf-8")
    print(sys.argv[2])
