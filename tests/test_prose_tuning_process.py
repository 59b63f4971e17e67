"""The numbers quoted on the tuning-process page are the ones the figure code computes."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from dlref import LogUniform, coarse_to_fine, random_search
from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _tuning_runs as runs

pytestmark = pytest.mark.usefixtures("one_blas_thread")


PAGE = "tuning/process"


def _acc(trials: tuple[runs.Trial, ...]) -> np.ndarray:
    return np.array([1.0 - t.score for t in trials])


def test_importance_numbers_and_verdicts() -> None:
    imp = runs.importance()
    for key in runs.SPACE:
        effect, null = imp[key]
        assert_on_page(PAGE, f"{effect:.2f}")
        assert_on_page(PAGE, f"{null:.2f}")
    # the page's reading: the learning rate's effect is about twice its shuffled line, β's is
    # well under its line, and the mini-batch size and hidden units sit right on theirs
    assert imp["lr"][0] > 1.8 * imp["lr"][1]
    assert imp["beta"][0] < 0.5 * imp["beta"][1]
    for key in ("batch", "hidden"):
        assert abs(imp[key][0] - imp[key][1]) < 0.02
    # against the Bonferroni line for four tests only the learning rate stands out (the figure's colour)
    assert runs.clear_effects() == ("lr",)
    assert_on_page(PAGE, f"{100 * (1 - 0.05 / len(runs.SPACE)):.2f}")


def test_the_stuck_trials_had_small_learning_rates() -> None:
    stuck = [t for t in runs.search_trials() if 1.0 - t.score < 0.2]
    small = sum(t.params["lr"] < 0.02 for t in stuck)
    assert_on_page(PAGE, ko=f"시도 {len(stuck)}개 가운데 {small}개는 학습률이 0.02보다",
                   en=f"Of the {len(stuck)} trials stuck below 20 % accuracy, {small} had")
    assert small >= len(stuck) - 2


def test_the_toy_rounds_over_many_seeds() -> None:
    share, once, two = runs.toy_rounds_vs_once()
    assert_on_page(PAGE, f"{100 * share:.0f} %")
    assert_on_page(PAGE, ko=f"{once:.2f}자릿수에서 {two:.2f}자릿수로", en=f"from {once:.2f} to {two:.2f} decades")
    assert 0.5 < share < 0.7 and two < once
    # "seed 2 happens to favour the rounds": its single round is worse than the median, its two
    # rounds better
    space = {"lr": LogUniform(1e-6, 1.0)}
    seed2_once = random_search(runs._toy_loss, space, 20, rng=2)[0].score ** 0.5
    seed2_two = coarse_to_fine(runs._toy_loss, space, rounds=2, n_trials=10, top=3, rng=2)[0].score
    assert seed2_once > once and seed2_two**0.5 < two


def test_split_sizes_are_quoted() -> None:
    split = runs.digits_split()
    assert_on_page(PAGE, ko=f"학습 {len(split.y_train)}개, 개발 {len(split.y_dev)}개",
                   en=f"{len(split.y_train)} training and {len(split.y_dev)} dev images")


def test_grid_vs_random_numbers() -> None:
    f_grid, mean, std = runs.grid_vs_random()
    assert_on_page(PAGE, f"{f_grid:.2f}")
    assert_on_page(PAGE, f"{mean:.2f} ± {std:.2f}")
    assert_on_page(PAGE, f"{1 - 0.95 ** 60:.3f}")
    assert_on_page(PAGE, f"{math.ceil(math.log(0.05) / math.log(0.95))}")


def test_coarse_to_fine_numbers() -> None:
    run = runs.coarse_to_fine_rounds()
    lr, beta, hidden = run.box["lr"], run.box["beta"], run.box["hidden"]
    assert_on_page(PAGE, f"{lr.low:.3f}–{lr.high:.2f}")
    assert_on_page(PAGE, f"{beta.low:.3f}–{beta.high:.3f}")
    assert_on_page(PAGE, f"{hidden.low}–{hidden.high}")
    coarse, fine = _acc(run.coarse), _acc(run.fine)
    assert_on_page(PAGE, f"{100 * np.median(coarse):.1f} %")
    assert_on_page(PAGE, f"{100 * np.median(fine):.1f} %")
    assert_on_page(PAGE, f"{100 * coarse.max():.1f} %")
    assert_on_page(PAGE, f"{100 * fine.max():.1f} %")
    # the best trials differ by less than the dev set's standard error: the page says so
    se = math.sqrt(fine.max() * (1 - fine.max()) / len(runs.digits_split().y_dev))
    assert abs(fine.max() - coarse.max()) < 1.5 * se
    assert_on_page(PAGE, ko=f"약 {100 * se:.1f} %포인트", en=f"about {100 * se:.1f} percentage")


def test_the_hand_run_rounds_are_what_coarse_to_fine_does() -> None:
    run = runs.coarse_to_fine_rounds()
    by_hand = sorted(run.coarse + run.fine, key=lambda t: (math.isnan(t.score), t.score))
    assert by_hand == coarse_to_fine(
        runs.dev_error, runs.SPACE, rounds=2, n_trials=runs.C2F_TRIALS, top=runs.C2F_TOP, rng=2
    )


@pytest.mark.parametrize(
    ("trials", "threshold", "count"),
    [("search_trials", 0.1, "9"), ("extended_trials", 1.0, "7")],
)
def test_edge_check_counts(trials: str, threshold: float, count: str) -> None:
    best10 = getattr(runs, trials)()[:10]
    assert str(sum(t.params["lr"] >= threshold for t in best10)) == count
    assert_on_page(PAGE, ko=f"10개 가운데 {count}개", en=f"{count} of the 10 best")


def test_the_extended_range_top10_is_at_least_the_share_of_the_draws_above_1() -> None:
    trials = runs.extended_trials()
    above = sum(t.params["lr"] > 1.0 for t in trials)
    assert_on_page(PAGE, ko=f"30개 가운데 {above}개가 1보다 컸고", en=f"{above} of the 30 draws were above 1")
    in_top = sum(t.params["lr"] > 1.0 for t in trials[:10])
    assert in_top / 10 >= above / len(trials)
