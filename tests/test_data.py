"""Tests for dlref.data: train/dev/test split and mini-batches."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref import Split, minibatches, train_dev_test_split

FAST = settings(max_examples=50, deadline=None)


def _xy(m: int, n: int = 3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """X whose first column is the row index, so pairs can be traced."""
    X = np.random.default_rng(seed).standard_normal((m, n))
    X[:, 0] = np.arange(m)
    return X, np.arange(m)


# --- train_dev_test_split -------------------------------------------------------


@pytest.mark.parametrize(
    ("m", "fractions", "sizes"),
    [
        (10, (0.6, 0.2, 0.2), (6, 2, 2)),
        (11, (0.6, 0.2, 0.2), (7, 2, 2)),  # 2.2 -> 2, remainder to train
        (10, (0.5, 0.25, 0.25), (6, 2, 2)),  # 2.5 -> 2
        (10, (0.7, 0.3, 0.0), (7, 3, 0)),  # 0.3 * 10 = 3.0000000000000004
        (100, (0.42, 0.29, 0.29), (42, 29, 29)),  # 0.29 * 100 = 28.999999999999996
        (1, (0.6, 0.2, 0.2), (1, 0, 0)),
        (3, (0.0, 0.0, 1.0), (0, 0, 3)),
        (5, (1.0, 0.0, 0.0), (5, 0, 0)),
    ],
)
def test_split_sizes(m: int, fractions: tuple[float, float, float], sizes: tuple[int, ...]) -> None:
    X, y = _xy(m)
    s = train_dev_test_split(X, y, fractions, rng=0)
    assert isinstance(s, Split)
    assert (len(s.y_train), len(s.y_dev), len(s.y_test)) == sizes
    assert s.X_train.shape == (sizes[0], 3) and s.X_test.shape == (sizes[2], 3)


@FAST
@given(
    m=st.integers(1, 300),
    parts=st.tuples(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20)).filter(
        lambda t: sum(t) > 0
    ),
    seed=st.integers(0, 2**32 - 1),
)
def test_split_is_a_partition_with_floor_sizes(
    m: int, parts: tuple[int, int, int], seed: int
) -> None:
    total = sum(parts)
    fractions = (parts[0] / total, parts[1] / total, parts[2] / total)
    X, y = _xy(m)
    s = train_dev_test_split(X, y, fractions, rng=seed)
    n_dev = math.floor(parts[1] * m / total)  # exact rational floor
    n_test = math.floor(parts[2] * m / total)
    assert len(s.y_dev) == n_dev and len(s.y_test) == n_test
    assert len(s.y_train) == m - n_dev - n_test
    every = np.concatenate([s.y_train, s.y_dev, s.y_test])
    np.testing.assert_array_equal(np.sort(every), np.arange(m))
    for Xp, yp in [(s.X_train, s.y_train), (s.X_dev, s.y_dev), (s.X_test, s.y_test)]:
        np.testing.assert_array_equal(Xp[:, 0], yp)  # pairs stay together
        np.testing.assert_array_equal(Xp, X[yp])


def test_split_shuffles_and_is_reproducible() -> None:
    X, y = _xy(50)
    a = train_dev_test_split(X, y, rng=7)
    b = train_dev_test_split(X, y, rng=7)
    for u, v in zip(a, b, strict=True):
        assert u.tobytes() == v.tobytes() and u.dtype == v.dtype
    assert not np.array_equal(a.y_train, np.arange(len(a.y_train)))  # shuffled
    c = train_dev_test_split(X, y, rng=8)
    assert not np.array_equal(a.y_train, c.y_train)


def test_split_keeps_dtypes_and_copies() -> None:
    X = np.arange(40, dtype=np.float32).reshape(20, 2)
    y = np.arange(20, dtype=np.int64)
    X0, y0 = X.copy(), y.copy()
    s = train_dev_test_split(X, y, rng=0)
    assert s.X_train.dtype == np.float32 and s.X_dev.dtype == np.float32
    assert s.y_train.dtype == np.int64
    for part in s:
        assert not np.shares_memory(part, X) and not np.shares_memory(part, y)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)


def test_split_images_and_one_hot_targets() -> None:
    X = np.zeros((10, 4, 5))
    y = np.eye(3)[np.arange(10) % 3]
    s = train_dev_test_split(X, y, rng=0)
    assert s.X_train.shape == (6, 4, 5) and s.y_train.shape == (6, 3)


# --- minibatches ----------------------------------------------------------------


@FAST
@given(
    m=st.integers(1, 200),
    batch_size=st.integers(1, 250),
    shuffle=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_minibatches_cover_every_example_once(
    m: int, batch_size: int, shuffle: bool, seed: int
) -> None:
    X, y = _xy(m)
    batches = list(minibatches(X, y, batch_size, shuffle=shuffle, rng=seed))
    assert len(batches) == math.ceil(m / batch_size)
    sizes = [len(yb) for _, yb in batches]
    assert all(s == batch_size for s in sizes[:-1])
    assert sizes[-1] == m - batch_size * (len(batches) - 1)  # last partial batch kept
    seen = np.concatenate([yb for _, yb in batches])
    np.testing.assert_array_equal(np.sort(seen), np.arange(m))
    for Xb, yb in batches:
        np.testing.assert_array_equal(Xb, X[yb])
    if not shuffle:
        np.testing.assert_array_equal(seen, np.arange(m))


def test_minibatches_validate_eagerly() -> None:
    X, y = _xy(10)
    with pytest.raises(ValueError, match="batch_size"):
        minibatches(X, y, 0)  # no next(): the call itself raises
    with pytest.raises(ValueError, match="y"):
        minibatches(X, y[:-1])


def test_minibatches_reproducible_and_new_order_per_epoch() -> None:
    X, y = _xy(100)
    a = [b.tobytes() for _, b in minibatches(X, y, 16, rng=3)]
    b = [b.tobytes() for _, b in minibatches(X, y, 16, rng=3)]
    assert a == b
    gen = np.random.default_rng(3)
    e1 = np.concatenate([yb for _, yb in minibatches(X, y, 16, rng=gen)])
    e2 = np.concatenate([yb for _, yb in minibatches(X, y, 16, rng=gen)])
    assert not np.array_equal(e1, e2)  # a Generator gives a new order each epoch


def test_minibatches_dtype_and_no_aliasing() -> None:
    X = np.arange(20, dtype=np.float32).reshape(10, 2)
    y = np.arange(10)
    X0 = X.copy()
    for shuffle in (True, False):
        for Xb, yb in minibatches(X, y, 4, shuffle=shuffle, rng=0):
            assert Xb.dtype == np.float32 and yb.dtype == y.dtype
            assert not np.shares_memory(Xb, X)
            Xb[...] = -1.0  # writing into a batch does not touch X
    np.testing.assert_array_equal(X, X0)


# --- bad input --------------------------------------------------------------------

X_OK, Y_OK = _xy(10)

BAD = [
    (train_dev_test_split, (np.empty((0, 3)), np.empty(0)), {}, ValueError, "X"),
    (train_dev_test_split, (np.full((4, 2), np.nan), np.arange(4)), {}, ValueError, "X"),
    (train_dev_test_split, (X_OK, Y_OK[:-1]), {}, ValueError, "y"),
    (train_dev_test_split, (X_OK, np.zeros((10, 2, 2))), {}, ValueError, "y"),
    (train_dev_test_split, (np.float64(1.0), Y_OK), {}, ValueError, "X"),
    (train_dev_test_split, ("abc", Y_OK), {}, TypeError, "X"),
    (train_dev_test_split, (X_OK, Y_OK, (0.5, 0.5)), {}, ValueError, "fractions"),
    (train_dev_test_split, (X_OK, Y_OK, (0.6, 0.2, 0.3)), {}, ValueError, "fractions"),
    (train_dev_test_split, (X_OK, Y_OK, (1.2, -0.1, -0.1)), {}, ValueError, r"fractions\[1\]"),
    (train_dev_test_split, (X_OK, Y_OK, (0.6, float("nan"), 0.2)), {}, ValueError, "fractions"),
    (train_dev_test_split, (X_OK, Y_OK, 0.6), {}, TypeError, "fractions"),
    (train_dev_test_split, (X_OK, Y_OK), {"rng": "seed"}, TypeError, "rng"),
    (minibatches, (X_OK, Y_OK, 0), {}, ValueError, "batch_size"),
    (minibatches, (X_OK, Y_OK, 2.5), {}, TypeError, "batch_size"),
    (minibatches, (X_OK, Y_OK[:5]), {}, ValueError, "y"),
    (minibatches, (np.empty((0, 2)), np.empty(0)), {}, ValueError, "X"),
    (minibatches, (X_OK, np.full(10, np.inf)), {}, ValueError, "y"),
    (minibatches, (X_OK, Y_OK), {"rng": -1}, ValueError, "rng"),
]


@pytest.mark.parametrize(("fn", "args", "kwargs", "exc", "name"), BAD)
def test_bad_input(fn, args, kwargs, exc, name) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(exc, match=name):
        fn(*args, **kwargs)
