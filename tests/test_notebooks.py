"""Each concept page as a notebook (``docs/hooks/notebooks.py``): built, executed, linked.

- Building a page's notebook twice gives the same bytes, and ``nbformat.validate`` accepts it;
  its code cells are the page's ``>>>`` blocks as the copy button copies them, each storing
  the page's output; no source-only syntax (admonitions, snippet includes, ``:::``) is left in
  its Markdown.
- Executing every notebook's examples in a fresh kernel (``nbclient``) prints, cell by cell,
  exactly what the page shows (the comparison of ``tests/test_snippets_exact.py``). The code is
  the same in both languages, so a page's Korean notebook is executed only where its code
  differs from the English one. One notebook is executed whole, figures included.
- In the built site, every concept page links to its notebook under its title, the link
  resolves to the notebook the hook builds from that page, and the notebook's own links resolve.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests._snippets import markdown_blocks
from tests.site_util import ROOT, BuildResult

nbformat = pytest.importorskip("nbformat")

LANG_PREFIX = {"ko": "", "en": "en/"}
DOCS = ROOT / "docs"


def _hook() -> Any:
    spec = importlib.util.spec_from_file_location("dlref_notebooks_hook", DOCS / "hooks" / "notebooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


hook = _hook()
PAGES = sorted(p for p in DOCS.rglob("*.md") if hook.is_concept(p))
STEMS = sorted({hook.src_path(p) for p in PAGES})


#: The published address (mkdocs.yml's site_url): a downloaded notebook's links point there.
_SITE_URL = re.search(r"(?m)^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"))
SITE_URL = _SITE_URL.group(1) if _SITE_URL else ""


def _site(page: Path) -> Any:
    prefix = LANG_PREFIX[hook.page_lang(page)]
    src = hook.src_path(page)
    return hook.Site(src, prefix + hook.page_url(src), prefix, SITE_URL)


def _notebook(page: Path) -> Any:
    return hook.build(page, _site(page))


def _cells(nb: Any, kind: str) -> list[Any]:
    return [c for c in nb.cells if c.get("metadata", {}).get("dlref", {}).get("kind") == kind]


def _page(src: str, lang: str) -> Path:
    return DOCS / src.replace(".md", f".{lang}.md")


def test_every_part_has_concept_pages() -> None:
    parts = {hook.src_path(p).split("/")[0] for p in PAGES}
    assert parts == set(hook.PARTS)
    assert len(PAGES) == 2 * len(STEMS)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_deterministic_valid_and_holds_the_page(page: Path) -> None:
    first = hook.dumps(_notebook(page))
    assert hook.dumps(_notebook(page)) == first, "two builds of the notebook differ"
    nb = nbformat.reads(first, as_version=4)
    nbformat.validate(nb)
    blocks = markdown_blocks(page.read_text(encoding="utf-8"))
    examples = _cells(nb, "example")
    assert [c.source for c in examples] == [b.code.rstrip("\n") for b in blocks]
    stored = ["".join(o.text for o in c.outputs) for c in examples]
    assert stored == [b.expected for b in blocks]
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    leftovers = re.findall(r"^[ >]*(?:!!!|\?\?\?|:::|--8<--|>>>).*$", markdown, re.MULTILINE)
    assert leftovers == [], f"source-only syntax left in the Markdown cells: {leftovers}"
    assert not re.search(r"\]\([^)]*\.md[)#]", markdown), "a link still points at a .md file"
    assert not re.search(r"\]\[[\w.]+\]", markdown), "an autorefs link left unresolved"
    assert [c.cell_type for c in nb.cells[:3]] == ["markdown", "markdown", "code"]
    assert nb.cells[0].source.startswith("# ") and "\n" not in nb.cells[0].source
    assert _cells(nb, "setup") == [nb.cells[2]]
    assert markdown.startswith("# "), "the notebook starts with the page's title"
    for cell in _cells(nb, "file"):
        name = cell.source.splitlines()[0].removeprefix("%%writefile ")
        source = (DOCS / "figures" / name).read_text(encoding="utf-8").rstrip("\n")
        assert cell.source == f"%%writefile {name}\n{source}"


def test_cache_key_follows_the_page_and_what_it_includes(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm build rebuilds nothing; a figure helper's edit reaches only the pages using it."""
    monkeypatch.setattr(hook, "CACHE_DIR", tmp_path)
    page = _page("practical/dropout.md", "en")
    assert hook.ensure(page, _site(page))[1] is True
    assert hook.ensure(page, _site(page))[1] is False
    assert len(list(tmp_path.glob("*.ipynb"))) == 1
    uses = {p.name for p in hook._inputs(page)}
    assert {"dropout.en.md", "dropout_keep_prob.py", "_regularization_runs.py",
            "_bias_variance_runs.py", "_style.py", "notebooks.py", "_snippets.py"} <= uses
    other = _page("optimization/ewma.md", "en")
    assert "_regularization_runs.py" not in {p.name for p in hook._inputs(other)}
    assert "dropout.en.md" not in {p.name for p in hook._inputs(other)}
    keys = {hook.cache_key(p, _site(p)) for p in PAGES}
    assert len(keys) == len(PAGES), "two pages share a cache key"


