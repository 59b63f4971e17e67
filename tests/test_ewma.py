"""dlref.ewma: the recurrence, its closed form, the window rule, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlref import effective_window, ewma

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
series = arrays(np.float64, st.integers(1, 60), elements=finite)
betas = st.floats(0.0, 0.999)


def loop_ewma(x: np.ndarray, beta: float, correct: bool) -> np.ndarray:
    """The notes' recurrence, written out as plainly as possible."""
    v, out = 0.0, []
    for t, theta in enumerate(x, start=1):
        v = beta * v + (1 - beta) * theta
        out.append(v / (1 - beta**t) if correct else v)
    return np.array(out)


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9, 0.98, 0.999])
@pytest.mark.parametrize("correct", [True, False])
def test_matches_an_explicit_loop(beta: float, correct: bool) -> None:
    x = np.random.default_rng(1).normal(5.0, 2.0, 300)
    np.testing.assert_allclose(
        ewma(x, beta, bias_correction=correct), loop_ewma(x, beta, correct), rtol=1e-12, atol=1e-12
    )


def test_matches_the_unrolled_weighted_sum() -> None:
    x = np.random.default_rng(2).normal(size=40)
    beta = 0.8
    t = np.arange(1, x.size + 1)
    closed = np.array([(1 - beta) * np.sum(beta ** np.arange(k) * x[k - 1 :: -1]) for k in t])
    np.testing.assert_allclose(ewma(x, beta, bias_correction=False), closed, rtol=1e-12)


def test_beta_zero_is_the_identity() -> None:
    x = np.random.default_rng(3).normal(size=50)
    np.testing.assert_array_equal(ewma(x, 0.0), x)
    np.testing.assert_array_equal(ewma(x, 0.0, bias_correction=False), x)


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98, 0.999])
def test_corrected_constant_series_is_exact(beta: float) -> None:
    x = np.full(200, 3.7)
    np.testing.assert_allclose(ewma(x, beta), x, rtol=1e-13)
    assert ewma(x, beta, bias_correction=False)[0] == pytest.approx((1 - beta) * 3.7)


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.98])
def test_weights_sum_to_one_minus_beta_to_the_t(beta: float) -> None:
    # Feeding ones gives the running sum of the weights.
    t = np.arange(1, 101)
    np.testing.assert_allclose(
        ewma(np.ones(100), beta, bias_correction=False), 1 - beta**t, rtol=1e-12
    )


@pytest.mark.parametrize(("beta", "window"), [(0.9, 10), (0.98, 50)])
def test_weight_falls_to_about_one_over_e_after_the_window(beta: float, window: int) -> None:
    # The weight of theta_{t-k} relative to theta_t is beta**k: read it off an impulse.
    assert round(effective_window(beta)) == window
    impulse = np.zeros(window + 1)
    impulse[0] = 1.0
    w = ewma(impulse, beta, bias_correction=False)
    ratio = w[window] / w[0]
    # 0.9**10 = 0.349 and 0.98**50 = 0.364: within 0.02 of 1/e = 0.368.
    assert abs(ratio - 1 / math.e) < 0.02
    assert ratio == pytest.approx(beta**window, rel=1e-12)


def test_effective_window_values() -> None:
    assert effective_window(0.0) == 1.0
    assert effective_window(0.9) == pytest.approx(10.0)
    assert effective_window(0.999) == pytest.approx(1000.0)


@settings(max_examples=60, deadline=None)
@given(series, betas)
def test_corrected_output_stays_within_the_input_range(x: np.ndarray, beta: float) -> None:
    v = ewma(x, beta)
    span = max(1.0, float(np.max(np.abs(x))))
    assert np.all(v >= x.min() - 1e-9 * span)
    assert np.all(v <= x.max() + 1e-9 * span)


@settings(max_examples=60, deadline=None)
@given(series, series, betas, st.floats(-10, 10), st.booleans())
def test_linear_in_x(x: np.ndarray, y: np.ndarray, beta: float, a: float, correct: bool) -> None:
    n = min(x.size, y.size)
    x, y = x[:n], y[:n]
    lhs = ewma(a * x + y, beta, bias_correction=correct)
    rhs = a * ewma(x, beta, bias_correction=correct) + ewma(y, beta, bias_correction=correct)
    scale = 1.0 + abs(a) * np.max(np.abs(x)) + np.max(np.abs(y))
    np.testing.assert_allclose(lhs, rhs, rtol=0, atol=1e-9 * scale)


def test_dtypes_and_no_mutation() -> None:
    x32 = np.linspace(0, 1, 20, dtype=np.float32)
    before = x32.copy()
    assert ewma(x32, 0.9).dtype == np.float32
    assert ewma(x32, 0.9, bias_correction=False).dtype == np.float32
    np.testing.assert_array_equal(x32, before)
    assert ewma([1, 2, 3], 0.5).dtype == np.float64  # ints compute in float64
    x = np.arange(5.0)
    out = ewma(x, 0.0)
    assert out is not x and not np.shares_memory(out, x)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"x": [1.0], "beta": 1.0}, ValueError, r"beta must be in \[0, 1\), got 1\.0"),
        ({"x": [1.0], "beta": -0.1}, ValueError, r"beta must be in \[0, 1\), got -0\.1"),
        ({"x": [1.0], "beta": float("nan")}, ValueError, r"beta must be in \[0, 1\)"),
        ({"x": [1.0], "beta": "0.9"}, TypeError, r"beta must be a real number"),
        ({"x": [], "beta": 0.9}, ValueError, r"x must not be empty"),
        ({"x": [[1.0, 2.0]], "beta": 0.9}, ValueError, r"x must be 1-D, got a 2-D array"),
        ({"x": 3.0, "beta": 0.9}, ValueError, r"x must be 1-D, got a 0-D array"),
        ({"x": [1.0, np.nan], "beta": 0.9}, ValueError, r"x must be finite"),
        ({"x": [1.0, np.inf], "beta": 0.9}, ValueError, r"x must be finite"),
        ({"x": ["a", "b"], "beta": 0.9}, TypeError, r"x must hold real numbers"),
    ],
)
def test_bad_input(kwargs: dict, error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        ewma(**kwargs)


@pytest.mark.parametrize("beta", [1.0, -0.5, 2, float("inf")])
def test_effective_window_bad_beta(beta: float) -> None:
    with pytest.raises(ValueError, match=r"beta must be in \[0, 1\)"):
        effective_window(beta)
