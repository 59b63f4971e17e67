"""Computations shared by the saddle-point figures and the page's prose tests (a helper).

The saddle is ``saddle`` (f = x^2 - y^2, stable along x, unstable along y) and the plateau is
``plateau`` (a Gaussian well in a flat plain). Every optimiser of ``dlref.optim`` updates its
parameters element by element, so many starts run at once as the rows of one ``(N, 2)`` array:
each row follows exactly the path ``trajectory`` would give it alone. ``functools.cache`` runs
each computation once per build, so the Korean and English figures share the numbers.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
from _bias_variance_runs import digits_split

from dlref import (
    MLP,
    SGD,
    Adam,
    Momentum,
    plateau,
    plateau_grad,
    saddle,
    saddle_grad,
    trajectory,
)
from dlref.optim import Optimizer

LR = 0.05
BETA = 0.9
#: The optimisers compared, by key. "momentum" is dlref's (the course's) form at the same lr;
#: "momentum_sum" is the same algorithm with lr / (1 - beta), i.e. PyTorch's SGD(lr, momentum).
KEYS = ("gd", "momentum", "momentum_sum", "adam")


def make(key: str, lr: float = LR) -> Optimizer:
    """A fresh optimiser for a key of KEYS."""
    if key == "gd":
        return SGD(lr)
    if key == "momentum":
        return Momentum(lr, BETA)
    if key == "momentum_sum":
        return Momentum(lr / (1 - BETA), BETA)
    if key == "adam":
        return Adam(lr)
    raise KeyError(key)


# --- the saddle ---------------------------------------------------------------------------

SADDLE_START = (1.0, 1e-3)  # next to the stable direction (the x axis)
PATH_STEPS = 80


@functools.cache
def saddle_paths() -> dict[str, np.ndarray]:
    """The path of each optimiser from SADDLE_START, PATH_STEPS steps."""
    return {k: trajectory(make(k), saddle_grad, SADDLE_START, PATH_STEPS) for k in KEYS}


#: Escaping = the loss has fallen 1 below the saddle's value 0: f(p) <= -1.
ESCAPE_LOSS = -1.0
N_STARTS = 1000
MAX_STEPS = 3000
#: |y0| is log-uniform over these decades; x0 = 1, the sign of y0 at random.
LOG_Y0 = (-8.0, -2.0)


def starts(seed: int = 0) -> np.ndarray:
    """N_STARTS points (1, y0) with |y0| log-uniform in 10**LOG_Y0."""
    rng = np.random.default_rng(seed)
    y0 = 10.0 ** rng.uniform(*LOG_Y0, N_STARTS) * rng.choice([-1.0, 1.0], N_STARTS)
    return np.stack([np.ones(N_STARTS), y0], axis=1)


def first_hit(
    key: str,
    f: Callable[[np.ndarray], Any],
    grad: Callable[[np.ndarray], np.ndarray],
    p0: np.ndarray,
    level: float,
    max_steps: int,
) -> np.ndarray:
    """For each row of p0, the first step t with f(p_t) <= level (max_steps + 1 if never).

    The rows run together through one optimiser: its updates are element-wise, so each row
    follows the path ``trajectory`` gives it alone.
    """
    opt = make(key)
    params = {"p": p0.copy()}
    out = np.full(len(p0), max_steps + 1)
    for t in range(1, max_steps + 1):
        opt.step(params, {"p": grad(params["p"])})
        # a row past the level may keep descending (the saddle is unbounded below): keep it finite
        np.clip(params["p"], -1e6, 1e6, out=params["p"])
        newly = (f(params["p"]) <= level) & (out > max_steps)
        out[newly] = t
        if np.all(out <= max_steps):
            break
    return out


@functools.cache
def escape_steps() -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """(|y0| of every start, {key: steps to escape of every start})."""
    p0 = starts()
    return np.abs(p0[:, 1]), {
        k: first_hit(k, saddle, saddle_grad, p0, ESCAPE_LOSS, MAX_STEPS) for k in KEYS
    }


def summary(steps: np.ndarray) -> tuple[float, float, float]:
    """(10th percentile, median, 90th percentile) of the steps to escape."""
    lo, med, hi = np.percentile(steps, [10, 50, 90])
    return float(lo), float(med), float(hi)


def gd_escape_theory(y0: np.ndarray, lr: float = LR) -> np.ndarray:
    """GD multiplies y by (1 + 2 lr) and x by (1 - 2 lr): first t with y_t^2 - x_t^2 >= 1."""
    t = np.arange(1, MAX_STEPS + 1)
    f = (np.abs(y0)[:, None] * (1 + 2 * lr) ** t) ** 2 - ((1 - 2 * lr) ** t) ** 2
    return np.argmax(f >= -ESCAPE_LOSS, axis=1) + 1


# --- the plateau --------------------------------------------------------------------------

PLATEAU_START = (2.1, 2.8)  # radius 3.5, where the gradient's norm is 3.5 exp(-3.5^2 / 2)
PLATEAU_STEPS = 1500
#: Crossing = the loss has fallen below half way: f(p) < 0.5.
CROSS_LOSS = 0.5
PLATEAU_RADII = (2.5, 3.0, 3.5, 4.0, 4.5)
PLATEAU_MAX_STEPS = 10_000


@functools.cache
def plateau_paths() -> dict[str, np.ndarray]:
    """The path of each optimiser from PLATEAU_START, PLATEAU_STEPS steps."""
    return {k: trajectory(make(k), plateau_grad, PLATEAU_START, PLATEAU_STEPS) for k in KEYS}


def plateau_losses() -> dict[str, np.ndarray]:
    """f along each plateau path."""
    return {k: np.asarray(plateau(p)) for k, p in plateau_paths().items()}


def first_below(losses: np.ndarray, level: float = CROSS_LOSS) -> int | None:
    """The first step at which the loss is below level, or None."""
    hit = np.flatnonzero(losses < level)
    return int(hit[0]) if hit.size else None


@functools.cache
def plateau_crossing() -> dict[str, np.ndarray]:
    """{key: steps until f <= CROSS_LOSS from (r, 0) for each r of PLATEAU_RADII}.

    PLATEAU_MAX_STEPS + 1 means the run did not get there. The surface is round, so the
    direction of the start does not matter.
    """
    p0 = np.stack([np.array(PLATEAU_RADII), np.zeros(len(PLATEAU_RADII))], axis=1)
    return {
        k: first_hit(k, plateau, plateau_grad, p0, CROSS_LOSS, PLATEAU_MAX_STEPS) for k in KEYS
    }


# --- random symmetric matrices ------------------------------------------------------------

DIMS = (1, 2, 3, 4, 5)
GOE_SAMPLES = 200_000
#: Dean & Majumdar (2006): P(all eigenvalues > 0) ~ exp(-theta n^2) for large n.
THETA = np.log(3) / 4


@functools.cache
def goe_positive_fraction(
    dims: tuple[int, ...] = DIMS, samples: int = GOE_SAMPLES, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dims, fraction of GOE matrices with all eigenvalues > 0, its standard error).

    H = (A + A^T) / 2 with A of i.i.d. standard normal entries: the Gaussian orthogonal
    ensemble (off-diagonal variance 1/2, diagonal variance 1). Drawn in chunks to bound memory.
    """
    rng = np.random.default_rng(seed)
    frac = np.empty(len(dims))
    for i, n in enumerate(dims):
        hits, done = 0, 0
        while done < samples:
            k = min(50_000, samples - done)
            A = rng.standard_normal((k, n, n))
            H = (A + np.swapaxes(A, 1, 2)) / 2
            hits += int(np.sum(np.linalg.eigvalsh(H)[:, 0] > 0))
            done += k
        frac[i] = hits / samples
    se = np.sqrt(frac * (1 - frac) / samples)
    return np.array(dims), frac, se


