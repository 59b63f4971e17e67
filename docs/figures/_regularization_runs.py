"""Training runs shared by the L2, L1 and dropout figures (a helper, not a figure).

``functools.cache`` keeps each run for the whole build, so the Korean and the
English image of a figure, and several figures, reuse one training run.
Callers must not modify the returned arrays or networks.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np
from _bias_variance_runs import digits_split

from dlref import (
    MLP,
    SGD,
    Adam,
    l1_grad,
    l2_grad,
    make_moons,
    random_normal,
    softmax_cross_entropy,
)

# --- L2 on two moons ------------------------------------------------------------------

#: Few, noisy training points: a 2-50-50-2 tanh net can memorise all of them.
MOONS_TRAIN, MOONS_DEV, MOONS_NOISE = 60, 2000, 0.3
MOONS_SIZES = [2, 50, 50, 2]
MOONS_EPOCHS, MOONS_LR = 400, 0.02
#: The grid searched on the dev set (lambda = 0 is trained too, as the baseline).
LAMBDAS = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


class Moons(NamedTuple):
    X: np.ndarray
    y: np.ndarray
    X_dev: np.ndarray
    y_dev: np.ndarray


@functools.cache
def moons() -> Moons:
    """60 training and 2000 dev points of two moons, noise 0.3."""
    X, y = make_moons(MOONS_TRAIN, noise=MOONS_NOISE, rng=3)
    X_dev, y_dev = make_moons(MOONS_DEV, noise=MOONS_NOISE, rng=1)
    return Moons(X.astype(np.float32), y, X_dev.astype(np.float32), y_dev)


@functools.cache
def moons_net(lambd: float) -> MLP:
    """The tanh net trained full-batch with Adam and L2 strength ``lambd`` (m = 60)."""
    d = moons()
    net = MLP(MOONS_SIZES, activation="tanh", init="xavier", l2=lambd, dtype=np.float32, rng=0)
    net.fit(d.X, d.y, optimizer=Adam(MOONS_LR), epochs=MOONS_EPOCHS, batch_size=len(d.y))
    return net


def accuracy(net: MLP, X: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(net.predict(X) == y))


class Sweep(NamedTuple):
    lambdas: tuple[float, ...]
    train: np.ndarray  # accuracy per lambda
    dev: np.ndarray
    train0: float  # lambda = 0
    dev0: float
    tuned: float  # the lambda with the best dev accuracy


@functools.cache
def l2_sweep() -> Sweep:
    """Train and dev accuracy over LAMBDAS; the tuned lambda maximises dev accuracy."""
    d = moons()
    train = np.array([accuracy(moons_net(lam), d.X, d.y) for lam in LAMBDAS])
    dev = np.array([accuracy(moons_net(lam), d.X_dev, d.y_dev) for lam in LAMBDAS])
    net0 = moons_net(0.0)
    return Sweep(LAMBDAS, train, dev, accuracy(net0, d.X, d.y), accuracy(net0, d.X_dev, d.y_dev),
                 LAMBDAS[int(np.argmax(dev))])


# --- L1 against L2 on digits (softmax regression) ----------------------------------------

L1_LAMBDAS = (0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
L1_STEPS, L1_LR = 300, 1.0
#: A weight counts as "near zero" below this magnitude.
NEAR_ZERO = 1e-3


class Penalised(NamedTuple):
    W: np.ndarray  # (64, 10)
    dev_accuracy: float


@functools.cache
def softmax_regression(kind: str, lambd: float) -> Penalised:
    """Full-batch gradient descent on softmax regression over the 1079 training digits.

    ``kind`` is "none" (no penalty), "l2" (gradient + l2_grad), "l1" (gradient
    + the subgradient l1_grad) or "prox" (a gradient step on the data loss,
    then soft thresholding by lr * lambda / (2m): the proximal step of the L1
    penalty).
    Weights start at N(0, 0.01^2), biases at 0, float64.
    """
    s = digits_split()
    X, y = s.X_train.astype(np.float64), s.y_train
    m = len(y)
    params = {"W": random_normal(64, 10, 0.01, rng=0), "b": np.zeros(10)}
    opt = SGD(L1_LR)
    for _ in range(L1_STEPS):
        _, dz = softmax_cross_entropy(X @ params["W"] + params["b"], y)
        grads = {"W": X.T @ dz, "b": dz.sum(axis=0)}
        if kind == "l2":
            grads["W"] += l2_grad(params["W"], lambd, m)
        elif kind == "l1":
            grads["W"] += l1_grad(params["W"], lambd, m)
        opt.step(params, grads)
        if kind == "prox":
            W = params["W"]
            W[...] = np.sign(W) * np.maximum(np.abs(W) - L1_LR * lambd / (2 * m), 0.0)
    scores = s.X_dev.astype(np.float64) @ params["W"] + params["b"]
    return Penalised(params["W"], float(np.mean(np.argmax(scores, axis=1) == s.y_dev)))


# --- dropout on digits -----------------------------------------------------------------

KEEP_PROBS = (0.2, 0.4, 0.6, 0.8, 1.0)
DROP_TRAIN, DROP_WIDTH, DROP_EPOCHS, DROP_LR, DROP_BATCH = 300, 128, 150, 0.003, 64
DROP_SEEDS = (0, 1, 2)
#: Fraction of training labels replaced by a wrong digit in the "noisy" runs.
WRONG = 0.2


@functools.cache
def dropout_labels() -> dict[str, np.ndarray]:
    """The first 300 training labels, as given ("clean") and with 20 % made wrong ("noisy")."""
    y = digits_split().y_train[:DROP_TRAIN]
    rng = np.random.default_rng(0)
    wrong = rng.choice(DROP_TRAIN, int(WRONG * DROP_TRAIN), replace=False)
    noisy = y.copy()
    noisy[wrong] = (y[wrong] + rng.integers(1, 10, wrong.size)) % 10  # never the true digit
    return {"clean": y, "noisy": noisy}


@functools.cache
def dropout_runs(labels: str) -> tuple[np.ndarray, np.ndarray]:
    """(train accuracy on the given labels, dev accuracy), shape (len(KEEP_PROBS), seeds).

    150 epochs: by then every network without dropout fits its training labels exactly,
    so the comparison is between trained models, not between stages of training.
    """
    s = digits_split()
    X, y = s.X_train[:DROP_TRAIN], dropout_labels()[labels]
    train = np.zeros((len(KEEP_PROBS), len(DROP_SEEDS)))
    dev = np.zeros_like(train)
    for i, keep in enumerate(KEEP_PROBS):
        for j, seed in enumerate(DROP_SEEDS):
            net = MLP([64, DROP_WIDTH, DROP_WIDTH, 10], keep_prob=keep, dtype=np.float32,
                      rng=seed)
            net.fit(X, y, optimizer=Adam(DROP_LR), epochs=DROP_EPOCHS, batch_size=DROP_BATCH)
            train[i, j] = accuracy(net, X, y)
            dev[i, j] = accuracy(net, s.X_dev, s.y_dev)
    return train, dev


def dropout_sweep(labels: str) -> tuple[np.ndarray, np.ndarray]:
    """(train accuracy, dev accuracy) per KEEP_PROBS, mean over DROP_SEEDS."""
    train, dev = dropout_runs(labels)
    return train.mean(axis=1), dev.mean(axis=1)


def dev_standard_error(accuracy: float) -> float:
    """Standard error of an accuracy measured on the dev set: sqrt(p(1-p)/m_dev)."""
    return float(np.sqrt(accuracy * (1 - accuracy) / len(digits_split().y_dev)))
