"""Running mean and variance of batch norm converging to the population, for two momenta."""

from __future__ import annotations

import numpy as np
from _batchnorm_runs import MOMENTA, POP_MEAN, POP_STD, running_traces
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "mean": "이동 평균 (미니배치 8개씩, 모집단 평균 3)",
        "var": "이동 분산, 모멘텀 0.99",
        "x": "걸음",
        "mom": "모멘텀 {m} (PyTorch {t:g})",
        "pop_mean": "모집단 평균 3",
        "biased": "m으로 나눈 분산을 섞음 (dlref 기본값, Keras)",
        "unbiased": "불편분산을 섞음 (PyTorch)",
        "pop_var": "$\\sigma^2 = 4$",
        "shrunk": "$(m-1)\\,\\sigma^2/m = 3.5$",
    },
    "en": {
        "mean": "running mean (mini-batches of 8, population mean 3)",
        "var": "running variance, momentum 0.99",
        "x": "step",
        "mom": "momentum {m} (PyTorch {t:g})",
        "pop_mean": "population mean 3",
        "biased": "feeding the ÷m variance (dlref default, Keras)",
        "unbiased": "feeding the unbiased variance (PyTorch)",
        "pop_var": "$\\sigma^2 = 4$",
        "shrunk": "$(m-1)\\,\\sigma^2/m = 3.5$",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(8.4, 3.6)
    left, right = fig.subplots(1, 2)
    for k, mom in enumerate(MOMENTA):
        mean, _, _ = running_traces(mom)
        steps = np.arange(1, len(mean) + 1)
        left.plot(steps, mean, color=COLORS[k], linewidth=1.5,
                  label=tx["mom"].format(m=mom, t=round(1 - mom, 2)))
    left.axhline(POP_MEAN, color=GREY, linestyle="--", linewidth=1)
    left.set(title=tx["mean"], xlabel=tx["x"], ylim=(0, 4))
    left.legend(loc="lower right", frameon=False, fontsize=8)
    _, var_b, var_u = running_traces(0.99)
    steps = np.arange(1, len(var_b) + 1)
    right.plot(steps, var_b, color=COLORS[3], linewidth=1, label=tx["biased"])
    right.plot(steps, var_u, color=COLORS[4], linewidth=1, label=tx["unbiased"])
    right.axhline(POP_STD**2, color="black", linestyle="--", linewidth=1)
    right.axhline(POP_STD**2 * 7 / 8, color=GREY, linestyle=":", linewidth=1)
    right.text(len(steps), POP_STD**2 + 0.15, tx["pop_var"], ha="right", fontsize=9)
    right.text(len(steps), POP_STD**2 * 7 / 8 - 0.55, tx["shrunk"], ha="right", fontsize=9)
    right.set(title=tx["var"], xlabel=tx["x"], ylim=(0, 5.5))
    right.legend(loc="upper left", frameon=False, fontsize=8)
    for ax in (left, right):
        ax.title.set_fontsize(10)
        style_axes(ax)
    return fig
