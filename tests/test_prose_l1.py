"""The L1 page's sparsity numbers are the figure code's."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _regularization_runs as runs
import l1_sparsity

PAGE = "practical/l1-regularization"
pytestmark = pytest.mark.usefixtures("one_blas_thread")


def test_sparsity_and_accuracy_numbers() -> None:
    near, dev, exact, base = l1_sparsity._curves()
    lam = list(runs.L1_LAMBDAS)
    i1, i10, i100 = lam.index(1.0), lam.index(10.0), lam.index(100.0)
    assert_on_page(PAGE, f"{round(exact[i1])}%")
    assert_on_page(PAGE, f"{base:.1f}%")
    assert abs(dev["prox"][i1] - base) < 0.05  # "the same as without regularisation"
    assert_on_page(PAGE, f"{round(exact[i10])}%")
    assert_on_page(PAGE, f"{dev['prox'][i10]:.1f}%")
    assert_on_page(PAGE, f"{round(near['l2'][i10])}%")
    assert np.all(runs.softmax_regression("l2", 10.0).W != 0)  # "not one weight exactly 0"
    assert_on_page(PAGE, f"{round(exact[i100])}%")
    assert 30 <= dev["l1"][i100] < 40 and 30 <= dev["prox"][i100] < 40
    assert_on_page(PAGE, f"{round(near['l1'][i10])}%")


def test_subgradient_jitter_against_the_threshold() -> None:
    m = len(runs.digits_split().y_train)
    for lam in (1.0, 3.0):
        assert_on_page(PAGE, f"{runs.L1_LR * lam / (2 * m):.2g}")
    assert runs.L1_LR * 1.0 / (2 * m) < runs.NEAR_ZERO < runs.L1_LR * 3.0 / (2 * m)
