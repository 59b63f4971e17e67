"""A correct backward pass and classic bugs in it, judged by a gradient check."""

from __future__ import annotations

import numpy as np
from _style import COLORS, new_figure, text
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullLocator

from dlref import (
    gradient_check,
    l2_grad,
    l2_penalty,
    relu,
    relu_grad,
    softmax_cross_entropy,
    tanh,
    tanh_grad,
)

LABELS = {
    "ko": {
        "title": "2층 망(tanh, L2 규제)의 역전파 버그와 경사 검사의 판정",
        "x": "상대 오차 (로그 척도)",
        "correct": "올바른 역전파",
        "kink": "올바른 역전파, ReLU 꺾임점 근처 (거짓 경보)",
        "m": "$1/m$을 빠뜨림",
        "sign": "부호 반대: $dZ = Y - \\hat Y$",
        "transpose": "$dW^{[1]}$ 전치 (열 규약 식을 그대로 씀)",
        "tanh": "tanh 도함수를 $1 - Z^2$로 계산",
        "l2": "L2 항의 경사를 빠뜨림 ($\\lambda = 0.1$)",
        "l2_small": "L2 항의 경사를 빠뜨림 ($\\lambda = 0.001$)",
        "ok": "정상",
        "closer": "자세히 볼 것",
        "bug": "버그",
    },
    "en": {
        "title": "Bugs in the backward pass of a 2-layer net (tanh, L2) and the check's verdict",
        "x": "relative error (log scale)",
        "correct": "correct backward",
        "kink": "correct backward, ReLU near its kink (false alarm)",
        "m": "forgot the $1/m$",
        "sign": "wrong sign: $dZ = Y - \\hat Y$",
        "transpose": "$dW^{[1]}$ transposed (column-convention formula)",
        "tanh": "tanh derivative computed as $1 - Z^2$",
        "l2": "forgot the L2 gradient ($\\lambda = 0.1$)",
        "l2_small": "forgot the L2 gradient ($\\lambda = 0.001$)",
        "ok": "fine",
        "closer": "look closer",
        "bug": "bug",
    },
}

CASES = ("correct", "kink", "m", "sign", "transpose", "tanh", "l2", "l2_small")
SHAPES = {"W1": (5, 5), "b1": (5,), "W2": (5, 3), "b2": (3,)}  # square W1: a transposed dW1 fits


def _unpack(theta: np.ndarray) -> dict[str, np.ndarray]:
    params, start = {}, 0
    for key, shape in SHAPES.items():
        size = int(np.prod(shape))
        params[key] = theta[start : start + size].reshape(shape)
        start += size
    return params


def _pack(params: dict[str, np.ndarray]) -> np.ndarray:
    return np.concatenate([params[key].ravel() for key in SHAPES])


