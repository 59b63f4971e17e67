"""Runs shared by the figures of the mini-batch, momentum, Nesterov and RMSprop pages.

A helper, not a figure: ``functools.cache`` computes each run once per build,
so the Korean and English images (and the prose tests) share them.

- Mini-batch: softmax regression on the scikit-learn digits, trained with
  mini-batch gradient descent, recording the training loss against epochs and
  against measured wall-clock time, and the loss of every mini-batch.
- Momentum: the convergence rate of heavy-ball momentum on a quadratic,
  measured from ``dlref.Momentum`` runs and predicted by Goh (2017).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from matplotlib.ticker import FuncFormatter, NullFormatter

from dlref import (
    MLP,
    SGD,
    Momentum,
    Standardizer,
    elongated_quadratic_grad,
    load_digits,
    minibatches,
    train_dev_test_split,
    trajectory,
)


def plain_log_ticks(*axes: object) -> None:
    """Label log-scale axes 0.01, 0.1, 1 (not 10^-2: NanumGothic has no minus sign)."""
    for axis in axes:
        axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))  # type: ignore[attr-defined]
        axis.set_minor_formatter(NullFormatter())  # type: ignore[attr-defined]


# --- mini-batch gradient descent ------------------------------------------------

#: Batch sizes compared; ``None`` is the whole training set (batch gradient descent).
BATCH_SIZES: tuple[int | None, ...] = (1, 16, 128, None)
#: Learning rates tried for every batch size; ``best_lrs`` picks one per size.
LR_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
#: Epochs of each batch size's run: the larger the batch, the cheaper an epoch.
EPOCHS: dict[int | None, int] = {1: 2, 16: 10, 128: 50, None: 250}
#: The network: 64 pixels, a hidden ReLU layer of 32 units, 10 classes.
LAYERS = (64, 32, 10)
#: Seeds of the shuffles (the initial weights are the same in every run).
SEEDS = (0, 1, 2, 3, 4)


@functools.cache
def digits_train() -> tuple[np.ndarray, np.ndarray]:
    """The training three quarters of the digits, standardised with their own statistics."""
    X, y = load_digits()
    s = train_dev_test_split(X, y, (0.75, 0.25, 0.0), rng=0)
    return Standardizer().fit_transform(s.X_train), s.y_train


class Run(NamedTuple):
    """One training run: the full training loss at checkpoints."""

    epochs: np.ndarray  # checkpoint positions, in epochs (0 = before training)
    steps: np.ndarray  # optimiser steps taken at each checkpoint
    loss: np.ndarray  # full training loss at each checkpoint


def _size(batch: int | None) -> int:
    return digits_train()[0].shape[0] if batch is None else batch


@functools.cache
def train(batch: int | None, lr: float, seed: int) -> Run:
    """The network trained by mini-batch SGD, checkpointed up to 16 times per epoch.

    At most about 300 checkpoints per run (each is a full-loss evaluation).
    The full batch does not depend on the shuffle: every seed gives seed 0's run.
    """
    if batch is None and seed != 0:
        return train(None, lr, 0)
    X, y = digits_train()
    m, size, epochs = X.shape[0], _size(batch), EPOCHS[batch]
    per_epoch = -(-m // size)
    every = max(1, per_epoch // 16, -(-per_epoch * epochs // 300))
    net = MLP(LAYERS, rng=0)
    opt = SGD(lr)
    gen = np.random.default_rng(seed)
    ep, steps, loss = [0.0], [0], [float(net.loss(X, y))]
    it = 0
    for epoch in range(epochs):
        for i, (Xb, yb) in enumerate(minibatches(X, y, size, rng=gen), start=1):
            opt.step(net.params, net.gradients(Xb, yb))
            it += 1
            if i % every == 0 or i == per_epoch:
                ep.append(epoch + i / per_epoch)
                steps.append(it)
                loss.append(float(net.loss(X, y)))
                if not np.isfinite(loss[-1]):
                    raise ValueError(f"batch {batch}, lr {lr}: training diverged")
    return Run(np.array(ep), np.array(steps), np.array(loss))


@functools.cache
def step_seconds(batch: int | None, steps: int = 40, repeats: int = 5) -> float:
    """Wall-clock seconds of one step (gradient + update), the fastest of ``repeats`` timings.

    Each timing runs ``steps`` steps on random batches of the size. Taking the
    minimum filters out the pauses of a shared machine; the absolute value
    still depends on the computer.
    """
    X, y = digits_train()
    size = _size(batch)
    net, opt, gen = MLP(LAYERS, rng=0), SGD(0.01), np.random.default_rng(0)
    batches = [gen.choice(X.shape[0], size, replace=False) for _ in range(steps)]
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for idx in batches:
            opt.step(net.params, net.gradients(X[idx], y[idx]))
        best = min(best, time.perf_counter() - start)
    return best / steps


def final_loss(batch: int | None, lr: float, seed: int = 0) -> float:
    """The training loss at the end of the run (inf if it diverged)."""
    try:
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            return float(train(batch, lr, seed).loss[-1])
    except ValueError:  # diverged
        return float("inf")


@functools.cache
def best_lrs() -> dict[int | None, float]:
    """For each batch size, the rate of ``LR_GRID`` with the lowest final loss (seed 0)."""
    return {b: min(LR_GRID, key=lambda lr, b=b: final_loss(b, lr)) for b in BATCH_SIZES}


#: The rates ``best_lrs()`` picks (a test checks it); fixed here so the figures stay cheap.
LRS: dict[int | None, float] = {1: 0.03, 16: 0.3, 128: 1.0, None: 3.0}


def final_losses(batch: int | None) -> np.ndarray:
    """The final training loss of every seed, at the batch size's rate in ``LRS``."""
    return np.array([train(batch, LRS[batch], s).loss[-1] for s in SEEDS])


