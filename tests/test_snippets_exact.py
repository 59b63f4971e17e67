"""Every example prints *exactly* what the page shows, pasted the way a reader pastes it.

The doctest run (pytest-doctestplus with FLOAT_CMP) tolerates tiny float differences so the
examples survive NumPy upgrades, and shares one namespace across a page. A reader does
neither: they click the copy button on one block (prompts and outputs stripped, see
``tests/_snippets.py``), paste it into a fresh interactive interpreter and compare characters.
This test does exactly that for every ``>>>`` block of every page (both languages) and every
docstring example of the package: a fresh ``code.InteractiveConsole`` per block, its output
compared character for character with the page.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import dlref
from tests._snippets import Block, docstring_blocks, markdown_blocks, run_as_pasted

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "docs").rglob("*.md"))
MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(dlref.__path__, "dlref.")
    if not m.name.startswith("dlref._") and m.name != "dlref.conftest"
)
pytestmark = pytest.mark.usefixtures("one_blas_thread")


def _report(where: str, block: Block, got: str) -> str:
    return (
        f"{where}:{block.line_no}: pasted into a fresh interpreter, this block prints\n"
        f"{got}\ninstead of what the page shows\n{block.expected}\n--- the pasted code ---\n"
        f"{block.code}"
    )


def _docstrings(module: ModuleType) -> Iterator[tuple[str, str]]:
    """(qualified name, docstring) of the module and of everything defined in it."""
    yield module.__name__, inspect.getdoc(module) or ""
    for name, obj in vars(module).items():
        if getattr(obj, "__module__", None) != module.__name__ or name.startswith("_"):
            continue
        yield f"{module.__name__}.{name}", obj.__doc__ or ""
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                target = member.fget if isinstance(member, property) else member
                target = getattr(target, "__func__", target)
                doc = getattr(target, "__doc__", None)
                if (doc and callable(target)) or isinstance(member, property):
                    yield f"{module.__name__}.{name}.{attr}", doc or ""


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_page_blocks_print_exactly_when_pasted(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for block in markdown_blocks(text):
        got = run_as_pasted(block.code)
        assert got == block.expected, _report(str(page.relative_to(ROOT)), block, got)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_blocks_print_exactly_when_pasted(name: str) -> None:
    module = importlib.import_module(name)
    for where, doc in _docstrings(module):
        for block in docstring_blocks(doc):
            got = run_as_pasted(block.code)
            assert got == block.expected, _report(where, block, got)
