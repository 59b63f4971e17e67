"""Digits rebuilt from k principal components, and the share of variance the first k keep."""

from __future__ import annotations

import numpy as np
from _preprocessing_runs import components_for, digits_pca, reconstruct
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import load_digits

LABELS = {
    "ko": {
        "k": "$k = {k}$",
        "orig": "원본",
        "curve": "앞의 $k$개 성분이 담은 분산의 비율",
        "x": "주성분 수 $k$",
        "y": "누적 분산 비율",
        "mark": "{p} %: $k = {k}$",
    },
    "en": {
        "k": "$k = {k}$",
        "orig": "original",
        "curve": "share of the variance kept by the first $k$ components",
        "x": "number of principal components $k$",
        "y": "cumulative share of variance",
        "mark": "{p} %: $k = {k}$",
    },
}

KS = (2, 5, 10, 21)
SHOWN = (0, 1, 2, 3)  # which digits (rows of the data set)


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    X = load_digits().X
    fig = new_figure(8.4, 4.4)
    left, right = fig.subfigures(1, 2, width_ratios=[1.15, 1])
    grid = left.subplots(len(SHOWN), len(KS) + 1)
    for row, i in enumerate(SHOWN):
        for col, k in enumerate((*KS, None)):
            ax = grid[row, col]
            image = X[i] if k is None else reconstruct(k)[i]
            ax.imshow(image.reshape(8, 8), cmap="gray_r", vmin=0, vmax=16)
            ax.set_xticks([])
            ax.set_yticks([])
            if row == 0:
                ax.set_title(tx["orig"] if k is None else tx["k"].format(k=k), fontsize=9)
    ev = digits_pca().explained_variance
    cum = np.cumsum(ev) / ev.sum()
    ax = right.subplots()
    ks = np.arange(1, len(ev) + 1)
    ax.plot(ks, cum, color=COLORS[0], linewidth=2)
    for p, color in ((90, COLORS[1]), (95, COLORS[2])):
        k = components_for(p / 100)
        ax.axhline(p / 100, color=GREY, linewidth=0.8, linestyle=":")
        ax.plot([k], [cum[k - 1]], "o", color=color)
        ax.annotate(tx["mark"].format(p=p, k=k), (k, cum[k - 1]), xytext=(8, -14),
                    textcoords="offset points", fontsize=9, color=color)
    ax.set(title=tx["curve"], xlabel=tx["x"], ylabel=tx["y"], ylim=(0, 1.02), xlim=(0, 65))
    ax.title.set_fontsize(9)
    style_axes(ax)
    return fig
