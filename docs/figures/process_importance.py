"""Dev accuracy of 60 random trials against each hyperparameter, with the effect vs shuffled."""

from __future__ import annotations

import numpy as np
from _style import COLORS, new_figure, style_axes, text
from _tuning_runs import N_TRIALS, clear_effects, importance, search_trials
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "lr": "학습률 $\\alpha$",
        "beta": "$1-\\beta$ (모멘텀)",
        "hidden": "은닉 유닛 수",
        "batch": "미니배치 크기",
        "y": "개발 세트 정확도",
        "effect": "구간 평균의 차 {e:.2f} (섞은 결과의 95 %: {n:.2f})",
        "suptitle": "숫자 이미지, 무작위 시도 {n}개 (64-h-10 ReLU, 모멘텀 SGD, 10에폭)",
    },
    "en": {
        "lr": "learning rate $\\alpha$",
        "beta": "$1-\\beta$ (momentum)",
        "hidden": "hidden units",
        "batch": "mini-batch size",
        "y": "dev accuracy",
        "effect": "spread of bin means {e:.2f} (95 % of shuffled: {n:.2f})",
        "suptitle": "Digit images, {n} random trials (64-h-10 ReLU, momentum SGD, 10 epochs)",
    },
}

TICKS = {
    "lr": ([1e-4, 1e-3, 1e-2, 1e-1, 1.0], ["0.0001", "0.001", "0.01", "0.1", "1"]),
    "beta": ([1e-3, 1e-2, 1e-1, 0.5], ["0.001", "0.01", "0.1", "0.5"]),
    "batch": ([16, 32, 64, 128, 256], ["16", "32", "64", "128", "256"]),
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    trials = search_trials()
    acc = np.array([1.0 - t.score for t in trials])
    effects = importance()
    fig = new_figure(8.4, 6.0)
    axes = fig.subplots(2, 2, sharey=True).ravel()
    for ax, key in zip(axes, ("lr", "beta", "hidden", "batch"), strict=True):
        values = np.array([t.params[key] for t in trials], dtype=float)
        x = 1.0 - values if key == "beta" else values
        strong = key in clear_effects()
        ax.scatter(x, acc, s=18, color=COLORS[1] if strong else COLORS[0], alpha=0.8)
        if key in TICKS:
            ax.set_xscale("log", base=2 if key == "batch" else 10)
            ax.set_xticks(*TICKS[key])
            ax.minorticks_off()
        e, n = effects[key]
        ax.set_title(tx["effect"].format(e=e, n=n), fontsize=9)
        ax.set_xlabel(tx[key])
        style_axes(ax)
    axes[0].set_ylabel(tx["y"])
    axes[2].set_ylabel(tx["y"])
    fig.suptitle(tx["suptitle"].format(n=N_TRIALS), fontsize=11)
    return fig
