"""softmax(z / T) for one score vector as the temperature T goes from 0.05 to 100."""

from __future__ import annotations

import numpy as np
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import softmax

LABELS = {
    "ko": {
        "title": "온도 $T$에 따른 $\\mathrm{softmax}(z/T)$, $z = (2,\\ 1,\\ 0.1)$",
        "x": "온도 $T$ (로그 축)",
        "y": "확률",
        "cls": "클래스 {i} ($z_{i} = {z}$)",
        "hard": "$T \\to 0$: 하드맥스",
        "uniform": "$T \\to \\infty$: 균등 분포 1/3",
        "one": "$T = 1$: 보통의 소프트맥스",
    },
    "en": {
        "title": "$\\mathrm{softmax}(z/T)$ against the temperature $T$, $z = (2,\\ 1,\\ 0.1)$",
        "x": "temperature $T$ (log scale)",
        "y": "probability",
        "cls": "class {i} ($z_{i} = {z}$)",
        "hard": "$T \\to 0$: hardmax",
        "uniform": "$T \\to \\infty$: uniform, 1/3",
        "one": "$T = 1$: the plain softmax",
    },
}

SCORES = np.array([2.0, 1.0, 0.1])
TEMPERATURES = np.logspace(np.log10(0.05), 2, 200)


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    probs = softmax(SCORES[None, :] / TEMPERATURES[:, None])
    fig = new_figure(7.0, 3.8)
    ax = fig.add_subplot()
    for i, z in enumerate(SCORES):
        ax.semilogx(TEMPERATURES, probs[:, i], color=COLORS[i], linewidth=2,
                    label=tx["cls"].format(i=i + 1, z=f"{z:g}"))
    ax.axhline(1 / 3, color=GREY, linestyle="--", linewidth=1)
    ax.axvline(1.0, color="black", linestyle=":", linewidth=1)
    ax.text(0.055, 0.93, tx["hard"], fontsize=9, va="top")
    ax.text(95, 0.37, tx["uniform"], fontsize=9, ha="right", color=GREY)
    ax.text(1.08, 0.72, tx["one"], fontsize=9)
    ax.set(title=tx["title"], xlabel=tx["x"], ylabel=tx["y"], ylim=(-0.02, 1.02))
    ax.set_xticks([0.1, 1, 10, 100], ["0.1", "1", "10", "100"])
    ax.minorticks_off()
    ax.legend(loc="center right", frameon=False, fontsize=9, bbox_to_anchor=(1.0, 0.62))
    style_axes(ax)
    return fig


def narrow(fig: Figure, lang: str) -> Figure:
    """The phone layout: the legend under the figure, clear of the notes on the curves."""
    import _narrow

    _narrow.move_legends(fig)
    return _narrow.reflow(fig, row_height=3.2)
