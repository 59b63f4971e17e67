r"""Batch normalisation: forward at train time, backward, inference with running statistics.

Batch norm standardises each feature of a layer's pre-activations over the
mini-batch, then lets the network rescale and shift the result with two learned
vectors $\gamma$ and $\beta$. At test time there is no batch to average over,
so the mean and variance are replaced by exponentially weighted averages
collected during training.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from dlref._checks import (
    as_float_array,
    check_array_in_range,
    check_flag,
    check_in_range,
    check_int,
    check_same_shape,
)

__all__ = [
    "BatchNormCache",
    "RunningStats",
    "batchnorm_backward",
    "batchnorm_forward",
    "batchnorm_inference",
]


class RunningStats(NamedTuple):
    """Running (exponentially weighted) mean and variance of each feature.

    Returned by [`batchnorm_forward`][dlref.batchnorm.batchnorm_forward] and used
    by [`batchnorm_inference`][dlref.batchnorm.batchnorm_inference]. A new tuple
    is returned at every training step; the old one is never modified.
    """

    mean: np.ndarray
    """Running mean, shape ``(n,)``."""
    var: np.ndarray
    """Running variance, shape ``(n,)``, every entry ``>= 0``."""


class BatchNormCache(NamedTuple):
    """What [`batchnorm_backward`][dlref.batchnorm.batchnorm_backward] needs from the forward."""

    xhat: np.ndarray
    """The normalised input $\\hat x$, shape ``(m, n)``."""
    gamma: np.ndarray
    """The scale $\\gamma$ used in the forward pass, shape ``(n,)``."""
    inv_std: np.ndarray
    """$1/\\sqrt{\\sigma^2 + \\varepsilon}$ per feature, shape ``(n,)``."""


def _check_affine(x: np.ndarray, gamma: Any, beta: Any) -> tuple[np.ndarray, np.ndarray]:
    """gamma and beta as 1-D arrays of the width of ``x``, in the dtype of ``x``."""
    g = as_float_array(gamma, "gamma", ndim=1)
    b = as_float_array(beta, "beta", ndim=1)
    check_same_shape(x[0], "a row of x", g, "gamma")
    check_same_shape(x[0], "a row of x", b, "beta")
    return g.astype(x.dtype, copy=False), b.astype(x.dtype, copy=False)


def _check_running(x: np.ndarray, running: Any) -> RunningStats:
    """``running`` as a RunningStats of two finite (n,) arrays in the dtype of ``x``."""
    if not isinstance(running, tuple) or len(running) != 2:
        raise TypeError(
            "running must be a RunningStats(mean, var) (or None in training mode), "
            f"got {type(running).__name__}"
        )
    mean = as_float_array(running[0], "running.mean", ndim=1)
    var = as_float_array(running[1], "running.var", ndim=1)
    check_same_shape(x[0], "a row of x", mean, "running.mean")
    check_same_shape(x[0], "a row of x", var, "running.var")
    check_array_in_range(var, "running.var", 0.0)
    return RunningStats(mean.astype(x.dtype, copy=False), var.astype(x.dtype, copy=False))


def batchnorm_forward(
    x: Any,
    gamma: Any,
    beta: Any,
    running: RunningStats | None = None,
    *,
    momentum: float = 0.9,
    eps: float = 1e-5,
    unbiased_running_var: bool = False,
) -> tuple[np.ndarray, BatchNormCache, RunningStats]:
    r"""Batch-norm forward pass in training mode, and the updated running statistics.

    Each feature (column) is standardised with the mean and the variance of the
    current mini-batch, then scaled by $\gamma$ and shifted by $\beta$. The batch
    statistics also update the running averages that inference will use.

    For a batch $x$ of shape $(m, n)$ and feature $j$:

    $$
    \mu_j = \frac{1}{m}\sum_{i=1}^{m} x_{ij}, \qquad
    \sigma_j^2 = \frac{1}{m}\sum_{i=1}^{m} (x_{ij} - \mu_j)^2, \qquad
    \hat x_{ij} = \frac{x_{ij} - \mu_j}{\sqrt{\sigma_j^2 + \varepsilon}}, \qquad
    y_{ij} = \gamma_j \hat x_{ij} + \beta_j
    $$

    and, with $\rho$ = ``momentum`` (the weight on the *old* value),

    $$
    \mu^{\text{run}} \leftarrow \rho\,\mu^{\text{run}} + (1 - \rho)\,\mu, \qquad
    \sigma^{2,\text{run}} \leftarrow \rho\,\sigma^{2,\text{run}} + (1 - \rho)\,s^2
    $$

    where $s^2 = \sigma^2$ by default, or $s^2 = \frac{m}{m-1}\sigma^2$ (the
    unbiased estimate) with ``unbiased_running_var=True``.

    Parameters
    ----------
    x : array_like, shape (m, n)
        A mini-batch of pre-activations, one example per row, $m \ge 2$, finite.
    gamma : array_like, shape (n,)
        Learned scale $\gamma$, finite.
    beta : array_like, shape (n,)
        Learned shift $\beta$, finite.
    running : RunningStats or None, default None
        Running statistics so far; ``None`` starts from mean 0 and variance 1
        (the usual initial values, as in PyTorch and Keras).
    momentum : float, default 0.9
        $\rho$ in $[0, 1)$: the weight on the old running value (the $\beta$ of
        an exponentially weighted average, so it averages over roughly
        $1/(1-\rho)$ batches). Named $\rho$ in the formulas because $\beta$ is
        the shift.
    eps : float, default 1e-5
        $\varepsilon > 0$, added to the variance *inside* the square root.
    unbiased_running_var : bool, default False
        Feed the unbiased batch variance $\frac{m}{m-1}\sigma^2$ into the running
        variance (PyTorch's rule). The normalisation itself always uses the
        biased $\sigma^2$.

    Returns
    -------
    out : ndarray, shape (m, n)
        $y = \gamma \hat x + \beta$, in the dtype of ``x`` (float32 stays float32).
    cache : BatchNormCache
        For [`batchnorm_backward`][dlref.batchnorm.batchnorm_backward].
    running : RunningStats
        The *new* running statistics (the ``running`` passed in is not modified).

    Raises
    ------
    ValueError
        If ``x`` is not 2-D, is empty or has a single row (the variance of one
        example is undefined; PyTorch raises too), if an array holds NaN/inf or
        has the wrong length, if ``running.var`` is negative, if ``momentum`` is
        outside $[0, 1)$ or ``eps`` is not positive.
    TypeError
        If an input is not numeric (or is float16), ``running`` is not a pair
        of arrays, or ``unbiased_running_var`` is not a bool.

    Notes
    -----
    **Momentum conventions.** Here (as in Keras, ``BatchNormalization(momentum=0.99)``)
    momentum is the weight on the old value. PyTorch's ``BatchNorm1d(momentum=0.1)``
    is the weight on the *new* value: ``torch momentum = 1 - momentum``. PyTorch
    also stores the unbiased batch variance in ``running_var`` (while normalising
    with the biased one); ``unbiased_running_var=True`` reproduces that. Keras
    keeps the biased variance, like the default here. Defaults differ too:
    PyTorch $\varepsilon = 10^{-5}$, Keras $10^{-3}$.

    **A constant feature** has $\sigma_j^2 = 0$; $\varepsilon$ inside the root
    keeps the division finite, $\hat x_{:j} = 0$ and the output is $\beta_j$.
    The mean is computed after subtracting the first row (the "shifted data"
    trick), so a large constant gives $x - \mu = 0$ exactly, even in float32,
    instead of a rounding residue that $1/\sqrt{\varepsilon}$ would amplify.

    **The bias before batch norm is redundant** (the course notes say so, and it
    is true): a constant $b$ added to $z = xW + b$ is removed again when the
    batch mean is subtracted, so $z = xW$ suffices and $\beta$ plays the role of
    the bias.

    **A slip in the CS231n notes.** They write $\gamma^{(k)} = \sqrt{\mathrm{Var}[x^{(k)}]}$,
    $\beta^{(k)} = \mathrm{E}[x^{(k)}]$ as if that were how $\gamma, \beta$
    are set. They are *learned* parameters (usually initialised to 1 and 0);
    that particular value is only the one that lets the layer recover the
    identity, which shows batch norm does not reduce what the layer can
    represent. The same notes also leave $\varepsilon$ out of
    $\hat x = (x - \mathrm{E}[x]) / \sqrt{\mathrm{Var}[x]}$. The Coursera
    notes' "covariance shift" is *covariate* shift (a change in the input
    distribution). One set of notes credits the slight regularisation effect to
    noise *reduction*; it comes from the noise that the mini-batch statistics
    add, which is why it shrinks as the batch grows.

    References
    ----------
    S. Ioffe and C. Szegedy, "Batch Normalization: Accelerating Deep Network
    Training by Reducing Internal Covariate Shift", ICML 2015.
    https://arxiv.org/abs/1502.03167

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import batchnorm_forward
    >>> x = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]])
    >>> out, cache, running = batchnorm_forward(x, np.ones(2), np.zeros(2))
    >>> print(np.round(out[:, 0], 4))      # (x - 2) / sqrt(2/3 + eps): biased variance
    [-1.2247  0.      1.2247]
    >>> print(np.round(np.abs(out.mean(axis=0)), 4), np.round(out.std(axis=0), 4))
    [0. 0.] [1. 1.]
    >>> print(np.round(running.mean, 4), np.round(running.var, 4))  # 0.9 * (0, 1) + 0.1 * batch
    [0.2 3. ] [ 0.9667 47.5667]
    """
    xa = as_float_array(x, "x", ndim=2)
    check_int(xa.shape[0], "the number of rows of x (batch size in training mode)", minimum=2)
    g, b = _check_affine(xa, gamma, beta)
    rho = check_in_range(momentum, "momentum", 0.0, 1.0, high_inclusive=False)
    epsilon = check_in_range(eps, "eps", 0.0, None, low_inclusive=False)
    unbiased = check_flag(unbiased_running_var, "unbiased_running_var")
    n = xa.shape[1]
    if running is None:
        old = RunningStats(np.zeros(n, dtype=xa.dtype), np.ones(n, dtype=xa.dtype))
    else:
        old = _check_running(xa, running)
    out, cache, new = _batchnorm_forward(xa, g, b, old, rho, epsilon, unbiased)
    return out, cache._replace(gamma=g.copy()), new


def _batchnorm_forward(
    x: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    old: RunningStats,
    rho: float,
    eps: float,
    unbiased_running_var: bool,
) -> tuple[np.ndarray, BatchNormCache, RunningStats]:
    """Kernel of batchnorm_forward, without checks.

    Arrays are finite and of one dtype, ``x`` is ``(m, n)`` with ``m >= 2``.
    The cache refers to ``gamma`` itself (the public function stores a copy).
    Temporaries are updated in place, so each step is one pass over the batch.
    """
    m = x.shape[0]
    # Shifted data: subtract the first row before averaging. Same result in exact
    # arithmetic, but a constant feature gives xc == 0 exactly even in float32.
    shift = x[0]
    xc = x - shift
    d_mean = xc.mean(axis=0)
    mu = shift + d_mean
    xc -= d_mean  # x - mu
    var = np.einsum("ij,ij->j", xc, xc) / m  # mean of (x - mu)^2, no squared copy
    inv_std = 1.0 / np.sqrt(var + eps)
    xhat = xc
    xhat *= inv_std  # xc is not needed any more
    out = gamma * xhat
    out += beta

    batch_var = var * (m / (m - 1)) if unbiased_running_var else var
    new = RunningStats(
        rho * old.mean + (1.0 - rho) * mu,
        rho * old.var + (1.0 - rho) * batch_var,
    )
    return out, BatchNormCache(xhat, gamma, inv_std), new


def batchnorm_backward(
    dout: Any, cache: BatchNormCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Batch-norm backward pass: gradients with respect to $x$, $\gamma$ and $\beta$.

    Every $x_{ij}$ reaches the loss three ways: directly through $\hat x_{ij}$,
    and through the batch mean $\mu_j$ and variance $\sigma_j^2$ that all rows
    share. Summing the three paths gives a compact closed form, with
    $g = \partial L / \partial y$ (``dout``):

    $$
    \frac{\partial L}{\partial \beta_j} = \sum_{i} g_{ij}, \qquad
    \frac{\partial L}{\partial \gamma_j} = \sum_{i} g_{ij}\,\hat x_{ij},
    $$

    $$
    \frac{\partial L}{\partial x_{ij}} =
    \frac{\gamma_j}{m\sqrt{\sigma_j^2 + \varepsilon}}
    \Big( m\,g_{ij} - \sum_{k} g_{kj} - \hat x_{ij} \sum_{k} g_{kj}\,\hat x_{kj} \Big).
    $$

    Parameters
    ----------
    dout : array_like, shape (m, n)
        Upstream gradient $\partial L / \partial y$, finite.
    cache : BatchNormCache
        The cache returned by [`batchnorm_forward`][dlref.batchnorm.batchnorm_forward].

    Returns
    -------
    dx : ndarray, shape (m, n)
    dgamma : ndarray, shape (n,)
    dbeta : ndarray, shape (n,)
        In the dtype of the forward input.

    Raises
    ------
    ValueError
        If ``dout`` does not have the shape of ``x`` or holds NaN/inf.
    TypeError
        If ``cache`` is not a ``BatchNormCache``.

    Notes
    -----
    The bracket is $m$ times ``dout`` with its column mean and its projection on
    $\hat x$ removed, so every column of ``dx`` sums to zero: shifting a whole
    feature by a constant does not change the output. This is the training-mode
    gradient (the batch statistics depend on $x$); in inference mode the
    statistics are constants and
    $\partial L/\partial x = g\,\gamma/\sqrt{\sigma^{2,\text{run}}+\varepsilon}$.

    References
    ----------
    S. Ioffe and C. Szegedy, "Batch Normalization: Accelerating Deep Network
    Training by Reducing Internal Covariate Shift", ICML 2015, Section 3.
    https://arxiv.org/abs/1502.03167

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import batchnorm_forward, batchnorm_backward
    >>> x = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]])
    >>> _, cache, _ = batchnorm_forward(x, np.array([1.0, 2.0]), np.zeros(2))
    >>> dout = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    >>> dx, dgamma, dbeta = batchnorm_backward(dout, cache)
    >>> print(np.round(dx, 4))
    [[ 0.2041  0.0088]
     [-0.4082 -0.011 ]
     [ 0.2041  0.0022]]
    >>> print(np.round(dx.sum(axis=0), 10) + 0.0)   # each column of dx sums to zero
    [0. 0.]
    >>> print(np.round(dgamma, 4), dbeta)
    [-1.2247  1.3887] [1. 1.]
    """
    if not isinstance(cache, BatchNormCache):
        raise TypeError(
            "cache must be the BatchNormCache returned by batchnorm_forward, "
            f"got {type(cache).__name__}"
        )
    xhat = cache.xhat
    g = as_float_array(dout, "dout", ndim=2)
    check_same_shape(xhat, "x", g, "dout")
    return _batchnorm_backward(g.astype(xhat.dtype, copy=False), cache)


