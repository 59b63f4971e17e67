"""Steps to leave the saddle against the start's distance from the stable axis, 1000 starts."""

from __future__ import annotations

import numpy as np
from _saddle_labels import COLOR, NAMES
from _saddle_runs import ESCAPE_LOSS, KEYS, N_STARTS, escape_steps, gd_escape_theory, summary
from _style import COLORS, new_figure, power_of_ten_ticks, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "$f \\leq {f:g}$이 될 때까지의 걸음 수, 출발점 $(1,\\ y_0)$ {n}개",
        "x": "$|y_0|$: 안정 방향($x$축)에서 떨어진 거리 (로그 축)",
        "y": "걸음 수",
        "stats": "중앙값 {m:g} (10–90 %: {lo:g}–{hi:g})",
        "theory": "경사 하강법 이론: $|y_0|(1+2\\alpha)^t$",
    },
    "en": {
        "title": "Steps until $f \\leq {f:g}$, {n} starts $(1,\\ y_0)$",
        "x": "$|y_0|$: distance from the stable axis ($x$) (log scale)",
        "y": "steps",
        "stats": "median {m:g} (10–90%: {lo:g}–{hi:g})",
        "theory": "gradient descent, theory: $|y_0|(1+2\\alpha)^t$",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    y0, steps = escape_steps()
    fig = new_figure(7.4, 4.2)
    ax = fig.subplots()
    for key in KEYS:
        lo, med, hi = summary(steps[key])
        label = f"{NAMES[lang][key]}: " + tx["stats"].format(m=med, lo=lo, hi=hi)
        ax.scatter(y0, steps[key], s=3, alpha=0.5, color=COLOR[key], label=label, linewidths=0)
    order = np.argsort(y0)
    ax.plot(y0[order], gd_escape_theory(y0[order]), color=COLORS[6], lw=0.9, ls="--",
            label=tx["theory"])
    ax.set_xscale("log")
    power_of_ten_ticks(ax.xaxis)
    ax.set(xlabel=tx["x"], ylabel=tx["y"], ylim=(0, None),
           title=tx["title"].format(f=ESCAPE_LOSS, n=N_STARTS))
    ax.title.set_fontsize(10)
    ax.legend(loc="upper right", fontsize=7, markerscale=3, framealpha=0.9)
    style_axes(ax)
    return fig
