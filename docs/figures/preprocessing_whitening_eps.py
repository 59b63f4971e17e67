"""Whitening gain 1/sqrt(λ + ε) per principal direction of the digits, for three values of ε."""

from __future__ import annotations

import numpy as np
from _preprocessing_runs import digits_pca
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator

LABELS = {
    "ko": {
        "ev": "숫자 이미지 주성분의 분산 $\\lambda_j$",
        "gain": "화이트닝이 곱하는 배율 $1/\\sqrt{\\lambda_j + \\epsilon}$",
        "x": "주성분 번호 $j$ (분산 순)",
        "eps": "$\\epsilon = {e}$",
        "zero": "분산 0 (늘 0인 픽셀 3개)",
    },
    "en": {
        "ev": "variance $\\lambda_j$ of the digits' principal directions",
        "gain": "whitening gain $1/\\sqrt{\\lambda_j + \\epsilon}$",
        "x": "principal direction $j$ (by variance)",
        "eps": "$\\epsilon = {e}$",
        "zero": "variance 0 (3 pixels that are always 0)",
    },
}

EPSILONS = (1e-5, 0.1, 10.0)
EPS_TEX = ("10^{-5}", "0.1", "10")
FLOOR = 1e-6  # where the three exact zeros are drawn on the log axis


def _power_of_ten(value: float, _pos: int) -> str:
    return f"$10^{{{round(np.log10(value))}}}$"


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    ev = digits_pca().explained_variance
    j = np.arange(1, len(ev) + 1)
    zero = ev < 1e-12
    fig = new_figure(8.4, 3.6)
    left, right = fig.subplots(1, 2)
    left.semilogy(j[~zero], ev[~zero], "o", ms=3, color=COLORS[0])
    left.semilogy(j[zero], np.full(zero.sum(), FLOOR), "x", ms=6, color=COLORS[1],
                  label=tx["zero"])
    left.set(title=tx["ev"], xlabel=tx["x"])
    left.legend(loc="lower left", frameon=False, fontsize=8)
    for k, eps in enumerate(EPSILONS):
        right.semilogy(j, 1 / np.sqrt(ev + eps), "-", color=COLORS[2 + k], linewidth=2,
                       label=tx["eps"].format(e=EPS_TEX[k]))
    right.set(title=tx["gain"], xlabel=tx["x"])
    right.legend(loc="upper left", frameon=False, fontsize=8)
    for ax in (left, right):
        ax.title.set_fontsize(9)
        ax.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
        ax.yaxis.set_minor_locator(NullLocator())
        style_axes(ax)
    return fig
