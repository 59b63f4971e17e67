"""The numbers quoted on the "choosing the scale" page are the ones the code computes."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from dlref import LogUniform
from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _tuning_runs as runs

PAGE = "tuning/scale"


def test_shares_per_range_are_quoted() -> None:
    s = runs.shares()
    assert_on_page(PAGE, f"{s['lr_uniform'][-1]:.2f}")
    low, count = s["lr_uniform"][0], round(s["lr_uniform"][0] * runs.N_DRAWS)
    assert_on_page(PAGE, ko=f"{low:.2f}(1000번 중 {count}번)", en=f"{low:.2f} ({count} in 1000)")
    assert_on_page(PAGE, ", ".join(f"{v:.2f}" for v in s["lr_log"]))
    assert_on_page(PAGE, f"{s['beta_uniform'][0]:.2f}")
    assert_on_page(PAGE, f"{s['beta_log'][0]:.2f}와 {s['beta_log'][1]:.2f}",
                   en=f"{s['beta_log'][0]:.2f} and {s['beta_log'][1]:.2f}")


def test_the_alt_text_percentages_are_the_shares() -> None:
    s = runs.shares()
    assert_on_page(PAGE, f"{100 * s['lr_uniform'][-1]:.0f} %")
    assert_on_page(PAGE, f"{100 * s['beta_uniform'][0]:.0f} %")


def test_kerastuner_reverse_log_is_almost_linear_on_beta() -> None:
    # KerasTuner's reverse_log: max + min - min * (max / min) ** (1 - u), u ~ U[0, 1)
    lo, hi = 0.9, 0.999
    u = np.random.default_rng(0).random(200_000)
    draws = hi + lo - lo * (hi / lo) ** (1 - u)
    share = float(np.mean(draws <= 0.99))
    exact = np.log(hi / (lo + hi - 0.99)) / np.log(hi / lo)
    assert abs(share - exact) < 0.005
    assert_on_page(PAGE, ko=f"뽑은 값의 {exact:.2f}이 0.99 아래", en=f"{exact:.2f} of its draws land below")


def test_the_log_scale_error_message_is_quoted() -> None:
    with pytest.raises(ValueError) as err:
        LogUniform(0, 1)
    assert_on_page(PAGE, f"ValueError: {err.value}")
