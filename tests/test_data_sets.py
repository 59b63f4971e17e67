"""Tests for the data sets in dlref.data: make_moons, make_spiral, load_digits."""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref import Digits, load_digits, make_moons, make_spiral
from tests._libs import import_or_skip

FAST = settings(max_examples=50, deadline=None)


# --- make_moons -------------------------------------------------------------------


@FAST
@given(m=st.integers(2, 400), noise=st.floats(0.0, 1.0), seed=st.integers(0, 2**32 - 1))
def test_moons_shapes_dtypes_and_class_sizes(m: int, noise: float, seed: int) -> None:
    X, y = make_moons(m, noise=noise, rng=seed)
    assert X.shape == (m, 2) and X.dtype == np.float64
    assert y.shape == (m,) and y.dtype == np.int64
    np.testing.assert_array_equal(np.bincount(y, minlength=2), [m // 2, m - m // 2])
    assert np.all(np.isfinite(X))


def test_moons_noiseless_points_lie_on_the_arcs() -> None:
    X, y = make_moons(101, noise=0.0, rng=0)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(upper[:, 0], upper[:, 1]), 1.0, atol=1e-15)
    assert np.all(upper[:, 1] >= -1e-15)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1, lower[:, 1] - 0.5), 1.0, atol=1e-15)
    assert np.all(lower[:, 1] <= 0.5 + 1e-15)


def test_moons_noise_has_the_stated_standard_deviation() -> None:
    clean, y0 = make_moons(4000, noise=0.0, shuffle=False)
    noisy, y1 = make_moons(4000, noise=0.3, shuffle=False, rng=1)
    np.testing.assert_array_equal(y0, y1)
    assert abs(np.std(noisy - clean) - 0.3) < 0.01  # 8000 draws: s.e. about 0.0024


def test_moons_match_sklearn_geometry() -> None:
    datasets = import_or_skip("sklearn.datasets")
    for m in (2, 7, 100):
        ours, y = make_moons(m, noise=0.0, shuffle=False)
        ref, y_ref = datasets.make_moons(m, noise=None, shuffle=False)
        # max |diff| measured: 5.6e-17 (m=100; 0.0 for m=2, 7): same formula and order
        np.testing.assert_array_equal(y, y_ref)
        np.testing.assert_allclose(ours, ref, rtol=0, atol=1e-12)


# --- make_spiral ------------------------------------------------------------------


