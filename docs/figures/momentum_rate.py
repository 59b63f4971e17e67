"""Convergence rate of momentum against beta on the valley: measured on dlref, and the theory."""

from __future__ import annotations

import numpy as np
from _momentum_runs import A_OPT, B_OPT, KAPPA, gd_best_rate, rate_sweep, theory_rate
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "걸음마다 최소점까지의 거리가 줄어드는 비율 (곡률 1과 {k:g}, 스텝 $a = {a:.4f}$)",
        "x": "모멘텀 $\\beta$",
        "y": "한 걸음의 수렴 비율 (작을수록 빠름)",
        "theory": "이론: 반복 행렬의 스펙트럼 반지름",
        "measured": "측정: dlref의 Momentum",
        "opt": "최적 $\\beta^* = {b:.3f}$: 비율 {r:.3f}",
        "gd": "경사 하강법의 최적 비율 {r:.3f}",
        "diverge": "발산",
    },
    "en": {
        "title": (
            "Shrink factor of the distance per step (curvatures 1 and {k:g}, step $a = {a:.4f}$)"
        ),
        "x": "momentum $\\beta$",
        "y": "convergence rate per step (lower is faster)",
        "theory": "theory: spectral radius of the iteration",
        "measured": "measured: dlref's Momentum",
        "opt": "best $\\beta^* = {b:.3f}$: rate {r:.3f}",
        "gd": "best rate of gradient descent {r:.3f}",
        "diverge": "diverges",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fine = np.linspace(0.0, 0.97, 300)
    betas, measured = rate_sweep()
    fig = new_figure(7.4, 4.0)
    ax = fig.add_subplot()
    ax.axhspan(1.0, 1.3, color=COLORS[1], alpha=0.08, linewidth=0)
    ax.text(0.02, 1.2, tx["diverge"], color=COLORS[1], fontsize=9)
    ax.plot(fine, [theory_rate(b) for b in fine], color=GREY, lw=1.5, label=tx["theory"])
    ax.plot(betas, measured, "o", color=COLORS[0], ms=6, label=tx["measured"])
    r_opt = theory_rate(B_OPT)
    ax.axvline(B_OPT, color=COLORS[2], ls=":", lw=1.2)
    ax.plot([B_OPT], [r_opt], "*", color=COLORS[2], ms=12,
            label=tx["opt"].format(b=B_OPT, r=r_opt))
    ax.axhline(gd_best_rate(), color=COLORS[4], ls="--", lw=1.2,
               label=tx["gd"].format(r=gd_best_rate()))
    ax.set(title=tx["title"].format(k=KAPPA, a=A_OPT), xlabel=tx["x"], ylabel=tx["y"],
           ylim=(0.6, 1.3), xlim=(0, 1))
    ax.title.set_fontsize(9)
    ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
    style_axes(ax)
    return fig
