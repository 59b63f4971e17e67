"""Every example prints *exactly* what the page shows.

The doctest run (pytest-doctestplus with FLOAT_CMP) tolerates tiny float
differences so the examples survive NumPy upgrades. A reader who pastes a
snippet into Python, though, compares characters. This test runs the same
examples with plain doctest — no float tolerance, no whitespace folding — on
the NumPy installed here, so a page never shows ``10.0`` where Python prints
``10.000000000000002``.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import dlref

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").rglob("*.md"))
MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(dlref.__path__, "dlref.")
    if not m.name.startswith("dlref._")
)


def _run(tests: list[doctest.DocTest]) -> str:
    runner = doctest.DocTestRunner(optionflags=0)
    report: list[str] = []
    for test in tests:
        runner.run(test, out=report.append)
    return "".join(report)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples_print_exactly(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    test = doctest.DocTestParser().get_doctest(text, {}, page.name, str(page), 0)
    assert _run([test]) == ""


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_print_exactly(name: str) -> None:
    module = importlib.import_module(name)
    tests = doctest.DocTestFinder(exclude_empty=True).find(module, name)
    assert _run(tests) == ""
