r"""Hyperparameter search: scales, grid vs random search, coarse to fine.

A hyperparameter *space* maps each name to how its values are drawn: a
sequence (one element is picked uniformly) or a sampler, any callable
``sampler(rng) -> value``. The samplers [`Uniform`][dlref.tuning.Uniform],
[`LogUniform`][dlref.tuning.LogUniform],
[`BetaLogUniform`][dlref.tuning.BetaLogUniform] and
[`IntUniform`][dlref.tuning.IntUniform] are ranges that also know how to
*narrow* themselves, which is what [`coarse_to_fine`][dlref.tuning.coarse_to_fine]
needs. An *objective* ``objective(params: dict) -> float`` trains a model
with those hyperparameters and returns a loss (lower is better), typically
the dev error.

Every search draws all its hyperparameters in the caller, from ``rng``,
before any model is trained; the trials are then evaluated one after the
other, or all at once on an ``executor``. The result does not depend on the
executor: a ``ProcessPoolExecutor`` on one machine or a Dask cluster give the
serial run's list, trial for trial.
"""

from __future__ import annotations

import abc
import concurrent.futures
import dataclasses
import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, Self, overload

import numpy as np

from dlref._checks import (
    as_float_array,
    as_real,
    as_rng,
    as_sequence,
    as_size,
    as_str_mapping,
    check_callable,
    check_flag,
    check_in_range,
    check_instance,
    check_int,
)
from dlref.nn import _tqdm

__all__ = [
    "BetaLogUniform",
    "IntUniform",
    "Interval",
    "LogUniform",
    "Trial",
    "Uniform",
    "coarse_to_fine",
    "grid_search",
    "log_uniform",
    "narrow_space",
    "random_search",
    "sample_beta",
]

RngLike = np.random.Generator | int | None
Objective = Callable[[dict[str, Any]], float]


# --- sampling on the right scale --------------------------------------------------


@overload
def log_uniform(low: float, high: float, size: None = None, *, rng: RngLike = None) -> float: ...
@overload
def log_uniform(
    low: float, high: float, size: int | tuple[int, ...], *, rng: RngLike = None
) -> np.ndarray: ...
def log_uniform(
    low: float,
    high: float,
    size: int | tuple[int, ...] | None = None,
    *,
    rng: RngLike = None,
) -> float | np.ndarray:
    r"""Sample uniformly on a log scale: every decade gets the same share.

    A learning rate between $10^{-4}$ and $1$ drawn uniformly on a linear
    scale lands in $[0.1, 1]$ 90 % of the time, and almost never near
    $10^{-4}$. Drawing its exponent uniformly instead gives each decade
    $[10^{-4}, 10^{-3}], \dots, [10^{-1}, 1]$ a quarter of the samples.

    $$
    r \sim \mathcal{U}[\log_{10} a,\ \log_{10} b], \qquad x = 10^{r}
    $$

    Parameters
    ----------
    low : float
        $a > 0$.
    high : float
        $b \ge a$.
    size : int, tuple of int or None, default None
        Output shape; ``None`` returns one Python float.
    rng : numpy.random.Generator, int or None
        Source of the draws.

    Returns
    -------
    float or ndarray of float64
        Samples in $[a, b]$ (clipped, so rounding in $10^r$ never leaves the
        interval).

    Raises
    ------
    ValueError
        If ``low <= 0``, ``high < low``, a bound is not finite, or ``size``
        is negative.
    TypeError
        If a bound is not a real number or ``size`` is not an int, a tuple of
        ints or None.

    Notes
    -----
    The course writes it for $[10^{-4}, 1]$ as ``r = -4 * np.random.rand()``,
    ``alpha = 10 ** r``. The base of the logarithm does not matter: any base
    gives the same distribution.

    References
    ----------
    J. Bergstra and Y. Bengio, "Random Search for Hyper-Parameter
    Optimization", Journal of Machine Learning Research 13, 2012.
    https://jmlr.org/papers/v13/bergstra12a.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import log_uniform
    >>> lr = log_uniform(1e-4, 1.0, size=100_000, rng=0)
    >>> counts, _ = np.histogram(np.log10(lr), bins=4, range=(-4, 0))
    >>> print(np.round(counts / lr.size, 3))  # a quarter per decade
    [0.25  0.251 0.25  0.249]
    >>> print(round(log_uniform(1e-4, 1.0, rng=0), 6))
    0.035306
    """
    lo = check_in_range(low, "low", 0.0, None, low_inclusive=False)
    hi = check_in_range(high, "high", lo, None)
    shape = as_size(size)
    # always an array, so a single draw is computed exactly like the first of many
    r = as_rng(rng).uniform(math.log10(lo), math.log10(hi), size=1 if shape is None else shape)
    x = np.clip(10.0**r, lo, hi)
    return float(x[0]) if shape is None else x


