"""The saddle-point page's numbers are the figures' own computations."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _saddle_runs as runs

from dlref import plateau_grad

PAGE = "optimization/saddle-points"
ROW = {
    "gd": ("경사 하강법", "gradient descent"),
    "momentum": ("모멘텀, 강의 형태 ($\\beta = 0.9$)", "momentum, course form ($\\beta = 0.9$)"),
    "momentum_sum": ("모멘텀, PyTorch 형태 ($\\beta = 0.9$)", "momentum, PyTorch form ($\\beta = 0.9$)"),
    "adam": ("Adam", "Adam"),
}


def test_escape_table() -> None:
    _y0, steps = runs.escape_steps()
    for key, (ko, en) in ROW.items():
        lo, med, hi = runs.summary(steps[key])
        assert_on_page(
            PAGE,
            ko=f"| {ko} | {med:g}걸음 | {lo:g}–{hi:g}걸음 |",
            en=f"| {en} | {med:g} steps | {lo:g}–{hi:g} steps |",
        )
    assert all(np.all(s <= runs.MAX_STEPS) for s in steps.values())  # "all 1000 starts left"
    assert_on_page(PAGE, ko="1000개 모두 빠져나왔고", en="All 1000 starts left")


def test_escape_paired_comparison() -> None:
    y0, s = runs.escape_steps()
    assert np.all(s["momentum"] > s["gd"])
    assert np.all(s["momentum_sum"] < s["gd"])
    assert np.all(s["adam"] < s["gd"])
    adam_wins = s["adam"] < s["momentum_sum"]
    assert_on_page(PAGE, ko=f"{100 * adam_wins.mean():.1f} %에서", en=f"{100 * adam_wins.mean():.1f}% of")
    assert y0[~adam_wins].min() > 0.0066
    assert_on_page(PAGE, "0.0066")


def test_gd_escape_matches_theory_at_every_start() -> None:
    y0, steps = runs.escape_steps()
    assert np.array_equal(runs.gd_escape_theory(y0), steps["gd"])


def test_adam_moves_about_lr_per_step() -> None:
    y = np.abs(runs.saddle_paths()["adam"][:, 1])
    per_step = np.diff(y[5:21])
    assert np.all(np.abs(per_step - runs.LR) < 0.01)


def test_plateau_numbers() -> None:
    below = {k: runs.first_below(v) for k, v in runs.plateau_losses().items()}
    assert_on_page(
        PAGE,
        ko=(
            f"경사 하강법은 {below['gd']}걸음, 강의 형태 모멘텀은 {below['momentum']}걸음, "
            f"PyTorch 형태 모멘텀은 {below['momentum_sum']}걸음, Adam은 {below['adam']}걸음"
        ),
        en=(
            f"gradient descent took {below['gd']} steps, momentum in the course's form "
            f"{below['momentum']}, momentum in the PyTorch form {below['momentum_sum']} and "
            f"Adam {below['adam']}"
        ),
    )
    cross = runs.plateau_crossing()
    names = {
        "gd": ("경사 하강법", "gradient descent"),
        "momentum": ("모멘텀, 강의 형태", "momentum, course form"),
        "momentum_sum": ("모멘텀, PyTorch 형태", "momentum, PyTorch form"),
        "adam": ("Adam", "Adam"),
    }
    for key, (ko, en) in names.items():
        cells = {
            lang: " | ".join(
                str(n) if n <= runs.PLATEAU_MAX_STEPS else over for n in cross[key]
            )
            for lang, over in (("ko", "10000 넘음"), ("en", "over 10000"))
        }
        assert_on_page(PAGE, ko=f"| {ko} | {cells['ko']} |", en=f"| {en} | {cells['en']} |")
    assert runs.PLATEAU_RADII[2] == 3.5 and cross["adam"][2] == 40
    assert_on_page(PAGE, ko="$(3.5, 0)$에서는 40걸음", en="40 from $(3.5, 0)$")
    for r, text in ((3.5, "7.7 \\times 10^{-3}"), (4.5, "1.8 \\times 10^{-4}")):
        g = float(np.linalg.norm(plateau_grad([r, 0.0])))
        mant, exp = f"{g:.1e}".split("e")
        assert f"{mant} \\times 10^{{{int(exp)}}}" == text
        assert_on_page(PAGE, text)


def test_goe_numbers() -> None:
    dims, frac, se = runs.goe_positive_fraction()
    shown = ("0.4999", "0.1467", "0.0250", "0.00257", "0.00010")
    for f, text in zip(frac, shown, strict=True):
        assert f"{f:.{len(text) - 2}f}" == text
        assert_on_page(PAGE, text)
    assert f"{se[-1]:.5f}" == "0.00002"
    assert_on_page(PAGE, ko="(표준 오차\n0.00002)", en="(standard\nerror 0.00002)")
    ratio = 2.0 ** -dims[-1] / frac[-1]
    assert 250 < ratio < 350
    assert_on_page(PAGE, ko="300배쯤", en="about 300 times")
    for value in -np.log(frac) / dims**2:
        assert_on_page(PAGE, f"{value:.3f}")
    assert_on_page(PAGE, f"{runs.THETA:.3f}")
    # the measured exponent falls towards the asymptotic value but stays above it
    exponent = -np.log(frac) / dims**2
    assert np.all(np.diff(exponent) < 0) and exponent[-1] > runs.THETA


def test_digits_plateau() -> None:
    losses = runs.digits_losses()
    gd = runs.plateau_length(losses["gd_small"])
    adam = runs.plateau_length(losses["adam_small"])
    xavier = runs.plateau_length(losses["gd_xavier"])
    assert gd.min() > adam.max() > xavier.max()  # "the three ranges do not overlap"
    assert_on_page(PAGE, ko=f"{gd.min()}–{gd.max()}걸음 뒤에야", en=f"after {gd.min()}–{gd.max()} steps")
    assert adam.min() == adam.max()
    assert_on_page(PAGE, ko=f"모든 시드에서 {adam[0]}걸음", en=f"{adam[0]} steps at every seed")
    assert_on_page(PAGE, ko=f"{xavier.min()}–{xavier.max()}걸음이", en=f"{xavier.min()}–{xavier.max()} steps")
    first = losses["gd_small"][:, :60]
    lo, hi = f"{first.min():.3f}", f"{first.max():.3f}"
    assert hi == f"{np.log(10):.3f}"
    assert_on_page(PAGE, ko=f"{lo}–{hi}", en=f"between {lo} and {hi}")


def test_zero_weights_are_a_critical_point_of_the_weights() -> None:
    split = runs.digits_split()
    net = runs.digits_net("small", 0)
    for key, value in net.params.items():
        if key.startswith("W"):
            value[...] = 0
    grads = net.gradients(split.X_train[: runs.DIGITS_ROWS], split.y_train[: runs.DIGITS_ROWS])
    out_bias = f"b{len(runs.DIGITS_SIZES) - 1}"
    for key, g in grads.items():
        if key != out_bias:
            assert np.all(g == 0), key
    assert np.any(grads[out_bias] != 0)  # only the output bias moves
