r"""Weight initialisation, and the experiment that shows why its scale matters.

Weights are ``(n_in, n_out)`` matrices (``Z = X @ W + b``), so the fan-in
$n_\text{in}$ is the *first* dimension. In the course notes' column convention
(``W[l]`` of shape ``(n[l], n[l-1])``) and in PyTorch (``nn.Linear.weight`` of
shape ``(out, in)``) the fan-in is the *second* dimension. Biases are usually
initialised to zero, which is harmless once the weights break the symmetry.

Random initialisers draw standard normal numbers in float64 and scale them
before converting to ``dtype``, so a float32 matrix is the float64 one rounded.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from dlref._checks import (
    as_dtype,
    as_float_array,
    as_rng,
    check_axis_size,
    check_choice,
    check_flag,
    check_in_range,
    check_int,
)

__all__ = ["ActivationStats", "activation_statistics", "he", "random_normal", "xavier", "zeros"]

RngLike = np.random.Generator | int | None


def _dims(n_in: Any, n_out: Any) -> tuple[int, int]:
    return check_int(n_in, "n_in", 1), check_int(n_out, "n_out", 1)


def _gaussian(
    n_in: Any, n_out: Any, std: Callable[[int, int], float], rng: RngLike, dtype: Any
) -> np.ndarray:
    rows, cols = _dims(n_in, n_out)
    dt = as_dtype(dtype, "dtype", kinds="f")
    gen = as_rng(rng)
    return (gen.standard_normal((rows, cols)) * std(rows, cols)).astype(dt, copy=False)


def zeros(n_in: int, n_out: int, *, dtype: Any = np.float64) -> np.ndarray:
    r"""All-zero weights: the initialisation that does not work for hidden layers.

    With $W = 0$ every hidden unit of a layer computes the same function and
    receives the same gradient, so the units stay identical however long the
    network trains: the symmetry is never broken. (Zero is fine for biases,
    and for the weights of logistic regression, which has no hidden layer.)

    $$
    W_{ij} = 0
    $$

    Parameters
    ----------
    n_in, n_out : int
        Fan-in and fan-out, each $\ge 1$.
    dtype : dtype, default numpy.float64
        A floating-point dtype.

    Returns
    -------
    ndarray, shape (n_in, n_out)

    Raises
    ------
    ValueError
        If ``n_in`` or ``n_out`` is smaller than 1.
    TypeError
        If they are not integers or ``dtype`` is not a float dtype.

    Notes
    -----
    Any constant, not only 0, has the same symmetry problem. PyTorch:
    ``torch.nn.init.zeros_``; Keras: ``initializers.Zeros``.

    References
    ----------
    CS231n, "Weight Initialization", https://cs231n.github.io/neural-networks-2/

    Examples
    --------
    >>> from dlref import zeros
    >>> print(zeros(2, 3))
    [[0. 0. 0.]
     [0. 0. 0.]]
    """
    rows, cols = _dims(n_in, n_out)
    return np.zeros((rows, cols), dtype=as_dtype(dtype, "dtype", kinds="f"))


def random_normal(
    n_in: int, n_out: int, scale: float = 0.01, *, rng: RngLike = None, dtype: Any = np.float64
) -> np.ndarray:
    r"""Gaussian weights with a fixed standard deviation ``scale``.

    The CS231n and Coursera starting point, ``0.01 * np.random.randn(n_in,
    n_out)``. Random values break the symmetry, but a fixed scale ignores the
    fan-in: in a deep network each layer multiplies the activations' spread by
    about $\text{scale}\cdot\sqrt{n_\text{in}}$, so they shrink to 0 (small
    scale) or blow up / saturate (large scale) with depth; see
    [`activation_statistics`][dlref.init.activation_statistics].

    $$
    W_{ij} \sim \mathcal N(0, \text{scale}^2)
    $$

    Parameters
    ----------
    n_in, n_out : int
        Fan-in and fan-out, each $\ge 1$.
    scale : float, default 0.01
        Standard deviation, $\ge 0$.
    rng : numpy.random.Generator, int or None
        Source of randomness.
    dtype : dtype, default numpy.float64
        A floating-point dtype.

    Returns
    -------
    ndarray, shape (n_in, n_out)

    Raises
    ------
    ValueError
        If ``n_in`` or ``n_out`` is smaller than 1 or ``scale`` is negative or
        not finite.
    TypeError
        If an argument has the wrong type.

    Notes
    -----
    PyTorch: ``torch.nn.init.normal_(w, 0.0, scale)``; Keras:
    ``initializers.RandomNormal(stddev=scale)`` (the shape convention does not
    matter here, the distribution is the same for every entry).

    References
    ----------
    CS231n, "Weight Initialization", https://cs231n.github.io/neural-networks-2/

    Examples
    --------
    >>> from dlref import random_normal
    >>> W = random_normal(400, 500, scale=0.01, rng=0)
    >>> print(W.shape, round(float(W.std()), 4))
    (400, 500) 0.01
    """
    s = check_in_range(scale, "scale", 0.0, None)
    return _gaussian(n_in, n_out, lambda i, o: s, rng, dtype)


def xavier(
    n_in: int,
    n_out: int,
    *,
    variant: str = "fan_in",
    rng: RngLike = None,
    dtype: Any = np.float64,
) -> np.ndarray:
    r"""Xavier (Glorot) initialisation: variance scaled by the fan-in (and fan-out).

    For a linear unit $z = \sum_{i=1}^{n_\text{in}} w_i x_i$ with independent,
    zero-mean terms, $\operatorname{Var}(z) = n_\text{in}\operatorname{Var}(w)
    \operatorname{Var}(x)$; choosing $\operatorname{Var}(w) = 1/n_\text{in}$
    keeps the variance of the signal the same from layer to layer. This suits
    activations that are linear near 0, such as tanh.

    $$
    \text{fan\_in:}\ \ W_{ij} \sim \mathcal N\Bigl(0, \frac{1}{n_\text{in}}\Bigr),
    \qquad
    \text{glorot:}\ \ W_{ij} \sim \mathcal N\Bigl(0, \frac{2}{n_\text{in} + n_\text{out}}\Bigr)
    $$

    Parameters
    ----------
    n_in, n_out : int
        Fan-in and fan-out, each $\ge 1$.
    variant : {"fan_in", "glorot"}, default "fan_in"
        ``"fan_in"``: std $\sqrt{1/n_\text{in}}$ (Coursera, CS231n).
        ``"glorot"``: std $\sqrt{2/(n_\text{in} + n_\text{out})}$, the
        compromise between keeping forward and backward variances of Glorot
        and Bengio (2010).
    rng : numpy.random.Generator, int or None
        Source of randomness.
    dtype : dtype, default numpy.float64
        A floating-point dtype.

    Returns
    -------
    ndarray, shape (n_in, n_out)

    Raises
    ------
    ValueError
        If ``n_in`` or ``n_out`` is smaller than 1 or ``variant`` is unknown.
    TypeError
        If an argument has the wrong type.

    Notes
    -----
    ``variant="glorot"`` is ``torch.nn.init.xavier_normal_`` (gain 1) and
    Keras's ``GlorotNormal`` (which truncates the normal at two standard
    deviations but keeps this variance). Glorot and Bengio's paper states it
    for a uniform law, $U[-\sqrt{6/(n_\text{in}+n_\text{out})}, \dots]$, which
    has the same variance (``xavier_uniform_``, Keras's default
    ``glorot_uniform``). The ``"fan_in"`` form that the course and CS231n call
    Xavier is, strictly, LeCun et al.'s (1998) rule (Keras ``LecunNormal``;
    in PyTorch ``kaiming_normal_(w, nonlinearity="linear")``, gain 1).
    With ReLU it halves the variance at every layer; use [`he`][dlref.init.he].

    References
    ----------
    X. Glorot, Y. Bengio, "Understanding the difficulty of training deep
    feedforward neural networks", *AISTATS* 2010, PMLR 9:249-256.
    https://proceedings.mlr.press/v9/glorot10a.html ;
    Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", 1998.
    http://yann.lecun.com/exdb/publis/pdf/lecun-98b.pdf

    Examples
    --------
    >>> from dlref import xavier
    >>> W = xavier(400, 500, rng=0)                     # std 1/sqrt(400) = 0.05
    >>> print(round(float(W.std()), 3))
    0.05
    >>> W = xavier(400, 500, variant="glorot", rng=0)   # sqrt(2/900) = 0.0471
    >>> print(round(float(W.std()), 3))
    0.047
    """
    kind = check_choice(variant, "variant", ("fan_in", "glorot"))
    if kind == "fan_in":
        return _gaussian(n_in, n_out, lambda i, o: math.sqrt(1.0 / i), rng, dtype)
    return _gaussian(n_in, n_out, lambda i, o: math.sqrt(2.0 / (i + o)), rng, dtype)


def he(n_in: int, n_out: int, *, rng: RngLike = None, dtype: Any = np.float64) -> np.ndarray:
    r"""He (Kaiming) initialisation for ReLU layers: variance $2/n_\text{in}$.

    ReLU zeroes half of its (symmetric) input, so the second moment of its
    output is half that of its input. Doubling the Xavier variance
    compensates, and keeps the scale of the activations constant through a
    deep ReLU network.

    $$
    W_{ij} \sim \mathcal N\Bigl(0, \frac{2}{n_\text{in}}\Bigr),
    \qquad
    \mathbb E[z_{l+1}^2] = n_\text{in} \operatorname{Var}(w)\, \tfrac12 \mathbb E[z_l^2]
    = \mathbb E[z_l^2]
    $$

    Parameters
    ----------
    n_in, n_out : int
        Fan-in and fan-out, each $\ge 1$.
    rng : numpy.random.Generator, int or None
        Source of randomness.
    dtype : dtype, default numpy.float64
        A floating-point dtype.

    Returns
    -------
    ndarray, shape (n_in, n_out)

    Raises
    ------
    ValueError
        If ``n_in`` or ``n_out`` is smaller than 1.
    TypeError
        If an argument has the wrong type.

    Notes
    -----
    PyTorch: ``torch.nn.init.kaiming_normal_(w, mode="fan_in",
    nonlinearity="relu")`` on a weight of shape ``(n_out, n_in)`` — PyTorch's
    fan-in is the *second* dimension, so ``he(n_in, n_out)`` matches
    ``kaiming_normal_`` on ``torch.empty(n_out, n_in)``, transposed. Keras:
    ``HeNormal`` (truncated normal, same variance). CS231n writes it as
    ``np.random.randn(fan_in, fan_out) / np.sqrt(fan_in / 2)``, the Coursera
    notes as ``np.random.randn(shape) * np.sqrt(2 / n[l-1])``: the same
    variance.

    References
    ----------
    K. He, X. Zhang, S. Ren, J. Sun, "Delving Deep into Rectifiers:
    Surpassing Human-Level Performance on ImageNet Classification",
    *ICCV* 2015. https://arxiv.org/abs/1502.01852

    Examples
    --------
    >>> from dlref import he
    >>> W = he(200, 1000, rng=0)                        # sqrt(2/200) = 0.1
    >>> print(round(float(W.std()), 3))
    0.1
    """
    return _gaussian(n_in, n_out, lambda i, o: math.sqrt(2.0 / i), rng, dtype)


# --- the activation-statistics experiment (CS231n lecture 6) ---------------------


class ActivationStats(NamedTuple):
    """The result of [`activation_statistics`][dlref.init.activation_statistics]."""

    mean: np.ndarray
    std: np.ndarray
    activations: tuple[np.ndarray, ...] | None
    dz_rms: np.ndarray | None = None
    r"""RMS of $\partial L/\partial z^{[l]}$ per layer (``None`` for a callable activation)."""
    dw_rms: np.ndarray | None = None
    r"""RMS of $\partial L/\partial W^{[l]}$ per layer (``None`` for a callable activation)."""


_INIT_NAMES = ("zeros", "small", "random_normal", "large", "xavier", "glorot", "he")
_ACTIVATION_NAMES = ("tanh", "relu", "leaky_relu", "sigmoid", "elu", "linear")

InitFn = Callable[[int, int, np.random.Generator], Any]


def _init_fn(init: Any) -> InitFn:
    if callable(init):
        return init
    name = check_choice(init, "init", _INIT_NAMES)
    table: dict[str, InitFn] = {
        "zeros": lambda i, o, g: zeros(i, o),
        "small": lambda i, o, g: random_normal(i, o, 0.01, rng=g),
        "random_normal": lambda i, o, g: random_normal(i, o, 0.01, rng=g),
        "large": lambda i, o, g: random_normal(i, o, 1.0, rng=g),
        "xavier": lambda i, o, g: xavier(i, o, rng=g),
        "glorot": lambda i, o, g: xavier(i, o, variant="glorot", rng=g),
        "he": lambda i, o, g: he(i, o, rng=g),
    }
    return table[name]


def _activation_fn(activation: Any) -> Callable[[np.ndarray], Any]:
    if callable(activation):
        return activation
    name = check_choice(activation, "activation", _ACTIVATION_NAMES)
    if name == "linear":
        return lambda z: z
    from dlref import activations  # lazy: the one implementation of each activation

    fn: Callable[[np.ndarray], Any] = getattr(activations, name)
    return fn


def _activation_grad(activation: Any) -> Callable[[np.ndarray], Any] | None:
    """The derivative of a named activation (``None`` for a callable one)."""
    if callable(activation):
        return None
    if activation == "linear":
        return np.ones_like
    from dlref import activations

    fn: Callable[[np.ndarray], Any] = getattr(activations, f"{activation}_grad")
    return fn


def activation_statistics(
    init: str | Callable[[int, int, np.random.Generator], Any],
    activation: str | Callable[[np.ndarray], Any],
    *,
    n_layers: int = 10,
    width: int = 500,
    n_samples: int = 1000,
    rng: RngLike = None,
    keep_activations: bool = False,
) -> ActivationStats:
    r"""Push Gaussian data through a deep net and record each layer's activation spread.

    The CS231n lecture-6 experiment: ``n_samples`` inputs $X \sim \mathcal
    N(0, 1)$ of dimension ``width`` go through ``n_layers`` fully connected
    layers of ``width`` units, without biases, with fresh weights from
    ``init`` at each layer. The mean and standard deviation of every layer's
    activations show whether the signal survives with depth: with weights
    that are too small it shrinks to 0, with weights that are too large tanh
    saturates at $\pm 1$, with Xavier (tanh) or He (ReLU) it keeps its scale.

    It then runs the backward pass of a random linear loss
    $L = \frac{1}{m}\sum_{i,j} G_{ij} h^{[L]}_{ij}$, $G_{ij} \sim \mathcal N(0, 1)$,
    and records the RMS of $\partial L/\partial z^{[l]}$ and of
    $\partial L/\partial W^{[l]}$ at every layer: what the gradient does on
    its way back. Saturation is *not* the same as a vanishing gradient: with
    weights of scale 1, $\tanh'(z) \approx 0$ at most units, yet the large
    weights multiply the backward signal by $\sigma_w \sqrt{n}\,
    \sqrt{\mathbb E[\tanh'(z)^2]}$ per layer, which is well above 1, so the
    gradient *explodes* towards the input.

    $$
    h^{[0]} = X, \qquad z^{[l]} = h^{[l-1]} W^{[l]}, \qquad h^{[l]} = g\bigl(z^{[l]}\bigr),
    \qquad W^{[l]} \in \mathbb R^{\text{width} \times \text{width}}, \quad l = 1, \dots, L
    $$

    $$
    \frac{\partial L}{\partial h^{[L]}} = \frac{G}{m}, \qquad
    \frac{\partial L}{\partial z^{[l]}}
    = \frac{\partial L}{\partial h^{[l]}} \odot g'\bigl(z^{[l]}\bigr), \qquad
    \frac{\partial L}{\partial W^{[l]}} = h^{[l-1]\top} \frac{\partial L}{\partial z^{[l]}},
    \qquad
    \frac{\partial L}{\partial h^{[l-1]}} = \frac{\partial L}{\partial z^{[l]}} W^{[l]\top}
    $$

    Parameters
    ----------
    init : str or callable
        ``"zeros"``, ``"small"`` (or ``"random_normal"``: scale 0.01),
        ``"large"`` (scale 1.0), ``"xavier"`` (fan-in form), ``"glorot"`` or
        ``"he"``; or a callable ``init(n_in, n_out, rng) -> W`` returning an
        ``(n_in, n_out)`` array, where ``rng`` is a ``numpy.random.Generator``.
    activation : str or callable
        ``"tanh"``, ``"relu"``, ``"leaky_relu"``, ``"sigmoid"``, ``"elu"``
        (from ``dlref.activations``) or ``"linear"``; or a
        callable mapping an array to an array of the same shape.
    n_layers : int, default 10
        $L \ge 1$.
    width : int, default 500
        Units per layer (and input dimension), $\ge 1$.
    n_samples : int, default 1000
        Number of inputs, $\ge 1$.
    rng : numpy.random.Generator, int or None
        Source of the inputs and of the weights.
    keep_activations : bool, default False
        Also return every layer's activations (for histograms).

    Returns
    -------
    ActivationStats
        Named tuple of ``mean`` and ``std``, arrays of shape ``(n_layers,)``
        (over all entries of $h^{[l]}$, $l = 1, \dots, L$; population std);
        ``activations``: a tuple of ``n_layers`` arrays of shape
        ``(n_samples, width)`` if ``keep_activations``, else ``None``; and
        ``dz_rms``, ``dw_rms``: arrays of shape ``(n_layers,)``, the RMS of
        $\partial L/\partial z^{[l]}$ and $\partial L/\partial W^{[l]}$ of the
        backward pass above (``None`` when ``activation`` is a callable, whose
        derivative is not known).

    Raises
    ------
    ValueError
        If a size is smaller than 1, a name is unknown, or a callable returns
        an array of the wrong shape or with NaN/inf (e.g. a scale so large
        that the activations overflow).
    TypeError
        If an argument has the wrong type (``keep_activations`` must be a
        bool).

    Notes
    -----
    For ReLU, $\operatorname{Var}(h^{[l+1]}) / \operatorname{Var}(h^{[l]})$
    is about $n\operatorname{Var}(w)/2$: 1/2 with the fan-in Xavier rule and
    1 with He's. With width 500 a single layer's ratio scatters by about
    $\pm 10\%$ around that value (ReLU outputs have a large common mean, so
    much of their energy lies along one direction); the trend over ten layers
    is clear. For tanh with scale 0.01 and width 500 each layer multiplies
    the spread by about $0.01\sqrt{500} \approx 0.22$ on the way forward and
    $\partial L/\partial z$ by the same factor on the way back; with scale 1.0
    the pre-activations have a spread of about $\sqrt{500}\cdot\text{std}(h)$,
    far in the saturated tails, and $\partial L/\partial z$ grows by about
    3.5 per layer towards the input. Everything runs in float64.

    **A slip in the CS231n lecture slides.** They say that with large weights
    "all neurons saturate, gradients will be all zero". The *local* derivative
    $\tanh'(z)$ is near 0 at most units, but the backward signal is multiplied
    by the large weights too, and in this experiment the gradient explodes
    towards the input instead (see the example below).

    References
    ----------
    CS231n, lecture 6, "Training Neural Networks I" (2017), and "Weight
    Initialization", https://cs231n.github.io/neural-networks-2/ ;
    X. Glorot, Y. Bengio, AISTATS 2010, https://proceedings.mlr.press/v9/glorot10a.html

    Examples
    --------
    >>> from dlref import activation_statistics
    >>> s = activation_statistics("small", "tanh", n_layers=4, width=200, n_samples=300, rng=0)
    >>> print(" ".join(f"{v:.1e}" for v in s.std))       # x0.14 per layer
    1.4e-01 2.0e-02 2.8e-03 4.0e-04
    >>> s = activation_statistics("he", "relu", n_layers=4, width=200, n_samples=300, rng=0)
    >>> print(round(float(s.std[-1] / s.std[0]), 1))     # He keeps the scale
    1.0
    >>> s = activation_statistics("large", "tanh", n_layers=4, width=200, n_samples=300, rng=0)
    >>> print(" ".join(f"{v:.1e}" for v in s.dz_rms))     # grows towards the input
    1.5e-02 5.1e-03 1.9e-03 6.6e-04
    """
    make_w = _init_fn(init)
    act = _activation_fn(activation)
    L = check_int(n_layers, "n_layers", 1)
    n = check_int(width, "width", 1)
    m = check_int(n_samples, "n_samples", 1)
    keep = check_flag(keep_activations, "keep_activations")
    grad = _activation_grad(activation)
    gen = as_rng(rng)
    h = gen.standard_normal((m, n))
    means, stds = np.empty(L), np.empty(L)
    kept: list[np.ndarray] = []
    layers: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (h_prev, W, z) per layer
    for layer in range(L):
        W = as_float_array(make_w(n, n, gen), f"init(...) at layer {layer + 1}", ndim=2)
        check_axis_size(W, "init(...) result", 0, n, what="rows (width)")
        check_axis_size(W, "init(...) result", 1, n, what="columns (width)")
        z = h @ W
        if grad is not None:
            layers.append((h, W, z))
        h = as_float_array(act(z), f"activation(...) at layer {layer + 1}", ndim=2)
        check_axis_size(h, "activation(...) result", 0, m, what="rows (n_samples)")
        check_axis_size(h, "activation(...) result", 1, n, what="columns (width)")
        means[layer], stds[layer] = h.mean(), h.std()
        if keep:
            kept.append(h)
    if grad is None:
        return ActivationStats(means, stds, tuple(kept) if keep else None)
    dz_rms, dw_rms = np.empty(L), np.empty(L)
    dh = gen.standard_normal((m, n)) / m  # dL/dh^[L] of L = sum(G * h^[L]) / m
    for layer in reversed(range(L)):
        h_prev, W, z = layers[layer]
        dz = dh * grad(z)
        dz_rms[layer] = np.sqrt(np.mean(dz**2))
        dw_rms[layer] = np.sqrt(np.mean((h_prev.T @ dz) ** 2))
        dh = dz @ W.T
    return ActivationStats(means, stds, tuple(kept) if keep else None, dz_rms, dw_rms)
