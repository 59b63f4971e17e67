"""Prose numbers: a number typed into a page must be one the code computes.

A test recomputes a measured value (through the same helper the figure uses),
formats it the way the page prints it, and asserts that the text appears in
*both* language versions of the page::

    from tests._prose import assert_on_page

    def test_dropout_dev_accuracy_is_quoted() -> None:
        acc = _runs.dropout_accuracies()["none"]
        assert_on_page("practical/dropout", f"{100 * acc:.1f} %")

``page`` is the path under ``docs/`` without the language suffix. A value that
the two languages write differently (``1.2e-3`` vs ``1.2×10⁻³``) is passed per
language as ``ko=`` / ``en=``.
"""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"


def page_text(page: str, lang: str) -> str:
    """The Markdown source of ``docs/<page>.<lang>.md``."""
    path = DOCS / f"{page}.{lang}.md"
    if not path.exists():
        raise FileNotFoundError(f"no page {path.relative_to(DOCS.parent)}")
    return path.read_text(encoding="utf-8")


def _normalise(text: str) -> str:
    # Collapse runs of whitespace (a number may wrap across a line break) and
    # treat the non-breaking and narrow no-break spaces as spaces.
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def assert_on_page(
    page: str, text: str | None = None, *, ko: str | None = None, en: str | None = None
) -> None:
    """Assert that a computed value, as printed, appears on both language pages."""
    want = {"ko": ko if ko is not None else text, "en": en if en is not None else text}
    for lang, needle in want.items():
        if needle is None:
            raise TypeError("assert_on_page needs text, or both ko= and en=")
        body = _normalise(page_text(page, lang))
        assert _normalise(needle) in body, (
            f"docs/{page}.{lang}.md should quote the measured value {needle!r} "
            "(recomputed by this test); the page text and the code have drifted apart"
        )