def test_serving_does_not_evict_the_built_notebook(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` builds with the local address as site_url; the next build stays warm."""
    monkeypatch.setattr(hook, "CACHE_DIR", tmp_path)
    page = _page("optimization/ewma.md", "ko")
    built = _site(page)
    served = dataclasses.replace(built, site_url="http://127.0.0.1:8000/")
    assert hook.ensure(page, built)[1] is True
    assert hook.ensure(page, served)[1] is True
    assert hook.ensure(page, built)[1] is False, "serving evicted the built notebook"
    assert hook.ensure(page, served)[1] is False
    assert len(list(tmp_path.glob("*.ipynb"))) == 2


def _printed(cell: Any) -> str:
    """What the cell printed, as the console would: stdout and displayed values, in order."""
    out = []
    for o in cell.outputs:
        if o.output_type == "stream" and o.name == "stdout":
            out.append(o.text)
        elif o.output_type == "execute_result":
            out.append(o.data.get("text/plain", "") + "\n")
        elif o.output_type == "error":
            raise AssertionError(f"{o.ename}: {o.evalue}\n" + "\n".join(o.traceback))
    lines = "".join(out).splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    return "".join(line + "\n" for line in lines)


def _execute(nb: Any, workdir: Path, timeout: int = 120) -> Any:
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}})
    return client.execute()


_timings: dict[str, float] = {}


@pytest.fixture(scope="module")
def kernel_env(one_blas_thread: None) -> Any:
    """Single-threaded BLAS in the kernels too (they inherit the environment)."""
    mp = pytest.MonkeyPatch()
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        mp.setenv(var, "1")
    mp.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    yield
    mp.undo()
    if _timings:
        total = sum(_timings.values())
        print(f"\nnotebooks executed: {len(_timings)}, total {total:.1f} s: " +
              ", ".join(f"{k} {v:.1f} s" for k, v in sorted(_timings.items())))


@pytest.mark.parametrize("src", STEMS)
def test_executed_notebook_prints_what_the_page_shows(src: str, tmp_path: Path,
                                                      kernel_env: None) -> None:
    notebooks = {lang: _notebook(_page(src, lang)) for lang in LANG_PREFIX}
    code = {lang: [c.source for c in _cells(nb, "example")] for lang, nb in notebooks.items()}
    langs = ["en"] if code["ko"] == code["en"] else ["en", "ko"]
    for lang in langs:
        nb = notebooks[lang]
        examples = _cells(nb, "example")
        cells = [nbformat.from_dict(dict(c)) for c in _cells(nb, "setup") + examples]
        run = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
        for cell in run.cells:
            cell.outputs = []
        start = time.perf_counter()
        _execute(run, tmp_path)
        _timings[f"{src}:{lang}"] = time.perf_counter() - start
        for i, (done, page_cell) in enumerate(zip(run.cells[1:], examples, strict=True)):
            want = "".join(o.text for o in page_cell.outputs)
            got = _printed(done)
            assert got == want, (
                f"{src} ({lang}) example {i + 1}: the notebook printed\n{got}\ninstead of what "
                f"the page shows\n{want}\n--- the cell ---\n{done.source}"
            )


def test_a_whole_notebook_runs_with_its_figures(tmp_path: Path, kernel_env: None) -> None:
    """The Korean EWMA notebook top to bottom: figure files written, imported and drawn."""
    page = _page("optimization/ewma.md", "ko")
    nb = _notebook(page)
    draws = _cells(nb, "draw")
    assert draws, "the EWMA page shows its figures' code"
    start = time.perf_counter()
    done = _execute(nb, tmp_path, timeout=300)
    _timings["optimization/ewma.md:ko (whole, with figures)"] = time.perf_counter() - start
    for cell in _cells(done, "draw"):
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        errors = [o for o in cell.outputs if o.output_type == "error"]
        assert not errors and len(images) == 1, f"{cell.source}: outputs {cell.outputs}"
    for cell in _cells(done, "file"):
        name = cell.source.splitlines()[0].removeprefix("%%writefile ")
        assert (tmp_path / name).read_text(encoding="utf-8").rstrip("\n") == (
            cell.source.split("\n", 1)[1])


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.in_notebook_p = False
        self.notebook: list[dict[str, str | None]] = []
        self.h1_closed_at = -1
        self.count = 0
        self.label = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.count += 1
        if tag == "p" and ("class", "dlref-notebook") in attrs:
            self.in_notebook_p = True
            self.notebook_at = self.count
        elif tag == "a" and self.in_notebook_p:
            self.notebook.append(dict(attrs))
            self.label = ""

    def handle_data(self, data: str) -> None:
        if self.in_notebook_p:
            self.label += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self.in_notebook_p = False
        elif tag == "h1" and self.h1_closed_at < 0:
            self.h1_closed_at = self.count


def _resolves(site: Path, base: str, href: str) -> bool:
    """``href`` (relative to page ``base``) names a built file, and its anchor an id in it."""
    path, _, anchor = href.partition("#")
    target = (site / base / path).resolve()
    if path.endswith("/"):
        target = target / "index.html"
    if not target.is_file():
        return False
    return not anchor or f'id="{anchor}"' in target.read_text(encoding="utf-8")


@pytest.mark.site
@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_each_concept_page_links_its_notebook(built_site: BuildResult, lang: str) -> None:
    site = built_site.site_dir
    for page in (p for p in PAGES if hook.page_lang(p) == lang):
        url = LANG_PREFIX[lang] + hook.page_url(hook.src_path(page))
        links = _Links()
        links.feed((site / url / "index.html").read_text(encoding="utf-8"))
        assert len(links.notebook) == 1, f"/{url}: {len(links.notebook)} notebook links"
        assert links.notebook_at == links.h1_closed_at + 1, f"/{url}: link not under the title"
        link = links.notebook[0]
        assert link["href"] == hook.notebook_name(page) and link.get("download")
        assert links.label.strip() == hook.LABEL[lang], f"/{url}: label {links.label!r}"
        target = site / url / str(link["href"])
        assert target.is_file(), f"/{url}: {link['href']} not in the built site"
        assert target.read_text(encoding="utf-8") == hook.dumps(_notebook(page))
        markdown = "\n".join(c.source for c in _notebook(page).cells if c.cell_type == "markdown")
        for href in re.findall(r"\]\(([^)\s]+)\)", markdown):
            if SITE_URL and href.startswith(SITE_URL):  # an address on the published site
                local = href.removeprefix(SITE_URL).lstrip("/")
                assert _resolves(site, "", local), f"/{url}: notebook link {href} does not resolve"
            elif not re.match(r"^([a-z]+:|#)", href):
                assert _resolves(site, url, href), f"/{url}: notebook link {href} does not resolve"
    for html in site.rglob("index.html"):
        rel = html.relative_to(site).as_posix()
        if (lang == "ko") == rel.startswith("en/"):
            continue
        if rel.removeprefix(LANG_PREFIX[lang]).split("/")[0] not in hook.PARTS:
            assert "dlref-notebook" not in html.read_text(encoding="utf-8"), rel
