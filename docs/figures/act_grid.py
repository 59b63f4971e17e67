"""Every activation function of dlref with its derivative, on one grid."""

from __future__ import annotations

import numpy as np
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import (
    elu,
    elu_grad,
    leaky_relu,
    leaky_relu_grad,
    maxout_forward,
    prelu_forward,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)

LABELS = {
    "ko": {
        "f": "함수 $g(x)$",
        "df": "도함수 $g'(x)$",
        "leaky": "leaky ReLU ($\\alpha = 0.1$)",
        "prelu": "PReLU ($\\alpha = 0.25$, 초깃값)",
        "maxout": "maxout ($k = 2$ 조각)",
        "x": "$x$",
    },
    "en": {
        "f": "function $g(x)$",
        "df": "derivative $g'(x)$",
        "leaky": "leaky ReLU ($\\alpha = 0.1$)",
        "prelu": "PReLU ($\\alpha = 0.25$, initial value)",
        "maxout": "maxout ($k = 2$ pieces)",
        "x": "$x$",
    },
}

#: The slope drawn for leaky ReLU: 0.1 instead of the default 0.01, so the kink shows.
LEAKY_DRAWN = 0.1
PRELU_INIT = 0.25


def _maxout_pieces(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One maxout unit over a scalar input, pieces 0.5x + 0.5 and -x: value and slope."""
    W = np.array([[[0.5]], [[-1.0]]])  # (k=2, n_in=1, n_out=1)
    b = np.array([[0.5], [0.0]])  # (k=2, n_out=1)
    out, _ = maxout_forward(x[:, None], W, b)
    slope = np.where(0.5 * x + 0.5 >= -x, 0.5, -1.0)
    return out[:, 0], slope


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    x = np.linspace(-4, 4, 801)
    prelu, _ = prelu_forward(x[:, None], PRELU_INIT)
    maxout, maxout_slope = _maxout_pieces(x)
    panels = [
        ("sigmoid", sigmoid(x), sigmoid_grad(x)),
        ("tanh", tanh(x), tanh_grad(x)),
        ("ReLU", relu(x), relu_grad(x)),
        (tx["leaky"], leaky_relu(x, LEAKY_DRAWN), leaky_relu_grad(x, LEAKY_DRAWN)),
        (tx["prelu"], prelu[:, 0], leaky_relu_grad(x, PRELU_INIT)),
        ("ELU ($\\alpha = 1$)", elu(x), elu_grad(x)),
        (tx["maxout"], maxout, maxout_slope),
    ]
    fig = new_figure(8.4, 4.6)
    axes = fig.subplots(2, 4, sharex=True).ravel()
    for ax, (name, f, df) in zip(axes, panels, strict=False):
        ax.plot(x, f, color=COLORS[0], linewidth=2, label=tx["f"])
        ax.plot(x, df, color=COLORS[1], linewidth=1.6, linestyle="--", label=tx["df"])
        ax.axhline(0, color="black", linewidth=0.6)
        ax.axvline(0, color="black", linewidth=0.6)
        ax.set_title(name, fontsize=9.5)
        ax.set_ylim(-1.6, 2.6)
        style_axes(ax)
    legend_ax = axes[-1]
    handles, labels = axes[0].get_legend_handles_labels()
    legend_ax.axis("off")
    legend_ax.legend(handles, labels, loc="center", frameon=False, fontsize=10)
    for ax in axes[3:7]:
        ax.set_xlabel(tx["x"])
    return fig
