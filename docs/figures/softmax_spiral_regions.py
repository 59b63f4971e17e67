"""Decision regions on the three-arm spiral: softmax regression vs one hidden layer."""

from __future__ import annotations

import numpy as np
from _softmax_runs import SPIRAL_EPOCHS, spiral_accuracy, spiral_runs
from _style import COLORS, new_figure, text
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from dlref import make_spiral

LABELS = {
    "ko": {
        "linear": "소프트맥스 회귀 (2-3)",
        "mlp": "은닉층 하나, ReLU 100개 (2-100-3)",
        "acc": "개발 세트 정확도 {mean:.1f} % ± {std:.1f} (시드 5개)",
        "suptitle": "세 갈래 나선의 결정 영역 (전체 배치 Adam, 학습률 0.01, {epochs}에폭)",
    },
    "en": {
        "linear": "softmax regression (2-3)",
        "mlp": "one hidden layer, 100 ReLU units (2-100-3)",
        "acc": "dev accuracy {mean:.1f} % ± {std:.1f} (5 seeds)",
        "suptitle": (
            "Decision regions on a three-arm spiral (full-batch Adam, lr 0.01, {epochs} epochs)"
        ),
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    X, y = make_spiral(100, 3, rng=0)
    grid = np.linspace(-1.15, 1.15, 300)
    gx, gy = np.meshgrid(grid, grid)
    points = np.column_stack([gx.ravel(), gy.ravel()])
    light = ListedColormap(["#bfd7ea", "#f3c9b0", "#b3e0d2"])
    fig = new_figure(8.4, 4.3)
    axes = fig.subplots(1, 2)
    for ax, model in zip(axes, ("linear", "mlp"), strict=True):
        net = spiral_runs()[model][0].net
        ax.pcolormesh(gx, gy, net.predict(points).reshape(gx.shape), cmap=light,
                      shading="auto", rasterized=True)
        for c in range(3):
            ax.scatter(*X[y == c].T, s=10, color=COLORS[[0, 1, 2][c]], edgecolors="white",
                       linewidths=0.3)
        mean, std = spiral_accuracy(model, "dev")
        ax.set_title(tx[model] + "\n" + tx["acc"].format(mean=100 * mean, std=100 * std),
                     fontsize=10)
        ax.set(xlim=(grid[0], grid[-1]), ylim=(grid[0], grid[-1]), xticks=[], yticks=[])
        ax.set_aspect("equal")
    fig.suptitle(tx["suptitle"].format(epochs=SPIRAL_EPOCHS), fontsize=11)
    return fig
