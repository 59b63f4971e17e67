"""Gradient descent and momentum on a long valley (κ = 100) at a rate where GD zig-zags."""

from __future__ import annotations

import functools

import numpy as np
from _optim_runs import ellipse_starts, plain_log_ticks, steps_to
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import SGD, Momentum, elongated_quadratic, elongated_quadratic_grad, trajectory

KAPPA = 100.0
START = (-9.0, float(np.sqrt(0.19)))  # on the contour f = 50, like every start of the race
STEPS = 300
TOL = 1e-6
RUNS = (  # (label key, factory, colour)
    ("gd", lambda: SGD(lr=0.019), COLORS[1]),
    ("same", lambda: Momentum(lr=0.019, beta=0.9), COLORS[2]),
    ("ten", lambda: Momentum(lr=0.19, beta=0.9), COLORS[0]),
)

LABELS = {
    "ko": {
        "paths": "κ = 100인 골짜기에서 처음 60걸음",
        "race": "비용이 줄어드는 속도",
        "x": "$w_1$",
        "y": "$w_2$",
        "step": "걸음",
        "f": "비용 $f(w)$ (로그 척도)",
        "gd": "경사 하강법, α = 0.019",
        "same": "Momentum(lr=0.019, β=0.9)",
        "ten": "Momentum(lr=0.19, β=0.9)",
        "steps": "{label}: {med:g}걸음({lo}–{hi})",
        "legend": "$f < 10^{-6}$까지 걸음 수: 시작점 21개의 중앙값(최소–최대)",
    },
    "en": {
        "paths": "The first 60 steps in a valley with κ = 100",
        "race": "How fast the cost falls",
        "x": "$w_1$",
        "y": "$w_2$",
        "step": "step",
        "f": "cost $f(w)$ (log scale)",
        "gd": "gradient descent, α = 0.019",
        "same": "Momentum(lr=0.019, β=0.9)",
        "ten": "Momentum(lr=0.19, β=0.9)",
        "steps": "{label}: {med:g} steps ({lo}–{hi})",
        "legend": "steps to $f < 10^{-6}$: median over 21 starts (min–max)",
    },
}


@functools.cache
def race() -> dict[str, np.ndarray]:
    """Steps to reach f < TOL from 21 random starts on the contour f = 50, per run."""
    grad = functools.partial(elongated_quadratic_grad, kappa=KAPPA)
    value = functools.partial(elongated_quadratic, kappa=KAPPA)
    starts = ellipse_starts(KAPPA, n=21)
    return {key: steps_to(make, grad, value, starts, TOL) for key, make, _ in RUNS}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    grad = functools.partial(elongated_quadratic_grad, kappa=KAPPA)
    fig = new_figure(7.6, 4.4)
    ax_p, ax_r = fig.subplots(1, 2, width_ratios=(1.25, 1))
    xs, ys = np.meshgrid(np.linspace(-10, 10, 201), np.linspace(-1.2, 1.2, 121))
    levels = [0.5, 2, 8, 20, 50, 100]
    ax_p.contour(
        xs,
        ys,
        elongated_quadratic(np.stack([xs, ys], -1), kappa=KAPPA),
        levels,
        colors=GREY,
        linewidths=0.6,
    )
    steps = race()
    for key, make, color in RUNS:
        path = trajectory(make(), grad, START, STEPS)
        ax_p.plot(path[:61, 0], path[:61, 1], "-o", color=color, markersize=2, linewidth=1)
        s = steps[key]
        label = tx["steps"].format(label=tx[key], med=np.median(s), lo=s.min(), hi=s.max())
        ax_r.plot(elongated_quadratic(path, kappa=KAPPA), color=color, linewidth=1.5, label=label)
    ax_p.plot(*START, "ks", markersize=4)
    ax_p.plot(0, 0, "k*", markersize=8)
    ax_p.set(title=tx["paths"], xlabel=tx["x"], ylabel=tx["y"], xlim=(-10, 10), ylim=(-1.2, 1.2))
    ax_r.axhline(TOL, color=GREY, linewidth=0.8, linestyle="--")
    ax_r.set(
        title=tx["race"],
        xlabel=tx["step"],
        ylabel=tx["f"],
        yscale="log",
        xlim=(0, STEPS),
        ylim=(1e-8, 200),
    )
    fig.legend(
        loc="outside lower center",
        fontsize="small",
        frameon=False,
        title=tx["legend"],
        title_fontsize="small",
    )
    plain_log_ticks(ax_r.yaxis)
    for ax in (ax_p, ax_r):
        style_axes(ax)
    return fig
