"""Computations shared by the Part III tuning figures and the pages' prose tests (a helper)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
from _bias_variance_runs import digits_split

from dlref import (
    MLP,
    BetaLogUniform,
    IntUniform,
    LogUniform,
    Momentum,
    Trial,
    coarse_to_fine,
    log_uniform,
    narrow_space,
    random_search,
    sample_beta,
)

N_DRAWS = 1000
LR_EDGES = np.array([1e-4, 1e-3, 1e-2, 1e-1, 1.0])
LR_NAMES = ["0.0001–0.001", "0.001–0.01", "0.01–0.1", "0.1–1"]
BETA_EDGES = np.array([0.9, 0.99, 0.999])
BETA_NAMES = ["0.9–0.99", "0.99–0.999"]


def shares() -> dict[str, np.ndarray]:
    """Share of the draws in each range, for the four samplers."""
    rng = np.random.default_rng(0)
    return {
        "lr_uniform": np.histogram(rng.uniform(1e-4, 1.0, N_DRAWS), LR_EDGES)[0] / N_DRAWS,
        "lr_log": np.histogram(log_uniform(1e-4, 1.0, N_DRAWS, rng=rng), LR_EDGES)[0] / N_DRAWS,
        "beta_uniform": np.histogram(rng.uniform(0.9, 0.999, N_DRAWS), BETA_EDGES)[0] / N_DRAWS,
        "beta_log": np.histogram(sample_beta(0.9, 0.999, N_DRAWS, rng=rng), BETA_EDGES)[0]
        / N_DRAWS,
    }


# --- the tuning-process page: a search over four hyperparameters on digits ------------

#: The space of the digits searches: SGD with momentum on a one-hidden-layer ReLU net.
SPACE = {
    "lr": LogUniform(1e-4, 1.0),
    "beta": BetaLogUniform(0.5, 0.999),
    "hidden": IntUniform(8, 128),
    "batch": (16, 32, 64, 128, 256),
}
EPOCHS = 10
N_TRIALS = 60


def dev_error(params: dict[str, Any]) -> float:
    """1 − dev accuracy of a 64-h-10 ReLU net after 10 epochs of momentum SGD (seed 0)."""
    split = digits_split()
    net = MLP([64, params["hidden"], 10], rng=0)
    history = net.fit(
        split.X_train, split.y_train, optimizer=Momentum(params["lr"], params["beta"]),
        epochs=EPOCHS, batch_size=params["batch"], X_dev=split.X_dev, y_dev=split.y_dev, rng=0,
    )
    return 1.0 - history.dev_accuracy[-1]


@functools.cache
def search_trials() -> tuple[Trial, ...]:
    """60 random trials over SPACE, best first."""
    return tuple(random_search(dev_error, SPACE, N_TRIALS, rng=0))


def _position(trials: Sequence[Trial], key: str) -> np.ndarray:
    """Each trial's value of ``key`` on the scale it was drawn on."""
    values = np.array([t.params[key] for t in trials], dtype=float)
    if key == "lr":
        return np.log10(values)
    if key == "beta":
        return -np.log10(1.0 - values)
    return values


def binned_effect(trials: Sequence[Trial], key: str, accuracy: np.ndarray | None = None) -> float:
    """Largest minus smallest mean dev accuracy over four quantile bins of ``key``.

    Categorical ``batch`` uses one bin per value. ``accuracy`` defaults to the
    trials' own; the permutation test passes shuffled accuracies.
    """
    acc = np.array([1.0 - t.score for t in trials]) if accuracy is None else accuracy
    pos = _position(trials, key)
    if key == "batch":
        groups = [acc[pos == v] for v in np.unique(pos)]
    else:
        edges = np.quantile(pos, [0.25, 0.5, 0.75])
        which = np.searchsorted(edges, pos, side="right")
        groups = [acc[which == b] for b in range(4)]
    means = [g.mean() for g in groups if g.size]
    return float(max(means) - min(means))


@functools.cache
def _shuffled_effects() -> dict[str, np.ndarray]:
    """Per hyperparameter, the binned effect of 300 shuffles of the trials' accuracies."""
    trials = search_trials()
    acc = np.array([1.0 - t.score for t in trials])
    rng = np.random.default_rng(1)
    return {
        key: np.array([binned_effect(trials, key, rng.permutation(acc)) for _ in range(300)])
        for key in SPACE
    }


@functools.cache
def importance() -> dict[str, tuple[float, float]]:
    """Per hyperparameter: (binned effect, 95th percentile of the effect with shuffled results)."""
    trials = search_trials()
    return {
        key: (binned_effect(trials, key), float(np.quantile(null, 0.95)))
        for key, null in _shuffled_effects().items()
    }


def clear_effects() -> tuple[str, ...]:
    """The hyperparameters whose effect beats the shuffles at 5 % over all four tests together
    (each against its 1 - 0.05/4 quantile, Bonferroni)."""
    level = 1.0 - 0.05 / len(SPACE)
    return tuple(
        key for key, null in _shuffled_effects().items()
        if importance()[key][0] > np.quantile(null, level)
    )


class CoarseToFine(NamedTuple):
    coarse: tuple[Trial, ...]
    box: dict[str, Any]
    fine: tuple[Trial, ...]


#: The coarse-to-fine search: two rounds of 30 trials, the second inside the span of the top 6.
C2F_TRIALS, C2F_TOP = 30, 6


