r"""Regularisation: weight penalties, inverted dropout, early stopping, augmentation.

Each technique trades a little training-set fit for a smaller gap between the
training and dev errors (less variance). The penalties follow the course's
scaling, $\frac{\lambda}{2m}$ on the sum over layers, and penalise weight
matrices only, never biases; the Notes of each function map $\lambda$ to the
``weight_decay`` or ``alpha`` of other libraries.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from dlref._checks import (
    as_float_array,
    as_rng,
    check_binary,
    check_flag,
    check_in_range,
    check_int,
    check_same_shape,
    scalar_if_0d,
)

__all__ = [
    "EarlyStopping",
    "dropout_backward",
    "dropout_forward",
    "flip_horizontal",
    "l1_grad",
    "l1_penalty",
    "l2_grad",
    "l2_penalty",
    "random_shift",
]


def _weights(weights: Any) -> list[np.ndarray]:
    """An iterable of weight arrays (or one array) as a list of checked arrays."""
    if isinstance(weights, np.ndarray):
        return [as_float_array(weights, "weights")]
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Iterable):
        raise TypeError(
            f"weights must be an iterable of weight arrays, got {type(weights).__name__}"
        )
    return [as_float_array(w, f"weights[{i}]") for i, w in enumerate(weights)]


def _lambda_over_m(lambd: Any, m: Any) -> float:
    return check_in_range(lambd, "lambd", 0.0, None) / check_int(m, "m", 1)


def l2_penalty(weights: Any, lambd: float, m: int) -> float:
    r"""L2 penalty $\frac{\lambda}{2m}\sum_l \lVert W^{[l]} \rVert_F^2$ added to the cost.

    Large weights make a network's function vary quickly; penalising their
    squared size pulls them towards 0 and smooths the function. The penalty is
    added to the average data loss over the $m$ training examples (or the
    mini-batch).

    $$
    J_\text{reg} = \frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{[l]} \rVert_F^2,
    \qquad \lVert W \rVert_F^2 = \sum_{i}\sum_{j} W_{ij}^2
    $$

    Parameters
    ----------
    weights : iterable of array_like, or ndarray
        The weight matrices $W^{[l]}$ (any shapes, finite). Pass the weights
        only: biases are not penalised. An empty iterable gives 0.
    lambd : float
        $\lambda \ge 0$ (``lambda`` is a Python keyword).
    m : int
        $m \ge 1$, the number of examples the data loss is averaged over.

    Returns
    -------
    float
        The penalty, accumulated in float64.

    Raises
    ------
    ValueError
        If ``lambd < 0``, ``m < 1``, or a weight array is empty or not finite.
    TypeError
        If ``weights`` is not an iterable of arrays, or ``m`` is not an integer.

    Notes
    -----
    The Coursera notes write $\frac{\lambda}{2m}\lVert w^{[l]}\rVert_2$ without
    the square; the sum next to it is the *squared* Frobenius norm, which is
    what is meant (and what gives the gradient $\frac{\lambda}{m}W$). Biases
    are left out: there are few of them and they do not make the function
    steeper. Other scalings of the same idea: scikit-learn's ``MLPClassifier``
    uses exactly this one with $\alpha = \lambda$; Keras's ``L2(l2)`` adds
    $l_2 \sum W^2$ (no $\frac12$, no $\frac1m$), i.e. $l_2 = \lambda/(2m)$;
    PyTorch's ``weight_decay=wd`` adds $wd\,W$ to the gradient, i.e.
    $wd = \lambda/m$ (and it decays biases too unless excluded).

    References
    ----------
    A. Krogh, J. A. Hertz, "A simple weight decay can improve
    generalization", *NeurIPS* 4, 1991.
    https://proceedings.neurips.cc/paper/1991/hash/8eefcfdf5990e441f0fb6f3fad709e21-Abstract.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import l2_penalty
    >>> W1 = np.array([[1.0, 2.0], [0.0, -2.0]])   # squared norm 9
    >>> W2 = np.array([[3.0]])                      # squared norm 9
    >>> print(l2_penalty([W1, W2], lambd=0.5, m=3))  # 0.5 / 6 * 18
    1.5
    """
    arrays = _weights(weights)
    scale = _lambda_over_m(lambd, m) / 2.0
    return scale * math.fsum(float(np.sum(np.square(w, dtype=np.float64))) for w in arrays)


def l2_grad(W: Any, lambd: float, m: int) -> np.ndarray:
    r"""Gradient of the L2 penalty with respect to one weight matrix: $\frac{\lambda}{m} W$.

    Added to the data-loss gradient of each weight matrix. A gradient step
    then reads $W := (1 - \alpha\frac{\lambda}{m})W - \alpha\, dW_\text{data}$:
    the weights shrink by a constant factor each step, hence the name *weight
    decay*.

    $$
    \frac{\partial}{\partial W^{[l]}} \frac{\lambda}{2m}
    \sum_k \lVert W^{[k]} \rVert_F^2 = \frac{\lambda}{m} W^{[l]}
    $$

    Parameters
    ----------
    W : array_like
        One weight matrix (any shape), finite.
    lambd : float
        $\lambda \ge 0$.
    m : int
        $m \ge 1$.

    Returns
    -------
    ndarray
        Same shape and dtype (float32 or float64) as ``W``; a new array.

    Raises
    ------
    ValueError
        If ``lambd < 0``, ``m < 1``, or ``W`` is empty or not finite.
    TypeError
        If ``W`` is not an array of numbers or ``m`` is not an integer.

    Notes
    -----
    See [`l2_penalty`][dlref.regularization.l2_penalty] for the mapping to
    PyTorch's ``weight_decay`` ($wd = \lambda / m$). With adaptive optimisers
    (Adam) an L2 gradient and a decoupled weight decay (AdamW) differ.

    References
    ----------
    I. Loshchilov, F. Hutter, "Decoupled Weight Decay Regularization",
    *ICLR* 2019. https://arxiv.org/abs/1711.05101

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import l2_grad
    >>> print(l2_grad(np.array([[1.0, -2.0]]), lambd=0.5, m=2))   # 0.25 W
    [[ 0.25 -0.5 ]]
    """
    return _l2_grad(as_float_array(W, "W"), _lambda_over_m(lambd, m))


def _l2_grad(W: np.ndarray, lambd_over_m: float) -> np.ndarray:
    """Kernel of l2_grad, without checks: (lambda / m) * W in the dtype of W."""
    return lambd_over_m * W


def l1_penalty(weights: Any, lambd: float, m: int) -> float:
    r"""L1 penalty $\frac{\lambda}{2m}\sum_l \lVert W^{[l]} \rVert_1$ added to the cost.

    The absolute value pulls every weight towards 0 with the same force,
    whatever its size, so many weights end exactly at 0: L1 gives sparse
    weights (and, as the notes say, compresses the model), while L2 only
    makes them small.

    $$
    J_\text{reg} = \frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{[l]} \rVert_1,
    \qquad \lVert W \rVert_1 = \sum_{i}\sum_{j} \lvert W_{ij} \rvert
    $$

    Parameters
    ----------
    weights : iterable of array_like, or ndarray
        The weight matrices (biases are not penalised). Empty iterable: 0.
    lambd : float
        $\lambda \ge 0$.
    m : int
        $m \ge 1$.

    Returns
    -------
    float
        The penalty, accumulated in float64.

    Raises
    ------
    ValueError
        If ``lambd < 0``, ``m < 1``, or a weight array is empty or not finite.
    TypeError
        If ``weights`` is not an iterable of arrays, or ``m`` is not an integer.

    Notes
    -----
    The $\frac{\lambda}{2m}$ factor is the notes' (carried over from L2,
    where the $\frac12$ cancels the 2 of the derivative; here it does not).
    Elsewhere: Keras's ``L1(l1)`` adds $l_1 \sum \lvert W \rvert$, so
    $l_1 = \lambda / (2m)$; scikit-learn's ``Lasso`` and an L1 term written by
    hand in PyTorch use $\alpha \lVert w \rVert_1$ with no $m$ (the data term
    is already an average).

    References
    ----------
    R. Tibshirani, "Regression Shrinkage and Selection via the Lasso",
    *Journal of the Royal Statistical Society B*, 58(1), 267-288, 1996.
    https://doi.org/10.1111/j.2517-6161.1996.tb02080.x

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import l1_penalty
    >>> W = np.array([[1.0, -2.0], [0.0, 3.0]])     # L1 norm 6
    >>> print(l1_penalty([W], lambd=1.0, m=2))       # 1 / 4 * 6
    1.5
    """
    arrays = _weights(weights)
    scale = _lambda_over_m(lambd, m) / 2.0
    return scale * math.fsum(float(np.sum(np.abs(w), dtype=np.float64)) for w in arrays)


def l1_grad(W: Any, lambd: float, m: int) -> np.ndarray:
    r"""(Sub)gradient of the L1 penalty: $\frac{\lambda}{2m}\operatorname{sign}(W)$.

    $\lvert w \rvert$ has no derivative at 0; any value in
    $[-\frac{\lambda}{2m}, \frac{\lambda}{2m}]$ is a subgradient there, and
    0 is used, as ``numpy.sign`` and PyTorch's autograd of ``abs`` do.

    $$
    \frac{\partial}{\partial W_{ij}} \frac{\lambda}{2m}\lVert W \rVert_1
    = \frac{\lambda}{2m} \operatorname{sign}(W_{ij})
    $$

    Parameters
    ----------
    W : array_like
        One weight matrix (any shape), finite.
    lambd : float
        $\lambda \ge 0$.
    m : int
        $m \ge 1$.

    Returns
    -------
    ndarray
        Same shape and dtype (float32 or float64) as ``W``; a new array.

    Raises
    ------
    ValueError
        If ``lambd < 0``, ``m < 1``, or ``W`` is empty or not finite.
    TypeError
        If ``W`` is not an array of numbers or ``m`` is not an integer.

    Notes
    -----
    A plain gradient step with this subgradient makes weights oscillate around
    0 rather than land on it; proximal methods (soft thresholding) produce the
    exact zeros. The scaling follows [`l1_penalty`][dlref.regularization.l1_penalty].

    References
    ----------
    R. Tibshirani, "Regression Shrinkage and Selection via the Lasso",
    *Journal of the Royal Statistical Society B*, 58(1), 267-288, 1996.
    https://doi.org/10.1111/j.2517-6161.1996.tb02080.x

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import l1_grad
    >>> print(l1_grad(np.array([[0.3, -2.0, 0.0]]), lambd=1.0, m=2))
    [[ 0.25 -0.25  0.  ]]
    """
    arr = as_float_array(W, "W")
    return (_lambda_over_m(lambd, m) / 2.0) * np.sign(arr)


def dropout_forward(
    x: Any,
    keep_prob: float,
    *,
    rng: np.random.Generator | int | None = None,
    train: bool = True,
) -> tuple[np.ndarray, np.ndarray | None]:
    r"""Inverted dropout: zero each unit with probability $1 - p$, scale the rest by $1/p$.

    At training time every activation is kept with probability $p$
    (``keep_prob``) and zeroed otherwise, independently, so each mini-batch
    trains a different thinned network and no unit can rely on a particular
    other one. Dividing the kept values by $p$ keeps the expected activation
    unchanged, so nothing needs rescaling at test time, where dropout is off.

    $$
    d_{ij} \sim \text{Bernoulli}(p), \qquad
    \text{out} = \frac{x \odot d}{p}, \qquad
    \mathbb E[\text{out}_{ij}] = x_{ij}
    $$

    Parameters
    ----------
    x : array_like
        Activations, any shape, finite.
    keep_prob : float
        $p \in (0, 1]$; 1 keeps everything.
    rng : numpy.random.Generator, int or None
        Source of the mask (unused when ``train=False``).
    train : bool, default True
        ``False`` (evaluation) returns a copy of ``x`` and no mask.

    Returns
    -------
    out : ndarray
        Same shape and dtype (float32 or float64) as ``x``; always a new array,
        never ``x`` itself, even when ``train=False``.
    mask : ndarray or None
        The 0/1 mask $d$ in ``x``'s dtype (unscaled), for
        [`dropout_backward`][dlref.regularization.dropout_backward]; ``None``
        when ``train=False``.

    Raises
    ------
    ValueError
        If ``keep_prob`` is not in $(0, 1]$ or ``x`` is empty or not finite.
    TypeError
        If ``x`` is not an array of numbers (or is float16), or ``train`` is
        not a bool.

    Notes
    -----
    The mask is ``rng.random(x.shape) < keep_prob``. The course and this
    package use the keep probability $p$; PyTorch (``nn.Dropout(p)``,
    ``F.dropout``) and Keras (``Dropout(rate)``) take the *drop*
    probability, $1 - p$. Both scale the kept values by $1/p$ at training time
    and are the identity at evaluation time, as here. The original paper
    scaled the weights by $p$ at test time instead; inverted dropout moves the
    scaling to training time.

    References
    ----------
    N. Srivastava, G. Hinton, A. Krizhevsky, I. Sutskever, R. Salakhutdinov,
    "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
    *JMLR* 15, 1929-1958, 2014. https://jmlr.org/papers/v15/srivastava14a.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import dropout_forward
    >>> out, mask = dropout_forward(np.ones((2, 4)), keep_prob=0.8, rng=0)
    >>> print(out)          # kept entries become 1 / 0.8
    [[1.25 1.25 1.25 1.25]
     [0.   0.   1.25 1.25]]
    >>> print(mask)
    [[1. 1. 1. 1.]
     [0. 0. 1. 1.]]
    >>> print(dropout_forward(np.ones(3), 0.5, train=False))
    (array([1., 1., 1.]), None)
    """
    arr = as_float_array(x, "x")
    p = check_in_range(keep_prob, "keep_prob", 0.0, 1.0, low_inclusive=False)
    gen = as_rng(rng)  # checked even when unused (train=False)
    if not check_flag(train, "train"):
        return scalar_if_0d(arr.copy()), None
    out, mask = _dropout_forward(arr, p, gen)
    return scalar_if_0d(out), scalar_if_0d(mask)


def _dropout_forward(
    x: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Kernel of dropout_forward in training mode, without checks."""
    mask = (rng.random(x.shape) < keep_prob).astype(x.dtype)
    out = x * mask
    out /= keep_prob
    return out, mask


