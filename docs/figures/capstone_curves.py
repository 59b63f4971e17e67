"""Capstone: the learning curves (loss and accuracy, train and dev) of the final model."""

from __future__ import annotations

from _capstone_runs import run
from _style import COLORS, new_figure, power_of_ten_ticks, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "loss": "손실 (교차 엔트로피)",
        "acc": "정확도",
        "epoch": "에폭",
        "train": "학습 세트",
        "dev": "개발 세트",
        "title": "최종 모델의 학습 곡선 (은닉 {h}개×2, Adam α = {lr:.2g}, p = {p:.3f})",
    },
    "en": {
        "loss": "loss (cross-entropy)",
        "acc": "accuracy",
        "epoch": "epoch",
        "train": "training set",
        "dev": "dev set",
        "title": "Learning curves of the final model "
        "({h}×2 hidden, Adam α = {lr:.2g}, p = {p:.3f})",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    out = run()
    h, best = out["history"], out["best"]
    epochs = range(1, len(h["train_loss"]) + 1)
    fig = new_figure(7.4, 3.4)
    ax_loss, ax_acc = fig.subplots(1, 2)
    for ax, key, ylabel in ((ax_loss, "loss", tx["loss"]), (ax_acc, "accuracy", tx["acc"])):
        ax.plot(epochs, h[f"train_{key}"], color=COLORS[0], marker="o", markersize=3,
                label=tx["train"])
        ax.plot(epochs, h[f"dev_{key}"], color=COLORS[1], marker="s", markersize=3,
                label=tx["dev"])
        ax.set(xlabel=tx["epoch"], ylabel=ylabel)
        style_axes(ax)
    ax_loss.set_yscale("log")
    power_of_ten_ticks(ax_loss.yaxis)
    ax_acc.set_ylim(min(0.9, 0.05 * int(20 * min(h["dev_accuracy"]))), 1.001)
    ax_acc.legend(loc="lower right", fontsize=8)
    fig.suptitle(tx["title"].format(h=best["hidden"], lr=best["lr"], p=best["keep_prob"]),
                 fontsize=10)
    return fig
