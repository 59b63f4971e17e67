"""Computations shared by the Adam/AdamW figures and the page's prose tests (a helper).

``functools.cache`` keeps each run for the whole build, so the Korean and the English image of a
figure reuse one computation (the figure hook also caches the rendered images on disk).
Callers must not modify the returned arrays.

- Bias correction: dlref's ``Adam`` against the same update with the two corrections left out
  (the slip of dropping them, written out below as ``uncorrected_adam_steps``).
- Weight decay: a learning-rate × decay grid on a small digits problem, L2 inside Adam
  (``MLP(l2=...)`` with ``Adam``) against decoupled decay (``AdamW``, the paper's form).
- Four optimisers on one digits MLP, the training loss per epoch over several seeds.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from typing import Any, NamedTuple

import numpy as np
from _bias_variance_runs import digits_split

from dlref import MLP, SGD, Adam, AdamW, Momentum, Optimizer, RMSprop

# --- bias correction at beta2 = 0.999 -----------------------------------------------------

BETA1, BETA2, EPS = 0.9, 0.999, 1e-8
STEPS = 1000
#: A stationary noisy gradient per coordinate: mean MU, standard deviation SIGMA.
COORDS, MU, SIGMA = 1000, 0.5, 1.0


def uncorrected_adam_steps(grads: np.ndarray, lr: float = 1.0) -> np.ndarray:
    """The steps of Adam *without* bias correction: lr m / (sqrt(v) + eps), m and v from 0.

    ``grads`` has shape (steps, coordinates); returns the steps with the same shape.
    """
    m = np.zeros(grads.shape[1:])
    v = np.zeros(grads.shape[1:])
    out = np.empty_like(grads)
    for t, g in enumerate(grads):
        m = BETA1 * m + (1 - BETA1) * g
        v = BETA2 * v + (1 - BETA2) * g * g
        out[t] = lr * m / (np.sqrt(v) + EPS)
    return out


def adam_steps(grads: np.ndarray, lr: float = 1.0) -> np.ndarray:
    """The steps dlref's ``Adam`` takes on the gradient stream ``grads`` (steps, coordinates)."""
    opt = Adam(lr, BETA1, BETA2, EPS)
    params = {"p": np.zeros(grads.shape[1:])}
    out = np.empty_like(grads)
    for t, g in enumerate(grads):
        before = params["p"].copy()
        opt.step(params, {"p": g})
        out[t] = before - params["p"]
    return out


def noisy_gradients() -> np.ndarray:
    """STEPS × COORDS gradients drawn from N(MU, SIGMA²), seed 0."""
    return np.random.default_rng(0).normal(MU, SIGMA, (STEPS, COORDS))


@functools.cache
def bias_runs() -> dict[str, np.ndarray]:
    """Step size per step, in units of the learning rate, with and without bias correction.

    "constant_*": a constant gradient (its value does not matter, only its sign);
    "noisy_*": the mean |step| over COORDS coordinates of the noisy stream.
    """
    const = np.full((STEPS, 1), 3.0)
    noisy = noisy_gradients()
    return {
        "constant_corrected": adam_steps(const)[:, 0],
        "constant_uncorrected": uncorrected_adam_steps(const)[:, 0],
        "noisy_corrected": np.abs(adam_steps(noisy)).mean(axis=1),
        "noisy_uncorrected": np.abs(uncorrected_adam_steps(noisy)).mean(axis=1),
    }


def uncorrected_ratio(t: np.ndarray) -> np.ndarray:
    """Uncorrected step over corrected step for a constant gradient: (1 - β1^t)/sqrt(1 - β2^t)."""
    return (1 - BETA1**t) / np.sqrt(1 - BETA2**t)


# --- weight decay: a learning-rate × decay grid on a small digits problem -----------------

#: Few training samples, so that the net can overfit them and regularisation has work to do.
GRID_TRAIN, GRID_HIDDEN, GRID_EPOCHS, GRID_BATCH = 150, 128, 60, 32
GRID_LRS = (1e-4, 3e-4, 1e-3, 3e-3, 1e-2)
#: The decay values per kind of run:
#: "l2": MLP's l2 = λ (the gradient gets (λ/m) W, m = the mini-batch size), with Adam;
#: "torch": AdamW's weight_decay = λ in PyTorch's form (each step removes lr·λ of every weight);
#: "paper": AdamW's weight_decay = λ in the paper's form (each step removes λ of every weight).
DECAYS = {
    "l2": (0.1, 0.3, 1.0, 3.0, 10.0),
    "torch": (0.1, 0.3, 1.0, 3.0, 10.0),
    "paper": (1e-4, 3e-4, 1e-3, 3e-3, 1e-2),
}
BASELINE_SEEDS = (0, 1, 2)


class Job(NamedTuple):
    kind: str  # "l2", "torch", "paper" or "none"
    lr: float
    decay: float
    seed: int