def dropout_backward(dout: Any, mask: Any, keep_prob: float) -> np.ndarray:
    r"""Backward pass of inverted dropout: the same mask and scale applied to the gradient.

    The forward pass is linear in $x$ with a fixed mask, so the gradient goes
    through exactly the units that were kept, scaled by the same $1/p$.

    $$
    \frac{\partial L}{\partial x} = \frac{1}{p}\, d \odot \frac{\partial L}{\partial\, \text{out}}
    $$

    Parameters
    ----------
    dout : array_like
        Upstream gradient, shape of the forward input, finite.
    mask : array_like or None
        The 0/1 mask returned by
        [`dropout_forward`][dlref.regularization.dropout_forward] (a boolean
        mask is accepted), same shape as ``dout``; ``None`` (evaluation mode)
        returns a copy of ``dout``.
    keep_prob : float
        $p \in (0, 1]$, the value used in the forward pass.

    Returns
    -------
    ndarray
        Gradient with respect to ``x``, same shape and dtype as ``dout``.

    Raises
    ------
    ValueError
        If ``keep_prob`` is not in $(0, 1]$, the shapes differ, ``mask`` holds
        a value other than 0 and 1, or an array is empty or not finite.
    TypeError
        If an array is not numeric.

    References
    ----------
    N. Srivastava et al., "Dropout: A Simple Way to Prevent Neural Networks
    from Overfitting", *JMLR* 15, 2014. https://jmlr.org/papers/v15/srivastava14a.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import dropout_backward
    >>> mask = np.array([1.0, 0.0, 1.0])
    >>> print(dropout_backward(np.array([1.0, 2.0, 3.0]), mask, keep_prob=0.5))
    [2. 0. 6.]
    """
    grad = as_float_array(dout, "dout")
    p = check_in_range(keep_prob, "keep_prob", 0.0, 1.0, low_inclusive=False)
    if mask is None:
        return scalar_if_0d(grad.copy())
    mask_arr = np.asarray(mask)
    if mask_arr.dtype == bool:
        mask_arr = mask_arr.astype(grad.dtype)
    d = as_float_array(mask_arr, "mask")
    check_same_shape(grad, "dout", d, "mask")
    check_binary(d, "mask")
    return scalar_if_0d(_dropout_backward(grad, d.astype(grad.dtype, copy=False), p))