@FAST
@given(
    n=st.integers(1, 150),
    k=st.integers(2, 6),
    noise=st.floats(0.0, 1.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_spiral_shapes_dtypes_and_unit_disc(n: int, k: int, noise: float, seed: int) -> None:
    X, y = make_spiral(n, k, noise=noise, rng=seed)
    assert X.shape == (n * k, 2) and X.dtype == np.float64
    assert y.dtype == np.int64
    np.testing.assert_array_equal(np.bincount(y, minlength=k), np.full(k, n))
    assert np.all(np.hypot(X[:, 0], X[:, 1]) <= 1 + 1e-12)


def test_spiral_is_the_cs231n_formula() -> None:
    """The loop of the CS231n case study, with randn replaced by our draws."""
    n, k, noise = 50, 3, 0.2
    X, y = make_spiral(n, k, noise=noise, shuffle=False, rng=3)
    eps = np.random.default_rng(3).standard_normal(n * k)
    ref = np.zeros((n * k, 2))
    for j in range(k):
        ix = range(n * j, n * (j + 1))
        r = np.linspace(0.0, 1, n)
        t = np.linspace(j * 4, (j + 1) * 4, n) + eps[n * j : n * (j + 1)] * noise
        ref[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
    np.testing.assert_allclose(X, ref, rtol=0, atol=1e-15)
    np.testing.assert_array_equal(y, np.repeat(np.arange(k), n))


def test_spiral_is_not_linearly_separable() -> None:
    """A least-squares linear classifier gets well under 70 % of the spiral right."""
    X, y = make_spiral(100, 3, rng=0)
    A = np.c_[X, np.ones(len(X))]
    W = np.linalg.lstsq(A, np.eye(3)[y], rcond=None)[0]
    assert np.mean(np.argmax(A @ W, axis=1) == y) < 0.7


# --- shared properties ------------------------------------------------------------

MAKERS: list[tuple[Any, tuple[Any, ...], dict[str, Any]]] = [
    (make_moons, (60,), {"noise": 0.2}),
    (make_spiral, (20, 3), {"noise": 0.2}),
]


@pytest.mark.parametrize(("fn", "args", "kwargs"), MAKERS)
def test_same_seed_same_bits_and_shuffle(fn: Any, args: Any, kwargs: Any) -> None:
    a = fn(*args, **kwargs, rng=5)
    b = fn(*args, **kwargs, rng=5)
    c = fn(*args, **kwargs, rng=6)
    for u, v in zip(a, b, strict=True):
        assert u.tobytes() == v.tobytes()
    assert not np.array_equal(a[0], c[0])
    X, y = a
    assert not np.all(np.diff(y) >= 0)  # shuffled: labels not grouped
    Xs, ys = fn(*args, **kwargs, shuffle=False, rng=5)
    assert np.all(np.diff(ys) >= 0)  # unshuffled: class 0 first
    # shuffling permutes the very same rows (the noise is drawn before the shuffle)
    key = np.lexsort((y, X[:, 1], X[:, 0]))  # y breaks ties: every arm starts at 0
    key_s = np.lexsort((ys, Xs[:, 1], Xs[:, 0]))
    np.testing.assert_array_equal(X[key], Xs[key_s])
    np.testing.assert_array_equal(y[key], ys[key_s])


@pytest.mark.parametrize(("fn", "args", "kwargs"), MAKERS)
def test_generator_is_advanced_not_reset(fn: Any, args: Any, kwargs: Any) -> None:
    gen = np.random.default_rng(0)
    first, _ = fn(*args, **kwargs, rng=gen)
    second, _ = fn(*args, **kwargs, rng=gen)
    assert not np.array_equal(first, second)


# --- load_digits ------------------------------------------------------------------


def test_load_digits() -> None:
    import_or_skip("sklearn")
    d = load_digits()
    assert isinstance(d, Digits)
    X, y = d
    assert X.shape == (1797, 64) and X.dtype == np.float64 and X.flags.writeable
    assert y.shape == (1797,) and y.dtype == np.int64
    assert X.min() == 0 and X.max() == 16 and np.all(X == np.round(X))
    np.testing.assert_array_equal(np.unique(y), np.arange(10))
    # fresh arrays at each call: writing into one does not change the next
    X[0, 0] = 99.0
    assert load_digits().X[0, 0] == 0.0


def test_load_digits_matches_sklearn() -> None:
    datasets = import_or_skip("sklearn.datasets")
    X, y = load_digits()
    ref = datasets.load_digits()
    np.testing.assert_array_equal(X, ref.data)  # max |diff| measured: 0.0
    np.testing.assert_array_equal(y, ref.target)
    np.testing.assert_array_equal(X.reshape(-1, 8, 8), ref.images)


def test_load_digits_without_sklearn_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "sklearn" or m.startswith("sklearn.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "sklearn", None)  # makes `import sklearn...` fail
    with pytest.raises(ImportError, match=r"scikit-learn.*pip install scikit-learn.*extras"):
        load_digits()


# --- bad input --------------------------------------------------------------------

BAD: list[tuple[Any, tuple[Any, ...], dict[str, Any], type[Exception], str]] = [
    (make_moons, (1,), {}, ValueError, "n_samples"),
    (make_moons, (0,), {}, ValueError, "n_samples"),
    (make_moons, (10.0,), {}, TypeError, "n_samples"),
    (make_moons, (True,), {}, TypeError, "n_samples"),
    (make_moons, (10,), {"noise": -0.1}, ValueError, "noise"),
    (make_moons, (10,), {"noise": float("nan")}, ValueError, "noise"),
    (make_moons, (10,), {"noise": float("inf")}, ValueError, "noise"),
    (make_moons, (10,), {"noise": "0.1"}, TypeError, "noise"),
    (make_moons, (10,), {"rng": -1}, ValueError, "rng"),
    (make_moons, (10,), {"rng": "seed"}, TypeError, "rng"),
    (make_spiral, (0, 3), {}, ValueError, "n_per_class"),
    (make_spiral, (5.0, 3), {}, TypeError, "n_per_class"),
    (make_spiral, (5, 1), {}, ValueError, "n_classes"),
    (make_spiral, (5, None), {}, TypeError, "n_classes"),
    (make_spiral, (5, 3), {"noise": -1.0}, ValueError, "noise"),
    (make_spiral, (5, 3), {"noise": float("nan")}, ValueError, "noise"),
    (make_spiral, (5, 3), {"rng": 1.5}, TypeError, "rng"),
]


@pytest.mark.parametrize(("fn", "args", "kwargs", "exc", "name"), BAD)
def test_bad_input(
    fn: Any, args: Any, kwargs: Any, exc: type[Exception], name: str
) -> None:
    with pytest.raises(exc, match=name):
        fn(*args, **kwargs)
