r"""Losses and output layers: MSE, binary cross-entropy, softmax family, NLL.

Every loss is a **mean over the m examples** (the rows) of a per-example loss,
and every gradient is the derivative of that mean, so it carries the factor
$1/m$. For MSE and binary cross-entropy with a $k$-column target the
per-example loss sums over the columns, while PyTorch's default
``reduction="mean"`` averages over all $m k$ elements, which is $k$ times
smaller; for NLL and softmax cross-entropy (one label per row) the two agree.
Each function states its mapping. The targets are used in the dtype of the prediction, so float32
predictions give float32 losses and gradients.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from dlref._checks import (
    as_float_array,
    as_label_array,
    check_array_in_range,
    check_axis_size,
    check_in_range,
    check_int,
    check_rows_sum_to_one,
    check_same_shape,
)
from dlref.activations import _sigmoid

__all__ = [
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "hardmax",
    "log_softmax",
    "mse",
    "mse_grad",
    "nll",
    "softmax",
    "softmax_cross_entropy",
]

#: Default clipping constant of :func:`binary_cross_entropy`.
BCE_EPS = 1e-12


def _pred_and_target(
    pred: Any, pred_name: str, target: Any, target_name: str
) -> tuple[np.ndarray, np.ndarray]:
    """A 1-D/2-D prediction and a target of its shape, cast to its dtype."""
    p = as_float_array(pred, pred_name, ndim=(1, 2))
    t = as_float_array(target, target_name, ndim=(1, 2))
    check_same_shape(p, pred_name, t, target_name)
    return p, t


# ------------------------------------------------------------------------- MSE


def mse(y_pred: ArrayLike, y: ArrayLike) -> np.floating[Any]:
    r"""Mean squared error with the $\tfrac12$ factor, averaged over examples.

    Half the squared Euclidean distance between prediction and target, per
    example, averaged over the $m$ examples. The $\tfrac12$ cancels the 2 of
    the derivative, so the gradient is simply the residual over $m$.

    $$
    L = \frac{1}{m} \sum_{i=1}^{m} \tfrac12 \bigl\lVert y^{(i)} - \hat y^{(i)} \bigr\rVert_2^2
    $$

    Parameters
    ----------
    y_pred : array_like, shape (m,) or (m, k)
        Predictions $\hat y$, finite.
    y : array_like, same shape as ``y_pred``
        Targets, finite.

    Returns
    -------
    numpy.floating
        The loss, a NumPy scalar of ``y_pred``'s dtype.

    Raises
    ------
    TypeError
        If an input is not numeric.
    ValueError
        If an input is not 1-D/2-D, the shapes differ, an input is empty or
        not finite.

    Notes
    -----
    PyTorch: ``F.mse_loss`` averages the squared error over all $m k$
    elements without the $\tfrac12$, so ``mse = 0.5 * k * F.mse_loss``.
    The notes' $e = \tfrac12\lVert y - o\rVert_2^2$ is the per-example term.
    Behind a sigmoid output, MSE learns slowly from confident mistakes (the
    gradient carries $\sigma'(z) \approx 0$), which is why classifiers use
    cross-entropy.

    References
    ----------
    I. Goodfellow, Y. Bengio, A. Courville, "Deep Learning", MIT Press, 2016,
    Section 6.2.1. https://www.deeplearningbook.org/contents/mlp.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import mse
    >>> y_pred = np.array([[1.0, 2.0], [0.0, 0.0]])
    >>> y = np.array([[1.0, 0.0], [3.0, 0.0]])
    >>> print(mse(y_pred, y))       # (0.5*4 + 0.5*9) / 2
    3.25
    """
    p, t = _pred_and_target(y_pred, "y_pred", y, "y")
    d = p - t.astype(p.dtype, copy=False)
    return 0.5 * np.sum(d * d) / p.shape[0]


def mse_grad(y_pred: ArrayLike, y: ArrayLike) -> np.ndarray:
    r"""Gradient of [`mse`][dlref.losses.mse] with respect to the predictions.

    $$
    \frac{\partial L}{\partial \hat y^{(i)}} = \frac{1}{m}\bigl(\hat y^{(i)} - y^{(i)}\bigr)
    $$

    Parameters
    ----------
    y_pred : array_like, shape (m,) or (m, k)
        Predictions, finite.
    y : array_like, same shape as ``y_pred``
        Targets, finite.

    Returns
    -------
    ndarray
        Same shape and dtype as ``y_pred``.

    Raises
    ------
    TypeError
        If an input is not numeric.
    ValueError
        If an input is not 1-D/2-D, the shapes differ, an input is empty or
        not finite.

    Notes
    -----
    The gradient of PyTorch's ``F.mse_loss`` is $2(\hat y - y)/(mk)$.

    References
    ----------
    I. Goodfellow, Y. Bengio, A. Courville, "Deep Learning", MIT Press, 2016,
    Section 6.2.1. https://www.deeplearningbook.org/contents/mlp.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import mse_grad
    >>> print(mse_grad(np.array([[1.0, 2.0], [0.0, 0.0]]), np.array([[1.0, 0.0], [3.0, 0.0]])))
    [[ 0.   1. ]
     [-1.5  0. ]]
    """
    p, t = _pred_and_target(y_pred, "y_pred", y, "y")
    return (p - t.astype(p.dtype, copy=False)) / p.shape[0]


# ------------------------------------------------------------------------- BCE


def binary_cross_entropy(p: ArrayLike, y: ArrayLike, *, eps: float = BCE_EPS) -> np.floating[Any]:
    r"""Binary cross-entropy of predicted probabilities, averaged over examples.

    The negative log-likelihood of Bernoulli targets: a confident wrong
    prediction costs a lot, a confident right one almost nothing. The
    arguments of both logarithms are clipped from below at $\epsilon$ so a
    probability of exactly 0 or 1 gives a large finite loss instead of inf.

    $$
    L = -\frac{1}{m} \sum_{i=1}^{m} \sum_{c} \Bigl[ y_{ic} \log \max(p_{ic}, \epsilon)
    + (1 - y_{ic}) \log \max(1 - p_{ic}, \epsilon) \Bigr]
    $$

    Parameters
    ----------
    p : array_like, shape (m,) or (m, k)
        Predicted probabilities, in $[0, 1]$.
    y : array_like, same shape as ``p``
        Targets in $[0, 1]$ (usually 0/1; soft targets allowed).
    eps : float, default 1e-12
        Clipping constant, in $(0, 0.5]$. Each element's loss is at most
        $-\log\epsilon \approx 27.63$. Where $\epsilon \le p \le 1 - \epsilon$
        nothing is changed.

    Returns
    -------
    numpy.floating
        The loss, a NumPy scalar of ``p``'s dtype.

    Raises
    ------
    TypeError
        If an input is not numeric or ``eps`` is not a real number.
    ValueError
        If an input is not 1-D/2-D, the shapes differ, a value lies outside
        $[0, 1]$, an input is empty or not finite, or ``eps`` is outside
        $(0, 0.5]$.

    Notes
    -----
    The clip is applied to $p$ and to $1 - p$ separately (not to $p$ alone,
    as Keras does with $[\epsilon, 1 - \epsilon]$), so it also works in
    float32, where $1 - 10^{-12}$ rounds to 1. PyTorch's
    ``F.binary_cross_entropy`` instead clamps each log at $-100$ and averages
    over all elements (so for $k$ columns it is $k$ times smaller). When the
    probabilities come from a sigmoid, use
    [`binary_cross_entropy_with_logits`][dlref.losses.binary_cross_entropy_with_logits]:
    it is exact where this must clip.

    Slip in the notes: they write
    $-\frac1N\sum y_i\log h_i + (1 - y_i)\log(1 - h_i)$ without brackets, which
    applies the minus sign to the first term only; the bracket must enclose
    both terms.

    References
    ----------
    I. Goodfellow, Y. Bengio, A. Courville, "Deep Learning", MIT Press, 2016,
    Section 6.2.2.2. https://www.deeplearningbook.org/contents/mlp.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import binary_cross_entropy
    >>> p = np.array([0.9, 0.2, 0.6])
    >>> y = np.array([1.0, 0.0, 0.0])
    >>> print(round(float(binary_cross_entropy(p, y)), 4))  # -(ln .9 + ln .8 + ln .4)/3
    0.4149
    >>> print(round(float(binary_cross_entropy(np.array([0.0]), np.array([1.0]))), 4))
    27.631
    """
    pp, t = _pred_and_target(p, "p", y, "y")
    check_array_in_range(pp, "p", 0.0, 1.0)
    check_array_in_range(t, "y", 0.0, 1.0)
    e = check_in_range(eps, "eps", 0.0, 0.5, low_inclusive=False)
    t = t.astype(pp.dtype, copy=False)
    log_p = np.log(np.maximum(pp, e))
    log_q = np.log(np.maximum(1 - pp, e))
    return -np.sum(t * log_p + (1 - t) * log_q) / pp.shape[0]


def binary_cross_entropy_with_logits(
    z: ArrayLike, y: ArrayLike
) -> tuple[np.floating[Any], np.ndarray]:
    r"""Sigmoid + binary cross-entropy fused, from logits, and its gradient.

    Writing the loss in terms of the logit $z$ (with $p = \sigma(z)$) gives a
    form that never takes the log of 0 and never overflows, for any finite
    $z$; its gradient is the residual $\sigma(z) - y$ over $m$.

    $$
    \ell(z, y) = -y \log\sigma(z) - (1 - y)\log\bigl(1 - \sigma(z)\bigr)
    = \max(z, 0) - z y + \log\bigl(1 + e^{-|z|}\bigr)
    $$

    $$
    L = \frac{1}{m} \sum_{i, c} \ell(z_{ic}, y_{ic}), \qquad
    \frac{\partial L}{\partial z_{ic}} = \frac{\sigma(z_{ic}) - y_{ic}}{m}
    $$

    Parameters
    ----------
    z : array_like, shape (m,) or (m, k)
        Logits (pre-sigmoid scores), finite.
    y : array_like, same shape as ``z``
        Targets in $[0, 1]$.

    Returns
    -------
    loss : numpy.floating
        A NumPy scalar of ``z``'s dtype.
    dz : ndarray
        $\partial L / \partial z$, same shape and dtype as ``z``.

    Raises
    ------
    TypeError
        If an input is not numeric.
    ValueError
        If an input is not 1-D/2-D, the shapes differ, ``y`` lies outside
        $[0, 1]$, an input is empty or not finite.

    Notes
    -----
    PyTorch: ``F.binary_cross_entropy_with_logits`` (same stable form),
    which averages over all $m k$ elements: for $k$ columns this loss is $k$
    times PyTorch's. The term $\log(1 + e^{-|z|})$ uses ``log1p``. The
    gradient matches the course's $dz = \hat y - y$ per example.

    References
    ----------
    I. Goodfellow, Y. Bengio, A. Courville, "Deep Learning", MIT Press, 2016,
    Section 6.2.2.2. https://www.deeplearningbook.org/contents/mlp.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import binary_cross_entropy_with_logits
    >>> loss, dz = binary_cross_entropy_with_logits(np.array([2.0, -1000.0]), np.array([1.0, 1.0]))
    >>> print(round(float(loss), 4))      # (ln(1 + e^-2) + 1000) / 2
    500.0635
    >>> print(np.round(dz, 4))
    [-0.0596 -0.5   ]
    """
    zz, t = _pred_and_target(z, "z", y, "y")
    check_array_in_range(t, "y", 0.0, 1.0)
    return _bce_with_logits(zz, t.astype(zz.dtype, copy=False))


def _bce_with_logits(z: np.ndarray, t: np.ndarray) -> tuple[np.floating[Any], np.ndarray]:
    """Kernel of binary_cross_entropy_with_logits, without checks (``t`` in ``z``'s dtype)."""
    m = z.shape[0]
    per_element = np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))
    loss = np.sum(per_element) / m
    dz = (_sigmoid(z) - t) / m
    return loss, dz


