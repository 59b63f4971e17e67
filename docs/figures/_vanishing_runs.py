"""Forward and backward signal through a deep linear or tanh net (helper for the vanishing page).

A helper, not a figure: ``functools.cache`` runs each net once per build, so
the Korean and English images share the numbers.
"""

from __future__ import annotations

import functools

import numpy as np
from _bias_variance_runs import digits_split

from dlref import MLP, SGD, random_normal, tanh, tanh_grad

WIDTH = 100  # n: units per layer (and input features)
DEPTH = 50  # L: number of layers
SAMPLES = 200  # inputs pushed through together
GAINS = (0.5, 1.0, 1.5)  # weight std s = gain / sqrt(n); gain 1 is the critical value


def rms(a: np.ndarray) -> float:
    """Root mean square of all entries: the typical size of one activation or gradient."""
    return float(np.sqrt(np.mean(a * a)))


@functools.cache
def signal(activation: str, gain: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """RMS of the activations $a^{[l]}$ and of the gradients $dL/dz^{[l]}$, layer by layer.

    $z^{[l]} = a^{[l-1]} W^{[l]}$ (no biases), $a^{[l]} = g(z^{[l]})$ with $g$ the
    identity or tanh, $W^{[l]}_{ij} \\sim N(0, s^2)$, $s = \\text{gain}/\\sqrt n$.
    The backward pass starts from an upstream gradient $dL/da^{[L]}$ of
    standard normal entries (as a loss would send) and applies
    $dz = da \\odot g'(z)$, $da^{[l-1]} = dz\\, W^{[l]\\top}$.
    Returns two arrays of shape ``(DEPTH,)``, index 0 = layer 1.
    """
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((SAMPLES, WIDTH))
    weights, pre = [], []
    forward = np.empty(DEPTH)
    for layer in range(DEPTH):
        W = random_normal(WIDTH, WIDTH, scale=gain / np.sqrt(WIDTH), rng=rng)
        z = a @ W
        a = z if activation == "linear" else tanh(z)
        weights.append(W)
        pre.append(z)
        forward[layer] = rms(a)
    backward = np.empty(DEPTH)
    da = rng.standard_normal((SAMPLES, WIDTH))
    for layer in reversed(range(DEPTH)):
        dz = da if activation == "linear" else da * tanh_grad(pre[layer])
        backward[layer] = rms(dz)
        da = dz @ weights[layer].T
    return forward, backward


#: Seeds for the spread of the critical linear network's layer-50 scale.
SPREAD_SEEDS = tuple(range(30))


@functools.cache
def critical_spread() -> np.ndarray:
    """Layer-50 activation RMS of the linear net at the critical gain, one value per seed."""
    return np.array([signal("linear", 1.0, seed)[0][-1] for seed in SPREAD_SEEDS])


# --- dead ReLU units on digits ----------------------------------------------------------

DEAD_LRS = (0.03, 0.3, 1.0, 2.0)
DEAD_BIASES = (0.0, 0.01)
DEAD_SEEDS = (0, 1, 2)


def dead_fraction(net: MLP, X: np.ndarray) -> np.ndarray:
    """Per hidden layer, the share of units whose input is <= 0 for every row of X."""
    a, out = X, []
    for layer in range(1, len(net.layer_sizes) - 1):
        z = a @ net.params[f"W{layer}"] + net.params[f"b{layer}"]
        out.append(float(np.mean(np.all(z <= 0, axis=0))))
        a = np.maximum(z, 0.0)
    return np.array(out)


@functools.cache
def dead_relu_runs() -> dict[tuple[float, float], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(bias, lr) -> (dead fraction at init, after 20 epochs of SGD, dev accuracy), per seed.

    A 64-100-100-10 ReLU net (He init) on the digit images, mini-batches of 32; the biases
    start at ``bias`` (0, or the 0.01 of the "bias trick").
    """
    split = digits_split()
    out = {}
    for bias in DEAD_BIASES:
        for lr in DEAD_LRS:
            before, after, dev = [], [], []
            for seed in DEAD_SEEDS:
                net = MLP([64, 100, 100, 10], rng=seed)
                for layer in (1, 2):
                    net.params[f"b{layer}"] = net.params[f"b{layer}"] + bias
                before.append(dead_fraction(net, split.X_train))
                history = net.fit(split.X_train, split.y_train, optimizer=SGD(lr), epochs=20,
                                  batch_size=32, X_dev=split.X_dev, y_dev=split.y_dev, rng=seed)
                after.append(dead_fraction(net, split.X_train))
                dev.append(history.dev_accuracy[-1])
            out[(bias, lr)] = (np.array(before), np.array(after), np.array(dev))
    return out
