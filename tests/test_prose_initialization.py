"""The backward-pass numbers quoted on the initialisation page are the figure's."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _init_runs as runs

PAGE = "practical/initialization"
pytestmark = pytest.mark.usefixtures("one_blas_thread")


def _sci(value: float) -> str:
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa} \\times 10^{{{int(exponent)}}}"


def test_large_weights_explode_the_gradient_as_quoted() -> None:
    large = runs.activation_runs()[("large", "tanh")]
    growth = large.dz_rms[:-1] / large.dz_rms[1:]
    assert abs(float(np.mean(growth)) - 3.5) < 0.1
    # the prediction sqrt(n) * sqrt(4 / (3 s sqrt(2 pi))) with s = sqrt(n) * std(h)
    s = math.sqrt(500) * float(np.mean(large.std))
    assert round(math.sqrt(500) * math.sqrt(4 / (3 * s * math.sqrt(2 * math.pi))), 1) == 3.5
    assert_on_page(PAGE, _sci(large.dw_rms[-1]))
    assert_on_page(PAGE, _sci(large.dw_rms[0]))
    ratio = large.dw_rms[0] / large.dw_rms[-1]
    assert round(ratio, -4) == 80_000
    assert_on_page(PAGE, ko="약 8만 배", en="about 80,000 times")


def test_small_weights_are_five_orders_below_xavier_at_every_layer() -> None:
    small = runs.activation_runs()[("small", "tanh")].dw_rms
    xavier = runs.activation_runs()[("xavier", "tanh")].dw_rms
    assert np.all(xavier / small > 1e5)
    assert np.ptp(np.log10(small)) < 0.1  # "nearly the same at every layer"
    assert_on_page(PAGE, ko="다섯 자릿수 넘게", en="more than five orders of magnitude")


def _sig(value: float, digits: int = 2) -> str:
    return f"{value:.{digits}g}"


def test_activation_spreads_per_setting_are_quoted() -> None:
    runs_ = runs.activation_runs()
    small = runs_[("small", "tanh")].std
    assert_on_page(PAGE, f"{small[0]:.2f}")
    for layer in (5, 10):
        mantissa, exponent = f"{small[layer - 1]:.0e}".split("e")
        assert_on_page(PAGE, f"{mantissa} \\times 10^{{{int(exponent)}}}")
    large = runs_[("large", "tanh")]
    assert_on_page(PAGE, f"{large.std.mean():.2f}")
    saturated = float(np.mean(np.abs(large.kept[10]) > 0.99))
    assert_on_page(PAGE, f"{round(100 * saturated)}%")
    xt = runs_[("xavier", "tanh")].std
    assert_on_page(PAGE, ko=f"{xt[0]:.2f}에서 {xt[-1]:.2f}으로", en=f"from {xt[0]:.2f} to {xt[-1]:.2f}")
    xr = runs_[("xavier", "relu")].std
    assert_on_page(PAGE, _sig(xr[-1]))
    he = runs_[("he", "relu")].std
    assert_on_page(PAGE, ko=f"{he[0]:.2f}에서 {he[-1]:.2f}로", en=f"{he[0]:.2f} to {he[-1]:.2f}")


def test_digits_training_numbers_are_quoted() -> None:
    h = runs.digits_runs()
    assert_on_page(PAGE, f"{h['zeros'].train_loss[-1]:.3f}")
    assert_on_page(PAGE, f"{100 * h['zeros'].dev_accuracy[-1]:.1f}%")
    assert_on_page(PAGE, f"{h['small'].train_loss[-1]:.2f}")
    assert_on_page(PAGE, f"{round(100 * h['small'].dev_accuracy[-1])}%")
    assert_on_page(PAGE, f"{h['he'].train_loss[0]:.2f}")
    assert_on_page(PAGE, f"{h['he'].train_loss[-1]:.3f}")
    assert_on_page(PAGE, f"{100 * h['he'].dev_accuracy[-1]:.1f}%")
