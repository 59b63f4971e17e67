"""A noisy daily series smoothed by EWMAs with beta = 0.5, 0.9 and 0.98."""

from __future__ import annotations

import numpy as np
from _data import noisy_temperatures
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import effective_window, ewma

LABELS = {
    "ko": {
        "title": "β가 클수록 더 길게 평균 내고, 그만큼 늦게 따라간다",
        "x": "일 (t)",
        "y": "기온 $\\theta_t$ (°C)",
        "data": "측정값",
        "beta": "β = {beta} (약 {window:g}일 평균)",
    },
    "en": {
        "title": "A larger β averages over more days and lags behind more",
        "x": "day (t)",
        "y": "temperature $\\theta_t$ (°C)",
        "data": "measurements",
        "beta": "β = {beta} (about {window:g} days)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    theta = noisy_temperatures()
    days = np.arange(1, theta.size + 1)
    fig = new_figure(7.2, 3.8)
    ax = fig.add_subplot()
    ax.scatter(days, theta, s=9, color=GREY, alpha=0.7, label=tx["data"])
    for beta, color in zip((0.5, 0.9, 0.98), COLORS, strict=False):
        window = round(effective_window(beta))
        ax.plot(
            days,
            ewma(theta, beta),
            color=color,
            linewidth=2,
            label=tx["beta"].format(beta=beta, window=window),
        )
    ax.set(title=tx["title"], xlabel=tx["x"], ylabel=tx["y"], xlim=(0, days[-1] + 1))
    ax.legend(loc="upper left", frameon=False)
    style_axes(ax)
    return fig