@overload
def sample_beta(
    low: float = 0.9, high: float = 0.999, size: None = None, *, rng: RngLike = None
) -> float: ...
@overload
def sample_beta(
    low: float, high: float, size: int | tuple[int, ...], *, rng: RngLike = None
) -> np.ndarray: ...
@overload
def sample_beta(
    low: float = 0.9, high: float = 0.999, *, size: int | tuple[int, ...], rng: RngLike = None
) -> np.ndarray: ...
def sample_beta(
    low: float = 0.9,
    high: float = 0.999,
    size: int | tuple[int, ...] | None = None,
    *,
    rng: RngLike = None,
) -> float | np.ndarray:
    r"""Sample an averaging coefficient $\beta$ through $1-\beta$ on a log scale.

    An exponentially weighted average with coefficient $\beta$ averages over
    about $1/(1-\beta)$ steps, so what matters is $1-\beta$, not $\beta$:
    moving $\beta$ from 0.9 to 0.9005 changes nothing (about 10 steps), from
    0.999 to 0.9995 doubles the window (1000 to 2000 steps). Sampling
    $1-\beta$ log-uniformly spreads the samples evenly over the window
    lengths.

    $$
    r \sim \mathcal{U}[\log_{10}(1-\beta_\text{high}),\ \log_{10}(1-\beta_\text{low})],
    \qquad \beta = 1 - 10^{r}
    $$

    For the default $[0.9, 0.999]$, $r \in [-3, -1]$: half the samples fall
    in $[0.9, 0.99]$ and half in $[0.99, 0.999]$, where a uniform draw would
    put 91 % in the first.

    Parameters
    ----------
    low : float, default 0.9
        $\beta_\text{low} \in [0, 1)$.
    high : float, default 0.999
        $\beta_\text{high} \in [\beta_\text{low}, 1)$.
    size : int, tuple of int or None, default None
        Output shape; ``None`` returns one Python float.
    rng : numpy.random.Generator, int or None
        Source of the draws.

    Returns
    -------
    float or ndarray of float64
        Samples of $\beta$ in $[\beta_\text{low}, \beta_\text{high}]$.

    Raises
    ------
    ValueError
        If a bound is outside $[0, 1)$, ``high < low`` or ``size`` is
        negative.
    TypeError
        If a bound is not a real number or ``size`` has the wrong type.

    Notes
    -----
    Equals ``1 - log_uniform(1 - high, 1 - low, size, rng=rng)`` (same
    draws, clipped to $[\beta_\text{low}, \beta_\text{high}]$). It is used for
    the momentum $\beta$ and Adam's $\beta_1, \beta_2$ (see
    [`Momentum`][dlref.optim.Momentum], [`Adam`][dlref.optim.Adam]) and the
    batch-norm running average.

    References
    ----------
    A. Ng, "Using an appropriate scale to pick hyperparameters",
    *Improving Deep Neural Networks*, deeplearning.ai (Coursera), 2017.
    https://www.coursera.org/learn/deep-neural-network

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import sample_beta
    >>> beta = sample_beta(0.9, 0.999, size=100_000, rng=0)
    >>> print(round(float(np.mean(beta <= 0.99)), 3))  # half below 0.99
    0.499
    >>> linear = np.random.default_rng(0).uniform(0.9, 0.999, size=100_000)
    >>> print(round(float(np.mean(linear <= 0.99)), 3))  # a uniform draw: 91 %
    0.91
    >>> print(round(sample_beta(rng=0), 6))
    0.98121
    """
    lo = check_in_range(low, "low", 0.0, 1.0, high_inclusive=False)
    hi = check_in_range(high, "high", lo, 1.0, high_inclusive=False)
    shape = as_size(size)
    r = log_uniform(1.0 - hi, 1.0 - lo, 1 if shape is None else shape, rng=rng)
    beta = np.clip(1.0 - r, lo, hi)
    return float(beta[0]) if shape is None else beta


