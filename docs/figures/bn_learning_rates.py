"""Dev accuracy with and without batch norm, for three learning rates and two activations."""

from __future__ import annotations

import numpy as np
from _batchnorm_runs import EPOCHS, LRS, SEEDS, dev_curves
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "{act}, 학습률 {lr:g}",
        "off": "배치 정규화 없음",
        "on": "배치 정규화",
        "x": "에폭",
        "y": "개발 세트 정확도",
        "suptitle": (
            "숫자 이미지, 은닉층 3개(100유닛), SGD, 미니배치 60 (시드 {n}개의 평균과 표준편차)"
        ),
        "sigmoid": "시그모이드 + Xavier",
        "relu": "ReLU + He",
    },
    "en": {
        "title": "{act}, learning rate {lr:g}",
        "off": "no batch norm",
        "on": "batch norm",
        "x": "epoch",
        "y": "dev accuracy",
        "suptitle": (
            "Digit images, 3 hidden layers of 100, SGD, mini-batch 60 "
            "(mean and std over {n} seeds)"
        ),
        "sigmoid": "sigmoid + Xavier",
        "relu": "ReLU + He",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    epochs = np.arange(1, EPOCHS + 1)
    fig = new_figure(8.4, 5.4)
    axes = fig.subplots(2, 3, sharex=True, sharey=True)
    for row, act in enumerate(("sigmoid", "relu")):
        for col, lr in enumerate(LRS):
            ax = axes[row, col]
            for bn, color in ((False, COLORS[1]), (True, COLORS[2])):
                curves = dev_curves(act, lr, bn)
                mean, std = curves.mean(axis=0), curves.std(axis=0)
                ax.fill_between(epochs, mean - std, mean + std, color=color, alpha=0.2)
                ax.plot(epochs, mean, color=color, linewidth=2, label=tx["on" if bn else "off"])
            ax.set_title(tx["title"].format(act=tx[act], lr=lr), fontsize=9)
            ax.set_ylim(0, 1.02)
            style_axes(ax)
        axes[row, 0].set_ylabel(tx["y"])
    for ax in axes[1]:
        ax.set_xlabel(tx["x"])
    axes[0, 0].legend(loc="center right", frameon=False, fontsize=8)
    fig.suptitle(tx["suptitle"].format(n=len(SEEDS)), fontsize=10)
    return fig
