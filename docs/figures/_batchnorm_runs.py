"""Computations shared by the batch-norm figures and the pages' prose tests (a helper).

``functools.cache`` runs each experiment once per build; both languages of a figure, and
``tests/test_prose_batchnorm.py``, reuse it.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np
from _bias_variance_runs import digits_split

from dlref import MLP, SGD, RunningStats, batchnorm_forward, batchnorm_inference, relu

#: Ioffe & Szegedy's MNIST network, on the digit images: three hidden layers of 100 units.
LAYERS = (64, 100, 100, 100, 10)
INITS = {"sigmoid": "xavier", "relu": "he"}
LRS = (0.03, 0.3, 3.0)
SEEDS = (0, 1, 2)
EPOCHS = 20
BATCH = 60


def _net(activation: str, batchnorm: bool, seed: int) -> MLP:
    return MLP(LAYERS, activation=activation, init=INITS[activation], batchnorm=batchnorm, rng=seed)


@functools.cache
def dev_curves(activation: str, lr: float, batchnorm: bool) -> np.ndarray:
    """Dev accuracy after each epoch of SGD, one row per seed: shape (3, 20)."""
    split = digits_split()
    rows = []
    for seed in SEEDS:
        net = _net(activation, batchnorm, seed)
        history = net.fit(
            split.X_train, split.y_train, optimizer=SGD(lr), epochs=EPOCHS, batch_size=BATCH,
            X_dev=split.X_dev, y_dev=split.y_dev, rng=seed,
        )
        rows.append(history.dev_accuracy)
    return np.array(rows)


def _third_layer_input(net: MLP, X: np.ndarray) -> np.ndarray:
    """What the activation of hidden layer 3 receives, in evaluation mode, for every row."""
    a = X
    for layer in (1, 2, 3):
        z = a @ net.params[f"W{layer}"]
        if net.running_stats:
            p = net.params
            z = batchnorm_inference(z, p[f"gamma{layer}"], p[f"beta{layer}"],
                                    net.running_stats[layer - 1])
        else:
            z = z + net.params[f"b{layer}"]
        a = relu(z)
    return z


class Percentiles(NamedTuple):
    epochs: np.ndarray
    p15: np.ndarray
    p50: np.ndarray
    p85: np.ndarray


@functools.cache
def _unit_inputs(batchnorm: bool) -> np.ndarray:
    """Every layer-3 unit's input on the dev set before training and after each epoch:
    shape (21, dev rows, 100)."""
    split = digits_split()
    net = _net("relu", batchnorm, 0)
    values = [_third_layer_input(net, split.X_dev)]
    for epoch in range(EPOCHS):
        net.fit(split.X_train, split.y_train, optimizer=SGD(0.3), epochs=1, batch_size=BATCH,
                rng=epoch)
        values.append(_third_layer_input(net, split.X_dev))
    return np.array(values)


@functools.cache
def unit_input_percentiles(batchnorm: bool, unit: int = 0) -> Percentiles:
    """15th/50th/85th percentile over the dev set of one layer-3 unit's input, per epoch."""
    q = np.percentile(_unit_inputs(batchnorm)[:, :, unit], [15, 50, 85], axis=1)
    return Percentiles(np.arange(EPOCHS + 1), q[0], q[1], q[2])


def unit_drift(batchnorm: bool) -> tuple[float, float]:
    """Over all 100 layer-3 units, from epoch 2 on: the median (over units) of how far the
    15–85 percentile width and the median move (max − min), each relative to the unit's mean
    width."""
    q = np.percentile(_unit_inputs(batchnorm)[2:], [15, 50, 85], axis=1)
    width = q[2] - q[0]
    scale = width.mean(axis=0)
    return (float(np.median(np.ptp(width, axis=0) / scale)),
            float(np.median(np.ptp(q[1], axis=0) / scale)))


def batch_mean_noise(sizes: tuple[int, ...] = (16, 64, 256), draws: int = 2000) -> dict[int, float]:
    """Std over random mini-batches of one input feature's batch mean (digits, pixel 20)."""
    X = digits_split().X_train[:, 20].astype(np.float64)
    rng = np.random.default_rng(0)
    return {
        m: float(np.std([X[rng.choice(len(X), m, replace=False)].mean() for _ in range(draws)]))
        for m in sizes
    }