# --- ranges a search can sample and narrow ------------------------------------------


@dataclasses.dataclass(frozen=True)
class Interval(abc.ABC):
    r"""A numeric range $[\text{low}, \text{high}]$ that samples itself and narrows.

    The base of [`Uniform`][dlref.tuning.Uniform],
    [`LogUniform`][dlref.tuning.LogUniform],
    [`BetaLogUniform`][dlref.tuning.BetaLogUniform] and
    [`IntUniform`][dlref.tuning.IntUniform]. An instance is a sampler: called
    with a random generator it returns one value. Its
    [`narrow`][dlref.tuning.Interval.narrow] method returns the same kind of
    range (the same scale) spanning given values; this is how
    [`coarse_to_fine`][dlref.tuning.coarse_to_fine] zooms in. Subclass it (a
    frozen dataclass) and implement ``__call__`` for a range of your own.

    Parameters
    ----------
    low : float
        Lower end.
    high : float
        Upper end, ``high >= low`` (equal ends give a constant).

    Raises
    ------
    ValueError
        If a bound is not finite or ``high < low`` (or a subclass's own
        condition fails).
    TypeError
        If a bound is not a real number.
    """

    low: float
    high: float

    def __post_init__(self) -> None:
        low, high = self._validate(self.low, self.high)
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    def _validate(self, low: Any, high: Any) -> tuple[Any, Any]:
        lo = check_in_range(low, "low")
        return lo, check_in_range(high, "high", lo, None)

    @abc.abstractmethod
    def __call__(self, rng: RngLike = None) -> Any:
        """Draw one value."""

    def narrow(self, values: Iterable[float]) -> Self:
        r"""The same kind of range from the smallest to the largest of ``values``.

        Parameters
        ----------
        values : sequence of float
            Values of this hyperparameter in the best trials; finite, non-empty.

        Returns
        -------
        Interval
            A new range of the same class (same scale) with
            ``low = min(values)`` and ``high = max(values)``.

        Raises
        ------
        ValueError
            If ``values`` is empty or not finite, or the new range is invalid
            for the class (e.g. a non-positive end for a log scale).
        TypeError
            If ``values`` does not hold real numbers.
        """
        arr = _narrow_values(values)
        return _narrowed(self, arr.min().item(), arr.max().item())


def _narrow_values(values: Any) -> np.ndarray:
    """``values`` of ``narrow``: a 1-D array or any iterable of finite numbers."""
    if isinstance(values, Iterator):
        values = list(values)
    return as_float_array(values, "values", ndim=1)


def _narrowed(space: Any, low: Any, high: Any) -> Any:
    """``space`` with new ends; an invalid range is reported as a problem of ``values``."""
    try:
        return dataclasses.replace(space, low=low, high=high)
    except ValueError as exc:
        raise ValueError(
            f"values must span a valid range for {type(space).__name__}, got min {low!r} "
            f"and max {high!r} ({exc})"
        ) from exc


