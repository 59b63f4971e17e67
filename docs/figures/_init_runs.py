"""Computations shared by the initialisation figures (a helper, not a figure).

``functools.cache`` runs each experiment once per build: the Korean and the
English image of a figure, and the figures that show the same runs, reuse it.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import numpy as np

from dlref import MLP, SGD, History, activation_statistics, load_digits, train_dev_test_split

#: The five settings of the CS231n experiment: (init, activation).
SETTINGS = (
    ("small", "tanh"),
    ("large", "tanh"),
    ("xavier", "tanh"),
    ("xavier", "relu"),
    ("he", "relu"),
)
#: Layers whose activations are kept for histograms (counted from 1).
HIST_LAYERS = (1, 2, 5, 10)
N_LAYERS = 10
#: Inputs pushed through the net (CS231n uses 1000; 300 already gives smooth histograms).
N_SAMPLES = 300


class Run(NamedTuple):
    """One setting: per-layer std, a few layers' activations, and the backward RMS per layer."""

    std: np.ndarray
    mean: np.ndarray
    kept: dict[int, np.ndarray]
    dz_rms: np.ndarray
    dw_rms: np.ndarray


@functools.cache
def activation_runs() -> dict[tuple[str, str], Run]:
    """The CS231n experiment: 10 layers of 500 units, N_SAMPLES Gaussian inputs, seed 0.

    Only the layers in ``HIST_LAYERS`` are kept, flattened (N_SAMPLES * 500
    values each), so the five runs stay small in memory.
    """
    runs = {}
    for init, act in SETTINGS:
        s = activation_statistics(
            init, act, n_layers=N_LAYERS, n_samples=N_SAMPLES, rng=0, keep_activations=True
        )
        assert s.activations is not None and s.dz_rms is not None and s.dw_rms is not None
        kept = {layer: s.activations[layer - 1].ravel() for layer in HIST_LAYERS}
        runs[(init, act)] = Run(s.std, s.mean, kept, s.dz_rms, s.dw_rms)
    return runs


#: Initialisations compared on digits, and the network they are tried on.
DIGITS_INITS = ("zeros", "small", "he")
DIGITS_LAYERS = (64, 64, 64, 10)
DIGITS_EPOCHS = 40


@functools.cache
def digits_runs() -> dict[str, History]:
    """Train a ReLU MLP 64-64-64-10 on digits with each init (plain SGD, lr 0.1).

    Digits are scaled to [0, 1] (pixel / 16), float32, split 60/20/20 with
    seed 0; mini-batches of 32, 40 epochs, the same shuffles for every init.
    """
    X, y = load_digits()
    split = train_dev_test_split((X / 16.0).astype(np.float32), y, (0.6, 0.2, 0.2), rng=0)
    histories = {}
    for init in DIGITS_INITS:
        net = MLP(DIGITS_LAYERS, init=init, dtype=np.float32, rng=0)
        histories[init] = net.fit(
            split.X_train,
            split.y_train,
            optimizer=SGD(0.1),
            epochs=DIGITS_EPOCHS,
            batch_size=32,
            X_dev=split.X_dev,
            y_dev=split.y_dev,
            rng=0,
        )
    return histories
