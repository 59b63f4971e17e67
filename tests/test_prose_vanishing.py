"""The finite-width note of the vanishing/exploding page quotes the measured spread over seeds."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _vanishing_runs as runs

PAGE = "practical/vanishing-exploding"
pytestmark = pytest.mark.usefixtures("one_blas_thread")


def test_layer_50_scale_at_the_critical_value_is_quoted_with_its_spread() -> None:
    spread = runs.critical_spread()
    assert len(spread) == 30
    assert_on_page(PAGE, f"{runs.signal('linear', 1.0)[0][-1]:.2f}")
    assert_on_page(PAGE, ko=f"중앙값 {np.median(spread):.2f}, 범위 {spread.min():.2f}–{spread.max():.2f}",
                   en=f"median of {np.median(spread):.2f} and a range of\n{spread.min():.2f}–{spread.max():.2f}")
    # "not a systematic decrease": seed 0's value lies inside the spread, the median near 1
    assert spread.min() < runs.signal("linear", 1.0)[0][-1] < spread.max()
    assert abs(np.median(spread) - 1.0) < 0.1


def _sci(value: float) -> str:
    mantissa, exponent = f"{value:.1e}".split("e")
    exp = int(exponent)
    return f"{mantissa} \\times 10^{{{exp}}}" if exp < 0 else f"{mantissa} \\times 10^{exp}"


def test_linear_and_tanh_signal_numbers_are_quoted() -> None:
    for gain in (0.5, 1.5):
        forward, backward = runs.signal("linear", gain)
        assert_on_page(PAGE, _sci(forward[-1]))
        assert_on_page(PAGE, _sci(backward[0]))
    forward, backward = runs.signal("tanh", 1.0)
    assert_on_page(PAGE, ko=f"{forward[0]:.2f}(1층)에서 {forward[-1]:.2g}(50층)",
                   en=f"{forward[0]:.2f}")
    assert_on_page(PAGE, f"{backward[0]:.2f}")
    forward, backward = runs.signal("tanh", 1.5)
    assert_on_page(PAGE, f"{forward[-1]:.2f}")
    growth = (backward[0] / backward[-1]) ** (1 / (runs.DEPTH - 1)) - 1
    assert_on_page(PAGE, f"{round(100 * growth)}%")
    assert_on_page(PAGE, f"{backward[0]:.1f}")
    assert_on_page(PAGE, ko=f"출력 쪽의 {round(backward[0] / backward[-1])}배",
                   en=f"{round(backward[0] / backward[-1])}")
