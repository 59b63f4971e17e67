"""The numbers quoted on the babysitting page are the ones the figure code computes."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from dlref import MLP, check_initial_loss, check_overfit, check_regularization
from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _babysit_runs as runs

PAGE = "practice/babysitting"


def test_initial_loss_regularisation_and_overfit_numbers() -> None:
    s = runs.digits()
    first = check_initial_loss(runs.net(), s.X_train, s.y_train)
    assert first.passed
    assert_on_page(PAGE, f"{100 * first.relative_deviation:.1f} %")
    assert_on_page(PAGE, f"{first.loss:.3f}")
    reg = check_regularization(runs.net(), s.X_train, s.y_train)
    assert_on_page(PAGE, reg.message)
    assert_on_page(PAGE, check_overfit(runs.net(), s.X_train, s.y_train).message)


def test_the_layers_and_epochs_of_the_figures() -> None:
    assert_on_page(PAGE, "-".join(map(str, runs.LAYERS)))
    assert_on_page(PAGE, ko=f"{runs.EPOCHS}에폭", en=f"{runs.EPOCHS} epochs")
    assert_on_page(PAGE, ko=f"미니배치 {runs.BATCH}", en=f"mini-batches of {runs.BATCH}")


def test_the_very_high_rate_spikes_then_sits_at_chance() -> None:
    trial = runs.sweep().trials[runs.RATES.index(10.0)]
    assert trial.verdict == "exploding"
    peak = max(trial.batch_losses)
    assert_on_page(PAGE, f"`{peak:.1e}`")
    # "after that the epoch loss sits flat near ln 10"
    assert all(abs(v - math.log(10)) < 0.6 for v in trial.losses[1:])
    high = runs.sweep().trials[runs.RATES.index(1.0)]
    good = runs.sweep().trials[runs.RATES.index(0.1)]
    assert high.losses[-1] > 5 * good.losses[-1]  # "stalls far above the loss of 0.1"


def test_verdict_counts_over_seeds() -> None:
    assert runs.verdict_counts(0.1) == {"decreasing": 5}
    assert runs.verdict_counts(10.0) == {"exploding": 5}
    assert runs.verdict_counts(1e-4) == {"not moving": 4, "decreasing": 1}
    assert runs.verdict_counts(1.0) == {"decreasing": 2, "exploding": 3}
    assert_on_page(PAGE, ko="0.0001은 4번 안 움직임", en="0.0001 not moving in 4")
    assert_on_page(PAGE, ko="1은 2번 감소에 3번 폭주", en="1 decreasing in 2 and exploding in 3")
    # the one seed where 0.0001 counts as decreasing fell "by just over 5 %"
    falls = [1 - runs.sweep(seed).trials[0].losses[-1] / runs.sweep(seed).trials[0].losses[0]
             for seed in runs.SEEDS]
    assert 0.05 < max(falls) < 0.07


@pytest.mark.parametrize("lr", [0.01, 0.1, 0.3, 1.0])
def test_final_losses_over_seeds(lr: float) -> None:
    text = runs.mean_sd(runs.final_losses(lr))
    assert_on_page(PAGE, ko=f"{lr:g}에서 {text}" if lr != 0.01 else f"0.01에서 {text}",
                   en=f"{text} at {lr:g}")


def test_final_loss_comparisons_exceed_the_spread() -> None:
    slow, good = runs.final_losses(0.01), runs.final_losses(0.1)
    ratio = slow.mean() / good.mean()
    assert 7 < ratio < 9  # "about eight times"
    se = math.hypot(slow.std(ddof=1), good.std(ddof=1)) / math.sqrt(len(runs.SEEDS))
    assert slow.mean() - good.mean() > 3 * se


def test_update_ratio_ranges() -> None:
    def span(lr: float) -> tuple[str, str]:
        med = runs.median_ratios(lr).mean(axis=0)
        return f"{med.min():.1e}", f"{med.max():.1e}"

    lo, hi = span(0.01)
    assert_on_page(PAGE, ko=f"{lo}에서 {hi}", en=f"from {lo} to {hi}")
    assert float(lo) < 1e-3 < float(hi)  # the rate "on the rule"
    for lr in (0.1, 0.3):
        lo, hi = span(lr)
        assert_on_page(PAGE, ko=f"{lo}에서 {hi}", en=f"from {lo} to {hi}")
        assert float(lo) > 3e-3  # "a decade above the rule"
    # "The output layer W[3] always has the largest ratio"
    for lr in runs.RATIO_RATES:
        med = runs.median_ratios(lr)
        assert np.all(np.argmax(med, axis=1) == 2)
    # "At 1 the ratio jumps to tenths of the norm in single steps"
    assert runs.ratios(1.0).ratios.max() > 0.1
    assert runs.ratios(0.1).passed and not runs.ratios(1.0).passed


def test_large_init_and_log2_numbers() -> None:
    from dlref import load_digits

    X, y = load_digits()
    r = check_initial_loss(MLP([64, 64, 64, 10], init="large", rng=0), X / 16.0, y)
    assert_on_page(PAGE, r.message)
    assert_on_page(PAGE, f"{math.log2(10):.2f}")
    assert_on_page(PAGE, f"{100 * (1 / math.log(2) - 1):.0f} %")
