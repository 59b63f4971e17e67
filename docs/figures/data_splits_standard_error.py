"""How precisely a dev set of n examples measures an error rate p: sqrt(p(1-p)/n)."""

from __future__ import annotations

import numpy as np
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

ERRORS = (0.01, 0.05, 0.10)
SIMULATED_SIZES = np.array([100, 1_000, 10_000, 100_000])
REPEATS = 4000

LABELS = {
    "ko": {
        "title": "개발 세트 오차의 표준 오차는 $1/\\sqrt{n}$로 줄어든다",
        "x": "개발 세트 크기 $n$",
        "y": "표준 오차 (%p)",
        "curve": "오차 {p:.0%}: $\\sqrt{{p(1-p)/n}}$",
        "sim": "모의실험 ({repeats:,}회 반복의 표준편차)",
        "target": "0.1%p",
        "dev": "$n$ = {n:,}",
    },
    "en": {
        "title": "The standard error of a dev-set error shrinks as $1/\\sqrt{n}$",
        "x": "dev set size $n$",
        "y": "standard error (percentage points)",
        "curve": "error {p:.0%}: $\\sqrt{{p(1-p)/n}}$",
        "sim": "simulation (std. dev. over {repeats:,} draws)",
        "target": "0.1 point",
        "dev": "$n$ = {n:,}",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    n = np.logspace(2, 6, 200)
    rng = np.random.default_rng(0)
    fig = new_figure(7.2, 3.8)
    ax = fig.add_subplot()
    for p, color in zip(ERRORS, COLORS, strict=False):
        ax.plot(
            n,
            100 * np.sqrt(p * (1 - p) / n),
            color=color,
            linewidth=2,
            label=tx["curve"].format(p=p),
        )
        measured = rng.binomial(SIMULATED_SIZES, p, size=(REPEATS, SIMULATED_SIZES.size))
        spread = 100 * (measured / SIMULATED_SIZES).std(axis=0)
        ax.scatter(
            SIMULATED_SIZES,
            spread,
            color=color,
            edgecolor="black",
            zorder=3,
            s=28,
            label=tx["sim"].format(repeats=REPEATS) if p == ERRORS[-1] else None,
        )
    ax.axhline(0.1, color=GREY, linestyle="--", linewidth=1)
    ax.text(1.2e2, 0.1 * 1.12, tx["target"], color="#555555", fontsize="small")
    for size in (2_000, 10_000):
        ax.axvline(size, color=GREY, linestyle=":", linewidth=1)
        ax.text(
            size * 1.08,
            4.2,
            tx["dev"].format(n=size),
            color="#555555",
            fontsize="small",
            rotation=90,
            va="top",
        )
    ax.set(
        xscale="log",
        yscale="log",
        xlim=(1e2, 1e6),
        ylim=(0.008, 5),
        xlabel=tx["x"],
        ylabel=tx["y"],
        title=tx["title"],
    )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))  # 0.01, not 10^-2
    ax.legend(loc="lower left", frameon=False, fontsize="small")
    style_axes(ax)
    return fig
