r"""Optimisers (SGD, momentum, Nesterov, RMSprop, Adam) and learning-rate schedules.

Every optimiser is a small class with one method, ``step(params, grads)``: it
takes two dicts with the same keys, and updates each array of ``params`` in
place from the matching gradient, keeping whatever running averages it needs
per key. This in-place update is the one place in dlref where an input array is
modified. The schedules are plain functions of the epoch; assign their value to
the optimiser's ``lr`` between epochs. Cosine annealing, linear warm-up and the
learning-rate range test are in [`dlref.schedules`][dlref.schedules] (and can be
imported from here too).

Momentum comes in three forms in the literature, with different step sizes for
the same learning rate. dlref uses the exponentially weighted average of the
course (form 1):

| form | update | used by |
| --- | --- | --- |
| 1 | $v \leftarrow \beta v + (1-\beta) g$, $\;p \leftarrow p - \alpha v$ | Coursera notes, dlref |
| 2 | $v \leftarrow \beta v + g$, $\;p \leftarrow p - \alpha v$ | PyTorch ``SGD``, CS231n |
| 3 | $v \leftarrow \beta v - \alpha g$, $\;p \leftarrow p + v$ | Sutskever et al., Keras ``SGD`` |

For a constant gradient $g$, form 1 settles at steps of $\alpha g$; forms 2 and
3 at $\alpha g / (1-\beta)$, ten times larger for $\beta = 0.9$. Otherwise they
are the same algorithm: form 1 with $(\alpha, \beta)$ equals form 2 with
$(\alpha(1-\beta), \beta)$ at every step, even when $\alpha$ changes (both
multiply the whole velocity by the current rate), that is
``Momentum(lr, beta)`` $\equiv$ ``torch.optim.SGD(lr=lr * (1 - beta), momentum=beta)``;
form 3 equals them only while the rate is constant, because its $v$ stores the
rates of past steps.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Hashable, Mapping
from typing import Any

import numpy as np

from dlref._checks import (
    as_float_array,
    check_flag,
    check_in_range,
    check_int,
    check_same_keys,
    check_same_shape,
)

# Re-exported (not in ``__all__``, which lists what this module defines): the
# newer schedules and the range test live in dlref.schedules.
from dlref.schedules import cosine_annealing as cosine_annealing
from dlref.schedules import linear_warmup as linear_warmup
from dlref.schedules import lr_range_test as lr_range_test

__all__ = [
    "SGD",
    "Adam",
    "AdamW",
    "Momentum",
    "Nesterov",
    "Optimizer",
    "RMSprop",
    "exponential_decay",
    "inverse_sqrt_decay",
    "inverse_time_decay",
    "step_decay",
]


def _check_beta(value: Any, name: str) -> float:
    return check_in_range(value, name, 0.0, 1.0, high_inclusive=False)


def _check_eps(value: Any) -> float:
    return check_in_range(value, "eps", 0.0, None, low_inclusive=False)


class Optimizer(ABC):
    r"""Base class: the learning rate, per-key state and the checks of ``step``.

    Subclasses implement one update rule. ``step(params, grads)`` validates
    everything first (same keys, same shapes, finite gradients) and only then
    updates, so a bad call leaves ``params`` and the state untouched.

    Parameters
    ----------
    lr : float
        Learning rate $\alpha \ge 0$. It is a settable property, validated on
        every assignment, so a schedule can change it between steps.

    Attributes
    ----------
    state : dict
        Per-key state, e.g. ``state["W"]["v"]`` for momentum; arrays have the
        shape and dtype of the parameter. Read it, do not write it.

    Examples
    --------
    >>> from dlref import Momentum, step_decay
    >>> opt = Momentum(lr=0.1)
    >>> opt.lr = step_decay(0.1, epoch=11, drop=0.5, every=10)
    >>> opt.lr
    0.05
    """

    def __init__(self, lr: float) -> None:
        self.lr = lr
        self.state: dict[Hashable, dict[str, Any]] = {}

    @property
    def lr(self) -> float:
        """The learning rate, in $[0, \\infty)$."""
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:
        self._lr = check_in_range(value, "lr", 0.0, None)

    def _hyper(self) -> dict[str, float]:
        return {"lr": self.lr}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._hyper().items())
        return f"{type(self).__name__}({args})"

    def step(self, params: Mapping[Any, np.ndarray], grads: Mapping[Any, Any]) -> None:
        r"""Update every array of ``params`` in place from ``grads``.

        Parameters
        ----------
        params : dict of ndarray
            The parameters, float32 or float64 arrays, finite, non-empty. They
            are modified in place (the dict itself is not changed).
        grads : dict of array_like
            The gradients, with exactly the keys of ``params`` and the shape of
            each parameter; finite. Never modified. Cast to the parameter's
            dtype, so float32 parameters and their state stay float32.

        Raises
        ------
        ValueError
            If the keys differ, a shape differs (also from the shape a key had
            at an earlier step), or a value is NaN/inf or empty.
        TypeError
            If ``params``/``grads`` is not a mapping, or a parameter is not a
            writeable float32/float64 ``ndarray``.
        """
        checked = []
        check_same_keys(params, "params", grads, "grads")
        for key in params:
            p_name, g_name = f"params[{key!r}]", f"grads[{key!r}]"
            p = params[key]
            if not isinstance(p, np.ndarray) or p.dtype not in (np.float32, np.float64):
                kind = type(p).__name__ + (f" of dtype {p.dtype}" if hasattr(p, "dtype") else "")
                raise TypeError(
                    f"{p_name} must be a float32 or float64 numpy.ndarray "
                    f"(it is updated in place), got {kind}"
                )
            if not p.flags.writeable:
                raise ValueError(f"{p_name} must be writeable (it is updated in place)")
            as_float_array(p, p_name)
            g = as_float_array(grads[key], g_name)
            check_same_shape(p, p_name, g, g_name)
            if key in self.state:
                first = next(iter(self.state[key].values()))
                if isinstance(first, np.ndarray):
                    check_same_shape(first, f"the optimiser state of {p_name}", p, p_name)
            checked.append((key, p, g.astype(p.dtype, copy=False)))
        for key, p, g in checked:
            self._update(key, p, g)

    def _step(self, params: Mapping[Any, np.ndarray], grads: Mapping[Any, np.ndarray]) -> None:
        """``step`` without the checks, for a training loop that owns both dicts.

        The caller guarantees what ``step`` checks: the same keys, writeable
        float arrays, gradients of each parameter's shape and dtype, finite
        values, and state that matches (call ``step`` once first to check it).
        """
        for key, p in params.items():
            self._update(key, p, grads[key])

    @abstractmethod
    def _update(self, key: Hashable, p: np.ndarray, g: np.ndarray) -> None:
        """Apply the update rule to one parameter in place (each subclass has one)."""


class SGD(Optimizer):
    r"""Plain (mini-batch) stochastic gradient descent.

    The step is the negative gradient scaled by the learning rate; there is no
    state. It is the baseline every other optimiser here modifies.

    $$
    p \leftarrow p - \alpha\, g
    $$

    Parameters
    ----------
    lr : float
        Learning rate $\alpha \ge 0$ (settable property).

    Raises
    ------
    ValueError
        If ``lr`` is negative or not finite; ``step`` as in
        [`Optimizer.step`][dlref.optim.Optimizer.step].

    Notes
    -----
    Equals ``torch.optim.SGD(params, lr=lr)`` (momentum 0) and Keras
    ``SGD(learning_rate=lr)``.

    References
    ----------
    H. Robbins and S. Monro, "A Stochastic Approximation Method", Annals of
    Mathematical Statistics 22(3), 1951. https://doi.org/10.1214/aoms/1177729586

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import SGD
    >>> params = {"w": np.array([1.0, -2.0])}
    >>> SGD(lr=0.1).step(params, {"w": np.array([0.5, -1.0])})
    >>> print(params["w"])
    [ 0.95 -1.9 ]
    """

    def _update(self, key: Hashable, p: np.ndarray, g: np.ndarray) -> None:
        p -= self.lr * g


class Momentum(Optimizer):
    r"""Gradient descent with momentum (the exponentially weighted form).

    The step follows an exponentially weighted average of past gradients
    instead of the current one: oscillating components cancel out, consistent
    ones add up, which speeds progress along shallow valleys and damps the
    zig-zag across steep ones.

    $$
    v \leftarrow \beta v + (1-\beta)\, g, \qquad p \leftarrow p - \alpha\, v
    $$

    with $v = 0$ at the start (one $v$ per key).

    Parameters
    ----------
    lr : float
        Learning rate $\alpha \ge 0$ (settable property).
    beta : float, default 0.9
        $\beta \in [0, 1)$; $v$ averages over roughly $1/(1-\beta)$ steps.
        ``beta=0`` is [`SGD`][dlref.optim.SGD].

    Raises
    ------
    ValueError
        If ``lr < 0`` or ``beta`` is outside $[0, 1)$; ``step`` as in
        [`Optimizer.step`][dlref.optim.Optimizer.step].

    Notes
    -----
    **Three momentum forms.** (1) this one, $v \leftarrow \beta v + (1-\beta) g$,
    $p \leftarrow p - \alpha v$ (Coursera); (2) $v \leftarrow \beta v + g$,
    $p \leftarrow p - \alpha v$ (PyTorch, CS231n), whose steps are $1/(1-\beta)$
    times larger for the same $\alpha$; (3) $v \leftarrow \beta v - \alpha g$,
    $p \leftarrow p + v$ (Sutskever et al., Keras ``SGD(momentum=...)``), which
    is form 2 with $v_3 = -\alpha v_2$ while $\alpha$ is constant. Hence

    ``Momentum(lr, beta)`` $\equiv$ ``torch.optim.SGD(lr=lr * (1 - beta), momentum=beta)``

    step for step, also under a schedule if the PyTorch rate is kept at
    ``lr * (1 - beta)`` (PyTorch starts its buffer at the first gradient, which
    is the same as starting from $v = 0$). Keras ``SGD(learning_rate=lr * (1 - beta),
    momentum=beta)`` (form 3) matches only while the rate is constant: when it
    changes, forms 1 and 2 rescale the whole accumulated step at once, while
    form 3 keeps the old rates inside $v$. No bias correction is applied: the
    first steps are smaller by a factor $1-\beta^t$ (see [`Adam`][dlref.optim.Adam]
    for the corrected form).

    References
    ----------
    B. T. Polyak, "Some methods of speeding up the convergence of iteration
    methods", USSR Computational Mathematics and Mathematical Physics 4(5), 1964.
    https://doi.org/10.1016/0041-5553(64)90137-5

    I. Sutskever, J. Martens, G. Dahl and G. Hinton, "On the importance of
    initialization and momentum in deep learning", ICML 2013.
    https://proceedings.mlr.press/v28/sutskever13.html

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import Momentum
    >>> params, opt = {"w": np.array([1.0])}, Momentum(lr=0.1, beta=0.9)
    >>> for _ in range(2):
    ...     opt.step(params, {"w": np.array([1.0])})
    ...     print(np.round(opt.state["w"]["v"], 4), np.round(params["w"], 4))
    ...
    [0.1] [0.99]
    [0.19] [0.971]
    """

    def __init__(self, lr: float, beta: float = 0.9) -> None:
        super().__init__(lr)
        self.beta = _check_beta(beta, "beta")

    def _hyper(self) -> dict[str, float]:
        return {"lr": self.lr, "beta": self.beta}

    def _velocity(self, key: Hashable, p: np.ndarray, g: np.ndarray) -> np.ndarray:
        if key not in self.state:
            self.state[key] = {"v": np.zeros_like(p)}
        v: np.ndarray = self.state[key]["v"]
        v *= self.beta
        v += (1.0 - self.beta) * g
        return v

    def _update(self, key: Hashable, p: np.ndarray, g: np.ndarray) -> None:
        p -= self.lr * self._velocity(key, p, g)


class Nesterov(Momentum):
    r"""Nesterov accelerated gradient, in the look-ahead form with the same $v$.

    Momentum first moves along $v$ and then corrects with the gradient;
    Nesterov's method takes the gradient at the point the momentum is about to
    carry the parameters to, so it corrects earlier and overshoots less. Written
    in the variables that training actually stores, the update is:

    $$
    v \leftarrow \beta v + (1-\beta)\, g, \qquad
    p \leftarrow p - \alpha\,\big(\beta v + (1-\beta)\, g\big)
    $$

    with $v = 0$ at the start, and $g$ the gradient at the current $p$.

    Parameters
    ----------
    lr : float
        Learning rate $\alpha \ge 0$ (settable property).
    beta : float, default 0.9
        $\beta \in [0, 1)$.

    Raises
    ------
    ValueError
        If ``lr < 0`` or ``beta`` is outside $[0, 1)$; ``step`` as in
        [`Optimizer.step`][dlref.optim.Optimizer.step].

    Notes
    -----
    **Derivation.** Sutskever et al. (2013) write Nesterov's method with a
    gradient taken at the look-ahead point $\theta + \mu u$ (form 3 of the
    momentum forms, rate $\varepsilon$):

    $$
    u_{t+1} = \mu u_t - \varepsilon \nabla f(\theta_t + \mu u_t), \qquad
    \theta_{t+1} = \theta_t + u_{t+1}.
    $$

    Following Bengio et al. (2012), store the look-ahead point
    $\phi_t = \theta_t + \mu u_t$ instead of $\theta_t$. Then
    $\phi_{t+1} = \theta_t + (1+\mu) u_{t+1} = \phi_t - \mu u_t + (1+\mu) u_{t+1}$,
    and since $u_{t+1} - \mu u_t = -\varepsilon \nabla f(\phi_t)$,

    $$
    \phi_{t+1} = \phi_t + \mu u_{t+1} - \varepsilon \nabla f(\phi_t):
    $$

    only the gradient at the stored point is needed. Finally put
    $u = -\alpha v$, $\mu = \beta$, $\varepsilon = \alpha(1-\beta)$: the
    velocity update becomes $v \leftarrow \beta v + (1-\beta) g$ and the
    parameter update $p \leftarrow p - \alpha(\beta v + (1-\beta) g)$, the
    formula above. The parameters the optimiser holds are the look-ahead
    points; at convergence $u \to 0$ and the two coincide.

    **Mappings** (see [`Momentum`][dlref.optim.Momentum] for the three momentum
    forms): ``Nesterov(lr, beta)`` $\equiv$
    ``torch.optim.SGD(lr=lr * (1 - beta), momentum=beta, nesterov=True)``, step
    for step; Keras ``SGD(learning_rate=lr * (1 - beta), momentum=beta, nesterov=True)``
    for a constant rate.
    The notes describe the idea ("estimate where $v$ takes us, use the gradient
    there") without the formula; this is the form all the libraries implement.

    References
    ----------
    Y. Nesterov, "A method for solving the convex programming problem with
    convergence rate O(1/k^2)", Doklady AN SSSR 269, 1983.

    I. Sutskever, J. Martens, G. Dahl and G. Hinton, "On the importance of
    initialization and momentum in deep learning", ICML 2013.
    https://proceedings.mlr.press/v28/sutskever13.html

    Y. Bengio, N. Boulanger-Lewandowski and R. Pascanu, "Advances in Optimizing
    Recurrent Networks", 2012. https://arxiv.org/abs/1212.0901

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import Nesterov
    >>> params = {"w": np.array([1.0])}
    >>> Nesterov(lr=0.1, beta=0.9).step(params, {"w": np.array([1.0])})
    >>> print(np.round(params["w"], 4))   # 1 - 0.1 * (0.9 * 0.1 + 0.1 * 1)
    [0.981]
    """

    def _update(self, key: Hashable, p: np.ndarray, g: np.ndarray) -> None:
        v = self._velocity(key, p, g)
        p -= self.lr * (self.beta * v + (1.0 - self.beta) * g)


class RMSprop(Optimizer):
    r"""RMSprop: divide each gradient by a running root mean square of its history.

    Each coordinate gets its own step size: large where gradients have been
    large (or oscillating), small where they have been small, which evens out
    progress across directions of very different curvature.

    $$
    s \leftarrow \beta s + (1-\beta)\, g^2, \qquad
    p \leftarrow p - \alpha\, \frac{g}{\sqrt{s} + \varepsilon}
    $$

    elementwise, with $s = 0$ at the start (one $s$ per key).

    Parameters
    ----------
    lr : float
        Learning rate $\alpha \ge 0$ (settable property).
    beta : float, default 0.9
        Decay $\beta \in [0, 1)$ of the squared-gradient average.
    eps : float, default 1e-8
        $\varepsilon > 0$, added *outside* the square root.

    Raises
    ------
    ValueError
        If ``lr < 0``, ``beta`` is outside $[0, 1)$ or ``eps <= 0``; ``step`` as
        in [`Optimizer.step`][dlref.optim.Optimizer.step].

    Notes
    -----
    **Slip in the notes.** The Coursera notes write the bias update as
    $b := b - \alpha\, dW / (\sqrt{s_{dW}} + \varepsilon)$; it must use the
    bias's own gradient and average, $b := b - \alpha\, db / (\sqrt{s_{db}} + \varepsilon)$.
    Here each key has its own $s$, so the mix-up cannot happen.

    **Mappings.** ``RMSprop(lr, beta, eps)`` $\equiv$
    ``torch.optim.RMSprop(lr=lr, alpha=beta, eps=eps)`` (same $\varepsilon$
    placement; PyTorch's default is ``alpha=0.99``). Keras ``RMSprop(rho=beta)``
    puts $\varepsilon$ *inside* the root, $g / \sqrt{s + \varepsilon}$, with
    default $10^{-7}$: the same only when $\varepsilon$ is negligible. No bias
    correction: with $s_0 = 0$ the first step is $\alpha / \sqrt{1-\beta}$ per
    coordinate, about $3.16\,\alpha$ for $\beta = 0.9$.

    References
    ----------
    T. Tieleman and G. Hinton, "Lecture 6.5 - RMSprop: Divide the gradient by a
    running average of its recent magnitude", COURSERA: Neural Networks for
    Machine Learning, 2012.
    https://www.cs.toronto.edu/~tijmen/csc321/slides/lecture_slides_lec6.pdf

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import RMSprop
    >>> params = {"w": np.array([1.0, 1.0])}
    >>> RMSprop(lr=0.01, beta=0.9).step(params, {"w": np.array([2.0, -0.01])})
    >>> print(np.round(params["w"], 4))    # both move by 0.01 / sqrt(0.1)
    [0.9684 1.0316]
    """

    def __init__(self, lr: float, beta: float = 0.9, eps: float = 1e-8) -> None:
        super().__init__(lr)
        self.beta = _check_beta(beta, "beta")
        self.eps = _check_eps(eps)

    def _hyper(self) -> dict[str, float]:
        return {"lr": self.lr, "beta": self.beta, "eps": self.eps}

    def _update(self, key: Hashable, p: np.ndarray, g: np.ndarray) -> None:
        if key not in self.state:
            self.state[key] = {"s": np.zeros_like(p)}
        s: np.ndarray = self.state[key]["s"]
        s *= self.beta
        s += (1.0 - self.beta) * (g * g)
        p -= self.lr * g / (np.sqrt(s) + self.eps)


class Adam(Optimizer):
    r"""Adam: momentum and RMSprop together, with bias correction.

    Adam keeps an exponentially weighted average of the gradients (first moment,
    as in [`Momentum`][dlref.optim.Momentum]) and of their squares (second
    moment, as in [`RMSprop`][dlref.optim.RMSprop]). Both start at zero, which
    biases them towards zero early on; dividing by $1-\beta^t$ removes that bias.

    $$
    m \leftarrow \beta_1 m + (1-\beta_1)\, g, \qquad
    v \leftarrow \beta_2 v + (1-\beta_2)\, g^2,
    $$

    $$
    \hat m = \frac{m}{1-\beta_1^{t}}, \qquad
    \hat v = \frac{v}{1-\beta_2^{t}}, \qquad
    p \leftarrow p - \alpha\, \frac{\hat m}{\sqrt{\hat v} + \varepsilon}
    $$

    where $t = 1, 2, \dots$ counts the steps taken for that key.

    Parameters
    ----------
    lr : float, default 1e-3
        Learning rate $\alpha \ge 0$ (settable property).
    beta1 : float, default 0.9
        Decay $\beta_1 \in [0, 1)$ of the first moment.
    beta2 : float, default 0.999
        Decay $\beta_2 \in [0, 1)$ of the second moment.
    eps : float, default 1e-8
        $\varepsilon > 0$, added *outside* the square root, after bias correction.

    Raises
    ------
    ValueError
        If ``lr < 0``, a beta is outside $[0, 1)$ or ``eps <= 0``; ``step`` as
        in [`Optimizer.step`][dlref.optim.Optimizer.step].

    Notes
    -----
    At $t = 1$, $\hat m = g$ and $\hat v = g^2$, so the first step is
    $\alpha\, g / (|g| + \varepsilon) \approx \alpha \operatorname{sign}(g)$:
    Adam's step size is set by $\alpha$, not by the size of the gradient. The
    first moment is form 1 of the three momentum forms (see
    [`Momentum`][dlref.optim.Momentum]); its $(1-\beta_1)$ factor is what makes
    $\hat m$ an average of gradients rather than a sum.

    **Step counter.** $t$ is kept per key and counts that key's own steps, as
    PyTorch does (``state["step"]`` per parameter). Keras counts the
    optimiser's iterations; the two agree when every key is updated at every
    step.

    **Mappings.** ``Adam(lr, beta1, beta2, eps)`` $\equiv$
    ``torch.optim.Adam(lr=lr, betas=(beta1, beta2), eps=eps)``. Keras folds the
    bias correction into the rate and adds $\varepsilon$ to the uncorrected
    $\sqrt{v}$ (the paper's "$\hat\epsilon$" variant): that equals this update
    with $\varepsilon / \sqrt{1-\beta_2^t}$ in place of $\varepsilon$, larger in
    the first steps; its default is also $10^{-7}$ rather than $10^{-8}$.
    The defaults $\beta_1 = 0.9$, $\beta_2 = 0.999$, $\varepsilon = 10^{-8}$
    are the paper's and the notes'; usually only $\alpha$ is tuned.

    References
    ----------
    D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization",
    ICLR 2015. https://arxiv.org/abs/1412.6980

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import Adam
    >>> params = {"w": np.array([0.0, 0.0])}
    >>> Adam(lr=0.1).step(params, {"w": np.array([3.0, -0.001])})
    >>> print(np.round(params["w"], 4))    # first step: about -lr * sign(g)
    [-0.1  0.1]
    """

    def __init__(
        self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
    ) -> None:
        super().__init__(lr)
        self.beta1 = _check_beta(beta1, "beta1")
        self.beta2 = _check_beta(beta2, "beta2")
        self.eps = _check_eps(eps)

    def _hyper(self) -> dict[str, float]:
        return {"lr": self.lr, "beta1": self.beta1, "beta2": self.beta2, "eps": self.eps}

    def _update(self, key: Hashable, p: np.ndarray, g: np.ndarray) -> None:
        if key not in self.state:
            self.state[key] = {"m": np.zeros_like(p), "v": np.zeros_like(p), "t": 0}
        st = self.state[key]
        st["t"] += 1
        t: int = st["t"]
        m: np.ndarray = st["m"]
        v: np.ndarray = st["v"]
        # Each line below is one array operation, done in place on the state or
        # on ``tmp``, the one temporary array of the update.
        tmp = (1.0 - self.beta1) * g
        m *= self.beta1
        m += tmp  # m = beta1 m + (1 - beta1) g
        np.multiply(g, g, out=tmp)
        tmp *= 1.0 - self.beta2
        v *= self.beta2
        v += tmp  # v = beta2 v + (1 - beta2) g^2
        # p -= lr * m_hat / (sqrt(v_hat) + eps) with m_hat = m / c1, v_hat = v / c2,
        # c1 = 1 - beta1^t, c2 = 1 - beta2^t. Multiplying numerator and denominator
        # by sqrt(c2) moves the corrections onto scalars (the paper's Section 2
        # remark): p -= (lr sqrt(c2) / c1) * m / (sqrt(v) + eps sqrt(c2)), the same
        # update (equal up to rounding; eps stays outside the square root of v_hat).
        sqrt_c2 = math.sqrt(1.0 - self.beta2**t)
        denom = np.sqrt(v, out=tmp)
        denom += self.eps * sqrt_c2
        step = np.divide(m, denom, out=tmp)
        step *= self.lr * sqrt_c2 / (1.0 - self.beta1**t)
        p -= step


class AdamW(Adam):
    r"""Adam with decoupled weight decay: the decay shrinks the weights directly.

    Adding $\frac{\lambda}{2}\lVert p\rVert^2$ to the loss puts $\lambda p$ into
    the gradient, and Adam then divides it by $\sqrt{\hat v} + \varepsilon$ like
    any other gradient: weights with large gradients are hardly decayed, and
    the decay is no longer the same fraction of every weight. AdamW takes the
    decay out of the gradient and applies it to the weight itself, next to the
    Adam step ([`Adam`][dlref.optim.Adam] with the same $m$, $v$, $t$). With
    ``decay_scaled_by_lr=True`` (PyTorch's form)

    $$
    p \leftarrow (1 - \alpha\lambda)\, p - \alpha\,
    \frac{\hat m}{\sqrt{\hat v} + \varepsilon},
    $$

    and with ``decay_scaled_by_lr=False`` (the paper's Algorithm 2 with a
    constant schedule multiplier $\eta_t = 1$)

    $$
    p \leftarrow (1 - \lambda)\, p - \alpha\,
    \frac{\hat m}{\sqrt{\hat v} + \varepsilon}.
    $$

    Both use the weight before the step; ``g`` never contains $\lambda p$.

    Parameters
    ----------
    lr : float, default 1e-3
        Learning rate $\alpha \ge 0$ (settable property), as in
        [`Adam`][dlref.optim.Adam].
    beta1 : float, default 0.9
        Decay $\beta_1 \in [0, 1)$ of the first moment.
    beta2 : float, default 0.999
        Decay $\beta_2 \in [0, 1)$ of the second moment.
    eps : float, default 1e-8
        $\varepsilon > 0$, added outside the square root, as in Adam.
    weight_decay : float, default 1e-2
        $\lambda \ge 0$. ``0`` gives exactly Adam. The default is PyTorch's.
    decay_scaled_by_lr : bool, default True
        ``True`` multiplies the decay by the learning rate, as
        ``torch.optim.AdamW`` and Keras do, so a learning-rate schedule also
        scales the decay. ``False`` keeps the decay at $\lambda$ per step, as in
        Algorithm 2 of the paper with a constant schedule multiplier
        $\eta_t = 1$; the paper multiplies $\lambda$ by $\eta_t$ when there is a
        schedule, so with ``False`` under a schedule pass
        ``weight_decay = lambda * eta_t`` yourself at each step.

    Raises
    ------
    ValueError
        As for [`Adam`][dlref.optim.Adam], and if ``weight_decay`` is negative
        or not finite, or if the decay factor per step, $\alpha\lambda$ (or
        $\lambda$), is above 1: that would flip the sign of every weight.
    TypeError
        If ``decay_scaled_by_lr`` is not a bool.

    Notes
    -----
    **Mappings.** ``AdamW(lr, beta1, beta2, eps, weight_decay)`` $\equiv$
    ``torch.optim.AdamW(lr=lr, betas=(beta1, beta2), eps=eps,
    weight_decay=weight_decay)``. With ``decay_scaled_by_lr=False`` the
    PyTorch equivalent is ``weight_decay = lambda / lr`` (and it changes when
    ``lr`` does). ``torch.optim.Adam(weight_decay=...)`` is *not* this: it adds
    $\lambda p$ to the gradient (L2 inside Adam).

    **Which weights.** Decay is usually not applied to biases or batch-norm
    $\gamma, \beta$; give those to a second optimiser with
    ``weight_decay=0`` (one optimiser per group, as PyTorch's parameter
    groups do).

    References
    ----------
    I. Loshchilov and F. Hutter, "Decoupled Weight Decay Regularization",
    ICLR 2019. https://arxiv.org/abs/1711.05101

    Examples
    --------
    The decay does not depend on the gradient: with ``lr=0.1`` and
    ``weight_decay=0.5`` each weight first loses 5 % of itself, whatever its
    gradient, then takes Adam's first step of about ``lr * sign(g)``.

    >>> import numpy as np
    >>> from dlref import AdamW
    >>> params = {"w": np.array([2.0, 2.0])}
    >>> AdamW(lr=0.1, weight_decay=0.5).step(params, {"w": np.array([1000.0, 0.001])})
    >>> print(np.round(params["w"], 4))    # 2 - 0.1*0.5*2 - 0.1*sign(g)
    [1.8 1.8]
    """

    def __init__(
        self,
        lr: float = 1e-3,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        weight_decay: float = 1e-2,
        *,
        decay_scaled_by_lr: bool = True,
    ) -> None:
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = check_in_range(weight_decay, "weight_decay", 0.0, None)
        self.decay_scaled_by_lr = check_flag(decay_scaled_by_lr, "decay_scaled_by_lr")
        self._decay_factor()

    def _hyper(self) -> dict[str, Any]:
        return {
            **super()._hyper(),
            "weight_decay": self.weight_decay,
            "decay_scaled_by_lr": self.decay_scaled_by_lr,
        }

    def _decay_factor(self) -> float:
        factor = self.lr * self.weight_decay if self.decay_scaled_by_lr else self.weight_decay
        if factor > 1.0:
            what = "lr * weight_decay" if self.decay_scaled_by_lr else "weight_decay"
            raise ValueError(
                f"{what} must be in [0, 1] (the fraction of each weight removed per step), "
                f"got {factor!r} (lr={self.lr!r}, weight_decay={self.weight_decay!r})"
            )
        return factor

    def step(self, params: Mapping[Any, np.ndarray], grads: Mapping[Any, Any]) -> None:
        self._decay_factor()  # checked before any parameter changes (lr may have been set)
        super().step(params, grads)

    step.__doc__ = Optimizer.step.__doc__

    def _update(self, key: Hashable, p: np.ndarray, g: np.ndarray) -> None:
        # Shrink first, as torch.optim.AdamW does; the Adam step reads only m, v, g.
        p *= 1.0 - self._decay_factor()
        super()._update(key, p, g)


# --- learning-rate schedules --------------------------------------------------


def inverse_time_decay(lr0: float, epoch: int, decay_rate: float) -> float:
    r"""Inverse-time decay: $\alpha = \alpha_0 / (1 + \text{decay\_rate}\cdot\text{epoch})$.

    The rate falls like $1/\text{epoch}$: quickly at first, then ever more
    slowly. A fixed rate only brings mini-batch gradient descent to a noisy
    neighbourhood of the minimum; a decaying one lets it settle.

    $$
    \alpha_{\text{epoch}} = \frac{\alpha_0}{1 + \text{decay\_rate} \cdot \text{epoch}}
    $$

    Parameters
    ----------
    lr0 : float
        Initial learning rate $\alpha_0 \ge 0$.
    epoch : int
        Epoch number, counted from 1 (the first pass over the data is epoch 1);
        0 is also accepted and gives $\alpha_0$, the rate before any decay.
    decay_rate : float
        $\ge 0$; 0 means no decay.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``lr0 < 0``, ``decay_rate < 0`` or ``epoch < 0``.
    TypeError
        If ``epoch`` is not an integer.

    Notes
    -----
    **Epoch convention** (all four schedules): epochs count from 1. Epoch 0 is
    accepted exactly where the formula gives $\alpha_0$ there
    (this function and [`exponential_decay`][dlref.optim.exponential_decay]);
    [`inverse_sqrt_decay`][dlref.optim.inverse_sqrt_decay] and
    [`step_decay`][dlref.optim.step_decay] need ``epoch >= 1``. With the notes'
    formula the rate is already decayed in epoch 1 ($0.2 \to 0.1$ below).
    Keras ``InverseTimeDecay(lr0, decay_steps=1, decay_rate)`` counts steps from
    0, so its value at step $k$ is this function at ``epoch=k``.

    References
    ----------
    A. Ng, "Learning rate decay", Improving Deep Neural Networks (Coursera), 2017.
    L. Bottou, "Stochastic Gradient Descent Tricks", Neural Networks: Tricks of
    the Trade, 2012. https://doi.org/10.1007/978-3-642-35289-8_25

    Examples
    --------
    >>> from dlref import inverse_time_decay
    >>> for epoch in range(1, 5):
    ...     print(epoch, round(inverse_time_decay(0.2, epoch, decay_rate=1.0), 3))
    ...
    1 0.1
    2 0.067
    3 0.05
    4 0.04
    """
    a0 = check_in_range(lr0, "lr0", 0.0, None)
    e = check_int(epoch, "epoch", minimum=0)
    rate = check_in_range(decay_rate, "decay_rate", 0.0, None)
    return a0 / (1.0 + rate * e)


def exponential_decay(lr0: float, epoch: int, base: float = 0.95) -> float:
    r"""Exponential decay: $\alpha = \alpha_0 \cdot \text{base}^{\text{epoch}}$.

    The rate shrinks by the same factor every epoch.

    $$
    \alpha_{\text{epoch}} = \alpha_0 \, \text{base}^{\,\text{epoch}}
    $$

    Parameters
    ----------
    lr0 : float
        Initial learning rate $\alpha_0 \ge 0$.
    epoch : int
        Epoch number counted from 1; 0 is accepted and gives $\alpha_0$.
    base : float, default 0.95
        Factor per epoch, in $(0, 1]$ (1 means no decay).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``lr0 < 0``, ``base`` is outside $(0, 1]$ or ``epoch < 0``.
    TypeError
        If ``epoch`` is not an integer.

    Notes
    -----
    PyTorch's ``ExponentialLR(gamma=base)`` keeps $\alpha_0$ for the first
    epoch: after ``k`` calls of ``scheduler.step()`` its rate is
    ``exponential_decay(lr0, k)``, i.e. its rate in epoch $e$ (from 1) is this
    function at ``epoch=e - 1``. See
    [`inverse_time_decay`][dlref.optim.inverse_time_decay] for the epoch
    convention.

    References
    ----------
    A. Ng, "Learning rate decay", Improving Deep Neural Networks (Coursera), 2017.

    Examples
    --------
    >>> from dlref import exponential_decay
    >>> print(round(exponential_decay(0.2, 1), 4), round(exponential_decay(0.2, 10), 4))
    0.19 0.1197
    """
    a0 = check_in_range(lr0, "lr0", 0.0, None)
    e = check_int(epoch, "epoch", minimum=0)
    b = check_in_range(base, "base", 0.0, 1.0, low_inclusive=False)
    return a0 * b**e


def inverse_sqrt_decay(lr0: float, epoch: int, k: float = 1.0) -> float:
    r"""Inverse square-root decay: $\alpha = k\,\alpha_0 / \sqrt{\text{epoch}}$ (the notes' form).

    Slower than [`inverse_time_decay`][dlref.optim.inverse_time_decay]: the
    rate halves when the epoch count quadruples.

    $$
    \alpha_{\text{epoch}} = \frac{k}{\sqrt{\text{epoch}}}\, \alpha_0
    $$

    Parameters
    ----------
    lr0 : float
        Initial learning rate $\alpha_0 \ge 0$.
    epoch : int
        Epoch number, $\ge 1$ (the formula is undefined at 0).
    k : float, default 1.0
        Constant $k > 0$; with $k = 1$ epoch 1 uses $\alpha_0$.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``lr0 < 0``, ``k <= 0`` or ``epoch < 1``.
    TypeError
        If ``epoch`` is not an integer.

    Notes
    -----
    The notes also give the variant $k\alpha_0/\sqrt{t}$ with $t$ the
    mini-batch count instead of the epoch; pass that count as ``epoch``.
    Transformer warm-up schedules use the same $1/\sqrt{t}$ tail.

    References
    ----------
    A. Ng, "Learning rate decay", Improving Deep Neural Networks (Coursera), 2017.

    Examples
    --------
    >>> from dlref import inverse_sqrt_decay
    >>> print([round(inverse_sqrt_decay(0.2, e), 4) for e in (1, 4, 16)])
    [0.2, 0.1, 0.05]
    """
    a0 = check_in_range(lr0, "lr0", 0.0, None)
    e = check_int(epoch, "epoch", minimum=1)
    kk = check_in_range(k, "k", 0.0, None, low_inclusive=False)
    return kk * a0 / math.sqrt(e)


def step_decay(lr0: float, epoch: int, drop: float = 0.5, every: int = 10) -> float:
    r"""Step decay: multiply the rate by ``drop`` every ``every`` epochs.

    The rate is piecewise constant. It is the schedule behind "divide the
    learning rate by 2 (or 10) when the loss plateaus", run on a fixed timetable.

    $$
    \alpha_{\text{epoch}} =
    \alpha_0 \cdot \text{drop}^{\lfloor (\text{epoch} - 1)/\text{every} \rfloor}
    $$

    Parameters
    ----------
    lr0 : float
        Initial learning rate $\alpha_0 \ge 0$.
    epoch : int
        Epoch number, $\ge 1$.
    drop : float, default 0.5
        Factor in $(0, 1]$.
    every : int, default 10
        Epochs per step, $\ge 1$.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If ``lr0 < 0``, ``drop`` is outside $(0, 1]$, ``every < 1`` or ``epoch < 1``.
    TypeError
        If ``epoch`` or ``every`` is not an integer.

    Notes
    -----
    **When the first drop happens.** Epochs $1, \dots, \text{every}$ use
    $\alpha_0$; the first drop takes effect in epoch $\text{every} + 1$ (with
    the defaults, epochs 1-10 use $\alpha_0$ and epoch 11 uses $\alpha_0/2$).
    This matches PyTorch's ``StepLR(step_size=every, gamma=drop)`` stepped once
    at the end of each epoch. The notes' manual decay "$\alpha := \alpha/2$"
    is this schedule with ``drop=0.5`` applied by hand.

    References
    ----------
    A. Krizhevsky, I. Sutskever and G. Hinton, "ImageNet Classification with Deep
    Convolutional Neural Networks", NeurIPS 2012 (learning rate divided by 10
    when the validation error stopped improving).
    https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks

    Examples
    --------
    >>> from dlref import step_decay
    >>> print([step_decay(0.1, e, drop=0.5, every=10) for e in (1, 10, 11, 20, 21)])
    [0.1, 0.1, 0.05, 0.05, 0.025]
    """
    a0 = check_in_range(lr0, "lr0", 0.0, None)
    e = check_int(epoch, "epoch", minimum=1)
    d = check_in_range(drop, "drop", 0.0, 1.0, low_inclusive=False)
    n = check_int(every, "every", minimum=1)
    return a0 * d ** ((e - 1) // n)
