"""The built site: strict and silent, ko/en parity, figures, nothing off-site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.site_util import ROOT, BuildResult

pytestmark = pytest.mark.site

DOCS = ROOT / "docs"
FIGURES = DOCS / "figures"


def pages(site: Path) -> tuple[set[str], set[str]]:
    """Korean pages (site root) and English pages (under en/), as relative paths."""
    ko, en = set(), set()
    for html in site.rglob("index.html"):
        rel = html.relative_to(site).as_posix()
        if rel.startswith("en/"):
            en.add(rel.removeprefix("en/"))
        elif not rel.startswith("assets/"):
            ko.add(rel)
    return ko, en


def test_build_is_strict_and_silent(built_site: BuildResult) -> None:
    noisy = [line for line in built_site.log.splitlines() if re.search(r"WARNING|ERROR", line)]
    assert noisy == [], "mkdocs printed warnings:\n" + "\n".join(noisy)


def test_every_page_has_both_languages() -> None:
    ko = {p.relative_to(DOCS).as_posix().removesuffix(".ko.md") for p in DOCS.rglob("*.ko.md")}
    en = {p.relative_to(DOCS).as_posix().removesuffix(".en.md") for p in DOCS.rglob("*.en.md")}
    assert ko == en, f"only in Korean: {sorted(ko - en)}; only in English: {sorted(en - ko)}"
    stray = [
        p.relative_to(DOCS).as_posix()
        for p in DOCS.rglob("*.md")
        if not p.name.endswith((".ko.md", ".en.md"))
    ]
    assert stray == [], f"pages without a language suffix: {stray}"


def test_built_page_sets_are_identical(built_site: BuildResult) -> None:
    ko, en = pages(built_site.site_dir)
    assert ko, "no Korean pages were built"
    assert ko == en


def test_pages_declare_their_language(built_site: BuildResult) -> None:
    site = built_site.site_dir
    ko, _ = pages(site)
    for rel in ko:
        assert '<html lang="ko"' in (site / rel).read_text(encoding="utf-8"), rel
        assert '<html lang="en"' in (site / "en" / rel).read_text(encoding="utf-8"), rel


def test_every_figure_exists_in_both_languages(built_site: BuildResult) -> None:
    names = sorted(p.stem for p in FIGURES.glob("*.py") if not p.name.startswith("_"))
    assert names, "no figure scripts found"
    for name in names:
        ko = built_site.site_dir / "figures" / f"{name}-ko.svg"
        en = built_site.site_dir / "figures" / f"{name}-en.svg"
        assert ko.is_file() and en.is_file(), name
        assert ko.read_bytes() != en.read_bytes(), f"{name}: the labels are not localised"
        for svg in (ko, en):
            phone = svg.with_name(f"{svg.stem}-narrow.svg")
            assert phone.is_file(), f"{name}: no phone layout {phone.name}"
            for image in (svg, phone):
                assert b"<text" not in image.read_bytes(), f"{image.name}: text must be paths"


def test_every_figure_offers_its_phone_layout(built_site: BuildResult) -> None:
    """Each figure on a page is a <picture> whose narrow-screen source is its phone layout."""
    site = built_site.site_dir
    shown = 0
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        for img in re.findall(r'<img [^>]*src="[^"]*figures/[^"]+"[^>]*>', text):
            src = re.search(r'src="([^"]+)"', img).group(1)  # type: ignore[union-attr]
            source = f'srcset="{src.removesuffix(".svg")}-narrow.svg"'
            assert f'{source} type="image/svg+xml"><img ' in text, (html, src)
            shown += 1
    assert shown >= 100, shown


def test_every_figure_is_shown_on_a_page_in_its_language() -> None:
    names = sorted(p.stem for p in FIGURES.glob("*.py") if not p.name.startswith("_"))
    for lang in ("ko", "en"):
        text = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.rglob(f"*.{lang}.md"))
        for name in names:
            assert f"figures/{name}-{lang}.svg" in text, f"{name} not shown on any {lang} page"
            assert f'--8<-- "docs/figures/{name}.py"' in text, f"{name}: script not included"


class _Refs(HTMLParser):
    """Collect URLs the browser would load: scripts, styles, images, fonts, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed"} and a.get("src"):
            self.urls.append(a["src"] or "")
        if tag in {"img", "source"} and a.get("srcset"):
            self.urls += [part.split()[0] for part in (a["srcset"] or "").split(",") if part]
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if any(
                r in rel for r in ("stylesheet", "preload", "icon", "manifest", "modulepreload")
            ):
                self.urls.append(a["href"] or "")


