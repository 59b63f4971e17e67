"""|dL/dz| against the logit z for y = 1: MSE on a sigmoid output vs binary cross-entropy."""

from __future__ import annotations

import numpy as np
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from dlref import binary_cross_entropy_with_logits, mse_grad, sigmoid, sigmoid_grad

LABELS = {
    "ko": {
        "x": "로짓 $z$ (정답은 $y = 1$)",
        "y": "$|\\partial L / \\partial z|$ (로그 눈금)",
        "bce": "BCE: $|\\sigma(z) - 1|$",
        "mse": "시그모이드 뒤 MSE: $|\\sigma(z) - 1|\\,\\sigma'(z)$",
        "wrong": "확신한 오답",
        "right": "확신한 정답",
    },
    "en": {
        "x": "logit $z$ (the label is $y = 1$)",
        "y": "$|\\partial L / \\partial z|$ (log scale)",
        "bce": "BCE: $|\\sigma(z) - 1|$",
        "mse": "MSE on a sigmoid: $|\\sigma(z) - 1|\\,\\sigma'(z)$",
        "wrong": "confidently wrong",
        "right": "confidently right",
    },
}


def gradients(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """dL/dz of BCE-with-logits and of the 1/2-MSE on sigmoid(z), one sample per z, y = 1."""
    row, ones = z[None, :], np.ones((1, z.size))  # one row: m = 1, one column per z
    _, d_bce = binary_cross_entropy_with_logits(row, ones)
    d_mse = mse_grad(sigmoid(row), ones) * sigmoid_grad(row)
    return d_bce[0], d_mse[0]


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    z = np.linspace(-10, 10, 801)
    d_bce, d_mse = gradients(z)
    fig = new_figure(6.4, 3.6)
    ax = fig.subplots()
    ax.plot(z, np.abs(d_bce), color=COLORS[0], linewidth=2, label=tx["bce"])
    ax.plot(z, np.abs(d_mse), color=COLORS[1], linewidth=2, label=tx["mse"])
    ax.set(yscale="log", xlabel=tx["x"], ylabel=tx["y"], ylim=(1e-5, 2))
    ax.yaxis.set_major_locator(FixedLocator([1e-4, 1e-3, 1e-2, 1e-1, 1.0]))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.axvspan(-10, -4, color=COLORS[1], alpha=0.08, linewidth=0)
    ax.text(-7, 5e-3, tx["wrong"], ha="center", fontsize=9)
    ax.text(7, 5e-2, tx["right"], ha="center", fontsize=9)
    ax.legend(frameon=False, fontsize=9, loc="lower center", bbox_to_anchor=(0.45, 0.02))
    style_axes(ax)
    return fig