@dataclasses.dataclass(frozen=True)
class Uniform(Interval):
    r"""Uniform on a linear scale over $[\text{low}, \text{high}]$.

    For hyperparameters whose effect is linear in the value, such as the
    keep probability of dropout over a narrow range.

    Parameters
    ----------
    low, high : float
        Finite ends, ``low <= high``.

    Examples
    --------
    >>> from dlref import Uniform
    >>> spec = Uniform(0.5, 1.0)
    >>> print(round(spec(0), 4), spec.narrow([0.7, 0.9, 0.8]))
    0.8185 Uniform(low=0.7, high=0.9)
    """

    def __call__(self, rng: RngLike = None) -> float:
        """Draw one value."""
        return float(as_rng(rng).uniform(self.low, self.high))


@dataclasses.dataclass(frozen=True)
class LogUniform(Interval):
    r"""Uniform on a log scale over $[\text{low}, \text{high}]$, $0 < \text{low}$.

    For scale-like hyperparameters: the learning rate, the L2 strength
    $\lambda$. Draws with [`log_uniform`][dlref.tuning.log_uniform]; a
    narrowed range is sampled on the log scale too.

    Parameters
    ----------
    low, high : float
        $0 < \text{low} \le \text{high}$, finite.

    Examples
    --------
    >>> from dlref import LogUniform
    >>> spec = LogUniform(1e-4, 1.0)
    >>> print(round(spec(0), 6), spec.narrow([1e-3, 3e-3]))
    0.035306 LogUniform(low=0.001, high=0.003)
    """

    def _validate(self, low: Any, high: Any) -> tuple[Any, Any]:
        lo = check_in_range(low, "low", 0.0, None, low_inclusive=False)
        return lo, check_in_range(high, "high", lo, None)

    def __call__(self, rng: RngLike = None) -> float:
        """Draw one value."""
        return log_uniform(self.low, self.high, rng=rng)


@dataclasses.dataclass(frozen=True)
class BetaLogUniform(Interval):
    r"""A coefficient $\beta \in [\text{low}, \text{high}]$ with $1-\beta$ log-uniform.

    For averaging coefficients (momentum $\beta$, Adam's $\beta_1$,
    $\beta_2$). Draws with [`sample_beta`][dlref.tuning.sample_beta]; a
    narrowed range keeps sampling $1-\beta$ on a log scale.

    Parameters
    ----------
    low, high : float, default 0.9 and 0.999
        $0 \le \text{low} \le \text{high} < 1$.

    Examples
    --------
    >>> from dlref import BetaLogUniform
    >>> spec = BetaLogUniform()
    >>> print(round(spec(0), 6), spec.narrow([0.95, 0.98]))
    0.98121 BetaLogUniform(low=0.95, high=0.98)
    """

    low: float = 0.9
    high: float = 0.999

    def _validate(self, low: Any, high: Any) -> tuple[Any, Any]:
        lo = check_in_range(low, "low", 0.0, 1.0, high_inclusive=False)
        return lo, check_in_range(high, "high", lo, 1.0, high_inclusive=False)

    def __call__(self, rng: RngLike = None) -> float:
        """Draw one value."""
        return sample_beta(self.low, self.high, rng=rng)


@dataclasses.dataclass(frozen=True)
class IntUniform(Interval):
    r"""An integer drawn uniformly from $\{\text{low}, \dots, \text{high}\}$ (both ends).

    For counts: hidden units, layers, a mini-batch size exponent.

    Parameters
    ----------
    low, high : int
        ``low <= high``.

    Examples
    --------
    >>> from dlref import IntUniform
    >>> spec = IntUniform(50, 100)
    >>> print(spec(0), spec.narrow([60, 75, 64]))
    93 IntUniform(low=60, high=75)
    """

    low: int
    high: int

    def _validate(self, low: Any, high: Any) -> tuple[Any, Any]:
        lo = check_int(low, "low")
        return lo, check_int(high, "high", lo)

    def __call__(self, rng: RngLike = None) -> int:
        """Draw one value."""
        return int(as_rng(rng).integers(self.low, self.high, endpoint=True))

    def narrow(self, values: Iterable[float]) -> Self:
        """The integer range from ``min(values)`` to ``max(values)``."""
        arr = _narrow_values(values)
        return _narrowed(self, round(arr.min().item()), round(arr.max().item()))


