r"""Data handling: train/dev/test splits, k-fold cross-validation and mini-batches.

Every array here keeps examples in rows: ``X`` is ``(m, ...)`` and ``y`` is
``(m,)`` or ``(m, k)``. Splitting and batching only select rows, so the arrays
keep their dtype (an int label vector stays int, float32 features stay
float32), and every returned array is a fresh copy that never shares memory
with the input.

The module is organised in sections (splits, mini-batches, small synthetic
data sets, and a real data set loaded offline); the private helper
``_check_xy`` is the one place where a pair ``(X, y)`` is validated.
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
    check_flag,
    check_in_range,
    check_int,
)

#: For pytest-doctestplus: the example of ``load_digits`` needs scikit-learn.
__doctest_requires__ = {("load_digits",): ["sklearn"]}

__all__ = [
    "Digits",
    "Split",
    "kfold_indices",
    "load_digits",
    "make_moons",
    "make_spiral",
    "minibatches",
    "train_dev_test_split",
]

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


def kfold_indices(
    m: int,
    k: int = 5,
    *,
    shuffle: bool = True,
    rng: np.random.Generator | int | None = None,
) -> list[tuple[np.ndarray, np.ndarray]]:
    r"""Row indices for $k$-fold cross-validation: $k$ (train, dev) pairs.

    The $m$ rows are put in one order (a random permutation $\pi$, or the
    identity when ``shuffle=False``) and cut into $k$ consecutive folds. The
    first $m \bmod k$ folds hold one row more than the others:

    $$
    |F_j| = \Bigl\lfloor \frac{m}{k} \Bigr\rfloor + \mathbb 1\bigl[j < m \bmod k\bigr],
    \qquad j = 0, \dots, k-1 .
    $$

    Round $j$ uses fold $F_j$ as the dev set and the other $k-1$ folds as the
    training set, so every row is a dev row exactly once. The cross-validation
    estimate of the error is the mean of the $k$ dev errors (weighted by
    $|F_j|$ for the exact mean over all rows).

    Parameters
    ----------
    m : int
        Number of rows, $m \ge k$.
    k : int, default 5
        Number of folds, $2 \le k \le m$. $k = m$ is leave-one-out.
    shuffle : bool, default True
        Put the rows in random order before cutting the folds. Keep it on
        unless the rows are already in random order; sorted data (by class,
        by date) gives folds that differ systematically.
    rng : numpy.random.Generator, int or None
        Source of the shuffle; unused when ``shuffle=False``.

    Returns
    -------
    list of (ndarray, ndarray)
        $k$ pairs ``(train_idx, dev_idx)`` of sorted ``int64`` row indices;
        index ``X[train_idx]``, ``y[train_idx]`` and so on.

    Raises
    ------
    ValueError
        If ``k < 2`` or ``m < k``.
    TypeError
        If ``m`` or ``k`` is not an integer or ``shuffle`` is not a bool.

    Notes
    -----
    The fold sizes and, with ``shuffle=False``, the folds themselves are those
    of scikit-learn's ``KFold(n_splits=k)``; with shuffling the order differs
    because the random generators differ. A train/dev split keeps a fifth of
    small data out of training and measures the error on few rows; $k$-fold
    trains $k$ times and uses every row for both, which is why it is the
    usual tool for $10^2$ to $10^4$ examples and rarely used for deep networks
    on large data, where one training run is already expensive. Choose
    hyperparameters by the mean dev error, then retrain on all $m$ rows. The
    $k$ dev errors are not independent (the training sets overlap), so their
    spread understates the uncertainty of the mean. For grouped data (several
    rows per patient) cut folds by group, not by row.

    References
    ----------
    T. Hastie, R. Tibshirani and J. Friedman, *The Elements of Statistical
    Learning*, 2nd ed., Springer, 2009, section 7.10 (cross-validation).

    Examples
    --------
    >>> from dlref import kfold_indices
    >>> for train_idx, dev_idx in kfold_indices(7, 3, shuffle=False):
    ...     print(train_idx, dev_idx)
    ...
    [3 4 5 6] [0 1 2]
    [0 1 2 5 6] [3 4]
    [0 1 2 3 4] [5 6]
    >>> folds = kfold_indices(10, 5, rng=0)
    >>> print(sorted(i for _, dev in folds for i in dev.tolist()))  # each row once
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    """
    m_ = check_int(m, "m", 1)
    k_ = check_int(k, "k", 2)
    if m_ < k_:
        raise ValueError(f"m must be >= k = {k_} (at least one row per fold), got {m_}")
    shuffled = check_flag(shuffle, "shuffle")
    gen = as_rng(rng)
    order = gen.permutation(m_) if shuffled else np.arange(m_)
    sizes = np.full(k_, m_ // k_)
    sizes[: m_ % k_] += 1
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    folds = []
    for j in range(k_):
        in_dev = np.zeros(m_, dtype=bool)
        in_dev[order[bounds[j] : bounds[j + 1]]] = True
        folds.append(
            (np.flatnonzero(~in_dev).astype(np.int64), np.flatnonzero(in_dev).astype(np.int64))
        )
    return folds


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
        If ``batch_size`` is not an integer, ``shuffle`` not a bool, or an
        array has the wrong type (float16 included).

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
    ...
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
    gen = as_rng(rng)  # checked even when unused, so a wrong seed never goes unnoticed
    order = gen.permutation(m) if check_flag(shuffle, "shuffle") else np.arange(m)
    return _batches(X_arr, y_arr, order, size)


def _batches(
    X: np.ndarray, y: np.ndarray, order: np.ndarray, size: int
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    for start in range(0, order.shape[0], size):
        idx = order[start : start + size]
        yield X[idx], y[idx]


# --- small synthetic data sets ----------------------------------------------------


def _shuffled(
    X: np.ndarray, y: np.ndarray, shuffle: bool, gen: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Rows of ``(X, y)`` in one random order (drawn after the noise), or as they are."""
    if not shuffle:
        return X, y
    order = gen.permutation(X.shape[0])
    return X[order], y[order]


