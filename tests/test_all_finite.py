"""``all_finite``, the finiteness check behind every array argument: exact on every path."""

from __future__ import annotations

import numpy as np
import pytest

from dlref._checks import _DOT_CHECK_SIZE, all_finite, as_float_array


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("size", [1, 7, _DOT_CHECK_SIZE - 1, _DOT_CHECK_SIZE, 100_003])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_one_bad_value_anywhere_is_found(dtype: type, size: int, bad: float) -> None:
    rng = np.random.default_rng(size)
    x = rng.standard_normal(size).astype(dtype)
    assert all_finite(x)
    for where in {0, size // 2, size - 1}:
        y = x.copy()
        y[where] = bad
        assert not all_finite(y), (dtype, size, bad, where)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_values_whose_squares_overflow_are_still_finite(dtype: type) -> None:
    big = np.finfo(dtype).max / 2
    x = np.full(2 * _DOT_CHECK_SIZE, big, dtype=dtype)  # x·x overflows to inf
    assert all_finite(x)
    x[-1] = np.nan
    assert not all_finite(x)
    x[-1] = -np.inf
    assert not all_finite(x)


def test_non_contiguous_and_two_dimensional_arrays() -> None:
    x = np.ones((300, 40))
    x[123, 7] = np.inf
    assert not all_finite(x)
    assert not all_finite(x.T)  # Fortran order: the element-wise path
    assert all_finite(x[:, ::2][:, :3])  # a strided view without the inf
    assert not all_finite(x[::3])  # row 123 is in the view


def test_as_float_array_keeps_the_array_it_was_given() -> None:
    x = np.arange(5000, dtype=np.float32)
    assert as_float_array(x, "x") is x  # the fast path: no copy, same dtype
    with pytest.raises(ValueError, match=r"x must be finite, got 1 NaN or inf value\(s\)"):
        as_float_array(np.where(x == 4999, np.inf, x).astype(np.float32), "x")
    assert as_float_array([1, 2], "x").dtype == np.float64  # other inputs: the general path