def grid_error(job: Job) -> tuple[float, float]:
    """(dev error, test error) of the 64-128-10 ReLU net after GRID_EPOCHS epochs of ``job``."""
    s = digits_split()
    net = MLP(
        [64, GRID_HIDDEN, 10],
        l2=job.decay if job.kind == "l2" else 0.0,
        dtype=np.float32,
        rng=job.seed,
    )
    opt: Optimizer = Adam(job.lr)
    if job.kind in ("torch", "paper"):
        opt = AdamW(job.lr, weight_decay=job.decay, decay_scaled_by_lr=job.kind == "torch")
    net.fit(
        s.X_train[:GRID_TRAIN],
        s.y_train[:GRID_TRAIN],
        optimizer=opt,
        epochs=GRID_EPOCHS,
        batch_size=GRID_BATCH,
        rng=job.seed,
    )
    dev = float(np.mean(net.predict(s.X_dev) != s.y_dev))
    test = float(np.mean(net.predict(s.X_test) != s.y_test))
    return dev, test


def _jobs() -> list[Job]:
    jobs = [Job(kind, lr, d, 0) for kind, ds in DECAYS.items() for lr in GRID_LRS for d in ds]
    return jobs + [Job("none", lr, 0.0, seed) for lr in GRID_LRS for seed in BASELINE_SEEDS]


class Grid(NamedTuple):
    dev: dict[str, np.ndarray]  # kind -> (len(GRID_LRS), 5) dev errors, seed 0
    test: dict[str, np.ndarray]
    none_dev: np.ndarray  # (len(GRID_LRS), len(BASELINE_SEEDS)): no decay at all
    none_test: np.ndarray


def weight_decay_grid(executor: Executor | None = None) -> Grid:
    """Every run of the grid, on ``executor`` (any ``concurrent.futures`` executor) or inline."""
    jobs = _jobs()
    mapper: Callable[[Callable[[Job], tuple[float, float]], Iterable[Job]], Iterator[Any]] = (
        map if executor is None else executor.map
    )
    results = dict(zip(jobs, mapper(grid_error, jobs), strict=True))
    dev: dict[str, np.ndarray] = {}
    test: dict[str, np.ndarray] = {}
    for kind, ds in DECAYS.items():
        dev[kind] = np.array([[results[Job(kind, lr, d, 0)][0] for d in ds] for lr in GRID_LRS])
        test[kind] = np.array([[results[Job(kind, lr, d, 0)][1] for d in ds] for lr in GRID_LRS])
    none = [[results[Job("none", lr, 0.0, s)] for s in BASELINE_SEEDS] for lr in GRID_LRS]
    return Grid(dev, test, np.array(none)[..., 0], np.array(none)[..., 1])


@functools.cache
def grid() -> Grid:
    """The weight-decay grid, computed once per build (single-threaded)."""
    return weight_decay_grid()


# --- four optimisers on one digits MLP -----------------------------------------------------

RACE_HIDDEN, RACE_EPOCHS, RACE_BATCH = 64, 20, 64
RACE_SEEDS = (0, 1, 2, 3, 4)
#: The learning rate of each optimiser: the best of RACE_LRS by the mean final training loss.
RACE_LRS = (1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1.0, 3.0, 10.0)
OPTIMIZERS: dict[str, Callable[[float], Optimizer]] = {
    "sgd": SGD,
    "momentum": lambda lr: Momentum(lr, 0.9),
    "rmsprop": lambda lr: RMSprop(lr, 0.9),
    "adam": Adam,
}


def race_loss(name: str, lr: float, seed: int) -> np.ndarray:
    """Training loss after each epoch (epoch 0 = before training) of the 64-64-10 ReLU net."""
    s = digits_split()
    net = MLP([64, RACE_HIDDEN, 10], dtype=np.float32, rng=seed)
    start = float(net.loss(s.X_train, s.y_train))
    try:
        h = net.fit(
            s.X_train,
            s.y_train,
            optimizer=OPTIMIZERS[name](lr),
            epochs=RACE_EPOCHS,
            batch_size=RACE_BATCH,
            rng=seed,
        )
    except ValueError:  # diverged (fit raises on a non-finite loss)
        return np.full(RACE_EPOCHS + 1, np.inf)
    return np.array([start, *h.train_loss])


@functools.cache
def race() -> dict[str, tuple[float, np.ndarray]]:
    """Per optimiser: (its learning rate, losses of shape (len(RACE_SEEDS), RACE_EPOCHS + 1)).

    The rate is chosen on seed 0 by the final training loss; then every seed runs at it.
    """
    out = {}
    for name in OPTIMIZERS:
        finals = [race_loss(name, lr, 0)[-1] for lr in RACE_LRS]
        lr = RACE_LRS[int(np.argmin(finals))]
        out[name] = (lr, np.array([race_loss(name, lr, seed) for seed in RACE_SEEDS]))
    return out
