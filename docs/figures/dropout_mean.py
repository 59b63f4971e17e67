"""Activations before dropout, after dropout without scaling, and after inverted dropout."""

from __future__ import annotations

import functools

import numpy as np
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from dlref import dropout_forward, sigmoid

KEEP_PROB = 0.8
N = 20_000

LABELS = {
    "ko": {
        "none": "드롭아웃 없음 (테스트 때)",
        "plain": "드롭아웃, 나누지 않음",
        "inverted": "역 드롭아웃: ÷ keep_prob",
        "x": "활성값 $a$",
        "y": "밀도",
        "mean": "평균 {mean:.3f}",
        "zeros": "0이 된 값 {frac:.1%}",
        "title": "sigmoid 활성값 {n:,}개, keep_prob = {p}",
        "this_mean": "이 패널의 평균",
        "ref_mean": "드롭아웃 없을 때의 평균",
    },
    "en": {
        "none": "no dropout (test time)",
        "plain": "dropout, not divided",
        "inverted": "inverted dropout: ÷ keep_prob",
        "x": "activation $a$",
        "y": "density",
        "mean": "mean {mean:.3f}",
        "zeros": "zeroed {frac:.1%}",
        "title": "{n:,} sigmoid activations, keep_prob = {p}",
        "this_mean": "mean of this panel",
        "ref_mean": "mean without dropout",
    },
}


@functools.cache
def _activations() -> dict[str, np.ndarray]:
    """a = sigmoid(z), z ~ N(0, 1); then a * d and a * d / keep_prob with the same mask d."""
    rng = np.random.default_rng(0)
    a = sigmoid(rng.standard_normal(N))
    inverted, mask = dropout_forward(a, KEEP_PROB, rng=1)
    return {"none": a, "plain": a * mask, "inverted": inverted}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    acts = _activations()
    fig = new_figure(9.6, 3.4)
    axes = fig.subplots(1, 3, sharex=True, sharey=True)
    bins = np.linspace(0.0, 1.0 / KEEP_PROB, 51)
    reference = acts["none"].mean()
    for ax, key, color in zip(axes, ("none", "plain", "inverted"), (GREY, COLORS[1], COLORS[0]),
                              strict=True):
        values = acts[key]
        ax.hist(values, bins=bins, density=True, color=color, alpha=0.75)
        mean = values.mean()
        ax.axvline(reference, color="black", linestyle=":", linewidth=1.2)
        ax.axvline(mean, color=color if key != "none" else "black", linewidth=2)
        ax.text(0.97, 0.95, tx["mean"].format(mean=mean), transform=ax.transAxes, ha="right",
                va="top", fontsize="small")
        if key != "none":
            ax.text(0.97, 0.84, tx["zeros"].format(frac=np.mean(values == 0)),
                    transform=ax.transAxes, ha="right", va="top", fontsize="small")
        ax.set_title(tx[key], fontsize="medium")
        ax.set_xlabel(tx["x"])
        style_axes(ax)
    axes[0].set_ylabel(tx["y"])
    handles = [
        Line2D([], [], color="black", linewidth=2, label=tx["this_mean"]),
        Line2D([], [], color="black", linestyle=":", linewidth=1.2, label=tx["ref_mean"]),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, frameon=False,
               fontsize="small")
    fig.suptitle(tx["title"].format(n=N, p=KEEP_PROB), fontsize="small", color="#555555")
    return fig