def _check(case: str, X: np.ndarray, y: np.ndarray, theta: np.ndarray) -> tuple[float, str]:
    """Gradient-check the backward pass of ``case`` at ``theta``."""
    m = X.shape[0]
    lam = 0.001 if case == "l2_small" else 0.1
    act, act_grad = (relu, relu_grad) if case == "kink" else (tanh, tanh_grad)

    def loss(v: np.ndarray) -> float:
        p = _unpack(v)
        scores = act(X @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"]
        data_loss, _ = softmax_cross_entropy(scores, y)
        return float(data_loss) + l2_penalty([p["W1"], p["W2"]], lam, m)

    p = _unpack(theta)
    Z1 = X @ p["W1"] + p["b1"]
    A1 = act(Z1)
    _, dZ2 = softmax_cross_entropy(A1 @ p["W2"] + p["b2"], y)  # (softmax - Y) / m
    if case == "m":
        dZ2 = dZ2 * m
    if case == "sign":
        dZ2 = -dZ2
    dZ1 = (dZ2 @ p["W2"].T) * act_grad(Z1)
    if case == "tanh":
        dZ1 = (dZ2 @ p["W2"].T) * (1 - Z1**2)  # should be 1 - A1**2
    grads = {"W1": X.T @ dZ1, "b1": dZ1.sum(axis=0), "W2": A1.T @ dZ2, "b2": dZ2.sum(axis=0)}
    if case == "transpose":
        grads["W1"] = dZ1.T @ X  # the notes' dW = dZ A^T, in the row convention
    if case not in ("l2", "l2_small"):
        grads["W1"] = grads["W1"] + l2_grad(p["W1"], lam, m)
        grads["W2"] = grads["W2"] + l2_grad(p["W2"], lam, m)
    result = gradient_check(loss, theta, _pack(grads))
    return result.error, result.verdict


def results() -> list[tuple[float, str]]:
    """(relative error, verdict) for every case in CASES (the page quotes these numbers)."""
    rng = np.random.default_rng(0)
    X = rng.normal(size=(8, 5))
    y = rng.integers(0, 3, size=8)
    params = {
        "W1": rng.normal(size=(5, 5)) / np.sqrt(5),
        "b1": 0.1 * rng.normal(size=5),
        "W2": rng.normal(size=(5, 3)) / np.sqrt(5),
        "b2": 0.1 * rng.normal(size=3),
    }
    theta = _pack(params)
    # For the kink case, move b1[0] so that unit 0 of example 0 sits 3e-6 from ReLU's kink,
    # closer than the step h = 1e-5: the two evaluations straddle the kink.
    kinked = {key: value.copy() for key, value in params.items()}
    kinked["b1"][0] -= (X[0] @ params["W1"][:, 0] + params["b1"][0]) - 3e-6

    return [_check(c, X, y, _pack(kinked) if c == "kink" else theta) for c in CASES]


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    results_ = results()
    colors = {"ok": COLORS[2], "look closer": COLORS[4], "bug": COLORS[1]}
    verdict_label = {"ok": tx["ok"], "look closer": tx["closer"], "bug": tx["bug"]}

    fig = new_figure(7.6, 4.4)
    ax = fig.add_subplot()
    rows = np.arange(len(CASES))[::-1]
    for row, (error, verdict) in zip(rows, results_, strict=True):
        ax.barh(row, error, left=1e-13, color=colors[verdict], height=0.65)
        ax.text(
            error * 1.6,
            row,
            f"{verdict_label[verdict]} ({error:.0e})",
            va="center",
            fontsize=9,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0},
        )
    ax.axvline(1e-7, color="black", linestyle=":", linewidth=1)
    ax.axvline(1e-3, color="black", linestyle=":", linewidth=1)
    ax.set_xscale("log")
    ax.set(xlim=(1e-13, 1e3), xlabel=tx["x"])
    fig.suptitle(tx["title"], fontsize=11)
    ax.set_xticks([1e-12, 1e-9, 1e-7, 1e-5, 1e-3, 1.0])
    ax.xaxis.set_major_formatter(FuncFormatter(_power_of_ten))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_yticks(rows, [tx[c] for c in CASES], fontsize=9)
    ax.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.grid(True, axis="x", color="#e6e6e6", linewidth=0.8)
    ax.set_axisbelow(True)
    return fig


def _power_of_ten(value: float, _pos: int) -> str:
    # plain mathtext: its minus sign comes from DejaVu Sans, which has the glyph
    return f"$10^{{{round(np.log10(value))}}}$"


def narrow(fig: Figure, lang: str) -> Figure:
    """The phone layout: each case named above its bar instead of beside it."""
    import _narrow

    ax = fig.axes[0]
    rows = ax.get_yticks()
    names = [label.get_text() for label in ax.get_yticklabels()]
    ax.set_yticks([])
    for bar in ax.patches:
        bar.set_height(0.4)
    for row, name in zip(rows, names, strict=True):
        ax.text(1.3e-13, row + 0.12, name, va="bottom", fontsize=8.5)
    ax.set_ylim(rows.min() - 0.5, rows.max() + 0.9)
    ax.set_xlim(1e-13, 1e5)
    ax.set_xticks([1e-12, 1e-7, 1e-3, 1.0])
    fig.set_size_inches(_narrow.WIDTH, 6.4)
    _narrow.fit_text(fig)
    return fig
