"""Weights and hidden pre-activations of the moons MLP without L2 and with the tuned λ."""

from __future__ import annotations

import functools

import numpy as np
from _regularization_runs import l2_sweep, moons, moons_net
from _style import COLORS, GREY, new_figure, style_axes, text
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from dlref import tanh

#: |z| below this counts as tanh's nearly linear range (tanh(0.5) = 0.462).
LINEAR = 0.5
W_RANGE, Z_RANGE = 1.6, 8.0

LABELS = {
    "ko": {
        "title_w": "가중치 $W^{[1]}, W^{[2]}, W^{[3]}$ 전체",
        "title_z": "둘째 은닉층의 $z^{[2]}$ (학습 샘플 60개)",
        "x_w": "가중치 값",
        "x_z": "$z^{[2]}$ (tanh에 들어가는 값)",
        "y": "밀도",
        "none_w": "$\\lambda = 0$: 평균 $|w|$ = {mean:.3f}",
        "tuned_w": "$\\lambda = {lam:g}$: 평균 $|w|$ = {mean:.3f}",
        "none_z": "$\\lambda = 0$: {frac:.0%}가 $|z| < {lin}$",
        "tuned_z": "$\\lambda = {lam:g}$: {frac:.0%}가 $|z| < {lin}$",
        "linear": "tanh(z) ≈ z",
        "clipped": "범위 밖 값은 양 끝 칸에 모음",
    },
    "en": {
        "title_w": "all weights $W^{[1]}, W^{[2]}, W^{[3]}$",
        "title_z": "second hidden layer $z^{[2]}$ (60 training examples)",
        "x_w": "weight value",
        "x_z": "$z^{[2]}$ (the input of tanh)",
        "y": "density",
        "none_w": "$\\lambda = 0$: mean $|w|$ = {mean:.3f}",
        "tuned_w": "$\\lambda = {lam:g}$: mean $|w|$ = {mean:.3f}",
        "none_z": "$\\lambda = 0$: {frac:.0%} with $|z| < {lin}$",
        "tuned_z": "$\\lambda = {lam:g}$: {frac:.0%} with $|z| < {lin}$",
        "linear": "tanh(z) ≈ z",
        "clipped": "values outside the range go to the end bins",
    },
}


@functools.cache
def _values() -> dict[str, tuple[float, np.ndarray, np.ndarray]]:
    """key -> (lambda, all weights, z of the second hidden layer on the training set)."""
    X = moons().X
    out = {}
    for key, lam in (("none", 0.0), ("tuned", l2_sweep().tuned)):
        P = moons_net(lam).params
        weights = np.concatenate([P[f"W{layer}"].ravel() for layer in (1, 2, 3)])
        a1 = tanh(X @ P["W1"] + P["b1"])
        z2 = a1 @ P["W2"] + P["b2"]
        out[key] = (lam, weights, z2.ravel())
    return out


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    v = _values()
    fig = new_figure(9.0, 3.6)
    ax_w, ax_z = fig.subplots(1, 2)
    w_bins = np.linspace(-W_RANGE, W_RANGE, 65)
    z_bins = np.linspace(-Z_RANGE, Z_RANGE, 65)
    ax_z.axvspan(-LINEAR, LINEAR, color="#eeeeee", zorder=0)
    ax_z.text(LINEAR + 0.15, 0.97, tx["linear"], transform=ax_z.get_xaxis_transform(),
              va="top", fontsize="small", color="#555555")
    for key, color in (("none", COLORS[1]), ("tuned", COLORS[0])):
        lam, weights, z = v[key]
        ax_w.hist(np.clip(weights, -W_RANGE, W_RANGE), bins=w_bins, density=True,
                  histtype="stepfilled", facecolor=color + "55", edgecolor=color, linewidth=1.2,
                  label=tx[f"{key}_w"].format(lam=lam, mean=np.abs(weights).mean()))
        frac = np.mean(np.abs(z) < LINEAR)
        ax_z.hist(np.clip(z, -Z_RANGE, Z_RANGE), bins=z_bins, density=True,
                  histtype="stepfilled", facecolor=color + "55", edgecolor=color, linewidth=1.2,
                  label=tx[f"{key}_z"].format(lam=lam, frac=frac, lin=LINEAR))
    ax_w.set(title=tx["title_w"], xlabel=tx["x_w"], ylabel=tx["y"], yscale="log")
    ax_z.set(title=tx["title_z"], xlabel=tx["x_z"], yscale="log")
    for ax in (ax_w, ax_z):
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))  # no mathtext
        ax.legend(loc="upper left", frameon=False, fontsize="small")
        style_axes(ax)
    ax_z.annotate(tx["clipped"], xy=(1.0, -0.2), xycoords="axes fraction", ha="right",
                  va="top", fontsize="x-small", color=GREY)
    return fig


def narrow(fig: Figure, lang: str) -> Figure:
    """The phone layout: legends under their panels, the note on clipping under the x label."""
    import _narrow

    tx = text(LABELS, lang)
    ax_z = fig.axes[1]
    note = next(t for t in ax_z.texts if t.get_text() == tx["clipped"])
    note.remove()
    ax_z.set_xlabel(f"{tx['x_z']}\n({tx['clipped']})")
    _narrow.move_legends(fig)
    return _narrow.reflow(fig)
