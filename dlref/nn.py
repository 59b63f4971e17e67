r"""A small multilayer perceptron built from the reference layers, with a training loop.

[`MLP`][dlref.nn.MLP] stacks dense layers, optional batch norm, an activation
and optional inverted dropout, and ends in a softmax (multi-class) or sigmoid
(binary) output trained with cross-entropy plus an optional L2 penalty. It
holds no numerics of its own: every forward and backward step is the kernel of
the matching public function of [`activations`][dlref.activations],
[`batchnorm`][dlref.batchnorm], [`regularization`][dlref.regularization],
[`losses`][dlref.losses] and [`optim`][dlref.optim], called after the inputs
have been checked once, so that a mini-batch step does not re-validate its own
intermediate arrays. [`MLP.fit`][dlref.nn.MLP.fit] returns a
[`History`][dlref.nn.History] of per-epoch losses and accuracies for the
bias/variance, regularisation and optimiser experiments of the site.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from dlref._checks import (
    as_dtype,
    as_float_array,
    as_label_array,
    as_rng,
    as_sequence,
    check_axis_size,
    check_callable,
    check_choice,
    check_flag,
    check_in_range,
    check_instance,
    check_int,
    check_requires,
)
from dlref.activations import (
    _elu,
    _elu_grad,
    _leaky_relu,
    _leaky_relu_grad,
    _relu,
    _relu_grad,
    _sigmoid,
    _sigmoid_grad,
    _tanh,
    _tanh_grad,
)
from dlref.batchnorm import (
    BatchNormCache,
    RunningStats,
    _batchnorm_backward,
    _batchnorm_forward,
    _batchnorm_inference,
)
from dlref.data import minibatches
from dlref.init import _init_fn
from dlref.losses import _bce_with_logits, _log_softmax_parts, _softmax_cross_entropy_labels
from dlref.optim import Optimizer
from dlref.regularization import (
    EarlyStopping,
    _dropout_backward,
    _dropout_forward,
    _l2_grad,
    l2_penalty,
)

__all__ = ["MLP", "History"]

#: Batch-norm momentum (weight on the old running value) and epsilon used by MLP.
BN_MOMENTUM = 0.9
BN_EPS = 1e-5

_Kernel = Callable[[np.ndarray], np.ndarray]

#: activation name -> (g, g') kernels, each taking the pre-activation.
_ACTIVATIONS: dict[str, tuple[_Kernel, _Kernel]] = {
    "relu": (_relu, _relu_grad),
    "leaky_relu": (lambda z: _leaky_relu(z, 0.01), lambda z: _leaky_relu_grad(z, 0.01)),
    "tanh": (_tanh, _tanh_grad),
    "sigmoid": (_sigmoid, _sigmoid_grad),
    "elu": (lambda z: _elu(z, 1.0), lambda z: _elu_grad(z, 1.0)),
}
_INITS = ("he", "xavier", "glorot", "small", "large", "zeros")
_OUTPUTS = ("softmax", "sigmoid")


@dataclass
class History:
    r"""What [`MLP.fit`][dlref.nn.MLP.fit] measured, one entry per epoch.

    Losses and accuracies are measured at the *end* of each epoch, in
    evaluation mode (running batch-norm statistics, no dropout) on the whole
    set, so the train and dev numbers are comparable, as a bias/variance
    diagnosis needs. The losses include the L2 term with $m$ the size of the
    set, $\frac{\lambda}{2m}\sum_l \lVert W^{[l]} \rVert_F^2$. Each step of
    ``fit`` minimises the mini-batch version, whose penalty divides by the batch
    size $B$ instead: the recorded cost is exactly the objective being minimised
    for full-batch training ($B = m$), and has a penalty $B/m$ times smaller
    otherwise. The dev lists are empty when no dev set was given.

    Examples
    --------
    >>> from dlref import History
    >>> h = History(train_loss=[0.9, 0.5], train_accuracy=[0.6, 0.8], lr=[0.1, 0.1])
    >>> h.epochs, h.stopped_epoch, h.best_epoch
    ([1, 2], 0, None)
    """

    train_loss: list[float] = field(default_factory=list)
    """Training-set loss after each epoch."""
    train_accuracy: list[float] = field(default_factory=list)
    """Training-set accuracy (fraction correct) after each epoch."""
    dev_loss: list[float] = field(default_factory=list)
    """Dev-set loss after each epoch (empty without a dev set)."""
    dev_accuracy: list[float] = field(default_factory=list)
    """Dev-set accuracy after each epoch (empty without a dev set)."""
    lr: list[float] = field(default_factory=list)
    """The learning rate used during each epoch."""
    stopped_epoch: int = 0
    """The last epoch trained (``epochs``, unless early stopping ended training sooner)."""
    best_epoch: int | None = None
    """With early stopping: the epoch whose parameters were restored; else ``None``."""

    @property
    def epochs(self) -> list[int]:
        """The epoch numbers, counted from 1."""
        return list(range(1, len(self.train_loss) + 1))


class _Hidden(NamedTuple):
    """What the backward pass needs from one hidden layer."""

    z: np.ndarray  # input of the activation (after batch norm if any)
    bn: BatchNormCache | None
    mask: np.ndarray | None  # dropout mask, None without dropout


class MLP:
    r"""A fully connected network: dense layers, optional batch norm and dropout, softmax/sigmoid.

    Layer $l = 1, \dots, L-1$ is a dense layer, optionally batch norm (which
    then replaces the bias), the activation $g$ and, in training, inverted
    dropout; layer $L$ is a dense layer whose scores go to a softmax (or a
    sigmoid for binary labels) with cross-entropy. The loss adds the L2
    penalty on the weights. Each step is the kernel of the dlref function that
    documents it; this class only wires them together and trains.

    **Forward** (rows are examples, $A^{[0]} = X$ of shape $(m, n_0)$,
    $W^{[l]}$ of shape $(n_{l-1}, n_l)$, $D^{[l]}$ a 0/1 mask kept with
    probability $p$):

    $$
    Z^{[l]} = A^{[l-1]} W^{[l]} + b^{[l]}
    \quad\text{or, with batch norm,}\quad
    Z^{[l]} = \operatorname{BN}_{\gamma^{[l]}, \beta^{[l]}}\bigl(A^{[l-1]} W^{[l]}\bigr),
    \qquad
    A^{[l]} = g\bigl(Z^{[l]}\bigr) \odot D^{[l]} / p
    $$

    $$
    Z^{[L]} = A^{[L-1]} W^{[L]} + b^{[L]}, \qquad
    J = -\frac{1}{m}\sum_{i=1}^{m} \log \operatorname{softmax}\bigl(Z^{[L]}_{i}\bigr)_{y_i}
    + \frac{\lambda}{2m} \sum_{l=1}^{L} \bigl\lVert W^{[l]} \bigr\rVert_F^2
    $$

    **Backward** ($Y$ the one-hot labels, never built; $\hat Y = \operatorname{softmax}(Z^{[L]})$):

    $$
    dZ^{[L]} = \frac{1}{m}\bigl(\hat Y - Y\bigr), \qquad
    dW^{[l]} = A^{[l-1]\top} dZ^{[l]} + \frac{\lambda}{m} W^{[l]}, \qquad
    db^{[l]} = \sum_{i} dZ^{[l]}_{i,:}, \qquad
    dA^{[l-1]} = dZ^{[l]} W^{[l]\top}
    $$

    $$
    dZ^{[l]} = \bigl(dA^{[l]} \odot D^{[l]} / p\bigr) \odot g'\bigl(Z^{[l]}\bigr),
    $$

    followed, with batch norm, by
    [`batchnorm_backward`][dlref.batchnorm.batchnorm_backward], which turns
    $dZ^{[l]}$ into the gradient of $A^{[l-1]} W^{[l]}$ and gives
    $d\gamma^{[l]}$, $d\beta^{[l]}$. With ``output="sigmoid"`` the last layer
    has one unit, $\hat y = \sigma(Z^{[L]})$, and the loss is binary
    cross-entropy from logits; $dZ^{[L]} = (\hat y - y)/m$ again.

    Parameters
    ----------
    layer_sizes : sequence of int
        $(n_0, n_1, \dots, n_L)$: input features, hidden widths, outputs; at
        least two entries, each $\ge 1$. $n_L \ge 2$ (the number of classes)
        for ``output="softmax"``, $n_L = 1$ for ``output="sigmoid"``.
    activation : {"relu", "leaky_relu", "tanh", "sigmoid", "elu"}, default "relu"
        $g$ of the hidden layers (leaky ReLU slope 0.01, ELU $\alpha = 1$).
    init : {"he", "xavier", "glorot", "small", "large", "zeros"}, default "he"
        Weight initialisation, from [`dlref.init`][dlref.init] ("small" and
        "large" are $\mathcal N(0, 0.01^2)$ and $\mathcal N(0, 1)$; "zeros" shows
        the symmetry problem). Biases and $\beta$ start at 0, $\gamma$ at 1.
    keep_prob : float, default 1.0
        $p \in (0, 1]$, the dropout keep probability of the hidden layers
        (1 turns dropout off). Never applied to the input or the output.
    l2 : float, default 0.0
        $\lambda \ge 0$ of the L2 penalty $\frac{\lambda}{2m}\sum \lVert W
        \rVert_F^2$, over the weights only (not $b$, $\gamma$, $\beta$);
        $m$ is the number of examples in the batch the loss is computed on
        (the mini-batch size during ``fit``).
    batchnorm : bool, default False
        Batch norm after each hidden dense layer, before the activation.
    output : {"softmax", "sigmoid"}, default "softmax"
        Softmax + cross-entropy over $n_L$ classes, or sigmoid + binary
        cross-entropy for labels in $\{0, 1\}$.
    dtype : {numpy.float64, numpy.float32}, default numpy.float64
        The dtype of the parameters and of every computation; inputs are cast
        to it, float32 stays float32 end to end.
    rng : numpy.random.Generator, int or None
        Seeds the initial weights; it is also the model's generator, used by
        ``fit``, ``loss`` and ``gradients`` when they get ``rng=None``.

    Attributes
    ----------
    params : dict of ndarray
        ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"``; with batch norm the hidden
        layers have ``"gamma{l}"``, ``"beta{l}"`` instead of ``"b{l}"``.
    running_stats : tuple of RunningStats
        Batch-norm running statistics of each hidden layer (empty without
        batch norm).

    Raises
    ------
    ValueError
        If a layer size is smaller than allowed, ``keep_prob`` is outside
        $(0, 1]$, ``l2`` is negative, or a name is unknown.
    TypeError
        If an argument has the wrong type (``batchnorm`` must be a bool;
        ``dtype`` float32 or float64).

    Notes
    -----
    **Shapes.** The notes use columns: their $W^{[l]}$ is $(n_l, n_{l-1})$
    and $Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$ with examples in columns.
    Here the notes' $W^{[l]}$ is ``W{l}.T``, their $Z^{[l]}$ is our ``Z.T``,
    and their $dW^{[l]} = \frac1m dZ^{[l]} A^{[l-1]\top}$ is our ``dW.T``; the
    $\frac1m$ sits in $dZ^{[L]}$ here, as it is the derivative of the mean
    loss. PyTorch's ``nn.Linear`` stores $(n_\text{out}, n_\text{in})$ like the
    notes and computes ``x @ weight.T``.

    **Batch norm.** Momentum 0.9 on the old value and $\varepsilon = 10^{-5}$
    (``BN_MOMENTUM``, ``BN_EPS``); prediction and ``loss(train=False)`` use
    the running statistics, which only ``fit`` updates. The bias before batch
    norm is left out: the batch mean would remove it, and $\beta$ plays its
    role. In training a batch needs two rows: ``fit`` skips a last mini-batch
    of one example (PyTorch raises instead).

    **Randomness.** Dropout masks are drawn layer by layer from the generator
    in use; ``loss(X, y, train=True, rng=s)`` and ``gradients(X, y, rng=s)``
    with the same int seed ``s`` use the same masks, so the gradient is the
    exact derivative of that loss and a whole-network gradient check works
    with dropout on.

    References
    ----------
    D. E. Rumelhart, G. E. Hinton, R. J. Williams, "Learning representations by
    back-propagating errors", Nature 323, 1986. https://doi.org/10.1038/323533a0

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import MLP, Adam
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> y = np.array([0, 1, 1, 0])                        # XOR: needs the hidden layer
    >>> net = MLP([2, 8, 2], rng=0)
    >>> print(sorted(net.params), net.params["W1"].shape)
    ['W1', 'W2', 'b1', 'b2'] (2, 8)
    >>> print(round(float(net.loss(X, y)), 4))
    0.5992
    >>> history = net.fit(X, y, optimizer=Adam(0.05), epochs=100, batch_size=4)
    >>> print(history.train_accuracy[-1], net.predict(X))
    1.0 [0 1 1 0]
    """

    def __init__(
        self,
        layer_sizes: Any,
        *,
        activation: str = "relu",
        init: str = "he",
        keep_prob: float = 1.0,
        l2: float = 0.0,
        batchnorm: bool = False,
        output: str = "softmax",
        dtype: Any = np.float64,
        rng: np.random.Generator | int | None = None,
    ) -> None:
        sizes = as_sequence(layer_sizes, "layer_sizes")
        check_int(len(sizes), "the number of layer_sizes (input, ..., output)", 2)
        self.layer_sizes = tuple(check_int(n, f"layer_sizes[{i}]", 1) for i, n in enumerate(sizes))
        self.output = check_choice(output, "output", _OUTPUTS)
        if self.output == "softmax":
            check_int(self.layer_sizes[-1], "layer_sizes[-1] (classes, output='softmax')", 2)
        else:
            check_in_range(self.layer_sizes[-1], "layer_sizes[-1] (output='sigmoid')", 1, 1)
        self.activation = check_choice(activation, "activation", tuple(_ACTIVATIONS))
        self.init = check_choice(init, "init", _INITS)
        self.keep_prob = check_in_range(keep_prob, "keep_prob", 0.0, 1.0, low_inclusive=False)
        self.l2 = check_in_range(l2, "l2", 0.0, None)
        self.batchnorm: bool = check_flag(batchnorm, "batchnorm")
        dt = as_dtype(dtype, "dtype", kinds="f")
        check_choice(dt.name, "dtype", ("float32", "float64"))
        self.dtype = dt
        self._rng = as_rng(rng)
        self._g, self._g_grad = _ACTIVATIONS[self.activation]

        make_w = _init_fn("random_normal" if self.init == "small" else self.init)
        self.params: dict[str, np.ndarray] = {}
        L = self.n_layers
        for layer in range(1, L + 1):
            n_in, n_out = self.layer_sizes[layer - 1], self.layer_sizes[layer]
            self.params[f"W{layer}"] = np.asarray(make_w(n_in, n_out, self._rng), dtype=dt)
            if self.batchnorm and layer < L:
                self.params[f"gamma{layer}"] = np.ones(n_out, dtype=dt)
                self.params[f"beta{layer}"] = np.zeros(n_out, dtype=dt)
            else:
                self.params[f"b{layer}"] = np.zeros(n_out, dtype=dt)
        self._running: list[RunningStats] = [
            RunningStats(np.zeros(n, dtype=dt), np.ones(n, dtype=dt))
            for n in (self.layer_sizes[1:-1] if self.batchnorm else ())
        ]

    # --- properties -----------------------------------------------------------------

    @property
    def n_layers(self) -> int:
        """$L$, the number of dense layers (hidden layers + the output layer)."""
        return len(self.layer_sizes) - 1

    @property
    def running_stats(self) -> tuple[RunningStats, ...]:
        """Batch-norm running statistics of the hidden layers (empty without batch norm)."""
        return tuple(self._running)

    def __repr__(self) -> str:
        return (
            f"MLP({list(self.layer_sizes)}, activation={self.activation!r}, "
            f"init={self.init!r}, keep_prob={self.keep_prob}, l2={self.l2}, "
            f"batchnorm={self.batchnorm}, output={self.output!r}, dtype={self.dtype.name})"
        )

    # --- checks -----------------------------------------------------------------------

    def _check_X(self, X: Any, name: str = "X") -> np.ndarray:
        arr = as_float_array(X, name, ndim=2)
        check_axis_size(arr, name, 1, self.layer_sizes[0], what="columns (layer_sizes[0])")
        return arr.astype(self.dtype, copy=False)

    def _check_Xy(
        self, X: Any, y: Any, x_name: str = "X", y_name: str = "y"
    ) -> tuple[np.ndarray, np.ndarray]:
        Xa = self._check_X(X, x_name)
        classes = 2 if self.output == "sigmoid" else self.layer_sizes[-1]
        source = "layer_sizes[-1]" if self.output == "softmax" else "output='sigmoid'"
        ya = as_label_array(y, y_name, num_classes=classes, classes_from=source)
        check_axis_size(ya, y_name, 0, Xa.shape[0], what=f"labels (one per row of {x_name})")
        return Xa, ya

    def _check_train_batch(self, X: np.ndarray) -> None:
        if self.batchnorm:
            check_int(X.shape[0], "the number of rows of X (batch norm in training mode)", 2)

    def _gen(self, rng: Any) -> np.random.Generator:
        return self._rng if rng is None else as_rng(rng)

    # --- the network ------------------------------------------------------------------

    def _forward(
        self, X: np.ndarray, *, train: bool, rng: np.random.Generator | None
    ) -> tuple[np.ndarray, list[np.ndarray], list[_Hidden], list[RunningStats]]:
        """Scores $Z^{[L]}$, the input of every dense layer, the hidden caches, new stats."""
        P = self.params
        L = self.n_layers
        inputs: list[np.ndarray] = []
        hidden: list[_Hidden] = []
        new_stats: list[RunningStats] = []
        A = X
        for layer in range(1, L):
            inputs.append(A)
            z = A @ P[f"W{layer}"]
            bn_cache = None
            if not self.batchnorm:
                z += P[f"b{layer}"]
            elif train:
                gamma, beta = P[f"gamma{layer}"], P[f"beta{layer}"]
                z, bn_cache, stats = _batchnorm_forward(
                    z, gamma, beta, self._running[layer - 1], BN_MOMENTUM, BN_EPS, False
                )
                new_stats.append(stats)
            else:
                gamma, beta = P[f"gamma{layer}"], P[f"beta{layer}"]
                z = _batchnorm_inference(z, gamma, beta, self._running[layer - 1], BN_EPS)
            A = self._g(z)
            mask = None
            if train and self.keep_prob < 1.0:
                assert rng is not None
                A, mask = _dropout_forward(A, self.keep_prob, rng)
            hidden.append(_Hidden(z, bn_cache, mask))
        inputs.append(A)
        scores = A @ P[f"W{L}"]
        scores += P[f"b{L}"]
        return scores, inputs, hidden, new_stats

    def _data_loss(self, scores: np.ndarray, y: np.ndarray) -> tuple[Any, np.ndarray]:
        """Mean cross-entropy of the scores and its gradient $dZ^{[L]}$."""
        if self.output == "softmax":
            return _softmax_cross_entropy_labels(scores, y)
        return _bce_with_logits(scores, y.astype(self.dtype)[:, None])

    def _backward(
        self, dscores: np.ndarray, inputs: list[np.ndarray], hidden: list[_Hidden]
    ) -> dict[str, np.ndarray]:
        P = self.params
        m = dscores.shape[0]
        lambd_over_m = self.l2 / m
        grads: dict[str, np.ndarray] = {}
        dz = dscores
        for layer in range(self.n_layers, 0, -1):
            W = P[f"W{layer}"]
            dW = inputs[layer - 1].T @ dz
            if lambd_over_m > 0.0:
                dW += _l2_grad(W, lambd_over_m)
            grads[f"W{layer}"] = dW
            if f"b{layer}" in P:
                grads[f"b{layer}"] = dz.sum(axis=0)
            if layer == 1:
                break
            da = dz @ W.T
            cache = hidden[layer - 2]
            if cache.mask is not None:
                da = _dropout_backward(da, cache.mask, self.keep_prob)
            da *= self._g_grad(cache.z)  # da is a fresh array: now dZ
            if cache.bn is not None:
                da, grads[f"gamma{layer - 1}"], grads[f"beta{layer - 1}"] = _batchnorm_backward(
                    da, cache.bn
                )
            dz = da
        return {key: grads[key] for key in P}

    def _evaluate(self, X: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """Loss (with the L2 term) and accuracy in evaluation mode, one forward pass."""
        scores = self._forward(X, train=False, rng=None)[0]
        loss = self._data_loss(scores, y)[0] + self._penalty(X.shape[0])
        return float(loss), float(np.mean(self._predict_scores(scores) == y))

    def _penalty(self, m: int) -> Any:
        if self.l2 == 0.0:
            return self.dtype.type(0.0)
        weights = [self.params[f"W{layer}"] for layer in range(1, self.n_layers + 1)]
        return self.dtype.type(l2_penalty(weights, self.l2, m))

    def _predict_scores(self, scores: np.ndarray) -> np.ndarray:
        if self.output == "softmax":
            return np.argmax(scores, axis=1)
        return (scores[:, 0] >= 0).astype(np.int64)

    # --- public methods ---------------------------------------------------------------

    def predict_proba(self, X: Any) -> np.ndarray:
        r"""Class probabilities in evaluation mode (running statistics, no dropout).

        Parameters
        ----------
        X : array_like, shape (m, n_0)
            Examples in rows, finite.

        Returns
        -------
        ndarray
            Shape ``(m, n_L)`` (softmax rows summing to 1), or ``(m,)`` with
            $P(y = 1)$ for ``output="sigmoid"``; in the model's dtype.

        Raises
        ------
        ValueError
            If ``X`` is not 2-D with ``n_0`` columns, is empty or not finite.
        TypeError
            If ``X`` is not numeric.

        Examples
        --------
        >>> import numpy as np
        >>> from dlref import MLP
        >>> p = MLP([3, 4, 2], rng=0).predict_proba(np.ones((2, 3)))
        >>> print(p.shape, p.sum(axis=1))
        (2, 2) [1. 1.]
        """
        scores = self._forward(self._check_X(X), train=False, rng=None)[0]
        if self.output == "softmax":
            return _log_softmax_parts(scores, -1)[1]
        return _sigmoid(scores[:, 0])

    def predict(self, X: Any) -> np.ndarray:
        r"""Predicted class labels: the argmax of the scores, or $\hat y \ge 1/2$ for sigmoid.

        Parameters
        ----------
        X : array_like, shape (m, n_0)
            Examples in rows, finite.

        Returns
        -------
        ndarray of int64, shape (m,)

        Raises
        ------
        ValueError
            If ``X`` is not 2-D with ``n_0`` columns, is empty or not finite.
        TypeError
            If ``X`` is not numeric.

        Examples
        --------
        >>> import numpy as np
        >>> from dlref import MLP
        >>> MLP([3, 4, 2], rng=0).predict(np.eye(3)).shape
        (3,)
        """
        scores = self._forward(self._check_X(X), train=False, rng=None)[0]
        return self._predict_scores(scores)

    def loss(
        self,
        X: Any,
        y: Any,
        *,
        train: bool = False,
        rng: np.random.Generator | int | None = None,
    ) -> np.floating[Any]:
        r"""The cost $J$: the mean cross-entropy plus the L2 penalty on the weights.

        $$
        J = -\frac{1}{m}\sum_{i=1}^{m} \log \hat y_{i, y_i}
        + \frac{\lambda}{2m} \sum_{l=1}^{L} \bigl\lVert W^{[l]} \bigr\rVert_F^2
        $$

        Parameters
        ----------
        X : array_like, shape (m, n_0)
            Examples in rows, finite.
        y : array_like of int, shape (m,)
            Class labels in $[0, n_L)$, or in $\{0, 1\}$ for ``output="sigmoid"``.
        train : bool, default False
            ``False``: evaluation mode (running batch-norm statistics, no
            dropout). ``True``: training mode (batch statistics, dropout masks
            drawn from ``rng``); the running statistics are *not* updated, so
            this is a pure function of the parameters and the seed.
        rng : numpy.random.Generator, int or None
            Source of the dropout masks (used only when ``train=True`` and
            ``keep_prob < 1``); ``None`` uses the model's generator.

        Returns
        -------
        numpy.floating
            A scalar in the model's dtype.

        Raises
        ------
        ValueError
            If ``X`` is not 2-D with ``n_0`` columns, the label count differs
            from the number of rows, a label is out of range, an array is empty
            or not finite, or batch norm in training mode gets one row.
        TypeError
            If an input has the wrong type, labels are not integers or
            ``train`` is not a bool.

        Examples
        --------
        >>> import numpy as np
        >>> from dlref import MLP
        >>> net = MLP([2, 3, 3], l2=0.5, rng=0)
        >>> X, y = np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([2, 0])
        >>> print(round(float(net.loss(X, y)), 4))        # cross-entropy + L2 term
        2.7538
        """
        Xa, ya = self._check_Xy(X, y)
        train = check_flag(train, "train")
        if rng is not None:
            as_rng(rng)  # checked even when unused (train=False)
        gen = None
        if train:
            self._check_train_batch(Xa)
            gen = self._gen(rng)
        scores = self._forward(Xa, train=train, rng=gen)[0]
        return self._data_loss(scores, ya)[0] + self._penalty(Xa.shape[0])

    def gradients(
        self, X: Any, y: Any, *, rng: np.random.Generator | int | None = None
    ) -> dict[str, np.ndarray]:
        r"""The gradient of ``loss(X, y, train=True, rng=rng)`` with respect to every parameter.

        One forward pass in training mode and one backward pass, as in a
        training step; the parameters and running statistics are not changed.

        Parameters
        ----------
        X : array_like, shape (m, n_0)
            Examples in rows, finite ($m \ge 2$ with batch norm).
        y : array_like of int, shape (m,)
            Class labels, as for [`loss`][dlref.nn.MLP.loss].
        rng : numpy.random.Generator, int or None
            Source of the dropout masks; pass the same int seed as to ``loss``
            to differentiate exactly that loss. ``None`` uses the model's
            generator.

        Returns
        -------
        dict of ndarray
            The keys and shapes of ``params``, in the model's dtype; new arrays.

        Raises
        ------
        ValueError
            As for [`loss`][dlref.nn.MLP.loss].
        TypeError
            As for [`loss`][dlref.nn.MLP.loss].

        Examples
        --------
        >>> import numpy as np
        >>> from dlref import MLP
        >>> net = MLP([2, 3, 3], rng=0)
        >>> X, y = np.array([[1.0, 2.0], [0.0, -1.0]]), np.array([2, 0])
        >>> grads = net.gradients(X, y)
        >>> print(np.round(grads["b2"], 4))          # mean of softmax - one_hot; sums to 0
        [-0.3375  0.5438 -0.2063]
        """
        Xa, ya = self._check_Xy(X, y)
        self._check_train_batch(Xa)
        scores, inputs, hidden, _ = self._forward(Xa, train=True, rng=self._gen(rng))
        dscores = self._data_loss(scores, ya)[1]
        return self._backward(dscores, inputs, hidden)

    def fit(
        self,
        X: Any,
        y: Any,
        *,
        optimizer: Optimizer,
        epochs: int = 10,
        batch_size: int = 64,
        X_dev: Any = None,
        y_dev: Any = None,
        lr_schedule: Callable[[int], float] | None = None,
        early_stopping: EarlyStopping | None = None,
        progress: bool = False,
        rng: np.random.Generator | int | None = None,
    ) -> History:
        r"""Train with mini-batch gradient descent; return the per-epoch history.

        Each epoch shuffles the training set, and for every mini-batch runs
        the forward pass in training mode, the backward pass, updates the
        batch-norm running statistics and takes one ``optimizer`` step on
        ``params`` (in place). At the end of the epoch it measures the loss
        and accuracy of the training set (and of the dev set) in evaluation
        mode.

        Parameters
        ----------
        X : array_like, shape (m, n_0)
            Training examples, finite.
        y : array_like of int, shape (m,)
            Training labels, as for [`loss`][dlref.nn.MLP.loss].
        optimizer : Optimizer
            Any [`dlref.optim`][dlref.optim] optimiser, e.g. ``Adam(1e-3)``;
            its state (moments, step count) carries over between calls to
            ``fit``. Use a fresh one per model.
        epochs : int, default 10
            Number of passes over the training set, $\ge 1$.
        batch_size : int, default 64
            Mini-batch size $\ge 1$; the last, partial batch is kept (with
            batch norm, a last batch of a single example is skipped).
        X_dev, y_dev : array_like, optional
            A dev set, given together; measured after every epoch.
        lr_schedule : callable, optional
            ``lr_schedule(epoch) -> lr`` with ``epoch`` counted from 1; its
            value is assigned to ``optimizer.lr`` before each epoch, e.g.
            ``lambda epoch: inverse_time_decay(0.01, epoch, 0.1)``.
        early_stopping : EarlyStopping, optional
            Fed the dev loss after every epoch (requires a dev set); training
            ends when it returns ``True``. When training ends, stopped early
            or not, the parameters (and running statistics) of its best epoch
            are restored, and ``History.best_epoch`` says which. Pass a fresh
            instance.
        progress : bool, default False
            Show a ``tqdm`` progress bar over the epochs (needs ``tqdm``, in
            the ``docs`` and ``test`` extras).
        rng : numpy.random.Generator, int or None
            Source of the shuffles and dropout masks; ``None`` uses the
            model's generator, so ``MLP(..., rng=0)`` then ``fit(...)`` is
            reproducible.

        Returns
        -------
        History
            Per-epoch losses, accuracies and learning rates.

        Raises
        ------
        ValueError
            If an array has the wrong shape, is empty or not finite, a label is
            out of range, only one of ``X_dev``/``y_dev`` is given or
            ``early_stopping`` has no dev set, ``epochs`` or ``batch_size`` is
            below 1, the schedule returns a negative rate, or the training
            loss becomes NaN/inf (training diverged: lower the learning rate).
        TypeError
            If an argument has the wrong type, labels are not integers or
            ``progress`` is not a bool.
        ImportError
            If ``progress=True`` and ``tqdm`` is not installed.

        Notes
        -----
        The losses in the history are measured after each epoch on the whole
        set in evaluation mode, not averaged over the epoch's mini-batches
        (Keras's ``loss``), so train and dev are measured the same way. Restoring
        the best parameters follows the advice of the notes on early stopping.
        Keras's ``EarlyStopping`` restores nothing by default
        (``restore_best_weights=False``); with ``True``, Keras 3 restores at the
        end of training, while older ``tf.keras`` restored only when it actually
        stopped early.

        Examples
        --------
        >>> import numpy as np
        >>> from dlref import MLP, SGD
        >>> X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [1.0, 2.0]])
        >>> y = np.array([0, 1, 1, 0])               # class 1 below the diagonal
        >>> net = MLP([2, 1], output="sigmoid", rng=0)  # logistic regression
        >>> h = net.fit(X, y, optimizer=SGD(0.5), epochs=20, batch_size=2,
        ...             lr_schedule=lambda epoch: 0.5 / epoch)
        >>> print(h.train_accuracy[-1], h.lr[:3], h.stopped_epoch)
        1.0 [0.5, 0.25, 0.16666666666666666] 20
        """
        Xa, ya = self._check_Xy(X, y)
        check_instance(optimizer, "optimizer", Optimizer, "a dlref Optimizer (e.g. Adam(1e-3))")
        n_epochs = check_int(epochs, "epochs", 1)
        size = check_int(batch_size, "batch_size", 1)
        check_requires(X_dev, "X_dev", y_dev, "y_dev")
        check_requires(y_dev, "y_dev", X_dev, "X_dev")
        dev = None if X_dev is None else self._check_Xy(X_dev, y_dev, "X_dev", "y_dev")
        if lr_schedule is not None:
            check_callable(lr_schedule, "lr_schedule")
        if early_stopping is not None:
            check_instance(early_stopping, "early_stopping", EarlyStopping, "a dlref EarlyStopping")
            check_requires(early_stopping, "early_stopping", X_dev, "X_dev and y_dev")
        progress = check_flag(progress, "progress")
        gen = self._gen(rng)

        epoch_iter: Any = range(1, n_epochs + 1)
        if progress:
            epoch_iter = _tqdm()(epoch_iter, desc="epochs", unit="epoch")
        history = History()
        best: tuple[dict[str, np.ndarray], list[RunningStats]] | None = None
        checked_step = False
        for epoch in epoch_iter:
            if lr_schedule is not None:
                optimizer.lr = lr_schedule(epoch)
            history.lr.append(optimizer.lr)
            for Xb, yb in minibatches(Xa, ya, size, rng=gen):
                if self.batchnorm and Xb.shape[0] < 2:
                    continue
                scores, inputs, hidden, stats = self._forward(Xb, train=True, rng=gen)
                grads = self._backward(self._data_loss(scores, yb)[1], inputs, hidden)
                if checked_step:
                    optimizer._step(self.params, grads)
                else:  # the first step checks the optimiser's state against params
                    optimizer.step(self.params, grads)
                    checked_step = True
                if self.batchnorm:
                    self._running = stats

            train_loss, train_acc = self._evaluate(Xa, ya)
            if not np.isfinite(train_loss):
                raise ValueError(
                    f"the training loss must be finite, got {train_loss} at epoch {epoch} "
                    "(training diverged: lower the learning rate)"
                )
            history.train_loss.append(train_loss)
            history.train_accuracy.append(train_acc)
            history.stopped_epoch = epoch
            stop = False
            if dev is not None:
                dev_loss, dev_acc = self._evaluate(*dev)
                history.dev_loss.append(dev_loss)
                history.dev_accuracy.append(dev_acc)
                if early_stopping is not None:
                    stop = early_stopping.update(dev_loss)
                    if early_stopping.best_epoch == early_stopping.epoch:
                        best = ({k: v.copy() for k, v in self.params.items()}, list(self._running))
            if progress:
                postfix = {"loss": f"{train_loss:.4f}"}
                if history.dev_loss:
                    postfix["dev_loss"] = f"{history.dev_loss[-1]:.4f}"
                epoch_iter.set_postfix(postfix)
            if stop:
                break
        if progress:
            epoch_iter.close()
        if early_stopping is not None and best is not None:
            saved, running = best
            for key, value in saved.items():
                self.params[key][...] = value
            self._running = running
            history.best_epoch = early_stopping.best_epoch
        return history


def _tqdm() -> Any:
    """The ``tqdm`` class, imported only when a progress bar is asked for."""
    try:
        from tqdm import tqdm
    except ImportError as exc:
        raise ImportError(
            "progress=True needs tqdm: pip install tqdm (it is in dlref's 'docs' and "
            "'test' extras: pip install 'dlref[test]')"
        ) from exc
    return tqdm
