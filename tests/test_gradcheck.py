"""dlref.gradcheck: central differences, relative error, the verdict."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlref import gradient_check, numerical_gradient, relative_error


def test_numerical_gradient_of_a_quadratic_form() -> None:
    rng = np.random.default_rng(0)
    A = rng.normal(size=(4, 4))
    x = rng.normal(size=4)
    g = numerical_gradient(lambda v: v @ A @ v, x)
    np.testing.assert_allclose(g, (A + A.T) @ x, rtol=1e-8, atol=1e-9)


def test_matrix_input_keeps_its_shape_and_is_restored_bit_for_bit() -> None:
    x = np.random.default_rng(1).normal(size=(3, 5))
    before = x.copy()
    g = numerical_gradient(lambda v: np.sum(np.sin(v) * v), x)
    assert g.shape == x.shape
    np.testing.assert_array_equal(x, before)
    np.testing.assert_allclose(g, np.cos(x) * x + np.sin(x), rtol=1e-8, atol=1e-9)


def test_central_difference_error_is_second_order() -> None:
    # Halving h divides the truncation error by about 4 (it is ~h^2/6 f''').
    x = np.array([0.7])
    exact = np.cos(0.7)
    errors = [
        abs(numerical_gradient(lambda v: np.sin(v).sum(), x, h=h)[0] - exact) for h in (1e-2, 5e-3)
    ]
    assert errors[0] / errors[1] == pytest.approx(4.0, rel=0.01)


def test_float32_stays_float32() -> None:
    x = np.array([1.0, 2.0], dtype=np.float32)
    assert numerical_gradient(lambda v: float(np.sum(v**2)), x, h=1e-2).dtype == np.float32


def test_relative_error_properties() -> None:
    a = np.array([1.0, 2.0, 3.0])
    assert relative_error(a, a) == 0.0
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, -a) == pytest.approx(1.0)
    assert relative_error(1e-6 * a, 1e-6 * (a + 1e-3)) == pytest.approx(relative_error(a, a + 1e-3))


@settings(max_examples=50, deadline=None)
@given(
    arrays(np.float64, 5, elements=st.floats(-1e3, 1e3)),
    arrays(np.float64, 5, elements=st.floats(-1e3, 1e3)),
)
def test_relative_error_is_symmetric_and_bounded(a: np.ndarray, b: np.ndarray) -> None:
    e = relative_error(a, b)
    assert 0.0 <= e <= 1.0 + 1e-12
    assert e == pytest.approx(relative_error(b, a), abs=1e-15)


def test_verdicts_follow_the_thresholds() -> None:
    x = np.array([0.3, -1.2, 2.5])
    f = lambda v: np.sum(np.exp(v))  # noqa: E731
    exact = np.exp(x)
    assert gradient_check(f, x, exact).verdict == "ok"
    assert gradient_check(f, x, exact * (1 + 1e-5)).verdict == "look closer"
    assert gradient_check(f, x, exact * 1.01).verdict == "bug"
    wrong = exact.copy()
    wrong[1] = 0.0  # one entry forgotten
    result = gradient_check(f, x, wrong)
    assert result.verdict == "bug"
    assert np.argmax(np.abs(result.numerical - wrong)) == 1


def test_float32_rounding_is_visible_in_the_error() -> None:
    # The reason to gradient-check in float64.
    x64 = np.array([0.3, -1.2, 2.5])
    x32 = x64.astype(np.float32)
    f = lambda v: np.sum(v**3)  # noqa: E731
    err64 = gradient_check(f, x64, 3 * x64**2).error
    err32 = gradient_check(f, x32, 3 * x32**2, h=1e-3).error
    assert err64 < 1e-9 < err32


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (
            lambda: numerical_gradient(np.sum, np.ones(3), h=0.0),
            ValueError,
            r"h must be in \(0, inf\), got 0\.0",
        ),
        (lambda: numerical_gradient(np.sum, np.ones(3), h=-1e-5), ValueError, r"h must be in \(0"),
        (
            lambda: numerical_gradient(np.sum, [1.0, 2.0]),
            TypeError,
            r"x must be a floating-point numpy\.ndarray",
        ),
        (
            lambda: numerical_gradient(np.sum, np.arange(3)),
            TypeError,
            r"x must be a floating-point",
        ),
        (lambda: numerical_gradient(np.sum, np.ones(0)), ValueError, r"x must not be empty"),
        (
            lambda: numerical_gradient(np.sum, np.array([1.0, np.nan])),
            ValueError,
            r"x must be finite",
        ),
        (
            lambda: numerical_gradient(lambda v: v, np.ones(3)),
            ValueError,
            r"f must return a scalar",
        ),
        (
            lambda: numerical_gradient(lambda v: np.inf, np.ones(3)),
            ValueError,
            r"f must return a finite",
        ),
        (
            lambda: numerical_gradient(np.sum, np.ones((4, 4))[:, :2]),
            ValueError,
            r"x must be a contiguous",
        ),
        (lambda: relative_error([1.0, 2.0], [1.0]), ValueError, r"b must have the shape of a"),
        (lambda: relative_error([np.inf], [1.0]), ValueError, r"a must be finite"),
        (
            lambda: gradient_check(np.sum, np.ones(3), np.ones(2)),
            ValueError,
            r"analytic_grad must have the shape of x",
        ),
    ],
)
def test_bad_input(call, error: type[Exception], match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=match):
        call()