# --- searches ---------------------------------------------------------------------


class Trial(NamedTuple):
    """One evaluated set of hyperparameters: ``params`` and the objective's ``score``."""

    params: dict[str, Any]
    score: float


def _rank(trial: Trial) -> tuple[bool, float]:
    """Sort key: lower score first, NaN (a diverged run) last."""
    return (math.isnan(trial.score), trial.score)


def _as_space(space: Any, name: str) -> dict[str, Any]:
    """``{name: tuple of choices | sampler}``, validated."""
    out = as_str_mapping(space, name)
    for key, value in out.items():
        if not callable(value):
            out[key] = as_sequence(
                value, f"{name}[{key!r}]", alternative="or a callable sampler(rng)"
            )
    return out


def _check_common(objective: Any, executor: Any) -> None:
    check_callable(objective, "objective")
    if executor is not None:
        check_instance(
            executor, "executor", concurrent.futures.Executor,
            "a concurrent.futures.Executor or None",
        )  # fmt: skip


def _draw(space: dict[str, Any], gen: np.random.Generator) -> dict[str, Any]:
    return {
        key: spec[int(gen.integers(len(spec)))] if isinstance(spec, tuple) else spec(gen)
        for key, spec in space.items()
    }


def _evaluate(
    objective: Objective,
    params: Sequence[dict[str, Any]],
    executor: concurrent.futures.Executor | None,
    progress: bool = False,
) -> list[Trial]:
    """Score every set of params (in order, or on the executor); best first."""
    calls = [dict(p) for p in params]  # the objective gets a copy it may modify
    scores: Any = map(objective, calls) if executor is None else executor.map(objective, calls)
    if progress:
        scores = _tqdm()(scores, total=len(calls), desc="trials", unit="trial")
    trials = [
        Trial(p, as_real(s, "the objective's return value"))
        for p, s in zip(params, scores, strict=True)
    ]
    return sorted(trials, key=_rank)


def grid_search(
    objective: Objective,
    grid: Mapping[str, Any],
    *,
    executor: concurrent.futures.Executor | None = None,
) -> list[Trial]:
    r"""Evaluate every combination of the given values.

    The classic search when there are few hyperparameters. With many, it
    wastes trials: if one of two hyperparameters does not matter, a
    $5 \times 5$ grid spends 25 trainings on only 5 distinct values of the
    one that does (random search tries 25).

    $$
    \{\theta\} = V_1 \times V_2 \times \dots \times V_k, \qquad
    |\{\theta\}| = \prod_j |V_j|
    $$

    Parameters
    ----------
    objective : callable
        ``objective(params: dict) -> float``, a loss to minimise. With a
        process-based executor it must be picklable (a module-level function).
    grid : dict of str to sequence
        Name to the values to try (non-empty sequences).
    executor : concurrent.futures.Executor or None
        Where the trials run (see [`random_search`][dlref.tuning.random_search]);
        ``None`` runs them one after the other.

    Returns
    -------
    list of Trial
        One per combination, best (lowest score) first; ties keep the grid
        order, in which the last name varies fastest; NaN scores come last.

    Raises
    ------
    ValueError
        If ``grid`` is empty or holds an empty sequence.
    TypeError
        If ``objective`` is not callable, ``grid`` is not a dict of
        sequences, ``executor`` is not an ``Executor``, or the objective
        returns something other than a real number.

    Notes
    -----
    The notes present grid search as the classical machine-learning way and
    random search as the deep-learning way; both are here so the waste can be
    measured.

    References
    ----------
    J. Bergstra and Y. Bengio, "Random Search for Hyper-Parameter
    Optimization", Journal of Machine Learning Research 13, 2012.
    https://jmlr.org/papers/v13/bergstra12a.html

    Examples
    --------
    >>> from dlref import grid_search
    >>> def loss(p):
    ...     return (p["x"] - 2) ** 2 + 0.1 * p["y"]
    ...
    >>> trials = grid_search(loss, {"x": [1, 2, 3], "y": [0, 1]})
    >>> print(len(trials), trials[0])
    6 Trial(params={'x': 2, 'y': 0}, score=0.0)
    >>> print([t.params["x"] for t in trials])  # ties (x=1, x=3) keep grid order
    [2, 2, 1, 3, 1, 3]
    """
    _check_common(objective, executor)
    values = {
        key: as_sequence(seq, f"grid[{key!r}]") for key, seq in as_str_mapping(grid, "grid").items()
    }
    names = list(values)
    params = [dict(zip(names, combo, strict=True)) for combo in itertools.product(*values.values())]
    return _evaluate(objective, params, executor)


