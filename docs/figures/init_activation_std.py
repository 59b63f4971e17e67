"""Per layer, for five init settings: std of the activations (with theory) and RMS of dW."""

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
        "grad_title": "역전파: 층마다 $\\partial L/\\partial W$의 RMS",
        "grad_y": "$\\partial L/\\partial W^{[l]}$의 RMS (로그 척도)",
        "grad_theory": "예측: 입력 쪽으로 층마다 ×{big:.1f}",
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
        "grad_title": "Backward: RMS of $\\partial L/\\partial W$ at each layer",
        "grad_y": "RMS of $\\partial L/\\partial W^{[l]}$ (log scale)",
        "grad_theory": "predicted: ×{big:.1f} per layer towards the input",
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
    fig = new_figure(8.4, 4.2)
    ax, gx = fig.subplots(1, 2)
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
    ax.legend(loc="lower left", frameon=False, fontsize=8)
    # Backward: dL/dW per layer. With scale 1 the gradient grows towards the input by
    # sqrt(n) * sqrt(E[tanh'(z)^2]) per layer, with z ~ N(0, s^2), s = sqrt(n) * std(h):
    # E[sech^4 z] ~ 4 / (3 s sqrt(2 pi)) for large s.
    for (setting, key), color in zip(zip(SETTINGS, ROW_KEYS, strict=True), COLORS, strict=False):
        gx.plot(layers, runs[setting].dw_rms, "o-", color=color, linewidth=2, label=tx[key])
    large = runs[("large", "tanh")]
    spread = math.sqrt(WIDTH) * float(np.mean(large.std))
    big = math.sqrt(WIDTH) * math.sqrt(4 / (3 * spread * math.sqrt(2 * math.pi)))
    gx.plot(layers, large.dw_rms[-1] * big ** (N_LAYERS - layers), "--", color=GREY,
            linewidth=1.2, label=tx["grad_theory"].format(big=big))
    gx.set_yscale("log")
    gx.set_yticks([1e-8, 1e-6, 1e-4, 1e-2, 1.0, 1e2])
    gx.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
    gx.yaxis.set_minor_locator(NullLocator())
    gx.set(title=tx["grad_title"], xlabel=tx["x"], ylabel=tx["grad_y"], xticks=layers)
    gx.legend(loc="lower left", frameon=False, fontsize=8)
    for a in (ax, gx):
        a.title.set_fontsize(10)
        style_axes(a)
    return fig
