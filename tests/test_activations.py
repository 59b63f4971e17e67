"""Tests for dlref.activations: gradients, PyTorch cross-checks, properties, bad input."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlref import (
    elu,
    elu_grad,
    leaky_relu,
    leaky_relu_grad,
    maxout_backward,
    maxout_forward,
    prelu_backward,
    prelu_forward,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    tanh,
    tanh_grad,
)
from tests._grad import assert_gradient
from tests._libs import import_or_skip

XTOL = 1e-10

# (name, forward, grad, kwargs, torch name)
ELEMENTWISE = [
    ("sigmoid", sigmoid, sigmoid_grad, {}),
    ("tanh", tanh, tanh_grad, {}),
    ("relu", relu, relu_grad, {}),
    ("leaky_relu", leaky_relu, leaky_relu_grad, {"alpha": 0.2}),
    ("leaky_relu_default", leaky_relu, leaky_relu_grad, {}),
    ("elu", elu, elu_grad, {"alpha": 0.7}),
    ("elu_default", elu, elu_grad, {}),
]
IDS = [c[0] for c in ELEMENTWISE]


def _away_from_zero(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Random values with |x| >= 0.1 (no kink inside a central difference)."""
    x = rng.normal(scale=2.0, size=shape)
    return np.where(np.abs(x) < 0.1, np.sign(x + 1e-300) * 0.1 + x, x)


def _xcheck(name: str, ours: Any, ref: Any, tol: float = XTOL) -> None:
    ours = np.asarray(ours, dtype=np.float64)
    ref = np.asarray(ref, dtype=np.float64)
    assert ours.shape == ref.shape, (name, ours.shape, ref.shape)
    diff = float(np.max(np.abs(ours - ref))) if ours.size else 0.0
    print(f"XCHECK {name}: {diff:.3e}")
    assert diff <= tol, f"{name}: max |diff| {diff:.3e} > {tol:g}"


# --------------------------------------------------------------- gradient checks


@pytest.mark.parametrize(("name", "f", "g", "kw"), ELEMENTWISE, ids=IDS)
def test_elementwise_gradient(name: Any, f: Any, g: Any, kw: Any) -> None:
    rng = np.random.default_rng(0)
    x = _away_from_zero(rng, (4, 5))
    dout = rng.normal(size=x.shape)
    assert_gradient(lambda v: np.sum(dout * f(v, **kw)), x, dout * g(x, **kw))


@pytest.mark.parametrize("per_feature", [False, True], ids=["scalar", "per_feature"])
def test_prelu_gradients(per_feature: Any) -> None:
    rng = np.random.default_rng(1)
    x = _away_from_zero(rng, (6, 4))
    alpha = rng.uniform(0.05, 0.6, size=4) if per_feature else np.array(0.3)
    dout = rng.normal(size=x.shape)
    _, cache = prelu_forward(x, alpha)
    dx, dalpha = prelu_backward(dout, cache)
    assert dalpha.shape == alpha.shape
    assert_gradient(lambda v: np.sum(dout * prelu_forward(v, alpha)[0]), x, dx)
    assert_gradient(lambda a: np.sum(dout * prelu_forward(x, a)[0]), alpha, dalpha)


def test_prelu_python_float_alpha_gives_0d_dalpha() -> None:
    x = np.array([[-1.0, 2.0], [-3.0, 0.5]])
    _, cache = prelu_forward(x, 0.25)
    dx, dalpha = prelu_backward(np.ones_like(x), cache)
    assert isinstance(dalpha, np.ndarray) and dalpha.shape == ()
    assert float(dalpha) == -4.0
    np.testing.assert_array_equal(dx, [[0.25, 1.0], [0.25, 1.0]])


