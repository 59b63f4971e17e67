"""Training loss of four batch sizes on the digits, against epochs and against measured time."""

from __future__ import annotations

import numpy as np
from _optim_runs import (
    BATCH_SIZES,
    EPOCHS,
    LRS,
    SEEDS,
    digits_train,
    plain_log_ticks,
    step_seconds,
    train,
)
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "숫자 이미지, 은닉층 하나(32개)인 신경망: 배치 크기마다 알맞은 학습률",
        "epochs": "에폭 (로그 척도)",
        "seconds": "시간(초, 로그 척도) = 걸음 수 × 걸음당 시간",
        "y": "학습 손실 (전체 학습 세트)",
        "full": "전체 배치 ({m}개), α = {lr:g}, 걸음당 {us:.0f} µs",
        "batch": "배치 크기 {b}, α = {lr:g}, 걸음당 {us:.0f} µs",
    },
    "en": {
        "title": "Digits, a network with one hidden layer of 32: each batch size at its best rate",
        "epochs": "epoch (log scale)",
        "seconds": "time in s (log scale) = steps × time per step",
        "y": "training loss (whole training set)",
        "full": "full batch ({m}), α = {lr:g}, {us:.0f} µs per step",
        "batch": "batch size {b}, α = {lr:g}, {us:.0f} µs per step",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    m = digits_train()[0].shape[0]
    fig = new_figure(7.6, 3.9)
    ax_e, ax_t = fig.subplots(1, 2, sharey=True)
    for batch, color in zip(BATCH_SIZES, COLORS, strict=False):
        lr = LRS[batch]
        runs = [train(batch, lr, seed) for seed in SEEDS]
        first = runs[0]
        per_step = step_seconds(batch)  # measured: fastest of 5 timings
        us = 1e6 * per_step
        label = (
            tx["full"].format(m=m, lr=lr, us=us)
            if batch is None
            else tx["batch"].format(b=batch, lr=lr, us=us)
        )
        losses = np.array([r.loss for r in runs])
        ax_e.fill_between(
            first.epochs[1:],
            losses.min(0)[1:],
            losses.max(0)[1:],
            color=color,
            alpha=0.25,
            linewidth=0,
        )
        ax_e.plot(first.epochs[1:], first.loss[1:], color=color, linewidth=1.6, label=label)
        ax_t.plot(per_step * first.steps[1:], first.loss[1:], color=color, linewidth=1.6)
    ax_e.set(
        xscale="log",
        yscale="log",
        xlabel=tx["epochs"],
        ylabel=tx["y"],
        xlim=(0.05, max(EPOCHS.values())),
    )
    ax_t.set(xscale="log", xlabel=tx["seconds"])
    ax_e.legend(loc="lower left", fontsize="small", frameon=False)
    fig.suptitle(tx["title"], fontsize="medium")
    plain_log_ticks(ax_e.xaxis, ax_e.yaxis, ax_t.xaxis)
    for ax in (ax_e, ax_t):
        style_axes(ax)
    return fig
