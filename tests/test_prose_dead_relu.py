"""The dead-ReLU section of the vanishing/exploding page quotes the measured shares."""

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


def _p(x: float) -> str:
    return f"{100 * x:.1f} %"


@pytest.mark.parametrize("lr", runs.DEAD_LRS)
def test_table_row(lr: float) -> None:
    before, after, dev = runs.dead_relu_runs()[(0.0, lr)]
    b, a = before.mean(axis=0), after.mean(axis=0)
    row = f"| {lr:g} | {_p(b[0])} / {_p(b[1])} | {_p(a[0])} / {_p(a[1])} | {_p(dev.mean())} |"
    assert_on_page(PAGE, row)


def test_bias_trick_is_within_the_seed_spread() -> None:
    _, plain, _ = runs.dead_relu_runs()[(0.0, 1.0)]
    _, trick, _ = runs.dead_relu_runs()[(0.01, 1.0)]
    assert_on_page(PAGE, _p(trick.mean(axis=0)[0]))
    spread = max(plain[:, 0].std(), trick[:, 0].std())
    assert_on_page(PAGE, ko=f"약 {round(100 * spread)} %p", en=f"about {round(100 * spread)} points")
    assert abs(trick[:, 0].mean() - plain[:, 0].mean()) < 1.5 * spread
    assert np.all(plain[:, 0] > 0.5)  # at learning rate 1 most of layer 1 dies in every seed
