"""Relative error of finite differences vs the step h: the V of truncation and rounding error."""

from __future__ import annotations

import numpy as np
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator

from dlref import numerical_gradient, relative_error, softmax_cross_entropy

LABELS = {
    "ko": {
        "title": "소프트맥스 교차 엔트로피의 경사: 차분 간격 $h$에 따른 상대 오차",
        "x": "차분 간격 $h$",
        "y": "역전파 경사와의 상대 오차",
        "central": "중앙 차분 (float64)",
        "one_sided": "전진 차분 (float64)",
        "central32": "중앙 차분 (float32)",
        "trunc2": "$\\propto h^2$",
        "trunc1": "$\\propto h$",
        "round": "$\\propto \\epsilon_\\mathrm{mach}/h$",
        "ok": "정상 ($< 10^{-7}$)",
        "bug": "버그 ($\\geq 10^{-3}$)",
        "default": "dlref 기본값 $h = 10^{-5}$",
    },
    "en": {
        "title": "Gradient of softmax cross-entropy: relative error vs the step $h$",
        "x": "step $h$",
        "y": "relative error to the backprop gradient",
        "central": "central difference (float64)",
        "one_sided": "one-sided difference (float64)",
        "central32": "central difference (float32)",
        "trunc2": "$\\propto h^2$",
        "trunc1": "$\\propto h$",
        "round": "$\\propto \\epsilon_\\mathrm{mach}/h$",
        "ok": "fine ($< 10^{-7}$)",
        "bug": "bug ($\\geq 10^{-3}$)",
        "default": "dlref default $h = 10^{-5}$",
    },
}

STEPS = np.logspace(-13, 0, 53)


def _one_sided(f, x: np.ndarray, h: float) -> np.ndarray:
    """(f(x + h e_i) - f(x)) / h: the forward difference, for comparison only."""
    grad = np.zeros_like(x)
    fx = float(f(x))
    for i in np.ndindex(x.shape):
        saved = x[i]
        x[i] = saved + h
        grad[i] = (float(f(x)) - fx) / h
        x[i] = saved
    return grad


def _power_of_ten(value: float, _pos: int) -> str:
    # plain mathtext: its minus sign comes from DejaVu Sans, which has the glyph
    return f"$10^{{{round(np.log10(value))}}}$"


def curves() -> dict[str, list[float]]:
    """Relative error per step h: central and one-sided in float64, central in float32."""
    rng = np.random.default_rng(0)
    z = rng.normal(size=(4, 5))
    labels = rng.integers(0, 5, size=4)
    _, exact = softmax_cross_entropy(z, labels)  # the analytic gradient (softmax - Y) / m

    def f(v: np.ndarray) -> float:
        return float(softmax_cross_entropy(v, labels)[0])

    z32 = z.astype(np.float32)
    return {
        "central": [relative_error(exact, numerical_gradient(f, z, h=h)) for h in STEPS],
        "one_sided": [relative_error(exact, _one_sided(f, z, h)) for h in STEPS],
        "central32": [
            relative_error(exact, numerical_gradient(f, z32, h=h)) for h in STEPS if h >= 1e-7
        ],
    }


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    curves_ = curves()

    fig = new_figure(7.4, 4.6)
    ax = fig.add_subplot()
    ax.axhspan(1e-17, 1e-7, color=COLORS[2], alpha=0.08, linewidth=0)
    ax.axhspan(1e-3, 10.0, color=COLORS[1], alpha=0.08, linewidth=0)
    ax.text(1.5, 3e-16, tx["ok"], color=COLORS[2], fontsize=9, ha="right")
    ax.text(1e-13, 2.5, tx["bug"], color=COLORS[1], fontsize=9, va="top")
    ax.loglog(STEPS, curves_["central"], "o-", ms=3, color=COLORS[0], label=tx["central"])
    ax.loglog(STEPS, curves_["one_sided"], "s-", ms=3, color=COLORS[4], label=tx["one_sided"])
    steps32 = STEPS[STEPS >= 1e-7]
    ax.loglog(steps32, curves_["central32"], "^-", ms=3, color=COLORS[3], label=tx["central32"])
    # Guides: truncation error ~ h^2 (central) and ~ h (one-sided), rounding error ~ eps/h.
    right = STEPS[STEPS >= 1e-4]
    left = STEPS[STEPS <= 1e-8]
    ax.loglog(right, 1.4e-2 * right**2, "--", color=GREY, linewidth=1)
    ax.loglog(right, 0.1 * right, "--", color=GREY, linewidth=1)
    ax.loglog(left, 2e-16 / left, "--", color=GREY, linewidth=1)
    ax.text(5e-3, 2e-8, tx["trunc2"], color=GREY, fontsize=10)
    ax.text(1e-4, 6e-5, tx["trunc1"], color=GREY, fontsize=10, ha="right")
    ax.text(1e-11, 7e-7, tx["round"], color=GREY, fontsize=10, va="top")
    ax.axvline(1e-5, color="black", linestyle=":", linewidth=1)
    ax.text(1.3e-5, 3e-16, tx["default"], fontsize=9)
    ax.set(title=tx["title"], xlabel=tx["x"], ylabel=tx["y"], xlim=(5e-14, 2), ylim=(1e-16, 10))
    ax.set_xticks([1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1.0])
    ax.set_yticks([1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1.0])
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(FuncFormatter(_power_of_ten))
        axis.set_minor_locator(NullLocator())
    ax.legend(loc="lower left", frameon=False, fontsize=9)
    style_axes(ax)
    return fig


def narrow(fig: Figure, lang: str) -> Figure:
    """The phone layout: a taller panel, the default step's label above the 'fine' band's."""
    import _narrow

    ax = fig.axes[0]
    default = next(t for t in ax.texts if t.get_text() == text(LABELS, lang)["default"])
    default.set(y=3e-14)
    _narrow.move_legends(fig)
    return _narrow.reflow(fig, row_height=4.8)