# --- inference: running statistics and the train/eval-mode bug -----------------------

POP_MEAN, POP_STD = 3.0, 2.0
MOMENTA = (0.9, 0.99)


@functools.cache
def running_traces(momentum: float, m: int = 8, steps: int = 600) -> tuple[np.ndarray, ...]:
    """Running mean and variance (biased and unbiased feed) over steps, batches from N(3, 2²)."""
    rng = np.random.default_rng(0)
    gamma, beta = np.ones(1), np.zeros(1)
    biased = unbiased = None
    means, var_b, var_u = [], [], []
    for _ in range(steps):
        x = rng.normal(POP_MEAN, POP_STD, size=(m, 1))
        _, _, biased = batchnorm_forward(x, gamma, beta, biased, momentum=momentum)
        _, _, unbiased = batchnorm_forward(x, gamma, beta, unbiased, momentum=momentum,
                                           unbiased_running_var=True)
        means.append(biased.mean[0])
        var_b.append(biased.var[0])
        var_u.append(unbiased.var[0])
    return np.array(means), np.array(var_b), np.array(var_u)


EVAL_BATCHES = (2, 4, 8, 16, 64, 359)


@functools.cache
def trained_bn_nets() -> tuple[MLP, ...]:
    """Three ReLU nets with batch norm, trained 20 epochs on digits (SGD 0.3), one per seed."""
    split = digits_split()
    nets = []
    for seed in SEEDS:
        net = _net("relu", True, seed)
        net.fit(split.X_train, split.y_train, optimizer=SGD(0.3), epochs=EPOCHS,
                batch_size=BATCH, rng=seed)
        nets.append(net)
    return tuple(nets)


def _predict_with_batch_stats(net: MLP, X: np.ndarray) -> np.ndarray:
    """The train-mode forward pass (statistics of this batch) — the bug of a forgotten switch."""
    a = X
    p = net.params
    for layer in (1, 2, 3):
        z = a @ p[f"W{layer}"]
        if len(z) == 1:  # one example: its variance is 0, x-hat is 0, the output is beta
            z = np.broadcast_to(p[f"beta{layer}"], z.shape)
        else:
            z = batchnorm_forward(z, p[f"gamma{layer}"], p[f"beta{layer}"])[0]
        a = relu(z)
    return np.argmax(a @ p["W4"] + p["b4"], axis=1)


@functools.cache
def mode_accuracies() -> dict[str, np.ndarray]:
    """Dev accuracy per seed: evaluation mode, and train mode on dev batches of each size."""
    split = digits_split()
    X, y = split.X_dev, split.y_dev
    out = {"eval": np.array([np.mean(net.predict(X) == y) for net in trained_bn_nets()])}
    for b in (1, *EVAL_BATCHES):
        accs = []
        for net in trained_bn_nets():
            pred = np.concatenate([_predict_with_batch_stats(net, X[i:i + b])
                                   for i in range(0, len(X), b)])
            accs.append(np.mean(pred == y))
        out[f"train{b}"] = np.array(accs)
    return out



def _last_hidden(
    net: MLP, X: np.ndarray, stats: list[RunningStats] | None = None
) -> tuple[np.ndarray, list[RunningStats]]:
    """Hidden layer 3's output for ``X`` normalised with ``stats``, or with ``X``'s own whole-set
    statistics when ``stats`` is None; returns (output, the statistics used)."""
    a, p, used = X, net.params, []
    for layer in (1, 2, 3):
        z = a @ p[f"W{layer}"]
        st = stats[layer - 1] if stats else RunningStats(mean=z.mean(axis=0), var=z.var(axis=0))
        used.append(st)
        a = relu(batchnorm_inference(z, p[f"gamma{layer}"], p[f"beta{layer}"], st))
    return a, used


@functools.cache
def whole_set_accuracies() -> np.ndarray:
    """Dev accuracy per seed when inference uses whole-training-set statistics after training."""
    split = digits_split()
    accs = []
    for net in trained_bn_nets():
        _, stats = _last_hidden(net, split.X_train)
        a, _ = _last_hidden(net, split.X_dev, stats)
        logits = a @ net.params["W4"] + net.params["b4"]
        accs.append(np.mean(np.argmax(logits, axis=1) == split.y_dev))
    return np.array(accs)
