"""The dropout page's keep_prob experiment: quoted numbers, with their noise, are the code's."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _regularization_runs as runs

PAGE = "practical/dropout"
pytestmark = pytest.mark.usefixtures("one_blas_thread")


def _pct(value: float) -> str:
    return f"{100 * value:.1f}%"


def test_noisy_labels_dropout_gain_exceeds_the_noise() -> None:
    train, dev = runs.dropout_runs("noisy")
    none, strong = runs.KEEP_PROBS.index(1.0), runs.KEEP_PROBS.index(0.2)
    assert_on_page(PAGE, _pct(train[none].mean()))
    assert_on_page(PAGE, _pct(dev[none].mean()))
    assert_on_page(PAGE, _pct(train[strong].mean()))
    assert_on_page(PAGE, _pct(dev[strong].mean()))
    gain = dev[strong].mean() - dev[none].mean()
    assert_on_page(PAGE, ko=f"{100 * gain:.1f}%p", en=f"{100 * gain:.1f} points more")
    spread = dev.std(axis=1).max()
    se = float(np.hypot(runs.dev_standard_error(dev[strong].mean()),
                        runs.dev_standard_error(dev[none].mean())))  # of the difference
    assert_on_page(PAGE, ko=f"{100 * spread:.1f}%p 이하", en=f"{100 * spread:.1f}\npoints at most")
    assert_on_page(PAGE, ko=f"표준오차(약 {100 * se:.1f}%p)", en=f"(about {100 * se:.1f} points)")
    assert gain > 2 * max(spread, se)


def test_clean_labels_show_no_difference_beyond_the_noise() -> None:
    train, dev = runs.dropout_runs("clean")
    means = dev.mean(axis=1)
    assert_on_page(PAGE, f"{_pct(means.min())}", en=f"{_pct(means.min())}")
    assert_on_page(PAGE, ko=f"{_pct(means.min())}에서 {_pct(means.max())} 사이",
                   en=f"between {_pct(means.min())} and {_pct(means.max())}")
    se = runs.dev_standard_error(float(means.mean()))
    assert_on_page(PAGE, ko=f"표준오차(약 {100 * se:.1f}%p)", en=f"standard error (about {100 * se:.1f} points)")
    assert np.ptp(means) < se
    # trained to convergence: without dropout every training label is fitted
    assert train[runs.KEEP_PROBS.index(1.0)].min() == 1.0


def test_dropout_mean_figure_numbers() -> None:
    import dropout_mean

    acts = dropout_mean._activations()
    assert_on_page(PAGE, f"{acts['none'].mean():.3f}")
    assert_on_page(PAGE, f"{acts['plain'].mean():.3f}")
    assert_on_page(PAGE, f"{acts['inverted'].mean():.3f}")
