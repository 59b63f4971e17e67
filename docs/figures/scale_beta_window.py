"""The window 1/(1-β) against β: the same step in β means little near 0.9, a lot near 1."""

from __future__ import annotations

import numpy as np
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "$\\beta$를 0.0005 올릴 때 평균 창 $1/(1-\\beta)$의 변화",
        "x": "$\\beta$",
        "y": "평균 창 $1/(1-\\beta)$ (걸음, 로그 축)",
        "step": "{a} $\\to$ {b}: {wa:.4g} $\\to$ {wb:.4g}걸음",
    },
    "en": {
        "title": "What raising $\\beta$ by 0.0005 does to the window $1/(1-\\beta)$",
        "x": "$\\beta$",
        "y": "averaging window $1/(1-\\beta)$ (steps, log scale)",
        "step": "{a} $\\to$ {b}: {wa:.4g} $\\to$ {wb:.4g} steps",
    },
}

PAIRS = ((0.9, 0.9005), (0.999, 0.9995))


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    one_minus = np.logspace(-4, -0.5, 300)
    beta = 1.0 - one_minus
    fig = new_figure(7.0, 3.8)
    ax = fig.add_subplot()
    ax.plot(beta, 1.0 / one_minus, color=COLORS[0], linewidth=2)
    ax.set_yscale("log")
    for k, (a, b) in enumerate(PAIRS):
        wa, wb = 1 / (1 - a), 1 / (1 - b)
        ax.plot([a, b], [wa, wb], "o", color=COLORS[1 + k], ms=6)
        ax.annotate(tx["step"].format(a=a, b=b, wa=wa, wb=wb), (b, wb),
                    xytext=(-12, 14 if k else 18), textcoords="offset points",
                    ha="right", fontsize=9, color=COLORS[1 + k])
    ax.axhline(10, color=GREY, linewidth=0.8, linestyle=":")
    ax.set_yticks([3, 10, 100, 1000, 10000], ["3", "10", "100", "1000", "10000"])
    ax.minorticks_off()
    ax.set(title=tx["title"], xlabel=tx["x"], ylabel=tx["y"], xlim=(0.68, 1.0005))
    style_axes(ax)
    return fig


def narrow(fig: Figure, lang: str) -> Figure:
    """The phone layout: each step's note in two lines, broken after its colon."""
    import _narrow

    ax = fig.axes[0]
    for note in ax.texts:
        note.set_text(note.get_text().replace(": ", ":\n", 1))
    ax.set_ylim(top=6e4)  # room above the upper note
    return _narrow.reflow(fig)
