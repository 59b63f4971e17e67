"""Loss of each mini-batch for three batch sizes; the mini-batch gradient error against B."""

from __future__ import annotations

import numpy as np
from _optim_runs import batch_losses, gradient_noise, plain_log_ticks
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

SIZES = (4, 32, 256)
NOISE_SIZES = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)

LABELS = {
    "ko": {
        "loss_title": "미니배치마다 잰 손실 (α = 0.1)",
        "iter": "반복 (미니배치 번호)",
        "loss": "그 미니배치의 손실",
        "batch": "배치 크기 {b}",
        "noise_title": "미니배치 경사의 오차 (첫 가중치)",
        "B": "배치 크기 B (로그 척도)",
        "err": "RMS 오차 $\\|g_B - g\\|$",
        "measured": "측정 (무작위 배치 400개)",
        "predicted": "예측 $\\sqrt{(m-B)/(B(m-1))}\\,\\sigma$",
        "slope": "$1/\\sqrt{B}$",
    },
    "en": {
        "loss_title": "Loss of each mini-batch (α = 0.1)",
        "iter": "iteration (mini-batch number)",
        "loss": "loss on that mini-batch",
        "batch": "batch size {b}",
        "noise_title": "Mini-batch gradient error",
        "B": "batch size B (log scale)",
        "err": "RMS error $\\|g_B - g\\|$",
        "measured": "measured (400 random batches)",
        "predicted": "predicted $\\sqrt{(m-B)/(B(m-1))}\\,\\sigma$",
        "slope": "$1/\\sqrt{B}$",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(7.6, 3.7)
    ax_l, ax_n = fig.subplots(1, 2, width_ratios=(1.3, 1))
    for b, color in zip(SIZES, COLORS, strict=False):
        losses = batch_losses(b)
        ax_l.plot(
            np.arange(1, losses.size + 1),
            losses,
            color=color,
            linewidth=0.9,
            label=tx["batch"].format(b=b),
        )
    ax_l.set(title=tx["loss_title"], xlabel=tx["iter"], ylabel=tx["loss"], yscale="log")
    ax_l.legend(loc="lower left", fontsize="small", frameon=False)

    sizes = np.array(NOISE_SIZES)
    measured, predicted = gradient_noise(NOISE_SIZES)
    ax_n.plot(sizes, measured[0] / np.sqrt(sizes), color=GREY, linestyle="--", label=tx["slope"])
    ax_n.plot(sizes, predicted, color=COLORS[0], linewidth=1.6, label=tx["predicted"])
    ax_n.plot(sizes, measured, "o", color=COLORS[1], markersize=4, label=tx["measured"])
    ax_n.set(title=tx["noise_title"], xlabel=tx["B"], ylabel=tx["err"], xscale="log", yscale="log")
    ax_n.legend(loc="lower left", fontsize="small", frameon=False)
    plain_log_ticks(ax_l.yaxis, ax_n.xaxis, ax_n.yaxis)
    for ax in (ax_l, ax_n):
        style_axes(ax)
    return fig
