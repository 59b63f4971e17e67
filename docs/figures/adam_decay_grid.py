"""Dev error over a learning-rate × decay grid: L2 inside Adam; AdamW, PyTorch's and the paper's."""

from __future__ import annotations

import numpy as np
from _adam_runs import DECAYS, GRID_LRS, GRID_TRAIN, grid
from _style import new_figure, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "l2": "Adam + L2: $g + (\\lambda/m)\\,W$",
        "torch": "AdamW (PyTorch): 걸음마다 $\\alpha\\lambda$만큼 감쇠",
        "paper": "AdamW (논문): 걸음마다 $\\lambda$만큼 감쇠",
        "x": "학습률 $\\alpha$",
        "y": "$\\lambda$",
        "bar": "개발 오차 (%)",
        "suptitle": "숫자 이미지 학습 샘플 {n}개, 64-128-10 ReLU, 시드 0: 개발 오차 (%)",
    },
    "en": {
        "l2": "Adam + L2: $g + (\\lambda/m)\\,W$",
        "torch": "AdamW (PyTorch): decay $\\alpha\\lambda$ per step",
        "paper": "AdamW (paper): decay $\\lambda$ per step",
        "x": "learning rate $\\alpha$",
        "y": "$\\lambda$",
        "bar": "dev error (%)",
        "suptitle": "{n} digits training samples, 64-128-10 ReLU, seed 0: dev error (%)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    g = grid()
    fig = new_figure(8.0, 3.5)
    axes = fig.subplots(1, 3)
    image = None
    for ax, kind in zip(axes, DECAYS, strict=True):
        err = 100 * g.dev[kind].T  # rows: decay, columns: learning rate
        image = ax.imshow(err, origin="lower", cmap="viridis_r", vmin=5, vmax=60, aspect="auto")
        for (i, j), value in np.ndenumerate(err):
            ax.text(
                j,
                i,
                f"{value:.0f}",
                ha="center",
                va="center",
                fontsize=8,
                color="white" if value > 30 else "black",
            )
        ax.set_xticks(
            range(len(GRID_LRS)), [f"{lr:g}" for lr in GRID_LRS], fontsize=7, rotation=35
        )
        ax.set_yticks(range(len(DECAYS[kind])), [f"{d:g}" for d in DECAYS[kind]], fontsize=7)
        ax.set(title=tx[kind], xlabel=tx["x"], ylabel=tx["y"])
        ax.title.set_fontsize(9)
    fig.colorbar(image, ax=axes, label=tx["bar"], shrink=0.9)
    fig.suptitle(tx["suptitle"].format(n=GRID_TRAIN), fontsize=10)
    return fig