def _maxout_data(
    seed: int = 2,
) -> tuple[np.random.Generator, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    m, n_in, n_out, k = 5, 4, 3, 3
    x = rng.normal(size=(m, n_in))
    W = rng.normal(size=(k, n_in, n_out))
    b = rng.normal(size=(k, n_out))
    z = np.sort(np.matmul(x, W) + b[:, None, :], axis=0)
    # the winning piece must win by a clear margin for the central difference
    assert np.min(z[-1] - z[-2]) > 1e-3
    return rng, x, W, b


def test_maxout_gradients() -> None:
    rng, x, W, b = _maxout_data()
    dout = rng.normal(size=(x.shape[0], W.shape[2]))
    _, cache = maxout_forward(x, W, b)
    dx, dW, db = maxout_backward(dout, cache)
    assert (dx.shape, dW.shape, db.shape) == (x.shape, W.shape, b.shape)
    assert_gradient(lambda v: np.sum(dout * maxout_forward(v, W, b)[0]), x, dx)
    assert_gradient(lambda v: np.sum(dout * maxout_forward(x, v, b)[0]), W, dW)
    assert_gradient(lambda v: np.sum(dout * maxout_forward(x, W, v)[0]), b, db)


def test_maxout_matches_loop_and_ties_go_first() -> None:
    _, x, W, b = _maxout_data()
    out, _ = maxout_forward(x, W, b)
    expected = np.max(np.stack([x @ W[j] + b[j] for j in range(W.shape[0])]), axis=0)
    np.testing.assert_allclose(out, expected, rtol=0, atol=1e-14)
    # two identical pieces: the gradient goes to piece 0 only
    x1 = np.array([[1.0, 2.0]])
    W1 = np.stack([np.array([[1.0], [1.0]])] * 2)
    b1 = np.zeros((2, 1))
    _, cache = maxout_forward(x1, W1, b1)
    _, dW, db = maxout_backward(np.array([[1.0]]), cache)
    np.testing.assert_array_equal(db.ravel(), [1.0, 0.0])
    np.testing.assert_array_equal(dW[1], 0.0)


def test_maxout_k2_contains_relu() -> None:
    # max(x @ w, 0 * x): piece 2 is the zero function, so maxout = relu(x @ w)
    rng = np.random.default_rng(3)
    x = rng.normal(size=(6, 3))
    w = rng.normal(size=(3, 2))
    W = np.stack([w, np.zeros_like(w)])
    out, _ = maxout_forward(x, W, np.zeros((2, 2)))
    np.testing.assert_allclose(out, relu(x @ w), rtol=0, atol=1e-15)


# ------------------------------------------------------------ torch cross-checks


def _torch_elementwise(torch: Any, name: str, kw: dict[str, float]) -> Any:
    F = torch.nn.functional
    table = {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "leaky_relu": lambda t: F.leaky_relu(t, negative_slope=kw.get("alpha", 0.01)),
        "leaky_relu_default": F.leaky_relu,
        "elu": lambda t: F.elu(t, alpha=kw.get("alpha", 1.0)),
        "elu_default": F.elu,
    }
    return table[name]


@pytest.mark.parametrize(("name", "f", "g", "kw"), ELEMENTWISE, ids=IDS)
def test_elementwise_matches_torch(name: Any, f: Any, g: Any, kw: Any) -> None:
    torch = import_or_skip("torch")
    rng = np.random.default_rng(4)
    x = np.concatenate([rng.normal(scale=3.0, size=40), [0.0, -0.0, 1e-300, -1e-300, 30.0, -30.0]])
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    out = _torch_elementwise(torch, name, kw)(t)
    out.sum().backward()
    _xcheck(f"{name} value", f(x, **kw), out.detach().numpy())
    _xcheck(f"{name} grad", g(x, **kw), t.grad.numpy())


@pytest.mark.parametrize(("name", "f", "g", "kw"), ELEMENTWISE, ids=IDS)
def test_grad_at_exactly_zero_is_pytorch_choice(name: Any, f: Any, g: Any, kw: Any) -> None:
    alpha = kw.get("alpha", 0.01 if "leaky" in name else 1.0)
    expected = {"sigmoid": 0.25, "tanh": 1.0, "relu": 0.0}.get(name, alpha)
    np.testing.assert_array_equal(g(np.array([0.0, -0.0]), **kw), [expected, expected])


@pytest.mark.parametrize("per_feature", [False, True], ids=["scalar", "per_channel"])
def test_prelu_matches_torch(per_feature: Any) -> None:
    torch = import_or_skip("torch")
    rng = np.random.default_rng(5)
    x = rng.normal(size=(7, 4))
    x[0, :2] = 0.0  # exactly at the kink
    alpha = rng.uniform(-0.3, 0.8, size=4) if per_feature else 0.25
    dout = rng.normal(size=x.shape)
    out, cache = prelu_forward(x, alpha)
    dx, dalpha = prelu_backward(dout, cache)
    tx = torch.tensor(x, requires_grad=True)
    ta = torch.tensor(np.atleast_1d(alpha), dtype=torch.float64, requires_grad=True)
    tout = torch.nn.functional.prelu(tx, ta)
    (tout * torch.tensor(dout)).sum().backward()
    label = "per-channel" if per_feature else "scalar"
    _xcheck(f"prelu {label} value", out, tout.detach().numpy())
    _xcheck(f"prelu {label} dx", dx, tx.grad.numpy())
    _xcheck(f"prelu {label} dalpha", np.atleast_1d(dalpha), ta.grad.numpy())


def test_maxout_matches_torch() -> None:
    torch = import_or_skip("torch")
    rng, x, W, b = _maxout_data(6)
    dout = rng.normal(size=(x.shape[0], W.shape[2]))
    out, cache = maxout_forward(x, W, b)
    dx, dW, db = maxout_backward(dout, cache)
    tx, tW, tb = (torch.tensor(a, requires_grad=True) for a in (x, W, b))
    tout = torch.max(tx @ tW + tb[:, None, :], dim=0).values
    (tout * torch.tensor(dout)).sum().backward()
    _xcheck("maxout value", out, tout.detach().numpy())
    _xcheck("maxout dx", dx, tx.grad.numpy())
    _xcheck("maxout dW", dW, tW.grad.numpy())
    _xcheck("maxout db", db, tb.grad.numpy())


# -------------------------------------------------------------------- stability


def test_sigmoid_extremes_no_warning() -> None:
    x = np.array([-1000.0, -745.0, -40.0, 0.0, 40.0, 1000.0])
    with warnings.catch_warnings(), np.errstate(over="raise", divide="raise", invalid="raise"):
        warnings.simplefilter("error")
        s = sigmoid(x)
        ds = sigmoid_grad(x)
        e = elu(np.array([1000.0, -1000.0]))
        de = elu_grad(np.array([1000.0, -1000.0]))
        s32 = sigmoid(x.astype(np.float32))
    assert s[0] == 0.0 and s[-1] == 1.0 and s[3] == 0.5
    assert np.all(np.isfinite(ds)) and ds[0] == 0.0 and ds[-1] == 0.0
    np.testing.assert_array_equal(e, [1000.0, -1.0])
    np.testing.assert_array_equal(de, [1.0, 0.0])
    assert s32.dtype == np.float32 and s32[-1] == 1.0


def test_sigmoid_grad_keeps_relative_precision_in_the_tail() -> None:
    # 1 - sigmoid(40) rounds to 0; sigma(x) sigma(-x) = e^-40 / (1 + e^-40)^2 does not
    np.testing.assert_allclose(sigmoid_grad(np.array([40.0, -40.0])), np.exp(-40.0), rtol=1e-15)


# ------------------------------------------------------------------- properties

finite = st.floats(-50.0, 50.0, allow_nan=False, allow_infinity=False)


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, st.integers(1, 20), elements=finite))
def test_properties_elementwise(x: Any) -> None:
    s = sigmoid(x)
    np.testing.assert_allclose(sigmoid(-x), 1 - s, rtol=0, atol=1e-15)
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(tanh(x), 2 * sigmoid(2 * x) - 1, rtol=0, atol=1e-14)
    np.testing.assert_array_equal(leaky_relu(x, alpha=0.0), relu(x))
    np.testing.assert_array_equal(relu(x) - relu(-x), x)
    assert np.all(elu(x, alpha=0.5) > -0.5 - 1e-15)
    assert np.all(sigmoid_grad(x) <= 0.25) and np.all(tanh_grad(x) <= 1.0)


