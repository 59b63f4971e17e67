"""Capstone: dev accuracy of every trial against each sampled hyperparameter, by round."""

from __future__ import annotations

import numpy as np
from _capstone_runs import run
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

LABELS = {
    "ko": {
        "lr": "Adam 학습률 α (로그 축)",
        "keep_prob": "드롭아웃 남길 확률 p",
        "hidden": "은닉층 너비",
        "y": "개발 세트 정확도",
        "coarse": "거친 탐색 ({n}번)",
        "fine": "세밀한 탐색 ({n}번)",
        "span": "좁힌 범위",
        "clipped": "90 % 미만 (아래 끝에 표시)",
    },
    "en": {
        "lr": "Adam learning rate α (log scale)",
        "keep_prob": "dropout keep probability p",
        "hidden": "hidden width",
        "y": "dev accuracy",
        "coarse": "coarse round ({n} trials)",
        "fine": "fine round ({n} trials)",
        "span": "narrowed range",
        "clipped": "below 90 % (drawn at the bottom)",
    },
}

FLOOR = 0.9


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    out = run()
    fig = new_figure(7.6, 3.3)
    axes = fig.subplots(1, 3, sharey=True)
    for ax, key in zip(axes, ("lr", "keep_prob", "hidden"), strict=True):
        low, high = out["fine_space"][key]
        ax.axvspan(low, high, color=COLORS[4], alpha=0.18, linewidth=0,
                   label=tx["span"])
        for trials, marker, colour, name in (
            (out["coarse"], "o", COLORS[0], "coarse"),
            (out["fine"], "^", COLORS[1], "fine"),
        ):
            x = np.array([t["params"][key] for t in trials], dtype=float)
            acc = 1.0 - np.array([t["score"] for t in trials])
            inside = acc >= FLOOR
            ax.scatter(x[inside], acc[inside], marker=marker, s=28, color=colour,
                       edgecolors="black", linewidths=0.3,
                       label=tx[name].format(n=len(trials)))
            ax.scatter(x[~inside], np.full((~inside).sum(), FLOOR + 0.002), marker="v", s=28,
                       facecolors="none", edgecolors=colour, linewidths=1.0)
        ax.set_xlabel(tx[key], fontsize=9)
        style_axes(ax)
    axes[0].set_xscale("log")
    axes[0].set_xticks([1e-4, 1e-3, 1e-2, 1e-1], ["0.0001", "0.001", "0.01", "0.1"])
    axes[0].minorticks_off()
    axes[0].set_ylabel(tx["y"])
    axes[0].set_ylim(FLOOR, 1.0)
    handles, labels = axes[0].get_legend_handles_labels()
    handles.append(Line2D([], [], marker="v", color="#555555", markerfacecolor="none",
                          linestyle="none"))
    labels.append(tx["clipped"])
    fig.legend(handles, labels, loc="outside lower center", ncol=4, fontsize=8)
    return fig