def _dropout_backward(dout: np.ndarray, mask: np.ndarray, keep_prob: float) -> np.ndarray:
    """Kernel of dropout_backward, without checks (``mask`` 0/1 in ``dout``'s dtype)."""
    dx = dout * mask
    dx /= keep_prob
    return dx


class EarlyStopping:
    r"""Stop training when the dev loss has stopped improving.

    Call ``update`` once per epoch with the loss on the dev set. It returns
    ``True`` once ``patience`` consecutive updates have failed to improve on
    the best loss so far by more than ``min_delta``; keep the parameters saved
    at ``best_epoch``. Stopping early keeps the weights small (closer to their
    small initial values), so it acts like a penalty on their size.

    $$
    \text{improved}_t \iff L_t < L_\text{best} - \delta, \qquad
    \text{stop}_t \iff \text{no improvement at } t-k+1, \dots, t
    $$

    with $k$ = ``patience`` and $\delta$ = ``min_delta``.

    Parameters
    ----------
    patience : int, default 5
        $k \ge 1$, the number of updates without improvement to wait.
    min_delta : float, default 0.0
        $\delta \ge 0$; a loss must be lower than the best by more than this
        to count as an improvement.

    Attributes
    ----------
    best_value : float
        The dev loss of the best epoch: the last loss that counted as an
        improvement (``inf`` before the first update). With ``min_delta = 0``
        it is the lowest loss seen; with ``min_delta > 0`` a later loss that
        is lower by no more than ``min_delta`` is not recorded, so a lower
        loss than ``best_value`` may have been seen (see the example).
    best_epoch : int
        The update (epoch) of ``best_value``, counted from 1 (0 before the
        first update).
    epoch : int
        Number of updates so far.
    wait : int
        Consecutive updates without improvement.

    Raises
    ------
    ValueError
        If ``patience < 1``, ``min_delta < 0``, or ``update`` receives a NaN
        or infinite loss.
    TypeError
        If ``patience`` is not an integer.

    Notes
    -----
    The notes say to stop "where the *test* error starts rising". It must be
    the *dev* error: choosing when to stop is model selection, and a test set
    used for it no longer gives an unbiased estimate. The improvement rule is
    that of Keras's ``EarlyStopping(monitor="val_loss", min_delta, patience)``
    and PyTorch Lightning's ``EarlyStopping``. Once ``update`` has returned
    ``True`` it keeps doing so until a new improvement resets ``wait``. Andrew
    Ng's caveat: early stopping couples two jobs, fitting the cost and not
    overfitting; L2 with a tuned $\lambda$ keeps them separate (orthogonalisation).

    References
    ----------
    L. Prechelt, "Early Stopping — But When?", in *Neural Networks: Tricks of
    the Trade*, Springer, 1998. https://doi.org/10.1007/3-540-49430-8_3

    Examples
    --------
    >>> from dlref import EarlyStopping
    >>> stopper = EarlyStopping(patience=2)
    >>> for loss in [0.9, 0.7, 0.8, 0.75, 0.6]:
    ...     if stopper.update(loss):
    ...         break
    ...
    >>> print(stopper.epoch, stopper.best_epoch, stopper.best_value)
    4 2 0.7

    With a threshold, "best" is the last real improvement, not the minimum:

    >>> from dlref import EarlyStopping
    >>> stopper = EarlyStopping(patience=3, min_delta=0.01)
    >>> for loss in [0.9, 0.6, 0.52, 0.515, 0.53, 0.512]:
    ...     stop = stopper.update(loss)
    ...
    >>> print(stop, stopper.best_epoch, stopper.best_value)   # 0.512 < 0.52, by under 0.01
    True 3 0.52
    """

    def __init__(self, patience: int = 5, min_delta: float = 0.0) -> None:
        self.patience = check_int(patience, "patience", 1)
        self.min_delta = check_in_range(min_delta, "min_delta", 0.0, None)
        self.best_value = math.inf
        self.best_epoch = 0
        self.epoch = 0
        self.wait = 0

    def update(self, dev_loss: float) -> bool:
        """Record this epoch's dev loss; return ``True`` if training should stop."""
        value = check_in_range(dev_loss, "dev_loss")
        self.epoch += 1
        if value < self.best_value - self.min_delta:
            self.best_value = value
            self.best_epoch = self.epoch
            self.wait = 0
        else:
            self.wait += 1
        return self.wait >= self.patience

    def __repr__(self) -> str:
        return (
            f"EarlyStopping(patience={self.patience}, min_delta={self.min_delta}, "
            f"best_epoch={self.best_epoch}, best_value={self.best_value})"
        )


