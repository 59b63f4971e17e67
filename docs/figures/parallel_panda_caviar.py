"""Panda vs caviar: one model babysat by hand beside a population of 16 trained side by side."""

from __future__ import annotations

import numpy as np
from _style import COLORS, GREY, new_figure, style_axes, text
from _tuning_runs import BABYSIT_PLAN, POPULATION, babysat_run, population_trials
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "panda": "판다: 모델 하나를 지켜보며 학습률을 바꾼다",
        "caviar": "캐비어: 무작위 설정 {n}개를 함께",
        "x": "에폭",
        "acc": "개발 세트 정확도",
        "loss": "학습 손실",
        "change": "학습률 {a:g} $\\to$ {b:g}",
        "final": "판다의 최종 {v:.1f} %",
        "models": "모델 (최종 정확도 순)",
    },
    "en": {
        "panda": "panda: one model, learning rate changed by hand",
        "caviar": "caviar: {n} random settings at once",
        "x": "epoch",
        "acc": "dev accuracy",
        "loss": "training loss",
        "change": "learning rate {a:g} $\\to$ {b:g}",
        "final": "panda's final {v:.1f} %",
        "models": "models (by final accuracy)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    run = babysat_run()
    epochs = np.arange(1, len(run.dev_accuracy) + 1)
    fig = new_figure(8.4, 3.8)
    left, right = fig.subplots(1, 2, width_ratios=[1.6, 1])
    left.plot(epochs, run.dev_accuracy, color=COLORS[0], linewidth=2, label=tx["acc"])
    twin = left.twinx()
    twin.plot(epochs, run.train_loss, color=COLORS[1], linewidth=1.2, linestyle="--",
              label=tx["loss"])
    twin.set_ylabel(tx["loss"], color=COLORS[1])
    for k, epoch in enumerate(run.changes):
        left.axvline(epoch + 0.5, color=GREY, linewidth=1, linestyle=":")
        last = k == len(run.changes) - 1
        left.text(epoch + (0.2 if last else 0.8), 0.62 - 0.1 * k, tx["change"].format(
            a=BABYSIT_PLAN[k][0], b=BABYSIT_PLAN[k + 1][0]), fontsize=8,
            ha="right" if last else "left")
    left.set(title=tx["panda"], xlabel=tx["x"], ylabel=tx["acc"], ylim=(0, 1.02))
    left.title.set_fontsize(10)
    style_axes(left)
    final = np.sort([1.0 - t.score for t in population_trials()])[::-1]
    right.bar(np.arange(1, len(final) + 1), final, color=COLORS[2])
    right.axhline(run.dev_accuracy[-1], color=COLORS[0], linewidth=2)
    right.text(len(final), run.dev_accuracy[-1] + 0.02, tx["final"].format(
        v=100 * run.dev_accuracy[-1]), ha="right", fontsize=8, color=COLORS[0])
    right.set(title=tx["caviar"].format(n=POPULATION), xlabel=tx["models"], ylim=(0, 1.1),
              xticks=[1, 4, 8, 12, 16])
    right.title.set_fontsize(10)
    style_axes(right)
    return fig