# ------------------------------------------ dtype, no mutation, determinism


def _all_calls(dtype: Any) -> tuple[np.ndarray, ...]:
    """x, W, b, alpha in ``dtype``."""
    rng = np.random.default_rng(7)
    x = rng.normal(size=(4, 3)).astype(dtype)
    W = rng.normal(size=(2, 3, 5)).astype(dtype)
    b = rng.normal(size=(2, 5)).astype(dtype)
    alpha = np.array([0.1, 0.2, 0.3], dtype=dtype)
    return x, W, b, alpha


ELEMENTWISE_FUNCS = [sigmoid, sigmoid_grad, tanh, tanh_grad, relu, relu_grad, leaky_relu,
                     leaky_relu_grad, elu, elu_grad]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_preserved_and_inputs_unchanged(dtype: Any) -> None:
    x, W, b, alpha = _all_calls(dtype)
    saved = [a.copy() for a in (x, W, b, alpha)]
    for f in ELEMENTWISE_FUNCS:
        out = f(x)
        assert out.dtype == dtype, f.__name__
        assert out.shape == x.shape
    for a in (alpha, 0.25, np.array(0.25, dtype=dtype)):
        out, cache = prelu_forward(x, a)
        dout = np.ones_like(x)
        dout_saved = dout.copy()
        dx, dalpha = prelu_backward(dout, cache)
        assert out.dtype == dx.dtype == dalpha.dtype == dtype
        np.testing.assert_array_equal(dout, dout_saved)
    out, cache = maxout_forward(x, W, b)
    dout = np.linspace(-1, 1, out.size).reshape(out.shape).astype(dtype)
    dx, dW, db = maxout_backward(dout, cache)
    assert out.dtype == dx.dtype == dW.dtype == db.dtype == dtype
    for a, s in zip((x, W, b, alpha), saved, strict=True):
        np.testing.assert_array_equal(a, s)
        assert a.dtype == dtype


