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
