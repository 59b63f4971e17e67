"""The numbers quoted on the "choosing the scale" page are the ones the code computes."""

from __future__ import annotations

import sys
from pathlib import Path

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


def test_the_log_scale_error_message_is_quoted() -> None:
    with pytest.raises(ValueError) as err:
        LogUniform(0, 1)
    assert_on_page(PAGE, f"ValueError: {err.value}")
