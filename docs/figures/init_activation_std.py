"""Standard deviation of the activations per layer for the five init settings, with the theory."""

from __future__ import annotations

import math

import numpy as np
from _init_runs import N_LAYERS, SETTINGS, activation_runs
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator

LABELS = {
    "ko": {
        "title": "층마다 활성값의 표준편차 (폭 500)",
        "x": "층 $l$",
        "y": "활성값의 표준편차 (로그 척도)",
        "small": "작은 난수 (0.01) + tanh",
        "large": "큰 난수 (1.0) + tanh",
        "xavier_tanh": "Xavier + tanh",
        "xavier_relu": "Xavier + ReLU",
        "he": "He + ReLU",
        "theory": "예측: 층마다 ×{small:.2f}, ×{half:.2f}",
    },
    "en": {
        "title": "Standard deviation of the activations at each layer (width 500)",
        "x": "layer $l$",
        "y": "std of the activations (log scale)",
        "small": "small random (0.01) + tanh",
        "large": "large random (1.0) + tanh",
        "xavier_tanh": "Xavier + tanh",
        "xavier_relu": "Xavier + ReLU",
        "he": "He + ReLU",
        "theory": "predicted: ×{small:.2f}, ×{half:.2f} per layer",
    },
}

ROW_KEYS = ("small", "large", "xavier_tanh", "xavier_relu", "he")
WIDTH = 500


def _power_of_ten(value: float, _pos: int) -> str:
    # plain mathtext: its minus sign comes from DejaVu Sans, which has the glyph
    return f"$10^{{{round(np.log10(value))}}}$"


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    runs = activation_runs()
    layers = np.arange(1, N_LAYERS + 1)
    fig = new_figure(7.2, 4.2)
    ax = fig.add_subplot()
    for (setting, key), color in zip(zip(SETTINGS, ROW_KEYS, strict=True), COLORS, strict=False):
        ax.plot(layers, runs[setting].std, "o-", color=color, linewidth=2, label=tx[key])
    # Theory: tanh(z) ~ z for small z, so each layer multiplies the spread by 0.01 * sqrt(500);
    # ReLU with Var(w) = 1/n halves the second moment, i.e. multiplies the spread by 1/sqrt(2).
    small, half = 0.01 * math.sqrt(WIDTH), 1 / math.sqrt(2)
    for setting, ratio in ((("small", "tanh"), small), (("xavier", "relu"), half)):
        start = runs[setting].std[0]
        ax.plot(
            layers,
            start * ratio ** (layers - 1.0),
            "--",
            color=GREY,
            linewidth=1.2,
            label=tx["theory"].format(small=small, half=half) if ratio == small else None,
        )
    ax.set_yscale("log")
    ax.set_yticks([1e-6, 1e-4, 1e-2, 1.0])
    ax.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set(title=tx["title"], xlabel=tx["x"], ylabel=tx["y"], xticks=layers)
    ax.legend(loc="lower left", frameon=False, fontsize=9)
    style_axes(ax)
    return fig