def _off_site(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.scheme and parsed.scheme not in {"data"}) or url.startswith("//")


def test_no_asset_is_loaded_from_another_origin(built_site: BuildResult) -> None:
    site = built_site.site_dir
    offenders = []
    for html in site.rglob("*.html"):
        parser = _Refs()
        parser.feed(html.read_text(encoding="utf-8"))
        offenders += [f"{html.relative_to(site)}: {u}" for u in parser.urls if _off_site(u)]
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if _off_site(url):
                offenders.append(f"{css.relative_to(site)}: {url}")
    assert offenders == [], "\n".join(offenders)


def test_katex_is_served_from_the_site(built_site: BuildResult) -> None:
    katex = built_site.site_dir / "assets" / "katex"
    css = (katex / "katex.min.css").read_text(encoding="utf-8")
    fonts = re.findall(r"url\((fonts/[^)]+\.woff2)\)", css)
    assert fonts, "katex.min.css names no woff2 font"
    for font in fonts:
        assert (katex / font).is_file(), font
    scripts = sorted(p.name for p in katex.rglob("*.js"))
    assert scripts == [], f"math is rendered at build time; no KaTeX script is needed: {scripts}"


def test_no_third_party_asset_is_committed() -> None:
    import subprocess

    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    vendored = [f for f in tracked if re.search(r"katex|\.woff2?$|\.ttf$|node_modules", f)]
    vendored = [f for f in vendored if not f.startswith(("docs/hooks/", "docs/javascripts/"))]
    assert vendored == []


_NOT_PROSE = re.compile(
    r"<(annotation|pre|code|script|style)\b[^>]*>.*?</\1>|<[^>]+>", re.S
)  # KaTeX keeps the TeX source in a MathML <annotation>; code may hold TeX on purpose


def test_math_is_rendered_at_build_time_in_both_languages(built_site: BuildResult) -> None:
    site = built_site.site_dir
    raw, scripts = [], []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(site).as_posix()
        text = _NOT_PROSE.sub(" ", html)
        raw += [f"{rel}: {d!r}" for d in ("\\(", "\\)", "\\[", "\\]", "$$") if d in text]
        scripts += [f"{rel}: {s}" for s in re.findall(r"<script[^>]*katex[^>]*>", html, re.I)]
    assert raw == [], "raw TeX delimiters left in built pages:\n" + "\n".join(raw)
    assert scripts == [], "pages still load KaTeX's script:\n" + "\n".join(scripts)
    for lang_dir in ("", "en/"):
        for page, least in (("optimization/ewma", 5), ("reference/ewma", 3)):
            html = (site / lang_dir / page / "index.html").read_text(encoding="utf-8")
            math = re.findall(r'<(?:span|div) class="arithmatex">(.{0,40})', html)
            assert len(math) >= least, (lang_dir + page, len(math))
            unrendered = [m for m in math if not m.startswith('<span class="katex')]
            assert unrendered == [], (lang_dir + page, unrendered)


def test_api_pages_use_the_readers_language(built_site: BuildResult) -> None:
    ko = (built_site.site_dir / "reference/ewma/index.html").read_text(encoding="utf-8")
    en = (built_site.site_dir / "en/reference/ewma/index.html").read_text(encoding="utf-8")
    for label in ("매개변수", "반환값", "예외", "예제", "참고 사항", "참고 문헌"):
        assert label in ko, label
    for label in ("Parameters", "Returns", "Raises", "Examples", "Notes", "References"):
        assert label in en, label
    assert "Parameters:" not in ko and "매개변수" not in en


