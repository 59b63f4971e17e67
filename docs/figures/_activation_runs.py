"""Training runs shared by the activation-function figures (a helper, not a figure).

``functools.cache`` runs each experiment once per build: the Korean and the
English image of a figure reuse it, and the prose tests recompute the same
numbers through these functions. Every run is single-threaded BLAS work of a
small MLP on the 8×8 digits (about 0.1 s per run); the split and the SGD run
come from ``_train.py``, shared with the learning-rate decay figures.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np
from _train import digits_split, sgd_on_digits

from dlref import MLP

#: The network of every run: 64 pixels, three hidden layers of 64, 10 classes.
LAYERS = (64, 64, 64, 10)
SEEDS = tuple(range(5))
BATCH = 32

#: Learning rates of the dead-ReLU sweep, and its number of epochs.
DEAD_LRS = (0.03, 0.1, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0)
DEAD_EPOCHS = 20
#: The bias the "0.01 trick" starts the hidden layers from.
BIAS_TRICK = 0.01

#: Activations compared in the training curves, with the initialisation each one is meant for.
CURVE_ACTIVATIONS = (("tanh", "xavier"), ("relu", "he"), ("leaky_relu", "he"), ("elu", "he"))
CURVE_LR = 0.1
CURVE_EPOCHS = 30


def dead_fraction(net: MLP, X: np.ndarray) -> float:
    """Fraction of hidden ReLU units whose input is <= 0 for every row of ``X``.

    Such a unit outputs 0 and has a zero gradient on every sample, so no
    gradient step on this data can bring it back.
    """
    A = X
    dead = []
    for layer in range(1, net.n_layers):
        Z = A @ net.params[f"W{layer}"] + net.params[f"b{layer}"]
        dead.append(np.all(Z <= 0, axis=0))
        A = np.maximum(Z, 0)
    return float(np.concatenate(dead).mean())


class DeadRun(NamedTuple):
    """Dead fraction and dev accuracy after training: rows are learning rates, columns seeds."""

    dead: np.ndarray
    dev_accuracy: np.ndarray


@functools.cache
def dead_relu_runs(bias: float = 0.0) -> DeadRun:
    """ReLU MLP, He weights, hidden biases start at ``bias``; plain SGD for each of DEAD_LRS."""
    X_train = digits_split().X_train
    dead = np.zeros((len(DEAD_LRS), len(SEEDS)))
    acc = np.zeros_like(dead)
    for i, lr in enumerate(DEAD_LRS):
        for j, seed in enumerate(SEEDS):
            net = MLP(LAYERS, activation="relu", init="he", dtype=np.float32, rng=seed)
            for layer in range(1, net.n_layers):
                net.params[f"b{layer}"] += np.float32(bias)
            history = sgd_on_digits(net, lr, epochs=DEAD_EPOCHS, batch_size=BATCH, seed=seed)
            dead[i, j] = dead_fraction(net, X_train)
            acc[i, j] = history.dev_accuracy[-1]
    return DeadRun(dead, acc)


class Curves(NamedTuple):
    """Per-epoch training loss and dev accuracy, shape (seeds, epochs)."""

    train_loss: np.ndarray
    dev_accuracy: np.ndarray


@functools.cache
def activation_curves() -> dict[str, Curves]:
    """Train the same MLP with each of CURVE_ACTIVATIONS, SGD(CURVE_LR), for every seed."""
    out = {}
    for act, init in CURVE_ACTIVATIONS:
        loss, acc = [], []
        for seed in SEEDS:
            net = MLP(LAYERS, activation=act, init=init, dtype=np.float32, rng=seed)
            h = sgd_on_digits(net, CURVE_LR, epochs=CURVE_EPOCHS, batch_size=BATCH, seed=seed)
            loss.append(h.train_loss)
            acc.append(h.dev_accuracy)
        out[act] = Curves(np.array(loss), np.array(acc))
    return out


@functools.cache
def initial_dead() -> np.ndarray:
    """Dead fraction of the sweep's untrained ReLU networks (He weights, zero biases), per seed."""
    s = digits_split()
    return np.array(
        [
            dead_fraction(
                MLP(LAYERS, activation="relu", init="he", dtype=np.float32, rng=seed), s.X_train
            )
            for seed in SEEDS
        ]
    )
