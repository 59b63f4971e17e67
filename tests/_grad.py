"""Shared assertion for gradient checks in the test-suite."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dlref.gradcheck import gradient_check

TOL = 1e-7


def assert_gradient(
    f: Callable[[np.ndarray], Any],
    x: np.ndarray,
    analytic: Any,
    *,
    tol: float = TOL,
    h: float = 1e-6,
) -> float:
    """Assert that ``analytic`` is the gradient of scalar ``f`` at ``x`` (float64).

    Typical use with a non-uniform upstream gradient ``dout``::

        assert_gradient(lambda v: np.sum(dout * layer(v)), x, backward(dout))
    """
    assert x.dtype == np.float64, "gradient checks run in float64"
    result = gradient_check(f, x, analytic, h=h)
    assert result.error < tol, (
        f"relative error {result.error:.3e} >= {tol:g}\n"
        f"analytic:\n{np.asarray(analytic)}\nnumerical:\n{result.numerical}"
    )
    return result.error
