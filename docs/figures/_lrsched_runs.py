"""Computations shared by the learning-rate decay figures and the page's prose tests (a helper).

``functools.cache`` runs each experiment once per build: the Korean and the English image of a
figure reuse it, and so does the prose test.

The network is a ReLU MLP 64-64-10 (He initialisation, float32) on the digits, scaled to [0, 1]
and split 60/20/20 with seed 0; plain SGD on mini-batches of 32. Each seed changes the initial
weights and the shuffles; the split stays the same. The split and the SGD run come from
``_train.py``, shared with the activation figures.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from _train import digits_split as split
from _train import sgd_on_digits

from dlref import MLP, SGD, LRRangeTest, cosine_annealing, inverse_time_decay, lr_range_test

LAYERS = (64, 64, 10)
BATCH = 32
EPOCHS = 20
SEEDS = (0, 1, 2, 3, 4)
#: The rate the range test points at, one 10 times smaller, and one too large.
GOOD_LR, LOW_LR, HIGH_LR = 1.0, 0.1, 2.0
#: Inverse-time decay rate per epoch for the run that starts too high.
INV_DECAY = 0.3


def _cosine(lr0: float) -> Callable[[int], float]:
    # MLP.fit counts epochs from 1: epoch e runs at step e - 1, as PyTorch's
    # CosineAnnealingLR(T_max=EPOCHS) stepped after each epoch. With total = EPOCHS - 1 the
    # last epoch would run at exactly 0 and not move the weights.
    return lambda epoch: cosine_annealing(lr0, epoch - 1, EPOCHS)


def _inverse_time(lr0: float) -> Callable[[int], float]:
    # Counted from 0, so the first epoch runs at lr0 (the course's formula counts from 1).
    return lambda epoch: inverse_time_decay(lr0, epoch - 1, INV_DECAY)


#: name -> (initial rate, schedule or None for a constant rate)
SETTINGS: dict[str, tuple[float, Callable[[float], Callable[[int], float]] | None]] = {
    "low_const": (LOW_LR, None),
    "low_cosine": (LOW_LR, _cosine),
    "good_const": (GOOD_LR, None),
    "good_cosine": (GOOD_LR, _cosine),
    "high_const": (HIGH_LR, None),
    "high_inverse": (HIGH_LR, _inverse_time),
}


@functools.cache
def dev_losses(name: str) -> np.ndarray:
    """Dev loss after each epoch, one row per seed: shape (len(SEEDS), EPOCHS)."""
    lr0, make = SETTINGS[name]
    schedule = None if make is None else make(lr0)
    return np.array(
        [
            sgd_on_digits(
                MLP(list(LAYERS), dtype=np.float32, rng=seed),
                lr0,
                epochs=EPOCHS,
                batch_size=BATCH,
                seed=seed,
                lr_schedule=schedule,
            ).dev_loss
            for seed in SEEDS
        ]
    )


class Final(NamedTuple):
    """Final dev loss over the seeds: mean and sample standard deviation."""

    mean: float
    std: float


def final(name: str) -> Final:
    last = dev_losses(name)[:, -1]
    return Final(float(last.mean()), float(last.std(ddof=1)))


def differs(a: str, b: str) -> bool:
    """Whether the final dev losses differ by more than twice the standard error of the gap."""
    fa, fb = final(a), final(b)
    se = np.sqrt((fa.std**2 + fb.std**2) / len(SEEDS))
    return bool(abs(fa.mean - fb.mean) > 2 * se)


#: The range test: rates from RANGE_LOW to RANGE_HIGH over RANGE_STEPS mini-batches.
RANGE_LOW, RANGE_HIGH, RANGE_STEPS = 1e-4, 100.0, 200
RANGE_SEEDS = (0, 1, 2)
#: 200 steps over 6 decades is 33 steps per decade: an average over ~10 steps (beta = 0.9) lags
#: a third of a decade, the default beta = 0.98 (~50 steps) one and a half.
RANGE_SMOOTHING = 0.9


def digits_step(
    net: MLP, X: np.ndarray, y: np.ndarray, rng: np.random.Generator
) -> Callable[[float], float]:
    """``step(lr)``: one SGD step on a random mini-batch; returns its loss before the step."""
    opt = SGD(1.0)

    def step(lr: float) -> float:
        idx = rng.choice(len(X), BATCH, replace=False)
        grads = net.gradients(X[idx], y[idx])
        loss = float(net.loss(X[idx], y[idx]))
        opt.lr = lr
        opt.step(net.params, grads)
        return loss

    return step


@functools.cache
def range_test(seed: int, smoothing: float = RANGE_SMOOTHING) -> LRRangeTest:
    """The range test on the training split from a fresh network."""
    sp = split()
    net = MLP(list(LAYERS), dtype=np.float32, rng=seed)
    step = digits_step(net, sp.X_train, sp.y_train, np.random.default_rng(seed))
    return lr_range_test(step, RANGE_LOW, RANGE_HIGH, RANGE_STEPS, smoothing=smoothing)


#: The schedules drawn on one axis, each as a function of the epoch counted from 1 (lr0 = 1).
CURVE_EPOCHS = np.arange(1, EPOCHS + 1)
WARMUP = 5


def schedule_curves() -> dict[str, np.ndarray]:
    """Every schedule's rate in epochs 1..EPOCHS, as a fraction of lr0."""
    from dlref import exponential_decay, inverse_sqrt_decay, linear_warmup, step_decay

    last = EPOCHS
    funcs: dict[str, Callable[[int], float]] = {
        "inverse_time": lambda e: inverse_time_decay(1.0, e, INV_DECAY),
        "exponential": lambda e: exponential_decay(1.0, e, 0.95),
        "exp_k": lambda e: float(np.exp(-0.05 * e)),
        "inverse_sqrt": lambda e: inverse_sqrt_decay(1.0, e),
        "step": lambda e: step_decay(1.0, e, drop=0.5, every=10),
        "cosine": lambda e: cosine_annealing(1.0, e - 1, last),
        "warmup_cosine": lambda e: linear_warmup(
            cosine_annealing(1.0, e - 1, last), e - 1, WARMUP, start_factor=0.1
        ),
    }
    return {name: np.array([f(int(e)) for e in CURVE_EPOCHS]) for name, f in funcs.items()}
