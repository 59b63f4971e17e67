"""Tests for dlref.batchnorm: gradients, PyTorch cross-checks, invariants, bad input."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dlref import (
    BatchNormCache,
    RunningStats,
    batchnorm_backward,
    batchnorm_forward,
    batchnorm_inference,
)
from tests._grad import assert_gradient
from tests._libs import import_or_skip

TOL = 1e-10


def _data(m: int = 6, n: int = 4, seed: int = 0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    x = rng.normal(3.0, 2.0, size=(m, n)) * rng.uniform(0.5, 3.0, size=n)
    gamma = rng.uniform(0.5, 2.0, size=n)
    beta = rng.normal(size=n)
    dout = rng.normal(size=(m, n)) * np.arange(1, m * n + 1).reshape(m, n) / (m * n)
    return x, gamma, beta, dout


# --- gradient checks ------------------------------------------------------------


def test_backward_dx_matches_numerical_gradient() -> None:
    x, gamma, beta, dout = _data()
    _, cache, _ = batchnorm_forward(x, gamma, beta)
    dx, _, _ = batchnorm_backward(dout, cache)
    assert_gradient(lambda v: np.sum(dout * batchnorm_forward(v, gamma, beta)[0]), x.copy(), dx)


def test_backward_dgamma_matches_numerical_gradient() -> None:
    x, gamma, beta, dout = _data(seed=1)
    _, cache, _ = batchnorm_forward(x, gamma, beta)
    _, dgamma, _ = batchnorm_backward(dout, cache)
    assert_gradient(lambda g: np.sum(dout * batchnorm_forward(x, g, beta)[0]), gamma.copy(), dgamma)


def test_backward_dbeta_matches_numerical_gradient() -> None:
    x, gamma, beta, dout = _data(seed=2)
    _, cache, _ = batchnorm_forward(x, gamma, beta)
    _, _, dbeta = batchnorm_backward(dout, cache)
    assert_gradient(lambda b: np.sum(dout * batchnorm_forward(x, gamma, b)[0]), beta.copy(), dbeta)


def test_backward_smallest_batch_matches_numerical_gradient() -> None:
    # With m = 2 and eps << var the output is +-1 whatever x is (dx ~ 0); an eps of the
    # size of the variance makes the gradient O(1) and exercises eps inside the root.
    x, gamma, beta, dout = _data(m=2, n=3, seed=3)
    _, cache, _ = batchnorm_forward(x, gamma, beta, eps=1.0)
    dx, _, _ = batchnorm_backward(dout, cache)
    assert np.max(np.abs(dx)) > 1e-2
    f = lambda v: np.sum(dout * batchnorm_forward(v, gamma, beta, eps=1.0)[0])  # noqa: E731
    assert_gradient(f, x.copy(), dx)


def test_dx_columns_sum_to_zero() -> None:
    x, gamma, beta, dout = _data(seed=4)
    _, cache, _ = batchnorm_forward(x, gamma, beta)
    dx, _, _ = batchnorm_backward(dout, cache)
    np.testing.assert_allclose(dx.sum(axis=0), 0.0, atol=1e-12)


# --- cross-checks against PyTorch -------------------------------------------------


def torch_diffs(beta_m: float = 0.8, eps: float = 1e-5) -> dict[str, float]:
    """Max |diff| of dlref vs torch.nn.BatchNorm1d over 5 batches (train, backward, eval)."""
    torch = import_or_skip("torch")
    rng = np.random.default_rng(10)
    n = 4
    gamma, beta = rng.uniform(0.5, 2.0, size=n), rng.normal(size=n)
    bn = torch.nn.BatchNorm1d(n, eps=eps, momentum=1.0 - beta_m, dtype=torch.float64)
    with torch.no_grad():
        bn.weight.copy_(torch.from_numpy(gamma))
        bn.bias.copy_(torch.from_numpy(beta))
    bn.train()
    diffs = {
        "forward": 0.0,
        "running mean": 0.0,
        "running var": 0.0,
        "dx": 0.0,
        "dgamma": 0.0,
        "dbeta": 0.0,
    }
    running = None
    for k in range(5):
        m = 3 + 2 * k
        x = rng.normal(1.0 + k, 1.0 + 0.5 * k, size=(m, n))
        dout = rng.normal(size=(m, n))
        out, cache, running = batchnorm_forward(
            x, gamma, beta, running, momentum=beta_m, eps=eps, unbiased_running_var=True
        )
        dx, dgamma, dbeta = batchnorm_backward(dout, cache)
        xt = torch.tensor(x, requires_grad=True)
        bn.zero_grad()
        yt = bn(xt)
        yt.backward(torch.from_numpy(dout))
        for name, ours, theirs in [
            ("forward", out, yt.detach()),
            ("running mean", running.mean, bn.running_mean),
            ("running var", running.var, bn.running_var),
            ("dx", dx, xt.grad),
            ("dgamma", dgamma, bn.weight.grad),
            ("dbeta", dbeta, bn.bias.grad),
        ]:
            diffs[name] = max(diffs[name], float(np.max(np.abs(ours - theirs.numpy()))))
    assert running is not None
    bn.eval()
    x = rng.normal(2.0, 3.0, size=(7, n))
    with torch.no_grad():
        y_eval = bn(torch.from_numpy(x)).numpy()
    y_ours = batchnorm_inference(x, gamma, beta, running, eps=eps)
    diffs["inference (eval)"] = float(np.max(np.abs(y_ours - y_eval)))
    return diffs


@pytest.mark.parametrize(("beta_m", "eps"), [(0.9, 1e-5), (0.8, 1e-3)])
def test_matches_torch_batchnorm1d_train_backward_and_eval(beta_m: float, eps: float) -> None:
    diffs = torch_diffs(beta_m, eps)
    for name, d in diffs.items():
        assert d < TOL, f"{name}: max |diff| {d:.3e}"


def test_default_running_var_is_biased_keras_rule() -> None:
    x, gamma, beta, _ = _data(m=5)
    _, _, r_b = batchnorm_forward(x, gamma, beta, momentum=0.9)
    _, _, r_u = batchnorm_forward(x, gamma, beta, momentum=0.9, unbiased_running_var=True)
    np.testing.assert_allclose(r_b.var, 0.9 + 0.1 * x.var(axis=0), rtol=1e-14)
    np.testing.assert_allclose(r_u.var, 0.9 + 0.1 * x.var(axis=0, ddof=1), rtol=1e-14)
    np.testing.assert_allclose(r_b.mean, 0.1 * x.mean(axis=0), rtol=1e-14)


def test_momentum_zero_keeps_only_the_batch() -> None:
    x, gamma, beta, _ = _data()
    _, _, r = batchnorm_forward(x, gamma, beta, RunningStats(np.ones(4), np.ones(4)), momentum=0.0)
    np.testing.assert_allclose(r.mean, x.mean(axis=0), rtol=1e-14)
    np.testing.assert_allclose(r.var, x.var(axis=0), rtol=1e-14)


# --- properties ---------------------------------------------------------------------

_shapes = st.tuples(st.integers(2, 12), st.integers(1, 5))


@settings(max_examples=50, deadline=None)
@given(hnp.arrays(np.float64, _shapes, elements=st.floats(-1e3, 1e3)))
def test_output_has_mean_zero_and_unit_variance(x: np.ndarray) -> None:
    assume(np.all(x.var(axis=0) > 1e-2))
    n = x.shape[1]
    out, _, _ = batchnorm_forward(x, np.ones(n), np.zeros(n), eps=1e-10)
    scale = np.abs(x).max() / np.sqrt(x.var(axis=0).min())
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-12 * max(scale, 1.0))
    np.testing.assert_allclose(out.var(axis=0), 1.0, atol=1e-7)


@settings(max_examples=50, deadline=None)
@given(
    hnp.arrays(np.float64, _shapes, elements=st.floats(-100, 100)),
    st.floats(-1e6, 1e6),
    st.sampled_from([np.float32, np.float64]),
)
def test_constant_feature_gives_finite_output_equal_to_beta(
    x: np.ndarray, c: float, dtype: type
) -> None:
    x = x.astype(dtype)
    x[:, 0] = c
    n = x.shape[1]
    beta = np.linspace(-1.0, 1.0, n)
    out, cache, running = batchnorm_forward(x, np.full(n, 2.0), beta)
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(running.var))
    np.testing.assert_allclose(out[:, 0], beta[0], atol=1e-3 if dtype == np.float32 else 1e-6)
    dx, dgamma, dbeta = batchnorm_backward(np.ones_like(out), cache)
    assert all(np.all(np.isfinite(a)) for a in (dx, dgamma, dbeta))
    y = batchnorm_inference(x, np.ones(n), beta, running)
    assert np.all(np.isfinite(y))


def test_no_input_is_modified() -> None:
    x, gamma, beta, dout = _data()
    running = RunningStats(np.linspace(0, 1, 4), np.linspace(1, 2, 4))
    saved = [a.copy() for a in (x, gamma, beta, running.mean, running.var, dout)]
    _, cache, new = batchnorm_forward(x, gamma, beta, running, unbiased_running_var=True)
    cache_saved = [a.copy() for a in cache]
    batchnorm_backward(dout, cache)
    batchnorm_inference(x, gamma, beta, running)
    batchnorm_inference(x, gamma, beta, new)
    for a, b in zip((x, gamma, beta, running.mean, running.var, dout), saved, strict=True):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(cache, cache_saved, strict=True):
        np.testing.assert_array_equal(a, b)
    assert new is not running and not np.shares_memory(new.mean, running.mean)
    assert not np.shares_memory(cache.gamma, gamma)


def test_same_input_gives_identical_bits() -> None:
    x, gamma, beta, dout = _data()
    a = batchnorm_forward(x, gamma, beta)
    b = batchnorm_forward(x, gamma, beta)
    assert a[0].tobytes() == b[0].tobytes()
    assert a[2].var.tobytes() == b[2].var.tobytes()
    ga, gb = batchnorm_backward(dout, a[1]), batchnorm_backward(dout, b[1])
    assert all(u.tobytes() == v.tobytes() for u, v in zip(ga, gb, strict=True))


@pytest.mark.parametrize("param_dtype", [np.float32, np.float64])
def test_float32_in_float32_out(param_dtype: type) -> None:
    x, gamma, beta, dout = (a.astype(np.float32) for a in _data())
    gamma, beta = gamma.astype(param_dtype), beta.astype(param_dtype)
    running = RunningStats(np.zeros(4, dtype=param_dtype), np.ones(4, dtype=param_dtype))
    out, cache, new = batchnorm_forward(x, gamma, beta, running, unbiased_running_var=True)
    assert out.dtype == np.float32
    assert new.mean.dtype == np.float32 and new.var.dtype == np.float32
    assert all(a.dtype == np.float32 for a in cache)
    grads = batchnorm_backward(dout.astype(np.float64), cache)
    assert all(g.dtype == np.float32 for g in grads)
    assert batchnorm_inference(x, gamma, beta, new).dtype == np.float32
    ref, _, _ = batchnorm_forward(x.astype(np.float64), gamma.astype(np.float64), beta)
    np.testing.assert_allclose(out, ref, rtol=1e-4, atol=1e-5)


def test_integer_input_computes_in_float64() -> None:
    out, _, _ = batchnorm_forward(np.array([[1, 2], [3, 5]]), [1, 1], [0, 0])
    assert out.dtype == np.float64
    np.testing.assert_allclose(np.abs(out), 1.0, atol=1e-4)


def test_inference_on_training_batch_with_batch_stats_equals_forward() -> None:
    x, gamma, beta, _ = _data()
    out, _, _ = batchnorm_forward(x, gamma, beta)
    stats = RunningStats(x.mean(axis=0), x.var(axis=0))
    np.testing.assert_allclose(batchnorm_inference(x, gamma, beta, stats), out, rtol=1e-12)


def test_running_accepts_a_plain_pair() -> None:
    x, gamma, beta, _ = _data()
    _, _, r = batchnorm_forward(x, gamma, beta, (np.zeros(4), np.ones(4)))  # type: ignore[arg-type]
    assert isinstance(r, RunningStats)


# --- bad input ----------------------------------------------------------------------

_X, _G, _B, _D = _data(m=4, n=3)
_R = RunningStats(np.zeros(3), np.ones(3))
_CACHE = batchnorm_forward(_X, _G, _B)[1]


def _fwd(**kw: Any) -> Any:
    args: dict[str, Any] = {"x": _X, "gamma": _G, "beta": _B}
    args.update(kw)
    return lambda: batchnorm_forward(**args)


def _inf(**kw: Any) -> Any:
    args: dict[str, Any] = {"x": _X, "gamma": _G, "beta": _B, "running": _R}
    args.update(kw)
    return lambda: batchnorm_inference(**args)


_nan_x = _X.copy()
_nan_x[1, 1] = np.nan

BAD = [
    ("fwd x 1-D", _fwd(x=_X[0]), ValueError, "x must be 2-D"),
    ("fwd x empty", _fwd(x=np.zeros((0, 3))), ValueError, "x must not be empty"),
    ("fwd x NaN", _fwd(x=_nan_x), ValueError, "x must be finite"),
    ("fwd x text", _fwd(x="abc"), TypeError, "x must be"),
    ("fwd batch of one", _fwd(x=_X[:1]), ValueError, "number of rows of x"),
    ("fwd gamma shape", _fwd(gamma=np.ones(4)), ValueError, "gamma must have the shape"),
    ("fwd gamma 2-D", _fwd(gamma=np.ones((1, 3))), ValueError, "gamma must be 1-D"),
    ("fwd beta shape", _fwd(beta=np.ones(2)), ValueError, "beta must have the shape"),
    ("fwd beta inf", _fwd(beta=np.array([0.0, np.inf, 0.0])), ValueError, "beta must be finite"),
    ("fwd momentum 1", _fwd(momentum=1.0), ValueError, r"momentum must be in \[0, 1\)"),
    ("fwd momentum <0", _fwd(momentum=-0.1), ValueError, "momentum must be in"),
    ("fwd momentum nan", _fwd(momentum=float("nan")), ValueError, "momentum must be in"),
    ("fwd momentum str", _fwd(momentum="0.9"), TypeError, "momentum must be a real"),
    ("fwd eps 0", _fwd(eps=0.0), ValueError, r"eps must be in \(0, inf\)"),
    ("fwd eps <0", _fwd(eps=-1e-5), ValueError, "eps must be in"),
    ("fwd running type", _fwd(running=np.zeros(3)), TypeError, "running must be a RunningStats"),
    (
        "fwd running mean shape",
        _fwd(running=RunningStats(np.zeros(2), np.ones(3))),
        ValueError,
        "running.mean must have the shape",
    ),
    (
        "fwd running var negative",
        _fwd(running=RunningStats(np.zeros(3), np.array([1.0, -1.0, 1.0]))),
        ValueError,
        r"running.var must be in \[0, inf\)",
    ),
    (
        "fwd running var nan",
        _fwd(running=RunningStats(np.zeros(3), np.array([1.0, np.nan, 1.0]))),
        ValueError,
        "running.var must be finite",
    ),
    ("bwd dout shape", lambda: batchnorm_backward(_D[:, :2], _CACHE), ValueError, "dout must"),
    ("bwd dout 1-D", lambda: batchnorm_backward(_D[0], _CACHE), ValueError, "dout must be 2-D"),
    (
        "bwd dout nan",
        lambda: batchnorm_backward(np.full_like(_D, np.nan), _CACHE),
        ValueError,
        "dout must be finite",
    ),
    ("bwd cache", lambda: batchnorm_backward(_D, tuple(_CACHE)), TypeError, "cache must be"),  # type: ignore[arg-type]
    ("inf running None", _inf(running=None), TypeError, "running must be a RunningStats"),
    ("inf x width", _inf(x=np.ones((2, 4))), ValueError, "gamma must have the shape"),
    ("inf x 1-D", _inf(x=np.ones(3)), ValueError, "x must be 2-D"),
    ("inf x empty", _inf(x=np.ones((0, 3))), ValueError, "x must not be empty"),
    ("inf eps 0", _inf(eps=0.0), ValueError, "eps must be in"),
    (
        "inf running var negative",
        _inf(running=RunningStats(np.zeros(3), -np.ones(3))),
        ValueError,
        "running.var must be in",
    ),
    ("inf gamma nan", _inf(gamma=np.array([1.0, np.nan, 1.0])), ValueError, "gamma must be finite"),
]


@pytest.mark.parametrize(("call", "exc", "match"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_input_raises(call: Any, exc: type[Exception], match: str) -> None:
    with pytest.raises(exc, match=match):
        call()


def test_cache_is_a_batchnormcache() -> None:
    assert isinstance(_CACHE, BatchNormCache)