@functools.cache
def coarse_to_fine_rounds() -> CoarseToFine:
    """The two rounds of ``coarse_to_fine(dev_error, SPACE, rounds=2, ...)`` run by hand."""
    gen = np.random.default_rng(2)
    coarse = random_search(dev_error, SPACE, C2F_TRIALS, rng=gen)
    box = narrow_space(SPACE, coarse, top=C2F_TOP)
    fine = random_search(dev_error, box, C2F_TRIALS, rng=gen)
    return CoarseToFine(tuple(coarse), box, tuple(fine))


# --- the "try it" toy: one round of 20 or two rounds of 10, over many seeds ------------


def _toy_loss(p: dict[str, float]) -> float:
    return float((np.log10(p["lr"]) + 3) ** 2)


@functools.cache
def toy_rounds_vs_once(seeds: int = 300) -> tuple[float, float, float]:
    """Share of seeds where two rounds of 10 beat one round of 20 on the page's toy loss, and
    the median distance (in decades) of each one's best learning rate from the optimum 1e-3."""
    space = {"lr": LogUniform(1e-6, 1.0)}
    once = np.array([random_search(_toy_loss, space, 20, rng=s)[0].score for s in range(seeds)])
    two = np.array([
        coarse_to_fine(_toy_loss, space, rounds=2, n_trials=10, top=3, rng=s)[0].score
        for s in range(seeds)
    ])
    return float(np.mean(two < once)), float(np.median(np.sqrt(once))), float(
        np.median(np.sqrt(two)))


# --- grid vs random on a function where one variable matters -------------------------

#: f(x, y) = g(x) + h(y) on the unit square; g varies a lot, h barely.
X_STAR, Y_STAR = 0.73, 0.3


def important(x: np.ndarray) -> np.ndarray:
    return np.exp(-((x - X_STAR) ** 2) / (2 * 0.06**2))


def unimportant(y: np.ndarray) -> np.ndarray:
    return 0.1 * np.exp(-((y - Y_STAR) ** 2) / (2 * 0.3**2))


GRID = np.array([(x, y) for x in (1 / 6, 1 / 2, 5 / 6) for y in (1 / 6, 1 / 2, 5 / 6)])


@functools.cache
def grid_vs_random(repeats: int = 2000) -> tuple[float, float, float]:
    """Best f found by the 3×3 grid, and mean and std of the best of 9 random points."""
    f_grid = float(np.max(important(GRID[:, 0]) + unimportant(GRID[:, 1])))
    pts = np.random.default_rng(0).random((repeats, 9, 2))
    best = np.max(important(pts[..., 0]) + unimportant(pts[..., 1]), axis=1)
    return f_grid, float(best.mean()), float(best.std())


@functools.cache
def extended_trials() -> tuple[Trial, ...]:
    """The edge check: 30 trials with the learning rate in [0.1, 10] instead of [1e-4, 1]."""
    space = dict(SPACE, lr=LogUniform(0.1, 10.0))
    return tuple(random_search(dev_error, space, 30, rng=3))


# --- panda vs caviar: one babysat model, and a population trained side by side -------

#: The babysitter's decisions: (learning rate, epochs), changed after looking at the curves.
BABYSIT_PLAN = ((0.02, 5), (0.5, 10), (0.1, 10), (0.02, 5))


class Babysat(NamedTuple):
    train_loss: np.ndarray
    dev_accuracy: np.ndarray
    changes: tuple[int, ...]  # the epochs after which the learning rate was changed


@functools.cache
def babysat_run() -> Babysat:
    """One 64-100-10 ReLU net, momentum SGD, its learning rate changed by hand three times."""
    split = digits_split()
    net = MLP([64, 100, 10], rng=0)
    opt = Momentum(BABYSIT_PLAN[0][0], 0.9)
    loss: list[float] = []
    acc: list[float] = []
    changes = []
    for lr, epochs in BABYSIT_PLAN:
        if loss:
            changes.append(len(loss))
        opt.lr = lr
        history = net.fit(split.X_train, split.y_train, optimizer=opt, epochs=epochs,
                          batch_size=64, X_dev=split.X_dev, y_dev=split.y_dev, rng=len(loss))
        loss += history.train_loss
        acc += history.dev_accuracy
    return Babysat(np.array(loss), np.array(acc), tuple(changes))


#: The caviar population: 16 models, each with its own draw and seed, 30 epochs each.
POPULATION_SPACE = {
    "lr": LogUniform(1e-3, 1.0),
    "beta": BetaLogUniform(0.5, 0.99),
    "hidden": IntUniform(16, 128),
    "seed": tuple(range(1000)),
}
POPULATION = 16


def population_error(params: dict[str, Any]) -> float:
    """1 − dev accuracy after 30 epochs of momentum SGD (a module-level, picklable objective)."""
    split = digits_split()
    net = MLP([64, params["hidden"], 10], rng=params["seed"])
    history = net.fit(
        split.X_train, split.y_train, optimizer=Momentum(params["lr"], params["beta"]),
        epochs=30, batch_size=64, X_dev=split.X_dev, y_dev=split.y_dev, rng=params["seed"],
    )
    return 1.0 - history.dev_accuracy[-1]


@functools.cache
def population_trials() -> tuple[Trial, ...]:
    """The 16 caviar models, best first (run serially here; any executor gives the same)."""
    return tuple(random_search(population_error, POPULATION_SPACE, POPULATION, rng=0))