def make_moons(
    n_samples: int = 200,
    *,
    noise: float = 0.1,
    shuffle: bool = True,
    rng: np.random.Generator | int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Two interleaving half circles: a 2-D binary set no straight line separates.

    Class 0 lies on the upper half of the unit circle, class 1 on a lower half
    circle shifted right and down, so the two arcs interlock. A logistic
    regression draws a line through both; a small network bends its decision
    boundary around them, and with little data and no regularisation it
    bends too much (the overfitting figure).

    With $n_0 = \lfloor m/2 \rfloor$ points of class 0 and $n_1 = m - n_0$ of
    class 1, angles $\theta$ evenly spaced in $[0, \pi]$ and Gaussian noise
    $\varepsilon \sim \mathcal{N}(0, \sigma^2 I)$:

    $$
    x^{(0)} = (\cos\theta,\ \sin\theta) + \varepsilon, \qquad
    x^{(1)} = (1 - \cos\theta,\ \tfrac{1}{2} - \sin\theta) + \varepsilon
    $$

    Parameters
    ----------
    n_samples : int, default 200
        Total number of points $m \ge 2$.
    noise : float, default 0.1
        Standard deviation $\sigma \ge 0$ of the Gaussian noise added to both
        coordinates; 0 gives points exactly on the arcs.
    shuffle : bool, default True
        Shuffle the rows (after the noise is drawn). ``False`` keeps class 0
        first, each class in order of its angle.
    rng : numpy.random.Generator, int or None
        Source of the noise and of the shuffle.

    Returns
    -------
    X : ndarray of float64, shape (m, 2)
        The points.
    y : ndarray of int64, shape (m,)
        Their labels, 0 or 1.

    Raises
    ------
    ValueError
        If ``n_samples < 2`` or ``noise`` is negative or not finite.
    TypeError
        If ``n_samples`` is not an integer, ``noise`` not a real number or
        ``shuffle`` not a bool.

    Notes
    -----
    The geometry, the class sizes and the meaning of ``noise`` are those of
    scikit-learn's ``sklearn.datasets.make_moons``: with ``noise=0`` and
    ``shuffle=False`` both functions return the same points in the same
    order. The random draws differ (scikit-learn uses the legacy
    ``RandomState``), so the noisy sets are not bit-identical.

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import make_moons
    >>> X, y = make_moons(6, noise=0.0, shuffle=False)
    >>> print(np.round(X, 3) + 0.0)  # + 0.0 turns -0.0 into 0.0
    [[ 1.   0. ]
     [ 0.   1. ]
     [-1.   0. ]
     [ 0.   0.5]
     [ 1.  -0.5]
     [ 2.   0.5]]
    >>> print(y)
    [0 0 0 1 1 1]
    >>> X, y = make_moons(100, rng=0)
    >>> print(X.shape, X.dtype, np.bincount(y))
    (100, 2) float64 [50 50]
    """
    m = check_int(n_samples, "n_samples", 2)
    sigma = check_in_range(noise, "noise", 0.0, None)
    check_flag(shuffle, "shuffle")
    gen = as_rng(rng)
    n0 = m // 2
    n1 = m - n0
    t0 = np.linspace(0.0, np.pi, n0)
    t1 = np.linspace(0.0, np.pi, n1)
    X = np.concatenate(
        [
            np.stack([np.cos(t0), np.sin(t0)], axis=1),
            np.stack([1.0 - np.cos(t1), 0.5 - np.sin(t1)], axis=1),
        ]
    )
    y = np.concatenate([np.zeros(n0, np.int64), np.ones(n1, np.int64)])
    if sigma > 0:
        X = X + sigma * gen.standard_normal(X.shape)
    return _shuffled(X, y, shuffle, gen)


def make_spiral(
    n_per_class: int = 100,
    n_classes: int = 3,
    *,
    noise: float = 0.2,
    shuffle: bool = True,
    rng: np.random.Generator | int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    r"""The CS231n spiral: ``n_classes`` interleaved spiral arms in the plane.

    Each class is one arm that winds out from the origin. No linear
    classifier separates the arms (a softmax classifier reaches about 50 %
    accuracy on three classes), while a network with one hidden layer of a
    hundred ReLU units fits them almost perfectly, which is the point of the
    CS231n case study.

    For class $j$ and $N$ points with radii $r_i$ evenly spaced in $[0, 1]$:

    $$
    t_i = 4j + 4 r_i + \sigma \varepsilon_i, \qquad
    x_i = (r_i \sin t_i,\ r_i \cos t_i), \qquad
    \varepsilon_i \sim \mathcal{N}(0, 1)
    $$

    so each arm turns through 4 radians and the noise jitters the *angle*.

    Parameters
    ----------
    n_per_class : int, default 100
        Points per class, $N \ge 1$.
    n_classes : int, default 3
        Number of arms (classes), $K \ge 2$.
    noise : float, default 0.2
        Standard deviation $\sigma \ge 0$ of the noise on the angle, in
        radians.
    shuffle : bool, default True
        Shuffle the rows (after the noise is drawn). ``False`` keeps the
        CS231n order: class 0 first, each arm from the centre outwards.
    rng : numpy.random.Generator, int or None
        Source of the noise and of the shuffle.

    Returns
    -------
    X : ndarray of float64, shape (N K, 2)
        The points, inside the unit disc.
    y : ndarray of int64, shape (N K,)
        Their labels in $[0, K)$, ``N`` of each.

    Raises
    ------
    ValueError
        If ``n_per_class < 1``, ``n_classes < 2`` or ``noise`` is negative or
        not finite.
    TypeError
        If a count is not an integer, ``noise`` not a real number or
        ``shuffle`` not a bool.

    Notes
    -----
    This is the formula of the CS231n notes (``r = np.linspace(0.0, 1, N)``,
    ``t = np.linspace(j*4, (j+1)*4, N) + np.random.randn(N)*0.2``) with the
    global ``np.random`` state replaced by a ``Generator``. The arm of class
    $j$ starts at angle $4j$; this spaces three arms well (the course's
    case), but from $K = 4$ on two of the starting angles are only about
    0.57 rad apart, so those arms overlap more.

    References
    ----------
    A. Karpathy, J. Johnson et al., "Putting it together: minimal neural
    network case study", CS231n course notes, Stanford, 2016.
    https://cs231n.github.io/neural-networks-case-study/

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import make_spiral
    >>> X, y = make_spiral(3, 2, noise=0.0, shuffle=False)
    >>> print(np.round(X, 3) + 0.0)  # arm 0 then arm 1, from the centre outwards
    [[ 0.     0.   ]
     [ 0.455 -0.208]
     [-0.757 -0.654]
     [ 0.     0.   ]
     [-0.14   0.48 ]
     [ 0.989 -0.146]]
    >>> X, y = make_spiral(100, 3, rng=0)
    >>> print(X.shape, np.bincount(y), bool(np.all(np.hypot(X[:, 0], X[:, 1]) <= 1)))
    (300, 2) [100 100 100] True
    """
    n = check_int(n_per_class, "n_per_class", 1)
    k = check_int(n_classes, "n_classes", 2)
    sigma = check_in_range(noise, "noise", 0.0, None)
    check_flag(shuffle, "shuffle")
    gen = as_rng(rng)
    r = np.tile(np.linspace(0.0, 1.0, n), k)
    t = np.concatenate([np.linspace(4.0 * j, 4.0 * (j + 1), n) for j in range(k)])
    if sigma > 0:
        t = t + sigma * gen.standard_normal(n * k)
    X = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
    y = np.repeat(np.arange(k, dtype=np.int64), n)
    return _shuffled(X, y, shuffle, gen)


# --- a real data set, loaded offline ---------------------------------------------


class Digits(NamedTuple):
    """The result of [`load_digits`][dlref.data.load_digits]; unpacks as ``X, y``."""

    X: np.ndarray
    y: np.ndarray


def load_digits() -> Digits:
    r"""The 8×8 handwritten digits that ship with scikit-learn (offline).

    1797 grey-scale images of the digits 0 to 9, each 8×8 pixels, flattened
    to 64 features. The file is part of the scikit-learn package, so nothing
    is downloaded: the set is small enough to train a multilayer perceptron
    on in seconds, and real enough that regularisation and the choice of
    optimiser show.

    Each pixel counts how many of the $4 \times 4$ blocks of a $32 \times 32$
    bitmap were set, so its value is an integer in $[0, 16]$:

    $$
    X \in \{0, 1, \dots, 16\}^{1797 \times 64}, \qquad y \in \{0, \dots, 9\}^{1797}
    $$

    Returns
    -------
    Digits
        A named tuple ``(X, y)``: ``X`` float64 of shape (1797, 64) with
        values 0 to 16 (row $i$ is the image ``X[i].reshape(8, 8)`` read row
        by row), ``y`` int64 of shape (1797,) with the digit, 0 to 9. New
        arrays at every call, in the order of the file (not shuffled).

    Raises
    ------
    ImportError
        If scikit-learn is not installed; the message says which extra to
        install.

    Notes
    -----
    The features are not scaled: standardise them with statistics fitted on
    the training split only (see [`Standardizer`][dlref.preprocessing.Standardizer])
    before training. This is the UCI "Optical Recognition of Handwritten
    Digits" test set, not MNIST (whose images are 28×28 and 70,000 of them).

    References
    ----------
    E. Alpaydin and C. Kaynak, "Optical Recognition of Handwritten Digits",
    UCI Machine Learning Repository, 1998. https://doi.org/10.24432/C50P49

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import load_digits
    >>> X, y = load_digits()
    >>> print(X.shape, X.dtype, y.shape, y.dtype)
    (1797, 64) float64 (1797,) int64
    >>> print(X.min(), X.max(), np.bincount(y))
    0.0 16.0 [178 182 177 183 181 182 181 179 174 180]
    >>> print(y[0], X[0].reshape(8, 8)[2].astype(int))  # the third row of a zero
    0 [ 0  3 15  2  0 11  8  0]
    """
    try:
        from sklearn.datasets import load_digits as _sklearn_load_digits
    except ImportError as exc:
        raise ImportError(
            "load_digits needs scikit-learn, which ships the digits file: pip install "
            "scikit-learn (in a clone of the repository, the docs and test extras have it)"
        ) from exc
    bunch = _sklearn_load_digits()
    X = np.array(bunch.data, dtype=np.float64)
    y = np.array(bunch.target, dtype=np.int64)
    return Digits(X, y)
