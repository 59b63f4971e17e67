"""The learning-rate range test on digits, run with dlref.lr_range_test."""

from __future__ import annotations

from _lrsched_runs import GOOD_LR, HIGH_LR, LOW_LR, RANGE_SEEDS, RANGE_SMOOTHING, range_test
from _style import COLORS, GREY, new_figure, power_of_ten_ticks, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "학습률 범위 테스트: 숫자 이미지, 64-64-10, 미니배치 32, 200걸음",
        "x": "학습률 (로그 축)",
        "y": "미니배치 손실",
        "raw": "손실 (시드 0)",
        "smoothed": "평활한 손실 ($\\beta$ = {b:g}), 시드 {seed}",
        "default": "평활한 손실 ($\\beta$ = 0.98, 기본값), 시드 0",
        "at_min": "평활한 손실이 가장 낮은 곳",
        "used": "아래 실험의 학습률 {lrs}",
    },
    "en": {
        "title": "Learning-rate range test: digits, 64-64-10, mini-batch 32, 200 steps",
        "x": "learning rate (log scale)",
        "y": "mini-batch loss",
        "raw": "loss (seed 0)",
        "smoothed": "smoothed loss ($\\beta$ = {b:g}), seed {seed}",
        "default": "smoothed loss ($\\beta$ = 0.98, the default), seed 0",
        "at_min": "lowest smoothed loss",
        "used": "rates of the experiment below: {lrs}",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    tests = [range_test(seed) for seed in RANGE_SEEDS]
    fig = new_figure(7.4, 3.8)
    ax = fig.subplots()
    ax.plot(tests[0].lrs, tests[0].losses, color=GREY, linewidth=0.8, label=tx["raw"])
    for i, (seed, res) in enumerate(zip(RANGE_SEEDS, tests, strict=True)):
        color = COLORS[i]
        ax.plot(
            res.lrs,
            res.smoothed,
            color=color,
            linewidth=1.8,
            label=tx["smoothed"].format(seed=seed, b=RANGE_SMOOTHING),
        )
        ax.plot(
            [res.lr_at_min],
            [res.smoothed.min()],
            "o",
            color=color,
            ms=6,
            label=tx["at_min"] if i == 0 else None,
        )
    lagged = range_test(RANGE_SEEDS[0], 0.98)
    ax.plot(
        lagged.lrs,
        lagged.smoothed,
        color=COLORS[0],
        linestyle="--",
        linewidth=1.2,
        label=tx["default"],
    )
    for j, lr in enumerate((LOW_LR, GOOD_LR, HIGH_LR)):
        ax.axvline(
            lr,
            color="black",
            linestyle=":",
            linewidth=1,
            label=tx["used"].format(lrs=f"{LOW_LR:g}, {GOOD_LR:g}, {HIGH_LR:g}")
            if j == 0
            else None,
        )
    ax.set(title=tx["title"], xlabel=tx["x"], ylabel=tx["y"], xscale="log", ylim=(0, 8))
    ax.title.set_fontsize(10)
    power_of_ten_ticks(ax.xaxis)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    style_axes(ax)
    return fig
