"""Train and dev error on digits as the hidden layer grows, for two training-set sizes."""

from __future__ import annotations

import functools

import numpy as np
from _bias_variance_runs import digits_split
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import MLP, Adam

WIDTHS = (1, 2, 4, 8, 16, 32, 64, 128, 256)
TRAIN_SIZES = (300, 1079)
EPOCHS = 40
ZOOM_FROM = 8
ZOOM_TOP = 23

LABELS = {
    "ko": {
        "title_all": "모든 폭: 작은 망은 학습 세트도 못 맞춘다",
        "title_zoom": "폭 8 이상 확대: 학습 오차 ≈ 0, 개발 오차 평평",
        "x": "은닉 유닛 수 (은닉층 1개)",
        "y": "오차 (%)",
        "train": "학습 오차, 학습 샘플 {m:,}개",
        "dev": "개발 오차, 학습 샘플 {m:,}개",
        "bias": "높은 편향",
        "variance": "분산 = 개발 − 학습",
    },
    "en": {
        "title_all": "All widths: tiny nets underfit",
        "title_zoom": "Width 8 and up: train error ≈ 0, dev flat",
        "x": "hidden units (one hidden layer)",
        "y": "error (%)",
        "train": "training error, {m:,} training examples",
        "dev": "dev error, {m:,} training examples",
        "bias": "high bias",
        "variance": "variance = dev − train",
    },
}


@functools.cache
def _errors() -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """m -> (train errors, dev errors) over WIDTHS; Adam(0.01), mini-batches of 64."""
    s = digits_split()
    out = {}
    for m in TRAIN_SIZES:
        X, y = s.X_train[:m], s.y_train[:m]
        train, dev = [], []
        for width in WIDTHS:
            net = MLP([64, width, 10], dtype=np.float32, rng=0)
            net.fit(X, y, optimizer=Adam(0.01), epochs=EPOCHS, batch_size=64)
            train.append(np.mean(net.predict(X) != y))
            dev.append(np.mean(net.predict(s.X_dev) != s.y_dev))
        out[m] = (100 * np.array(train), 100 * np.array(dev))
    return out


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    errors = _errors()
    fig = new_figure(7.6, 3.8)
    ax_all, ax_zoom = fig.subplots(1, 2, width_ratios=[1, 1])
    zoom = WIDTHS.index(ZOOM_FROM)
    for ax, start in ((ax_all, 0), (ax_zoom, zoom)):
        widths = WIDTHS[start:]
        for m, color in zip(TRAIN_SIZES, (COLORS[1], COLORS[0]), strict=True):
            train, dev = errors[m]
            ax.plot(
                widths,
                train[start:],
                color=color,
                linestyle="--",
                marker="o",
                markersize=4,
                label=tx["train"].format(m=m),
            )
            ax.plot(
                widths,
                dev[start:],
                color=color,
                marker="o",
                markersize=4,
                label=tx["dev"].format(m=m),
            )
        ax.set(xscale="log", xlabel=tx["x"])
        ax.set_xticks(widths, [str(w) for w in widths])
        ax.minorticks_off()
        style_axes(ax)
    ax_all.axvspan(0.8, 5, color="#eeeeee", zorder=0)
    ax_all.text(1.1, 3, tx["bias"], fontsize="small", color="#555555")
    ax_all.indicate_inset(
        [ZOOM_FROM * 0.9, -0.5, 320 - ZOOM_FROM, ZOOM_TOP + 1], ax_zoom, edgecolor="#555555"
    )
    ax_all.set(ylabel=tx["y"], title=tx["title_all"], ylim=(-2, 75), xlim=(0.8, 320))
    train, dev = errors[TRAIN_SIZES[0]]
    i = WIDTHS.index(64)
    ax_zoom.annotate(
        "",
        xy=(WIDTHS[i], train[i]),
        xytext=(WIDTHS[i], dev[i]),
        arrowprops={"arrowstyle": "<->", "color": "#555555", "shrinkA": 0, "shrinkB": 0},
    )
    ax_zoom.text(
        WIDTHS[i] / 1.08,
        0.72 * dev[i],
        tx["variance"],
        fontsize="small",
        color="#555555",
        ha="right",
        va="center",
    )
    ax_zoom.set(title=tx["title_zoom"], ylim=(-0.5, ZOOM_TOP), xlim=(ZOOM_FROM * 0.9, 320))
    handles, labels = ax_all.get_legend_handles_labels()
    fig.legend(
        handles, labels, loc="outside lower center", ncols=2, frameon=False, fontsize="small"
    )
    return fig
