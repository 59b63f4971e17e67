r"""Bias and variance: read a model's problem off its train and dev errors.

The training error against the best achievable (Bayes) error measures
*avoidable bias* (underfitting); the gap from training to dev error measures
*variance* (overfitting). Each has its own remedies, tried in the order of
the course's "basic recipe": fix high bias first, then high variance.
"""

from __future__ import annotations

from typing import NamedTuple

from dlref._checks import check_in_range

__all__ = ["BIAS_REMEDIES", "VARIANCE_REMEDIES", "Diagnosis", "diagnose"]

#: Remedies for high (avoidable) bias, most recommended first.
BIAS_REMEDIES: tuple[str, ...] = ("bigger network", "train longer", "architecture search")
#: Remedies for high variance, most recommended first.
VARIANCE_REMEDIES: tuple[str, ...] = ("more data", "regularization", "architecture search")

#: Absorbs the rounding of a difference of two decimal fractions, so that
#: ``0.05 - 0.03 = 0.020000000000000004`` does not count as "above 0.02".
_ROUNDING = 1e-12


class Diagnosis(NamedTuple):
    """The result of [`diagnose`][dlref.diagnosis.diagnose]."""

    avoidable_bias: float
    variance: float
    high_bias: bool
    high_variance: bool
    remedies: tuple[str, ...]


def diagnose(
    train_error: float,
    dev_error: float,
    *,
    bayes_error: float = 0.0,
    tolerance: float = 0.02,
) -> Diagnosis:
    r"""Diagnose high bias and high variance from train, dev and Bayes error.

    The Bayes (optimal) error is the lowest error any classifier can reach
    on the task; human-level error is its usual proxy, and it is close to 0
    for tasks such as recognising cats in clear photos. The part of the
    training error above it is bias that a better fit can remove; the rise
    from training to dev error is variance, a failure to generalise.

    $$
    \text{avoidable bias} = E_\text{train} - E_\text{Bayes}, \qquad
    \text{variance} = E_\text{dev} - E_\text{train}
    $$

    Each is *high* when it exceeds ``tolerance``. The remedies are those of
    the recipe: for high bias a bigger network, training longer (or a better
    optimiser), then another architecture; for high variance more data,
    regularisation, then another architecture. With both, the bias remedies
    come first, and "architecture search", a maybe in both lists, comes last
    and once.

    Parameters
    ----------
    train_error : float
        Error on the training set, a fraction in $[0, 1]$ (1 % is ``0.01``),
        no smaller than ``bayes_error``.
    dev_error : float
        Error on the dev (hold-out) set, a fraction in $[0, 1]$.
    bayes_error : float, default 0.0
        Estimate of the Bayes error (e.g. human-level error), in $[0, 1]$.
    tolerance : float, default 0.02
        A gap larger than this (two percentage points by default) counts as
        high; in $[0, 1]$.

    Returns
    -------
    Diagnosis
        A named tuple ``(avoidable_bias, variance, high_bias, high_variance,
        remedies)``; ``remedies`` is a tuple of strings taken from
        ``BIAS_REMEDIES`` and ``VARIANCE_REMEDIES``, most recommended first,
        empty when neither is high.

    Raises
    ------
    ValueError
        If an error or the tolerance is outside $[0, 1]$ or not finite.
    TypeError
        If an argument is not a real number.

    Notes
    -----
    **Why 2 points.** A dev error is an estimate: on $n$ dev examples with
    true error $p$ its standard error is $\sqrt{p(1-p)/n}$, about 0.95
    percentage points for $p = 0.1$ and $n = 1000$. A gap of one point, as in
    the lecture's 15 %/16 % case, is within that noise, while the gaps the
    lecture calls high (10 and 15 points) are far beyond it. Two points
    separates the lecture's four cases and is about two standard errors for
    a dev set of a thousand examples; with a much larger dev set a smaller
    tolerance is justified. The comparison forgives $10^{-12}$ of rounding,
    so $0.05 - 0.03$ counts as exactly $0.02$, not above it.

    A negative ``variance`` (dev error below training error) is allowed: it
    happens with a small or easier dev set and is not high variance.
    Errors are fractions here, while the lecture speaks in percent.

    **Slip in the notes.** One set of notes lists "test set performance"
    under high variance; the variance is read off the *dev* set. The test
    set is kept for the final, unbiased estimate and takes no part in these
    decisions. The lecture's cases also assume a Bayes error near 0: with a
    Bayes error of 15 %, the 15 %/16 % model has no avoidable bias left.

    References
    ----------
    A. Ng, "Bias/Variance" and "Basic Recipe for Machine Learning",
    *Improving Deep Neural Networks*, deeplearning.ai (Coursera), 2017.
    https://www.coursera.org/learn/deep-neural-network

    A. Ng, *Machine Learning Yearning*, chapters 20-27 (bias and variance,
    comparing to the optimal error rate), deeplearning.ai, 2018.

    Examples
    --------
    >>> from dlref import diagnose
    >>> for train, dev in [(0.01, 0.11), (0.15, 0.16), (0.15, 0.30), (0.005, 0.01)]:
    ...     d = diagnose(train, dev)
    ...     print(f"{train:.1%} {dev:.1%}", d.high_bias, d.high_variance, f"{d.variance:.3f}")
    ...
    1.0% 11.0% False True 0.100
    15.0% 16.0% True False 0.010
    15.0% 30.0% True True 0.150
    0.5% 1.0% False False 0.005
    >>> print(diagnose(0.15, 0.30).remedies)
    ('bigger network', 'train longer', 'more data', 'regularization', 'architecture search')
    >>> d = diagnose(0.15, 0.16, bayes_error=0.15)  # humans also get 15 % wrong
    >>> print(d.high_bias, d.avoidable_bias, d.remedies)
    False 0.0 ()
    """
    train = check_in_range(train_error, "train_error", 0.0, 1.0)
    dev = check_in_range(dev_error, "dev_error", 0.0, 1.0)
    bayes = check_in_range(bayes_error, "bayes_error", 0.0, 1.0)
    tol = check_in_range(tolerance, "tolerance", 0.0, 1.0)
    # An overfitting model can memorise label noise and go below the Bayes error
    # on its own training set; there is no bias left to remove then.
    bias = max(train - bayes, 0.0)
    variance = dev - train
    high_bias = bias > tol + _ROUNDING
    high_variance = variance > tol + _ROUNDING
    remedies: list[str] = []
    if high_bias:
        remedies += BIAS_REMEDIES[:-1]
    if high_variance:
        remedies += VARIANCE_REMEDIES[:-1]
    if remedies:
        remedies.append("architecture search")
    return Diagnosis(bias, variance, high_bias, high_variance, tuple(remedies))
