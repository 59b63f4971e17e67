"""Update/weight ratio of every layer over training, for three SGD learning rates."""

from __future__ import annotations

import numpy as np
from _babysit_runs import BATCH, RATIO_RATES, digits, ratios
from _style import COLORS, new_figure, power_of_ten_ticks, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "panel": "SGD, 학습률 {lr}",
        "y": "$\\|\\Delta W^{[l]}\\| \\,/\\, \\|W^{[l]}\\|$",
        "epoch": "에폭",
        "rule": "경험칙 $10^{-3}$",
        "layer": "$W^{{[{l}]}}$",
    },
    "en": {
        "panel": "SGD, learning rate {lr}",
        "y": "$\\|\\Delta W^{[l]}\\| \\,/\\, \\|W^{[l]}\\|$",
        "epoch": "epoch",
        "rule": "rule of thumb $10^{-3}$",
        "layer": "$W^{{[{l}]}}$",
    },
}

def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    per_epoch = -(-len(digits().X_train) // BATCH)
    fig = new_figure(9.0, 3.4)
    axes = fig.subplots(1, len(RATIO_RATES), sharey=True)
    for ax, lr in zip(axes, RATIO_RATES, strict=True):
        r = ratios(lr)
        epoch = np.arange(1, len(r.ratios) + 1) / per_epoch
        for col, (name, color) in enumerate(zip(r.layers, COLORS, strict=False)):
            ax.semilogy(epoch, r.ratios[:, col], color=color, linewidth=0.8,
                        label=tx["layer"].format(l=name[1:]))
        ax.axhline(1e-3, color="black", linestyle="--", linewidth=1, label=tx["rule"])
        ax.set(title=tx["panel"].format(lr=f"{lr:g}"), xlabel=tx["epoch"], ylim=(1e-5, 10))
        ax.title.set_fontsize(9)
        power_of_ten_ticks(ax.yaxis)
        style_axes(ax)
    axes[0].set_ylabel(tx["y"])
    axes[0].legend(loc="upper right", frameon=False, fontsize=8)
    return fig
