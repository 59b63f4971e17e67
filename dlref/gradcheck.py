r"""Gradient checking: central differences, the relative error and a verdict.

A backward pass is easy to get subtly wrong and still "train". The check
compares it with a numerical derivative of the forward pass, one coordinate at
a time, and reports the relative error between the two vectors.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from dlref._checks import as_float_array, check_callable, check_in_range

__all__ = ["GradCheckResult", "gradient_check", "numerical_gradient", "relative_error"]

#: Below this relative error the gradient is considered correct.
FINE = 1e-7
#: Between ``FINE`` and this, look closer (kinks, float32, a large ``h``).
SUSPICIOUS = 1e-3


def numerical_gradient(
    f: Callable[[np.ndarray], Any], x: np.ndarray, *, h: float = 1e-5
) -> np.ndarray:
    r"""Central-difference gradient of a scalar function.

    Each coordinate $x_i$ is nudged by $\pm h$ and the slope of the secant is
    taken. The error of the central difference is $O(h^2)$ (the one-sided
    difference is only $O(h)$), which is why it is the one to use.

    $$
    \frac{\partial f}{\partial x_i} \approx
    \frac{f(x + h e_i) - f(x - h e_i)}{2h}
    $$

    Parameters
    ----------
    f : callable
        Takes an array shaped like ``x`` and returns a scalar (a Python or
        NumPy number, or a size-1 array).
    x : ndarray
        The point, any shape. It is perturbed in place during the loop and
        restored exactly before return (the values are saved, not recomputed).
    h : float, default 1e-5
        Step, in $(0, \infty)$. In float64 values between $10^{-4}$ and
        $10^{-6}$ balance truncation error ($\propto h^2$) against rounding
        error ($\propto \epsilon_{\text{mach}}/h$).

    Returns
    -------
    ndarray
        The gradient, same shape and dtype as ``x``.

    Raises
    ------
    TypeError
        If ``f`` is not callable, or ``x`` is not a float32/float64 ndarray.
    ValueError
        If ``h`` is not positive and finite, ``x`` is empty, not finite,
        read-only or not contiguous, or ``f`` does not return a finite scalar.
        ``x`` is restored even then, and when ``f`` raises.

    Notes
    -----
    The notes write the same formula with $\epsilon$ for the step; here it is
    ``h``, because $\epsilon$ is kept for the small constants inside Adam,
    RMSprop and batch norm. ``x`` must be a floating-point ``ndarray`` (not a
    list): the function writes into it, and ``f`` usually closes over it.

    References
    ----------
    CS231n, "Gradient checks", https://cs231n.github.io/neural-networks-3/

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import numerical_gradient
    >>> x = np.array([1.0, -2.0, 3.0])
    >>> g = numerical_gradient(lambda v: np.sum(v ** 3), x)
    >>> print(np.round(g, 6))   # the exact gradient is 3 x^2
    [ 3. 12. 27.]
    >>> print(x)                # the point is left as it was
    [ 1. -2.  3.]
    """
    check_callable(f, "f")
    step = check_in_range(h, "h", 0.0, None, low_inclusive=False)
    if not isinstance(x, np.ndarray) or x.dtype.kind != "f":
        raise TypeError(
            "x must be a floating-point numpy.ndarray (it is perturbed in place "
            f"and restored), got {type(x).__name__}"
            + (f" of dtype {x.dtype}" if isinstance(x, np.ndarray) else "")
        )
    as_float_array(x, "x")
    if not x.flags.writeable:
        raise ValueError("x must be writeable (it is perturbed in place and restored)")
    grad = np.zeros_like(x)
    flat_x = x.reshape(-1)  # a view: x is contiguous or reshape copies (checked below)
    if not np.shares_memory(flat_x, x):
        raise ValueError("x must be a contiguous array (it is perturbed in place)")
    flat_g = grad.reshape(-1)
    for i in range(flat_x.size):
        saved = flat_x[i]
        try:
            flat_x[i] = saved + step
            f_plus = _scalar(f(x))
            flat_x[i] = saved - step
            f_minus = _scalar(f(x))
        finally:  # also when f raises or returns a non-scalar: x is left as it was
            flat_x[i] = saved
        flat_g[i] = (f_plus - f_minus) / (2.0 * step)
    return grad


def _scalar(value: Any) -> float:
    arr = np.asarray(value)
    if arr.size != 1:
        raise ValueError(f"f must return a scalar, got an array of shape {arr.shape}")
    out = float(arr.reshape(-1)[0])
    if not np.isfinite(out):
        raise ValueError(f"f must return a finite value, got {out}")
    return out


def relative_error(a: Any, b: Any) -> float:
    r"""Relative error between two gradients.

    $$
    \text{err}(a, b) = \frac{\lVert a - b \rVert_2}{\lVert a \rVert_2 + \lVert b \rVert_2}
    $$

    The denominator makes the number scale-free: a gradient of size $10^{-6}$
    and one of size $10^{3}$ are judged alike. It is 0 when both are 0.

    Parameters
    ----------
    a, b : array_like
        Two arrays of the same shape, finite.

    Returns
    -------
    float
        In $[0, 1]$.

    Raises
    ------
    ValueError
        If the shapes differ, an array is empty or holds NaN/inf.

    Notes
    -----
    Some texts divide by $\max(\lVert a\rVert, \lVert b\rVert)$ or by
    $\lVert a\rVert$ alone; the sum used here (Andrew Ng's course) is bounded
    by 1 and symmetric, and its thresholds are those of
    [`gradient_check`][dlref.gradcheck.gradient_check].

    Examples
    --------
    >>> from dlref import relative_error
    >>> relative_error([3.0, 4.0], [3.0, 4.0])
    0.0
    >>> round(relative_error([1.0, 0.0], [0.0, 1.0]), 4)   # orthogonal: sqrt(2)/2
    0.7071
    >>> relative_error([0.0], [0.0])
    0.0
    """
    a_arr = as_float_array(a, "a").astype(np.float64)
    b_arr = as_float_array(b, "b").astype(np.float64)
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"b must have the shape of a {a_arr.shape}, got {b_arr.shape}")
    denom = float(np.linalg.norm(a_arr) + np.linalg.norm(b_arr))
    if denom == 0.0:
        return 0.0
    return float(np.linalg.norm(a_arr - b_arr)) / denom


class GradCheckResult(NamedTuple):
    """What [`gradient_check`][dlref.gradcheck.gradient_check] found."""

    error: float
    """The relative error between analytic and numerical gradient."""
    verdict: str
    """``"ok"``, ``"look closer"`` or ``"bug"``."""
    numerical: np.ndarray
    """The numerical gradient, for inspecting where the two disagree."""


def gradient_check(
    f: Callable[[np.ndarray], Any],
    x: np.ndarray,
    analytic_grad: Any,
    *,
    h: float = 1e-5,
) -> GradCheckResult:
    r"""Compare an analytic gradient with central differences.

    Computes the numerical gradient of ``f`` at ``x`` with
    [`numerical_gradient`][dlref.gradcheck.numerical_gradient], then the
    [`relative_error`][dlref.gradcheck.relative_error] to ``analytic_grad``,
    and a verdict with the usual thresholds (float64):

    | relative error | verdict | meaning |
    | --- | --- | --- |
    | $< 10^{-7}$ | ``"ok"`` | the backward is right |
    | $10^{-7}$ to $10^{-3}$ | ``"look closer"`` | a kink (ReLU at 0), float32, or one wrong entry |
    | $\ge 10^{-3}$ | ``"bug"`` | the backward is wrong |

    Parameters
    ----------
    f : callable
        Scalar function of an array shaped like ``x``.
    x : ndarray
        Floating-point point of evaluation, restored before return.
    analytic_grad : array_like
        The gradient your backward pass computed, same shape as ``x``.
    h : float, default 1e-5
        Central-difference step, in $(0, \infty)$.

    Returns
    -------
    GradCheckResult
        ``(error, verdict, numerical)``.

    Raises
    ------
    ValueError, TypeError
        As [`numerical_gradient`][dlref.gradcheck.numerical_gradient] and
        [`relative_error`][dlref.gradcheck.relative_error].

    Notes
    -----
    Turn dropout off (or fix its mask) before checking: a random forward pass
    has no derivative to compare with. Check in float64; float32 rounding alone
    gives errors of $10^{-3}$ to $10^{-2}$ with this ``h`` (measured on
    ``tanh``; float64 gives about $10^{-11}$), which reads as a bug. With a non-uniform upstream
    gradient (``f(x) = sum(dout * layer(x))`` for a random ``dout``) a backward
    that mixes up axes cannot pass by symmetry.

    References
    ----------
    CS231n, "Gradient checks", https://cs231n.github.io/neural-networks-3/

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import gradient_check
    >>> x = np.array([0.5, -1.5, 2.0])
    >>> f = lambda v: np.sum(np.sin(v))
    >>> gradient_check(f, x, np.cos(x)).verdict
    'ok'
    >>> gradient_check(f, x, -np.cos(x)).verdict      # a sign slip
    'bug'
    """
    check_callable(f, "f")
    analytic = as_float_array(analytic_grad, "analytic_grad")
    numerical = numerical_gradient(f, x, h=h)
    if analytic.shape != numerical.shape:
        raise ValueError(
            f"analytic_grad must have the shape of x {numerical.shape}, got {analytic.shape}"
        )
    err = relative_error(analytic, numerical)
    if err < FINE:
        verdict = "ok"
    elif err < SUSPICIOUS:
        verdict = "look closer"
    else:
        verdict = "bug"
    return GradCheckResult(err, verdict, numerical)
