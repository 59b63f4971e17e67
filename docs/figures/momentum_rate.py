"""Convergence rate of momentum against β: measured from dlref runs, predicted by Goh (2017)."""

from __future__ import annotations

import numpy as np
from _optim_runs import measured_rate, predicted_rate
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

ALPHAS = (0.01, 0.1, 0.5)  # α·λ of the one-direction panel (α in the form v = βv + g)
KAPPA = 100.0

LABELS = {
    "ko": {
        "one": "한 방향(곡률 λ)",
        "valley": "κ = 100, α = α*",
        "beta": "β",
        "rate": "걸음당 수축률 (작을수록 빠름)",
        "al": "αλ = {al:g}",
        "critical": "임계 감쇠 β = (1 − √(αλ))²",
        "measured": "측정 (dlref.Momentum)",
        "predicted": "예측 (반복 행렬의 고윳값)",
        "best": "최적 β* = {b:.3f}: {r:.3f}",
        "gd": "최적 학습률의 GD: (κ−1)/(κ+1) = {r:.3f}",
    },
    "en": {
        "one": "One direction (curvature λ)",
        "valley": "κ = 100, α = α*",
        "beta": "β",
        "rate": "contraction per step (smaller is faster)",
        "al": "αλ = {al:g}",
        "critical": "critical damping β = (1 − √(αλ))²",
        "measured": "measured (dlref.Momentum)",
        "predicted": "predicted (eigenvalues of the iteration)",
        "best": "best β* = {b:.3f}: {r:.3f}",
        "gd": "GD at its best rate: (κ−1)/(κ+1) = {r:.3f}",
    },
}


def optimum(kappa: float) -> tuple[float, float, float]:
    """Goh's optimal α (form v = βv + g, λ from 1 to κ), β and the resulting rate."""
    sk = np.sqrt(kappa)
    return (2.0 / (1.0 + sk)) ** 2, ((sk - 1.0) / (sk + 1.0)) ** 2, (sk - 1.0) / (sk + 1.0)


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(7.6, 3.9)
    ax_1, ax_k = fig.subplots(1, 2)
    betas = np.linspace(0.0, 0.98, 50)
    for al, color in zip(ALPHAS, COLORS, strict=False):
        crit = (1.0 - np.sqrt(al)) ** 2
        grid = np.sort(np.append(betas, crit))
        ax_1.plot(
            grid,
            [predicted_rate(al, b, (1.0,)) for b in grid],
            color=color,
            linewidth=1.5,
            label=tx["al"].format(al=al),
        )
        ax_1.plot(
            betas[::2],
            [measured_rate(al, b, 1.0) for b in betas[::2]],
            "o",
            color=color,
            markersize=3,
        )
        ax_1.plot(
            [crit], [1.0 - np.sqrt(al)], "D", color=color, markersize=6, markeredgecolor="black"
        )
    ax_1.plot([], [], "D", color="white", markeredgecolor="black", label=tx["critical"])
    ax_1.plot([], [], "o", color=GREY, markersize=3, label=tx["measured"])
    ax_1.set(title=tx["one"], xlabel=tx["beta"], ylabel=tx["rate"], ylim=(0, 1.02))
    ax_1.legend(loc="lower left", fontsize="x-small", frameon=False)

    alpha, best_beta, best_rate = optimum(KAPPA)
    gd = (KAPPA - 1.0) / (KAPPA + 1.0)
    grid = np.sort(np.append(np.linspace(0.3, 0.98, 70), best_beta))
    ax_k.plot(
        grid,
        [predicted_rate(alpha, b, (1.0, KAPPA)) for b in grid],
        color=COLORS[0],
        linewidth=1.5,
        label=tx["predicted"],
    )
    coarse = np.linspace(0.3, 0.98, 35)
    ax_k.plot(
        coarse,
        [measured_rate(alpha, b, KAPPA) for b in coarse],
        "o",
        color=COLORS[1],
        markersize=3,
        label=tx["measured"],
    )
    ax_k.plot(
        [best_beta],
        [best_rate],
        "D",
        color=COLORS[0],
        markersize=6,
        markeredgecolor="black",
        label=tx["best"].format(b=best_beta, r=best_rate),
    )
    ax_k.axhline(gd, color=GREY, linestyle="--", linewidth=1, label=tx["gd"].format(r=gd))
    ax_k.set(title=tx["valley"], xlabel=tx["beta"], ylim=(0.6, 1.02), xlim=(0.3, 1.0))
    ax_k.legend(loc="lower right", fontsize="x-small", frameon=False)
    for ax in (ax_1, ax_k):
        style_axes(ax)
    return fig
