"""Decision boundaries of an underfitting, a good and an overfitting MLP on two moons."""

from __future__ import annotations

import functools

import numpy as np
from _style import COLORS, new_figure, text
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from dlref import MLP, Adam, diagnose, make_moons

NOISE = 0.25
#: name -> (layer sizes, L2 lambda, epochs, learning rate); full-batch Adam.
MODELS = {
    "under": ([2, 2], 0.0, 300, 0.05),
    "good": ([2, 16, 2], 0.3, 500, 0.02),
    "over": ([2, 64, 64, 2], 0.0, 1500, 0.01),
}
GRID = np.linspace(-1.6, 2.6, 141), np.linspace(-1.3, 1.8, 105)
#: The Bayes boundary is drawn only where a point is this many noise standard
#: deviations or less from one of the arcs (elsewhere both densities vanish).
NEAR = 2.5

LABELS = {
    "ko": {
        "under": "은닉층 없음 (로지스틱 회귀)",
        "good": "은닉 16개 + L2",
        "over": "은닉 64×64, 규제 없음",
        "errors": "학습 {train:.1%} · 개발 {dev:.1%}",
        "verdict_bias": "높은 편향",
        "verdict_variance": "높은 분산",
        "verdict_none": "편향·분산 모두 낮음",
        "bayes": "베이즈 경계 (오차 {bayes:.1%})",
        "boundary": "모델의 결정 경계",
        "points": "학습 샘플 {m}개 (개발 {m_dev:,}개는 생략)",
    },
    "en": {
        "under": "no hidden layer (logistic regression)",
        "good": "16 hidden units + L2",
        "over": "64×64 hidden, no regularisation",
        "errors": "train {train:.1%} · dev {dev:.1%}",
        "verdict_bias": "high bias",
        "verdict_variance": "high variance",
        "verdict_none": "low bias and variance",
        "bayes": "Bayes boundary (error {bayes:.1%})",
        "boundary": "the model's decision boundary",
        "points": "the {m} training examples ({m_dev:,} dev examples not shown)",
    },
}


def _bayes_scores(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """log p(x | class 1) - log p(x | class 0) under the moons' generating process,
    and each point's distance to the nearer arc.

    Each class is its arc (evenly spaced angles, as in ``make_moons``) blurred by
    isotropic Gaussian noise of standard deviation ``NOISE``.
    """
    theta = np.linspace(0.0, np.pi, 200)
    arcs = (
        np.stack([np.cos(theta), np.sin(theta)], axis=1),
        np.stack([1.0 - np.cos(theta), 0.5 - np.sin(theta)], axis=1),
    )
    d2 = [((X[:, None, :] - arc[None]) ** 2).sum(-1) for arc in arcs]
    dens = [np.exp(-d / (2 * NOISE**2)).mean(1) + 1e-300 for d in d2]
    nearest = np.sqrt(np.minimum(d2[0].min(1), d2[1].min(1)))
    return np.log(dens[1]) - np.log(dens[0]), nearest


def _masked_bayes(X: np.ndarray) -> np.ndarray:
    """The Bayes score, NaN far from both arcs (where both densities vanish)."""
    score, nearest = _bayes_scores(X)
    return np.where(nearest > NEAR * NOISE, np.nan, score)


@functools.cache
def _runs() -> dict[str, object]:
    X, y = make_moons(200, noise=NOISE, rng=2)
    X_dev, y_dev = make_moons(2000, noise=NOISE, rng=1)
    X_big, y_big = make_moons(10_000, noise=NOISE, rng=5)
    bayes = float(np.mean((_bayes_scores(X_big)[0] > 0) != y_big))
    gx, gy = np.meshgrid(*GRID)
    grid = np.stack([gx.ravel(), gy.ravel()], axis=1)
    out: dict[str, object] = {
        "X": X,
        "y": y,
        "m_dev": len(y_dev),
        "bayes": bayes,
        "grid": (gx, gy),
        "bayes_grid": _masked_bayes(grid).reshape(gx.shape),
    }
    for name, (sizes, l2, epochs, lr) in MODELS.items():
        net = MLP(sizes, l2=l2, dtype=np.float32, rng=0)
        net.fit(X, y, optimizer=Adam(lr), epochs=epochs, batch_size=len(y))
        train = float(np.mean(net.predict(X) != y))
        dev = float(np.mean(net.predict(X_dev) != y_dev))
        proba = net.predict_proba(grid)[:, 1].reshape(gx.shape)
        # An overfit net memorises noise and gets below the Bayes error on its own
        # training set; diagnose() refuses train < Bayes, so cap the estimate there.
        out[name] = (train, dev, diagnose(train, dev, bayes_error=bayes), proba)
    return out


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    r = _runs()
    gx, gy = r["grid"]
    X, y = r["X"], r["y"]
    fig = new_figure(7.6, 3.4)
    fig.get_layout_engine().set(h_pad=0.08)
    axes = fig.subplots(1, 3, sharey=True)
    light = ListedColormap(["#cfe3f3", "#f7d9c4"])
    for ax, name in zip(axes, MODELS, strict=True):
        train, dev, d, proba = r[name]
        ax.contourf(gx, gy, proba > 0.5, levels=[-0.5, 0.5, 1.5], cmap=light)
        ax.contour(gx, gy, proba, levels=[0.5], colors="black", linewidths=1.5)
        ax.contour(
            gx, gy, r["bayes_grid"], levels=[0.0], colors="#555555", linewidths=1.2, linestyles="--"
        )
        for k in (0, 1):
            ax.scatter(
                X[y == k, 0], X[y == k, 1], s=10, color=COLORS[k], edgecolor="white", linewidth=0.3
            )
        verdict = (
            "verdict_bias"
            if d.high_bias
            else "verdict_variance"
            if d.high_variance
            else "verdict_none"
        )
        ax.set_title(
            f"{tx[name]}\n{tx['errors'].format(train=train, dev=dev)}\n{tx[verdict]}",
            fontsize="small",
            linespacing=1.4,
        )
        ax.set(xticks=[], yticks=[])
    handles = [
        Line2D([], [], color="black", linewidth=1.5, label=tx["boundary"]),
        Line2D([], [], color="#555555", linestyle="--", label=tx["bayes"].format(bayes=r["bayes"])),
        Line2D(
            [],
            [],
            color=COLORS[0],
            marker="o",
            markersize=4,
            linestyle="none",
            markerfacecolor=COLORS[0],
            markeredgecolor=COLORS[1],
            label=tx["points"].format(m=len(y), m_dev=r["m_dev"]),
        ),
    ]
    fig.legend(
        handles=handles, loc="outside lower center", ncols=2, frameon=False, fontsize="small"
    )
    return fig
