"""Accessibility and the reader's language, in a real browser (Chromium through Playwright).

- axe-core (npm, injected with ``page.add_script_tag``) over every built page of both
  languages, every default rule in the light palette and the colour rules again in the
  dark one (switched with the page's palette toggle): no violation of any impact, minor
  ones included, and no console error on any page;
- the pages used by keyboard alone: search, the language switch, a copy button, a
  figure's collapsed code panel, each reached and used by pressing keys;
- every interface string in the page's language (palette toggle, permalinks, ``Bases:``,
  the search dialog's name, a 404 page per language), the language switch keeping the
  section, a valid sitemap, search result titles without TeX;
- display math at 375 and 1280 px: a paragraph's margin from the text and no more, wide
  formulas padded inside their scroll box and reached by Tab;
- every figure at a 375 px phone width: its phone layout in the column and, opened with a
  tap, its wide layout at full size both have their smallest text at least 9 px, without
  the page scrolling sideways.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from tests import _axe
from tests.site_util import BuildResult, chromium_missing_reason, type_search

pytestmark = pytest.mark.browser

_reason = chromium_missing_reason() or _axe.missing_reason()
if _reason and os.environ.get("DLREF_REQUIRE_ALL") == "1":
    raise RuntimeError(f"DLREF_REQUIRE_ALL=1 but the accessibility tests cannot run: {_reason}")
if _reason:
    pytest.skip(_reason, allow_module_level=True)

EWMA = "/optimization/ewma/"
API = "/reference/optim/"  # an API page with classes (their "Bases:")


class Tab:
    """One page in a fresh context; records console errors and failed requests."""

    def __init__(self, chromium: Any, base: str, **options: Any) -> None:
        self.context = chromium.new_context(viewport={"width": 1280, "height": 900}, **options)
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on(
            "response",
            lambda r: self.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path, wait_until="networkidle")

    def path(self) -> str:
        return unquote(urlparse(self.page.url).path)

    def focused(self, selector: str) -> bool:
        return bool(
            self.page.evaluate(
                "s => !!document.activeElement && document.activeElement.matches(s)", selector
            )
        )

    def tab_to(self, selector: str, limit: int = 400) -> None:
        """Press Tab until the focused element matches ``selector``."""
        for _ in range(limit):
            if self.focused(selector):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"{limit} Tab presses never reached {selector}")


@pytest.fixture
def tab(chromium: Any, site: str) -> Iterator[Tab]:
    t = Tab(chromium, site)
    yield t
    t.context.close()


# --- axe-core over every page ------------------------------------------------------------


def test_no_axe_violations_and_no_console_errors(
    chromium: Any, site: str, built_site: BuildResult
) -> None:
    """No finding of any impact: a minor one, such as a table header that is only a formula
    (axe reads no text in MathML), is fixed on the page, not left in the report."""
    pages = _axe.site_pages(built_site.site_dir)
    assert len(pages) >= 60 and "/en/" in pages, pages
    result = _axe.audit(chromium, site, pages)
    print(f"axe-core: {len(pages)} pages, both palettes, in {result.seconds:.0f} s")
    failures = []
    for palette in _axe.PALETTES:
        # every page was checked in this palette
        assert sorted(result.violations[palette]) == pages, palette
        print(f"  {palette}: {dict(_axe.by_rule(result.violations[palette]))}")
        if _axe.by_rule(result.violations[palette]):
            failures.append(
                f"{palette} palette: violations by rule (nodes)\n"
                + _axe.report(result.violations[palette])
            )
    assert not failures, f"axe-core, {len(pages)} pages in {result.seconds:.0f} s\n" + "\n".join(
        failures
    )
    assert result.errors == {}, result.errors


# --- display math ---------------------------------------------------------------------------

#: Every display formula's box, its formula (KaTeX's strut box, which spans the formula's
#: height and depth) and its scroll position at each end; the gaps to paragraphs beside it.
_DISPLAY_MATH = """() => [...document.querySelectorAll('article div.arithmatex')].map(d => {
  const f = d.querySelector('.katex-html');
  const gap = (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().bottom;
  const prev = d.previousElementSibling, next = d.nextElementSibling;
  d.scrollLeft = 0;
  const box = d.getBoundingClientRect(), start = f.getBoundingClientRect();
  d.scrollLeft = d.scrollWidth;
  const end = f.getBoundingClientRect();
  d.scrollLeft = 0;
  return {
    tex: d.querySelector('annotation').textContent.slice(0, 40),
    band: d.clientHeight - start.height,
    top: start.top - box.top, bottom: box.top + d.clientHeight - start.bottom,
    above: prev && prev.tagName === 'P' ? gap(f, prev) : null,
    below: next && next.tagName === 'P' ? gap(next, f) : null,
    paragraph: parseFloat(getComputedStyle(document.querySelector('article p')).marginBottom),
    scrolls: d.scrollWidth > d.clientWidth + 1,
    left: start.left - box.left, right: box.right - end.right,
    tabindex: d.getAttribute('tabindex'),
  };
})"""


@pytest.mark.parametrize("width", [375, 1280])
def test_display_math_has_no_blank_band_and_padding_when_it_scrolls(
    chromium: Any, site: str, width: int
) -> None:
    """A display formula sits a paragraph's margin from the text, not more; wide ones scroll.

    KaTeX's own 1em margin inside the scroll box used to double the gap (32 px where a
    paragraph has 16 px). On a phone the scroll box spans the screen, so the formula needs
    padding at both ends, and Tab must reach the box so a keyboard can scroll it.
    """
    context = chromium.new_context(viewport={"width": width, "height": 800})
    found = []
    try:
        page = context.new_page()
        for path in (EWMA, "/en/optimization/ewma/", "/en/optimization/lr-schedules/"):
            page.goto(site + path, wait_until="load")
            found += [dict(item, path=path) for item in page.evaluate(_DISPLAY_MATH)]
    finally:
        context.close()
    assert len(found) >= 20, found
    for f in found:
        where = f"{f['path']} {f['tex']!r} at {width} px: {f}"
        assert f["top"] >= 0 and f["bottom"] >= 0, "formula cut off: " + where
        assert f["band"] <= 6, "blank band inside the box: " + where
        for gap in (f["above"], f["below"]):
            assert gap is None or gap <= f["paragraph"] + 4, "gap to the text: " + where
    wide = [f for f in found if f["scrolls"]]
    if width == 375:
        assert wide, "no wide formula to check at 375 px"
    for f in wide:
        where = f"{f['path']} {f['tex']!r} at {width} px: {f}"
        assert min(f["left"], f["right"]) >= 8, "formula against the edge: " + where
        assert f["tabindex"] == "0", "scroll box not reachable by Tab: " + where


# --- keyboard alone ------------------------------------------------------------------------


def test_search_by_keyboard(tab: Tab) -> None:
    tab.goto(EWMA)
    tab.page.keyboard.press("/")  # Material's shortcut: f, s or /
    assert tab.focused("input.md-search__input")
    tab.page.keyboard.type("dropout")
    tab.page.wait_for_selector(".md-search-result__item a")
    tab.page.keyboard.press("ArrowDown")
    assert tab.focused(".md-search-result__item a")
    with tab.page.expect_navigation(wait_until="networkidle"):
        tab.page.keyboard.press("Enter")
    assert tab.path() == "/practical/dropout/"
    assert tab.errors == []


def test_language_switch_by_keyboard(tab: Tab) -> None:
    tab.goto(EWMA)
    tab.tab_to('.md-select__link[hreflang="en"]')  # the menu opens on focus
    with tab.page.expect_navigation(wait_until="networkidle"):
        tab.page.keyboard.press("Enter")
    assert tab.path() == "/en" + EWMA
    assert tab.page.get_attribute("html", "lang") == "en"
    assert tab.errors == []


def test_copy_button_and_figure_code_by_keyboard(chromium: Any, site: str) -> None:
    t = Tab(chromium, site)
    try:
        t.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
        t.goto("/en" + EWMA)
        t.tab_to("article .md-code__button[data-clipboard-target]")
        target = t.page.evaluate("document.activeElement.getAttribute('data-clipboard-target')")
        code = t.page.evaluate("s => document.querySelector(s).textContent", target)
        t.page.keyboard.press("Enter")
        clipboard = str(t.page.evaluate("navigator.clipboard.readText()"))
        assert clipboard and clipboard.splitlines()[0] in code
        # a figure's script: a collapsed panel, opened with Enter and closed with Space
        t.tab_to("article details.example:not([open]) > summary")
        panel = "document.activeElement.parentElement.open"
        t.page.keyboard.press("Enter")
        assert t.page.evaluate(panel) is True
        t.page.keyboard.press(" ")
        assert t.page.evaluate(panel) is False
        assert t.errors == []
    finally:
        t.context.close()


# --- the reader's language -----------------------------------------------------------------


UI: dict[str, dict[str, Any]] = {
    "": {
        "lang": "ko",
        "toggle": {"다크 모드로 전환", "라이트 모드로 전환"},
        "search": "검색",
        "permalink": "이 절의 고정 링크",
        "bases": "기반 클래스:",
        "404": "404 - 페이지를 찾을 수 없습니다",
    },
    "/en": {
        "lang": "en",
        "toggle": {"Switch to dark mode", "Switch to light mode"},
        "search": "Search",
        "permalink": "Permanent link",
        "bases": "Bases:",
        "404": "404 - Page not found",
    },
}


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_interface_strings_in_the_pages_language(tab: Tab, prefix: str) -> None:
    ui = UI[prefix]
    other = UI["/en" if not prefix else ""]
    for path in (EWMA, API, "/404.html"):
        tab.goto(prefix + path)
        page = tab.page
        assert page.get_attribute("html", "lang") == ui["lang"], path
        labels = page.eval_on_selector_all(
            "input[name='__palette'], label[for^='__palette']",
            "els => els.map(e => e.title || e.getAttribute('aria-label'))",
        )
        assert set(labels) == ui["toggle"], (path, labels)
        assert page.get_attribute(".md-search", "aria-label") == ui["search"], path
        if path != "/404.html":
            titles = set(page.eval_on_selector_all("a.headerlink", "els => els.map(e => e.title)"))
            assert titles == {ui["permalink"]}, (path, titles)
    tab.goto(prefix + API)
    bases = tab.page.eval_on_selector_all(
        ".doc-class-bases", "els => els.map(e => e.textContent.trim().split(' ')[0])"
    )
    assert bases and all(ui["bases"].startswith(b) for b in bases), bases
    assert other["bases"] not in tab.page.inner_text("article")
    tab.goto(prefix + "/404.html")
    assert tab.page.inner_text("article h1") == ui["404"]
    assert tab.errors == []  # the language switcher's sitemap.xml request included


def test_sitemap_lists_published_urls(tab: Tab) -> None:
    response = tab.page.goto(tab.base + "/sitemap.xml")
    assert response is not None and response.ok
    xml = response.text()
    assert "None" not in xml
    assert "<loc>https://dlref.github.io/optimization/ewma/</loc>" in xml
    assert 'hreflang="en" href="https://dlref.github.io/en/optimization/ewma/"' in xml


@pytest.mark.parametrize(("source", "target"), [("", "en"), ("/en", "ko")])
def test_language_switch_keeps_the_section(tab: Tab, source: str, target: str) -> None:
    heading = "article h2[id]"
    tab.goto(source + EWMA)
    ids = tab.page.eval_on_selector_all(heading, "els => els.map(e => e.id)")
    index = 2
    tab.goto(f"{source}{EWMA}#{ids[index]}")
    tab.page.hover(".md-header__option .md-select")
    with tab.page.expect_navigation(wait_until="networkidle"):
        tab.page.click(f'.md-select__link[hreflang="{target}"]')
    twin = tab.page.eval_on_selector_all(heading, "els => els.map(e => e.id)")
    assert len(twin) == len(ids)
    assert unquote(urlparse(tab.page.url).fragment) == twin[index], tab.page.url
    top = tab.page.eval_on_selector(f"[id='{twin[index]}']", "e => e.getBoundingClientRect().top")
    assert 0 <= top < 200, top  # scrolled to the twin heading
    assert tab.errors == []


@pytest.mark.parametrize(("prefix", "query"), [("", "무작위 가중치"), ("/en", "gain of one layer")])
def test_search_result_titles_show_no_tex(tab: Tab, prefix: str, query: str) -> None:
    tab.goto(prefix + "/")
    type_search(tab.page, query)
    titles = tab.page.eval_on_selector_all(
        ".md-search-result__item h1, .md-search-result__item h2",
        "els => els.map(e => e.textContent)",
    )
    assert any("s√n" in t for t in titles), titles
    assert not any("\\" in t for t in titles), titles


# --- figures on a phone --------------------------------------------------------------------


def _smallest_text(svg: Path) -> float:
    """A figure's smallest text as a fraction of its width.

    matplotlib writes text as paths scaled by ``fontsize / 100`` in the units of the
    viewBox (points), so the rendered size is this fraction times the drawn width.
    """
    source = svg.read_text(encoding="utf-8")
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', source).group(1))  # type: ignore[union-attr]
    scales = [float(s) for s in re.findall(r"scale\(([\d.]+) -[\d.]+\)", source)]
    return min(scales) * 100 / width if scales else float("inf")


def test_figure_text_readable_on_a_phone_with_a_tap(
    chromium: Any, site: str, built_site: BuildResult
) -> None:
    root = built_site.site_dir
    pages = [
        p
        for p in _axe.site_pages(root)
        if "figures/" in (root / p[1:] / "index.html").read_text("utf-8")
    ]
    assert len(pages) >= 30, pages
    context = chromium.new_context(viewport={"width": 375, "height": 800}, has_touch=True)
    fitted, opened = [], []
    try:
        page = context.new_page()
        for path in pages:
            page.goto(site + path, wait_until="load")
            figures = page.locator("article img[data-dlref-zoom]")
            assert figures.count() > 0, path
            for i in range(figures.count()):
                img = figures.nth(i)
                img.scroll_into_view_if_needed()
                src = _shown(img)
                assert src.endswith("-narrow.svg"), src  # the phone layout
                fitted.append((img.bounding_box()["width"] * _smallest_text(root / src[1:]), src))
                img.tap()
                assert img.get_attribute("aria-expanded") == "true", src
                page.wait_for_function(  # the wide layout, loaded
                    "e => e.complete && !e.currentSrc.includes('-narrow')", arg=img.element_handle()
                )
                src = _shown(img)
                opened.append((img.bounding_box()["width"] * _smallest_text(root / src[1:]), src))
                assert page.evaluate("document.documentElement.scrollWidth") <= 375, src
                img.focus()
                page.keyboard.press("Enter")  # and closed again by keyboard
                assert img.get_attribute("aria-expanded") == "false", src
    finally:
        context.close()
    smallest_fitted, smallest_opened = min(fitted), min(opened)
    print(f"smallest figure text at 375 px: {smallest_fitted} fitted, {smallest_opened} opened")
    assert smallest_fitted[0] >= 9.0, (smallest_fitted, smallest_opened)
    assert smallest_opened[0] >= 9.0, (smallest_fitted, smallest_opened)


def _shown(img: Any) -> str:
    """Path of the image the browser shows (a ``<picture>`` picks one of its sources)."""
    return urlparse(str(img.evaluate("e => e.currentSrc"))).path
