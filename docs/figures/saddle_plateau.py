"""Gradient descent, momentum and Adam on a plateau: f = 1 - exp(-|p|^2 / 2) from radius 5."""

from __future__ import annotations

import numpy as np
from _saddle_labels import COLOR, NAMES
from _saddle_runs import KEYS, PLATEAU_START, PLATEAU_STEPS, plateau_losses, plateau_paths
from _style import new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "$f = 1 - e^{{-\\|p\\|^2/2}}$, 출발점 $({x:g},\\ {y:g})$에서 {n}걸음",
        "loss": "손실 $f$",
        "step_log": "걸음 (로그 축)",
    },
    "en": {
        "title": "$f = 1 - e^{{-\\|p\\|^2/2}}$, {n} steps from $({x:g},\\ {y:g})$",
        "loss": "loss $f$",
        "step_log": "step (log scale)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    paths, losses = plateau_paths(), plateau_losses()
    fig = new_figure(8.6, 4.0)
    left, right = fig.subplots(1, 2, width_ratios=[1, 1])
    xs, ys = np.meshgrid(np.linspace(-1.5, 3.5, 200), np.linspace(-1.5, 3.5, 200))
    left.contour(xs, ys, 1 - np.exp(-(xs**2 + ys**2) / 2), levels=[0.1, 0.3, 0.5, 0.7, 0.9, 0.99],
                 colors="#cccccc", linewidths=0.7)
    for key in KEYS:
        p = paths[key]
        left.plot(p[:, 0], p[:, 1], "o-", ms=2, lw=1.1, color=COLOR[key],
                  label=NAMES[lang][key])
        right.semilogx(np.arange(1, len(losses[key]) + 1), losses[key], color=COLOR[key], lw=1.8)
    left.plot([0], [0], "k*", ms=9)
    left.set(xlim=(-1.5, 3.5), ylim=(-1.5, 3.5), aspect="equal", xlabel="$x$", ylabel="$y$",
             title=tx["title"].format(x=PLATEAU_START[0], y=PLATEAU_START[1], n=PLATEAU_STEPS))
    left.title.set_fontsize(10)
    left.legend(loc="lower right", fontsize=7, framealpha=0.9)
    right.set(xlabel=tx["step_log"], ylabel=tx["loss"], ylim=(-0.03, 1.05))
    for ax in (left, right):
        style_axes(ax)
    return fig
