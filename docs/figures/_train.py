"""The digits split and the SGD training run that several figure helpers share (a helper).

Not a figure and not an experiment of its own: the ``_*_runs.py`` helpers call
``sgd_on_digits`` for every setting and seed they compare, so each of their
runs trains the same way and differs only in what the helper names.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np
from threadpoolctl import threadpool_limits

from dlref import MLP, SGD, History, Split, load_digits, train_dev_test_split


@functools.cache
def digits_split() -> Split:
    """Digits scaled to [0, 1] (pixel / 16), float32, split 60/20/20 with seed 0.

    Callers must not modify the arrays in place (they are shared).
    """
    X, y = load_digits()
    return train_dev_test_split((X / 16.0).astype(np.float32), y, (0.6, 0.2, 0.2), rng=0)


def sgd_on_digits(
    net: MLP,
    lr: float,
    *,
    epochs: int,
    batch_size: int,
    seed: int,
    lr_schedule: Callable[[int], float] | None = None,
) -> History:
    """Train ``net`` in place with plain SGD(lr) on the digits' training rows.

    The dev rows are measured after every epoch; ``seed`` sets the shuffles.
    Single-threaded BLAS, so a figure's worker does not compete with the others.
    """
    s = digits_split()
    with threadpool_limits(1, "blas"):
        return net.fit(
            s.X_train,
            s.y_train,
            optimizer=SGD(lr),
            epochs=epochs,
            batch_size=batch_size,
            X_dev=s.X_dev,
            y_dev=s.y_dev,
            lr_schedule=lr_schedule,
            rng=seed,
        )