def random_search(
    objective: Objective,
    space: Mapping[str, Any],
    n_trials: int,
    *,
    rng: RngLike = None,
    executor: concurrent.futures.Executor | None = None,
    progress: bool = False,
) -> list[Trial]:
    r"""Evaluate ``n_trials`` sets of hyperparameters drawn at random.

    Each trial draws every hyperparameter independently, so each trial tries
    a new value of *every* hyperparameter: when only a few matter, which is
    the usual case and not known in advance, random search explores them far
    better than a grid with the same budget.

    $$
    \theta^{(t)}_j \sim p_j \quad\text{independently}, \qquad t = 1, \dots, T
    $$

    Parameters
    ----------
    objective : callable
        ``objective(params: dict) -> float``, a loss to minimise (e.g. the
        dev error after training). It receives a copy of the params. With a
        process-based executor it must be picklable: a module-level function
        (not a lambda or a nested function), or a ``functools.partial`` of one.
    space : dict of str to sequence or callable
        Name to a sequence (an element is drawn uniformly) or a sampler
        ``sampler(rng) -> value``, e.g. [`LogUniform`][dlref.tuning.LogUniform].
    n_trials : int
        Number of trials $T \ge 1$.
    rng : numpy.random.Generator, int or None
        Source of every draw.
    executor : concurrent.futures.Executor or None
        Where the trials run: ``None`` one after the other; a
        ``ProcessPoolExecutor`` on the cores of one machine; the executor of
        a Dask ``distributed.Client`` on a cluster.
    progress : bool, default False
        Show a ``tqdm`` progress bar over the trials, advancing as results
        arrive (needs ``tqdm``, in the ``docs`` and ``test`` extras).

    Returns
    -------
    list of Trial
        Best (lowest score) first; ties keep the order of the draws; NaN
        scores (diverged runs) come last.

    Raises
    ------
    ValueError
        If ``space`` is empty or holds an empty sequence, or ``n_trials < 1``.
    TypeError
        If ``objective`` is not callable, a space value is neither a sequence
        nor a callable, ``executor`` is not an ``Executor``, or the objective
        returns something other than a real number.

    Notes
    -----
    **Executors (the "caviar" strategy).** All hyperparameters are drawn
    here, in the calling process, in trial order, before any trial runs; only
    ``objective(params)`` is sent to the executor, through
    ``executor.map``. So the trials and their order are those of the serial
    run for the same seed, whatever the executor, the number of workers or
    the order in which workers finish (an objective that is itself random
    should take its seed from ``params``). The executor is not shut down.
    Process pools send the objective to the workers by reference: with the
    ``"spawn"`` or ``"forkserver"`` start method the workers import it by
    its module name, so define it in an importable module, not in an
    interactive session.
    On a cluster: ``client = distributed.Client(address)`` and
    ``executor=client.get_executor()`` (Dask treats the calls as pure and
    may reuse the result for identical params; pass
    ``client.get_executor(pure=False)`` if that is unwanted).

    **Panda or caviar.** The course contrasts babysitting one model while it
    trains, adjusting it day by day (the *panda* strategy, for scarce
    compute), with training many models in parallel and keeping the best
    (*caviar*). One set of notes writes "Pandas": the animal, unrelated to
    the pandas library.

    References
    ----------
    J. Bergstra and Y. Bengio, "Random Search for Hyper-Parameter
    Optimization", Journal of Machine Learning Research 13, 2012.
    https://jmlr.org/papers/v13/bergstra12a.html

    Examples
    --------
    >>> import numpy as np
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> from dlref import LogUniform, random_search
    >>> def loss(p):  # best at lr = 1e-3, whatever the number of units
    ...     return (np.log10(p["lr"]) + 3) ** 2
    ...
    >>> space = {"lr": LogUniform(1e-5, 1e-1), "units": [64, 128, 256]}
    >>> trials = random_search(loss, space, 30, rng=0)
    >>> best = trials[0]
    >>> print(f"{best.params['lr']:.2e}", best.params["units"], f"{best.score:.4f}")
    8.78e-04 256 0.0032
    >>> with ThreadPoolExecutor(2) as pool:  # same call, trials run in parallel
    ...     print(random_search(loss, space, 30, rng=0, executor=pool) == trials)
    ...
    True
    """
    _check_common(objective, executor)
    check_flag(progress, "progress")
    spec = _as_space(space, "space")
    n = check_int(n_trials, "n_trials", 1)
    gen = as_rng(rng)
    params = [_draw(spec, gen) for _ in range(n)]
    return _evaluate(objective, params, executor, progress)


