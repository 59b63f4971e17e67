"""The capstone pipeline: digits from raw pixels to a tuned, tested model (a helper).

One function, ``run(budget, executor)``, does every step of the capstone page in order and
returns plain numbers (a JSON-able dict):

1. split the raw digits 60/20/20 (seed 0) and fit a ``Standardizer`` on the training rows only;
2. sanity checks on the He-initialised network: initial loss, overfitting 20 samples, a
   learning-rate sweep with Adam;
3. a random search, then a second round in the space narrowed to the best trials
   (coarse to fine), every trial the dev error of a 64-h-h-10 ReLU net with batch norm and
   dropout trained with Adam; the trials run on ``executor``;
4. the best setting of each round trained again with several seeds, and the overall best
   without batch norm and without dropout (what helped, what did not);
5. the final model (the best trial's own run, seed 0): its learning curves, a bias/variance
   diagnosis, and its test accuracy, measured once, with its standard error.

``FULL`` is the budget of the figures and the page (about 40 s single-threaded, kept on disk
in ``.cache/capstone/`` under a key made of this file and every dlref file, so the English and
Korean figures and the prose tests share one run); the test suite also runs ``SMALL``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from dlref import (
    MLP,
    Adam,
    IntUniform,
    LogUniform,
    Standardizer,
    Trial,
    Uniform,
    check_initial_loss,
    check_learning_rates,
    check_overfit,
    diagnose,
    load_digits,
    narrow_space,
    random_search,
    train_dev_test_split,
)

ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / ".cache" / "capstone"

#: The search space: Adam's learning rate, the dropout keep probability, the hidden width.
SPACE = {
    "lr": LogUniform(1e-4, 1e-1),
    "keep_prob": Uniform(0.5, 1.0),
    "hidden": IntUniform(32, 256),
}
#: How many best trials span the fine round's ranges.
TOP = 4
BATCH = 64
#: The learning rates of the sanity sweep (Adam, a few epochs each).
SWEEP_LRS = (1e-5, 1e-3, 1e-1, 10.0)


class Budget(NamedTuple):
    trials: int  # trials per round (coarse, then fine)
    epochs: int  # epochs of every training run
    seeds: int  # seeds of each comparison
    sweep_epochs: int  # epochs per learning rate of the sanity sweep
    overfit_epochs: int  # full-batch epochs of the 20-sample check


FULL = Budget(trials=16, epochs=20, seeds=5, sweep_epochs=3, overfit_epochs=200)
SMALL = Budget(trials=3, epochs=2, seeds=2, sweep_epochs=1, overfit_epochs=20)


class Data(NamedTuple):
    X_train: np.ndarray
    y_train: np.ndarray
    X_dev: np.ndarray
    y_dev: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


@functools.cache
def data() -> Data:
    """Raw pixels (0–16) split 60/20/20 with seed 0, standardised with training statistics."""
    X, y = load_digits()
    s = train_dev_test_split(X.astype(np.float32), y, (0.6, 0.2, 0.2), rng=0)
    scaler = Standardizer().fit(s.X_train)  # the training rows only
    return Data(
        scaler.transform(s.X_train), s.y_train,
        scaler.transform(s.X_dev), s.y_dev,
        scaler.transform(s.X_test), s.y_test,
    )  # fmt: skip


def make_net(params: dict[str, Any], seed: int) -> MLP:
    """64-h-h-10 ReLU, He initialisation, batch norm and dropout unless ``params`` turn them off."""
    return MLP(
        [64, params["hidden"], params["hidden"], 10],
        init="he",
        batchnorm=params.get("batchnorm", True),
        keep_prob=params["keep_prob"],
        dtype=np.float32,
        rng=seed,
    )


def train(params: dict[str, Any], seed: int, epochs: int) -> tuple[MLP, Any]:
    """Train ``make_net(params, seed)`` with Adam; return the net and its History."""
    d = data()
    net = make_net(params, seed)
    history = net.fit(
        d.X_train, d.y_train, optimizer=Adam(params["lr"]), epochs=epochs, batch_size=BATCH,
        X_dev=d.X_dev, y_dev=d.y_dev, rng=seed,
    )  # fmt: skip
    return net, history


def dev_error(params: dict[str, Any], epochs: int) -> float:
    """The objective of the search: 1 − dev accuracy after ``epochs`` epochs, seed 0."""
    return 1.0 - train(params, 0, epochs)[1].dev_accuracy[-1]


def sanity(budget: Budget) -> dict[str, Any]:
    """The babysitting checks on the untrained net of a middle setting."""
    d = data()
    net = make_net({"hidden": 128, "keep_prob": 0.8}, 0)
    first = check_initial_loss(net, d.X_train, d.y_train)
    overfit = check_overfit(
        net, d.X_train, d.y_train, optimizer=Adam(1e-2), epochs=budget.overfit_epochs
    )
    sweep = check_learning_rates(
        net, d.X_train, d.y_train, SWEEP_LRS, optimizer=Adam, epochs=budget.sweep_epochs,
        batch_size=BATCH,
    )  # fmt: skip
    return {
        "initial_loss": first.loss,
        "initial_expected": first.expected,
        "initial_passed": first.passed,
        "overfit_loss": overfit.losses[-1],
        "overfit_accuracy": overfit.accuracy,
        "overfit_passed": overfit.passed,
        "sweep": [[t.lr, t.verdict, list(t.losses)] for t in sweep.trials],
        "sweep_best": sweep.best_lr,
    }


def _trials(trials: list[Trial]) -> list[dict[str, Any]]:
    return [{"params": dict(t.params), "score": t.score} for t in trials]


def search(budget: Budget, executor: Executor | None = None) -> dict[str, Any]:
    """Coarse round on SPACE, fine round on SPACE narrowed to the TOP best; one generator."""
    objective = functools.partial(dev_error, epochs=budget.epochs)
    gen = np.random.default_rng(0)
    coarse = random_search(objective, SPACE, budget.trials, rng=gen, executor=executor)
    fine_space = narrow_space(SPACE, coarse, top=TOP)
    fine = random_search(objective, fine_space, budget.trials, rng=gen, executor=executor)
    return {
        "coarse": _trials(coarse),
        "fine": _trials(fine),
        "fine_space": {k: [v.low, v.high] for k, v in fine_space.items()},
    }


def _best(trials: list[dict[str, Any]]) -> dict[str, Any]:
    return dict(min(trials, key=lambda t: t["score"])["params"])


def _dev_accuracies(params: dict[str, Any], budget: Budget) -> list[float]:
    return [train(params, seed, budget.epochs)[1].dev_accuracy[-1] for seed in range(budget.seeds)]


def compute(budget: Budget, executor: Executor | None = None) -> dict[str, Any]:
    """Every step of the capstone, in order (no cache)."""
    d = data()
    out: dict[str, Any] = {"budget": budget._asdict(), "sizes": [len(d.y_train), len(d.y_dev),
                                                                 len(d.y_test)]}
    out["sanity"] = sanity(budget)
    out.update(search(budget, executor))
    best = _best(out["coarse"] + out["fine"])
    out["best"] = best
    settings = {
        "coarse_best": _best(out["coarse"]),
        "fine_best": _best(out["fine"]),
        "no_batchnorm": {**best, "batchnorm": False},
        "no_dropout": {**best, "keep_prob": 1.0},
    }
    out["seeds"] = {name: _dev_accuracies(p, budget) for name, p in settings.items()}
    net, history = train(best, 0, budget.epochs)  # the best trial's own run
    out["history"] = {
        "train_loss": history.train_loss, "dev_loss": history.dev_loss,
        "train_accuracy": history.train_accuracy, "dev_accuracy": history.dev_accuracy,
    }  # fmt: skip
    train_error, dev_err = 1 - history.train_accuracy[-1], 1 - history.dev_accuracy[-1]
    out["diagnosis"] = diagnose(train_error, dev_err)._asdict()
    # Every choice is made: the test set is used once, here.
    accuracy = float(np.mean(net.predict(d.X_test) == d.y_test))
    m = len(d.y_test)
    out["test"] = {"accuracy": accuracy, "m": m, "se": math.sqrt(accuracy * (1 - accuracy) / m)}
    return out


def _key(budget: Budget) -> str:
    h = hashlib.sha256(repr(tuple(budget)).encode())
    for path in [Path(__file__), *sorted((ROOT / "dlref").glob("*.py"))]:
        h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()[:16]


@functools.cache
def run(budget: Budget = FULL) -> dict[str, Any]:
    """``compute(budget)`` on a two-thread pool, kept on disk; callers must not modify it.

    The figures of the page call ``run()``, so they are computed on this ``ThreadPoolExecutor``.
    """
    path = CACHE_DIR / f"{_key(budget)}.json"
    if path.exists():
        return json.loads(path.read_text())
    from threadpoolctl import threadpool_limits  # comes with scikit-learn (the docs extra)

    # One BLAS thread, as the figure hook draws: the run is the same wherever it is made.
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(max_workers=2) as pool:
        out = compute(budget, pool)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out))
    return json.loads(path.read_text())  # the same floats, whether fresh or from disk
