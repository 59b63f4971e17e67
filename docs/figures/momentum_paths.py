"""Gradient descent and momentum, each at its best setting, on a narrow valley."""

from __future__ import annotations

import numpy as np
from _momentum_runs import A_OPT, B_OPT, GD_LR, KAPPA, paths
from _style import COLORS, new_figure, power_of_ten_ticks, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "$f = \\frac{{1}}{{2}}(x^2 + {k:g}\\,y^2)$에서 60걸음",
        "gd": "경사 하강법, 학습률 {lr:g}",
        "gd_best": "경사 하강법, 가장 좋은 학습률 {lr:.3f}",
        "momentum": "모멘텀, $\\beta = {b:.3f}$, 학습률 {lr:.3f}",
        "dist": "최소점까지의 거리 (로그 축)",
        "step": "걸음",
    },
    "en": {
        "title": "60 steps on $f = \\frac{{1}}{{2}}(x^2 + {k:g}\\,y^2)$",
        "gd": "gradient descent, learning rate {lr:g}",
        "gd_best": "gradient descent, best learning rate {lr:.3f}",
        "momentum": "momentum, $\\beta = {b:.3f}$, learning rate {lr:.3f}",
        "dist": "distance to the minimum (log scale)",
        "step": "step",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    p = paths()
    names = {
        "gd": tx["gd"].format(lr=GD_LR),
        "gd_best": tx["gd_best"].format(lr=2 / (1 + KAPPA)),
        "momentum": tx["momentum"].format(b=B_OPT, lr=A_OPT / (1 - B_OPT)),
    }
    colors = {"gd": COLORS[1], "gd_best": COLORS[4], "momentum": COLORS[0]}
    fig = new_figure(8.4, 3.8)
    left, right = fig.subplots(1, 2, width_ratios=[1.4, 1])
    xs, ys = np.meshgrid(np.linspace(-8, 2, 200), np.linspace(-1.4, 1.4, 200))
    left.contour(xs, ys, 0.5 * (xs**2 + KAPPA * ys**2), levels=12, colors="#cccccc",
                 linewidths=0.7)
    for key in ("gd", "momentum"):
        left.plot(p[key][:, 0], p[key][:, 1], "o-", ms=2.5, lw=1.2, color=colors[key],
                  label=names[key])
    left.plot([0], [0], "k*", ms=9)
    left.set(title=tx["title"].format(k=KAPPA), xlabel="$x$", ylabel="$y$")
    left.title.set_fontsize(10)
    left.legend(loc="lower right", fontsize=8, framealpha=0.9)
    for key in ("gd", "gd_best", "momentum"):
        right.semilogy(np.linalg.norm(p[key], axis=1), color=colors[key], lw=1.8,
                       label=names[key])
    right.set(xlabel=tx["step"], ylabel=tx["dist"])
    power_of_ten_ticks(right.yaxis)
    right.legend(loc="lower left", fontsize=7, frameon=False)
    for ax in (left, right):
        style_axes(ax)
    return fig
