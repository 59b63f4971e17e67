"""Gradient descent, momentum and Adam leaving the saddle f = x^2 - y^2 from near its stable axis.

The left panel is the path in the plane, the right one the distance from the stable axis.
"""

from __future__ import annotations

import numpy as np
from _saddle_labels import COLOR, NAMES
from _saddle_runs import KEYS, PATH_STEPS, SADDLE_START, saddle_paths
from _style import new_figure, power_of_ten_ticks, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "$f = x^2 - y^2$, 출발점 $({x:g},\\ {y:g})$에서 {n}걸음",
        "y": "$|y|$: 안장점에서 벗어난 정도 (로그 축)",
        "step": "걸음",
    },
    "en": {
        "title": "$f = x^2 - y^2$, {n} steps from $({x:g},\\ {y:g})$",
        "y": "$|y|$: distance off the stable axis (log scale)",
        "step": "step",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    paths = saddle_paths()
    fig = new_figure(8.6, 4.0)
    left, right = fig.subplots(1, 2, width_ratios=[1.2, 1])
    xs, ys = np.meshgrid(np.linspace(-1.3, 1.3, 200), np.linspace(-0.4, 2.6, 200))
    left.contour(xs, ys, xs**2 - ys**2, levels=14, colors="#cccccc", linewidths=0.7)
    for key in KEYS:
        p = paths[key]
        left.plot(p[:, 0], p[:, 1], "o-", ms=2, lw=1.1, color=COLOR[key],
                  label=NAMES[lang][key])
        right.semilogy(np.abs(p[:, 1]), color=COLOR[key], lw=1.8)
    left.plot([0], [0], "kx", ms=8)
    left.set(xlim=(-1.3, 1.3), ylim=(-0.4, 2.6), xlabel="$x$", ylabel="$y$",
             title=tx["title"].format(x=SADDLE_START[0], y=SADDLE_START[1], n=PATH_STEPS))
    left.title.set_fontsize(10)
    left.legend(loc="upper left", fontsize=7, framealpha=0.9)
    right.set(ylim=(1e-4, 1e3), xlabel=tx["step"], ylabel=tx["y"])
    power_of_ten_ticks(right.yaxis)
    for ax in (left, right):
        style_axes(ax)
    return fig
