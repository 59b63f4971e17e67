"""Share of (near-)zero weights and dev accuracy vs λ: L2, L1 subgradient, L1 proximal."""

from __future__ import annotations

import functools

import numpy as np
from _regularization_runs import L1_LAMBDAS, L1_LR, L1_STEPS, NEAR_ZERO, softmax_regression
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

KINDS = ("l2", "l1", "prox")
STYLE = {"l2": (COLORS[0], "o", "-"), "l1": (COLORS[1], "s", "--"), "prox": (COLORS[2], "^", "-")}

LABELS = {
    "ko": {
        "title_zero": "0에 가까운 가중치의 비율",
        "title_dev": "개발 정확도",
        "x": "규제 강도 $\\lambda$ (로그 축)",
        "y_zero": "$|w| < 10^{-3}$인 가중치 (%)",
        "y_dev": "정확도 (%)",
        "l2": "L2 (경사 하강)",
        "l1": "L1 (서브그래디언트 경사 하강)",
        "prox": "L1 (근접 경사: 소프트 임계화)",
        "none": "규제 없음",
        "exact": "정확히 0인 비율 (근접 경사)",
        "setup": "숫자 데이터 소프트맥스 회귀: 가중치 640개, 학습 샘플 1,079개, "
                 "전체 배치 {steps}걸음, 학습률 {lr:g}",
    },
    "en": {
        "title_zero": "share of weights near zero",
        "title_dev": "dev accuracy",
        "x": "regularisation strength $\\lambda$ (log axis)",
        "y_zero": "weights with $|w| < 10^{-3}$ (%)",
        "y_dev": "accuracy (%)",
        "l2": "L2 (gradient descent)",
        "l1": "L1 (subgradient descent)",
        "prox": "L1 (proximal gradient: soft thresholding)",
        "none": "no regularisation",
        "exact": "share exactly 0 (proximal)",
        "setup": "softmax regression on digits: 640 weights, 1,079 training examples, "
                 "{steps} full-batch steps, learning rate {lr:g}",
    },
}


@functools.cache
def _curves() -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], np.ndarray, float]:
    """Near-zero share and dev accuracy per kind and lambda; exact zeros (prox); baseline."""
    near, dev = {}, {}
    for kind in KINDS:
        runs = [softmax_regression(kind, lam) for lam in L1_LAMBDAS]
        near[kind] = np.array([100 * np.mean(np.abs(r.W) < NEAR_ZERO) for r in runs])
        dev[kind] = np.array([100 * r.dev_accuracy for r in runs])
    exact = np.array([100 * np.mean(softmax_regression("prox", lam).W == 0) for lam in L1_LAMBDAS])
    return near, dev, exact, 100 * softmax_regression("none", 0.0).dev_accuracy


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    near, dev, exact, base = _curves()
    fig = new_figure(9.4, 4.0)
    ax_zero, ax_dev = fig.subplots(1, 2)
    for kind in KINDS:
        color, marker, ls = STYLE[kind]
        ax_zero.plot(L1_LAMBDAS, near[kind], color=color, marker=marker, linestyle=ls,
                     markersize=5, label=tx[kind])
        ax_dev.plot(L1_LAMBDAS, dev[kind], color=color, marker=marker, linestyle=ls,
                    markersize=5, label=tx[kind])
    ax_zero.plot(L1_LAMBDAS, exact, color=COLORS[2], linestyle="none", marker="x", markersize=8,
                 label=tx["exact"])
    ax_dev.axhline(base, color=GREY, linestyle=":", label=tx["none"])
    ax_zero.set(title=tx["title_zero"], ylabel=tx["y_zero"], ylim=(0, 102))
    ax_dev.set(title=tx["title_dev"], ylabel=tx["y_dev"], ylim=(25, 100))
    for ax in (ax_zero, ax_dev):
        ax.set_xscale("log")
        ax.set_xticks(L1_LAMBDAS, [f"{lam:g}" for lam in L1_LAMBDAS])
        ax.minorticks_off()
        ax.set_xlabel(tx["x"])
        style_axes(ax)
    ax_zero.legend(loc="upper left", frameon=False, fontsize="small")
    ax_dev.legend(loc="lower left", frameon=False, fontsize="small")
    fig.suptitle(tx["setup"].format(steps=L1_STEPS, lr=L1_LR), fontsize="small", color="#555555")
    return fig
