"""Computations shared by the babysitting figures and the page's prose tests (a helper).

Every run goes through the package's own checks (``dlref.babysit``), so the figures
show exactly what a reader gets from them. ``functools.cache`` runs each experiment
once per build: the Korean and the English image of a figure, and the prose tests,
reuse it.
"""

from __future__ import annotations

import functools

import numpy as np

from dlref import (
    MLP,
    SGD,
    LearningRateSweep,
    Split,
    UpdateRatioCheck,
    check_learning_rates,
    check_update_ratios,
    load_digits,
    train_dev_test_split,
)

#: The network: a ReLU MLP with He initialisation, float32 (as the other digits figures).
LAYERS = (64, 64, 64, 10)
#: Too low, good, high, very high (plain SGD, mini-batches of 32).
RATES = (1e-4, 0.1, 1.0, 10.0)
#: The rates whose update/weight ratios are drawn.
RATIO_RATES = (0.01, 0.1, 1.0)
EPOCHS = 10
BATCH = 32
SEEDS = (0, 1, 2, 3, 4)


@functools.cache
def digits() -> Split:
    """Digits scaled to [0, 1] (pixel / 16), float32, split 60/20/20 with seed 0."""
    X, y = load_digits()
    return train_dev_test_split((X / 16.0).astype(np.float32), y, (0.6, 0.2, 0.2), rng=0)


def net(seed: int = 0) -> MLP:
    return MLP(LAYERS, dtype=np.float32, rng=seed)


@functools.cache
def sweep(seed: int = 0, rates: tuple[float, ...] = RATES) -> LearningRateSweep:
    """``check_learning_rates`` on the training set, EPOCHS epochs per rate."""
    s = digits()
    return check_learning_rates(
        net(seed), s.X_train, s.y_train, rates, epochs=EPOCHS, batch_size=BATCH, rng=seed
    )


@functools.cache
def ratios(lr: float, seed: int = 0) -> UpdateRatioCheck:
    """``check_update_ratios`` over EPOCHS epochs of SGD(lr): one row per mini-batch step."""
    s = digits()
    steps = EPOCHS * -(-len(s.X_train) // BATCH)
    return check_update_ratios(
        net(seed), s.X_train, s.y_train, optimizer=SGD(lr), steps=steps, batch_size=BATCH, rng=seed
    )


def final_losses(lr: float) -> np.ndarray:
    """The training loss after EPOCHS epochs of SGD(lr), one per seed."""
    if lr in RATES:  # the figure's sweep already trained it (same seed, same batches)
        return np.array([sweep(seed).trials[RATES.index(lr)].losses[-1] for seed in SEEDS])
    return np.array([sweep(seed, (lr,)).trials[0].losses[-1] for seed in SEEDS])


def median_ratios(lr: float) -> np.ndarray:
    """The median update/weight ratio per layer (columns) for each seed (rows)."""
    return np.array([ratios(lr, seed).medians for seed in SEEDS])


def mean_sd(values: np.ndarray) -> str:
    """``"0.13 ± 0.04"``: the mean and the standard deviation over seeds (ddof=1), 2 decimals."""
    return f"{np.mean(values):.2f} ± {np.std(values, ddof=1):.2f}"


def verdict_counts(lr: float) -> dict[str, int]:
    """How many of the SEEDS gave each verdict to ``lr`` in the figure's sweep."""
    k = RATES.index(lr)
    counts: dict[str, int] = {}
    for seed in SEEDS:
        verdict = sweep(seed).trials[k].verdict
        counts[verdict] = counts.get(verdict, 0) + 1
    return counts
