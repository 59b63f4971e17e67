"""Fraction of dead ReLU units after training against the learning rate (digits, 5 seeds)."""

from __future__ import annotations

import numpy as np
from _activation_runs import BIAS_TRICK, DEAD_EPOCHS, DEAD_LRS, LAYERS, SEEDS, dead_relu_runs
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

LABELS = {
    "ko": {
        "title": "숫자 이미지, ReLU 망 {layers}, SGD {epochs}에폭, 시드 {n}개",
        "x": "학습률",
        "dead": "죽은 유닛 비율 (은닉 유닛 128개 중)",
        "acc": "개발 세트 정확도",
        "zero": "편향 0에서 시작",
        "trick": "편향 0.01에서 시작",
    },
    "en": {
        "title": "Digits, ReLU network {layers}, SGD for {epochs} epochs, {n} seeds",
        "x": "learning rate",
        "dead": "fraction of dead units (of 128 hidden units)",
        "acc": "dev-set accuracy",
        "zero": "biases start at 0",
        "trick": "biases start at 0.01",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(7.8, 3.6)
    ax_dead, ax_acc = fig.subplots(1, 2, sharex=True)
    lrs = np.array(DEAD_LRS)
    for bias, key, color, shift in (
        (0.0, "zero", COLORS[0], 0.97),
        (BIAS_TRICK, "trick", COLORS[1], 1.03),
    ):
        run = dead_relu_runs(bias)
        for ax, values in ((ax_dead, run.dead), (ax_acc, run.dev_accuracy)):
            ax.errorbar(
                lrs * shift,
                values.mean(axis=1),
                yerr=values.std(axis=1, ddof=1),
                color=color,
                marker="o",
                markersize=4,
                linewidth=1.6,
                capsize=3,
                label=tx[key],
            )
            ax.scatter(
                np.repeat(lrs * shift, values.shape[1]),
                values.ravel(),
                color=color,
                s=6,
                alpha=0.35,
            )
    ax_dead.set(xscale="log", xlabel=tx["x"], ylabel=tx["dead"], ylim=(-0.02, 1.02))
    ax_acc.set(xscale="log", xlabel=tx["x"], ylabel=tx["acc"], ylim=(0, 1.02))
    ax_dead.legend(loc="upper left", frameon=False, fontsize=9)
    for ax in (ax_dead, ax_acc):
        ax.xaxis.set_major_locator(FixedLocator([0.03, 0.1, 0.3, 1.0, 2.0]))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        style_axes(ax)
    fig.suptitle(
        tx["title"].format(layers="-".join(map(str, LAYERS)), epochs=DEAD_EPOCHS, n=len(SEEDS)),
        fontsize=11,
    )
    return fig