@functools.cache
def batch_losses(batch: int, lr: float = 0.1, steps: int = 300, seed: int = 0) -> np.ndarray:
    """The loss of each of the first ``steps`` mini-batches (measured before its step)."""
    X, y = digits_train()
    net, opt, gen = MLP(LAYERS, rng=0), SGD(lr), np.random.default_rng(seed)
    out: list[float] = []
    while len(out) < steps:
        for Xb, yb in minibatches(X, y, batch, rng=gen):
            out.append(float(net.loss(Xb, yb)))
            opt.step(net.params, net.gradients(Xb, yb))
            if len(out) == steps:
                break
    return np.array(out)


@functools.cache
def gradient_noise(
    batches: tuple[int, ...], draws: int = 400, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Measured and predicted RMS error of the mini-batch gradient, at the initial weights.

    The measured value is $\\sqrt{\\operatorname{mean}\\lVert g_B - g\\rVert^2}$
    over ``draws`` random batches drawn without replacement; the prediction is
    $\\sqrt{\\frac{m-B}{B(m-1)} \\cdot \\frac1m\\sum_i \\lVert g_i - g\\rVert^2}$
    from the per-sample gradients $g_i$.
    """
    X, y = digits_train()
    m = X.shape[0]
    net = MLP(LAYERS, rng=0)
    per_sample = np.stack(
        [
            np.concatenate([v.ravel() for v in net.gradients(X[i : i + 1], y[i : i + 1]).values()])
            for i in range(m)
        ]
    )
    full = per_sample.mean(axis=0)
    spread = np.mean(np.sum((per_sample - full) ** 2, axis=1))
    gen = np.random.default_rng(seed)
    measured, predicted = [], []
    for b in batches:
        errs = [
            np.sum((per_sample[gen.choice(m, b, replace=False)].mean(axis=0) - full) ** 2)
            for _ in range(draws)
        ]
        measured.append(np.sqrt(np.mean(errs)))
        predicted.append(np.sqrt((m - b) / (b * (m - 1)) * spread))
    return np.array(measured), np.array(predicted)


# --- momentum: convergence rate on a quadratic -------------------------------------


def envelope_rate(distances: np.ndarray, window: int = 80, floor: float = 1e-200) -> float:
    r"""Per-step contraction of a sequence of distances, from its envelope.

    The distance of an oscillating run dips through zero, so the rate is taken
    from the largest distance in a window: between the window ending at the
    last step with $d > $ ``floor`` (before underflow) and the one ending
    halfway there, $r = (\max d_{\text{late}} / \max d_{\text{early}})^{1/\Delta t}$.
    """
    d = np.asarray(distances, dtype=float)
    valid = np.flatnonzero(d > floor)
    end = int(valid[-1]) if valid.size else 0
    if end < 2 * window:
        window = max(1, end // 4)
    mid = end // 2
    late = np.max(d[end - window + 1 : end + 1])
    early = np.max(d[mid - window + 1 : mid + 1])
    return float((late / early) ** (1.0 / (end - mid)))


@functools.cache  # both languages of a figure plot the same runs
def measured_rate(lr2: float, beta: float, kappa: float, steps: int = 400) -> float:
    r"""Per-step contraction of ``dlref.Momentum`` on ``elongated_quadratic``, from (1, 1).

    ``lr2`` is the learning rate of the form $v \leftarrow \beta v + g$ (Goh,
    PyTorch); dlref's form takes ``lr2 / (1 - beta)``. A diverging run
    (rate above 1) returns ``inf``.
    """
    opt = Momentum(lr=lr2 / (1.0 - beta), beta=beta)
    try:
        path = trajectory(
            opt, lambda p: elongated_quadratic_grad(p, kappa=kappa), [1.0, 1.0], steps
        )
    except ValueError:  # diverged
        return float("inf")
    return envelope_rate(np.linalg.norm(path, axis=1))


def predicted_rate(lr2: float, beta: float, eigenvalues: tuple[float, ...]) -> float:
    """The largest modulus of the eigenvalues of Goh's 2×2 iteration matrix, over the directions."""
    worst = 0.0
    for lam in eigenvalues:
        r = np.array([[beta, lam], [-lr2 * beta, 1.0 - lr2 * lam]])
        worst = max(worst, float(np.max(np.abs(np.linalg.eigvals(r)))))
    return worst


# --- races on the 2-D surfaces ------------------------------------------------------


def ellipse_starts(kappa: float, n: int = 20, seed: int = 0, value: float = 50.0) -> np.ndarray:
    """``n`` random points where ``elongated_quadratic`` equals ``value`` (uniform angle)."""
    theta = np.random.default_rng(seed).uniform(0.0, 2.0 * np.pi, n)
    r = np.sqrt(2.0 * value)
    return np.column_stack([r * np.cos(theta), r * np.sin(theta) / np.sqrt(kappa)])


def steps_to(
    make_opt: Callable[[], Any],
    grad: Callable[[np.ndarray], np.ndarray],
    value: Callable[[np.ndarray], Any],
    starts: np.ndarray,
    tol: float,
    max_steps: int = 5000,
) -> np.ndarray:
    """For each start, the first step at which ``value(p) < tol``; ``max_steps + 1`` if never.

    All starts run at once as the rows of one parameter array of shape
    ``(n, 2)``: dlref's optimisers and surfaces work elementwise, so each row
    takes exactly the steps [`trajectory`][dlref.landscapes.trajectory] would
    take from that start. A row whose gradient stops being finite has
    diverged; it is frozen (zero gradient from then on) and counted as never.
    """
    params = {"p": np.array(starts, dtype=float)}
    opt = make_opt()
    n = params["p"].shape[0]
    hit = np.full(n, max_steps + 1)
    dead = np.zeros(n, dtype=bool)
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(max_steps + 1):
            below = (np.asarray(value(params["p"])) < tol) & (hit > max_steps) & ~dead
            hit[below] = t
            if np.all((hit <= max_steps) | dead) or t == max_steps:
                break
            g = grad(params["p"])
            bad = ~np.all(np.isfinite(g), axis=1) | ~np.all(np.abs(params["p"]) < 1e100, axis=1)
            dead |= bad
            g[dead] = 0.0
            params["p"][dead] = 0.0
            opt.step(params, {"p": g})
    return hit


def rosenbrock_starts(n: int = 21, seed: int = 0) -> np.ndarray:
    """``n`` random starts in the box [-2, 2] × [-1, 3] around the Rosenbrock valley."""
    rng = np.random.default_rng(seed)
    return np.column_stack([rng.uniform(-2.0, 2.0, n), rng.uniform(-1.0, 3.0, n)])


def distance_to(point: tuple[float, float]) -> Callable[[np.ndarray], Any]:
    """``p -> |p - point|`` for a point or a stack of points."""
    target = np.asarray(point)
    return lambda p: np.linalg.norm(np.asarray(p) - target, axis=-1)


#: Momentum against Nesterov: (surface, learning rate of the dlref form, tolerance, max steps).
RACES = {
    "quadratic": (0.1, 1e-6, 2000),
    "rosenbrock": (0.004, 1e-4, 20000),
}


@functools.cache
def momentum_vs_nesterov(surface: str) -> dict[str, np.ndarray]:
    """Steps to reach the tolerance from 21 starts, for ``Momentum`` and ``Nesterov`` (β = 0.9).

    On the quadratic (κ = 100) the value is ``f`` from starts on the contour
    f = 50; on Rosenbrock it is the distance to the minimum (1, 1).
    """
    from dlref import Nesterov, elongated_quadratic, rosenbrock_grad

    lr, tol, max_steps = RACES[surface]
    if surface == "quadratic":
        grad: Callable[[np.ndarray], np.ndarray] = functools.partial(
            elongated_quadratic_grad, kappa=100.0
        )
        value: Callable[[np.ndarray], Any] = functools.partial(elongated_quadratic, kappa=100.0)
        starts = ellipse_starts(100.0, n=21)
    else:
        grad, value, starts = rosenbrock_grad, distance_to((1.0, 1.0)), rosenbrock_starts()
    return {
        name: steps_to(lambda cls=cls: cls(lr=lr, beta=0.9), grad, value, starts, tol, max_steps)
        for name, cls in (("momentum", Momentum), ("nesterov", Nesterov))
    }


# --- RMSprop ------------------------------------------------------------------------


def run_rows(
    make_opt: Callable[[], Any],
    grad: Callable[[np.ndarray], np.ndarray],
    starts: np.ndarray,
    steps: int,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Paths ``(steps + 1, n, 2)`` from ``n`` starts at once, and RMSprop's ``s`` along them.

    The second array holds the optimiser's state ``s`` after each step (shape
    ``(steps, n, 2)``) when the optimiser keeps one (RMSprop), else ``None``.
    """
    params = {"p": np.array(starts, dtype=float)}
    opt = make_opt()
    path = [params["p"].copy()]
    s_hist = []
    for _ in range(steps):
        opt.step(params, {"p": grad(params["p"])})
        path.append(params["p"].copy())
        state = opt.state.get("p", {})
        if "s" in state:
            s_hist.append(state["s"].copy())
    return np.array(path), (np.array(s_hist) if s_hist else None)


@functools.cache
def rmsprop_hover(lr: float, steps: int = 3000, last: int = 100) -> np.ndarray:
    """Mean cost over the last ``last`` of ``steps`` RMSprop steps (β = 0.9), per start.

    On ``elongated_quadratic`` with κ = 100, from the 21 starts of the races:
    with a constant rate RMSprop does not settle, and this is the level it
    hovers at.
    """
    from dlref import RMSprop, elongated_quadratic

    grad = functools.partial(elongated_quadratic_grad, kappa=100.0)
    path, _ = run_rows(lambda: RMSprop(lr=lr, beta=0.9), grad, ellipse_starts(100.0, n=21), steps)
    return np.mean(elongated_quadratic(path[-last:], kappa=100.0), axis=0)
