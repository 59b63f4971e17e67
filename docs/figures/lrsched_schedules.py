"""Every learning-rate schedule on one axis, and what counting epochs from 1 or 0 changes."""

from __future__ import annotations

import numpy as np
from _lrsched_runs import CURVE_EPOCHS, INV_DECAY, WARMUP, schedule_curves
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from dlref import inverse_time_decay

LABELS = {
    "ko": {
        "title_all": "학습률 스케줄 ($\\alpha_0 = 1$)",
        "title_from": "$\\alpha_0/(1 + e)$: 에폭을 1부터 셀 때와 0부터 셀 때",
        "x": "에폭 $e$ (1부터)",
        "y": "학습률 $\\alpha / \\alpha_0$",
        "inverse_time": "$1/(1 + {k:g}e)$",
        "exponential": "$0.95^e$",
        "exp_k": "$e^{{-0.05e}}$",
        "inverse_sqrt": "$1/\\sqrt{{e}}$",
        "step": "계단식 (10에폭마다 ½)",
        "cosine": "코사인",
        "warmup_cosine": "워밍업 {w}에폭 + 코사인",
        "from1": "$e$ = 1, 2, … (노트의 식 그대로)",
        "from0": "$e - 1$ = 0, 1, … (PyTorch, Keras)",
    },
    "en": {
        "title_all": "Learning-rate schedules ($\\alpha_0 = 1$)",
        "title_from": "$\\alpha_0/(1 + e)$: epochs counted from 1 or from 0",
        "x": "epoch $e$ (from 1)",
        "y": "learning rate $\\alpha / \\alpha_0$",
        "inverse_time": "$1/(1 + {k:g}e)$",
        "exponential": "$0.95^e$",
        "exp_k": "$e^{{-0.05e}}$",
        "inverse_sqrt": "$1/\\sqrt{{e}}$",
        "step": "step (½ every 10 epochs)",
        "cosine": "cosine",
        "warmup_cosine": "{w}-epoch warm-up + cosine",
        "from1": "$e$ = 1, 2, … (the notes' formula as written)",
        "from0": "$e - 1$ = 0, 1, … (PyTorch, Keras)",
    },
}

STYLES = {
    "inverse_time": (COLORS[0], "-"),
    "exponential": (COLORS[1], "-"),
    "exp_k": (COLORS[1], ":"),
    "inverse_sqrt": (COLORS[2], "-"),
    "step": (COLORS[3], "-"),
    "cosine": (COLORS[4], "-"),
    "warmup_cosine": (COLORS[6], "--"),
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    curves = schedule_curves()
    fig = new_figure(8.6, 4.4)
    left, right = fig.subplots(1, 2, width_ratios=[1.5, 1])
    for name, (color, style) in STYLES.items():
        label = tx[name].format(k=INV_DECAY, w=WARMUP)
        drawstyle = "steps-mid" if name == "step" else "default"
        left.plot(
            CURVE_EPOCHS,
            curves[name],
            color=color,
            linestyle=style,
            linewidth=1.8,
            drawstyle=drawstyle,
            label=label,
        )
    left.set(title=tx["title_all"], xlabel=tx["x"], ylabel=tx["y"], ylim=(0, 1.05))
    left.legend(loc="upper center", bbox_to_anchor=(0.5, -0.17), ncol=3, fontsize=8, frameon=False)
    epochs = np.arange(1, 11)
    for key, shift, color in (("from1", 0, COLORS[0]), ("from0", 1, COLORS[1])):
        rates = [inverse_time_decay(1.0, int(e) - shift, 1.0) for e in epochs]
        right.plot(epochs, rates, "o-", color=color, linewidth=1.6, ms=4, label=tx[key])
    right.set(title=tx["title_from"], xlabel=tx["x"], ylim=(0, 1.05))
    right.title.set_fontsize(9)
    right.legend(loc="center right", fontsize=8, frameon=False)
    for ax in (left, right):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        style_axes(ax)
    return fig
