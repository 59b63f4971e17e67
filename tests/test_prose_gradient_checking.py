"""The gradient-checking page quotes the numbers its two figures compute."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import gradcheck_bugs as bugs
import gradcheck_step_size as steps

PAGE = "practical/gradient-checking"


def _sci(value: float) -> str:
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def _sci0(value: float) -> str:
    mantissa, exponent = f"{value:.0e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def test_step_size_figure_numbers() -> None:
    c, h = steps.curves(), steps.STEPS
    best = int(np.argmin(c["central"]))
    at_default = int(np.argmin(np.abs(h - 1e-5)))
    assert_on_page(PAGE, _sci(h[best]))
    assert_on_page(PAGE, _sci(c["central"][best]))
    assert_on_page(PAGE, _sci(c["central"][at_default]))
    one = int(np.argmin(c["one_sided"]))
    assert_on_page(PAGE, _sci(h[one]))
    assert_on_page(PAGE, _sci(c["one_sided"][one]))
    assert_on_page(PAGE, _sci(c["one_sided"][at_default]))
    h32 = h[h >= 1e-7]
    c32 = np.array(c["central32"])
    assert_on_page(PAGE, _sci(c32[int(np.argmin(np.abs(h32 - 1e-5)))]))
    assert_on_page(PAGE, _sci(c32.min()))
    assert_on_page(PAGE, f"{h32[int(np.argmin(c32))]:.3f}".rstrip("0"))


def test_bug_figure_numbers_and_verdicts() -> None:
    res = dict(zip(bugs.CASES, bugs.results(), strict=True))
    assert res["correct"][1] == "ok" and res["l2_small"][1] == "look closer"
    assert all(res[c][1] == "bug" for c in ("kink", "m", "sign", "transpose", "tanh", "l2"))
    assert_on_page(PAGE, _sci0(res["correct"][0]))
    assert_on_page(PAGE, _sci0(res["kink"][0]))
    assert_on_page(PAGE, _sci0(res["l2_small"][0]))
    for case in ("m", "transpose"):
        assert_on_page(PAGE, f"({res[case][0]:.2f})")
    assert_on_page(PAGE, f"({res['sign'][0]:.1f})")
    assert_on_page(PAGE, f"{res['tanh'][0]:.2f}")
    assert_on_page(PAGE, f"{res['l2'][0]:.2f}")
