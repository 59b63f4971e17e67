"""Activation and gradient size per layer in a 50-layer linear and tanh net, three weight scales."""

from __future__ import annotations

import numpy as np
from _style import COLORS, new_figure, style_axes, text
from _vanishing_runs import DEPTH, GAINS, WIDTH, signal
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator

LABELS = {
    "ko": {
        "linear": "선형",
        "tanh": "tanh",
        "forward": "{act} 망, 순전파: 활성값 $a^{{[l]}}$",
        "backward": "{act} 망, 역전파: 경사 $\\partial L / \\partial z^{{[l]}}$",
        "x": "층 $l$",
        "y": "RMS 크기 (로그 척도)",
        "gain": "$s = {g:g}/\\sqrt{{n}}$",
        "critical": "$s = 1/\\sqrt{{n}}$ (임계값)",
        "power": "$0.5^l$, $1.5^l$ ($W = w I$일 때)",
        "suptitle": "폭 $n = {n}$, 깊이 $L = {depth}$인 망에서 층별 신호 크기",
    },
    "en": {
        "linear": "linear",
        "tanh": "tanh",
        "forward": "{act} net, forward: activations $a^{{[l]}}$",
        "backward": "{act} net, backward: gradients $\\partial L / \\partial z^{{[l]}}$",
        "x": "layer $l$",
        "y": "RMS size (log scale)",
        "gain": "$s = {g:g}/\\sqrt{{n}}$",
        "critical": "$s = 1/\\sqrt{{n}}$ (critical)",
        "power": "$0.5^l$, $1.5^l$ (the case $W = w I$)",
        "suptitle": "Signal size per layer in a net of width $n = {n}$ and depth $L = {depth}$",
    },
}


def _power_of_ten(value: float, _pos: int) -> str:
    return f"$10^{{{round(np.log10(value))}}}$"


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(7.6, 6.4)
    axes = fig.subplots(2, 2, sharex=True)
    layers = np.arange(1, DEPTH + 1)
    colors = dict(zip(GAINS, (COLORS[0], COLORS[2], COLORS[1]), strict=True))
    for row, activation in enumerate(("linear", "tanh")):
        for col, direction in enumerate(("forward", "backward")):
            ax = axes[row, col]
            for gain in GAINS:
                values = signal(activation, gain)[col]
                label = tx["critical"] if gain == 1.0 else tx["gain"].format(g=gain)
                ax.semilogy(layers, values, color=colors[gain], linewidth=2, label=label)
            if activation == "linear" and direction == "forward":
                for gain in (0.5, 1.5):  # the scalar picture W = gain * I
                    ax.semilogy(
                        layers,
                        gain**layers,
                        ":",
                        color="black",
                        linewidth=1.2,
                        zorder=3,
                        label=tx["power"] if gain == 0.5 else None,
                    )
            ax.set_title(tx[direction].format(act=tx[activation]), fontsize="medium")
            ax.set(xlim=(1, DEPTH), ylim=(1e-17, 1e10))
            ax.set_yticks([1e-15, 1e-10, 1e-5, 1, 1e5, 1e10])
            # plain mathtext, not \mathdefault: its minus sign comes from DejaVu, which has it
            ax.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
            ax.yaxis.set_minor_locator(NullLocator())
            if row == 1:
                ax.set_xlabel(tx["x"])
            if col == 0:
                ax.set_ylabel(tx["y"])
            style_axes(ax)
    axes[0, 0].legend(loc="lower left", fontsize="small", frameon=False)
    fig.suptitle(tx["suptitle"].format(n=WIDTH, depth=DEPTH))
    return fig
