"""Digits flipped left to right and shifted by a pixel, with what a trained MLP reads."""

from __future__ import annotations

import functools

import numpy as np
from _bias_variance_runs import digits_split
from _style import COLORS, new_figure, text
from matplotlib.figure import Figure

from dlref import MLP, Adam, flip_horizontal, random_shift

LABELS = {
    "ko": {
        "rows": ["원본", "좌우 뒤집기", "무작위 이동", "무작위 이동"],
        "read": "{pred}",
        "caption": "그림 아래 숫자: 증강 없이 학습한 MLP가 읽은 값 (주황 = 원래 레이블과 다름)",
    },
    "en": {
        "rows": ["original", "flipped", "random shift", "random shift"],
        "read": "{pred}",
        "caption": "Under each image: what an MLP trained without augmentation reads "
        "(orange = not the original label)",
    },
}


@functools.cache
def _images() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows of images (original, flipped, two random shifts), their labels and predictions."""
    s = digits_split()
    net = MLP([64, 128, 10], dtype=np.float32, rng=0)
    net.fit(s.X_train, s.y_train, optimizer=Adam(0.003), epochs=30, batch_size=32)
    first = [int(np.flatnonzero(s.y_dev == digit)[0]) for digit in range(10)]
    originals = s.X_dev[first].reshape(10, 8, 8)
    rows = np.stack(
        [
            originals,
            flip_horizontal(originals),
            random_shift(originals, 1, rng=1),
            random_shift(originals, 1, rng=2),
        ]
    )
    predictions = net.predict(rows.reshape(-1, 64)).reshape(4, 10)
    return rows, s.y_dev[first], predictions


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    rows, labels, predictions = _images()
    fig = new_figure(7.6, 3.9)
    axes = fig.subplots(4, 10)
    for r in range(4):
        for c in range(10):
            ax = axes[r, c]
            ax.imshow(rows[r, c], cmap="gray_r", vmin=0, vmax=1, interpolation="nearest")
            ax.set(xticks=[], yticks=[])
            wrong = predictions[r, c] != labels[c]
            color = COLORS[1] if wrong else "#333333"
            ax.set_xlabel(
                tx["read"].format(pred=predictions[r, c]), color=color, fontsize="small", labelpad=1
            )
            for spine in ax.spines.values():
                spine.set_color(color if wrong else "#bbbbbb")
                spine.set_linewidth(1.5 if wrong else 0.8)
        axes[r, 0].set_ylabel(tx["rows"][r], fontsize="small", rotation=0, ha="right", va="center")
    fig.suptitle(tx["caption"], fontsize="small")
    return fig
