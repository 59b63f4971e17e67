"""Digits training with a constant rate and with a schedule: dev loss over five seeds."""

from __future__ import annotations

import math

from _lrsched_runs import EPOCHS, GOOD_LR, HIGH_LR, INV_DECAY, LOW_LR, SEEDS, dev_losses
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullLocator

LABELS = {
    "ko": {
        "title": (
            "숫자 이미지, ReLU 망 64-64-10, SGD, 미니배치 32 "
            "(선: 시드 {n}개의 평균, 띠: 최솟값~최댓값)"
        ),
        "left": "좋은 학습률과 너무 작은 학습률",
        "right": "너무 큰 학습률",
        "x": "에폭",
        "y": "개발 세트 손실 (로그 축)",
        "low_const": "고정 {lr:g}",
        "low_cosine": "코사인, {lr:g}에서 0으로",
        "good_const": "고정 {lr:g}",
        "good_cosine": "코사인, {lr:g}에서 0으로",
        "high_const": "고정 {lr:g}",
        "high_inverse": "$\\alpha_0/(1 + {k:g}(e-1))$, $\\alpha_0$ = {lr:g}",
        "chance": "$\\log 10$ (균등 예측)",
    },
    "en": {
        "title": (
            "Digits, ReLU network 64-64-10, SGD, mini-batch 32 "
            "(line: mean of {n} seeds, band: min to max)"
        ),
        "left": "a good and a too-small learning rate",
        "right": "a too-large learning rate",
        "x": "epoch",
        "y": "dev-set loss (log scale)",
        "low_const": "constant {lr:g}",
        "low_cosine": "cosine, {lr:g} to 0",
        "good_const": "constant {lr:g}",
        "good_cosine": "cosine, {lr:g} to 0",
        "high_const": "constant {lr:g}",
        "high_inverse": "$\\alpha_0/(1 + {k:g}(e-1))$, $\\alpha_0$ = {lr:g}",
        "chance": "$\\log 10$ (uniform guess)",
    },
}

TICKS = (0.05, 0.1, 0.2, 0.5, 1.0, 2.0)

PANELS = {
    "left": (
        ("good_const", GOOD_LR, COLORS[0], "-"),
        ("good_cosine", GOOD_LR, COLORS[0], "--"),
        ("low_const", LOW_LR, COLORS[2], "-"),
        ("low_cosine", LOW_LR, COLORS[2], "--"),
    ),
    "right": (
        ("high_const", HIGH_LR, COLORS[1], "-"),
        ("high_inverse", HIGH_LR, COLORS[1], "--"),
        ("good_const", GOOD_LR, COLORS[0], "-"),
    ),
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(8.6, 3.9)
    axes = fig.subplots(1, 2, sharey=True)
    epochs = range(1, EPOCHS + 1)
    for ax, (panel, lines) in zip(axes, PANELS.items(), strict=True):
        for name, lr, color, style in lines:
            runs = dev_losses(name)
            ax.fill_between(
                epochs, runs.min(axis=0), runs.max(axis=0), color=color, alpha=0.15, linewidth=0
            )
            ax.plot(
                epochs,
                runs.mean(axis=0),
                color=color,
                linestyle=style,
                linewidth=1.8,
                label=tx[name].format(lr=lr, k=INV_DECAY),
            )
        ax.axhline(math.log(10), color="black", linestyle=":", linewidth=1)
        ax.set(title=tx[panel], xlabel=tx["x"], yscale="log")
        ax.legend(loc="upper right" if panel == "left" else "lower left", fontsize=8, frameon=False)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        style_axes(ax)
    axes[0].set_ylabel(tx["y"])
    axes[0].yaxis.set_major_locator(FixedLocator(TICKS))
    axes[0].yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}"))
    axes[0].yaxis.set_minor_locator(NullLocator())
    axes[1].text(EPOCHS, math.log(10) * 1.1, tx["chance"], ha="right", fontsize=8)
    fig.suptitle(tx["title"].format(n=len(SEEDS)), fontsize=9.5)
    return fig
