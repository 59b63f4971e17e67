"""Train and dev accuracy on digits vs keep_prob: 20 % wrong training labels, then all correct."""

from __future__ import annotations

from _regularization_runs import (
    DROP_EPOCHS,
    DROP_SEEDS,
    DROP_TRAIN,
    DROP_WIDTH,
    KEEP_PROBS,
    WRONG,
    dropout_sweep,
)
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "noisy": "학습 레이블의 {wrong:.0%}가 틀림",
        "clean": "레이블이 모두 맞음",
        "x": "keep_prob (1 = 드롭아웃 없음)",
        "y": "정확도 (%)",
        "train": "학습 (주어진 레이블 기준)",
        "dev": "개발",
        "best": "개발 최고",
        "setup": "숫자 데이터, 학습 샘플 {m}개, 64-{w}-{w}-10 ReLU 망, Adam {epochs}에폭, "
                 "시드 {seeds}개 평균",
    },
    "en": {
        "noisy": "{wrong:.0%} of the training labels wrong",
        "clean": "all labels correct",
        "x": "keep_prob (1 = no dropout)",
        "y": "accuracy (%)",
        "train": "train (against the given labels)",
        "dev": "dev",
        "best": "best dev",
        "setup": "digits, {m} training examples, a 64-{w}-{w}-10 ReLU net, Adam for "
                 "{epochs} epochs, mean of {seeds} seeds",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(9.0, 3.9)
    axes = fig.subplots(1, 2, sharey=True)
    for ax, labels in zip(axes, ("noisy", "clean"), strict=True):
        train, dev = dropout_sweep(labels)
        ax.plot(KEEP_PROBS, 100 * train, color=COLORS[1], linestyle="--", marker="o",
                markersize=5, label=tx["train"])
        ax.plot(KEEP_PROBS, 100 * dev, color=COLORS[0], marker="o", markersize=5,
                label=tx["dev"])
        best = int(dev.argmax())
        ax.plot(KEEP_PROBS[best], 100 * dev[best], marker="o", markersize=12,
                markerfacecolor="none", markeredgecolor=GREY, linestyle="none",
                label=tx["best"])
        ax.set(title=tx[labels].format(wrong=WRONG), xlabel=tx["x"], xticks=KEEP_PROBS)
        ax.title.set_fontsize("medium")
        style_axes(ax)
    axes[0].set(ylabel=tx["y"], ylim=(70, 101))
    axes[1].legend(loc="lower right", frameon=False, fontsize="small")
    fig.suptitle(tx["setup"].format(m=DROP_TRAIN, w=DROP_WIDTH, epochs=DROP_EPOCHS,
                                    seeds=len(DROP_SEEDS)), fontsize="small", color="#555555")
    return fig
