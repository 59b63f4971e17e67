r"""Cosine annealing, linear warm-up and the learning-rate range test.

The decay schedules of the course (inverse-time, exponential, inverse square
root, step) are in [`dlref.optim`][dlref.optim]; this module adds the two
schedules most training recipes use today and the test that picks the rate
they start from. Like those, the schedules are plain functions of a step
count; assign their value to an optimiser's ``lr``. They are also importable
from ``dlref.optim``.

Unlike the course's schedules, whose ``epoch`` counts from 1, these count
``step`` from 0, as PyTorch's schedulers do: ``step`` is the number of
scheduler steps already taken, and ``step = 0`` gives the starting rate.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from dlref._checks import as_real, check_callable, check_choice, check_in_range, check_int

__all__ = ["LRRangeTest", "cosine_annealing", "linear_warmup", "lr_range_test"]


def _check_step(step: object, total: int, total_name: str) -> int:
    s = check_int(step, "step", minimum=0)
    if s > total:
        raise ValueError(f"step must be an integer in [0, {total_name}={total}], got {s}")
    return s


def cosine_annealing(lr0: float, step: int, total: int, lr_min: float = 0.0) -> float:
    r"""Cosine annealing: half a cosine from ``lr0`` down to ``lr_min`` over ``total`` steps.

    The rate starts flat, falls fastest half-way and flattens out again near
    ``lr_min`` (Loshchilov and Hutter 2017, without restarts):

    $$
    \alpha_t = \alpha_{\min} + \tfrac12\,(\alpha_0 - \alpha_{\min})
    \Bigl(1 + \cos\frac{\pi t}{T}\Bigr), \qquad 0 \le t \le T
    $$

    Parameters
    ----------
    lr0 : float
        Starting rate $\alpha_0 \ge 0$, the value at ``step = 0``.
    step : int
        $t$, the number of steps taken, in $[0, T]$ (counted from 0).
    total : int
        $T \ge 1$, the step at which the rate reaches ``lr_min``.
    lr_min : float, default 0.0
        Final rate $\alpha_{\min}$, in $[0, \alpha_0]$.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``lr0 < 0``, ``lr_min`` is outside $[0, \alpha_0]$, ``total < 1``
        or ``step`` is outside $[0, T]$.
    TypeError
        If ``step`` or ``total`` is not an integer.

    Notes
    -----
    Equals PyTorch's ``CosineAnnealingLR(optimizer, T_max=total,
    eta_min=lr_min)`` after ``step`` calls of ``scheduler.step()``, up to
    rounding (PyTorch updates the rate recursively). Stepped once per epoch,
    PyTorch's rate in epoch $e$ (counted from 1) is this function at
    ``step = e - 1``, so with ``T_max`` equal to the number of epochs the last
    epoch runs at slightly more than ``lr_min``; use ``total = epochs - 1`` to
    end exactly on it. After $T$ steps PyTorch's rate rises again along the
    cosine; this function refuses ``step > total`` instead.

    References
    ----------
    I. Loshchilov and F. Hutter, "SGDR: Stochastic Gradient Descent with Warm
    Restarts", ICLR 2017, eq. (5). https://arxiv.org/abs/1608.03983

    Examples
    --------
    >>> from dlref import cosine_annealing
    >>> print([round(cosine_annealing(0.1, t, total=4), 4) for t in range(5)])
    [0.1, 0.0854, 0.05, 0.0146, 0.0]
    """
    a0 = check_in_range(lr0, "lr0", 0.0, None)
    n = check_int(total, "total", minimum=1)
    t = _check_step(step, n, "total")
    a_min = check_in_range(lr_min, "lr_min", 0.0, a0)
    return a_min + 0.5 * (a0 - a_min) * (1.0 + math.cos(math.pi * t / n))


def linear_warmup(lr0: float, step: int, warmup: int, start_factor: float = 1 / 3) -> float:
    r"""Linear warm-up: grow the rate linearly from ``start_factor * lr0`` to ``lr0``.

    Over the first ``warmup`` steps the rate rises in equal increments; from
    step ``warmup`` on it is ``lr0``:

    $$
    \alpha_t = \alpha_0 \Bigl(f + (1 - f)\,\frac{\min(t, w)}{w}\Bigr)
    $$

    with $f$ the start factor and $w$ the warm-up length. ``lr0`` can be the
    value of another schedule at the same step: the warm-up then multiplies
    that schedule (see Examples).

    Parameters
    ----------
    lr0 : float
        Rate after the warm-up, $\alpha_0 \ge 0$.
    step : int
        $t \ge 0$, the number of steps taken (counted from 0).
    warmup : int
        $w \ge 1$, the number of steps the warm-up lasts.
    start_factor : float, default 1/3
        $f \in [0, 1]$: the rate at ``step = 0`` is $f\alpha_0$. The default is
        PyTorch's; Goyal et al. use $1/k$ when the batch is $k$ times larger.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``lr0 < 0``, ``step < 0``, ``warmup < 1`` or ``start_factor`` is
        outside $[0, 1]$.
    TypeError
        If ``step`` or ``warmup`` is not an integer.

    Notes
    -----
    Equals PyTorch's ``LinearLR(optimizer, start_factor=f, end_factor=1.0,
    total_iters=warmup)`` after ``step`` calls of ``scheduler.step()``
    (PyTorch requires $f > 0$). Warm-up followed by cosine annealing, as
    PyTorch's ``ChainedScheduler([LinearLR(...), CosineAnnealingLR(..., eta_min=0)])``
    computes it, is
    ``linear_warmup(cosine_annealing(lr0, t, T), t, w)``. Hugging Face's
    ``get_linear_schedule_with_warmup`` starts from 0 (``start_factor=0``), so
    its first step does not move the weights.

    References
    ----------
    P. Goyal et al., "Accurate, Large Minibatch SGD: Training ImageNet in 1
    Hour", 2017, Section 2.2. https://arxiv.org/abs/1706.02677

    Examples
    --------
    >>> from dlref import cosine_annealing, linear_warmup
    >>> print([round(linear_warmup(0.1, t, warmup=4, start_factor=0.2), 3) for t in range(6)])
    [0.02, 0.04, 0.06, 0.08, 0.1, 0.1]
    >>> rates = [linear_warmup(cosine_annealing(0.1, t, 8), t, warmup=4) for t in range(9)]
    >>> print([round(r, 4) for r in rates])
    [0.0333, 0.0481, 0.0569, 0.0576, 0.05, 0.0309, 0.0146, 0.0038, 0.0]
    """
    a0 = check_in_range(lr0, "lr0", 0.0, None)
    t = check_int(step, "step", minimum=0)
    w = check_int(warmup, "warmup", minimum=1)
    f = check_in_range(start_factor, "start_factor", 0.0, 1.0)
    return a0 * (f + (1.0 - f) * min(t, w) / w)


class LRRangeTest(NamedTuple):
    """What [`lr_range_test`][dlref.schedules.lr_range_test] measured, one entry per step."""

    lrs: np.ndarray
    """The learning rate of each step taken (float64)."""
    losses: np.ndarray
    """The loss ``step(lr)`` returned at each step."""
    smoothed: np.ndarray
    """The bias-corrected exponentially weighted average of ``losses``."""
    lr_at_min: float
    """The rate at which ``smoothed`` was smallest."""
    stopped: bool
    """``True`` if the test stopped early: the loss ran away or was not finite."""


def lr_range_test(
    step: Callable[[float], float],
    lr_min: float = 1e-5,
    lr_max: float = 10.0,
    n_steps: int = 100,
    *,
    spacing: str = "geometric",
    smoothing: float = 0.98,
    stop_factor: float = 4.0,
) -> LRRangeTest:
    r"""Learning-rate range test: train while the rate grows, record the loss.

    Calls ``step(lr)`` ``n_steps`` times with rates growing from ``lr_min``
    to ``lr_max``; each call takes one training step (one mini-batch) at that
    rate and returns the mini-batch loss. The loss first barely moves (rate
    too small), then falls, then rises and runs away (rate too large). The
    raw losses are noisy, so they are smoothed with a bias-corrected
    exponentially weighted average ($\beta$ = ``smoothing``), and the test
    stops once the smoothed loss exceeds ``stop_factor`` times its smallest
    value so far. With geometric spacing the $i$-th rate ($i = 0, \dots, n-1$) is

    $$
    \alpha_i = \alpha_{\min} \Bigl(\frac{\alpha_{\max}}{\alpha_{\min}}\Bigr)^{i/(n-1)},
    \qquad
    \bar\ell_i = \frac{s_i}{1 - \beta^{\,i+1}}, \quad s_i = \beta s_{i-1} + (1-\beta)\,\ell_i,
    \ s_{-1} = 0.
    $$

    Parameters
    ----------
    step : callable
        ``step(lr) -> loss``: one training step at rate ``lr`` on the next
        mini-batch, returning that mini-batch's loss (a real number). It
        changes the model it closes over; start from a fresh model or a copy.
    lr_min : float, default 1e-5
        First rate, $> 0$.
    lr_max : float, default 10.0
        Last rate, $>$ ``lr_min``.
    n_steps : int, default 100
        Number of rates, $\ge 2$.
    spacing : {"geometric", "linear"}, default "geometric"
        ``"geometric"``: rates equally spaced on a log axis (fast.ai's form);
        ``"linear"``: equally spaced (Smith's original test).
    smoothing : float, default 0.98
        $\beta \in [0, 1)$ of the average; 0 keeps the raw losses.
    stop_factor : float, default 4.0
        Stop when the smoothed loss exceeds this multiple ($> 1$) of its
        minimum so far (a rule meant for a non-negative loss, such as
        cross-entropy).

    Returns
    -------
    LRRangeTest
        ``lrs``, ``losses``, ``smoothed`` (one entry per step taken),
        ``lr_at_min`` and ``stopped``. A NaN or infinite loss stops the test
        and is not recorded.

    Raises
    ------
    ValueError
        If a rate bound is not positive or ``lr_max <= lr_min``,
        ``n_steps < 2``, ``smoothing`` is outside $[0, 1)$, ``stop_factor <= 1``
        or ``spacing`` is unknown; if the first loss is not finite.
    TypeError
        If ``step`` is not callable, returns something other than a real
        number, or ``n_steps`` is not an integer.

    Notes
    -----
    **Reading the curve.** The useful rates are where the smoothed loss falls
    fastest, below ``lr_at_min``: the minimum itself is already close to the
    rate where training becomes unstable, and the smoothing delays the curve
    (an average over about $1/(1-\beta)$ steps), so the minimum appears a few
    steps late. A common rule (fast.ai) takes about ``lr_at_min / 10``.

    **Sources.** Smith (2017, Section 3.3) increases the rate *linearly* over
    a few epochs and reads off where the accuracy starts to rise and where it
    falls; the exponential growth, the smoothing with $\beta = 0.98$ and the
    stop at 4 times the best loss are fast.ai's (Gugger 2017), and are the
    defaults here.

    References
    ----------
    L. N. Smith, "Cyclical Learning Rates for Training Neural Networks",
    WACV 2017, Section 3.3. https://arxiv.org/abs/1506.01186

    S. Gugger, "How Do You Find a Good Learning Rate", 2017.
    https://sgugger.github.io/how-do-you-find-a-good-learning-rate.html

    Examples
    --------
    Gradient descent on $f(w) = w^2/2$ multiplies $w$ by $1 - \alpha$ per step,
    so it diverges once $\alpha > 2$. Each loss is measured before its step,
    so the smallest comes one step after the rate passes 2, and the test stops
    when the loss is 4 times that:

    >>> from dlref import lr_range_test
    >>> w = [1.0]
    >>> def step(lr):
    ...     loss = 0.5 * w[0] ** 2
    ...     w[0] -= lr * w[0]
    ...     return loss
    ...
    >>> res = lr_range_test(step, lr_min=0.01, lr_max=100.0, n_steps=40, smoothing=0.0)
    >>> print(len(res.lrs), res.stopped, round(res.lr_at_min, 2), round(float(res.lrs[-1]), 2))
    26 True 2.29 3.67
    """
    check_callable(step, "step")
    low = check_in_range(lr_min, "lr_min", 0.0, None, low_inclusive=False)
    high = check_in_range(lr_max, "lr_max", low, None, low_inclusive=False)
    n = check_int(n_steps, "n_steps", minimum=2)
    kind = check_choice(spacing, "spacing", ("geometric", "linear"))
    beta = check_in_range(smoothing, "smoothing", 0.0, 1.0, high_inclusive=False)
    factor = check_in_range(stop_factor, "stop_factor", 1.0, None, low_inclusive=False)
    if kind == "geometric":
        rates = np.geomspace(low, high, n)
    else:
        rates = np.linspace(low, high, n)

    lrs: list[float] = []
    losses: list[float] = []
    smoothed: list[float] = []
    avg, best, stopped = 0.0, math.inf, False
    for i, lr in enumerate(rates.tolist()):
        loss = as_real(step(lr), "the loss returned by step")
        if not math.isfinite(loss):
            if i == 0:
                raise ValueError(
                    f"the loss returned by step must be finite at the first rate "
                    f"lr_min={low!r}, got {loss!r}"
                )
            stopped = True
            break
        avg = beta * avg + (1.0 - beta) * loss
        value = avg / (1.0 - beta ** (i + 1))
        lrs.append(lr)
        losses.append(loss)
        smoothed.append(value)
        best = min(best, value)
        if value > factor * best:
            stopped = True
            break
    smooth = np.array(smoothed)
    return LRRangeTest(
        lrs=np.array(lrs),
        losses=np.array(losses),
        smoothed=smooth,
        lr_at_min=lrs[int(np.argmin(smooth))],
        stopped=stopped,
    )