def flip_horizontal(images: Any) -> np.ndarray:
    r"""Mirror each image left to right (data augmentation).

    A mirrored cat is still a cat: flipping adds label-preserving training
    examples for free. Column $j$ of each image becomes column $W - 1 - j$.

    $$
    \text{out}_{k, i, j} = \text{images}_{k, i, W-1-j}
    $$

    Parameters
    ----------
    images : array_like, shape (m, H, W)
        A batch of single-channel images, finite.

    Returns
    -------
    ndarray, shape (m, H, W)
        A new array in the dtype of ``images`` (float32 or float64).

    Raises
    ------
    ValueError
        If ``images`` is not 3-D, is empty or is not finite.
    TypeError
        If ``images`` is not an array of numbers.

    Notes
    -----
    Only meaningful when the label is invariant under mirroring (not for
    digits or text). torchvision's ``RandomHorizontalFlip(p)`` flips each
    image with probability ``p``; this function flips all of them.

    References
    ----------
    A. Krizhevsky, I. Sutskever, G. E. Hinton, "ImageNet Classification with
    Deep Convolutional Neural Networks", *NeurIPS* 25, 2012 (section 4.1).
    https://papers.nips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import flip_horizontal
    >>> img = np.array([[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]])   # m=1, H=2, W=3
    >>> print(flip_horizontal(img))
    [[[3. 2. 1.]
      [6. 5. 4.]]]
    """
    arr = as_float_array(images, "images", ndim=3)
    return arr[:, :, ::-1].copy()


