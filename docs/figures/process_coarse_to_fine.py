"""Coarse to fine on digits: 30 trials over the whole space, then 30 inside the best six's span."""

from __future__ import annotations

import numpy as np
from _style import new_figure, style_axes, text
from _tuning_runs import C2F_TOP, C2F_TRIALS, coarse_to_fine_rounds
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

LABELS = {
    "ko": {
        "title": "거친 탐색에서 세밀한 탐색으로 (숫자 이미지, 라운드마다 {n}번)",
        "x": "학습률 $\\alpha$ (로그 축)",
        "y": "$1-\\beta$ (로그 축)",
        "coarse": "1라운드: 전체 공간",
        "fine": "2라운드: 상위 {k}개가 걸친 범위",
        "box": "좁힌 범위",
        "cbar": "개발 세트 정확도",
    },
    "en": {
        "title": "Coarse to fine (digit images, {n} trials per round)",
        "x": "learning rate $\\alpha$ (log scale)",
        "y": "$1-\\beta$ (log scale)",
        "coarse": "round 1: the whole space",
        "fine": "round 2: the span of the top {k}",
        "box": "narrowed range",
        "cbar": "dev accuracy",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    run = coarse_to_fine_rounds()
    fig = new_figure(7.4, 4.6)
    ax = fig.add_subplot()
    for trials, marker in ((run.coarse, "o"), (run.fine, "^")):
        lr = np.array([t.params["lr"] for t in trials])
        one_minus = 1.0 - np.array([t.params["beta"] for t in trials])
        acc = np.array([1.0 - t.score for t in trials])
        sc = ax.scatter(lr, one_minus, c=acc, cmap="viridis", vmin=0.0, vmax=1.0, marker=marker,
                        s=45, edgecolors="black", linewidths=0.4)
    lr_box, beta_box = run.box["lr"], run.box["beta"]
    ax.add_patch(Rectangle((lr_box.low, 1 - beta_box.high), lr_box.high - lr_box.low,
                           beta_box.high - beta_box.low, fill=False, edgecolor="#D55E00",
                           linewidth=2))
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks([1e-4, 1e-3, 1e-2, 1e-1, 1.0], ["0.0001", "0.001", "0.01", "0.1", "1"])
    ax.set_yticks([1e-3, 1e-2, 1e-1, 0.5], ["0.001", "0.01", "0.1", "0.5"])
    ax.minorticks_off()
    ax.set(title=tx["title"].format(n=C2F_TRIALS), xlabel=tx["x"], ylabel=tx["y"])
    handles = [
        Line2D([], [], marker="o", color="#777777", linestyle="none", label=tx["coarse"]),
        Line2D([], [], marker="^", color="#777777", linestyle="none",
               label=tx["fine"].format(k=C2F_TOP)),
        Rectangle((0, 0), 1, 1, fill=False, edgecolor="#D55E00", linewidth=2, label=tx["box"]),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=8, framealpha=0.9)
    fig.colorbar(sc, ax=ax, label=tx["cbar"])
    style_axes(ax)
    return fig