# --- a plateau in a real training run -----------------------------------------------------

#: A digits MLP 64-32-32-10 with tanh, trained full batch on the first DIGITS_ROWS training rows.
DIGITS_SIZES = (64, 32, 32, 10)
DIGITS_ROWS = 256
DIGITS_STEPS = 200
DIGITS_SEEDS = (0, 1, 2, 3, 4)
#: Small initial weights N(0, SMALL_STD^2) put the net next to the critical point W = 0.
SMALL_STD = 0.01
#: The runs: (optimiser, learning rate, initialisation).
DIGITS_RUNS = {
    "gd_small": ("gd", 1.0, "small"),
    "adam_small": ("adam", 0.01, "small"),
    "gd_xavier": ("gd", 1.0, "xavier"),
}
#: The plateau has ended when the loss falls below this (ln 10 = 2.303 is the uniform guess).
PLATEAU_END_LOSS = 2.0


def digits_net(init: str, seed: int) -> MLP:
    """The MLP with "small" = N(0, SMALL_STD^2) weights (MLP's own "small" init) or Xavier."""
    return MLP(DIGITS_SIZES, activation="tanh", init=init, rng=seed, dtype=np.float32)


@functools.cache
def digits_losses() -> dict[str, np.ndarray]:
    """{run: training loss before each full-batch step, shape (len(DIGITS_SEEDS), DIGITS_STEPS)}."""
    split = digits_split()
    X, y = split.X_train[:DIGITS_ROWS], split.y_train[:DIGITS_ROWS]
    out = {}
    for name, (opt_key, lr, init) in DIGITS_RUNS.items():
        rows = []
        for seed in DIGITS_SEEDS:
            net = digits_net(init, seed)
            opt = SGD(lr) if opt_key == "gd" else Adam(lr)
            losses = np.empty(DIGITS_STEPS)
            for t in range(DIGITS_STEPS):
                losses[t] = float(net.loss(X, y))
                opt.step(net.params, net.gradients(X, y))
            rows.append(losses)
        out[name] = np.array(rows)
    return out


def plateau_length(losses: np.ndarray) -> np.ndarray:
    """Per seed (row), the first step whose loss is below PLATEAU_END_LOSS (len + 1 if none)."""
    below = losses < PLATEAU_END_LOSS
    return np.where(below.any(axis=1), np.argmax(below, axis=1), losses.shape[1] + 1)