def narrow_space(
    space: Mapping[str, Any], trials: Sequence[Trial], *, top: int = 5
) -> dict[str, Any]:
    r"""Narrow every [`Interval`][dlref.tuning.Interval] of a space to the best trials.

    The step between two rounds of [`coarse_to_fine`][dlref.tuning.coarse_to_fine],
    public for a hand-run search: each range becomes the span of its values
    in the ``top`` best trials, on its own scale (a
    [`LogUniform`][dlref.tuning.LogUniform] stays log-uniform). Sequences and
    other samplers are kept as they are.

    $$
    [\text{low}, \text{high}] \leftarrow
    \Big[\min_{t \in \text{top}} \theta^{(t)},\ \max_{t \in \text{top}} \theta^{(t)}\Big]
    $$

    Parameters
    ----------
    space : dict of str to sequence or callable
        As in [`random_search`][dlref.tuning.random_search].
    trials : sequence of Trial
        Evaluated trials, each with a value for every ``Interval`` of the
        space; ranked here, so any order will do.
    top : int, default 5
        How many of the best trials span the new ranges, $\ge 1$ (all of
        them if there are fewer).

    Returns
    -------
    dict
        A new space; the input is not modified.

    Raises
    ------
    ValueError
        If ``trials`` is empty, ``top < 1``, or a trial lacks a value for an
        ``Interval`` of the space.
    TypeError
        If an argument has the wrong type.

    Examples
    --------
    >>> from dlref import LogUniform, Trial, narrow_space
    >>> trials = [Trial({"lr": 1e-2, "act": "relu"}, 0.3),
    ...           Trial({"lr": 1e-3, "act": "tanh"}, 0.1),
    ...           Trial({"lr": 3e-4, "act": "relu"}, 0.2)]
    >>> print(narrow_space({"lr": LogUniform(1e-5, 1.0), "act": ["relu", "tanh"]}, trials, top=2))
    {'lr': LogUniform(low=0.0003, high=0.001), 'act': ['relu', 'tanh']}
    """
    spec = _as_space(space, "space")
    ranked = as_sequence(trials, "trials")
    for i, trial in enumerate(ranked):
        check_instance(trial, f"trials[{i}]", Trial, "a Trial")
    k = check_int(top, "top", 1)
    best = sorted(ranked, key=_rank)[:k]
    out = dict(space)
    for key, sampler in spec.items():
        if isinstance(sampler, Interval):
            missing = [i for i, t in enumerate(best) if key not in t.params]
            if missing:
                raise ValueError(
                    f"trials must all have a value for {key!r}, the best trial "
                    f"#{missing[0]} has params {sorted(best[missing[0]].params)}"
                )
            out[key] = sampler.narrow([t.params[key] for t in best])
    return out


