"""The momentum page's numbers are the figures' own computations."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _momentum_runs as runs

PAGE = "optimization/momentum"


def test_measured_rates_follow_the_theory() -> None:
    betas, measured = runs.rate_sweep()
    theory = np.array([runs.theory_rate(b) for b in betas])
    assert np.all(np.abs(measured - theory) < 0.01)
    assert_on_page(PAGE, f"{runs.theory_rate(runs.B_OPT):.3f}")
    assert_on_page(PAGE, f"{runs.B_OPT:.3f}")
    assert_on_page(PAGE, f"{runs.gd_best_rate():.3f}")
    assert_on_page(PAGE, f"{runs.theory_rate(0.9):.3f}")


def test_paths_numbers() -> None:
    p = runs.paths()
    gd, mom = (np.linalg.norm(p[k][-1]) for k in ("gd", "momentum"))
    assert 5 <= np.log10(gd / mom) < 6
    assert_on_page(PAGE, ko="다섯 자릿수", en="five orders of magnitude")
    assert_on_page(PAGE, f"{runs.GD_LR:g}")
    assert_on_page(PAGE, ko=f"{100 * runs.GD_LR:.1f} %씩", en=f"{100 * runs.GD_LR:.1f}% per step")
    assert_on_page(PAGE, f"{2 / (1 + runs.KAPPA):.3f}")
    assert_on_page(PAGE, f"{runs.A_OPT / (1 - runs.B_OPT):.3f}")
