"""The learning-rate decay page's numbers are the figures' own computations."""

from __future__ import annotations

import ast
import math
import sys
from pathlib import Path

import numpy as np

from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _lrsched_runs as runs

PAGE = "optimization/lr-schedules"


def _pm(name: str) -> str:
    f = runs.final(name)
    return f"{f.mean:.3f} ± {f.std:.3f}"


def test_split_and_setup_numbers() -> None:
    sp = runs.split()
    assert_on_page(
        PAGE,
        ko=f"학습 {len(sp.y_train)}장, 개발 {len(sp.y_dev)}장",
        en=f"{len(sp.y_train)} training and {len(sp.y_dev)} dev images",
    )
    assert_on_page(PAGE, ko=f"시드 {len(runs.SEEDS)}개", en=f"{len(runs.SEEDS)} seeds")
    assert_on_page(PAGE, ko=f"{runs.EPOCHS}에폭", en=f"{runs.EPOCHS} epochs")


def test_final_dev_losses_table() -> None:
    for name in runs.SETTINGS:
        assert_on_page(PAGE, _pm(name))


def test_good_rate_cosine_is_no_difference() -> None:
    assert not runs.differs("good_const", "good_cosine")
    assert_on_page(PAGE, ko="차이를 만들지 않았다", en="made no difference")


def test_low_rate_decay_hurts_by_more_than_four_std() -> None:
    low, cos = runs.final("low_const"), runs.final("low_cosine")
    assert runs.differs("low_const", "low_cosine") and cos.mean > low.mean
    assert cos.mean - low.mean > 4 * max(low.std, cos.std)
    assert_on_page(PAGE, ko="표준편차의 네 배가", en="more than four times the standard deviation")


def test_high_rate_decay_hides_the_rate() -> None:
    high, inv, good = (runs.final(n) for n in ("high_const", "high_inverse", "good_const"))
    assert abs(high.mean - math.log(10)) < 0.05  # stuck at a uniform guess
    assert_on_page(PAGE, f"{math.log(10):.3f}")
    assert runs.differs("high_inverse", "high_const") and runs.differs("high_inverse", "good_const")
    assert_on_page(PAGE, ko=f"{inv.mean / good.mean:.1f}배", en=f"{inv.mean / good.mean:.1f} times")
    last = runs.dev_losses("high_inverse")[:, -1]
    assert_on_page(
        PAGE,
        ko=f"{last.min():.3f}에서 {last.max():.3f}까지",
        en=f"between {last.min():.3f} and {last.max():.3f}",
    )


def test_range_test_numbers() -> None:
    tests = [runs.range_test(s) for s in runs.RANGE_SEEDS]
    at_min = ", ".join(f"{t.lr_at_min:.2f}" for t in tests[:-1])
    assert_on_page(
        PAGE,
        ko=f"{at_min}, {tests[-1].lr_at_min:.2f}에서",
        en=f"{at_min} and {tests[-1].lr_at_min:.2f}",
    )
    stops = [f"{t.lrs[-1]:.1f}" for t in tests]
    assert all(t.stopped for t in tests)
    assert_on_page(
        PAGE, ko=f"{', '.join(stops)}에서 멈췄다", en=f"{', '.join(stops[:-1])} and {stops[-1]}"
    )
    # The range test's lowest point is near GOOD_LR, and HIGH_LR is past it.
    assert all(runs.LOW_LR < t.lr_at_min <= runs.GOOD_LR * 1.1 < runs.HIGH_LR for t in tests)
    lagged = runs.range_test(runs.RANGE_SEEDS[0], 0.98)
    assert lagged.lr_at_min > tests[0].lr_at_min
    assert_on_page(PAGE, f"{lagged.lr_at_min:.2f}")
    assert_on_page(PAGE, f"{lagged.smoothed.min():.2f}")
    assert_on_page(PAGE, f"{tests[0].smoothed.min():.2f}")
    raw_min = min(float(t.losses.min()) for t in tests)
    assert_on_page(PAGE, f"{raw_min:.2f}")
    per_decade = runs.RANGE_STEPS / math.log10(runs.RANGE_HIGH / runs.RANGE_LOW)
    assert_on_page(
        PAGE, ko=f"한 자릿수에 {per_decade:.0f}걸음", en=f"{per_decade:.0f} steps per decade"
    )


def test_exponential_equivalence_numbers() -> None:
    assert_on_page(PAGE, f"e^{{-{-math.log(0.95):.4f} e}}")
    assert_on_page(PAGE, f"{math.exp(-0.05):.4f}^e")


def test_schedule_curves_are_the_package_schedules() -> None:
    curves = runs.schedule_curves()
    assert np.all(np.diff(curves["cosine"]) <= 0) and curves["cosine"][0] == 1.0
    assert curves["warmup_cosine"][0] == 0.1
    assert np.allclose(curves["exponential"], curves["exp_k"], atol=0.02)


def test_pitfall_quotes_the_page_doctest() -> None:
    """The slip box restates the distances the page's doctest prints, in LaTeX."""
    from tests._prose import page_text

    for lang in ("ko", "en"):
        text = page_text(PAGE, lang)
        printed = text.split("((200, 0.0), (8, 0.0), (8, 1.0))])\n", 1)[1].splitlines()[0]
        for value in ast.literal_eval(printed):  # the doctest output: a list of strings
            mantissa, exponent = value.split("e")
            assert f"{mantissa}\\times10^{{{int(exponent)}}}" in text, (lang, value)