# --------------------------------------------------------------------- softmax


def _as_scores(z: Any, name: str, axis: Any) -> tuple[np.ndarray, int]:
    """1-D to 3-D scores and a valid axis for them."""
    arr = as_float_array(z, name, ndim=(1, 2, 3))
    ax = check_int(axis, "axis")
    check_in_range(ax, "axis", -arr.ndim, arr.ndim - 1)
    return arr, ax


def _log_softmax_parts(z: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """(log_softmax, softmax) of ``z`` along ``axis``, shifting by the max."""
    shifted = z - np.max(z, axis=axis, keepdims=True)
    e = np.exp(shifted)  # in (0, 1], the max entry is exactly 1
    s = np.sum(e, axis=axis, keepdims=True)  # in [1, C]
    return shifted - np.log(s), e / s


def softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Softmax: turn a vector of scores into a probability distribution.

    Exponentiates and normalises along ``axis``: every output is positive,
    they sum to 1, and the order of the scores is kept. Subtracting the
    maximum first changes nothing mathematically (softmax is shift-invariant)
    but keeps every exponent $\le 0$, so nothing overflows.

    $$
    \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{C} e^{z_j}}
    = \frac{e^{z_i - \max_k z_k}}{\sum_{j=1}^{C} e^{z_j - \max_k z_k}}
    $$

    Parameters
    ----------
    z : array_like, 1-D to 3-D
        Scores (logits), finite; one distribution per slice along ``axis``.
    axis : int, default -1
        The class axis, in $[-\text{ndim}, \text{ndim} - 1]$.

    Returns
    -------
    ndarray
        Same shape and float dtype as ``z``; entries in $[0, 1]$ summing to 1
        along ``axis``.

    Raises
    ------
    TypeError
        If ``z`` is not numeric or ``axis`` is not an integer.
    ValueError
        If ``z`` is not 1-D to 3-D, empty or not finite, or ``axis`` is out of
        range.

    Notes
    -----
    Slips in the notes (Ng, C2W3): the denominator is written
    $\sum_{j=1}^{4} t_i$; it is $\sum_{j=1}^{C} t_j$ with $t = e^{z}$ (index
    $j$, and $C$ classes; 4 is only the lecture's example). The other notes
    say softmax is "attached after" the sigmoid activation; it *replaces* the
    sigmoid at the output and is applied to the logits $z$. Same as
    ``torch.softmax(z, dim=axis)``.

    References
    ----------
    J. S. Bridle, "Probabilistic Interpretation of Feedforward Classification
    Network Outputs, with Relationships to Statistical Pattern Recognition",
    Neurocomputing, NATO ASI Series F68, Springer, 1990.
    https://doi.org/10.1007/978-3-642-76153-9_28

    P. Blanchard, D. J. Higham, N. J. Higham, "Accurately computing the
    log-sum-exp and softmax functions", IMA Journal of Numerical Analysis 41,
    2021. https://doi.org/10.1093/imanum/draa038

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import softmax
    >>> print(np.round(softmax(np.array([[1.0, 2.0, 3.0], [1000.0, 1000.0, 0.0]])), 4))
    [[0.09   0.2447 0.6652]
     [0.5    0.5    0.    ]]
    """
    arr, ax = _as_scores(z, "z", axis)
    return _log_softmax_parts(arr, ax)[1]


def log_softmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Logarithm of the softmax, computed stably with the log-sum-exp trick.

    Taking ``np.log(softmax(z))`` loses everything below the smallest
    positive float ($\log 0 = -\infty$); computing the log directly from the
    shifted scores stays finite and exact.

    $$
    \log \operatorname{softmax}(z)_i = (z_i - M) - \log \sum_{j=1}^{C} e^{z_j - M},
    \qquad M = \max_k z_k
    $$

    Parameters
    ----------
    z : array_like, 1-D to 3-D
        Scores (logits), finite.
    axis : int, default -1
        The class axis, in $[-\text{ndim}, \text{ndim} - 1]$.

    Returns
    -------
    ndarray
        Same shape and float dtype as ``z``, entries $\le 0$.

    Raises
    ------
    TypeError
        If ``z`` is not numeric or ``axis`` is not an integer.
    ValueError
        If ``z`` is not 1-D to 3-D, empty or not finite, or ``axis`` is out of
        range.

    Notes
    -----
    Same as ``F.log_softmax(z, dim=axis)``. Feed it to
    [`nll`][dlref.losses.nll], or use
    [`softmax_cross_entropy`][dlref.losses.softmax_cross_entropy], which
    fuses both and returns the gradient.

    References
    ----------
    P. Blanchard, D. J. Higham, N. J. Higham, "Accurately computing the
    log-sum-exp and softmax functions", IMA Journal of Numerical Analysis 41,
    2021. https://doi.org/10.1093/imanum/draa038

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import log_softmax
    >>> print(np.round(log_softmax(np.array([0.0, 1000.0])), 4))   # log(softmax) gives -inf
    [-1000.     0.]
    >>> print(np.round(log_softmax(np.array([1.0, 2.0, 3.0])), 4))
    [-2.4076 -1.4076 -0.4076]
    """
    arr, ax = _as_scores(z, "z", axis)
    return _log_softmax_parts(arr, ax)[0]


def hardmax(z: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Hardmax: one-hot encoding of the largest score along ``axis``.

    The "hard" counterpart of softmax: 1 at the arg-max, 0 elsewhere. It is
    what a classifier predicts, but it has zero gradient almost everywhere,
    so training uses the softmax.

    $$
    \operatorname{hardmax}(z)_i =
    \begin{cases} 1 & i = \min \arg\max_k z_k \\ 0 & \text{otherwise} \end{cases}
    $$

    Parameters
    ----------
    z : array_like, 1-D to 3-D
        Scores, finite.
    axis : int, default -1
        The class axis, in $[-\text{ndim}, \text{ndim} - 1]$.

    Returns
    -------
    ndarray
        Same shape and float dtype as ``z``, exactly one 1 per slice along
        ``axis``.

    Raises
    ------
    TypeError
        If ``z`` is not numeric or ``axis`` is not an integer.
    ValueError
        If ``z`` is not 1-D to 3-D, empty or not finite, or ``axis`` is out of
        range.

    Notes
    -----
    Ties go to the first (lowest) index, as ``np.argmax``, so the output is
    always one-hot. PyTorch: ``F.one_hot(z.argmax(dim=-1), C)`` (its
    ``argmax`` also returns the first maximal index), cast back to float.

    References
    ----------
    A. Ng, "Improving Deep Neural Networks", Coursera (deeplearning.ai),
    week 3, "Softmax regression".
    https://www.coursera.org/learn/deep-neural-network

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import hardmax
    >>> print(hardmax(np.array([[5.0, 2.0, -1.0], [3.0, 7.0, 7.0]])))   # tie -> first
    [[1. 0. 0.]
     [0. 1. 0.]]
    """
    arr, ax = _as_scores(z, "z", axis)
    out = np.zeros_like(arr)
    idx = np.expand_dims(np.argmax(arr, axis=ax), ax)
    np.put_along_axis(out, idx, 1, axis=ax)
    return out


# -------------------------------------------------------------------- NLL / CE


def nll(log_probs: ArrayLike, labels: ArrayLike) -> np.floating[Any]:
    r"""Negative log-likelihood of the true classes, averaged over examples.

    Picks, in each row, the log-probability the model gave to the correct
    class, and averages its negative: maximising the likelihood of the data
    is minimising this.

    $$
    L = -\frac{1}{m} \sum_{i=1}^{m} \log p_{i, y_i}
    $$

    Parameters
    ----------
    log_probs : array_like, shape (m, C)
        Natural-log probabilities, e.g. from
        [`log_softmax`][dlref.losses.log_softmax]; finite and $\le 0$.
    labels : array_like of int, shape (m,)
        Class indices in $[0, C)$.

    Returns
    -------
    numpy.floating
        The loss, a NumPy scalar of ``log_probs``'s dtype.

    Raises
    ------
    TypeError
        If ``log_probs`` is not numeric or ``labels`` are not integers.
    ValueError
        If ``log_probs`` is not 2-D, has a positive entry (it is then not a
        log-probability: pass logits to
        [`softmax_cross_entropy`][dlref.losses.softmax_cross_entropy]
        instead), is empty or not finite; if ``labels`` is not of length
        ``m`` or a label is outside $[0, C)$.

    Notes
    -----
    Slip in the notes: they write $e = -\log_2 o_y$. The loss used in
    practice, and by PyTorch, takes the *natural* log; base 2 only rescales
    it by $1/\ln 2$ (bits instead of nats) and would change the gradient by
    that factor. Same as ``F.nll_loss(log_probs, labels)`` (mean reduction).

    References
    ----------
    I. Goodfellow, Y. Bengio, A. Courville, "Deep Learning", MIT Press, 2016,
    Section 6.2.1.1. https://www.deeplearningbook.org/contents/mlp.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import nll
    >>> log_probs = np.log(np.array([[0.7, 0.2, 0.1], [0.25, 0.25, 0.5]]))
    >>> print(round(float(nll(log_probs, [0, 2])), 4))     # -(ln 0.7 + ln 0.5) / 2
    0.5249
    """
    lp = as_float_array(log_probs, "log_probs", ndim=2)
    check_array_in_range(lp, "log_probs", None, 0.0)
    m, c = lp.shape
    lab = as_label_array(labels, "labels", num_classes=c, classes_from="the columns of log_probs")
    check_axis_size(lab, "labels", 0, m, what="labels (one per row of log_probs)")
    return -np.sum(lp[np.arange(m), lab]) / m


def softmax_cross_entropy(
    logits: ArrayLike, labels: ArrayLike
) -> tuple[np.floating[Any], np.ndarray]:
    r"""Softmax + cross-entropy from logits, and the gradient $(\hat y - y)/m$.

    Fuses [`log_softmax`][dlref.losses.log_softmax] and the cross-entropy so
    that no probability is ever rounded to 0 before its log is taken. The
    gradient with respect to the logits collapses to the difference between
    the predicted distribution and the target.

    $$
    L = -\frac{1}{m} \sum_{i=1}^{m} \sum_{c=1}^{C} Y_{ic} \log \operatorname{softmax}(z_i)_c,
    \qquad
    \frac{\partial L}{\partial z} = \frac{1}{m}\bigl(\operatorname{softmax}(z) - Y\bigr)
    $$

    Parameters
    ----------
    logits : array_like, shape (m, C)
        Scores $z$, finite.
    labels : array_like
        Either integer class indices of shape ``(m,)`` in $[0, C)$ (then $Y$
        is their one-hot encoding), or targets of shape ``(m, C)``: one-hot
        rows or probability rows (entries in $[0, 1]$, each row summing to 1).

    Returns
    -------
    loss : numpy.floating
        A NumPy scalar of ``logits``' dtype.
    dlogits : ndarray, shape (m, C)
        $\partial L/\partial z$, same dtype as ``logits``.

    Raises
    ------
    TypeError
        If ``logits`` is not numeric or 1-D ``labels`` are not integers.
    ValueError
        If ``logits`` is not 2-D, empty or not finite; if 1-D ``labels`` are
        not of length ``m`` or outside $[0, C)$; if 2-D ``labels`` do not have
        the shape of ``logits``, lie outside $[0, 1]$ or have a row not
        summing to 1.

    Notes
    -----
    The course's backprop rule $dz^{[L]} = \hat y - y$ is per example; with
    the loss averaged over $m$ examples it carries $1/m$. The target is built
    in the logits' dtype (integer labels are never expanded to a one-hot
    matrix), so float32 stays float32. PyTorch: ``F.cross_entropy(logits,
    labels)`` for both integer and probability targets (mean over the $m$
    rows, as here). The row-sum condition is what makes the gradient
    $\hat y - y$; PyTorch accepts any non-negative targets.

    References
    ----------
    J. S. Bridle, "Probabilistic Interpretation of Feedforward Classification
    Network Outputs, with Relationships to Statistical Pattern Recognition",
    Neurocomputing, NATO ASI Series F68, Springer, 1990.
    https://doi.org/10.1007/978-3-642-76153-9_28

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import softmax_cross_entropy
    >>> z = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.0]])
    >>> loss, dz = softmax_cross_entropy(z, [0, 2])
    >>> print(round(float(loss), 4))
    1.5569
    >>> print(np.round(dz, 4))       # (softmax - one_hot) / 2; rows sum to 0
    [[-0.1705  0.1212  0.0493]
     [ 0.0556  0.4107 -0.4663]]
    """
    z = as_float_array(logits, "logits", ndim=2)
    m, c = z.shape
    try:
        is_index = np.ndim(labels) == 1
    except ValueError:  # ragged nested lists: as_float_array reports them below
        is_index = False
    if is_index:
        lab = as_label_array(labels, "labels", num_classes=c, classes_from="the columns of logits")
        check_axis_size(lab, "labels", 0, m, what="labels (one per row of logits)")
        return _softmax_cross_entropy_labels(z, lab)
    y = as_float_array(labels, "labels", ndim=(1, 2))
    check_same_shape(z, "logits", y, "labels")
    check_array_in_range(y, "labels", 0.0, 1.0)
    check_rows_sum_to_one(y, "labels")
    y = y.astype(z.dtype, copy=False)
    logp, p = _log_softmax_parts(z, -1)
    loss = -np.sum(y * logp) / m
    return loss, (p - y) / m


def _softmax_cross_entropy_labels(
    z: np.ndarray, labels: np.ndarray
) -> tuple[np.floating[Any], np.ndarray]:
    r"""Kernel of softmax_cross_entropy for integer labels, without checks.

    ``z`` is a finite float32/float64 ``(m, C)`` array, ``labels`` an int
    ``(m,)`` array in ``[0, C)``. The loss needs $\log\operatorname{softmax}$
    only at the $m$ label entries, so the full log-softmax matrix is never
    formed, and no one-hot matrix is built.
    """
    m = z.shape[0]
    rows = np.arange(m)
    shifted = z - np.max(z, axis=1, keepdims=True)
    picked = shifted[rows, labels]  # the m entries the loss needs
    e = np.exp(shifted, out=shifted)  # in (0, 1], the max of each row is exactly 1
    s = np.sum(e, axis=1)  # in [1, C]
    # -log softmax(z)_{i, y_i} = log s_i - shifted_{i, y_i}
    loss = np.sum(np.log(s) - picked) / m
    dz = e
    dz /= (m * s)[:, None]  # softmax(z) / m, in place
    dz[rows, labels] -= 1.0 / m  # (softmax(z) - one_hot) / m
    return loss, dz
