"""Adam's step with and without bias correction at beta2 = 0.999 over the first 1000 steps."""

from __future__ import annotations

import numpy as np
from _adam_runs import BETA1, BETA2, MU, SIGMA, STEPS, bias_runs
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "const": "경사가 일정할 때 (크기와 무관)",
        "noisy": "경사에 잡음이 있을 때: $g \\sim \\mathcal{{N}}({mu:g}, {sigma:g}^2)$, 좌표 평균",
        "x": "걸음 $t$",
        "y": "한 걸음의 크기 ÷ 학습률 $\\alpha$",
        "corrected": "편향 보정 (dlref의 Adam)",
        "uncorrected": "보정 없음",
        "suptitle": (
            "$\\beta_1 = {b1:g}$, $\\beta_2 = {b2:g}$: 보정이 없으면 처음 수백 걸음이 몇 배 커진다"
        ),
    },
    "en": {
        "const": "constant gradient (any size)",
        "noisy": (
            "noisy gradient $g \\sim \\mathcal{{N}}({mu:g}, {sigma:g}^2)$, mean over coordinates"
        ),
        "x": "step $t$",
        "y": "step size ÷ learning rate $\\alpha$",
        "corrected": "bias-corrected (dlref's Adam)",
        "uncorrected": "uncorrected",
        "suptitle": (
            "$\\beta_1 = {b1:g}$, $\\beta_2 = {b2:g}$: without correction the first "
            "hundreds of steps are several times larger"
        ),
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    runs = bias_runs()
    t = np.arange(1, STEPS + 1)
    fig = new_figure(8.0, 3.6)
    axes = fig.subplots(1, 2, sharey=True)
    for ax, kind, title in zip(axes, ("constant", "noisy"), ("const", "noisy"), strict=True):
        ax.plot(t, runs[f"{kind}_uncorrected"], color=COLORS[1], lw=1.8, label=tx["uncorrected"])
        ax.plot(t, runs[f"{kind}_corrected"], color=COLORS[0], lw=1.8, label=tx["corrected"])
        ax.set_xscale("log")
        ax.set(
            title=tx[title].format(mu=MU, sigma=SIGMA), xlabel=tx["x"], xlim=(1, STEPS), ylim=(0, 7)
        )
        ax.title.set_fontsize(9)
        style_axes(ax)
    axes[0].set_ylabel(tx["y"])
    axes[0].legend(loc="upper right", fontsize=8, frameon=False)
    fig.suptitle(tx["suptitle"].format(b1=BETA1, b2=BETA2), fontsize=10)
    return fig