def test_int_input_gives_float64_and_deterministic() -> None:
    xi = np.array([[-2, 0, 3]])
    for f in ELEMENTWISE_FUNCS:
        r1, r2 = f(xi), f(xi)
        assert r1.dtype == np.float64
        assert r1.tobytes() == r2.tobytes()


def test_backward_does_not_alter_forward_cache() -> None:
    x, W, b, alpha = _all_calls(np.float64)
    _, cache = maxout_forward(x, W, b)
    before = [np.copy(c) for c in cache]
    maxout_backward(np.ones((4, 5)), cache)
    for c, s in zip(cache, before, strict=True):
        np.testing.assert_array_equal(c, s)
    _, cache = prelu_forward(x, alpha)
    before = [np.copy(c) for c in cache]
    prelu_backward(np.ones((4, 3)), cache)
    for c, s in zip(cache, before, strict=True):
        np.testing.assert_array_equal(c, s)


# -------------------------------------------------------------------- bad input

GOOD_X = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])


def _bad_elementwise() -> list[tuple[Any, ...]]:
    cases: list[tuple[Any, ...]] = []
    for f in ELEMENTWISE_FUNCS:
        cases += [
            (f, (np.array([1.0, np.nan]),), {}, ValueError, "x must be finite"),
            (f, (np.array([np.inf]),), {}, ValueError, "x must be finite"),
            (f, (np.zeros((0, 3)),), {}, ValueError, "x must not be empty"),
            (f, ("abc",), {}, TypeError, "x must be an array"),
            (f, (np.array([True, False]),), {}, TypeError, "x must hold real numbers"),
        ]
    for f in (leaky_relu, leaky_relu_grad, elu, elu_grad):
        cases += [
            (f, (GOOD_X,), {"alpha": -0.1}, ValueError, r"alpha must be in \[0, inf\)"),
            (f, (GOOD_X,), {"alpha": float("nan")}, ValueError, "alpha must be in"),
            (f, (GOOD_X,), {"alpha": "0.1"}, TypeError, "alpha must be a real number"),
        ]
    return cases


_, _MC = maxout_forward(GOOD_X, np.ones((2, 3, 4)), np.zeros((2, 4)))
_, _PC = prelu_forward(GOOD_X, np.array([0.1, 0.2, 0.3]))

BAD = [
    *_bad_elementwise(),
    (prelu_forward, (GOOD_X[0], 0.1), {}, ValueError, "x must be 2-D"),
    (prelu_forward, (GOOD_X, np.ones(2)), {}, ValueError, "alpha must have 3 entries"),
    (prelu_forward, (GOOD_X, np.ones((3, 1))), {}, ValueError, "alpha must be 0-D or 1-D"),
    (prelu_forward, (GOOD_X, np.nan), {}, ValueError, "alpha must be finite"),
    (prelu_forward, (GOOD_X, None), {}, TypeError, "alpha must be an array"),
    (prelu_forward, (np.zeros((0, 3)), 0.1), {}, ValueError, "x must not be empty"),
    (prelu_backward, (np.ones((2, 2)), _PC), {}, ValueError, "dout must have the shape of x"),
    (prelu_backward, (np.full((2, 3), np.inf), _PC), {}, ValueError, "dout must be finite"),
    (maxout_forward, (GOOD_X, np.ones((2, 4, 4)), np.zeros((2, 4))), {}, ValueError,
     "W must have 3 rows along axis 1"),
    (maxout_forward, (GOOD_X, np.ones((3, 4)), np.zeros((2, 4))), {}, ValueError,
     "W must be 3-D"),
    (maxout_forward, (GOOD_X, np.ones((2, 3, 4)), np.zeros((3, 4))), {}, ValueError,
     "b must have 2 rows"),
    (maxout_forward, (GOOD_X, np.ones((2, 3, 4)), np.zeros((2, 5))), {}, ValueError,
     "b must have 4 columns"),
    (maxout_forward, (GOOD_X, np.ones((0, 3, 4)), np.zeros((0, 4))), {}, ValueError,
     "W must not be empty"),
    (maxout_forward, (np.full((2, 3), np.nan), np.ones((2, 3, 4)), np.zeros((2, 4))), {},
     ValueError, "x must be finite"),
    (maxout_backward, (np.ones((2, 3)), _MC), {}, ValueError, "dout must have the shape of out"),
    (maxout_backward, (np.ones(4), _MC), {}, ValueError, "dout must be 2-D"),
]


@pytest.mark.parametrize(
    ("f", "args", "kw", "exc", "match"), BAD,
    ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(BAD)],
)
def test_bad_input(f: Any, args: Any, kw: Any, exc: Any, match: Any) -> None:
    with pytest.raises(exc, match=match):
        f(*args, **kw)
