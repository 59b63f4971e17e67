r"""Data handling: train/dev/test splits and mini-batches.

Every array here keeps examples in rows: ``X`` is ``(m, ...)`` and ``y`` is
``(m,)`` or ``(m, k)``. Splitting and batching only select rows, so the arrays
keep their dtype (an int label vector stays int, float32 features stay
float32), and every returned array is a fresh copy that never shares memory
with the input.

The module is organised in sections (splits, mini-batches, and later the
small synthetic and real data sets); the private helper ``_check_xy`` is the
one place where a pair ``(X, y)`` is validated.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, NamedTuple

import numpy as np

from dlref._checks import (
    as_float_array,
    as_probability_vector,
    as_rng,
    check_axis_size,
    check_int,
)

__all__ = ["Split", "minibatches", "train_dev_test_split"]

#: Guard added before ``floor`` so that e.g. ``0.29 * 100 = 28.999999999999996``
#: counts as 29 examples, not 28.
_FLOOR_GUARD = 1e-9


def _check_xy(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Validate a pair of example arrays; return them with their dtype kept.

    ``X`` is ``(m, ...)`` with 1 to 4 dimensions, ``y`` is ``(m,)`` or
    ``(m, k)``; both real, finite and non-empty, with the same number of rows.
    """
    as_float_array(X, "X", ndim=(1, 2, 3, 4))
    as_float_array(y, "y", ndim=(1, 2))
    X_arr, y_arr = np.asarray(X), np.asarray(y)
    check_axis_size(y_arr, "y", 0, X_arr.shape[0], what="rows (one per row of X)")
    return X_arr, y_arr


# --- splits -------------------------------------------------------------------


