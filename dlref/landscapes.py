r"""Small 2-D loss surfaces, and the path an optimiser takes across them.

Each surface is a pair ``f(p)`` and ``f_grad(p)``: the value and the gradient
at a point ``p = (x, y)``. They isolate the difficulties the notes discuss:
a saddle point (zero gradient, not a minimum), a plateau (a wide region where
the gradient almost vanishes), a long narrow valley (unnormalised features)
next to its round counterpart (normalised features), and the Rosenbrock
valley. [`trajectory`][dlref.landscapes.trajectory] runs any optimiser of
[`dlref.optim`][dlref.optim] on them and returns the path, for the figures.

Every function also accepts a stack of points of shape ``(..., 2)`` (for
example a grid from ``np.meshgrid`` stacked on the last axis, to draw
contours): ``f`` then returns an array of shape ``(...)`` and ``f_grad`` an
array of the shape of ``p``. For a single point of shape ``(2,)``, ``f``
returns a Python float. Inputs are never modified; float32 points give
float32 gradients.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from dlref._checks import (
    as_float_array,
    check_axis_size,
    check_callable,
    check_in_range,
    check_int,
)

__all__ = [
    "elongated_quadratic",
    "elongated_quadratic_grad",
    "normalized_quadratic",
    "normalized_quadratic_grad",
    "plateau",
    "plateau_grad",
    "rosenbrock",
    "rosenbrock_grad",
    "saddle",
    "saddle_grad",
    "trajectory",
]


def _point(p: Any, name: str = "p") -> np.ndarray:
    """A point ``(2,)`` or a stack ``(..., 2)`` of points, finite, float32/float64."""
    arr = as_float_array(p, name, ndim=(1, 2, 3))
    check_axis_size(arr, name, -1, 2, what="coordinates (x, y) on the last axis")
    return arr


def _value(v: np.ndarray) -> Any:
    """A Python float for one point, the array for a stack."""
    return float(v) if v.ndim == 0 else v


# --- saddle -----------------------------------------------------------------------


def saddle(p: Any) -> Any:
    r"""The saddle $f(x, y) = x^2 - y^2$: a minimum along $x$, a maximum along $y$.

    At the origin the gradient is zero but the point is no minimum: the
    surface curves up along $x$ and down along $y$. In high dimensions most
    points of zero gradient are saddles like this, not local minima; an
    optimiser that starts near the $x$ axis first slides towards the saddle
    and then has to escape along $y$, where the gradient is tiny at first.

    $$
    f(x, y) = x^2 - y^2, \qquad \nabla f = (2x,\ -2y)
    $$

    Parameters
    ----------
    p : array_like, shape (2,) or (..., 2)
        The point $(x, y)$ (or a stack of points); finite.

    Returns
    -------
    float or ndarray
        $f(p)$; a float for one point, shape ``(...)`` for a stack.

    Raises
    ------
    ValueError
        If ``p`` does not have 2 coordinates on its last axis, is empty or
        not finite.
    TypeError
        If ``p`` does not hold real numbers.

    Notes
    -----
    The surface is unbounded below along $y$: a path that escapes the
    saddle keeps descending. One set of Korean notes misspells the term
    for a saddle point and gives plateaus the same (misspelt) name; a
    plateau is a flat region, not a kind of saddle (see the glossary for
    the standard Korean terms).

    References
    ----------
    Y. Dauphin, R. Pascanu, C. Gulcehre, K. Cho, S. Ganguli and Y. Bengio,
    "Identifying and attacking the saddle point problem in high-dimensional
    non-convex optimization", NeurIPS 2014. https://arxiv.org/abs/1406.2572

    Examples
    --------
    >>> from dlref import saddle, saddle_grad
    >>> print(saddle([0.0, 0.0]), saddle([1.0, 0.0]), saddle([0.0, 1.0]))
    0.0 1.0 -1.0
    >>> print(saddle_grad([1.0, 0.5]))
    [ 2. -1.]
    """
    q = _point(p)
    return _value(q[..., 0] ** 2 - q[..., 1] ** 2)


def saddle_grad(p: Any) -> np.ndarray:
    r"""Gradient of [`saddle`][dlref.landscapes.saddle]: $(2x, -2y)$.

    Parameters
    ----------
    p : array_like, shape (2,) or (..., 2)
        The point(s); finite.

    Returns
    -------
    ndarray, shape of ``p``
        A new array in the dtype of ``p`` (float32 or float64).

    Raises
    ------
    ValueError
        As in [`saddle`][dlref.landscapes.saddle].
    TypeError
        As in [`saddle`][dlref.landscapes.saddle].

    Examples
    --------
    >>> from dlref import saddle_grad
    >>> print(saddle_grad([0.0, 0.0]) == 0)  # a stationary point
    [ True  True]
    """
    q = _point(p)
    return np.stack([2 * q[..., 0], -2 * q[..., 1]], axis=-1)


# --- plateau ----------------------------------------------------------------------


def plateau(p: Any) -> Any:
    r"""A Gaussian well in a wide plateau: $f = 1 - e^{-(x^2 + y^2)/2}$.

    The minimum 0 is at the origin, inside a well of radius about 2; outside
    it the surface is almost flat at 1, and the gradient falls off like
    $r e^{-r^2/2}$. It models a network whose units have saturated (the
    derivative of a saturated sigmoid or tanh is exponentially small): plain
    gradient descent crawls across the plateau, while optimisers that
    normalise the step size (RMSprop, Adam) cross it at their usual speed.

    $$
    f(p) = 1 - e^{-\lVert p \rVert^2 / 2}, \qquad
    \nabla f = p\, e^{-\lVert p \rVert^2 / 2}
    $$

    Parameters
    ----------
    p : array_like, shape (2,) or (..., 2)
        The point(s); finite.

    Returns
    -------
    float or ndarray
        $f(p) \in [0, 1)$.

    Raises
    ------
    ValueError
        As in [`saddle`][dlref.landscapes.saddle].
    TypeError
        As in [`saddle`][dlref.landscapes.saddle].

    Notes
    -----
    At radius 4 the gradient norm is $4 e^{-8} \approx 1.3 \times 10^{-3}$, so
    gradient descent with learning rate 0.1 moves about $10^{-4}$ per step,
    while Adam's first steps have length about its learning rate whatever the
    gradient's scale.

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import plateau, plateau_grad
    >>> print(plateau([0.0, 0.0]), round(plateau([3.0, 4.0]), 8))
    0.0 0.99999627
    >>> print(plateau_grad([3.0, 4.0]))  # 5 units out: a flat region
    [1.11799595e-05 1.49066127e-05]
    >>> from dlref import SGD, Adam, trajectory
    >>> for opt in (SGD(lr=0.1), Adam(lr=0.1)):
    ...     end = trajectory(opt, plateau_grad, [3.0, 4.0], steps=100)[-1]
    ...     print(type(opt).__name__, np.round(end, 2), round(plateau(end), 4))
    ...
    SGD [3. 4.] 1.0
    Adam [0.01 0.01] 0.0001
    """
    q = _point(p)
    return _value(1 - np.exp(-0.5 * np.sum(q * q, axis=-1)))


def plateau_grad(p: Any) -> np.ndarray:
    r"""Gradient of [`plateau`][dlref.landscapes.plateau]: $p\, e^{-\lVert p\rVert^2/2}$.

    Parameters
    ----------
    p : array_like, shape (2,) or (..., 2)
        The point(s); finite.

    Returns
    -------
    ndarray, shape of ``p``
        A new array in the dtype of ``p``.

    Raises
    ------
    ValueError
        As in [`saddle`][dlref.landscapes.saddle].
    TypeError
        As in [`saddle`][dlref.landscapes.saddle].

    Examples
    --------
    >>> from dlref import plateau_grad
    >>> print(plateau_grad([1.0, 0.0]).round(4))  # steepest at radius 1
    [0.6065 0.    ]
    """
    q = _point(p)
    return q * np.exp(-0.5 * np.sum(q * q, axis=-1, keepdims=True))


# --- elongated vs normalised quadratic --------------------------------------------------


def elongated_quadratic(p: Any, *, kappa: float = 10.0) -> Any:
    r"""A long, narrow valley: the cost of unnormalised features, $\tfrac12(x^2 + \kappa y^2)$.

    Linear least squares on two uncorrelated, centred features with
    standard deviations $s_1$ and $s_2$ has the cost
    $\tfrac12 (w - w^*)^\top \operatorname{diag}(s_1^2, s_2^2)(w - w^*)$ plus a
    constant. With $w^* = 0$, $s_1 = 1$ and $s_2 = \sqrt\kappa$ that is this
    function: its contours are ellipses $\sqrt\kappa$ times longer along $x$
    than along $y$. Gradient descent needs $\alpha < 2/\kappa$ to stay stable
    along $y$, and then crawls along $x$; it zig-zags across the valley.

    $$
    f(x, y) = \tfrac12 \left(x^2 + \kappa\, y^2\right), \qquad
    \nabla f = (x,\ \kappa y)
    $$

    Parameters
    ----------
    p : array_like, shape (2,) or (..., 2)
        The weights $(x, y) = (w_1, w_2)$; finite.
    kappa : float, default 10.0
        The condition number $\kappa \ge 1$, the ratio of the feature
        variances.

    Returns
    -------
    float or ndarray
        $f(p) \ge 0$.

    Raises
    ------
    ValueError
        As in [`saddle`][dlref.landscapes.saddle], or if ``kappa < 1``.
    TypeError
        As in [`saddle`][dlref.landscapes.saddle].

    Notes
    -----
    Standardising the second feature (dividing it by $s_2 = \sqrt\kappa$)
    turns the weight into $w_2' = \sqrt\kappa\, w_2$ and the cost into the
    round [`normalized_quadratic`][dlref.landscapes.normalized_quadratic],
    where one learning rate suits both directions (even $\alpha = 1$ jumps to
    the minimum in one step). This is the notes' argument for normalising
    the inputs.

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import SGD, elongated_quadratic, trajectory
    >>> from dlref import elongated_quadratic_grad as grad
    >>> print(elongated_quadratic([1.0, 1.0]), grad([1.0, 1.0]))
    5.5 [ 1. 10.]
    >>> path = trajectory(SGD(lr=0.15), grad, [-4.0, 1.0], steps=20)
    >>> print(np.round(path[[1, 2, 20]], 4))  # y flips sign each step, x crawls
    [[-3.4   -0.5  ]
     [-2.89   0.25 ]
     [-0.155  0.   ]]
    """
    q = _point(p)
    k = check_in_range(kappa, "kappa", 1.0, None)
    return _value(0.5 * (q[..., 0] ** 2 + k * q[..., 1] ** 2))


def elongated_quadratic_grad(p: Any, *, kappa: float = 10.0) -> np.ndarray:
    r"""Gradient of [`elongated_quadratic`][dlref.landscapes.elongated_quadratic]: $(x, \kappa y)$.

    Parameters
    ----------
    p : array_like, shape (2,) or (..., 2)
        The point(s); finite.
    kappa : float, default 10.0
        $\kappa \ge 1$.

    Returns
    -------
    ndarray, shape of ``p``
        A new array in the dtype of ``p``.

    Raises
    ------
    ValueError
        As in [`elongated_quadratic`][dlref.landscapes.elongated_quadratic].
    TypeError
        As in [`saddle`][dlref.landscapes.saddle].

    Examples
    --------
    >>> from dlref import elongated_quadratic_grad
    >>> print(elongated_quadratic_grad([2.0, 1.0], kappa=4.0))
    [2. 4.]
    """
    q = _point(p)
    k = check_in_range(kappa, "kappa", 1.0, None)
    return np.stack([q[..., 0], k * q[..., 1]], axis=-1)


def normalized_quadratic(p: Any) -> Any:
    r"""The round bowl $\tfrac12(x^2 + y^2)$: the same cost after normalising the features.

    The counterpart of
    [`elongated_quadratic`][dlref.landscapes.elongated_quadratic] once each
    feature has unit variance: the contours are circles, the gradient points
    straight at the minimum, and one learning rate suits every direction.

    $$
    f(x, y) = \tfrac12 \left(x^2 + y^2\right), \qquad \nabla f = (x,\ y)
    $$

    Parameters
    ----------
    p : array_like, shape (2,) or (..., 2)
        The weights in the standardised parameterisation; finite.

    Returns
    -------
    float or ndarray
        $f(p) \ge 0$.

    Raises
    ------
    ValueError
        As in [`saddle`][dlref.landscapes.saddle].
    TypeError
        As in [`saddle`][dlref.landscapes.saddle].

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import SGD, normalized_quadratic, normalized_quadratic_grad, trajectory
    >>> print(normalized_quadratic([3.0, 4.0]))
    12.5
    >>> path = trajectory(SGD(lr=0.15), normalized_quadratic_grad, [-4.0, 1.0], steps=20)
    >>> print(np.round(path[20], 4))  # a straight line: 0.85^20 times the start
    [-0.155   0.0388]
    """
    q = _point(p)
    return _value(0.5 * np.sum(q * q, axis=-1))


def normalized_quadratic_grad(p: Any) -> np.ndarray:
    r"""Gradient of [`normalized_quadratic`][dlref.landscapes.normalized_quadratic]: $(x, y)$.

    Parameters
    ----------
    p : array_like, shape (2,) or (..., 2)
        The point(s); finite.

    Returns
    -------
    ndarray, shape of ``p``
        A new array (a copy of ``p``) in its dtype.

    Raises
    ------
    ValueError
        As in [`saddle`][dlref.landscapes.saddle].
    TypeError
        As in [`saddle`][dlref.landscapes.saddle].

    Examples
    --------
    >>> from dlref import normalized_quadratic_grad
    >>> print(normalized_quadratic_grad([2.0, -1.0]))
    [ 2. -1.]
    """
    return _point(p).copy()


# --- Rosenbrock -------------------------------------------------------------------


def rosenbrock(p: Any, *, a: float = 1.0, b: float = 100.0) -> Any:
    r"""Rosenbrock's banana valley, minimum 0 at $(a, a^2)$.

    A curved, narrow valley with a flat floor: finding the valley is easy,
    following its bend to the minimum is slow. A standard test of
    optimisers since 1960.

    $$
    f(x, y) = (a - x)^2 + b\,(y - x^2)^2, \qquad
    \nabla f = \big(2(x - a) - 4 b x (y - x^2),\ \ 2 b (y - x^2)\big)
    $$

    Parameters
    ----------
    p : array_like, shape (2,) or (..., 2)
        The point(s); finite.
    a : float, default 1.0
        Position of the minimum, finite.
    b : float, default 100.0
        Steepness of the valley walls, $b > 0$.

    Returns
    -------
    float or ndarray
        $f(p) \ge 0$.

    Raises
    ------
    ValueError
        As in [`saddle`][dlref.landscapes.saddle], or if ``a`` is not finite
        or ``b <= 0``.
    TypeError
        As in [`saddle`][dlref.landscapes.saddle].

    References
    ----------
    H. H. Rosenbrock, "An Automatic Method for Finding the Greatest or Least
    Value of a Function", The Computer Journal 3(3), 1960.
    https://doi.org/10.1093/comjnl/3.3.175

    Examples
    --------
    >>> from dlref import rosenbrock
    >>> from dlref import rosenbrock_grad as grad
    >>> print(rosenbrock([1.0, 1.0]), rosenbrock([0.0, 0.0]), rosenbrock([-1.0, 1.0]))
    0.0 1.0 4.0
    >>> print(grad([1.0, 1.0]), grad([0.0, 0.0]), grad([-1.0, 2.0]))
    [0. 0.] [-2.  0.] [396. 200.]
    """
    q = _point(p)
    a_, b_ = _rosenbrock_args(a, b)
    x, y = q[..., 0], q[..., 1]
    return _value((a_ - x) ** 2 + b_ * (y - x * x) ** 2)


def rosenbrock_grad(p: Any, *, a: float = 1.0, b: float = 100.0) -> np.ndarray:
    r"""Gradient of [`rosenbrock`][dlref.landscapes.rosenbrock].

    $$
    \nabla f = \big(2(x - a) - 4 b x (y - x^2),\ \ 2 b (y - x^2)\big)
    $$

    Parameters
    ----------
    p : array_like, shape (2,) or (..., 2)
        The point(s); finite.
    a : float, default 1.0
        Position of the minimum.
    b : float, default 100.0
        $b > 0$.

    Returns
    -------
    ndarray, shape of ``p``
        A new array in the dtype of ``p``.

    Raises
    ------
    ValueError
        As in [`rosenbrock`][dlref.landscapes.rosenbrock].
    TypeError
        As in [`saddle`][dlref.landscapes.saddle].

    Examples
    --------
    >>> from dlref import rosenbrock_grad
    >>> print(rosenbrock_grad([2.0, 2.0], a=2.0, b=1.0))
    [16. -4.]
    """
    q = _point(p)
    a_, b_ = _rosenbrock_args(a, b)
    x, y = q[..., 0], q[..., 1]
    r = y - x * x
    return np.stack([2 * (x - a_) - 4 * b_ * x * r, 2 * b_ * r], axis=-1)


def _rosenbrock_args(a: Any, b: Any) -> tuple[float, float]:
    return check_in_range(a, "a"), check_in_range(b, "b", 0.0, None, low_inclusive=False)


# --- trajectories -----------------------------------------------------------------


def trajectory(
    optimizer: Any,
    grad_fn: Callable[[np.ndarray], Any],
    start: Any,
    steps: int,
) -> np.ndarray:
    r"""The path of an optimiser on a 2-D surface: the start and ``steps`` updates.

    Repeats ``optimizer.step({"p": p}, {"p": grad_fn(p)})`` on a copy of
    ``start``, recording every point. Works with every optimiser of
    [`dlref.optim`][dlref.optim] (and any object with the same ``step``
    method), so their paths on the same surface can be drawn side by side.

    $$
    p_0 = \text{start}, \qquad p_{t} = \operatorname{step}\big(p_{t-1}, \nabla f(p_{t-1})\big),
    \quad t = 1, \dots, T
    $$

    Parameters
    ----------
    optimizer : dlref.optim optimiser
        An object with ``step(params, grads)`` that updates ``params["p"]``
        in place, e.g. [`Adam`][dlref.optim.Adam]. Pass a fresh one: its
        state (velocity, step count) is advanced by the run.
    grad_fn : callable
        ``grad_fn(p) -> array of shape (2,)``, e.g.
        [`saddle_grad`][dlref.landscapes.saddle_grad]; use a lambda or
        ``functools.partial`` for keyword arguments such as ``kappa``. It
        receives a copy of the current point.
    start : array_like, shape (2,)
        The starting point, finite; not modified.
    steps : int
        Number of updates $T \ge 0$.

    Returns
    -------
    ndarray, shape (steps + 1, 2)
        Row $t$ is $p_t$ (row 0 is ``start``), in the dtype of ``start``
        (float32 stays float32, integers become float64).

    Raises
    ------
    ValueError
        If ``start`` is not 2 finite numbers, ``steps < 0``, ``grad_fn``
        returns the wrong shape, or the path diverges: a non-finite gradient
        or point raises at once, naming the step (lower the learning rate).
    TypeError
        If ``optimizer`` has no ``step`` method, ``grad_fn`` is not callable
        or returns something that is not an array of numbers.

    Notes
    -----
    The number of steps is fixed: there is no stopping rule, so paths of
    different optimisers have the same length and can be compared point by
    point. A diverging run raises instead of returning NaN, so that a figure
    never silently draws half a path; the floating-point overflow on the way
    (which NumPy reports as a ``RuntimeWarning``) is silenced inside
    ``grad_fn`` and the step, and reported as that ``ValueError``.

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import SGD, Adam, Momentum, saddle_grad, trajectory
    >>> start = [1.0, 1e-3]  # next to the saddle's stable direction
    >>> for opt in (SGD(lr=0.05), Momentum(lr=0.05, beta=0.9), Adam(lr=0.05)):
    ...     path = trajectory(opt, saddle_grad, start, steps=30)
    ...     print(f"{type(opt).__name__:8s} {path[-1, 0]:7.3f} {path[-1, 1]:6.3f}")
    ...
    SGD        0.042  0.017
    Momentum  -0.128  0.005
    Adam      -0.103  1.613

    SGD multiplies $y$ by $1 + 2\alpha$ per step and needs many steps to
    leave; momentum in the notes' form (the average of the gradients, not
    their sum) starts even slower and overshoots along $x$; Adam divides each
    coordinate by its own RMS gradient, so the tiny $y$ gradient gets a full
    step of about $\alpha$ and the path leaves the saddle at once.
    """
    check_callable(getattr(optimizer, "step", None), "optimizer.step")
    step = optimizer.step
    check_callable(grad_fn, "grad_fn")
    p0 = as_float_array(start, "start", ndim=1)
    check_axis_size(p0, "start", 0, 2, what="coordinates (x, y)")
    n = check_int(steps, "steps", 0)
    path = np.empty((n + 1, 2), dtype=p0.dtype)
    path[0] = p0
    params = {"p": p0.copy()}
    for t in range(1, n + 1):
        # overflow on the way to infinity is reported below as a ValueError
        with np.errstate(over="ignore", invalid="ignore"):
            g = as_float_array(grad_fn(params["p"].copy()), "grad_fn(p)", ndim=1, finite=False)
        check_axis_size(g, "grad_fn(p)", 0, 2, what="entries (the gradient at p)")
        if not np.all(np.isfinite(g)):
            raise ValueError(
                f"trajectory diverged at step {t}: grad_fn(p) is not finite at p = "
                f"{params['p'].tolist()} (lower the learning rate)"
            )
        with np.errstate(over="ignore", invalid="ignore"):
            step(params, {"p": g})
        p = params["p"]
        if not np.all(np.isfinite(p)):
            raise ValueError(
                f"trajectory diverged at step {t}: p = {p.tolist()} is not finite "
                "(lower the learning rate)"
            )
        path[t] = p
    return path
