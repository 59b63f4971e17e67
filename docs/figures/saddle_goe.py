"""How often a random symmetric matrix (GOE) has only positive eigenvalues, against dimension."""

from __future__ import annotations

import numpy as np
from _saddle_runs import GOE_SAMPLES, THETA, goe_positive_fraction
from _style import COLORS, GREY, new_figure, power_of_ten_ticks, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "고윳값이 모두 양수인 비율 (차원마다 {n:,}개의 무작위 대칭 행렬)",
        "x": "차원 $n$",
        "y": "비율 (로그 축)",
        "measured": "몬테카를로 추정 ± 표준 오차",
        "coin": "고윳값마다 독립으로 반반이라면: $2^{{-n}}$",
        "ratio": "$-\\ln$(비율) / $n^2$",
        "theta": "큰 $n$의 점근값 $\\theta = \\ln 3 / 4$ (Dean·Majumdar)",
    },
    "en": {
        "title": (
            "Share with all eigenvalues positive ({n:,} random symmetric matrices per dimension)"
        ),
        "x": "dimension $n$",
        "y": "share (log scale)",
        "measured": "Monte Carlo estimate ± standard error",
        "coin": "if each eigenvalue were an independent coin flip: $2^{{-n}}$",
        "ratio": "$-\\ln$(share) / $n^2$",
        "theta": "large-$n$ limit $\\theta = \\ln 3 / 4$ (Dean & Majumdar)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    dims, frac, se = goe_positive_fraction()
    fig = new_figure(8.6, 4.0)
    left, right = fig.subplots(1, 2, width_ratios=[1.2, 1])
    fine = np.linspace(1, dims[-1], 100)
    left.semilogy(fine, 2.0**-fine, color=GREY, lw=1.2, ls=":", label=tx["coin"])
    left.errorbar(dims, frac, yerr=se, fmt="o", color=COLORS[0], ms=5, capsize=3,
                  label=tx["measured"])
    left.set(xlabel=tx["x"], ylabel=tx["y"], xticks=dims)
    power_of_ten_ticks(left.yaxis)
    left.legend(loc="lower left", fontsize=8, frameon=False)
    # the delta method: se of -ln(P) is se(P) / P
    right.errorbar(dims, -np.log(frac) / dims**2, yerr=se / frac / dims**2, fmt="o-",
                   color=COLORS[0], ms=5, capsize=3, label=tx["measured"])
    right.axhline(THETA, color=COLORS[1], ls="--", lw=1.2, label=tx["theta"])
    right.set(xlabel=tx["x"], ylabel=tx["ratio"], xticks=dims, ylim=(0, 0.75))
    right.legend(loc="upper right", fontsize=8, frameon=False)
    fig.suptitle(tx["title"].format(n=GOE_SAMPLES), fontsize=10)
    for ax in (left, right):
        style_axes(ax)
    return fig
