"""GD, momentum and RMSprop on a long valley (κ = 100); RMSprop's step per coordinate over time."""

from __future__ import annotations

import functools

import numpy as np
from _optim_runs import plain_log_ticks, run_rows
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

from dlref import SGD, Momentum, RMSprop, elongated_quadratic, elongated_quadratic_grad

KAPPA = 100.0
START = (-9.0, float(np.sqrt(0.19)))  # the start of the momentum page's figure
LR = 0.1
RUNS = (  # (label key, factory, colour)
    ("gd", lambda: SGD(lr=0.019), COLORS[1]),
    ("momentum", lambda: Momentum(lr=0.19, beta=0.9), COLORS[0]),
    ("rmsprop", lambda: RMSprop(lr=LR, beta=0.9), COLORS[2]),
)

LABELS = {
    "ko": {
        "paths": "κ = 100인 골짜기에서 처음 60걸음",
        "steps": "RMSprop의 좌표별 유효 학습률",
        "x": "$w_1$",
        "y": "$w_2$",
        "step": "걸음",
        "eff": "$\\alpha / (\\sqrt{s} + \\varepsilon)$ (로그 척도)",
        "gd": "경사 하강법, α = 0.019",
        "momentum": "Momentum(lr=0.19, β=0.9)",
        "rmsprop": "RMSprop(lr=0.1, β=0.9)",
        "w1": "$w_1$ (곡률 1)",
        "w2": "$w_2$ (곡률 100)",
        "gd_rate": "경사 하강법의 α (두 좌표 공통)",
    },
    "en": {
        "paths": "First 60 steps, valley with κ = 100",
        "steps": "Effective rate per coordinate",
        "x": "$w_1$",
        "y": "$w_2$",
        "step": "step",
        "eff": "$\\alpha / (\\sqrt{s} + \\varepsilon)$ (log scale)",
        "gd": "gradient descent, α = 0.019",
        "momentum": "Momentum(lr=0.19, β=0.9)",
        "rmsprop": "RMSprop(lr=0.1, β=0.9)",
        "w1": "$w_1$ (curvature 1)",
        "w2": "$w_2$ (curvature 100)",
        "gd_rate": "gradient descent's α (both coordinates)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    grad = functools.partial(elongated_quadratic_grad, kappa=KAPPA)
    fig = new_figure(7.6, 4.4)
    ax_p, ax_s = fig.subplots(1, 2, width_ratios=(1.25, 1))
    xs, ys = np.meshgrid(np.linspace(-10, 10, 201), np.linspace(-1.2, 1.2, 121))
    levels = [0.5, 2, 8, 20, 50, 100]
    values = elongated_quadratic(np.stack([xs, ys], -1), kappa=KAPPA)
    ax_p.contour(xs, ys, values, levels, colors=GREY, linewidths=0.6)
    for key, make, color in RUNS:
        path, _ = run_rows(make, grad, np.array([START]), 60)
        ax_p.plot(
            path[:, 0, 0],
            path[:, 0, 1],
            "-o",
            color=color,
            markersize=2,
            linewidth=1,
            label=tx[key],
        )
    ax_p.plot(*START, "ks", markersize=4)
    ax_p.plot(0, 0, "k*", markersize=8)
    ax_p.set(title=tx["paths"], xlabel=tx["x"], ylabel=tx["y"], xlim=(-10, 10), ylim=(-1.2, 1.2))

    _, s = run_rows(RUNS[2][1], grad, np.array([START]), 200)
    assert s is not None
    eff = LR / (np.sqrt(s[:, 0, :]) + 1e-8)
    t = np.arange(1, eff.shape[0] + 1)
    ax_s.plot(t, eff[:, 0], color=COLORS[2], linewidth=1.5, label=tx["w1"])
    ax_s.plot(t, eff[:, 1], color=COLORS[2], linewidth=1.5, linestyle="--", label=tx["w2"])
    ax_s.axhline(0.019, color=COLORS[1], linewidth=1, label=tx["gd_rate"])
    ax_s.set(title=tx["steps"], xlabel=tx["step"], ylabel=tx["eff"], yscale="log", xlim=(0, 200))
    plain_log_ticks(ax_s.yaxis)
    ax_s.legend(loc="upper left", fontsize="x-small", frameon=False)
    fig.legend(
        *ax_p.get_legend_handles_labels(),
        loc="outside lower center",
        ncols=3,
        fontsize="small",
        frameon=False,
    )
    for ax in (ax_p, ax_s):
        style_axes(ax)
    return fig
