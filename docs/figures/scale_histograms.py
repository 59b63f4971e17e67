"""Share of draws per decade: uniform vs log-uniform learning rates, uniform β vs sample_beta."""

from __future__ import annotations

import numpy as np
from _style import COLORS, new_figure, style_axes, text
from _tuning_runs import BETA_NAMES, LR_NAMES, N_DRAWS, shares
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "lr_title": "학습률 $\\alpha \\in [10^{{-4}}, 1]$, {n}번 추출",
        "beta_title": "$\\beta \\in [0.9, 0.999]$, {n}번 추출",
        "lr_x": "$\\alpha$의 구간",
        "beta_x": "$\\beta$의 구간 ($1-\\beta$의 자릿수)",
        "y": "구간에 떨어진 비율",
        "uniform": "선형 균등 추출",
        "log": "로그 척도 추출 (log_uniform)",
        "beta": "$1-\\beta$를 로그 척도로 (sample_beta)",
    },
    "en": {
        "lr_title": "learning rate $\\alpha \\in [10^{{-4}}, 1]$, {n} draws",
        "beta_title": "$\\beta \\in [0.9, 0.999]$, {n} draws",
        "lr_x": "range of $\\alpha$",
        "beta_x": "range of $\\beta$ (decades of $1-\\beta$)",
        "y": "share of the draws",
        "uniform": "uniform on a linear scale",
        "log": "uniform on a log scale (log_uniform)",
        "beta": "$1-\\beta$ on a log scale (sample_beta)",
    },
}

def _bars(ax, names: list[str], a: np.ndarray, b: np.ndarray, labels: tuple[str, str]) -> None:
    x = np.arange(len(names))
    ax.bar(x - 0.2, a, width=0.4, color=COLORS[1], label=labels[0])
    ax.bar(x + 0.2, b, width=0.4, color=COLORS[0], label=labels[1])
    for xi, v in zip(x - 0.2, a, strict=True):
        ax.text(xi, v + 0.02, f"{v:.2f}", ha="center", fontsize=8)
    for xi, v in zip(x + 0.2, b, strict=True):
        ax.text(xi, v + 0.02, f"{v:.2f}", ha="center", fontsize=8)
    ax.set_xticks(x, names, fontsize=8)
    ax.set_ylim(0, 1.3)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    style_axes(ax)


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    s = shares()
    fig = new_figure(8.4, 3.6)
    left, right = fig.subplots(1, 2, width_ratios=[2, 1.2])
    _bars(left, LR_NAMES, s["lr_uniform"], s["lr_log"], (tx["uniform"], tx["log"]))
    left.set(title=tx["lr_title"].format(n=N_DRAWS), xlabel=tx["lr_x"], ylabel=tx["y"])
    _bars(right, BETA_NAMES, s["beta_uniform"], s["beta_log"], (tx["uniform"], tx["beta"]))
    right.set(title=tx["beta_title"].format(n=N_DRAWS), xlabel=tx["beta_x"])
    for ax in (left, right):
        ax.title.set_fontsize(10)
    return fig
