"""Computations shared by the softmax figures and the page's prose tests (a helper).

``functools.cache`` runs each experiment once per build: the Korean and the
English image of a figure reuse it, and ``tests/test_prose_softmax.py`` calls
the same functions to check the numbers the page quotes.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np

from dlref import MLP, Adam, Standardizer, load_digits, make_spiral, softmax_cross_entropy

#: Seeds of the spiral runs; seed s draws the training set, s + 100 the dev set.
SPIRAL_SEEDS = (0, 1, 2, 3, 4)
#: The linear classifier (softmax regression) and the CS231n network (100 ReLU units).
SPIRAL_MODELS = {"linear": (2, 3), "mlp": (2, 100, 3)}
SPIRAL_EPOCHS = 300


class SpiralRun(NamedTuple):
    net: MLP
    train_accuracy: float
    dev_accuracy: float


def _spiral_run(model: str, seed: int) -> SpiralRun:
    X, y = make_spiral(100, 3, rng=seed)
    X_dev, y_dev = make_spiral(100, 3, rng=seed + 100)
    net = MLP(SPIRAL_MODELS[model], rng=seed)
    history = net.fit(
        X, y, optimizer=Adam(0.01), epochs=SPIRAL_EPOCHS, batch_size=len(X),
        X_dev=X_dev, y_dev=y_dev, rng=seed,
    )
    return SpiralRun(net, history.train_accuracy[-1], history.dev_accuracy[-1])


@functools.cache
def spiral_runs() -> dict[str, tuple[SpiralRun, ...]]:
    """Full-batch Adam (0.01, 300 epochs) of both models on five spiral draws."""
    return {m: tuple(_spiral_run(m, s) for s in SPIRAL_SEEDS) for m in SPIRAL_MODELS}


def spiral_accuracy(model: str, which: str = "dev") -> tuple[float, float]:
    """Mean and standard deviation over the seeds of the final train/dev accuracy."""
    values = [getattr(r, f"{which}_accuracy") for r in spiral_runs()[model]]
    return float(np.mean(values)), float(np.std(values))


#: Spreads of i.i.d. Gaussian logits for the initial-loss curve.
LOGIT_SCALES = np.logspace(-3, 1, 41)
CLASS_COUNTS = (2, 10, 100)


@functools.cache
def expected_initial_loss(n_classes: int, n_samples: int = 4000) -> np.ndarray:
    """Monte-Carlo mean of the cross-entropy when the logits are N(0, s²), per s."""
    rng = np.random.default_rng(n_classes)
    base = rng.standard_normal((n_samples, n_classes))
    labels = rng.integers(0, n_classes, size=n_samples)
    return np.array([float(softmax_cross_entropy(s * base, labels)[0]) for s in LOGIT_SCALES])


DIGITS_INITS = ("small", "xavier", "he")
DIGITS_SEEDS = tuple(range(10))


class InitialLoss(NamedTuple):
    loss_mean: float
    loss_std: float
    logit_std: float


@functools.cache
def digits_initial_loss() -> dict[str, InitialLoss]:
    """Loss of an untrained 64-64-10 ReLU net on the standardised digits, per init."""
    digits = load_digits()
    X = Standardizer().fit(digits.X).transform(digits.X)
    out = {}
    for init in DIGITS_INITS:
        losses, spreads = [], []
        for seed in DIGITS_SEEDS:
            net = MLP([64, 64, 10], init=init, rng=seed)
            losses.append(float(net.loss(X, digits.y)))
            hidden = np.maximum(X @ net.params["W1"] + net.params["b1"], 0.0)
            spreads.append(float(np.std(hidden @ net.params["W2"] + net.params["b2"])))
        out[init] = InitialLoss(
            float(np.mean(losses)), float(np.std(losses)), float(np.mean(spreads))
        )
    return out
