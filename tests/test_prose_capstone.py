"""Every number on the capstone page is one the FULL run of its pipeline computes."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _capstone_runs as runs

PAGE = "practice/capstone"
VERDICT_KO = {"not moving": "안 움직임", "decreasing": "감소", "exploding": "폭주"}
pytestmark = pytest.mark.usefixtures("one_blas_thread")


@pytest.fixture(scope="module")
def out() -> dict:
    return runs.run(runs.FULL)


def pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def mean_sd(values: list[float]) -> str:
    return f"{100 * np.mean(values):.1f} ± {100 * np.std(values, ddof=1):.1f} %"


def test_budget_and_sizes(out: dict) -> None:
    b = runs.FULL
    assert_on_page(PAGE, f"{sum(out['sizes'])}개", en=f"{sum(out['sizes'])} images")
    assert_on_page(PAGE, ko=f"학습 샘플 {out['sizes'][0]}개, 개발 샘플 {out['sizes'][1]}개, "
                   f"테스트 샘플 {out['sizes'][2]}개",
                   en=f"{out['sizes'][0]} training, {out['sizes'][1]} dev and {out['sizes'][2]} test")
    assert_on_page(PAGE, ko=f"라운드마다 시도 {b.trials}번, {b.epochs}에폭, 시드 {b.seeds}개",
                   en=f"{b.trials} trials per round, {b.epochs} epochs, {b.seeds} seeds")
    s = runs.SMALL
    assert_on_page(PAGE, ko=f"라운드마다 시도 {s.trials}번, {s.epochs}에폭, 시드 {s.seeds}개",
                   en=f"{s.trials} trials per round, {s.epochs} epochs, {s.seeds} seeds")
    assert_on_page(PAGE, ko=f"크기 {runs.BATCH}인 미니배치로", en=f"mini-batches of {runs.BATCH}")
    assert_on_page(PAGE, ko=f"상위 {runs.TOP}개", en=f"the best {runs.TOP}")


def test_sanity_checks(out: dict) -> None:
    s = out["sanity"]
    assert s["initial_passed"] and s["overfit_passed"] and s["overfit_accuracy"] == 1.0
    assert_on_page(PAGE, f"{s['initial_loss']:.3f}")
    assert_on_page(PAGE, f"$\\ln 10 = {s['initial_expected']:.3f}$")
    assert_on_page(PAGE, pct(s["initial_loss"] / s["initial_expected"] - 1))
    assert_on_page(PAGE, f"{s['overfit_loss']:.1e}")
    assert_on_page(PAGE, ko=f"전체 배치 {runs.FULL.overfit_epochs}에폭",
                   en=f"{runs.FULL.overfit_epochs} full-batch epochs")
    for lr, verdict, losses in s["sweep"]:
        k = round(math.log10(lr))
        cell = f"$10^{{{k}}}$" if k not in (0, 1) else f"${lr:g}$"
        assert_on_page(PAGE, ko=f"| {cell} | {VERDICT_KO[verdict]} | {losses[-1]:.3f} |",
                       en=f"| {cell} | {verdict} | {losses[-1]:.3f} |")
    # "from one decade above the rate that did not move up to the largest that decreased"
    verdicts = {lr: v for lr, v, _ in s["sweep"]}
    assert verdicts[1e-5] == "not moving" and verdicts[1e-1] == "decreasing"
    assert verdicts[10.0] == "exploding"
    assert (runs.SPACE["lr"].low, runs.SPACE["lr"].high) == (1e-4, 1e-1)
    assert_on_page(PAGE, ko="0.0001에서 0.1 사이", en="from 0.0001 to 0.1")


def test_the_space_and_the_narrowed_space(out: dict) -> None:
    sp = runs.SPACE
    assert (sp["keep_prob"].low, sp["keep_prob"].high, sp["hidden"].low, sp["hidden"].high) == (
        0.5, 1.0, 32, 256)
    assert_on_page(PAGE, ko="0.5~1", en="0.5 to 1")
    assert_on_page(PAGE, ko="32~256", en="32 to 256")
    f = out["fine_space"]
    lr = f"{f['lr'][0]:.4f}", f"{f['lr'][1]:.4f}"
    p = f"{f['keep_prob'][0]:.2f}", f"{f['keep_prob'][1]:.2f}"
    h = f"{f['hidden'][0]}", f"{f['hidden'][1]}"
    assert_on_page(PAGE, ko=f"α {lr[0]}~{lr[1]}, $p$ {p[0]}~{p[1]}, $h$ {h[0]}~{h[1]}",
                   en=f"α from {lr[0]} to {lr[1]}, $p$ from {p[0]} to {p[1]}, $h$ from {h[0]} "
                   f"to {h[1]}")


def test_the_chosen_trial(out: dict) -> None:
    best, coarse = out["best"], out["coarse"]
    assert best == min(coarse, key=lambda t: t["score"])["params"]  # "came from the coarse round"
    score = min(t["score"] for t in coarse)
    assert score < min(t["score"] for t in out["fine"])
    assert_on_page(PAGE, f"α = {best['lr']:.4f}, $p$ = {best['keep_prob']:.3f}, "
                   f"$h$ = {best['hidden']}")
    assert_on_page(PAGE, ko=f"개발 세트 정확도 {pct(1 - score)}",
                   en=f"dev accuracy {pct(1 - score)}")
    assert_on_page(PAGE, ko=f"자기 시드에서 {pct(1 - min(t['score'] for t in out['fine']))}",
                   en=f"scored {pct(1 - min(t['score'] for t in out['fine']))} on its seed")
    # "its luckiest seed": the search's seed 0 is the highest of the five
    seeds = out["seeds"]["coarse_best"]
    assert seeds[0] == max(seeds) and seeds[0] == pytest.approx(1 - score)
    assert_on_page(PAGE, ko=f"평균이 {100 * np.mean(seeds):.1f} %",
                   en=f"averages {100 * np.mean(seeds):.1f} %")
    # the diagnosis's caveat: over the seeds the dev error sits at diagnose's tolerance
    assert_on_page(PAGE, ko=f"개발 오차가 평균 {100 * (1 - np.mean(seeds)):.1f} %",
                   en=f"averages a dev error of {100 * (1 - np.mean(seeds)):.1f} %")


@pytest.mark.parametrize("name", ["coarse_best", "fine_best", "no_batchnorm", "no_dropout"])
def test_seed_table(out: dict, name: str) -> None:
    assert_on_page(PAGE, f"| {mean_sd(out['seeds'][name])} |")


def test_no_difference_exceeds_the_spread(out: dict) -> None:
    """'None of these differences exceeds the spread' (each pair against the chosen setting)."""
    ref = np.array(out["seeds"]["coarse_best"])
    for name in ("fine_best", "no_batchnorm", "no_dropout"):
        other = np.array(out["seeds"][name])
        diff = abs(other.mean() - ref.mean())
        assert diff < max(ref.std(ddof=1), other.std(ddof=1)), name
    assert out["best"]["keep_prob"] > 0.99  # "dropout in name only"


def test_diagnosis(out: dict) -> None:
    h, d = out["history"], out["diagnosis"]
    train_error, dev_error = 1 - h["train_accuracy"][-1], 1 - h["dev_accuracy"][-1]
    assert not d["high_bias"] and not d["high_variance"]
    assert_on_page(PAGE, ko=f"학습 오차 {pct(train_error)}, 개발 오차 {pct(dev_error)}",
                   en=f"training error of {pct(train_error)} and a dev error of {pct(dev_error)}")
    assert_on_page(PAGE, ko=f"분산은 {100 * d['variance']:.1f}%p",
                   en=f"variance {100 * d['variance']:.1f} points")
    last = len(h["dev_loss"])
    assert int(np.argmin(h["dev_loss"])) + 1 == last
    assert_on_page(PAGE, ko=f"마지막 에폭({last}에폭)", en=f"in the last epoch (epoch {last})")


def test_the_test_number(out: dict) -> None:
    t = out["test"]
    right = round(t["accuracy"] * t["m"])
    assert right / t["m"] == t["accuracy"]
    assert_on_page(PAGE, ko=f"{right}개를 맞혀 **테스트 정확도는 {pct(t['accuracy'])}, 표준 오차는\n"
                   f"{100 * t['se']:.1f}%p**",
                   en=f"{right} right, **test accuracy {pct(t['accuracy'])} with a\nstandard error "
                   f"of {100 * t['se']:.1f} percentage points**")
    assert_on_page(PAGE, f"m, right = {t['m']}, {right}")
    # "within one standard error of the setting's mean dev accuracy over seeds"
    assert abs(np.mean(out["seeds"]["coarse_best"]) - t["accuracy"]) < t["se"]
    assert t["accuracy"] < 1 - min(x["score"] for x in out["coarse"])
    assert_on_page(PAGE, ko=f"네 배인 {4 * t['m']}개", en=f"four times as many, {4 * t['m']}")


def test_the_search_figure_reading(out: dict) -> None:
    trials = out["coarse"] + out["fine"]
    low = [t for t in trials if 1 - t["score"] < 0.9]
    assert len(low) == 3
    assert all(t["params"]["lr"] < 1e-3 and t["params"]["hidden"] < 45 for t in low)
    above = [1 - t["score"] for t in trials if t["params"]["lr"] >= 1e-3]
    assert_on_page(PAGE, ko=f"{pct(min(above))}와 {pct(max(above))} 사이",
                   en=f"between {pct(min(above))} and {pct(max(above))}")
    width = 100 * (max(above) - min(above))
    assert_on_page(PAGE, ko=f"폭 {width:.1f}%p", en=f"{width:.1f} points wide")
    se = math.sqrt(0.98 * 0.02 / out["sizes"][1])
    assert_on_page(PAGE, ko=f"표준 오차가 {100 * se:.1f}%p", en=f"is {100 * se:.1f} points")
    assert_on_page(PAGE, ko=f"시도 {len(trials)}번", en=f"{len(trials)} trials")


def test_the_learning_curves_reading(out: dict) -> None:
    """'The training loss keeps falling ... while the dev loss levels off' (epochs 10 to 20)."""
    train, dev = np.array(out["history"]["train_loss"]), np.array(out["history"]["dev_loss"])
    assert np.all(np.diff(train) < 0)
    assert train[9] / train[-1] > 4  # still falling several-fold over the last ten epochs
    assert dev[9] / dev[-1] < 1.2  # within 20 % over the same epochs