def random_shift(
    images: Any, max_shift: int, *, rng: np.random.Generator | int | None = None
) -> np.ndarray:
    r"""Translate each image by a random integer offset, filling with zeros.

    Each image $k$ gets its own offsets $(\Delta_r, \Delta_c)$ drawn
    uniformly from $\{-s, \dots, s\}^2$ with $s$ = ``max_shift``; pixels
    shifted out of the frame are lost and the uncovered border is 0. Small
    translations leave the label unchanged, so they enlarge the training set.

    $$
    \text{out}_{k,i,j} =
    \begin{cases}
    \text{images}_{k,\, i - \Delta_r,\, j - \Delta_c} & \text{if inside the image} \\
    0 & \text{otherwise}
    \end{cases}
    $$

    Parameters
    ----------
    images : array_like, shape (m, H, W)
        A batch of single-channel images, finite.
    max_shift : int
        $s \ge 0$; 0 returns a copy. Offsets of $H$ or $W$ and more give
        blank images.
    rng : numpy.random.Generator, int or None
        Source of the offsets.

    Returns
    -------
    ndarray, shape (m, H, W)
        A new array in the dtype of ``images`` (float32 or float64).

    Raises
    ------
    ValueError
        If ``images`` is not 3-D, is empty or not finite, or ``max_shift < 0``.
    TypeError
        If ``max_shift`` is not an integer.

    Notes
    -----
    A positive $\Delta_r$ moves the content down, a positive $\Delta_c$ to
    the right. The offsets are ``rng.integers(-s, s + 1, size=(m, 2))``
    (row offset, column offset). torchvision's ``RandomCrop(size, padding=s)``
    on a zero-padded image gives the same distribution of translations.

    References
    ----------
    P. Y. Simard, D. Steinkraus, J. C. Platt, "Best Practices for
    Convolutional Neural Networks Applied to Visual Document Analysis",
    *ICDAR* 2003. https://doi.org/10.1109/ICDAR.2003.1227801

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import random_shift
    >>> img = np.arange(1.0, 10.0).reshape(1, 3, 3)
    >>> print(img[0])
    [[1. 2. 3.]
     [4. 5. 6.]
     [7. 8. 9.]]
    >>> print(random_shift(img, 1, rng=3)[0])   # this draw: down 1, left 1
    [[0. 0. 0.]
     [2. 3. 0.]
     [5. 6. 0.]]
    """
    arr = as_float_array(images, "images", ndim=3)
    s = check_int(max_shift, "max_shift", 0)
    m, H, W = arr.shape
    shifts = as_rng(rng).integers(-s, s + 1, size=(m, 2))
    rows = np.arange(H)[None, :] - shifts[:, :1]  # (m, H): source row of each output row
    cols = np.arange(W)[None, :] - shifts[:, 1:]  # (m, W)
    inside = ((rows >= 0) & (rows < H))[:, :, None] & ((cols >= 0) & (cols < W))[:, None, :]
    src = arr[
        np.arange(m)[:, None, None],
        np.clip(rows, 0, H - 1)[:, :, None],
        np.clip(cols, 0, W - 1)[:, None, :],
    ]
    return np.where(inside, src, np.zeros((), dtype=arr.dtype))
