"""Momentum against Nesterov on a long valley (κ = 100) and on Rosenbrock: distance per step."""

from __future__ import annotations

import functools

import numpy as np
from _optim_runs import RACES, distance_to, momentum_vs_nesterov, plain_log_ticks
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import Momentum, Nesterov, elongated_quadratic_grad, rosenbrock_grad, trajectory

PANELS = {  # surface: (gradient, start, minimum, steps drawn)
    "quadratic": (
        functools.partial(elongated_quadratic_grad, kappa=100.0),
        (-9.0, float(np.sqrt(0.19))),
        (0.0, 0.0),
        300,
    ),
    "rosenbrock": (rosenbrock_grad, (-1.2, 1.0), (1.0, 1.0), 8000),
}

LABELS = {
    "ko": {
        "quadratic": "κ = 100인 골짜기, lr = 0.1",
        "rosenbrock": "로젠브록 함수, lr = 0.004",
        "step": "걸음",
        "dist": "최소점까지의 거리 (로그 척도)",
        "momentum": "모멘텀",
        "nesterov": "네스테로프",
        "race": "{name}: {med:g}걸음({lo}–{hi})",
        "note": (
            "범례: 골짜기는 $f < 10^{-6}$, 로젠브록은 거리 $< 10^{-4}$까지 걸음 수, "
            "시작점 21개의 중앙값(최소–최대). β = 0.9"
        ),
    },
    "en": {
        "quadratic": "Valley with κ = 100, lr = 0.1",
        "rosenbrock": "Rosenbrock function, lr = 0.004",
        "step": "step",
        "dist": "distance to the minimum (log scale)",
        "momentum": "momentum",
        "nesterov": "Nesterov",
        "race": "{name}: {med:g} steps ({lo}–{hi})",
        "note": (
            "legend: steps to $f < 10^{-6}$ (valley) or distance $< 10^{-4}$ (Rosenbrock), "
            "median over 21 starts (min–max); β = 0.9"
        ),
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(7.6, 3.9)
    axes = fig.subplots(1, 2)
    for ax, (surface, (grad, start, minimum, steps)) in zip(axes, PANELS.items(), strict=True):
        lr = RACES[surface][0]
        race = momentum_vs_nesterov(surface)
        for (name, cls), color in zip(
            (("momentum", Momentum), ("nesterov", Nesterov)), (COLORS[0], COLORS[1]), strict=True
        ):
            path = trajectory(cls(lr=lr, beta=0.9), grad, start, steps)
            s = race[name]
            label = tx["race"].format(name=tx[name], med=np.median(s), lo=s.min(), hi=s.max())
            ax.plot(distance_to(minimum)(path), color=color, linewidth=1.4, label=label)
        ax.set(title=tx[surface], xlabel=tx["step"], yscale="log", xlim=(0, steps))
        ax.legend(loc="lower left", fontsize="x-small", frameon=False)
        plain_log_ticks(ax.yaxis)
        style_axes(ax)
    axes[0].set_ylabel(tx["dist"])
    fig.suptitle(tx["note"], fontsize="small")
    return fig
