"""Logistic regression on heights and weights: raw features vs standardised features."""

from __future__ import annotations

import numpy as np
from _normalizing_runs import EPOCHS, run
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

RUNS = (  # (standardised?, learning rate, colour, line width)
    (False, 1e-3, COLORS[1], 1.4),
    (False, 2e-3, COLORS[4], 1.4),
    (False, 3e-3, COLORS[3], 1.0),
    (True, 0.1, COLORS[5], 2.0),
    (True, 1.0, COLORS[0], 2.0),
)

LABELS = {
    "ko": {
        "title": "키(m)와 몸무게(kg)로 과체중 분류: 같은 모델, 같은 200에폭",
        "x": "에폭 (전체 배치 경사 하강법)",
        "y": "학습 손실 (교차 엔트로피)",
        "raw": "원래 단위, α = {lr:g}: 개발 정확도 {acc:.0%}",
        "std": "표준화, α = {lr:g}: 개발 정확도 {acc:.0%}",
    },
    "en": {
        "title": "Overweight from height (m) and weight (kg): same model, same 200 epochs",
        "x": "epoch (full-batch gradient descent)",
        "y": "training loss (cross-entropy)",
        "raw": "raw units, α = {lr:g}: dev accuracy {acc:.0%}",
        "std": "standardised, α = {lr:g}: dev accuracy {acc:.0%}",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(7.2, 3.9)
    ax = fig.add_subplot()
    epochs = np.arange(1, EPOCHS + 1)
    for standardize, lr, color, width in RUNS:
        history, dev_accuracy = run(standardize, lr)
        label = tx["std" if standardize else "raw"].format(lr=lr, acc=dev_accuracy)
        ax.plot(epochs, history.train_loss, color=color, linewidth=width, label=label)
    ax.set(title=tx["title"], xlabel=tx["x"], ylabel=tx["y"], xlim=(0, EPOCHS), ylim=(0, 1.6))
    ax.legend(loc="upper right", fontsize="small", frameon=False)
    style_axes(ax)
    return fig
