"""Histograms of the activations at layers 1, 2, 5 and 10 for the five init settings (CS231n)."""

from __future__ import annotations

import numpy as np
from _init_runs import HIST_LAYERS, SETTINGS, activation_runs
from _style import COLORS, new_figure, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "층을 지날수록 활성값 분포는 어떻게 변하나 (폭 500, tanh/ReLU 10층)",
        "layer": "{layer}층",
        "small": "작은 난수\n(0.01) + tanh",
        "large": "큰 난수\n(1.0) + tanh",
        "xavier_tanh": "Xavier + tanh",
        "xavier_relu": "Xavier + ReLU",
        "he": "He + ReLU",
        "std": "표준편차 {std}",
        "x": "활성값 (ReLU는 0인 값을 뺀 분포)",
    },
    "en": {
        "title": "How the distribution of activations changes with depth (width 500, 10 layers)",
        "layer": "layer {layer}",
        "small": "small random\n(0.01) + tanh",
        "large": "large random\n(1.0) + tanh",
        "xavier_tanh": "Xavier + tanh",
        "xavier_relu": "Xavier + ReLU",
        "he": "He + ReLU",
        "std": "std {std}",
        "x": "activation (ReLU: the values that are not 0)",
    },
}

ROW_KEYS = ("small", "large", "xavier_tanh", "xavier_relu", "he")


def _fmt(value: float) -> str:
    return f"{value:.2f}" if value >= 0.01 else f"{value:.0e}".replace("e-0", "e-")


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    runs = activation_runs()
    n_rows, n_cols = len(SETTINGS), len(HIST_LAYERS)
    fig = new_figure(7.6, 8.2)
    axes = fig.subplots(n_rows, n_cols, sharey=False)
    for row, ((init, act), key) in enumerate(zip(SETTINGS, ROW_KEYS, strict=True)):
        run = runs[(init, act)]
        color = COLORS[row]
        edges = np.linspace(-1.0, 1.0, 41) if act == "tanh" else np.linspace(0.0, 4.0, 41)
        for col, layer in enumerate(HIST_LAYERS):
            ax = axes[row, col]
            values = run.kept[layer]
            if act == "relu":
                values = values[values > 0]
            counts, _ = np.histogram(values, bins=edges)  # values outside are left out
            ax.stairs(counts, edges, fill=True, color=color)
            ax.set_xlim(edges[0], edges[-1])
            ax.set_ylim(0, counts.max() * 1.25)
            ax.set_yticks([])
            ax.text(
                0.97,
                0.95,
                tx["std"].format(std=_fmt(float(run.std[layer - 1]))),
                transform=ax.transAxes,
                ha="right",
                va="top",
                fontsize=8,
            )
            ax.tick_params(labelsize=8)
            for side in ("top", "right", "left"):
                ax.spines[side].set_visible(False)
            if row == 0:
                ax.set_title(tx["layer"].format(layer=layer), fontsize=10)
            if col == 0:
                ax.set_ylabel(tx[key], fontsize=9)
    fig.suptitle(tx["title"], fontsize=11)
    fig.supxlabel(tx["x"], fontsize=9)
    return fig
