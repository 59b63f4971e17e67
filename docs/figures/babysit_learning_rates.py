"""Loss curves of four learning rates on digits, with the verdicts of check_learning_rates."""

from __future__ import annotations

import math

import numpy as np
from _babysit_runs import BATCH, LAYERS, digits, sweep
from _style import COLORS, new_figure, power_of_ten_ticks, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "숫자 이미지, ReLU 망 {layers}, SGD, 미니배치 {batch}",
        "epoch_loss": "에폭이 끝날 때의 학습 세트 손실",
        "batch_loss": "미니배치 손실 (걸음마다)",
        "epoch": "에폭",
        "step": "걸음",
        "rate": "학습률 {lr}: {verdict}",
        "chance": "$\\ln 10$",
        "not moving": "안 움직임",
        "decreasing": "감소",
        "exploding": "폭주",
    },
    "en": {
        "title": "Digits, ReLU network {layers}, SGD, mini-batches of {batch}",
        "epoch_loss": "training-set loss at the end of each epoch",
        "batch_loss": "mini-batch loss (every step)",
        "epoch": "epoch",
        "step": "step",
        "rate": "learning rate {lr}: {verdict}",
        "chance": "$\\ln 10$",
        "not moving": "not moving",
        "decreasing": "decreasing",
        "exploding": "exploding",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    trials = sweep().trials
    fig = new_figure(8.6, 3.8)
    left, right = fig.subplots(1, 2)
    for trial, color in zip(trials, COLORS, strict=False):
        label = tx["rate"].format(lr=f"{trial.lr:g}", verdict=tx[trial.verdict])
        left.plot(range(len(trial.losses)), trial.losses, "o-", ms=3, color=color, linewidth=2,
                  label=label)
        steps = np.arange(1, len(trial.batch_losses) + 1)
        right.semilogy(steps, trial.batch_losses, color=color, linewidth=0.7, alpha=0.8)
    left.axhline(math.log(10), color="black", linestyle=":", linewidth=1)
    left.text(0.3, math.log(10) + 0.05, tx["chance"], fontsize=9)
    left.set(title=tx["epoch_loss"], xlabel=tx["epoch"], ylim=(0, 3.2))
    left.legend(loc="center right", bbox_to_anchor=(1.0, 0.3), frameon=False, fontsize=8)
    right.set(title=tx["batch_loss"], xlabel=tx["step"])
    power_of_ten_ticks(right.yaxis)
    for ax in (left, right):
        ax.title.set_fontsize(9)
        style_axes(ax)
    fig.suptitle(tx["title"].format(layers="-".join(map(str, LAYERS)), batch=BATCH)
                 + f" (m = {len(digits().X_train)})", fontsize=10)
    return fig
