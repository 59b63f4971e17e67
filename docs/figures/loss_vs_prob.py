"""Each loss against the predicted probability for a label y = 1, and where clipped BCE stops."""

from __future__ import annotations

import math

import numpy as np
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from dlref import binary_cross_entropy, mse

LABELS = {
    "ko": {
        "x": "$y = 1$에 대해 예측한 확률 $p$",
        "x_log": "$p$ (로그 눈금)",
        "y": "손실",
        "bce": "BCE $-\\ln p$",
        "log2": "노트의 $-\\log_2 p$",
        "mse": "MSE $\\frac{1}{2}(1-p)^2$",
        "mse_nohalf": "$(1-p)^2$ (PyTorch MSELoss)",
        "title_left": "확신한 오답일수록 BCE만 크게 벌한다",
        "title_right": "$p \\to 0$: 잘라 낸 BCE의 상한",
        "keras": "Keras ($\\epsilon = 10^{-7}$)",
        "dlref": "dlref ($\\epsilon = 10^{-12}$)",
        "torch": "PyTorch (log $\\geq -100$)",
    },
    "en": {
        "x": "predicted probability $p$ for $y = 1$",
        "x_log": "$p$ (log scale)",
        "y": "loss",
        "bce": "BCE $-\\ln p$",
        "log2": "the notes' $-\\log_2 p$",
        "mse": "MSE $\\frac{1}{2}(1-p)^2$",
        "mse_nohalf": "$(1-p)^2$ (PyTorch MSELoss)",
        "title_left": "only BCE punishes confident mistakes hard",
        "title_right": "$p \\to 0$: where clipped BCE stops",
        "keras": "Keras ($\\epsilon = 10^{-7}$)",
        "dlref": "dlref ($\\epsilon = 10^{-12}$)",
        "torch": "PyTorch (log $\\geq -100$)",
    },
}

#: Keras clips p to [1e-7, 1 - 1e-7]; PyTorch clamps each log at -100.
KERAS_EPS = 1e-7
TORCH_LOG_MIN = -100.0


def _per_sample(loss: object, p: np.ndarray) -> np.ndarray:
    """A dlref loss evaluated at each p separately, for the label 1."""
    return np.array([loss(np.array([pi]), np.array([1.0])) for pi in p])  # type: ignore[operator]


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(7.8, 3.6)
    ax, ax_log = fig.subplots(1, 2)
    p = np.linspace(0.005, 1.0, 400)
    ax.plot(p, _per_sample(binary_cross_entropy, p), color=COLORS[0], linewidth=2, label=tx["bce"])
    ax.plot(p, -np.log2(p), color=COLORS[0], linewidth=1.2, linestyle=":", label=tx["log2"])
    ax.plot(p, _per_sample(mse, p), color=COLORS[1], linewidth=2, label=tx["mse"])
    ax.plot(p, (1 - p) ** 2, color=COLORS[1], linewidth=1.2, linestyle="--", label=tx["mse_nohalf"])
    ax.set(xlabel=tx["x"], ylabel=tx["y"], ylim=(0, 6), xlim=(0, 1))
    ax.set_title(tx["title_left"], fontsize=10)
    ax.legend(frameon=False, fontsize=8.5)

    exponents = np.linspace(-50, 0, 501)
    q = 10.0**exponents
    ax_log.plot(q, -np.log(q), color=GREY, linewidth=1.4, linestyle=":", label=tx["bce"])
    clipped = [
        (tx["keras"], np.minimum(-np.log(q), -math.log(KERAS_EPS)), COLORS[2]),
        (tx["dlref"], _per_sample(binary_cross_entropy, q), COLORS[0]),
        (tx["torch"], np.minimum(-np.log(q), -TORCH_LOG_MIN), COLORS[3]),
    ]
    for label, values, color in clipped:
        ax_log.plot(q, values, color=color, linewidth=2, label=label)
    ax_log.set(xscale="log", xlabel=tx["x_log"], ylabel=tx["y"], ylim=(0, 120))
    ax_log.xaxis.set_major_locator(FixedLocator([1e-50, 1e-40, 1e-30, 1e-20, 1e-10, 1.0]))
    ax_log.xaxis.set_minor_locator(NullLocator())
    ax_log.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"1e{round(math.log10(v))}"))
    ax_log.set_title(tx["title_right"], fontsize=10)
    ax_log.legend(frameon=False, fontsize=8.5, loc="upper right")
    for a in (ax, ax_log):
        style_axes(a)
    return fig
