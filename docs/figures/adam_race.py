"""SGD, momentum, RMSprop and Adam on one digits MLP: training loss per epoch over seeds."""

from __future__ import annotations

import numpy as np
from _adam_runs import RACE_EPOCHS, RACE_SEEDS, race
from _style import COLORS, new_figure, power_of_ten_ticks, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "sgd": "SGD",
        "momentum": "모멘텀 ($\\beta = 0.9$)",
        "rmsprop": "RMSprop ($\\beta = 0.9$)",
        "adam": "Adam",
        "x": "에폭",
        "y": "학습 손실 (에폭 끝, 학습 세트 전체)",
        "title": "숫자 이미지 64-64-10 ReLU, 미니배치 64: 시드 {n}개의 평균(선)과 최소–최대(띠)",
        "lr": "학습률",
    },
    "en": {
        "sgd": "SGD",
        "momentum": "momentum ($\\beta = 0.9$)",
        "rmsprop": "RMSprop ($\\beta = 0.9$)",
        "adam": "Adam",
        "x": "epoch",
        "y": "training loss (end of epoch, whole training set)",
        "title": "digits 64-64-10 ReLU, mini-batch 64: mean (line) and min–max (band) of {n} seeds",
        "lr": "learning rate",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    runs = race()
    epochs = np.arange(RACE_EPOCHS + 1)
    fig = new_figure(7.4, 4.0)
    ax = fig.add_subplot()
    for color, (name, (lr, losses)) in zip(COLORS, runs.items(), strict=False):
        ax.fill_between(
            epochs, losses.min(axis=0), losses.max(axis=0), color=color, alpha=0.2, linewidth=0
        )
        ax.plot(
            epochs, losses.mean(axis=0), color=color, lw=1.8, label=f"{tx[name]}, {tx['lr']} {lr:g}"
        )
    ax.set_yscale("log")
    power_of_ten_ticks(ax.yaxis)
    ax.set(
        title=tx["title"].format(n=len(RACE_SEEDS)),
        xlabel=tx["x"],
        ylabel=tx["y"],
        xlim=(0, RACE_EPOCHS),
    )
    ax.set_xticks(range(0, RACE_EPOCHS + 1, 5))
    ax.title.set_fontsize(9)
    ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    style_axes(ax)
    return fig
