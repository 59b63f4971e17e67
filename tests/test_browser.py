"""The built site in a real browser: headless Debian Chromium through Playwright.

Skipped with a reason when Chromium or Playwright is missing (CI installs both).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.site_util import ROOT, chromium_missing_reason, type_search

pytestmark = pytest.mark.browser

_reason = chromium_missing_reason()
if _reason and os.environ.get("DLREF_REQUIRE_ALL") == "1":
    raise RuntimeError(f"DLREF_REQUIRE_ALL=1 but the browser tests cannot run: {_reason}")
if _reason:
    pytest.skip(_reason, allow_module_level=True)

PAGE = "/optimization/ewma/"
DOCS = ROOT / "docs"


class Visit:
    """A page plus a log of every request it makes and every failed response."""

    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base = page, base
        self.requests: list[str] = []
        self.failures: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on(
            "response",
            lambda r: self.failures.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )
        # A request the browser cancelled because the page navigated away (a search
        # worker still fetching lunr when the language switch is clicked) is not a
        # missing file: missing files show up above as 404 responses.
        page.on(
            "requestfailed",
            lambda r: None
            if r.failure == "net::ERR_ABORTED"
            else self.failures.append(f"failed {r.url} ({r.failure})"),
        )

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="networkidle")

    def off_origin(self) -> list[str]:
        host = urlparse(self.base).netloc
        return [
            u for u in self.requests if urlparse(u).scheme != "data" and urlparse(u).netloc != host
        ]


@pytest.fixture
def visit(chromium: Any, site: str) -> Iterator[Visit]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    v = Visit(context.new_page(), site)
    yield v
    context.close()


def _url(source: Path) -> str:
    """URL path of a page from its Korean source ``docs/<path>.ko.md``."""
    rel = source.relative_to(DOCS).as_posix().removesuffix(".ko.md")
    if rel == "index":
        return "/"
    return "/" + rel.removesuffix("/index") + "/"


PAGES = sorted(_url(p) for p in DOCS.rglob("*.ko.md"))


def _katex_scripts(visit: Visit) -> list[str]:
    return [u for u in visit.requests if "katex" in u.lower() and u.split("?")[0].endswith(".js")]


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_renders_math_and_figures_offline(visit: Visit, prefix: str, path: str) -> None:
    visit.goto(prefix + path)
    # Math is KaTeX HTML in the page as served: nothing renders it later, so there
    # is nothing to wait for but the fonts the stylesheet asks for.
    visit.page.evaluate("document.fonts.ready.then(() => true)")
    state = visit.page.evaluate(
        """() => ({
            math: document.querySelectorAll('.arithmatex').length,
            rendered: document.querySelectorAll('.arithmatex > .katex, .arithmatex > .katex-display').length,
            errors: document.querySelectorAll('.katex-error').length,
            images: Array.from(document.querySelectorAll('article img')).map(
                i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0]),
        })"""
    )
    assert state["rendered"] == state["math"], state
    assert state["errors"] == 0, state
    assert all(ok for _, ok in state["images"]), state["images"]
    text = visit.page.inner_text("article")
    for raw in ("\\(", "\\[", "$$"):
        assert raw not in text, f"unrendered math delimiter {raw!r} on {prefix + path}"
    assert _katex_scripts(visit) == [], "math is rendered at build time; no KaTeX script"
    if state["math"]:
        assert any("/assets/katex/fonts/" in u for u in visit.requests)
    assert visit.off_origin() == []
    assert visit.failures == []


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_math_is_rendered_on_the_ewma_page(visit: Visit, prefix: str) -> None:
    visit.goto(prefix + PAGE)
    visit.page.evaluate("document.fonts.ready.then(() => true)")
    assert visit.page.locator(".arithmatex .katex").count() >= 5
    assert visit.page.locator("div.arithmatex .katex-display").count() >= 1
    # KaTeX's stylesheet is applied and its fonts are loaded (not a fallback font)
    family = visit.page.eval_on_selector(
        ".arithmatex .katex", "e => getComputedStyle(e).fontFamily"
    )
    assert "KaTeX_Main" in family, family
    assert visit.page.evaluate("document.fonts.check('1em KaTeX_Main')")
    # the MathML copy for screen readers is there, the visual copy is hidden from them
    assert visit.page.locator(".arithmatex .katex-mathml math").count() >= 5
    assert _katex_scripts(visit) == []
    assert visit.page.locator("article img").count() >= 2


def test_language_switch_keeps_the_page(visit: Visit) -> None:
    visit.goto(PAGE)
    assert visit.page.get_attribute("html", "lang") == "ko"
    for target, lang, path in (("en", "en", "/en" + PAGE), ("ko", "ko", PAGE)):
        visit.page.hover(".md-header__option .md-select")
        with visit.page.expect_navigation(wait_until="networkidle"):
            visit.page.click(f'.md-select__link[hreflang="{target}"]')
        assert urlparse(visit.page.url).path == path
        assert visit.page.get_attribute("html", "lang") == lang
    assert visit.off_origin() == []
    assert visit.failures == []


@pytest.mark.parametrize(
    ("prefix", "query", "expected"),
    [
        # a page from each part, and an API entry, in both languages
        ("", "드롭아웃", "/practical/dropout/"),
        ("/en", "dropout", "/en/practical/dropout/"),
        ("", "지수", "/optimization/ewma/"),
        ("/en", "exponentially", "/en/optimization/ewma/"),
        ("", "batchnorm_forward", "/reference/batchnorm/"),
        ("/en", "batchnorm_forward", "/en/reference/batchnorm/"),
    ],
)
def test_search_finds_the_page_in_the_readers_language(
    visit: Visit, prefix: str, query: str, expected: str
) -> None:
    visit.goto(prefix + "/")
    type_search(visit.page, query)
    absolute = visit.page.eval_on_selector_all(
        ".md-search-result__item > a",
        "els => els.map(e => new URL(e.getAttribute('href'), document.baseURI).pathname)",
    )
    assert any(p.startswith(expected) for p in absolute), absolute
    if prefix:
        assert all(p.startswith("/en/") for p in absolute), absolute
    else:
        assert not any(p.startswith("/en/") for p in absolute), absolute
    assert visit.off_origin() == []


# --- the copy button --------------------------------------------------------------------


def _copy_block(visit: Visit, index: int) -> str:
    """Click the copy button of the index-th code block and return the clipboard."""
    button = visit.page.locator("[data-clipboard-target]").nth(index)
    button.scroll_into_view_if_needed()
    button.click()
    return str(visit.page.evaluate("navigator.clipboard.readText()"))


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_copy_button_gives_code_a_reader_can_paste(chromium: Any, site: str, prefix: str) -> None:
    from tests._snippets import copy_text, markdown_blocks, run_as_pasted

    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    try:
        visit = Visit(context.new_page(), site)
        visit.goto(prefix + PAGE)
        visit.page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        codes = visit.page.locator("[data-clipboard-target]")
        texts = [
            str(visit.page.evaluate(
                "sel => document.querySelector(sel).textContent",
                codes.nth(i).get_attribute("data-clipboard-target"),
            ))
            for i in range(codes.count())
        ]
        doctest_blocks = [i for i, t in enumerate(texts) if t.startswith(">>> ")]
        plain_blocks = [i for i, t in enumerate(texts) if ">>> " not in t]
        assert doctest_blocks and plain_blocks, "the EWMA page has both kinds of block"
        # a >>> block: the clipboard holds the Python transformation, and it runs as shown
        lang = "en" if prefix else "ko"
        page_blocks = markdown_blocks((DOCS / f"optimization/ewma.{lang}.md").read_text("utf-8"))
        first = doctest_blocks[0]
        clipboard = _copy_block(visit, first)
        assert clipboard == copy_text(texts[first])
        assert ">>>" not in clipboard and clipboard == page_blocks[0].code
        assert run_as_pasted(clipboard) == page_blocks[0].expected
        # any other block (a figure's script) copies verbatim
        other = _copy_block(visit, plain_blocks[0])
        assert other.rstrip() == texts[plain_blocks[0]].rstrip()
    finally:
        context.close()


# --- search as readers type ---------------------------------------------------------------

#: (query, expected page, how high it must rank). Korean: glossary terms solid and
#: spaced, with and without a trailing particle; English: both spellings, plurals.
KO_QUERIES = [
    ("안장점을", "/optimization/saddle-points/", 3),
    ("미니배치를", "/optimization/minibatch/", 3),
    ("활성화함수", "/practice/activations/", 3),
    ("활성화 함수의", "/practice/activations/", 3),
    ("학습률감쇠", "/optimization/lr-schedules/", 3),
    ("학습률 감쇠를", "/optimization/lr-schedules/", 3),
    ("학습 과정 점검", "/practice/babysitting/", 3),
    ("네스테로프", "/optimization/nesterov/", 3),
    ("배치정규화", "/tuning/batchnorm/", 3),
    ("배치 정규화", "/tuning/batchnorm/", 3),
    ("배치정규화를", "/tuning/batchnorm/", 3),
    ("배치 정규화의", "/tuning/batchnorm/", 3),
    ("가중치초기화", "/practical/initialization/", 3),
    ("가중치 초기화", "/practical/initialization/", 3),
    ("가중치초기화는", "/practical/initialization/", 3),
    ("초기화를", "/practical/initialization/", 3),
    ("지수가중이동평균", "/optimization/ewma/", 3),
    ("지수가중 이동평균", "/optimization/ewma/", 3),
    ("지수가중평균의", "/optimization/ewma/", 3),
    ("경사소실", "/practical/vanishing-exploding/", 3),
    ("경사 소실", "/practical/vanishing-exploding/", 3),
    ("경사소실을", "/practical/vanishing-exploding/", 3),
    ("경사 폭주가", "/practical/vanishing-exploding/", 3),
    ("조기종료", "/practical/early-stopping-augmentation/", 3),
    ("조기 종료", "/practical/early-stopping-augmentation/", 3),
    ("조기종료로", "/practical/early-stopping-augmentation/", 3),
    ("경사검사", "/practical/gradient-checking/", 3),
    ("경사 검사", "/practical/gradient-checking/", 3),
    ("경사검사에서", "/practical/gradient-checking/", 3),
    ("입력정규화", "/practical/normalizing-inputs/", 3),
    ("입력 정규화", "/practical/normalizing-inputs/", 3),
    ("입력정규화와", "/practical/normalizing-inputs/", 3),
    ("정규화를", "/practical/normalizing-inputs/", 1),
    ("드롭아웃을", "/practical/dropout/", 3),
    ("역드롭아웃", "/practical/dropout/", 3),
    ("가중치감쇠", "/practical/l2-regularization/", 3),
    ("모멘텀으로", "/optimization/momentum/", 3),
    ("데이터증강", "/practical/early-stopping-augmentation/", 3),
    ("데이터 증강과", "/practical/early-stopping-augmentation/", 3),
    ("소프트맥스회귀", "/tuning/softmax/", 3),
    ("소프트맥스 회귀의", "/tuning/softmax/", 3),
    ("무작위탐색", "/tuning/process/", 3),
    ("편향과 분산", "/practical/bias-variance/", 3),
    ("데이터 분할", "/practical/data-splits/", 3),
    ("화이트닝을", "/practice/preprocessing/", 3),
    ("batchnorm_forward", "/reference/batchnorm/", 3),
]
EN_QUERIES = [
    ("saddle points", "/en/optimization/saddle-points/", 3),
    ("mini-batches", "/en/optimization/minibatch/", 3),
    ("learning-rate decay", "/en/optimization/lr-schedules/", 3),
    ("babysitting", "/en/practice/babysitting/", 3),
    ("Nesterov", "/en/optimization/nesterov/", 3),
    ("losses", "/en/practice/losses/", 3),
    ("initialization", "/en/practical/initialization/", 3),
    ("initialisation", "/en/practical/initialization/", 3),
    ("weight initialization", "/en/practical/initialization/", 3),
    ("weight initialisation", "/en/practical/initialization/", 3),
    ("initializing weights", "/en/practical/initialization/", 3),
    ("Xavier initialization", "/en/practical/initialization/", 3),
    ("He initializations", "/en/practical/initialization/", 3),
    ("input normalization", "/en/practical/normalizing-inputs/", 3),
    ("input normalisation", "/en/practical/normalizing-inputs/", 3),
    ("normalizing inputs", "/en/practical/normalizing-inputs/", 3),
    ("normalising inputs", "/en/practical/normalizing-inputs/", 3),
    ("batch normalization", "/en/tuning/batchnorm/", 3),
    ("batch normalisation", "/en/tuning/batchnorm/", 3),
    ("L2 regularization", "/en/practical/l2-regularization/", 3),
    ("L2 regularisation", "/en/practical/l2-regularization/", 3),
    ("L1 regularizations", "/en/practical/l1-regularization/", 3),
    ("dropout masks", "/en/practical/dropout/", 3),
    ("inverted dropout", "/en/practical/dropout/", 3),
    ("exponentially weighted averages", "/en/optimization/ewma/", 3),
    ("exponentially weighted moving average", "/en/optimization/ewma/", 3),
    ("vanishing gradients", "/en/practical/vanishing-exploding/", 3),
    ("exploding gradient", "/en/practical/vanishing-exploding/", 3),
    ("gradient checking", "/en/practical/gradient-checking/", 3),
    ("gradient checks", "/en/practical/gradient-checking/", 3),
    ("early stopping", "/en/practical/early-stopping-augmentation/", 3),
    ("data augmentations", "/en/practical/early-stopping-augmentation/", 3),
    ("momentum", "/en/optimization/momentum/", 3),
    ("softmax regression", "/en/tuning/softmax/", 3),
    ("random searches", "/en/tuning/process/", 3),
    ("whitening", "/en/practice/preprocessing/", 3),
    ("bias and variance", "/en/practical/bias-variance/", 3),
    ("symmetry breaking", "/en/practical/initialization/", 3),
    ("standardization", "/en/practical/normalizing-inputs/", 3),
    ("initialized weights", "/en/practical/initialization/", 3),
    ("Kaiming initialization", "/en/practical/initialization/", 3),
    ("normalization", "/en/practical/normalizing-inputs/", 3),
    ("regularization", "/en/practical/l2-regularization/", 3),
    ("standardizing features", "/en/practical/normalizing-inputs/", 3),
    ("optimizers", "/en/reference/optim/", 3),
    ("activation functions", "/en/practice/activations/", 3),
    ("bias corrections", "/en/optimization/ewma/", 3),
    ("batchnorm_forward", "/en/reference/batchnorm/", 3),
]


#: The result counter's text: empty before the first search, Material's placeholder
#: for an empty query, a count or "no results" once a query's results are shown.
_META = """(() => {
    const placeholder = JSON.parse(document.getElementById('__config').textContent)
        .translations['search.result.placeholder'];
    const text = document.querySelector('.md-search-result__meta').textContent;
    return text === '' || text === placeholder ? 'idle' : 'answered';
})()"""


def search_top_pages(page: Any, query: str) -> list[str]:
    """Type ``query`` into the search box; the result pages in their order.

    Clears the box and waits for Material to show the empty state, types the
    query and waits for the result counter to answer it (a count, or "no
    results"): no waiting on a clock, so a miss is a miss and not a slow machine.
    """
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function(f"{_META} === 'idle' && !document.querySelector('.md-search-result__item')")
    box.fill(query)
    box.press("End")  # Material searches on keyup; Korean input needs a key event
    page.wait_for_function(f"{_META} === 'answered'")
    paths: list[str] = page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(li => new URL(
            li.querySelector('a').getAttribute('href'), document.baseURI).pathname)""",
    )
    return paths


def run_queries(visit: Visit, prefix: str, queries: list[tuple[str, str, int]]) -> list[str]:
    """Each query typed into the real search box; a line per query that missed."""
    visit.goto(prefix + "/")
    visit.page.locator("input.md-search__input").click()
    missed = []
    for query, expected, rank in queries:
        pages = search_top_pages(visit.page, query)
        if expected not in pages[:rank]:
            shown = ", ".join(pages[:3]) or "nothing"
            missed.append(f"{query!r}: expected {expected} in the top {rank}, got {shown}")
    return missed


@pytest.mark.parametrize(("prefix", "queries"), [("", KO_QUERIES), ("/en", EN_QUERIES)])
def test_search_finds_terms_as_readers_type_them(
    visit: Visit, prefix: str, queries: list[tuple[str, str, int]]
) -> None:
    missed = run_queries(visit, prefix, queries)
    assert missed == [], (
        f"{len(missed)} of {len(queries)} queries missed:\n" + "\n".join(missed)
    )
    assert visit.off_origin() == []
    assert visit.failures == []
