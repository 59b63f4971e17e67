"""Training a ReLU MLP on digits from zero, small random and He initial weights."""

from __future__ import annotations

import math

from _init_runs import DIGITS_INITS, DIGITS_LAYERS, digits_runs
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "숫자 이미지, ReLU 망 {layers}, SGD(학습률 0.1)",
        "x": "에폭",
        "loss": "학습 손실",
        "acc": "개발 세트 정확도",
        "zeros": "0으로 초기화",
        "small": "작은 난수 (0.01)",
        "he": "He",
        "chance": "$\\log 10$ (균등 예측)",
    },
    "en": {
        "title": "Digits, ReLU network {layers}, SGD (learning rate 0.1)",
        "x": "epoch",
        "loss": "training loss",
        "acc": "dev-set accuracy",
        "zeros": "all zeros",
        "small": "small random (0.01)",
        "he": "He",
        "chance": "$\\log 10$ (uniform guess)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    runs = digits_runs()
    fig = new_figure(7.6, 3.6)
    ax_loss, ax_acc = fig.subplots(1, 2)
    for init, color in zip(DIGITS_INITS, COLORS, strict=False):
        history = runs[init]
        ax_loss.plot(history.epochs, history.train_loss, color=color, linewidth=2, label=tx[init])
        ax_acc.plot(history.epochs, history.dev_accuracy, color=color, linewidth=2, label=tx[init])
    ax_loss.axhline(math.log(10), color="black", linestyle=":", linewidth=1)
    ax_loss.text(runs["he"].epochs[-1], math.log(10) + 0.06, tx["chance"], ha="right", fontsize=9)
    ax_loss.set(xlabel=tx["x"], ylabel=tx["loss"], ylim=(0, 2.6))
    ax_acc.set(xlabel=tx["x"], ylabel=tx["acc"], ylim=(0, 1.02))
    ax_acc.legend(loc="center left", bbox_to_anchor=(0.02, 0.5), frameon=False, fontsize=9)
    for ax in (ax_loss, ax_acc):
        style_axes(ax)
    fig.suptitle(tx["title"].format(layers="-".join(map(str, DIGITS_LAYERS))), fontsize=11)
    return fig
