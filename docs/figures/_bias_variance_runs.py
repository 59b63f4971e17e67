"""The digits split shared by the bias/variance, early-stopping and augmentation figures.

A helper, not a figure: ``functools.cache`` keeps one copy per build, so every
figure that trains on digits sees the same training, dev and test rows.
"""

from __future__ import annotations

import functools

import numpy as np

from dlref import Split, load_digits, train_dev_test_split


@functools.cache
def digits_split() -> Split:
    """Digits scaled to [0, 1] (pixel / 16), float32, split 60/20/20 with seed 0.

    1797 images give 1079 training, 359 dev and 359 test rows. Callers must
    not modify the arrays in place (they are shared).
    """
    X, y = load_digits()
    return train_dev_test_split((X / 16.0).astype(np.float32), y, (0.6, 0.2, 0.2), rng=0)