def _batchnorm_backward(
    g: np.ndarray, cache: BatchNormCache
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kernel of batchnorm_backward, without checks (``g`` finite, shape and dtype of x)."""
    xhat, gamma, inv_std = cache
    m = xhat.shape[0]
    dbeta = g.sum(axis=0)
    dgamma = np.einsum("ij,ij->j", g, xhat)  # sum_i g_ij xhat_ij, no product copy
    # dx = gamma inv_std / m * (m g - dbeta - xhat dgamma)
    #    = gamma inv_std * (g - dbeta / m - xhat dgamma / m), in place on one new array
    dx = xhat * (-dgamma / m)
    dx += g
    dx -= dbeta / m
    dx *= gamma * inv_std
    return dx, dgamma, dbeta


def batchnorm_inference(
    x: Any, gamma: Any, beta: Any, running: RunningStats, *, eps: float = 1e-5
) -> np.ndarray:
    r"""Batch-norm forward pass at test time, with the running statistics.

    At inference there may be a single example, and the output for one example
    must not depend on which others share its batch, so the batch statistics
    are replaced by the running averages collected during training:

    $$
    y_{ij} = \gamma_j\,
    \frac{x_{ij} - \mu^{\text{run}}_j}{\sqrt{\sigma^{2,\text{run}}_j + \varepsilon}}
    + \beta_j
    $$

    This is an affine map per feature, so it can be folded into the preceding
    dense layer once training is over.

    Parameters
    ----------
    x : array_like, shape (m, n)
        Inputs, one example per row, $m \ge 1$, finite.
    gamma, beta : array_like, shape (n,)
        The learned scale and shift.
    running : RunningStats
        Running mean and variance from
        [`batchnorm_forward`][dlref.batchnorm.batchnorm_forward]; ``var >= 0``.
    eps : float, default 1e-5
        $\varepsilon > 0$ inside the square root; use the value used in training.

    Returns
    -------
    ndarray, shape (m, n)
        In the dtype of ``x``.

    Raises
    ------
    ValueError
        If shapes do not match, an array holds NaN/inf, ``running.var`` is
        negative or ``eps`` is not positive.
    TypeError
        If an input is not numeric or ``running`` is not a pair of arrays.

    Notes
    -----
    This is PyTorch's ``eval()`` mode and Keras' ``training=False``. Which
    variance the running average holds (biased or unbiased, see
    [`batchnorm_forward`][dlref.batchnorm.batchnorm_forward]) only matters
    through the values stored; the formula is the same. The notes also mention
    an alternative: estimate $\mu$, $\sigma^2$ once over the whole training set
    with the final weights, which is what Ioffe and Szegedy's Algorithm 2 does
    (running averages are their way to track accuracy during training, and the
    frameworks' default); pass them here as a ``RunningStats``.

    References
    ----------
    S. Ioffe and C. Szegedy, "Batch Normalization: Accelerating Deep Network
    Training by Reducing Internal Covariate Shift", ICML 2015, Algorithm 2.
    https://arxiv.org/abs/1502.03167

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import RunningStats, batchnorm_inference
    >>> running = RunningStats(mean=np.array([2.0, 0.0]), var=np.array([4.0, 1.0]))
    >>> x = np.array([[4.0, 1.0]])               # a single example is fine here
    >>> gamma, beta = np.array([1.0, 3.0]), np.array([0.0, 0.5])
    >>> print(np.round(batchnorm_inference(x, gamma, beta, running), 4))
    [[1.  3.5]]
    """
    xa = as_float_array(x, "x", ndim=2)
    g, b = _check_affine(xa, gamma, beta)
    epsilon = check_in_range(eps, "eps", 0.0, None, low_inclusive=False)
    stats = _check_running(xa, running)
    return _batchnorm_inference(xa, g, b, stats, epsilon)


def _batchnorm_inference(
    x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, running: RunningStats, eps: float
) -> np.ndarray:
    """Kernel of batchnorm_inference, without checks (finite arrays of one dtype)."""
    return gamma * ((x - running.mean) / np.sqrt(running.var + eps)) + beta
