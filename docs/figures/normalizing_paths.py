"""Gradient descent on an elongated quadratic and on the same cost with normalised features."""

from __future__ import annotations

import functools

import numpy as np
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import (
    SGD,
    elongated_quadratic,
    elongated_quadratic_grad,
    normalized_quadratic,
    normalized_quadratic_grad,
    trajectory,
)

KAPPA = 20.0  # ratio of the two feature variances
START = (-4.0, 1.0)  # (w1, w2) before normalising
STEPS = 60
TOL = 1e-3  # "converged" once the cost is below this
LR_LIMIT = 2 / KAPPA  # gradient descent diverges on the elongated cost above this
PATHS = {"elongated": (0.09, 0.03), "normalized": (0.09, 0.5)}

LABELS = {
    "ko": {
        "title_elongated": "정규화 전: 좁고 긴 골짜기 (κ = {kappa:g})",
        "title_normalized": "정규화 후: 둥근 그릇",
        "x": "$w_1$",
        "y_elongated": "$w_2$",
        "y_normalized": "$w_2' = \\sqrt{{\\kappa}}\\, w_2$",
        "path": "α = {lr:g}: {steps}",
        "steps": "{n}걸음에 $J < 10^{{-3}}$",
        "never": "{n}걸음 안에 수렴 못 함",
        "start": "출발점",
        "limit": "α > {limit:g}이면 발산",
    },
    "en": {
        "title_elongated": "Raw features: a long valley (κ = {kappa:g})",
        "title_normalized": "Normalised: a round bowl",
        "x": "$w_1$",
        "y_elongated": "$w_2$",
        "y_normalized": "$w_2' = \\sqrt{{\\kappa}}\\, w_2$",
        "path": "α = {lr:g}: {steps}",
        "steps": "$J < 10^{{-3}}$ after {n} steps",
        "never": "not converged in {n} steps",
        "start": "start",
        "limit": "diverges for α > {limit:g}",
    },
}


def _cost(kind: str, p: np.ndarray) -> np.ndarray:
    if kind == "elongated":
        return np.asarray(elongated_quadratic(p, kappa=KAPPA))
    return np.asarray(normalized_quadratic(p))


@functools.cache
def _paths() -> dict[str, list[tuple[float, np.ndarray, int | None]]]:
    """kind -> [(lr, path, steps to reach TOL or None)]; plain gradient descent."""
    grads = {
        "elongated": functools.partial(elongated_quadratic_grad, kappa=KAPPA),
        "normalized": normalized_quadratic_grad,
    }
    # the same problem in standardised coordinates: w2' = sqrt(kappa) * w2
    starts = {"elongated": START, "normalized": (START[0], np.sqrt(KAPPA) * START[1])}
    out: dict[str, list[tuple[float, np.ndarray, int | None]]] = {}
    for kind, lrs in PATHS.items():
        out[kind] = []
        for lr in lrs:
            path = trajectory(SGD(lr=lr), grads[kind], starts[kind], steps=STEPS)
            below = np.flatnonzero(_cost(kind, path) < TOL)
            out[kind].append((lr, path, int(below[0]) if below.size else None))
    return out


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(7.6, 3.7)
    axes = fig.subplots(1, 2, width_ratios=(1.5, 1.0))
    limits = {"elongated": (4.8, -3.1, 1.7), "normalized": (4.8, -4.8, 4.8)}
    for ax, (kind, runs) in zip(axes, _paths().items(), strict=True):
        xmax, ymin, ymax = limits[kind]
        gx, gy = np.meshgrid(np.linspace(-xmax, xmax, 241), np.linspace(ymin, ymax, 241))
        grid = np.stack([gx, gy], axis=-1)
        levels = [0.02, 0.1, 0.3, 0.7, 1.5, 3, 5, 8, 12, 18, 26]
        ax.contour(gx, gy, _cost(kind, grid), levels=levels, colors=GREY, linewidths=0.7)
        for (lr, path, steps), color, size in zip(runs, COLORS, (2.5, 4.0), strict=False):
            when = tx["steps"].format(n=steps) if steps is not None else tx["never"].format(n=STEPS)
            ax.plot(
                path[:, 0],
                path[:, 1],
                "-o",
                color=color,
                markersize=size,
                linewidth=1.2,
                label=tx["path"].format(lr=lr, steps=when),
            )
        ax.plot(*runs[0][1][0], "s", color="black", markersize=5, label=tx["start"])
        ax.plot(0, 0, "*", color="black", markersize=9)
        ax.set_aspect("equal")
        ax.set(
            xlim=(-xmax, xmax),
            ylim=(ymin, ymax),
            xlabel=tx["x"],
            ylabel=tx[f"y_{kind}"],
            title=tx[f"title_{kind}"].format(kappa=KAPPA),
        )
        style_axes(ax)
        ax.grid(False)
    axes[0].legend(
        loc="lower right",
        fontsize="small",
        framealpha=0.9,
        title=tx["limit"].format(limit=LR_LIMIT),
        title_fontsize="small",
    )
    axes[1].legend(loc="lower right", fontsize="small", framealpha=0.9)
    return fig
