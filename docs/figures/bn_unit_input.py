"""One hidden unit's input over training, without and with batch norm (after Ioffe, Fig. 1)."""

from __future__ import annotations

from _batchnorm_runs import unit_input_percentiles
from _style import COLORS, new_figure, style_axes, text
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "off": "배치 정규화 없음: $z = aW + b$",
        "on": "배치 정규화: $\\gamma \\hat z + \\beta$",
        "x": "에폭",
        "y": "3층 유닛 하나의 입력 (개발 세트)",
        "median": "중앙값",
        "band": "15–85번째 백분위수",
        "suptitle": "숫자 이미지, 64-100-100-100-10 ReLU 망, SGD(학습률 0.3)",
    },
    "en": {
        "off": "no batch norm: $z = aW + b$",
        "on": "batch norm: $\\gamma \\hat z + \\beta$",
        "x": "epoch",
        "y": "input of one layer-3 unit (dev set)",
        "median": "median",
        "band": "15th–85th percentile",
        "suptitle": "Digit images, 64-100-100-100-10 ReLU network, SGD (learning rate 0.3)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    fig = new_figure(8.4, 3.6)
    axes = fig.subplots(1, 2, sharey=True)
    for ax, bn in zip(axes, (False, True), strict=True):
        p = unit_input_percentiles(bn)
        color = COLORS[2] if bn else COLORS[1]
        ax.fill_between(p.epochs, p.p15, p.p85, color=color, alpha=0.25, label=tx["band"])
        ax.plot(p.epochs, p.p50, color=color, linewidth=2, label=tx["median"])
        ax.set(title=tx["on" if bn else "off"], xlabel=tx["x"])
        ax.title.set_fontsize(10)
        style_axes(ax)
    axes[0].set_ylabel(tx["y"])
    axes[0].legend(loc="upper left", frameon=False, fontsize=9)
    fig.suptitle(tx["suptitle"], fontsize=10)
    return fig
