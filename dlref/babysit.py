r"""Babysitting the learning process: sanity checks to run on an MLP before and while training.

Each check takes a [`MLP`][dlref.nn.MLP] (and data), works on a copy of it
(the network, its optimiser and the arrays given are never changed) and
returns a frozen dataclass: ``passed``, the measured values, and a
``message`` in plain English that says what was measured, what was expected
and, when the check fails, what usually causes it. The checks follow the
order of CS231n's notes (*Neural Networks Part 3*, "sanity checks" and
"babysitting the learning process"):

1. [`check_initial_loss`][dlref.babysit.check_initial_loss]: at
   initialisation the loss is close to chance, $\ln C$ ($\ln 2$ for a sigmoid
   output);
2. [`check_regularization`][dlref.babysit.check_regularization]: turning the
   L2 penalty on raises the loss, by exactly the penalty;
3. [`check_overfit`][dlref.babysit.check_overfit]: with regularisation off the
   network drives the loss on 20 samples to almost 0;
4. [`check_learning_rates`][dlref.babysit.check_learning_rates]: a few epochs
   per learning rate, each rate classified as not moving, decreasing or
   exploding;
5. [`check_update_ratios`][dlref.babysit.check_update_ratios]: the ratio of
   the update's norm to the weight's norm, per layer, against the $10^{-3}$
   rule of thumb;
6. [`check_train_dev_gap`][dlref.babysit.check_train_dev_gap]: the gap
   between training and dev error over the epochs of a
   [`History`][dlref.nn.History].
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from dlref._checks import (
    as_rng,
    as_sequence,
    check_callable,
    check_in_range,
    check_instance,
    check_int,
)
from dlref.data import minibatches
from dlref.diagnosis import diagnose
from dlref.nn import MLP, History
from dlref.optim import SGD, Adam, Optimizer

__all__ = [
    "InitialLossCheck",
    "LearningRateSweep",
    "LearningRateTrial",
    "OverfitCheck",
    "RegularizationCheck",
    "TrainDevGapCheck",
    "UpdateRatioCheck",
    "check_initial_loss",
    "check_learning_rates",
    "check_overfit",
    "check_regularization",
    "check_train_dev_gap",
    "check_update_ratios",
    "expected_initial_loss",
]

# The three verdicts of check_learning_rates.
_NOT_MOVING, _DECREASING, _EXPLODING = "not moving", "decreasing", "exploding"


# --- results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InitialLossCheck:
    """The result of [`check_initial_loss`][dlref.babysit.check_initial_loss]."""

    passed: bool
    """Whether the initial loss is within ``tolerance`` of the expected value."""
    loss: float
    """The measured data loss at initialisation (L2 penalty off)."""
    expected: float
    r"""$\ln C$ for a softmax over $C$ classes, $\ln 2$ for a sigmoid output."""
    relative_deviation: float
    """``(loss - expected) / expected``."""
    message: str
    """What was measured and what it means, in plain English."""


@dataclass(frozen=True)
class RegularizationCheck:
    """The result of [`check_regularization`][dlref.babysit.check_regularization]."""

    passed: bool
    """Whether the loss rose, by the L2 penalty."""
    loss_without: float
    r"""The loss with $\lambda = 0$."""
    loss_with: float
    r"""The loss with the ``l2`` given."""
    expected_increase: float
    r"""The L2 term $\frac{\lambda}{2m}\sum_l \lVert W^{[l]} \rVert_F^2$ of the same weights."""
    message: str
    """What was measured and what it means, in plain English."""


@dataclass(frozen=True)
class OverfitCheck:
    """The result of [`check_overfit`][dlref.babysit.check_overfit]."""

    passed: bool
    """Whether the final loss is at most ``target_loss`` and every sample is classified right."""
    n_samples: int
    """The size of the subset trained on."""
    losses: tuple[float, ...]
    """The loss on the subset before training and after each epoch."""
    accuracy: float
    """The accuracy on the subset after training."""
    message: str
    """What was measured and what it means, in plain English."""


@dataclass(frozen=True)
class LearningRateTrial:
    """One learning rate of [`check_learning_rates`][dlref.babysit.check_learning_rates]."""

    lr: float
    """The learning rate."""
    verdict: str
    """``"not moving"``, ``"decreasing"`` or ``"exploding"``."""
    losses: tuple[float, ...]
    """The loss on the whole set before training and after each epoch (NaN after a blow-up)."""
    batch_losses: tuple[float, ...]
    """The loss of every mini-batch, before its step (CS231n's loss curve)."""


@dataclass(frozen=True)
class LearningRateSweep:
    """The result of [`check_learning_rates`][dlref.babysit.check_learning_rates]."""

    passed: bool
    """Whether at least one rate made the loss decrease."""
    trials: tuple[LearningRateTrial, ...]
    """One trial per learning rate, in the order given."""
    best_lr: float | None
    """The decreasing rate with the lowest final loss, or ``None``."""
    message: str
    """What was measured and what it means, in plain English."""


@dataclass(frozen=True)
class UpdateRatioCheck:
    """The result of [`check_update_ratios`][dlref.babysit.check_update_ratios]."""

    passed: bool
    """Every layer's median ratio is in ``[low, high]`` and no step exceeds ``10 * high``."""
    layers: tuple[str, ...]
    """The weight matrices, ``("W1", ..., "WL")``."""
    ratios: np.ndarray
    r"""$\lVert \Delta W \rVert_F / \lVert W \rVert_F$, shape ``(steps, L)``, one row per step."""
    medians: tuple[float, ...]
    """The median ratio of each layer over the steps."""
    message: str
    """What was measured and what it means, in plain English."""


@dataclass(frozen=True)
class TrainDevGapCheck:
    """The result of [`check_train_dev_gap`][dlref.babysit.check_train_dev_gap]."""

    passed: bool
    """Whether the last epoch's dev error is within ``tolerance`` of its training error."""
    gaps: tuple[float, ...]
    """Dev error minus training error, per epoch (fractions)."""
    best_dev_epoch: int
    """The epoch (from 1) of the lowest dev loss, where early stopping would stop."""
    message: str
    """What was measured and what it means, in plain English."""


# --- helpers ---------------------------------------------------------------------------


def _check_net(net: Any) -> MLP:
    check_instance(net, "net", MLP, "a dlref MLP")
    return net


def _copy(net: MLP, **attrs: float) -> MLP:
    """A deep copy of ``net`` (parameters, running statistics, generator) with ``attrs`` set."""
    twin = copy.deepcopy(net)
    for name, value in attrs.items():
        setattr(twin, name, value)
    return twin


def _set_loss(net: MLP, X: np.ndarray, y: np.ndarray) -> float:
    """The loss on a whole set: evaluation mode, or batch statistics with batch norm.

    The training loops below do not update the running statistics, so a
    network with batch norm is measured in training mode (with a fixed
    dropout seed) instead.
    """
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return float(net.loss(X, y, train=net.batchnorm, rng=0))


@dataclass
class _Run:
    losses: list[float]
    batch_losses: list[float]
    ratios: list[list[float]]


def _train(
    net: MLP,
    X: np.ndarray,
    y: np.ndarray,
    optimizer: Optimizer,
    *,
    epochs: int,
    batch_size: int,
    rng: np.random.Generator,
    max_steps: int | None = None,
) -> _Run:
    """Mini-batch training through the public ``loss``/``gradients`` and ``optimizer.step``.

    Stops early at a non-finite loss (recorded as NaN for the remaining epochs)
    or after ``max_steps`` steps; records the update ratio of every weight
    matrix when ``max_steps`` is given.
    """
    weights = [f"W{layer}" for layer in range(1, net.n_layers + 1)]
    run = _Run([_set_loss(net, X, y)], [], [])
    steps = 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for epoch in range(epochs):
            for Xb, yb in minibatches(X, y, batch_size, rng=rng):
                if net.batchnorm and Xb.shape[0] < 2:
                    continue
                seed = int(rng.integers(2**32))
                batch_loss = float(net.loss(Xb, yb, train=True, rng=seed))
                run.batch_losses.append(batch_loss)
                if not math.isfinite(batch_loss):
                    run.losses += [math.nan] * (epochs - epoch)
                    return run
                grads = net.gradients(Xb, yb, rng=seed)
                before = [net.params[k].copy() for k in weights] if max_steps else []
                optimizer.step(net.params, grads)
                if max_steps:
                    run.ratios.append(
                        [
                            float(np.linalg.norm(net.params[k] - b) / np.linalg.norm(b))
                            for k, b in zip(weights, before, strict=True)
                        ]
                    )
                    steps += 1
                    if steps == max_steps:
                        return run
            run.losses.append(_set_loss(net, X, y))
            if not math.isfinite(run.losses[-1]):
                run.losses += [math.nan] * (epochs - epoch - 1)
                return run
    return run


def _percent(value: float) -> str:
    return f"{100 * value:.1f} %"


# --- the checks ------------------------------------------------------------------------


def expected_initial_loss(n_classes: int) -> float:
    r"""The cross-entropy of a network that gives every class the same probability: $\ln C$.

    Small initial weights make every score nearly equal, so the softmax gives
    each of the $C$ classes probability $1/C$ and the loss of every sample is

    $$
    -\ln \frac{1}{C} = \ln C .
    $$

    A sigmoid output with binary cross-entropy starts at $\hat y = 1/2$, so
    its initial loss is $-\ln \frac12 = \ln 2$: pass ``n_classes=2``.

    Parameters
    ----------
    n_classes : int
        $C \ge 2$, the number of classes.

    Returns
    -------
    float
        $\ln C$, in nats (natural logarithm).

    Raises
    ------
    ValueError
        If ``n_classes`` is below 2.
    TypeError
        If ``n_classes`` is not an integer.

    Notes
    -----
    The logarithm is natural, as in every framework's cross-entropy. One of
    the study notes writes the negative log-likelihood with $\log_2$; in bits
    the chance level would be $\log_2 10 \approx 3.32$ for ten classes, not
    the $2.30$ PyTorch or Keras report.

    References
    ----------
    A. Karpathy, "Neural Networks Part 3: Learning and Evaluation", CS231n
    notes, "Before learning: sanity checks".
    https://cs231n.github.io/neural-networks-3/#sanitycheck

    Examples
    --------
    >>> from dlref import expected_initial_loss
    >>> print(round(expected_initial_loss(10), 4), round(expected_initial_loss(2), 4))
    2.3026 0.6931
    """
    return math.log(check_int(n_classes, "n_classes", 2))


def check_initial_loss(net: MLP, X: Any, y: Any, *, tolerance: float = 0.5) -> InitialLossCheck:
    r"""Is the loss at initialisation close to chance, $\ln C$?

    Measures the data loss $J_0$ of ``net`` as it is (on a copy with the L2
    penalty turned off, as CS231n advises: check the data loss alone) and
    compares it with [`expected_initial_loss`][dlref.babysit.expected_initial_loss]:

    $$
    \text{passed} \iff \frac{\lvert J_0 - \ln C \rvert}{\ln C} \le \text{tolerance},
    \qquad C = n_L \ (\text{softmax}), \quad C = 2 \ (\text{sigmoid}).
    $$

    Parameters
    ----------
    net : MLP
        The network, untrained. Not modified.
    X : array_like, shape (m, n_0)
        Samples in rows, finite.
    y : array_like of int, shape (m,)
        Class labels, as for [`MLP.loss`][dlref.nn.MLP.loss].
    tolerance : float, default 0.5
        The largest relative deviation from $\ln C$ that passes, in $[0, 1]$.
        He initialisation does not make the scores tiny: on the digits, a ReLU
        network 64-64-64-10 starts up to 25 % above $\ln 10$ over 20 seeds.
        A wrong weight scale or a loss summed over the samples gives many
        times $\ln C$. With ``init="small"`` the loss is $\ln C$ almost
        exactly, and a tight tolerance (0.2) also catches a loss in bits
        ($\log_2$, 44 % above).

    Returns
    -------
    InitialLossCheck
        ``passed``, ``loss``, ``expected``, ``relative_deviation``, ``message``.

    Raises
    ------
    ValueError
        If ``X``/``y`` do not fit the network (shape, label range, not
        finite) or ``tolerance`` is outside $[0, 1]$.
    TypeError
        If ``net`` is not an MLP or an argument has the wrong type.

    Notes
    -----
    A loss far **above** $\ln C$ means confident wrong scores at the start:
    weights initialised too large (``init="large"``), inputs not normalised,
    or a loss summed over the samples instead of averaged. A loss far
    **below** $\ln C$ before any training means the network already knows the
    labels: look for labels leaking into the inputs.

    References
    ----------
    A. Karpathy, "Neural Networks Part 3: Learning and Evaluation", CS231n
    notes, "Look for correct loss at chance performance".
    https://cs231n.github.io/neural-networks-3/#sanitycheck

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import MLP, check_initial_loss
    >>> rng = np.random.default_rng(0)
    >>> X, y = rng.normal(size=(200, 20)), rng.integers(0, 10, size=200)
    >>> good = check_initial_loss(MLP([20, 32, 10], init="small", rng=0), X, y)
    >>> print(good.passed, round(good.loss, 3), round(good.expected, 3))
    True 2.303 2.303
    >>> bad = check_initial_loss(MLP([20, 32, 10], init="large", rng=0), X, y)
    >>> print(bad.passed, round(bad.loss, 1))
    False 22.8
    """
    net = _check_net(net)
    tol = check_in_range(tolerance, "tolerance", 0.0, 1.0)
    Xa, ya = net._check_Xy(X, y)
    n_classes = 2 if net.output == "sigmoid" else net.layer_sizes[-1]
    expected = expected_initial_loss(n_classes)
    loss = _set_loss(_copy(net, l2=0.0), Xa, ya)
    deviation = (loss - expected) / expected
    passed = math.isfinite(loss) and abs(deviation) <= tol
    chance = f"ln({n_classes}) = {expected:.3f}"
    if passed:
        message = (
            f"initial loss {loss:.3f} is within {tol:.0%} of {chance}: the network starts "
            "at chance, as it should"
        )
    elif not math.isfinite(loss) or deviation > 0:
        message = (
            f"initial loss {loss:.3f} is {loss / expected:.1f} times {chance}: the first "
            "scores are far from equal. Check the scale of the initial weights (too large?), "
            "that the inputs are normalised, and that the loss is averaged over the samples, "
            "not summed"
        )
    else:
        message = (
            f"initial loss {loss:.3f} is well below {chance} before any training: the network "
            "should not know the labels yet. Check that the labels do not leak into the inputs "
            "and that the loss uses the natural logarithm"
        )
    return InitialLossCheck(passed, loss, expected, deviation, message)


def check_regularization(net: MLP, X: Any, y: Any, *, l2: float = 1.0) -> RegularizationCheck:
    r"""Does turning the L2 penalty on raise the loss, by exactly the penalty?

    Evaluates the loss of two copies of ``net`` with the same weights, one
    with $\lambda = 0$ and one with $\lambda$ = ``l2``. The second must be
    larger, by the L2 term:

    $$
    J_\lambda - J_0 = \frac{\lambda}{2m} \sum_{l=1}^{L} \bigl\lVert W^{[l]} \bigr\rVert_F^2 ,
    $$

    and the check passes when the measured increase is positive and within
    $10^{-3}$ (relative) of that term.

    Parameters
    ----------
    net : MLP
        The network. Not modified (its own ``l2`` is ignored).
    X : array_like, shape (m, n_0)
        Samples in rows, finite.
    y : array_like of int, shape (m,)
        Class labels, as for [`MLP.loss`][dlref.nn.MLP.loss].
    l2 : float, default 1.0
        $\lambda > 0$ for the second copy.

    Returns
    -------
    RegularizationCheck
        ``passed``, ``loss_without``, ``loss_with``, ``expected_increase``, ``message``.

    Raises
    ------
    ValueError
        If ``X``/``y`` do not fit the network or ``l2`` is not positive.
    TypeError
        If ``net`` is not an MLP or an argument has the wrong type.

    References
    ----------
    A. Karpathy, "Neural Networks Part 3: Learning and Evaluation", CS231n
    notes: "increasing the regularization strength should increase the loss".
    https://cs231n.github.io/neural-networks-3/#sanitycheck

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import MLP, check_regularization
    >>> rng = np.random.default_rng(0)
    >>> X, y = rng.normal(size=(50, 4)), rng.integers(0, 3, size=50)
    >>> r = check_regularization(MLP([4, 8, 3], rng=0), X, y, l2=0.5)
    >>> print(r.passed, round(r.loss_with - r.loss_without, 4), round(r.expected_increase, 4))
    True 0.0842 0.0842
    """
    net = _check_net(net)
    lam = check_in_range(l2, "l2", 0.0, None, low_inclusive=False)
    Xa, ya = net._check_Xy(X, y)
    without = _set_loss(_copy(net, l2=0.0), Xa, ya)
    with_l2 = _set_loss(_copy(net, l2=lam), Xa, ya)
    squares = sum(float(np.sum(net.params[f"W{k}"].astype(np.float64) ** 2))
                  for k in range(1, net.n_layers + 1))
    expected = lam * squares / (2 * Xa.shape[0])
    increase = with_l2 - without
    rtol = 1e-3 if net.dtype == np.float64 else 1e-2
    passed = increase > 0 and abs(increase - expected) <= rtol * expected
    if passed:
        message = (
            f"the loss rose from {without:.4f} to {with_l2:.4f} with l2={lam:g}, by the L2 "
            f"term {expected:.4f}, as it should"
        )
    elif increase <= 0:
        message = (
            f"the loss did not rise with l2={lam:g} ({without:.4f} without, {with_l2:.4f} with): "
            f"the loss ignores the penalty, which should add {expected:.4f} here. Check that "
            "the loss adds lambda/(2m) times the sum of the squared weights"
        )
    else:
        message = (
            f"the loss rose by {increase:.4f} with l2={lam:g}, but the L2 term "
            f"lambda/(2m) * sum ||W||^2 is {expected:.4f}: the penalty is scaled wrongly "
            "(check the 1/2, the division by m, and that only the weights are penalised)"
        )
    return RegularizationCheck(passed, without, with_l2, expected, message)


def check_overfit(
    net: MLP,
    X: Any,
    y: Any,
    *,
    n_samples: int = 20,
    optimizer: Optimizer | None = None,
    epochs: int = 200,
    target_loss: float = 0.01,
    rng: np.random.Generator | int | None = 0,
) -> OverfitCheck:
    r"""Can the network memorise a tiny subset (20 samples) with regularisation off?

    Trains a copy of ``net`` with L2 and dropout turned off on ``n_samples``
    rows of ``X`` drawn at random, full batch, for ``epochs`` epochs. A
    network that works drives the loss to almost 0 and gets every sample
    right; one that cannot, even here, has a bug (a wrong backward pass, a
    loss that does not depend on the weights) or a learning rate far too
    small:

    $$
    \text{passed} \iff J_\text{final} \le \text{target\_loss}
    \ \text{and accuracy} = 1 .
    $$

    Parameters
    ----------
    net : MLP
        The network, usually untrained. Not modified.
    X : array_like, shape (m, n_0)
        Samples in rows, finite; $m \ge$ ``n_samples``.
    y : array_like of int, shape (m,)
        Class labels, as for [`MLP.loss`][dlref.nn.MLP.loss].
    n_samples : int, default 20
        The size of the subset, $\ge 2$ (CS231n's "e.g. 20 examples").
    optimizer : Optimizer, optional
        Used on a copy (its state is not touched); default ``Adam(0.01)``.
    epochs : int, default 200
        Full-batch steps, $\ge 1$.
    target_loss : float, default 0.01
        The loss to reach, $> 0$.
    rng : numpy.random.Generator, int or None, default 0
        Picks the subset.

    Returns
    -------
    OverfitCheck
        ``passed``, ``n_samples``, ``losses`` (before training and after each
        epoch), ``accuracy``, ``message``.

    Raises
    ------
    ValueError
        If ``X``/``y`` do not fit the network, ``n_samples`` is below 2 or
        above $m$, or ``epochs``/``target_loss`` is out of range.
    TypeError
        If ``net`` is not an MLP, ``optimizer`` not a dlref Optimizer, or an
        argument has the wrong type.

    Notes
    -----
    Passing is necessary, not sufficient: CS231n warns that a network fed
    features scrambled by a bug can still memorise 20 samples; it just will
    not generalise on the full set.

    References
    ----------
    A. Karpathy, "Neural Networks Part 3: Learning and Evaluation", CS231n
    notes, "Overfit a tiny subset of data".
    https://cs231n.github.io/neural-networks-3/#sanitycheck

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import MLP, check_overfit
    >>> rng = np.random.default_rng(0)
    >>> X, y = rng.normal(size=(100, 8)), rng.integers(0, 4, size=100)   # labels are noise
    >>> r = check_overfit(MLP([8, 32, 4], l2=1.0, rng=0), X, y)         # l2 is turned off
    >>> print(r.passed, r.n_samples, round(r.losses[0], 2), r.losses[-1] < 0.01, r.accuracy)
    True 20 2.0 True 1.0
    """
    net = _check_net(net)
    Xa, ya = net._check_Xy(X, y)
    n = check_int(n_samples, "n_samples", 2)
    if n > Xa.shape[0]:
        raise ValueError(
            f"n_samples must be at most the number of rows of X ({Xa.shape[0]}), got {n}"
        )
    if optimizer is not None:
        check_instance(optimizer, "optimizer", Optimizer, "a dlref Optimizer (e.g. Adam(0.01))")
    n_epochs = check_int(epochs, "epochs", 1)
    target = check_in_range(target_loss, "target_loss", 0.0, None, low_inclusive=False)
    gen = as_rng(rng)
    rows = np.sort(gen.choice(Xa.shape[0], n, replace=False))
    Xs, ys = Xa[rows], ya[rows]
    twin = _copy(net, l2=0.0, keep_prob=1.0)
    opt = Adam(0.01) if optimizer is None else copy.deepcopy(optimizer)
    run = _train(twin, Xs, ys, opt, epochs=n_epochs, batch_size=n, rng=gen)
    final = run.losses[-1]
    accuracy = float(np.mean(twin.predict(Xs) == ys)) if math.isfinite(final) else 0.0
    passed = math.isfinite(final) and final <= target and accuracy == 1.0
    start = f"{run.losses[0]:.3f}"
    if passed:
        message = (
            f"the loss on {n} samples fell from {start} to {final:.4f} in {n_epochs} epochs, "
            "every sample right: the network can learn"
        )
    elif not math.isfinite(final) or final > run.losses[0]:
        message = (
            f"the loss on {n} samples rose from {start} to {final:.4g}: training goes uphill. "
            "Check the sign of the gradient (a gradient check finds a backward pass with a "
            "sign slip) and lower the learning rate"
        )
    else:
        message = (
            f"after {n_epochs} epochs the loss on {n} samples is still {final:.4f} (target "
            f"{target:g}, accuracy {_percent(accuracy)}): the network cannot memorise {n} "
            "samples. Check the backward pass with a gradient check, then try a larger "
            "learning rate or more epochs"
        )
    return OverfitCheck(passed, n, tuple(run.losses), accuracy, message)


def check_learning_rates(
    net: MLP,
    X: Any,
    y: Any,
    lrs: Any,
    *,
    optimizer: Callable[[float], Optimizer] = SGD,
    epochs: int = 5,
    batch_size: int = 32,
    min_decrease: float = 0.05,
    explode_factor: float = 3.0,
    rng: np.random.Generator | int | None = 0,
) -> LearningRateSweep:
    r"""Train a few epochs per learning rate; call each rate not moving, decreasing or exploding.

    Each rate trains its own copy of ``net`` with ``optimizer(lr)`` on the
    same mini-batches. With $J_0$ the loss before training, $J_T$ after the
    last epoch and $J_b$ the loss of each mini-batch before its step:

    * **exploding** if some loss is NaN or infinite, some
      $J_b > \text{explode\_factor} \cdot J_0$, $J_T > J_0$, or the loss
      climbed back more than half of the way it had come down,
      $J_T - J_{\min} > \tfrac12 (J_0 - J_{\min})$ with $J_{\min}$ the lowest
      epoch loss;
    * **not moving** if $J_T > (1 - \text{min\_decrease})\, J_0$;
    * **decreasing** otherwise.

    This is CS231n's coarse search over the learning rate, not Smith's
    learning-rate range test (one run with a rate that grows every step).

    Parameters
    ----------
    net : MLP
        The network, usually untrained. Not modified.
    X : array_like, shape (m, n_0)
        Training samples in rows, finite.
    y : array_like of int, shape (m,)
        Class labels, as for [`MLP.loss`][dlref.nn.MLP.loss].
    lrs : sequence of float
        The learning rates, each $> 0$; usually a factor of 10 apart.
    optimizer : callable, default SGD
        ``optimizer(lr)`` returns a fresh dlref Optimizer (a class such as
        ``SGD`` or ``Adam``, or a ``lambda lr: Momentum(lr, 0.9)``).
    epochs : int, default 5
        Epochs per rate, $\ge 1$.
    batch_size : int, default 32
        Mini-batch size, $\ge 1$.
    min_decrease : float, default 0.05
        The relative fall of the loss, in $(0, 1)$, below which a rate is "not moving".
    explode_factor : float, default 3.0
        A mini-batch loss above this multiple of $J_0$ ($> 1$) counts as exploding.
    rng : numpy.random.Generator, int or None, default 0
        Seeds the shuffles and dropout masks; every rate gets the same seed.

    Returns
    -------
    LearningRateSweep
        ``passed`` (some rate decreases), ``trials`` (a
        [`LearningRateTrial`][dlref.babysit.LearningRateTrial] per rate:
        ``lr``, ``verdict``, ``losses``, ``batch_losses``), ``best_lr``,
        ``message``.

    Raises
    ------
    ValueError
        If ``X``/``y`` do not fit the network, a rate is not positive, or an
        integer or threshold is out of range.
    TypeError
        If ``net`` is not an MLP, ``optimizer`` is not callable or does not
        return a dlref Optimizer, or an argument has the wrong type.

    Notes
    -----
    The losses on the whole set are measured in evaluation mode (training
    mode with a fixed dropout seed for a network with batch norm, whose
    running statistics this loop does not update). A ReLU network whose rate
    is much too high can also end *flat* at $\ln C$: the first steps kill
    every unit of a hidden layer and the loss stops moving at chance. The spike of its
    mini-batch losses is what marks it as exploding.

    References
    ----------
    A. Karpathy, "Neural Networks Part 3: Learning and Evaluation", CS231n
    notes, "Loss function" (the shapes of the loss curve for low, good, high
    and very high learning rates). https://cs231n.github.io/neural-networks-3/#loss

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import MLP, check_learning_rates
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 5))
    >>> y = (X[:, 0] + X[:, 1] > 0).astype(int)
    >>> sweep = check_learning_rates(MLP([5, 16, 2], rng=0), X, y, [1e-4, 0.1, 100.0])
    >>> for trial in sweep.trials:
    ...     print(trial.lr, trial.verdict)
    ...
    0.0001 not moving
    0.1 decreasing
    100.0 exploding
    >>> print(sweep.passed, sweep.best_lr)
    True 0.1
    """
    net = _check_net(net)
    Xa, ya = net._check_Xy(X, y)
    rates = tuple(
        check_in_range(lr, f"lrs[{i}]", 0.0, None, low_inclusive=False)
        for i, lr in enumerate(as_sequence(lrs, "lrs"))
    )
    check_callable(optimizer, "optimizer")
    n_epochs = check_int(epochs, "epochs", 1)
    size = check_int(batch_size, "batch_size", 1)
    drop = check_in_range(min_decrease, "min_decrease", 0.0, 1.0, low_inclusive=False,
                          high_inclusive=False)
    factor = check_in_range(explode_factor, "explode_factor", 1.0, None, low_inclusive=False)
    seed = int(as_rng(rng).integers(2**32))
    trials = []
    for lr in rates:
        opt = optimizer(lr)
        check_instance(opt, "optimizer(lr)", Optimizer, "a dlref Optimizer")
        run = _train(_copy(net), Xa, ya, opt, epochs=n_epochs, batch_size=size,
                     rng=np.random.default_rng(seed))
        j0, jt, jb = run.losses[0], run.losses[-1], run.batch_losses
        finite = all(math.isfinite(v) for v in (*run.losses, *jb))
        lowest = min(run.losses) if finite else math.nan
        if (
            not finite
            or max(jb, default=j0) > factor * j0
            or jt > j0
            or jt - lowest > (j0 - lowest) / 2
        ):
            verdict = _EXPLODING
        elif jt > (1.0 - drop) * j0:
            verdict = _NOT_MOVING
        else:
            verdict = _DECREASING
        trials.append(LearningRateTrial(lr, verdict, tuple(run.losses), tuple(jb)))
    moving = [t for t in trials if t.verdict == _DECREASING]
    best = min(moving, key=lambda t: t.losses[-1]).lr if moving else None
    summary = "; ".join(f"lr={t.lr:g}: {t.verdict}" for t in trials)
    if best is not None:
        message = (
            f"{summary}. The loss decreases for {len(moving)} of {len(trials)} rates; the lowest "
            f"loss after {n_epochs} epochs came with lr={best:g}. Search more finely around it"
        )
    elif all(t.verdict == _NOT_MOVING for t in trials):
        message = f"{summary}. The loss does not move at any rate: try larger rates"
    elif all(t.verdict == _EXPLODING for t in trials):
        message = f"{summary}. The loss explodes at every rate: try smaller rates"
    else:
        message = (
            f"{summary}. No rate makes the loss decrease: the good range lies between the "
            "rates that do not move and those that explode; try rates in between"
        )
    return LearningRateSweep(best is not None, tuple(trials), best, message)


def check_update_ratios(
    net: MLP,
    X: Any,
    y: Any,
    *,
    optimizer: Optimizer,
    steps: int = 50,
    batch_size: int = 32,
    low: float = 1e-4,
    high: float = 3e-2,
    rng: np.random.Generator | int | None = 0,
) -> UpdateRatioCheck:
    r"""The size of each step relative to the weights, per layer: is it near $10^{-3}$?

    Trains a copy of ``net`` for ``steps`` mini-batch steps with a copy of
    ``optimizer`` and records, for every weight matrix and every step, the
    norm of the update over the norm of the weights before it:

    $$
    r^{[l]}_t = \frac{\bigl\lVert W^{[l]}_{t+1} - W^{[l]}_t \bigr\rVert_F}
                     {\bigl\lVert W^{[l]}_t \bigr\rVert_F}
    $$

    (the update, not the raw gradient: for SGD it is $\alpha\, dW$). The
    rule of thumb of CS231n's notes is $r \approx 10^{-3}$: much smaller and
    the learning rate may be too low, much larger and it is likely too high.
    The check passes when the median of every layer over the steps lies in
    ``[low, high]`` and no single step
    moves a layer by more than ``10 * high`` of its norm (a rate that is far
    too high kills most ReLUs in its first steps, after which the few
    survivors move little and the median alone looks healthy).

    Parameters
    ----------
    net : MLP
        The network. Not modified.
    X : array_like, shape (m, n_0)
        Training samples in rows, finite.
    y : array_like of int, shape (m,)
        Class labels, as for [`MLP.loss`][dlref.nn.MLP.loss].
    optimizer : Optimizer
        The optimiser with its learning rate, used on a copy.
    steps : int, default 50
        Mini-batch steps to record, $\ge 1$ (further epochs are started as needed).
    batch_size : int, default 32
        Mini-batch size, $\ge 1$.
    low, high : float, default 1e-4 and 3e-2
        The band a layer's median ratio must fall in, $0 < $ ``low`` $<$ ``high``:
        a decade below $10^{-3}$, and room above it for the $10^{-2}$ that
        well-tuned small networks show (see Notes).
    rng : numpy.random.Generator, int or None, default 0
        Seeds the shuffles and dropout masks.

    Returns
    -------
    UpdateRatioCheck
        ``passed``, ``layers``, ``ratios`` (float64, shape ``(steps, L)``, fewer
        rows if the loss blew up), ``medians``, ``message``. The measured values
        are Python floats (float64) whatever the network's dtype.

    Raises
    ------
    ValueError
        If ``X``/``y`` do not fit the network, or ``steps``, ``batch_size``,
        ``low`` or ``high`` is out of range.
    TypeError
        If ``net`` is not an MLP, ``optimizer`` not a dlref Optimizer, or an
        argument has the wrong type.

    Notes
    -----
    The $10^{-3}$ is a rough heuristic, and CS231n's own notes did not agree
    with it: their 2015 version showed a well-tuned two-layer network with
    updates of about 0.0002 on weights of about 0.02, a ratio of $10^{-2}$,
    "within a relatively healthy limit for a smaller network". On the digits
    (the babysitting page) the SGD rates that train best give medians of a
    few $10^{-3}$ to $10^{-2}$, and the rate whose ratio is $10^{-3}$ trains
    slowly. A median of exactly 0 means no update at all: every ReLU of the
    layer is dead, or the gradient is zero.

    References
    ----------
    A. Karpathy, "Neural Networks Part 3: Learning and Evaluation", CS231n
    notes, "Ratio of weights:updates". https://cs231n.github.io/neural-networks-3/#ratio
    (the 2015 version: commit aee4336 of github.com/cs231n/cs231n.github.io).

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import MLP, SGD, check_update_ratios
    >>> rng = np.random.default_rng(0)
    >>> X, y = rng.normal(size=(200, 10)), rng.integers(0, 3, size=200)
    >>> net = MLP([10, 32, 3], rng=0)
    >>> print(check_update_ratios(net, X, y, optimizer=SGD(0.01)).passed)
    True
    >>> r = check_update_ratios(net, X, y, optimizer=SGD(10.0), steps=5)
    >>> print(r.passed, r.layers, r.ratios.shape)
    False ('W1', 'W2') (5, 2)
    """
    net = _check_net(net)
    Xa, ya = net._check_Xy(X, y)
    check_instance(optimizer, "optimizer", Optimizer, "a dlref Optimizer (e.g. SGD(0.1))")
    n_steps = check_int(steps, "steps", 1)
    size = check_int(batch_size, "batch_size", 1)
    lo = check_in_range(low, "low", 0.0, None, low_inclusive=False)
    hi = check_in_range(high, "high", lo, None, low_inclusive=False)
    per_epoch = max(1, -(-Xa.shape[0] // size))
    run = _train(_copy(net), Xa, ya, copy.deepcopy(optimizer),
                 epochs=-(-n_steps // per_epoch) + 1, batch_size=size, rng=as_rng(rng),
                 max_steps=n_steps)
    layers = tuple(f"W{k}" for k in range(1, net.n_layers + 1))
    ratios = np.array(run.ratios, dtype=np.float64).reshape(-1, len(layers))
    medians = tuple(float(v) for v in np.median(ratios, axis=0)) if len(ratios) else (
        (math.nan,) * len(layers))
    blew_up = len(ratios) < n_steps or not np.all(np.isfinite(ratios))
    peaks = tuple(float(v) for v in np.max(ratios, axis=0)) if len(ratios) else medians
    problems = []
    for name, med, peak in zip(layers, medians, peaks, strict=True):
        if math.isfinite(med) and peak > 10 * hi:
            problems.append(f"{name} moved by {peak:.2f} of its norm in one step (more than "
                            f"10 x {hi:g}): the learning rate is likely too high")
        elif not math.isfinite(med) or med > hi:
            problems.append(f"{name} {med:.1e} is above {hi:g}: the learning rate is likely "
                            "too high")
        elif med == 0.0:
            problems.append(f"{name} is not updated at all (0): dead units or a zero gradient")
        elif med < lo:
            problems.append(f"{name} {med:.1e} is below {lo:g}: the learning rate may be too low")
    passed = not problems and not blew_up
    shown = ", ".join(f"{n} {m:.1e}" for n, m in zip(layers, medians, strict=True))
    if blew_up:
        message = (f"the loss blew up within {n_steps} steps (median update/weight ratios "
                   f"{shown}): lower the learning rate")
    elif passed:
        message = (f"median update/weight ratios {shown}, all within [{lo:g}, {hi:g}] "
                   "(the rule of thumb is about 1e-3)")
    else:
        message = f"median update/weight ratios {shown}; " + "; ".join(problems)
    return UpdateRatioCheck(passed, layers, ratios, medians, message)


def check_train_dev_gap(history: History, *, tolerance: float = 0.02) -> TrainDevGapCheck:
    r"""The gap between dev and training error over the epochs: is the network overfitting?

    From a [`History`][dlref.nn.History] recorded with a dev set, the gap at
    each epoch is

    $$
    g_t = E_\text{dev}(t) - E_\text{train}(t), \qquad E = 1 - \text{accuracy},
    $$

    and the check passes when the last epoch's gap is not high variance in the
    sense of [`diagnose`][dlref.diagnosis.diagnose] ($g_T \le$ ``tolerance``).
    It also reports the epoch of the lowest dev loss: a gap that keeps widening
    after it is the overfitting early stopping would cut off.

    Parameters
    ----------
    history : History
        Returned by [`MLP.fit`][dlref.nn.MLP.fit] with ``X_dev`` and ``y_dev``.
    tolerance : float, default 0.02
        The largest gap that passes, a fraction in $[0, 1]$ (two percentage points).

    Returns
    -------
    TrainDevGapCheck
        ``passed``, ``gaps`` (one per epoch), ``best_dev_epoch``, ``message``.

    Raises
    ------
    ValueError
        If the history has no dev set or ``tolerance`` is outside $[0, 1]$.
    TypeError
        If ``history`` is not a History or ``tolerance`` is not a real number.

    References
    ----------
    A. Karpathy, "Neural Networks Part 3: Learning and Evaluation", CS231n
    notes, "Train/Val accuracy". https://cs231n.github.io/neural-networks-3/#accuracy

    Examples
    --------
    >>> from dlref import History, check_train_dev_gap
    >>> h = History(train_loss=[0.9, 0.4, 0.1], train_accuracy=[0.70, 0.90, 1.00],
    ...             dev_loss=[1.0, 0.6, 0.8], dev_accuracy=[0.68, 0.86, 0.88])
    >>> r = check_train_dev_gap(h)
    >>> print(r.passed, [round(g, 2) for g in r.gaps], r.best_dev_epoch)
    False [0.02, 0.04, 0.12] 2
    """
    check_instance(history, "history", History, "a dlref History (returned by MLP.fit)")
    tol = check_in_range(tolerance, "tolerance", 0.0, 1.0)
    if (
        not history.train_accuracy
        or len(history.dev_accuracy) != len(history.train_accuracy)
        or len(history.dev_loss) != len(history.train_accuracy)
    ):
        raise ValueError(
            "history must hold one dev loss and accuracy per epoch (fit with X_dev and y_dev), "
            f"got {len(history.train_accuracy)} train and {len(history.dev_accuracy)} dev "
            "accuracies"
        )
    gaps = tuple(float(t - d) for t, d in zip(history.train_accuracy, history.dev_accuracy,
                                              strict=True))
    best = int(np.argmin(history.dev_loss)) + 1
    last = len(gaps)
    d = diagnose(1.0 - history.train_accuracy[-1], 1.0 - history.dev_accuracy[-1],
                 tolerance=tol)
    passed = not d.high_variance
    widening = last > best and gaps[-1] > gaps[best - 1]
    after = f"; the dev loss was lowest at epoch {best}"
    if widening:
        after += f" and the gap widened from {_percent(gaps[best - 1])} since"
    if passed:
        message = (f"after {last} epochs dev error trails training error by {_percent(gaps[-1])}, "
                   f"within {_percent(tol)}: no sign of high variance{after}")
    else:
        message = (f"after {last} epochs dev error is {_percent(gaps[-1])} above training error "
                   f"(more than {_percent(tol)}): high variance, the network overfits{after}. "
                   "Remedies: more data, regularisation (L2, dropout), or early stopping")
    return TrainDevGapCheck(passed, gaps, best, message)
