"""The L2 page's moons numbers are the figure code's, and their difference beats the noise."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _regularization_runs as runs

PAGE = "practical/l2-regularization"
pytestmark = pytest.mark.usefixtures("one_blas_thread")


def test_moons_accuracies_and_their_standard_error() -> None:
    sweep = runs.l2_sweep()
    best = float(sweep.dev[list(sweep.lambdas).index(sweep.tuned)])
    assert sweep.tuned == 1.0 and sweep.train0 == 1.0
    assert_on_page(PAGE, f"{100 * sweep.dev0:.1f}%")
    assert_on_page(PAGE, f"{100 * best:.1f}%")
    se = np.sqrt(best * (1 - best) / runs.MOONS_DEV)
    assert_on_page(PAGE, ko=f"표준오차(약 {100 * se:.1f}%p)", en=f"(about {100 * se:.1f} points)")
    assert best - sweep.dev0 > 3 * se
    assert_on_page(PAGE, ko=f"Adam(학습률 {runs.MOONS_LR}, {runs.MOONS_EPOCHS}에폭)",
                   en=f"Adam\n(learning rate {runs.MOONS_LR}, {runs.MOONS_EPOCHS} epochs)")


def test_weight_sizes_and_linear_range_are_quoted() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
    import l2_weights

    values = l2_weights._values()
    none_w, tuned_w = np.abs(values["none"][1]).mean(), np.abs(values["tuned"][1]).mean()
    assert_on_page(PAGE, f"{none_w:.3f}")
    assert_on_page(PAGE, f"{tuned_w:.3f}")
    assert round(none_w / tuned_w) == 8
    assert_on_page(PAGE, ko="여덟 배 작다", en="eight times smaller")
    for key in ("none", "tuned"):
        share = float(np.mean(np.abs(values[key][2]) < l2_weights.LINEAR))
        assert_on_page(PAGE, f"{round(100 * share)}%")
