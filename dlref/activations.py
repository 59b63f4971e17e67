r"""Activation functions and their derivatives: sigmoid, tanh, the ReLU family, maxout.

Every element-wise activation ``f`` comes with ``f_grad``, the derivative
$f'(x)$ evaluated at the input, so a backward pass is ``dx = dout * f_grad(x)``.
The two activations with parameters of their own are forward/backward pairs:
PReLU (a learnable negative slope $\alpha$) and maxout ($k$ affine pieces).

At the kink $x = 0$ the derivative is not defined; these functions return
PyTorch's choice (0 for ReLU, $\alpha$ for leaky ReLU, ELU and PReLU), so a
gradient computed here equals PyTorch's autograd everywhere.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from dlref._checks import (
    as_float_array,
    check_axis_size,
    check_cache,
    check_in_range,
    check_same_shape,
    scalar_if_0d,
)

__all__ = [
    "elu",
    "elu_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "maxout_backward",
    "maxout_forward",
    "prelu_backward",
    "prelu_forward",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "tanh",
    "tanh_grad",
]


# --------------------------------------------------------------------- sigmoid


def sigmoid(x: ArrayLike) -> np.ndarray:
    r"""Logistic sigmoid, computed without overflow.

    Squashes any real number into $(0, 1)$, which reads as a probability or a
    "firing rate". The naive $1/(1 + e^{-x})$ overflows in $e^{-x}$ for
    $x \ll 0$; evaluating $e^{-|x|} \le 1$ instead and picking the branch by
    the sign of $x$ never overflows.

    $$
    \sigma(x) = \frac{1}{1 + e^{-x}} =
    \begin{cases}
    \dfrac{1}{1 + e^{-|x|}} & x \ge 0 \\[1ex]
    \dfrac{e^{-|x|}}{1 + e^{-|x|}} & x < 0
    \end{cases}
    $$

    Parameters
    ----------
    x : array_like
        Any shape, finite, not empty.

    Returns
    -------
    ndarray
        $\sigma(x)$, same shape as ``x``, in $[0, 1]$: it rounds to exactly 1
        for $x \gtrsim 37$ and to exactly 0 for $x \lesssim -745$ (float64).
        float32 stays float32; other dtypes give float64.

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` is empty or holds NaN/inf.

    Notes
    -----
    CS231n lists three drawbacks: saturated units ($|x|$ large) have
    $\sigma'(x) \approx 0$ and kill the gradient; the output is not
    zero-centred (always positive), so the gradients on the weights of the
    next layer all share one sign per example and the updates zig-zag; and
    ``exp`` is comparatively expensive. Hidden layers use ReLU-like units
    today; the sigmoid remains the output of binary classifiers, where it is
    best fused with the loss (see
    [`binary_cross_entropy_with_logits`][dlref.losses.binary_cross_entropy_with_logits]).
    Same as ``torch.sigmoid``.

    References
    ----------
    D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations by
    back-propagating errors", Nature 323, 1986. https://doi.org/10.1038/323533a0

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import sigmoid
    >>> x = np.array([-1000.0, -1.0, 0.0, 2.0, 1000.0])
    >>> print(np.round(sigmoid(x), 4))       # no overflow warning at -1000
    [0.     0.2689 0.5    0.8808 1.    ]
    """
    return scalar_if_0d(_sigmoid(as_float_array(x, "x")))


def _sigmoid(x: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(x))  # in (0, 1]: never overflows
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x: ArrayLike) -> np.ndarray:
    r"""Derivative of the sigmoid with respect to its input.

    The derivative is largest at 0 (where it is $1/4$) and vanishes in both
    tails, which is the "saturation kills the gradient" problem. It is
    evaluated as $\sigma(x)\,\sigma(-x) = e^{-|x|}/(1 + e^{-|x|})^2$, which
    keeps full relative precision in the tails where $1 - \sigma(x)$ would
    round to 0.

    $$
    \sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)
    = \frac{e^{-|x|}}{\left(1 + e^{-|x|}\right)^2}
    $$

    Parameters
    ----------
    x : array_like
        The input of the sigmoid (not its output), any shape, finite.

    Returns
    -------
    ndarray
        $\sigma'(x)$, same shape as ``x``, in $[0, 1/4]$.

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` is empty or holds NaN/inf.

    Notes
    -----
    Many courses write the derivative in terms of the output,
    $a(1 - a)$ with $a = \sigma(x)$; this function takes $x$, like every
    ``*_grad`` here.

    References
    ----------
    D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations by
    back-propagating errors", Nature 323, 1986. https://doi.org/10.1038/323533a0

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import sigmoid_grad
    >>> print(np.round(sigmoid_grad(np.array([-1000.0, 0.0, 1.0, 2.0])), 4))
    [0.     0.25   0.1966 0.105 ]
    """
    return scalar_if_0d(_sigmoid_grad(as_float_array(x, "x")))


def _sigmoid_grad(x: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(x))
    # near x = 0 rounding can land one ulp above the exact maximum 1/4
    return np.minimum(e / ((1 + e) * (1 + e)), 0.25)


# ------------------------------------------------------------------------ tanh


def tanh(x: ArrayLike) -> np.ndarray:
    r"""Hyperbolic tangent.

    A rescaled sigmoid, $\tanh(x) = 2\sigma(2x) - 1$, with range $(-1, 1)$:
    zero-centred, but it saturates in both tails just like the sigmoid.

    $$
    \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}
    $$

    Parameters
    ----------
    x : array_like
        Any shape, finite, not empty.

    Returns
    -------
    ndarray
        $\tanh(x)$, same shape as ``x``, in $[-1, 1]$.

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` is empty or holds NaN/inf.

    Notes
    -----
    Zero-centred outputs make it preferable to the sigmoid in hidden layers
    (LeCun et al.), but ReLU-like units avoid the saturation altogether.
    Same as ``torch.tanh`` (``np.tanh`` does not overflow).

    References
    ----------
    Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", in
    Neural Networks: Tricks of the Trade, Springer, 1998.
    http://yann.lecun.com/exdb/publis/pdf/lecun-98b.pdf

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import tanh
    >>> print(np.round(tanh(np.array([-1000.0, -1.0, 0.0, 0.5])), 4))
    [-1.     -0.7616  0.      0.4621]
    """
    return scalar_if_0d(_tanh(as_float_array(x, "x")))


def _tanh(x: np.ndarray) -> np.ndarray:
    return np.tanh(x)


def tanh_grad(x: ArrayLike) -> np.ndarray:
    r"""Derivative of tanh with respect to its input.

    Equal to 1 at the origin and vanishing in both tails.

    $$
    \tanh'(x) = 1 - \tanh^2(x)
    $$

    Parameters
    ----------
    x : array_like
        The input of tanh, any shape, finite, not empty.

    Returns
    -------
    ndarray
        $1 - \tanh^2(x)$, same shape as ``x``, in $[0, 1]$.

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` is empty or holds NaN/inf.

    Notes
    -----
    Takes the input $x$, not the output $a = \tanh(x)$ (courses often write
    $1 - a^2$).

    References
    ----------
    Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", in
    Neural Networks: Tricks of the Trade, Springer, 1998.
    http://yann.lecun.com/exdb/publis/pdf/lecun-98b.pdf

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import tanh_grad
    >>> print(np.round(tanh_grad(np.array([-2.0, 0.0, 0.5])), 4))
    [0.0707 1.     0.7864]
    """
    return scalar_if_0d(_tanh_grad(as_float_array(x, "x")))


def _tanh_grad(x: np.ndarray) -> np.ndarray:
    t = np.tanh(x)
    return 1 - t * t


# ------------------------------------------------------------------------ ReLU


def relu(x: ArrayLike) -> np.ndarray:
    r"""Rectified linear unit.

    Passes positive inputs unchanged and zeroes the rest: cheap, and it does
    not saturate for $x > 0$, so deep networks train much faster than with
    sigmoid or tanh units.

    $$
    \operatorname{ReLU}(x) = \max(0, x)
    $$

    Parameters
    ----------
    x : array_like
        Any shape, finite, not empty.

    Returns
    -------
    ndarray
        $\max(0, x)$, same shape and float dtype as ``x``.

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` is empty or holds NaN/inf.

    Notes
    -----
    The output is not zero-centred, and a unit whose input is negative for
    every example receives no gradient at all ("dead ReLU"), e.g. after a bad
    initialisation or a too large learning rate (CS231n). Same as
    ``torch.relu``.

    References
    ----------
    V. Nair, G. E. Hinton, "Rectified Linear Units Improve Restricted Boltzmann
    Machines", ICML 2010. https://www.cs.toronto.edu/~hinton/absps/reluICML.pdf

    X. Glorot, A. Bordes, Y. Bengio, "Deep Sparse Rectifier Neural Networks",
    AISTATS 2011. https://proceedings.mlr.press/v15/glorot11a.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import relu
    >>> print(relu(np.array([-2.0, 0.0, 3.5])))
    [0.  0.  3.5]
    """
    return scalar_if_0d(_relu(as_float_array(x, "x")))


def _relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0)


def relu_grad(x: ArrayLike) -> np.ndarray:
    r"""Derivative of ReLU with respect to its input (0 at $x = 0$).

    A step function: 1 where the unit is active, 0 elsewhere.

    $$
    \operatorname{ReLU}'(x) =
    \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}
    $$

    Parameters
    ----------
    x : array_like
        Any shape, finite, not empty.

    Returns
    -------
    ndarray
        0/1 values, same shape and float dtype as ``x``.

    Raises
    ------
    TypeError
        If ``x`` is not numeric.
    ValueError
        If ``x`` is empty or holds NaN/inf.

    Notes
    -----
    At exactly $x = 0$ ReLU has no derivative; the value 0 (a valid
    subgradient) is PyTorch's choice, so results match ``torch.relu``
    autograd. A numerical gradient check straddling 0 disagrees with any
    choice: keep check points away from the kink.

    References
    ----------
    V. Nair, G. E. Hinton, "Rectified Linear Units Improve Restricted Boltzmann
    Machines", ICML 2010. https://www.cs.toronto.edu/~hinton/absps/reluICML.pdf

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import relu_grad
    >>> print(relu_grad(np.array([-2.0, 0.0, 3.5])))
    [0. 0. 1.]
    """
    return scalar_if_0d(_relu_grad(as_float_array(x, "x")))


def _relu_grad(x: np.ndarray) -> np.ndarray:
    return (x > 0).astype(x.dtype)


def leaky_relu(x: ArrayLike, alpha: float = 0.01) -> np.ndarray:
    r"""Leaky ReLU: a small fixed slope $\alpha$ for negative inputs.

    The negative side keeps a small gradient, so a unit cannot die the way a
    ReLU can.

    $$
    f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}
    $$

    Parameters
    ----------
    x : array_like
        Any shape, finite, not empty.
    alpha : float, default 0.01
        Slope for $x \le 0$, in $[0, \infty)$ (0 gives ReLU).

    Returns
    -------
    ndarray
        Same shape and float dtype as ``x``.

    Raises
    ------
    TypeError
        If ``x`` is not numeric or ``alpha`` is not a real number.
    ValueError
        If ``x`` is empty or not finite, or ``alpha`` is negative or not
        finite.

    Notes
    -----
    The notes (CS231n) write $f(x) = \max(0.01x, x)$; that equals the
    piecewise form only for $\alpha \le 1$, which is the case in practice.
    PyTorch: ``F.leaky_relu(x, negative_slope=alpha)`` (default 0.01, as
    here); Keras: ``LeakyReLU(negative_slope=...)`` with default 0.3.

    References
    ----------
    A. L. Maas, A. Y. Hannun, A. Y. Ng, "Rectifier Nonlinearities Improve
    Neural Network Acoustic Models", ICML Workshop on Deep Learning for Audio,
    Speech and Language Processing, 2013.
    https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import leaky_relu
    >>> print(leaky_relu(np.array([-2.0, 0.0, 3.0]), alpha=0.1))
    [-0.2  0.   3. ]
    """
    out = _leaky_relu(as_float_array(x, "x"), check_in_range(alpha, "alpha", 0.0, None))
    return scalar_if_0d(out)


def _leaky_relu(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, x, alpha * x)


def leaky_relu_grad(x: ArrayLike, alpha: float = 0.01) -> np.ndarray:
    r"""Derivative of leaky ReLU with respect to its input ($\alpha$ at $x = 0$).

    $$
    f'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}
    $$

    Parameters
    ----------
    x : array_like
        Any shape, finite, not empty.
    alpha : float, default 0.01
        Slope for $x \le 0$, in $[0, \infty)$.

    Returns
    -------
    ndarray
        Values 1 or $\alpha$, same shape and float dtype as ``x``.

    Raises
    ------
    TypeError
        If ``x`` is not numeric or ``alpha`` is not a real number.
    ValueError
        If ``x`` is empty or not finite, or ``alpha`` is negative or not
        finite.

    Notes
    -----
    At exactly $x = 0$ the value is $\alpha$, PyTorch's choice (its backward
    tests ``x > 0``).

    References
    ----------
    A. L. Maas, A. Y. Hannun, A. Y. Ng, "Rectifier Nonlinearities Improve
    Neural Network Acoustic Models", ICML Workshop on Deep Learning for Audio,
    Speech and Language Processing, 2013.
    https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import leaky_relu_grad
    >>> print(leaky_relu_grad(np.array([-2.0, 0.0, 3.0]), alpha=0.1))
    [0.1 0.1 1. ]
    """
    out = _leaky_relu_grad(as_float_array(x, "x"), check_in_range(alpha, "alpha", 0.0, None))
    return scalar_if_0d(out)


def _leaky_relu_grad(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, 1.0, alpha).astype(x.dtype, copy=False)


# ------------------------------------------------------------------------- ELU


def elu(x: ArrayLike, alpha: float = 1.0) -> np.ndarray:
    r"""Exponential linear unit.

    The identity for positive inputs and a smooth exponential that saturates
    at $-\alpha$ for negative ones, so mean activations move towards zero
    while large negative inputs still give a bounded, noise-robust output.

    $$
    \operatorname{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}
    $$

    Parameters
    ----------
    x : array_like
        Any shape, finite, not empty.
    alpha : float, default 1.0
        Saturation value for $x \to -\infty$, in $[0, \infty)$.

    Returns
    -------
    ndarray
        Same shape and float dtype as ``x``, in $(-\alpha, \infty)$.

    Raises
    ------
    TypeError
        If ``x`` is not numeric or ``alpha`` is not a real number.
    ValueError
        If ``x`` is empty or not finite, or ``alpha`` is negative or not
        finite.

    Notes
    -----
    $e^x - 1$ is evaluated with ``expm1`` on $\min(x, 0)$: accurate near 0
    and no overflow for large positive $x$. The notes call ELU
    "zero-centred like leaky ReLU"; more precisely its mean output is
    *closer* to zero (neither is exactly zero-centred). Same as
    ``F.elu(x, alpha)``.

    References
    ----------
    D.-A. Clevert, T. Unterthiner, S. Hochreiter, "Fast and Accurate Deep
    Network Learning by Exponential Linear Units (ELUs)", ICLR 2016.
    https://arxiv.org/abs/1511.07289

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import elu
    >>> print(np.round(elu(np.array([-1000.0, -1.0, 0.0, 2.0])), 4))
    [-1.     -0.6321  0.      2.    ]
    """
    out = _elu(as_float_array(x, "x"), check_in_range(alpha, "alpha", 0.0, None))
    return scalar_if_0d(out)


def _elu(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


def elu_grad(x: ArrayLike, alpha: float = 1.0) -> np.ndarray:
    r"""Derivative of ELU with respect to its input ($\alpha$ at $x = 0$).

    $$
    \operatorname{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha e^{x} & x \le 0 \end{cases}
    $$

    Parameters
    ----------
    x : array_like
        Any shape, finite, not empty.
    alpha : float, default 1.0
        In $[0, \infty)$.

    Returns
    -------
    ndarray
        Same shape and float dtype as ``x``.

    Raises
    ------
    TypeError
        If ``x`` is not numeric or ``alpha`` is not a real number.
    ValueError
        If ``x`` is empty or not finite, or ``alpha`` is negative or not
        finite.

    Notes
    -----
    With $\alpha = 1$ both one-sided derivatives at 0 equal 1 and ELU is
    $C^1$. For other $\alpha$ the value at exactly 0 is $\alpha$, PyTorch's
    choice. The paper writes the negative branch as $f(x) + \alpha$.

    References
    ----------
    D.-A. Clevert, T. Unterthiner, S. Hochreiter, "Fast and Accurate Deep
    Network Learning by Exponential Linear Units (ELUs)", ICLR 2016.
    https://arxiv.org/abs/1511.07289

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import elu_grad
    >>> print(np.round(elu_grad(np.array([-1.0, 0.0, 2.0]), alpha=0.5), 4))
    [0.1839 0.5    1.    ]
    """
    out = _elu_grad(as_float_array(x, "x"), check_in_range(alpha, "alpha", 0.0, None))
    return scalar_if_0d(out)


def _elu_grad(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(x > 0, 1, alpha * np.exp(np.minimum(x, 0)))


# ----------------------------------------------------------------------- PReLU


def prelu_forward(x: ArrayLike, alpha: ArrayLike) -> tuple[np.ndarray, Any]:
    r"""PReLU forward: leaky ReLU whose negative slope $\alpha$ is learned.

    $\alpha$ is a parameter trained by backprop along with the weights,
    either one scalar for the whole layer (channel-shared) or one per feature
    (channel-wise).

    $$
    f(x_{ij}) = \begin{cases} x_{ij} & x_{ij} > 0 \\ \alpha_j\, x_{ij} & x_{ij} \le 0 \end{cases}
    $$

    Parameters
    ----------
    x : array_like, shape (m, n_features)
        Pre-activations, one example per row, finite.
    alpha : float or array_like of shape (n_features,)
        The slope(s), finite, any sign. Used in ``x``'s dtype.

    Returns
    -------
    out : ndarray, shape (m, n_features)
        Same dtype as ``x``.
    cache : tuple
        What [`prelu_backward`][dlref.activations.prelu_backward] needs.

    Raises
    ------
    TypeError
        If ``x`` or ``alpha`` is not numeric.
    ValueError
        If ``x`` is not 2-D, ``alpha`` is neither a scalar nor of length
        ``n_features``, an array is empty or not finite.

    Notes
    -----
    The notes write $f(x) = \max(\alpha x, x)$, which equals the piecewise
    form only while $\alpha \le 1$; a learned $\alpha$ is not constrained, so
    the paper's $\max(0, x) + \alpha \min(0, x)$ is the definition used.
    PyTorch: ``F.prelu(x, weight)`` with ``weight`` of shape ``(1,)`` or
    ``(n_features,)`` (its channel axis 1 is the feature axis of a 2-D ``x``);
    ``nn.PReLU`` initialises $\alpha = 0.25$.

    References
    ----------
    K. He, X. Zhang, S. Ren, J. Sun, "Delving Deep into Rectifiers: Surpassing
    Human-Level Performance on ImageNet Classification", ICCV 2015.
    https://arxiv.org/abs/1502.01852

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import prelu_forward
    >>> x = np.array([[-2.0, 3.0], [1.0, -4.0]])
    >>> out, _ = prelu_forward(x, np.array([0.1, 0.5]))
    >>> print(out)
    [[-0.2  3. ]
     [ 1.  -2. ]]
    """
    x = as_float_array(x, "x", ndim=2)
    a = as_float_array(alpha, "alpha", ndim=(0, 1))
    if a.ndim == 1:
        check_axis_size(a, "alpha", 0, x.shape[1], what="entries (one per column of x)")
    a = a.astype(x.dtype, copy=False)
    out = np.where(x > 0, x, a * x)
    return out, (x, a)


def prelu_backward(dout: ArrayLike, cache: Any) -> tuple[np.ndarray, np.ndarray]:
    r"""PReLU backward: gradients with respect to the input and to $\alpha$.

    The input gradient is the upstream gradient times the local slope; the
    slope's gradient collects $x \cdot$ upstream over the negative inputs
    (over all entries for a scalar $\alpha$, per column otherwise).

    $$
    \frac{\partial L}{\partial x_{ij}} =
    \begin{cases} g_{ij} & x_{ij} > 0 \\ \alpha_j g_{ij} & x_{ij} \le 0 \end{cases}
    \qquad
    \frac{\partial L}{\partial \alpha_j} = \sum_{i:\, x_{ij} \le 0} g_{ij}\, x_{ij}
    $$

    where $g = \partial L / \partial \text{out}$ is ``dout``.

    Parameters
    ----------
    dout : array_like, shape (m, n_features)
        Upstream gradient, finite.
    cache : tuple
        From [`prelu_forward`][dlref.activations.prelu_forward].

    Returns
    -------
    dx : ndarray, shape (m, n_features)
    dalpha : ndarray
        Shape of ``alpha``: ``()`` for a scalar, ``(n_features,)`` otherwise.

    Raises
    ------
    TypeError
        If ``dout`` is not numeric or ``cache`` is not what the forward pass returned.
    ValueError
        If ``dout`` does not have the shape of ``x`` or is not finite.

    Notes
    -----
    At exactly $x = 0$ the input gradient uses $\alpha$ (PyTorch's choice);
    the $\alpha$ gradient there is 0 either way. The paper adds no weight
    decay to $\alpha$.

    References
    ----------
    K. He, X. Zhang, S. Ren, J. Sun, "Delving Deep into Rectifiers: Surpassing
    Human-Level Performance on ImageNet Classification", ICCV 2015.
    https://arxiv.org/abs/1502.01852

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import prelu_forward, prelu_backward
    >>> x = np.array([[-2.0, 3.0], [1.0, -4.0]])
    >>> _, cache = prelu_forward(x, 0.25)
    >>> dx, dalpha = prelu_backward(np.array([[1.0, 2.0], [3.0, 0.5]]), cache)
    >>> print(dx)
    [[0.25  2.   ]
     [3.    0.125]]
    >>> print(dalpha)    # (-2)(1) + (-4)(0.5)
    -4.0
    """
    x, a = check_cache(cache, "cache", ("x", "alpha"), "prelu_forward")
    g = as_float_array(dout, "dout", ndim=2)
    check_same_shape(x, "x", g, "dout")
    neg = x <= 0
    dx = np.where(neg, a * g, g)
    contrib = np.where(neg, x * g, 0)
    dalpha = contrib.sum() if a.ndim == 0 else contrib.sum(axis=0)
    return dx, np.asarray(dalpha)


# ---------------------------------------------------------------------- maxout


def maxout_forward(x: ArrayLike, W: ArrayLike, b: ArrayLike) -> tuple[np.ndarray, Any]:
    r"""Maxout forward: the maximum of $k$ affine functions of the input.

    Each output unit computes $k$ affine "pieces" and keeps the largest, a
    learned convex piecewise-linear activation. ReLU ($k = 2$, one piece
    fixed at 0) and leaky ReLU are special cases; it does not saturate and
    has no dead region, at $k$ times the parameters of a dense layer.

    $$
    \text{out}_{io} = \max_{j = 1, \dots, k}\; \bigl(x_i^\top W_{j,:,o} + b_{j,o}\bigr)
    $$

    Parameters
    ----------
    x : array_like, shape (m, n_in)
        Inputs, one example per row, finite.
    W : array_like, shape (k, n_in, n_out)
        One ``(n_in, n_out)`` weight matrix per piece, $k \ge 1$.
    b : array_like, shape (k, n_out)
        One bias row per piece.

    Returns
    -------
    out : ndarray, shape (m, n_out)
    cache : tuple
        What [`maxout_backward`][dlref.activations.maxout_backward] needs,
        including the index of the winning piece (ties go to the first).

    Raises
    ------
    TypeError
        If an input is not numeric.
    ValueError
        If a rank or size does not match the shapes above, an array is empty
        or not finite.

    Notes
    -----
    The notes' $f(x) = \max(w_1^\top x + b_1, w_2^\top x + b_2)$ is one output
    unit with $k = 2$. Layout: the paper indexes $W_{\cdot, i, j}$ as
    ``(n_in, n_out, k)``; here the piece axis comes first so that ``W[j]`` is
    an ordinary dense weight in the row convention ``x @ W[j] + b[j]``.
    PyTorch has no maxout layer: ``torch.max(x @ W + b[:, None], dim=0)``
    with ``W`` of this shape computes the same values.

    References
    ----------
    I. J. Goodfellow, D. Warde-Farley, M. Mirza, A. Courville, Y. Bengio,
    "Maxout Networks", ICML 2013. https://arxiv.org/abs/1302.4389

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import maxout_forward
    >>> x = np.array([[1.0, -2.0], [0.5, 0.5]])
    >>> W = np.array([[[1.0], [0.0]], [[-1.0], [-1.0]]])   # k=2 pieces: x1 and -x1-x2
    >>> b = np.array([[0.0], [0.5]])
    >>> out, _ = maxout_forward(x, W, b)
    >>> print(out.ravel())
    [1.5 0.5]
    """
    x = as_float_array(x, "x", ndim=2)
    W = as_float_array(W, "W", ndim=3)
    b = as_float_array(b, "b", ndim=2)
    check_axis_size(W, "W", 1, x.shape[1], what="rows along axis 1 (n_in, the columns of x)")
    check_axis_size(b, "b", 0, W.shape[0], what="rows (k, one per piece of W)")
    check_axis_size(b, "b", 1, W.shape[2], what="columns (n_out, as W.shape[2])")
    z = np.matmul(x, W) + b[:, None, :]  # (k, m, n_out)
    idx = np.argmax(z, axis=0)  # first maximum on ties
    out = np.take_along_axis(z, idx[None], axis=0)[0]
    return out, (x, W, idx)


def maxout_backward(dout: ArrayLike, cache: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Maxout backward: gradients for the input, the weights and the biases.

    The max routes the upstream gradient to the winning piece only; each
    piece then backpropagates like a dense layer.

    $$
    \delta_{j,io} = g_{io}\,[\,j = j^*_{io}\,], \quad
    \frac{\partial L}{\partial W_j} = x^\top \delta_j, \quad
    \frac{\partial L}{\partial b_j} = \sum_i \delta_{j,i}, \quad
    \frac{\partial L}{\partial x} = \sum_j \delta_j W_j^\top
    $$

    where $g$ is ``dout`` and $j^*_{io}$ the winning piece.

    Parameters
    ----------
    dout : array_like, shape (m, n_out)
        Upstream gradient, finite.
    cache : tuple
        From [`maxout_forward`][dlref.activations.maxout_forward].

    Returns
    -------
    dx : ndarray, shape (m, n_in)
    dW : ndarray, shape (k, n_in, n_out)
    db : ndarray, shape (k, n_out)

    Raises
    ------
    TypeError
        If ``dout`` is not numeric or ``cache`` is not what the forward pass returned.
    ValueError
        If ``dout`` does not have the shape of ``out`` or is not finite.

    Notes
    -----
    Where two pieces tie, the gradient goes to the first one only (the one
    the forward pass chose), a valid subgradient.

    References
    ----------
    I. J. Goodfellow, D. Warde-Farley, M. Mirza, A. Courville, Y. Bengio,
    "Maxout Networks", ICML 2013. https://arxiv.org/abs/1302.4389

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import maxout_forward, maxout_backward
    >>> x = np.array([[1.0, -2.0], [0.5, 0.5]])
    >>> W = np.array([[[1.0], [0.0]], [[-1.0], [-1.0]]])
    >>> _, cache = maxout_forward(x, W, np.array([[0.0], [0.5]]))
    >>> dx, dW, db = maxout_backward(np.array([[1.0], [2.0]]), cache)
    >>> print(dx)
    [[-1. -1.]
     [ 2.  0.]]
    >>> print(db.ravel())      # piece 1 won row 2, piece 2 won row 1
    [2. 1.]
    """
    x, W, idx = check_cache(cache, "cache", ("x", "W", "idx"), "maxout_forward")
    g = as_float_array(dout, "dout", ndim=2)
    check_same_shape(idx, "out", g, "dout")
    k = W.shape[0]
    delta = np.where(idx[None, :, :] == np.arange(k)[:, None, None], g, 0)  # (k, m, n_out)
    dW = np.matmul(x.T, delta)
    db = delta.sum(axis=1)
    dx = np.matmul(delta, W.transpose(0, 2, 1)).sum(axis=0)
    return dx, dW, db
