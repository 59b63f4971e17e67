"""Dev accuracy of a batch-norm net in evaluation mode vs (wrongly) training mode, by batch size."""

from __future__ import annotations

import numpy as np
from _batchnorm_runs import EVAL_BATCHES, SEEDS, mode_accuracies
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "학습이 끝난 배치 정규화 망의 개발 세트 정확도 (시드 {n}개)",
        "x": "평가할 때 한 번에 넣은 샘플 수 (로그 축)",
        "y": "개발 세트 정확도",
        "eval": "평가 모드: 이동 통계 (올바름)",
        "train": "학습 모드: 그 배치의 통계 (전환을 잊음)",
    },
    "en": {
        "title": "Dev accuracy of a trained batch-norm network ({n} seeds)",
        "x": "samples evaluated together (log scale)",
        "y": "dev accuracy",
        "eval": "evaluation mode: running statistics (right)",
        "train": "training mode: this batch's statistics (forgot to switch)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    acc = mode_accuracies()
    sizes = np.array((1, *EVAL_BATCHES))
    train = np.array([acc[f"train{b}"] for b in sizes])
    fig = new_figure(7.0, 3.8)
    ax = fig.add_subplot()
    ax.errorbar(sizes, train.mean(axis=1), yerr=train.std(axis=1), fmt="o-", color=COLORS[1],
                capsize=3, label=tx["train"])
    ev = acc["eval"]
    ax.axhspan(ev.mean() - ev.std(), ev.mean() + ev.std(), color=COLORS[2], alpha=0.2)
    ax.axhline(ev.mean(), color=COLORS[2], linewidth=2, label=tx["eval"])
    ax.set_xscale("log", base=2)
    ax.set_xticks(sizes, [str(s) for s in sizes])
    ax.minorticks_off()
    ax.set(title=tx["title"].format(n=len(SEEDS)), xlabel=tx["x"], ylabel=tx["y"], ylim=(0, 1.05))
    ax.title.set_fontsize(10)
    ax.legend(loc="lower right", frameon=False, fontsize=9)
    style_axes(ax)
    return fig
