"""Train and dev accuracy of the moons MLP as the L2 strength λ grows (log axis)."""

from __future__ import annotations

from _regularization_runs import l2_sweep, moons
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure

BOX = {"facecolor": "white", "edgecolor": "none", "pad": 1.0}

LABELS = {
    "ko": {
        "title": "학습 샘플 {m}개, 2-50-50-2 tanh 망: 개발 정확도가 가장 높은 λ를 고른다",
        "x": "L2 규제 강도 $\\lambda$ (로그 축)",
        "y": "정확도 (%)",
        "train": "학습",
        "dev": "개발",
        "train0": "학습, $\\lambda = 0$",
        "dev0": "개발, $\\lambda = 0$",
        "tuned": "고른 값 $\\lambda = {lam:g}$",
        "variance": "높은 분산\n(학습 100%, 간극 큼)",
        "bias": "높은 편향\n(학습 정확도도 낮음)",
    },
    "en": {
        "title": "{m} training examples, a 2-50-50-2 tanh net: "
                 "pick the λ with the best dev accuracy",
        "x": "L2 strength $\\lambda$ (log axis)",
        "y": "accuracy (%)",
        "train": "train",
        "dev": "dev",
        "train0": "train, $\\lambda = 0$",
        "dev0": "dev, $\\lambda = 0$",
        "tuned": "chosen $\\lambda = {lam:g}$",
        "variance": "high variance\n(train 100%, large gap)",
        "bias": "high bias\n(train accuracy drops too)",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    s = l2_sweep()
    fig = new_figure(7.6, 3.9)
    ax = fig.add_subplot()
    ax.axhline(100 * s.train0, color=COLORS[1], linestyle=":", linewidth=1.2, label=tx["train0"])
    ax.axhline(100 * s.dev0, color=COLORS[0], linestyle=":", linewidth=1.2, label=tx["dev0"])
    ax.plot(s.lambdas, 100 * s.train, color=COLORS[1], linestyle="--", marker="o", markersize=5,
            label=tx["train"])
    ax.plot(s.lambdas, 100 * s.dev, color=COLORS[0], marker="o", markersize=5, label=tx["dev"])
    ax.axvline(s.tuned, color=GREY, linewidth=1.0)
    ax.annotate(tx["tuned"].format(lam=s.tuned), xy=(s.tuned, 101.5), xytext=(6, 0),
                textcoords="offset points", fontsize="small", color="#555555", va="center")
    ax.text(s.lambdas[0], 92.0, tx["variance"], fontsize="small", color="#555555", va="bottom",
            bbox=BOX)
    ax.text(s.lambdas[-1], 92.0, tx["bias"], fontsize="small", color="#555555", va="bottom",
            ha="right", bbox=BOX)
    ax.set_xscale("log")
    ax.set_xticks(s.lambdas, [f"{lam:g}" for lam in s.lambdas])
    ax.minorticks_off()
    ax.set(xlabel=tx["x"], ylabel=tx["y"], ylim=(79, 103),
           title=tx["title"].format(m=len(moons().y)))
    ax.title.set_fontsize("medium")
    ax.legend(loc="center left", frameon=False, fontsize="small", ncols=2,
              bbox_to_anchor=(0.0, 0.36))
    style_axes(ax)
    return fig


def narrow(fig: Figure, lang: str) -> Figure:
    """The phone layout: the 'high bias' note under the 'high variance' one, not beside it."""
    import _narrow

    ax = fig.axes[0]
    bias = next(t for t in ax.texts if t.get_text() == text(LABELS, lang)["bias"])
    bias.set(y=90.5, va="top")
    _narrow.move_legends(fig)
    return _narrow.reflow(fig)
