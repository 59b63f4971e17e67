"""Tests for dlref.losses: gradients, PyTorch cross-checks, stability, properties, bad input."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlref import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    hardmax,
    log_softmax,
    mse,
    mse_grad,
    nll,
    softmax,
    softmax_cross_entropy,
)
from tests._grad import assert_gradient
from tests._libs import import_or_skip

XTOL = 1e-10


def _xcheck(name: str, ours: Any, ref: Any, tol: float = XTOL) -> None:
    ours = np.asarray(ours, dtype=np.float64)
    ref = np.asarray(ref, dtype=np.float64)
    assert ours.shape == ref.shape, (name, ours.shape, ref.shape)
    diff = float(np.max(np.abs(ours - ref)))
    print(f"XCHECK {name}: {diff:.3e}")
    assert diff <= tol, f"{name}: max |diff| {diff:.3e} > {tol:g}"


def _probs(rng: np.random.Generator, m: int, c: int) -> np.ndarray:
    p = rng.uniform(0.05, 1.0, size=(m, c))
    return p / p.sum(axis=1, keepdims=True)


# --------------------------------------------------------------- gradient checks


@pytest.mark.parametrize("shape", [(6,), (5, 3)])
def test_mse_gradient(shape: Any) -> None:
    rng = np.random.default_rng(0)
    y_pred, y = rng.normal(size=shape), rng.normal(size=shape)
    assert_gradient(lambda v: mse(v, y), y_pred, mse_grad(y_pred, y))


@pytest.mark.parametrize("shape", [(7,), (4, 3)])
def test_bce_with_logits_gradient(shape: Any) -> None:
    rng = np.random.default_rng(1)
    z = rng.normal(scale=3.0, size=shape)
    y = rng.uniform(size=shape)
    y.flat[::2] = np.round(y.flat[::2])
    _, dz = binary_cross_entropy_with_logits(z, y)
    assert_gradient(lambda v: binary_cross_entropy_with_logits(v, y)[0], z, dz)


@pytest.mark.parametrize("target", ["int", "one_hot", "probs"])
def test_softmax_cross_entropy_gradient(target: Any) -> None:
    rng = np.random.default_rng(2)
    z = rng.normal(scale=2.0, size=(5, 4))
    labels = rng.integers(0, 4, size=5)
    y = {"int": labels, "one_hot": np.eye(4)[labels], "probs": _probs(rng, 5, 4)}[target]
    _, dz = softmax_cross_entropy(z, y)
    assert_gradient(lambda v: softmax_cross_entropy(v, y)[0], z, dz)


def test_softmax_cross_entropy_int_and_one_hot_agree_exactly_in_value() -> None:
    rng = np.random.default_rng(3)
    z = rng.normal(size=(6, 5))
    labels = rng.integers(0, 5, size=6)
    loss_i, d_i = softmax_cross_entropy(z, labels)
    loss_o, d_o = softmax_cross_entropy(z, np.eye(5)[labels])
    np.testing.assert_allclose(loss_i, loss_o, rtol=1e-15)
    np.testing.assert_allclose(d_i, d_o, rtol=0, atol=1e-16)
    np.testing.assert_allclose(d_i, (softmax(z) - np.eye(5)[labels]) / 6, rtol=0, atol=1e-16)


# ------------------------------------------------------------ torch cross-checks


@pytest.fixture(scope="module")
def torch() -> Any:
    return import_or_skip("torch")


@pytest.mark.parametrize("target", ["int", "probs"])
def test_softmax_cross_entropy_matches_torch(torch: Any, target: Any) -> None:
    F = torch.nn.functional
    rng = np.random.default_rng(4)
    z = rng.normal(scale=3.0, size=(8, 5))
    z[0] = [1e3, -1e3, 0.0, 5.0, 1e3]  # extreme logits in one row
    labels = rng.integers(0, 5, size=8)
    y = labels if target == "int" else _probs(rng, 8, 5)
    loss, dz = softmax_cross_entropy(z, y)
    tz = torch.tensor(z, requires_grad=True)
    ty = torch.tensor(y) if target == "int" else torch.tensor(y, dtype=torch.float64)
    tloss = F.cross_entropy(tz, ty)
    tloss.backward()
    _xcheck(f"softmax_cross_entropy {target} loss", loss, tloss.item())
    _xcheck(f"softmax_cross_entropy {target} dlogits", dz, tz.grad.numpy())


@pytest.mark.parametrize("shape", [(9,), (6, 3)])
def test_bce_with_logits_matches_torch(torch: Any, shape: Any) -> None:
    F = torch.nn.functional
    rng = np.random.default_rng(5)
    z = rng.normal(scale=4.0, size=shape)
    z.flat[:4] = [1e3, -1e3, 2e3, -1e4]
    y = rng.uniform(size=shape)
    y.flat[:4] = [0.0, 1.0, 1.0, 0.0]
    k = 1 if len(shape) == 1 else shape[1]
    loss, dz = binary_cross_entropy_with_logits(z, y)
    tz = torch.tensor(z, requires_grad=True)
    tloss = F.binary_cross_entropy_with_logits(tz, torch.tensor(y))
    (k * tloss).backward()
    label = f"bce_with_logits k={k}"
    _xcheck(f"{label} loss (= k * torch)", loss, k * tloss.item())
    _xcheck(f"{label} dz", dz, tz.grad.numpy())
    assert np.isfinite(loss) and np.all(np.isfinite(dz))


@pytest.mark.parametrize("shape", [(9,), (6, 3)])
def test_binary_cross_entropy_matches_torch(torch: Any, shape: Any) -> None:
    rng = np.random.default_rng(6)
    p = rng.uniform(0.01, 0.99, size=shape)
    y = rng.uniform(size=shape)
    k = 1 if len(shape) == 1 else shape[1]
    tl = torch.nn.functional.binary_cross_entropy(torch.tensor(p), torch.tensor(y))
    _xcheck(f"binary_cross_entropy k={k} (= k * torch)", binary_cross_entropy(p, y), k * tl.item())


@pytest.mark.parametrize("shape", [(9,), (6, 4)])
def test_mse_matches_torch(torch: Any, shape: Any) -> None:
    rng = np.random.default_rng(7)
    y_pred, y = rng.normal(size=shape), rng.normal(size=shape)
    k = 1 if len(shape) == 1 else shape[1]
    ty = torch.tensor(y_pred, requires_grad=True)
    tl = 0.5 * k * torch.nn.functional.mse_loss(ty, torch.tensor(y))
    tl.backward()
    _xcheck(f"mse k={k} (= 0.5 k F.mse_loss)", mse(y_pred, y), tl.item())
    _xcheck(f"mse_grad k={k}", mse_grad(y_pred, y), ty.grad.numpy())


@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_softmax_and_log_softmax_match_torch(torch: Any, axis: Any) -> None:
    rng = np.random.default_rng(8)
    z = rng.normal(scale=5.0, size=(4, 6))
    z[1, 2] = 1e4
    tz = torch.tensor(z)
    _xcheck(f"log_softmax axis={axis}", log_softmax(z, axis=axis),
            torch.nn.functional.log_softmax(tz, dim=axis).numpy())
    _xcheck(f"softmax axis={axis}", softmax(z, axis=axis), torch.softmax(tz, dim=axis).numpy())


def test_log_softmax_3d_matches_torch(torch: Any) -> None:
    z = np.random.default_rng(9).normal(size=(2, 3, 4))
    _xcheck("log_softmax 3-D axis=1", log_softmax(z, axis=1),
            torch.nn.functional.log_softmax(torch.tensor(z), dim=1).numpy())


def test_nll_matches_torch(torch: Any) -> None:
    rng = np.random.default_rng(10)
    lp = log_softmax(rng.normal(size=(7, 4)))
    labels = rng.integers(0, 4, size=7)
    tl = torch.nn.functional.nll_loss(torch.tensor(lp), torch.tensor(labels))
    _xcheck("nll", nll(lp, labels), tl.item())


# ------------------------------------------------------------------- behaviour


def test_nll_uses_natural_log_not_log2() -> None:
    p = np.array([[0.5, 0.5], [0.25, 0.75]])
    assert nll(np.log(p), [0, 1]) == pytest.approx(-(np.log(0.5) + np.log(0.75)) / 2, rel=1e-15)


def test_hardmax_ties_first_and_dtype() -> None:
    z = np.array([[3.0, 3.0, 1.0], [0.0, 2.0, 2.0], [5.0, 5.0, 5.0]], dtype=np.float32)
    h = hardmax(z)
    assert h.dtype == np.float32
    np.testing.assert_array_equal(h, [[1, 0, 0], [0, 1, 0], [1, 0, 0]])
    np.testing.assert_array_equal(hardmax(z, axis=0), hardmax(z.T).T)
    np.testing.assert_array_equal(hardmax(np.array([[2.0, 1.0], [2.0, 4.0]]), axis=0),
                                  [[1, 0], [0, 1]])


def test_binary_cross_entropy_clip_is_documented_and_valid_input_exact() -> None:
    eps = 1e-12
    # at the clip: -log(eps) per element
    assert binary_cross_entropy(np.array([0.0]), np.array([1.0])) == pytest.approx(-np.log(eps))
    assert binary_cross_entropy(np.array([1.0, 0.0]), np.array([1.0, 0.0])) == 0.0
    assert binary_cross_entropy(np.array([0.0]), np.array([1.0]), eps=1e-3) == pytest.approx(
        -np.log(1e-3)
    )
    # inside [eps, 1 - eps] nothing is changed: the plain formula, exactly
    p = np.array([1e-9, 0.3, 1 - 1e-9])
    y = np.array([1.0, 0.4, 0.0])
    plain = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert binary_cross_entropy(p, y) == pytest.approx(plain, rel=1e-15)


def test_binary_cross_entropy_float32_edges_no_warning() -> None:
    p = np.array([0.0, 1.0, 1.0, 0.5], dtype=np.float32)
    y = np.array([1.0, 0.0, 1.0, 1.0], dtype=np.float32)
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        loss = binary_cross_entropy(p, y)
    assert loss.dtype == np.float32
    np.testing.assert_allclose(loss, (2 * -np.log(1e-12) + np.log(2)) / 4, rtol=1e-6)


def test_bce_with_logits_consistent_with_probability_form() -> None:
    rng = np.random.default_rng(11)
    z = rng.normal(size=10)
    y = rng.uniform(size=10)
    p = 1 / (1 + np.exp(-z))
    loss, _ = binary_cross_entropy_with_logits(z, y)
    np.testing.assert_allclose(loss, binary_cross_entropy(p, y), rtol=1e-13)


def test_extreme_logits_no_warning() -> None:
    z = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4]])
    with warnings.catch_warnings(), np.errstate(all="raise", under="ignore"):
        warnings.simplefilter("error")
        loss, dz = softmax_cross_entropy(z, [1, 2])
        lp = log_softmax(z)
        bl, bdz = binary_cross_entropy_with_logits(np.array([1e3, -1e3, 1e4]), np.ones(3))
    assert loss == pytest.approx((2e4 + np.log(3)) / 2)
    assert np.all(np.isfinite(dz)) and np.all(np.isfinite(lp))
    assert lp[0, 1] == -2e4
    assert bl == pytest.approx((0 + 1e3 + 0) / 3)
    np.testing.assert_allclose(bdz, [0.0, -1 / 3, 0.0], atol=1e-300)


# ------------------------------------------------------------------- properties

logit = st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False)
shapes = st.tuples(st.integers(1, 5), st.integers(1, 6))


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, shapes, elements=logit), st.floats(-1e3, 1e3))
def test_softmax_properties(z: Any, shift: Any) -> None:
    p = softmax(z)
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    np.testing.assert_allclose(softmax(z + shift), p, rtol=0, atol=1e-9)
    np.testing.assert_allclose(np.exp(log_softmax(z)), p, rtol=0, atol=1e-12)
    h = hardmax(z)
    assert h.dtype == z.dtype
    np.testing.assert_array_equal(h.sum(axis=1), 1.0)
    assert set(np.unique(h)) <= {0.0, 1.0}
    np.testing.assert_array_equal(np.argmax(h, axis=1), np.argmax(z, axis=1))


@settings(max_examples=50, deadline=None)
@given(arrays(np.float64, shapes, elements=logit), st.data())
def test_extreme_logits_give_finite_loss(z: Any, data: Any) -> None:
    m, c = z.shape
    labels = np.array(data.draw(st.lists(st.integers(0, c - 1), min_size=m, max_size=m)))
    loss, dz = softmax_cross_entropy(z, labels)
    assert np.isfinite(loss) and loss >= 0
    assert np.all(np.isfinite(dz))
    np.testing.assert_allclose(dz.sum(axis=1), 0.0, atol=1e-12)
    y = (np.arange(z.size).reshape(z.shape) % 2).astype(float)
    bl, bdz = binary_cross_entropy_with_logits(z, y)
    assert np.isfinite(bl) and bl >= 0 and np.all(np.isfinite(bdz))


# ------------------------------------------ dtype, no mutation, determinism


def _inputs(dtype: Any) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(12)
    z = rng.normal(size=(4, 3)).astype(dtype)
    y = rng.normal(size=(4, 3)).astype(dtype)
    p = rng.uniform(0.1, 0.9, size=(4, 3)).astype(dtype)
    t = rng.uniform(size=(4, 3)).astype(dtype)
    labels = np.array([0, 2, 1, 2])
    probs = _probs(rng, 4, 3).astype(dtype)
    return z, y, p, t, labels, probs


def _calls(dtype: Any) -> list[tuple[str, Any, tuple[Any, ...]]]:
    z, y, p, t, labels, probs = _inputs(dtype)
    lp = log_softmax(z)
    return [
        ("mse", mse, (z, y)),
        ("mse_grad", mse_grad, (z, y)),
        ("binary_cross_entropy", binary_cross_entropy, (p, t)),
        ("bce_with_logits", binary_cross_entropy_with_logits, (z, t)),
        ("softmax", softmax, (z,)),
        ("log_softmax", log_softmax, (z,)),
        ("hardmax", hardmax, (z,)),
        ("nll", nll, (lp, labels)),
        ("sce_int", softmax_cross_entropy, (z, labels)),
        ("sce_probs", softmax_cross_entropy, (z, probs)),
    ]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_no_mutation_deterministic(dtype: Any) -> None:
    for name, f, args in _calls(dtype):
        saved = [np.array(a, copy=True) for a in args]
        r1 = f(*args)
        r2 = f(*args)
        for a, s in zip(args, saved, strict=True):
            np.testing.assert_array_equal(a, s, err_msg=name)
            assert np.asarray(a).dtype == s.dtype
        outs1 = r1 if isinstance(r1, tuple) else (r1,)
        outs2 = r2 if isinstance(r2, tuple) else (r2,)
        for o1, o2 in zip(outs1, outs2, strict=True):
            assert np.asarray(o1).dtype == dtype, name
            assert np.asarray(o1).tobytes() == np.asarray(o2).tobytes(), name


def test_float32_logits_with_float64_targets_stay_float32() -> None:
    z = np.array([[1.0, 2.0, 0.5]], dtype=np.float32)
    loss, dz = softmax_cross_entropy(z, np.array([[0.2, 0.3, 0.5]]))
    assert loss.dtype == dz.dtype == np.float32
    loss, dz = binary_cross_entropy_with_logits(z, np.ones((1, 3)))
    assert loss.dtype == dz.dtype == np.float32
    assert mse(z, np.zeros((1, 3))).dtype == np.float32


def test_float32_close_to_float64() -> None:
    z64 = np.random.default_rng(13).normal(scale=3, size=(6, 5))
    labels = np.arange(6) % 5
    l32, d32 = softmax_cross_entropy(z64.astype(np.float32), labels)
    l64, d64 = softmax_cross_entropy(z64, labels)
    np.testing.assert_allclose(l32, l64, rtol=1e-5)
    np.testing.assert_allclose(d32, d64, atol=1e-6)


# -------------------------------------------------------------------- bad input

Z = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 3.0]])
P = np.array([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]])
NAN = np.array([[1.0, np.nan, 0.5], [0.0, -1.0, 3.0]])

BAD = [
    (mse, (Z, Z[:, :2]), {}, ValueError, "y must have the shape of y_pred"),
    (mse, (NAN, Z), {}, ValueError, "y_pred must be finite"),
    (mse, (Z, np.zeros((2, 0))), {}, ValueError, "y must"),
    (mse, (np.zeros((0,)), np.zeros((0,))), {}, ValueError, "y_pred must not be empty"),
    (mse, (Z[None], Z[None]), {}, ValueError, "y_pred must be 1-D or 2-D"),
    (mse, ("a", Z), {}, TypeError, "y_pred must be an array"),
    (mse_grad, (Z, Z.T), {}, ValueError, "y must have the shape of y_pred"),
    (mse_grad, (Z, NAN), {}, ValueError, "y must be finite"),
    (binary_cross_entropy, (P + 0.5, P), {}, ValueError, r"p must be in \[0, 1\]"),
    (binary_cross_entropy, (P, -P), {}, ValueError, r"y must be in \[0, 1\]"),
    (binary_cross_entropy, (P, P), {"eps": 0.0}, ValueError, r"eps must be in \(0, 0.5\]"),
    (binary_cross_entropy, (P, P), {"eps": 0.7}, ValueError, "eps must be in"),
    (binary_cross_entropy, (P, P[0]), {}, ValueError, "y must have the shape of p"),
    (binary_cross_entropy, (np.array([np.nan]), np.array([1.0])), {}, ValueError,
     "p must be finite"),
    (binary_cross_entropy_with_logits, (Z, P[:, :2]), {}, ValueError,
     "y must have the shape of z"),
    (binary_cross_entropy_with_logits, (Z, P * 2), {}, ValueError, r"y must be in \[0, 1\]"),
    (binary_cross_entropy_with_logits, (NAN, P), {}, ValueError, "z must be finite"),
    (binary_cross_entropy_with_logits, (np.array([]), np.array([])), {}, ValueError,
     "z must not be empty"),
    (softmax, (NAN,), {}, ValueError, "z must be finite"),
    (softmax, (np.float64(1.0),), {}, ValueError, "z must be 1-D or 2-D or 3-D"),
    (softmax, (Z,), {"axis": 2}, ValueError, r"axis must be in \[-2, 1\]"),
    (softmax, (Z,), {"axis": 1.0}, TypeError, "axis must be an integer"),
    (log_softmax, (Z,), {"axis": -3}, ValueError, "axis must be in"),
    (log_softmax, (np.zeros((2, 0)),), {}, ValueError, "z must not be empty"),
    (hardmax, (Z,), {"axis": 5}, ValueError, "axis must be in"),
    (hardmax, ([[1.0, np.inf]],), {}, ValueError, "z must be finite"),
    (nll, (np.log(P), [0, 3]), {}, ValueError, r"labels must be in \[0, 3\)"),
    (nll, (np.log(P), [0, -1]), {}, ValueError, "labels must be in"),
    (nll, (np.log(P), [0, 1, 2]), {}, ValueError, "labels must have 2 labels"),
    (nll, (np.log(P), [0.5, 1]), {}, TypeError, "labels must hold integer class labels"),
    (nll, (Z, [0, 1]), {}, ValueError, r"log_probs must be in \(-inf, 0\]"),
    (nll, (np.log(P)[0], [0]), {}, ValueError, "log_probs must be 2-D"),
    (nll, (np.log(P), [[0, 1]]), {}, ValueError, "labels must be 1-D"),
    (softmax_cross_entropy, (Z, [0, 3]), {}, ValueError, r"labels must be in \[0, 3\)"),
    (softmax_cross_entropy, (Z, [0]), {}, ValueError, "labels must have 2 labels"),
    (softmax_cross_entropy, (Z, ["a", "b"]), {}, TypeError, "labels must hold integer"),
    (softmax_cross_entropy, (Z, P[:, :2]), {}, ValueError,
     "labels must have the shape of logits"),
    (softmax_cross_entropy, (Z, P * 2), {}, ValueError, r"labels must be in \[0, 1\]"),
    (softmax_cross_entropy, (Z, P * 0.5), {}, ValueError, "labels must have rows that sum to 1"),
    (softmax_cross_entropy, (Z, P[None]), {}, ValueError, "labels must be 1-D or 2-D"),
    (softmax_cross_entropy, (Z[0], [0]), {}, ValueError, "logits must be 2-D"),
    (softmax_cross_entropy, (NAN, [0, 1]), {}, ValueError, "logits must be finite"),
    (softmax_cross_entropy, (Z, np.array([[0.2, np.nan, 0.8], [0, 0, 1]])), {}, ValueError,
     "labels must be finite"),
]


@pytest.mark.parametrize(
    ("f", "args", "kw", "exc", "match"), BAD,
    ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(BAD)],
)
def test_bad_input(f: Any, args: Any, kw: Any, exc: Any, match: Any) -> None:
    with pytest.raises(exc, match=match):
        f(*args, **kw)
