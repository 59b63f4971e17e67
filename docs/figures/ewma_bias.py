"""The start-up bias of an EWMA (beta = 0.98) and its correction."""

from __future__ import annotations

import numpy as np
from _data import noisy_temperatures
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import ewma

BETA = 0.98
STEPS = 40

LABELS = {
    "ko": {
        "title": "$V_0 = 0$에서 출발한 평균은 처음 몇십 걸음 동안 0 쪽으로 치우친다",
        "x": "일 (t)",
        "y": "기온 (°C)",
        "data": "측정값",
        "raw": "보정 전 $V_t$",
        "corrected": "보정 후 $V_t / (1 - \\beta^t)$",
    },
    "en": {
        "title": "Starting from $V_0 = 0$ pulls the first few dozen averages towards 0",
        "x": "day (t)",
        "y": "temperature (°C)",
        "data": "measurements",
        "raw": "uncorrected $V_t$",
        "corrected": "corrected $V_t / (1 - \\beta^t)$",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    theta = noisy_temperatures()[:STEPS]
    days = np.arange(1, STEPS + 1)
    fig = new_figure(7.2, 3.6)
    ax = fig.add_subplot()
    ax.scatter(days, theta, s=14, color=GREY, label=tx["data"])
    ax.plot(
        days,
        ewma(theta, BETA, bias_correction=False),
        color=COLORS[1],
        linewidth=2,
        label=tx["raw"] + f" (β = {BETA})",
    )
    ax.plot(
        days,
        ewma(theta, BETA),
        color=COLORS[0],
        linewidth=2,
        label=tx["corrected"] + f" (β = {BETA})",
    )
    ax.axhline(0.0, color="#555555", linewidth=0.8)
    ax.set(title=tx["title"], xlabel=tx["x"], ylabel=tx["y"], xlim=(0, STEPS + 1), ylim=(-5, 16))
    ax.legend(loc="upper left", ncols=3, fontsize="small", frameon=False)
    style_axes(ax)
    return fig