def test_figure_scripts_import_only_helpers() -> None:
    # The figure cache hashes a script with the _*.py helpers, not with other scripts.
    import ast

    names = {p.stem for p in FIGURES.glob("*.py") if not p.name.startswith("_")}
    for script in FIGURES.glob("*.py"):
        tree = ast.parse(script.read_text(encoding="utf-8"))
        imported = {
            a.name.split(".")[0]
            for n in ast.walk(tree)
            if isinstance(n, ast.Import)
            for a in n.names
        } | {
            n.module.split(".")[0]
            for n in ast.walk(tree)
            if isinstance(n, ast.ImportFrom) and n.module
        }
        assert not imported & names, f"{script.name} imports figure script(s) {imported & names}"
        if not script.name.startswith("_"):
            assert any(isinstance(n, ast.FunctionDef) and n.name == "draw" for n in tree.body), (
                f"{script.name} has no draw(lang)"
            )


def test_search_index_holds_prose_not_source(built_site: BuildResult) -> None:
    """API source blocks and figure scripts are on the pages but not in the index."""
    import json

    site = built_site.site_dir
    for lang_dir in ("", "en/"):
        index = (site / lang_dir / "search/search_index.json").read_text(encoding="utf-8")
        docs = json.loads(index)["docs"]
        page = (site / lang_dir / "reference/batchnorm/index.html").read_text(encoding="utf-8")
        figure = (site / lang_dir / "practical/dropout/index.html").read_text(encoding="utf-8")
        assert "def batchnorm_forward(" in re.sub(r"<[^>]+>", "", page)
        assert "def draw(" in re.sub(r"<[^>]+>", "", figure)
        assert "def batchnorm_forward(" not in index, lang_dir + " index holds API source"
        assert "def draw(" not in index, lang_dir + " index holds figure scripts"
        assert "data-search-exclude" not in page  # Material strips the marker after indexing
        # >>> snippets are indexed from a copy without Pygments' spans; the page keeps them
        snippet = re.search(r'<div class="language-pycon highlight">.*?</pre></div>', figure, re.S)
        assert snippet and '<span class="' in snippet.group(0), lang_dir + " snippet not highlighted"
        assert "<!--dlref-" not in page + figure, lang_dir + " a held block was not put back"
        assert "&gt;&gt;&gt; from dlref import" in index, lang_dir + " index lost the snippets"
        names = {d["location"] for d in docs}
        assert {"reference/batchnorm/#dlref.batchnorm.batchnorm_forward"} <= names


