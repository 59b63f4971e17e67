"""axe-core (from npm, ``node_modules/axe-core``) run over pages of the built site.

Used by ``tests/test_a11y.py``; also a command-line tool that prints the violations by
rule and impact for every page of a built site, in the light and dark palettes::

    python -m tests._axe /tmp/site
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.site_util import ROOT, browser, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: Material's palettes follow the reader's system setting until the toggle is used.
PALETTES = ("light", "dark")
#: The rules that depend on colour, the only ones run again in the dark palette (the
#: others check markup, names and structure, which the palette does not change).
COLOUR_RULES = ("color-contrast", "link-in-text-block")

_RUN = """async (rules) => {
  const options = {resultTypes: ['violations']};
  if (rules) options.runOnly = {type: 'rule', values: rules};
  const result = await axe.run(document, options);
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, nodes: v.nodes.length,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
  }));
}"""


def missing_reason() -> str | None:
    if not AXE.is_file():
        return f"axe-core is not installed ({AXE} missing; run npm ci)"
    return None


def site_pages(site_dir: Path) -> list[str]:
    """URL path of every built page (both languages), without the 404 pages."""
    return sorted(
        "/" + p.parent.relative_to(site_dir).as_posix().removeprefix(".") + "/"
        if p.parent != site_dir
        else "/"
        for p in site_dir.rglob("index.html")
    )


def violations(page: Any, rules: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """axe's violations on the page as shown: rule id, impact, node count, first targets.

    Every rule axe enables by default, or only ``rules``.
    """
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return list(page.evaluate(_RUN, list(rules) if rules is not None else None))


@dataclass
class Audit:
    """What one pass over the pages found."""

    #: palette → page → violations
    violations: dict[str, dict[str, list[dict[str, Any]]]] = field(
        default_factory=lambda: {p: {} for p in PALETTES}
    )
    #: console errors, uncaught exceptions and failed requests, per page
    errors: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0


_SCHEME = "document.body.getAttribute('data-md-color-scheme')"
_PALETTE = {"default": "light", "slate": "dark"}  # Material's scheme → palette


def audit(chromium: Any, base: str, paths: Iterable[str]) -> Audit:
    """axe over every page in both palettes, loading each page once.

    The first page opens in the light palette (the system setting); on each page axe
    runs in the palette it opened in, then the reader's palette toggle is pressed and
    axe runs again. Material remembers the choice, so the next page opens in the other
    palette. Every default rule runs in the light palette, the colour rules in the dark
    one (the other rules check markup, names and structure, which the palette does not
    change).
    """
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    result = Audit()
    current = [""]

    def error(text: str) -> None:
        result.errors.setdefault(current[0], []).append(text)

    start = time.perf_counter()
    try:
        page = context.new_page()
        page.on("console", lambda m: error(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: error(str(e)))
        page.on("response", lambda r: error(f"{r.status} {r.url}") if r.status >= 400 else None)
        for path in paths:
            current[0] = path
            page.goto(base + path, wait_until="load")
            for toggle in (True, False):
                scheme = str(page.evaluate(_SCHEME))
                palette = _PALETTE[scheme]
                rules = COLOUR_RULES if palette == "dark" else None
                result.violations[palette][path] = violations(page, rules)
                if toggle:
                    page.click("label.md-header__button[for^='__palette']:not([hidden])")
                    page.wait_for_function(
                        f"{_SCHEME} !== '{scheme}'"
                        " && !document.body.hasAttribute('data-md-color-switching')"
                    )
    finally:
        context.close()
    result.seconds = time.perf_counter() - start
    return result


def by_rule(
    found: dict[str, list[dict[str, Any]]], impacts: Iterable[str] | None = None
) -> Counter[str]:
    """Node counts per ``rule (impact)`` over all pages, optionally only some impacts."""
    keep = set(impacts) if impacts is not None else None
    counts: Counter[str] = Counter()
    for items in found.values():
        for v in items:
            if keep is None or v["impact"] in keep:
                counts[f"{v['id']} ({v['impact']})"] += v["nodes"]
    return counts


def report(found: dict[str, list[dict[str, Any]]], impacts: Iterable[str] | None = None) -> str:
    """Rules with node counts, then the pages and first elements of each."""
    keep = set(impacts) if impacts is not None else None
    lines = [f"  {rule}: {n} nodes" for rule, n in by_rule(found, keep).most_common()]
    for path, items in found.items():
        for v in items:
            if keep is None or v["impact"] in keep:
                lines.append(f"    {path} {v['id']} ×{v['nodes']}: {v['targets']}")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - developer tool
    site = Path(sys.argv[1])
    with serve(site) as base, browser() as b:
        pages = site_pages(site)
        result = audit(b, base, pages)
        print(f"{len(pages)} pages, both palettes, in {result.seconds:.1f} s")
        print(f"console errors / failed requests: {result.errors}")
        for palette in PALETTES:
            print(f"== {palette}: {len(result.violations[palette])} pages")
            for rule, n in by_rule(result.violations[palette]).most_common():
                print(f"  {rule}: {n}")
