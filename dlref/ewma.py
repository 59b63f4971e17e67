r"""Exponentially weighted moving average (EWMA) with bias correction.

The running average behind momentum, RMSprop, Adam and the running statistics
of batch norm: each new value gets weight $1-\beta$, and everything before it is
scaled down by $\beta$.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from dlref._checks import as_float_array, check_flag, check_in_range

__all__ = ["effective_window", "ewma"]


def ewma(x: ArrayLike, beta: float = 0.9, *, bias_correction: bool = True) -> np.ndarray:
    r"""Exponentially weighted moving average of a sequence, $V_1, \dots, V_T$.

    Each step keeps a fraction $\beta$ of the running average and mixes in the
    new value with weight $1-\beta$. Starting from $V_0 = 0$ drags the first
    averages towards zero; dividing by $1-\beta^t$ removes that start-up bias.

    $$
    V_0 = 0, \qquad V_t = \beta\, V_{t-1} + (1-\beta)\, \theta_t
    $$

    Unrolled, $V_t$ is a weighted sum whose weights decay geometrically into
    the past and add up to $1-\beta^t$, not to 1:

    $$
    V_t = (1-\beta) \sum_{k=0}^{t-1} \beta^{k}\, \theta_{t-k},
    \qquad (1-\beta)\sum_{k=0}^{t-1}\beta^k = 1-\beta^t
    $$

    so the bias-corrected average is a true weighted mean:

    $$
    \hat V_t = \frac{V_t}{1-\beta^t}
    $$

    Parameters
    ----------
    x : array_like, shape (T,)
        The sequence $\theta_1, \dots, \theta_T$: 1-D, non-empty, finite.
    beta : float, default 0.9
        Weight on the past, in $[0, 1)$. $\beta = 0$ returns ``x`` itself; the
        average spans roughly $1/(1-\beta)$ steps
        ([`effective_window`][dlref.ewma.effective_window]).
    bias_correction : bool, default True
        Divide $V_t$ by $1-\beta^t$.

    Returns
    -------
    ndarray, shape (T,)
        $\hat V_1, \dots, \hat V_T$ (or $V_1, \dots, V_T$ without correction),
        float32 for float32 input and float64 otherwise. ``x`` is not modified.

    Raises
    ------
    ValueError
        If ``beta`` is outside $[0, 1)$, or ``x`` is empty, not 1-D, or holds
        NaN or inf.
    TypeError
        If ``x`` is not numeric (or is float16), ``beta`` is not a real number,
        or ``bias_correction`` is not a bool.

    Notes
    -----
    - The course notes say the correction is "usually skipped" because the bias
      only affects the first steps. That holds for a plot of thousands of
      steps, and momentum implementations skip it (with $\beta = 0.9$ it fades
      within a few tens of steps), but not for Adam: with $\beta_2 = 0.999$ the
      bias lasts about $1/(1-\beta_2) = 1000$ steps, and for a constant
      gradient the uncorrected first step is $0.1/\sqrt{0.001} \approx 3.16$
      times the corrected one. Adam corrects both of its averages.
    - The notes write the correction as $V_t = V_t/(1-\beta^t)$. The corrected
      value must not overwrite the state: the recurrence continues from the
      uncorrected $V_t$, and $\hat V_t$ is computed for output only, as here.
    - pandas' ``Series.ewm(alpha=1 - beta, adjust=False)`` starts from
      $V_1 = \theta_1$ instead of $V_0 = 0$; with ``adjust=True`` it computes
      $\sum_k \beta^k \theta_{t-k} / \sum_k \beta^k$, which equals the
      bias-corrected $\hat V_t$ here.
    - A Python loop over $T$ keeps the recurrence visible; it handles
      $10^5$ values in a few tens of milliseconds.

    References
    ----------
    D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization",
    ICLR 2015, section 3 (initialization bias correction).
    https://arxiv.org/abs/1412.6980

    Examples
    --------
    A constant series is recovered exactly at every step once corrected; without
    the correction it starts at $(1-\beta)\theta_1$:

    >>> from dlref import ewma
    >>> print(ewma([2.0, 2.0, 2.0], beta=0.9))
    [2. 2. 2.]
    >>> print(ewma([2.0, 2.0, 2.0], beta=0.9, bias_correction=False))
    [0.2   0.38  0.542]

    With $\beta = 0.5$ each value counts as much as everything before it:

    >>> from dlref import ewma
    >>> print(ewma([1.0, 2.0, 3.0, 4.0], beta=0.5, bias_correction=False))
    [0.5    1.25   2.125  3.0625]
    >>> print(ewma([1.0, 2.0, 3.0, 4.0], beta=0.5).round(4))
    [1.     1.6667 2.4286 3.2667]
    """
    b = check_in_range(beta, "beta", 0.0, 1.0, high_inclusive=False)
    theta = as_float_array(x, "x", ndim=1)
    correct = check_flag(bias_correction, "bias_correction")
    out = np.empty_like(theta)
    v = theta.dtype.type(0.0)
    for t, value in enumerate(theta):
        v = b * v + (1.0 - b) * value
        out[t] = v
    if correct:
        steps = np.arange(1, theta.size + 1)
        out /= (1.0 - b**steps).astype(theta.dtype)
    return out


def effective_window(beta: float) -> float:
    r"""How many recent values an EWMA with weight $\beta$ effectively averages.

    The weight of the value $k$ steps back is $(1-\beta)\beta^k$. It has fallen
    to about $1/e$ of the newest one's after $k = 1/(1-\beta)$ steps, because
    with $\varepsilon = 1-\beta$,

    $$
    \beta^{1/(1-\beta)} = (1-\varepsilon)^{1/\varepsilon} \approx \frac{1}{e}
    \approx 0.368 .
    $$

    That $k$ is the usual rule of thumb for the length of the window. It is
    not a cut-off: the weights of all values $n$ or more steps back add up to
    $\beta^n$, so about 37 % of the total weight lies beyond the window.

    Parameters
    ----------
    beta : float
        Weight on the past, in $[0, 1)$.

    Returns
    -------
    float
        $1/(1-\beta)$.

    Raises
    ------
    ValueError
        If ``beta`` is outside $[0, 1)$.
    TypeError
        If ``beta`` is not a real number.

    Notes
    -----
    The approximation improves as $\beta \to 1$: $0.9^{10} = 0.349$,
    $0.98^{50} = 0.364$, $0.999^{1000} = 0.368$, against $1/e = 0.3679$.
    The course notes write $(1-\varepsilon)^{1/\varepsilon} = 1/e$ with an
    equals sign; it is a limit ($\varepsilon \to 0$), not an identity. They
    also say that data older than $1/(1-\beta)$ steps "has no influence"; in
    fact $\beta^{1/(1-\beta)} \approx 1/e$ of the weight lies there.

    Examples
    --------
    >>> from dlref import effective_window
    >>> round(effective_window(0.9), 6)
    10.0
    >>> round(effective_window(0.98), 6)
    50.0
    >>> round(0.98 ** effective_window(0.98), 3)   # about 1/e
    0.364

    The weight beyond the window is that same $\beta^{1/(1-\beta)}$:

    >>> import numpy as np
    >>> weights = 0.02 * 0.98 ** np.arange(100_000)  # (1 - beta) beta^k
    >>> print(f"{weights[50:].sum():.3f}")
    0.364
    """
    b = check_in_range(beta, "beta", 0.0, 1.0, high_inclusive=False)
    return 1.0 / (1.0 - b)