def test_figure_cache_key_follows_what_each_script_imports() -> None:
    """Editing a dlref module redraws the figures that use it, not all of them."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("figures_hook", DOCS / "hooks/figures.py")
    assert spec is not None and spec.loader is not None
    figures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures)
    pkg = ROOT / "dlref"
    ewma = figures.dependencies("ewma_bias")
    assert FIGURES / "ewma_bias.py" in ewma and FIGURES / "_style.py" in ewma
    assert pkg / "ewma.py" in ewma and pkg / "nn.py" not in ewma
    # through a helper (_init_runs) to MLP in dlref/nn.py, and what nn.py imports
    init = figures.dependencies("init_activation_std")
    assert {pkg / "nn.py", pkg / "optim.py", pkg / "_checks.py"} <= set(init)
    assert pkg / "ewma.py" not in init
    for name in figures.figure_names():
        assert (FIGURES / f"{name}.py") in figures.dependencies(name)
    # cold figures are drawn by worker processes: figures sharing a helper stay together
    groups = figures._groups(figures.figure_names())
    assert sorted(n for g in groups for n in g) == figures.figure_names()
    home = {n: i for i, g in enumerate(groups) for n in g}
    assert len({home[n] for n in figures.figure_names() if n.startswith("init_")}) == 1
    with pytest.raises(figures.FigureError, match="no_such_figure"):
        figures.draw_in_workers([["no_such_figure"]], 2)


def test_figure_dependencies_are_walked_again_after_an_import_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk is remembered per figure; editing a file it found (a new import) redoes it."""
    import importlib.util
    import os

    spec = importlib.util.spec_from_file_location("figures_hook", DOCS / "hooks/figures.py")
    assert spec is not None and spec.loader is not None
    figures = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(figures)
    monkeypatch.setattr(figures, "FIGURE_DIR", tmp_path)
    for helper in ("_one", "_two"):
        (tmp_path / f"{helper}.py").write_text("X = 1\n", encoding="utf-8")
    script = tmp_path / "fig.py"
    script.write_text("import _one\n", encoding="utf-8")
    assert figures.dependencies("fig") == [tmp_path / "_one.py", script]
    assert figures.dependencies("fig") == [tmp_path / "_one.py", script]  # remembered
    script.write_text("import _one\nimport _two\n", encoding="utf-8")
    stat = script.stat()
    os.utime(script, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert figures.dependencies("fig") == [tmp_path / "_one.py", tmp_path / "_two.py", script]


#: Size budgets, gzip-compressed (level 6, as a static host serves text), set just
#: above what the site weighs now. Measure with benchmarks/page_weight.py. The search
#: index grows with the number of pages, so its budget is per page of the language:
#: measured 5.7 KB (Korean) and 5.1 KB (English) per page with 38 pages per language.
#: HTML 80 KB: the initialisation page (backward panel, dead units) weighs 73 KB.
BUDGET_KB = {"html": 80, "css": 32, "js": 40, "search index per page": 6.5}


def _gz_kb(path: Path) -> float:
    import gzip

    return len(gzip.compress(path.read_bytes(), compresslevel=6)) / 1024


def test_built_files_stay_within_their_size_budgets(built_site: BuildResult) -> None:
    site = built_site.site_dir
    over = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        size = _gz_kb(page)
        if size > BUDGET_KB["html"]:
            over.append(f"{rel}: the page is {size:.0f} KB gzipped, budget {BUDGET_KB['html']} KB")
        for kind, pattern in (
            ("css", r'<link rel="stylesheet" href="([^"]+)"'),
            ("js", r'<script src="([^"]+)"'),
        ):
            total = sum(
                _gz_kb(site / href.lstrip("/") if href.startswith("/") else page.parent / href)
                for href in re.findall(pattern, html)
            )
            if total > BUDGET_KB[kind]:
                over.append(
                    f"{rel}: loads {total:.0f} KB of {kind.upper()} gzipped, "
                    f"budget {BUDGET_KB[kind]} KB"
                )
    for index in sorted(site.rglob("search_index.json")):
        size = _gz_kb(index)
        lang_root = index.parent.parent
        pages = sum(1 for p in lang_root.rglob("index.html") if p.parent.name != "en")
        if lang_root == site:  # the Korean root: leave out the English tree below it
            pages = sum(1 for p in site.rglob("index.html") if "en" not in p.relative_to(site).parts)
        budget = BUDGET_KB["search index per page"] * pages
        if size > budget:
            over.append(
                f"{index.relative_to(site)}: {size:.0f} KB gzipped for {pages} pages, budget "
                f"{budget:.0f} KB (is code or markup being indexed?)"
            )
    assert over == [], (
        "over the size budget (tests/test_site.py BUDGET_KB; raise a budget only with a "
        "reason in the commit):\n" + "\n".join(over)
    )


def test_no_page_links_a_stylesheet_twice(built_site: BuildResult) -> None:
    """The English build once linked mkdocstrings' CSS twice (the i18n plugin's second
    config); a duplicate costs a request and counts twice against the CSS budget."""
    twice = []
    for page in built_site.site_dir.rglob("*.html"):
        hrefs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text("utf-8"))
        twice += [f"{page}: {h}" for h in set(hrefs) if hrefs.count(h) > 1]
    assert twice == []
