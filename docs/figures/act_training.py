"""Training curves of tanh, ReLU, leaky ReLU and ELU networks on digits (mean ± std over seeds)."""

from __future__ import annotations

import numpy as np
from _activation_runs import CURVE_ACTIVATIONS, CURVE_LR, LAYERS, SEEDS, activation_curves
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

LABELS = {
    "ko": {
        "title": "숫자 이미지, 망 {layers}, SGD(학습률 {lr}), 시드 {n}개의 평균 ± 표준편차",
        "x": "에폭",
        "loss": "학습 손실 (로그 눈금)",
        "acc": "개발 세트 정확도",
        "tanh": "tanh (Xavier)",
        "relu": "ReLU (He)",
        "leaky_relu": "leaky ReLU (He)",
        "elu": "ELU (He)",
    },
    "en": {
        "title": "Digits, network {layers}, SGD (learning rate {lr}), mean ± std over {n} seeds",
        "x": "epoch",
        "loss": "training loss (log scale)",
        "acc": "dev-set accuracy",
        "tanh": "tanh (Xavier)",
        "relu": "ReLU (He)",
        "leaky_relu": "leaky ReLU (He)",
        "elu": "ELU (He)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    curves = activation_curves()
    fig = new_figure(7.8, 3.6)
    ax_loss, ax_acc = fig.subplots(1, 2)
    styles = ("-", "-", "--", "-")
    for (act, _), color, style in zip(CURVE_ACTIVATIONS, COLORS, styles, strict=False):
        c = curves[act]
        epochs = np.arange(1, c.train_loss.shape[1] + 1)
        for ax, values in ((ax_loss, c.train_loss), (ax_acc, c.dev_accuracy)):
            mean, std = values.mean(axis=0), values.std(axis=0, ddof=1)
            ax.plot(epochs, mean, color=color, linestyle=style, linewidth=1.8, label=tx[act])
            ax.fill_between(epochs, mean - std, mean + std, color=color, alpha=0.2, linewidth=0)
    ax_loss.set(xlabel=tx["x"], ylabel=tx["loss"], yscale="log")
    ax_acc.set(xlabel=tx["x"], ylabel=tx["acc"], ylim=(0.7, 1.0))
    ax_loss.yaxis.set_major_locator(FixedLocator([0.03, 0.1, 0.3, 1.0, 2.0]))
    ax_loss.yaxis.set_minor_locator(NullLocator())
    ax_loss.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax_acc.legend(loc="lower right", frameon=False, fontsize=9)
    for ax in (ax_loss, ax_acc):
        style_axes(ax)
    fig.suptitle(
        tx["title"].format(layers="-".join(map(str, LAYERS)), lr=CURVE_LR, n=len(SEEDS)),
        fontsize=11,
    )
    return fig