class Split(NamedTuple):
    """The result of [`train_dev_test_split`][dlref.data.train_dev_test_split]."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_dev: np.ndarray
    y_dev: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def train_dev_test_split(
    X: Any,
    y: Any,
    fractions: tuple[float, float, float] = (0.6, 0.2, 0.2),
    *,
    rng: np.random.Generator | int | None = None,
) -> Split:
    r"""Shuffle the examples and cut them into train, dev and test sets.

    The training set fits the parameters, the dev (development, or
    hold-out cross-validation) set chooses between models and
    hyper-parameters, and the test set gives an unbiased estimate of the final
    model's error. The rows are shuffled once with one permutation shared by
    ``X`` and ``y``, so pairs stay together.

    With $m$ examples and fractions $(f_\text{train}, f_\text{dev}, f_\text{test})$:

    $$
    m_\text{dev} = \lfloor f_\text{dev}\, m \rfloor, \qquad
    m_\text{test} = \lfloor f_\text{test}\, m \rfloor, \qquad
    m_\text{train} = m - m_\text{dev} - m_\text{test}
    $$

    so the examples lost to rounding go to the training set.

    Parameters
    ----------
    X : array_like, shape (m, ...)
        Examples in rows (1-D to 4-D: features, or images ``(m, H, W)``);
        real and finite.
    y : array_like, shape (m,) or (m, k)
        Targets or labels, one row per row of ``X``; real and finite.
    fractions : tuple of 3 floats, default (0.6, 0.2, 0.2)
        Train, dev and test fractions: non-negative, summing to 1 within
        $10^{-9}$. A zero fraction gives an empty set (zero rows).
    rng : numpy.random.Generator, int or None
        Source of the shuffle.

    Returns
    -------
    Split
        A named tuple ``(X_train, y_train, X_dev, y_dev, X_test, y_test)`` of
        new arrays in the dtypes of ``X`` and ``y``.

    Raises
    ------
    ValueError
        If ``X`` or ``y`` is empty, non-finite or of the wrong rank, their row
        counts differ, or ``fractions`` is not 3 non-negative numbers summing to 1.
    TypeError
        If an argument has the wrong type.

    Notes
    -----
    The floor is taken after adding $10^{-9}$, so a product such as
    $0.29 \times 100 = 28.999999999999996$ in floating point gives 29.
    The notes' advice: 60/20/20 (or 70/30 without a dev set) for small data;
    with a million examples a dev and test set of about 10,000 each (1 % or
    less) is enough. Dev and test sets must come from the same distribution.
    scikit-learn's ``train_test_split`` rounds the *test* size up instead
    (``ceil``); here the dev and test sizes are rounded down.

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import train_dev_test_split
    >>> X = np.arange(20.0).reshape(10, 2)
    >>> y = np.arange(10)
    >>> s = train_dev_test_split(X, y, (0.5, 0.25, 0.25), rng=0)
    >>> print(len(s.y_train), len(s.y_dev), len(s.y_test))  # 2.5 -> 2, remainder to train
    6 2 2
    >>> print(bool(np.all(s.X_train[:, 0] == 2 * s.y_train)))  # pairs stay together
    True
    >>> print(sorted(np.concatenate([s.y_train, s.y_dev, s.y_test]).tolist()))
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    """
    X_arr, y_arr = _check_xy(X, y)
    _, f_dev, f_test = as_probability_vector(fractions, "fractions", size=3)
    gen = as_rng(rng)
    m = X_arr.shape[0]
    m_dev = math.floor(f_dev * m + _FLOOR_GUARD)
    m_test = min(math.floor(f_test * m + _FLOOR_GUARD), m - m_dev)
    m_train = m - m_dev - m_test
    order = gen.permutation(m)
    parts = (order[:m_train], order[m_train : m_train + m_dev], order[m_train + m_dev :])
    return Split(
        X_arr[parts[0]], y_arr[parts[0]],
        X_arr[parts[1]], y_arr[parts[1]],
        X_arr[parts[2]], y_arr[parts[2]],
    )  # fmt: skip


# --- mini-batches ---------------------------------------------------------------


def minibatches(
    X: Any,
    y: Any,
    batch_size: int = 64,
    *,
    shuffle: bool = True,
    rng: np.random.Generator | int | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    r"""One pass (epoch) over the data in mini-batches.

    Mini-batch gradient descent takes one step per batch instead of one per
    pass over the whole set: with $m$ examples and batch size $B$ an epoch
    makes $\lceil m / B \rceil$ steps. Every example appears exactly once per
    pass; the last batch holds the remaining $m - B\lfloor m/B \rfloor$
    examples when $B$ does not divide $m$ (it is kept, not dropped).

    $$
    \text{batch}_t = \{\pi(tB), \dots, \pi(\min((t+1)B, m) - 1)\},
    \qquad t = 0, \dots, \lceil m/B \rceil - 1
    $$

    where $\pi$ is a random permutation (or the identity when
    ``shuffle=False``).

    Parameters
    ----------
    X : array_like, shape (m, ...)
        Examples in rows, real and finite.
    y : array_like, shape (m,) or (m, k)
        Targets or labels, one row per row of ``X``.
    batch_size : int, default 64
        $B \ge 1$. ``batch_size >= m`` gives one batch (batch gradient
        descent); ``batch_size=1`` is stochastic gradient descent.
    shuffle : bool, default True
        Shuffle the rows (one permutation shared by ``X`` and ``y``).
    rng : numpy.random.Generator, int or None
        Source of the shuffle; unused when ``shuffle=False``.

    Returns
    -------
    iterator of (ndarray, ndarray)
        Pairs ``(X_batch, y_batch)``: new arrays (copies) in the dtypes of
        ``X`` and ``y``.

    Raises
    ------
    ValueError
        If ``X`` or ``y`` is empty, non-finite or of the wrong rank, their row
        counts differ, or ``batch_size < 1``.
    TypeError
        If ``batch_size`` is not an integer or an array has the wrong type.

    Notes
    -----
    The arguments are checked and the permutation is drawn when the function
    is called, not at the first ``next()``: a bad argument fails at the call
    site. Call it once per epoch; pass a ``Generator`` (not an int seed) to
    get a new order each epoch. The notes' advice for the size: a power of two
    such as 64 to 512 that fits in (GPU) memory. PyTorch's ``DataLoader``
    keeps the last partial batch too (``drop_last=False`` by default).

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import minibatches
    >>> X, y = np.arange(10.0).reshape(5, 2), np.arange(5)
    >>> for Xb, yb in minibatches(X, y, batch_size=2, shuffle=False):
    ...     print(yb, Xb.shape)
    [0 1] (2, 2)
    [2 3] (2, 2)
    [4] (1, 2)
    >>> ys = [yb for _, yb in minibatches(X, y, batch_size=2, rng=0)]
    >>> print(sorted(np.concatenate(ys).tolist()))  # each example once
    [0, 1, 2, 3, 4]
    """
    X_arr, y_arr = _check_xy(X, y)
    size = check_int(batch_size, "batch_size", 1)
    m = X_arr.shape[0]
    order = as_rng(rng).permutation(m) if shuffle else np.arange(m)
    return _batches(X_arr, y_arr, order, size)


def _batches(
    X: np.ndarray, y: np.ndarray, order: np.ndarray, size: int
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    for start in range(0, order.shape[0], size):
        idx = order[start : start + size]
        yield X[idx], y[idx]
