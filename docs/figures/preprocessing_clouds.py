"""A 2-D point cloud raw, centred, scaled; and raw, rotated by PCA, whitened (after CS231n)."""

from __future__ import annotations

import numpy as np
from _preprocessing_runs import cloud
from _style import COLORS, new_figure, text
from matplotlib.figure import Figure

from dlref import Standardizer, pca, whiten

LABELS = {
    "ko": {
        "raw": "원래 데이터",
        "centred": "평균을 뺌",
        "scaled": "표준편차로도 나눔",
        "rotated": "PCA로 회전 (상관 제거)",
        "white": "화이트닝 (공분산 = 단위 행렬)",
    },
    "en": {
        "raw": "original data",
        "centred": "mean subtracted",
        "scaled": "also divided by the std",
        "rotated": "rotated by PCA (decorrelated)",
        "white": "whitened (covariance = identity)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    X = cloud()
    r = pca(X)
    panels = [
        [("raw", X), ("centred", X - X.mean(axis=0)),
         ("scaled", Standardizer().fit(X).transform(X))],
        [("raw", X), ("rotated", r.projected), ("white", whiten(X, eps=0.0))],
    ]
    fig = new_figure(8.4, 5.8)
    axes = fig.subplots(2, 3)
    for row, items in enumerate(panels):
        for col, (name, data) in enumerate(items):
            ax = axes[row, col]
            ax.scatter(data[:, 0], data[:, 1], s=4, color=COLORS[0 if row == 0 else 2], alpha=0.6)
            ax.axhline(0, color="#bbbbbb", linewidth=0.8)
            ax.axvline(0, color="#bbbbbb", linewidth=0.8)
            ax.set_xlim(-9, 11)
            ax.set_ylim(-9, 11)
            ax.set_aspect("equal")
            ax.set_title(tx[name], fontsize=9)
            ax.tick_params(labelsize=7)
            if name in ("rotated", "raw") and row == 1:
                centre = X.mean(axis=0) if name == "raw" else np.zeros(2)
                basis = r.components if name == "raw" else np.eye(2)
                for k in range(2):
                    end = centre + 2 * np.sqrt(r.explained_variance[k]) * basis[k]
                    ax.annotate("", xy=end, xytext=centre,
                                arrowprops={"arrowstyle": "->", "color": COLORS[1], "lw": 1.5})
    return fig
