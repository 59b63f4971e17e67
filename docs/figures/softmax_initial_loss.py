"""Cross-entropy of an untrained classifier against the spread of its logits, with ln C."""

from __future__ import annotations

import numpy as np
from _softmax_runs import (
    CLASS_COUNTS,
    DIGITS_INITS,
    LOGIT_SCALES,
    digits_initial_loss,
    expected_initial_loss,
)
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "title": "학습 전 손실: 로짓이 0 근처면 $\\ln C$",
        "x": "로짓의 표준편차 $s$ (로그 축)",
        "y": "학습 전 평균 교차 엔트로피",
        "curve": "$C = {c}$, 로짓 $\\sim \\mathcal{{N}}(0, s^2)$",
        "lnc": "$\\ln C$",
        "digits": "숫자 이미지, 64-64-10 ReLU 망 (시드 10개)",
        "small": "작은 난수 (0.01)",
        "xavier": "Xavier",
        "he": "He",
    },
    "en": {
        "title": "Loss before training: $\\ln C$ when the logits are near 0",
        "x": "standard deviation of the logits $s$ (log scale)",
        "y": "mean cross-entropy before training",
        "curve": "$C = {c}$, logits $\\sim \\mathcal{{N}}(0, s^2)$",
        "lnc": "$\\ln C$",
        "digits": "digit images, 64-64-10 ReLU network (10 seeds)",
        "small": "small random (0.01)",
        "xavier": "Xavier",
        "he": "He",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(7.0, 4.2)
    ax = fig.add_subplot()
    for k, c in enumerate(CLASS_COUNTS):
        ax.semilogx(LOGIT_SCALES, expected_initial_loss(c), color=COLORS[k], linewidth=2,
                    label=tx["curve"].format(c=c))
        ax.axhline(np.log(c), color=COLORS[k], linestyle="--", linewidth=1, alpha=0.7)
        ax.text(LOGIT_SCALES[0], np.log(c) + 0.25, f"{tx['lnc']} = {np.log(c):.2f}",
                color=COLORS[k], fontsize=9)
    runs = digits_initial_loss()
    for init in DIGITS_INITS:
        r = runs[init]
        ax.errorbar(r.logit_std, r.loss_mean, yerr=r.loss_std, fmt="o", color="black",
                    ms=5, capsize=3, label=tx["digits"] if init == DIGITS_INITS[0] else None)
        ax.annotate(tx[init], (r.logit_std, r.loss_mean), xytext=(6, -14),
                    textcoords="offset points", fontsize=9)
    ax.set(title=tx["title"], xlabel=tx["x"], ylabel=tx["y"], ylim=(0, 9))
    ax.set_xticks([0.001, 0.01, 0.1, 1, 10], ["0.001", "0.01", "0.1", "1", "10"])
    ax.minorticks_off()
    ax.legend(loc="upper left", frameon=False, fontsize=9, bbox_to_anchor=(0.0, 0.93))
    style_axes(ax)
    return fig


def narrow(fig: Figure, lang: str) -> Figure:
    """The phone layout: a shorter loss axis (the curves leave it anyway), 'He' to the upper
    left of its point so it does not sit on 'Xavier', the legend under the figure."""
    import _narrow

    ax = fig.axes[0]
    ax.set_ylim(0, 6)
    he = next(t for t in ax.texts if t.get_text() == text(LABELS, lang)["he"])
    he.set(ha="right")
    he.xyann = (-8, 6)  # type: ignore[attr-defined]
    _narrow.move_legends(fig)
    return _narrow.reflow(fig, row_height=3.4)
