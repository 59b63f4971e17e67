"""Decision boundaries of one tanh MLP on 60 noisy moons, without L2, with a tuned and a large λ."""

from __future__ import annotations

import functools

import numpy as np
from _regularization_runs import LAMBDAS, accuracy, l2_sweep, moons, moons_net
from _style import COLORS, new_figure, text
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

GRID = np.linspace(-1.8, 2.8, 161), np.linspace(-1.5, 2.0, 123)

LABELS = {
    "ko": {
        "none": "규제 없음 ($\\lambda = 0$)",
        "tuned": "개발 세트로 고른 $\\lambda = {lam:g}$",
        "large": "너무 큰 $\\lambda = {lam:g}$",
        "acc": "정확도: 학습 {train:.1%} · 개발 {dev:.1%}",
        "boundary": "결정 경계",
        "points": "학습 샘플 {m}개 (개발 샘플 {m_dev:,}개는 생략)",
    },
    "en": {
        "none": "no regularisation ($\\lambda = 0$)",
        "tuned": "$\\lambda = {lam:g}$, chosen on the dev set",
        "large": "too large: $\\lambda = {lam:g}$",
        "acc": "accuracy: train {train:.1%} · dev {dev:.1%}",
        "boundary": "decision boundary",
        "points": "the {m} training examples ({m_dev:,} dev examples not shown)",
    },
}


@functools.cache
def _panels() -> list[tuple[str, float, float, float, np.ndarray]]:
    """(label key, lambda, train accuracy, dev accuracy, P(class 1) on the grid) per panel."""
    d = moons()
    gx, gy = np.meshgrid(*GRID)
    grid = np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float32)
    out = []
    for key, lam in (("none", 0.0), ("tuned", l2_sweep().tuned), ("large", LAMBDAS[-1])):
        net = moons_net(lam)
        proba = net.predict_proba(grid)[:, 1].reshape(gx.shape)
        out.append((key, lam, accuracy(net, d.X, d.y), accuracy(net, d.X_dev, d.y_dev), proba))
    return out


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    d = moons()
    gx, gy = np.meshgrid(*GRID)
    fig = new_figure(9.6, 3.6)
    axes = fig.subplots(1, 3, sharey=True)
    light = ListedColormap(["#cfe3f3", "#f7d9c4"])
    for ax, (key, lam, train, dev, proba) in zip(axes, _panels(), strict=True):
        ax.contourf(gx, gy, proba > 0.5, levels=[-0.5, 0.5, 1.5], cmap=light)
        ax.contour(gx, gy, proba, levels=[0.5], colors="black", linewidths=1.5)
        for k in (0, 1):
            ax.scatter(d.X[d.y == k, 0], d.X[d.y == k, 1], s=14, color=COLORS[k],
                       edgecolor="white", linewidth=0.4)
        ax.set_title(tx[key].format(lam=lam) + "\n" + tx["acc"].format(train=train, dev=dev),
                     fontsize="medium")
        ax.set(xticks=[], yticks=[], xlim=(GRID[0][0], GRID[0][-1]),
               ylim=(GRID[1][0], GRID[1][-1]))
    handles = [
        Line2D([], [], color="black", linewidth=1.5, label=tx["boundary"]),
        Line2D([], [], color=COLORS[0], marker="o", markersize=4, linestyle="none",
               markerfacecolor=COLORS[0], markeredgecolor=COLORS[1],
               label=tx["points"].format(m=len(d.y), m_dev=len(d.y_dev))),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False,
               fontsize="small")
    return fig
