"""A plateau in a real run: a digits MLP started next to the critical point W = 0, five seeds."""

from __future__ import annotations

import numpy as np
from _saddle_runs import (
    DIGITS_ROWS,
    DIGITS_RUNS,
    DIGITS_SEEDS,
    SMALL_STD,
    digits_losses,
    plateau_length,
)
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "숫자 MLP 64-32-32-10 (tanh), 학습 샘플 {m}개 전체 배치, 시드 {s}개",
        "gd_small": "경사 하강법 (학습률 1), 초깃값 $\\mathcal{{N}}(0, {std:g}^2)$",
        "adam_small": "Adam (학습률 0.01), 초깃값 $\\mathcal{{N}}(0, {std:g}^2)$",
        "gd_xavier": "경사 하강법 (학습률 1), Xavier 초기화",
        "plateau": "고원: 손실이 2.0 아래로 내려가기까지 {lo}–{hi}걸음",
        "uniform": "$\\ln 10$: 모든 클래스에 1/10",
        "loss": "학습 손실",
        "step": "걸음",
    },
    "en": {
        "title": "Digits MLP 64-32-32-10 (tanh), {m} training samples, full batch, {s} seeds",
        "gd_small": "gradient descent (lr 1), weights $\\mathcal{{N}}(0, {std:g}^2)$",
        "adam_small": "Adam (lr 0.01), weights $\\mathcal{{N}}(0, {std:g}^2)$",
        "gd_xavier": "gradient descent (lr 1), Xavier initialisation",
        "plateau": "plateau: {lo}–{hi} steps until the loss is below 2.0",
        "uniform": "$\\ln 10$: 1/10 for every class",
        "loss": "training loss",
        "step": "step",
    },
}
COLOR = {"gd_small": COLORS[1], "adam_small": COLORS[0], "gd_xavier": COLORS[2]}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    losses = digits_losses()
    fig = new_figure(7.4, 4.0)
    ax = fig.subplots()
    for name in DIGITS_RUNS:
        for i, row in enumerate(losses[name]):
            label = tx[name].format(std=SMALL_STD) if i == 0 else None
            ax.plot(row, color=COLOR[name], lw=1.0, alpha=0.8, label=label)
    ax.axhline(np.log(10), color=GREY, ls=":", lw=1.0, label=tx["uniform"])
    lengths = plateau_length(losses["gd_small"])
    ax.axvspan(0, lengths.min(), color=COLORS[1], alpha=0.08)
    ax.annotate(tx["plateau"].format(lo=lengths.min(), hi=lengths.max()),
                xy=(2, 3.1), ha="left", fontsize=8, color=COLORS[1])
    ax.set(xlabel=tx["step"], ylabel=tx["loss"], ylim=(0, 4.2),
           title=tx["title"].format(m=DIGITS_ROWS, s=len(DIGITS_SEEDS)))
    ax.title.set_fontsize(10)
    ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    style_axes(ax)
    return fig