def coarse_to_fine(
    objective: Objective,
    space: Mapping[str, Any],
    *,
    rounds: int = 2,
    n_trials: int = 20,
    top: int = 5,
    rng: RngLike = None,
    executor: concurrent.futures.Executor | None = None,
    progress: bool = False,
) -> list[Trial]:
    r"""Random search in rounds, zooming in on the region of the best trials.

    The first round samples the whole space; each later round samples a
    space narrowed (by [`narrow_space`][dlref.tuning.narrow_space]) to the
    span of the ``top`` best trials found so far, so the budget goes where
    the good models are.

    $$
    \mathcal{S}_{k+1} = \operatorname{span}\big(\text{top-}K \text{ of trials in rounds } 1..k\big)
    $$

    Parameters
    ----------
    objective : callable
        ``objective(params: dict) -> float``, a loss to minimise (picklable
        for a process-based executor).
    space : dict of str to sequence or callable
        As in [`random_search`][dlref.tuning.random_search]; only
        [`Interval`][dlref.tuning.Interval] entries are narrowed.
    rounds : int, default 2
        Number of rounds, $\ge 1$ (1 is plain random search).
    n_trials : int, default 20
        Trials per round, $\ge 1$.
    top : int, default 5
        How many best trials span the next round's ranges, $\ge 1$.
    rng : numpy.random.Generator, int or None
        Source of every draw (one generator across the rounds).
    executor : concurrent.futures.Executor or None
        Where each round's trials run, as in
        [`random_search`][dlref.tuning.random_search].
    progress : bool, default False
        A ``tqdm`` progress bar over each round's trials.

    Returns
    -------
    list of Trial
        The ``rounds * n_trials`` trials of all rounds, best first; ties keep
        the order of evaluation (round by round); NaN scores come last.

    Raises
    ------
    ValueError
        If ``space`` is empty or holds an empty sequence, or ``rounds``,
        ``n_trials`` or ``top`` is below 1.
    TypeError
        As in [`random_search`][dlref.tuning.random_search].

    Notes
    -----
    The top trials are taken over all rounds so far. Each new range lies
    inside the previous one (the old best trials span it, and the new trials
    were drawn inside it), so the ranges only shrink. The span is exact,
    without a margin: an optimum outside the span of the best trials is not
    reached, so keep ``top`` large enough (a quarter of ``n_trials`` by
    default) for a noisy objective.

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import LogUniform, coarse_to_fine, random_search
    >>> def loss(p):
    ...     return (np.log10(p["lr"]) + 3) ** 2
    ...
    >>> space = {"lr": LogUniform(1e-6, 1.0)}
    >>> coarse = random_search(loss, space, 20, rng=2)
    >>> fine = coarse_to_fine(loss, space, rounds=2, n_trials=10, top=3, rng=2)
    >>> print(len(fine), f"{coarse[0].params['lr']:.3e} {fine[0].params['lr']:.3e}")  # same budget
    20 2.364e-03 1.004e-03
    """
    _check_common(objective, executor)
    check_flag(progress, "progress")
    spec = _as_space(space, "space")
    n_rounds = check_int(rounds, "rounds", 1)
    n = check_int(n_trials, "n_trials", 1)
    k = check_int(top, "top", 1)
    gen = as_rng(rng)
    trials: list[Trial] = []
    current: Mapping[str, Any] = spec
    for r in range(n_rounds):
        if r > 0:
            current = narrow_space(current, trials, top=k)
        round_space = _as_space(current, "space")
        params = [_draw(round_space, gen) for _ in range(n)]
        trials = sorted(trials + _evaluate(objective, params, executor, progress), key=_rank)
    return trials
