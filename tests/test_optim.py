"""Tests for dlref.optim: PyTorch cross-checks, conventions, invariants, bad input."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dlref import (
    SGD,
    Adam,
    AdamW,
    Momentum,
    Nesterov,
    Optimizer,
    RMSprop,
    exponential_decay,
    inverse_sqrt_decay,
    inverse_time_decay,
    step_decay,
)
from tests._libs import import_or_skip

TOL = 1e-10
STEPS = 20


def _problem(seed: int = 0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(32, 5))
    y = rng.normal(size=(32, 3))
    w0 = 0.5 * rng.normal(size=(5, 3))
    b0 = rng.normal(size=3)
    return x, y, w0, b0


def _grads(x: np.ndarray, y: np.ndarray, params: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Gradients of 0.5 * mean over rows of ||x W + b - y||^2."""
    r = x @ params["W"] + params["b"] - y
    m = x.shape[0]
    return {"W": x.T @ r / m, "b": r.sum(axis=0) / m}


def run_vs_torch(
    ours: Optimizer,
    make_torch: Callable[[Any, list[Any]], Any],
    steps: int = STEPS,
    lr_at: Callable[[int], tuple[float, float]] | None = None,
) -> float:
    """Max |diff| of W and b over ``steps`` steps of dlref vs a torch optimiser.

    ``lr_at(k)`` optionally returns (dlref lr, torch lr) to set before step k.
    """
    torch = import_or_skip("torch")
    x, y, w0, b0 = _problem()
    params = {"W": w0.copy(), "b": b0.copy()}
    wt = torch.tensor(w0, requires_grad=True)
    bt = torch.tensor(b0, requires_grad=True)
    opt = make_torch(torch, [wt, bt])
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    diff = 0.0
    for k in range(steps):
        if lr_at is not None:
            ours.lr, opt.param_groups[0]["lr"] = lr_at(k)
        ours.step(params, _grads(x, y, params))
        opt.zero_grad()
        loss = 0.5 * ((xt @ wt + bt - yt) ** 2).sum() / x.shape[0]
        loss.backward()
        opt.step()
        diff = max(
            diff,
            float(np.max(np.abs(params["W"] - wt.detach().numpy()))),
            float(np.max(np.abs(params["b"] - bt.detach().numpy()))),
        )
    assert not np.allclose(params["W"], w0), "the parameters did not move"
    return diff


# (id, dlref optimiser factory, torch optimiser factory)
TORCH_CASES: list[tuple[str, Callable[[], Optimizer], Callable[[Any, list[Any]], Any]]] = [
    ("SGD", lambda: SGD(0.1), lambda t, p: t.optim.SGD(p, lr=0.1)),
    (
        "Momentum(0.1, 0.9)",
        lambda: Momentum(0.1, beta=0.9),
        lambda t, p: t.optim.SGD(p, lr=0.1 * (1 - 0.9), momentum=0.9),
    ),
    (
        "Momentum(0.3, 0.7)",
        lambda: Momentum(0.3, beta=0.7),
        lambda t, p: t.optim.SGD(p, lr=0.3 * (1 - 0.7), momentum=0.7),
    ),
    (
        "Nesterov(0.1, 0.9)",
        lambda: Nesterov(0.1, beta=0.9),
        lambda t, p: t.optim.SGD(p, lr=0.1 * (1 - 0.9), momentum=0.9, nesterov=True),
    ),
    (
        "Nesterov(0.3, 0.7)",
        lambda: Nesterov(0.3, beta=0.7),
        lambda t, p: t.optim.SGD(p, lr=0.3 * (1 - 0.7), momentum=0.7, nesterov=True),
    ),
    (
        "RMSprop(0.01, 0.9, 1e-8)",
        lambda: RMSprop(0.01, beta=0.9, eps=1e-8),
        lambda t, p: t.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-8),
    ),
    (
        "RMSprop(0.02, 0.99, 1e-3)",
        lambda: RMSprop(0.02, beta=0.99, eps=1e-3),
        lambda t, p: t.optim.RMSprop(p, lr=0.02, alpha=0.99, eps=1e-3),
    ),
    ("Adam()", lambda: Adam(), lambda t, p: t.optim.Adam(p)),
    (
        "Adam(0.05, 0.8, 0.99, 1e-3)",
        lambda: Adam(0.05, beta1=0.8, beta2=0.99, eps=1e-3),
        lambda t, p: t.optim.Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-3),
    ),
    ("AdamW()", lambda: AdamW(), lambda t, p: t.optim.AdamW(p)),
    (
        "AdamW(0.05, 0.8, 0.99, 1e-3, 0.5)",
        lambda: AdamW(0.05, beta1=0.8, beta2=0.99, eps=1e-3, weight_decay=0.5),
        lambda t, p: t.optim.AdamW(p, lr=0.05, betas=(0.8, 0.99), eps=1e-3, weight_decay=0.5),
    ),
    (
        # the paper's form: decay lambda per step, i.e. torch's weight_decay = lambda / lr
        "AdamW(0.05, weight_decay=0.02, decay_scaled_by_lr=False)",
        lambda: AdamW(0.05, weight_decay=0.02, decay_scaled_by_lr=False),
        lambda t, p: t.optim.AdamW(p, lr=0.05, weight_decay=0.02 / 0.05),
    ),
]


@pytest.mark.parametrize(
    ("ours", "theirs"), [c[1:] for c in TORCH_CASES], ids=[c[0] for c in TORCH_CASES]
)
def test_matches_torch_optimizer(ours: Callable[[], Optimizer], theirs: Any) -> None:
    d = run_vs_torch(ours(), theirs)
    assert d < TOL, f"max |diff| {d:.3e}"


def _schedule(k: int) -> float:
    return step_decay(0.1, k + 1, drop=0.5, every=5)


@pytest.mark.parametrize("cls", [Momentum, Nesterov])
def test_momentum_mapping_holds_under_a_schedule(cls: type[Momentum]) -> None:
    # Forms 1 and 2 both multiply the whole velocity by the current rate, so the
    # mapping lr_torch = lr * (1 - beta) holds step by step, even when lr changes.
    d = run_vs_torch(
        cls(0.1, beta=0.9),
        lambda t, p: t.optim.SGD(p, lr=0.01, momentum=0.9, nesterov=cls is Nesterov),
        lr_at=lambda k: (_schedule(k), _schedule(k) * (1 - 0.9)),
    )
    assert d < TOL, f"max |diff| {d:.3e}"


def adam_per_key_step_diff() -> float:
    """Adam where 'b' joins after 3 steps: its t starts at 1 then, as in PyTorch."""
    torch = import_or_skip("torch")
    x, y, w0, b0 = _problem(1)
    params = {"W": w0.copy(), "b": b0.copy()}
    wt, bt = torch.tensor(w0, requires_grad=True), torch.tensor(b0, requires_grad=True)
    ours, theirs = Adam(0.05), torch.optim.Adam([wt, bt], lr=0.05)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    diff = 0.0
    for k in range(8):
        g = _grads(x, y, params)
        theirs.zero_grad(set_to_none=True)
        if k < 3:
            ours.step({"W": params["W"]}, {"W": g["W"]})
            loss = 0.5 * ((xt @ wt + bt.detach() - yt) ** 2).sum() / x.shape[0]
        else:
            ours.step(params, g)
            loss = 0.5 * ((xt @ wt + bt - yt) ** 2).sum() / x.shape[0]
        loss.backward()
        theirs.step()
        diff = max(
            diff,
            float(np.max(np.abs(params["W"] - wt.detach().numpy()))),
            float(np.max(np.abs(params["b"] - bt.detach().numpy()))),
        )
    assert ours.state["W"]["t"] == 8 and ours.state["b"]["t"] == 5
    return diff


def test_adam_counts_steps_per_key_like_torch() -> None:
    d = adam_per_key_step_diff()
    assert d < TOL, f"max |diff| {d:.3e}"


def schedule_diffs() -> dict[str, float]:
    """Max |diff| of step_decay vs StepLR and exponential_decay vs ExponentialLR."""
    torch = import_or_skip("torch")
    out = {}
    for name, make, ours in [
        (
            "step_decay vs StepLR",
            lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=4, gamma=0.3),
            lambda e: step_decay(0.2, e, drop=0.3, every=4),
        ),
        (
            "exponential_decay vs ExponentialLR",
            lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.95),
            lambda e: exponential_decay(0.2, e - 1, base=0.95),
        ),
    ]:
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.2)
        sched = make(opt)
        d = 0.0
        for epoch in range(1, 31):  # epochs counted from 1
            d = max(d, abs(ours(epoch) - opt.param_groups[0]["lr"]))
            opt.step()
            sched.step()
        out[name] = d
    return out


def test_schedules_match_torch_schedulers() -> None:
    for name, d in schedule_diffs().items():
        assert d < TOL, f"{name}: max |diff| {d:.3e}"


# --- conventions ----------------------------------------------------------------


def test_momentum_forms_step_scale() -> None:
    # With a constant gradient, form 1 settles at steps lr * g; form 2 (torch) at
    # lr * g / (1 - beta) for the same lr.
    params, opt = {"w": np.array([0.0])}, Momentum(0.1, beta=0.9)
    for _ in range(300):
        before = params["w"].copy()
        opt.step(params, {"w": np.array([2.0])})
    np.testing.assert_allclose(before - params["w"], 0.1 * 2.0, rtol=1e-9)


def test_beta_zero_is_sgd() -> None:
    x, y, w0, b0 = _problem()
    runs = []
    for opt in (SGD(0.1), Momentum(0.1, beta=0.0), Nesterov(0.1, beta=0.0)):
        params = {"W": w0.copy(), "b": b0.copy()}
        for _ in range(5):
            opt.step(params, _grads(x, y, params))
        runs.append(params)
    for other in runs[1:]:
        np.testing.assert_array_equal(other["W"], runs[0]["W"])
        np.testing.assert_array_equal(other["b"], runs[0]["b"])


@settings(max_examples=50, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(1, 6), elements=st.floats(1e-3, 1e3)),
    hnp.arrays(np.bool_, 6),
    st.floats(1e-4, 1.0),
)
def test_adam_first_step_is_lr_times_sign(mag: np.ndarray, neg: np.ndarray, lr: float) -> None:
    g = np.where(neg[: mag.size], -mag, mag)
    params = {"p": np.zeros_like(g)}
    Adam(lr).step(params, {"p": g})
    np.testing.assert_allclose(params["p"], -lr * np.sign(g), rtol=1e-5)


def test_rmsprop_eps_outside_the_root() -> None:
    params = {"w": np.array([0.0])}
    RMSprop(1.0, beta=0.0, eps=0.5).step(params, {"w": np.array([1e-4])})
    # g / (|g| + eps) = 1e-4 / 0.5001; with eps inside the root it would be 1e-4 / sqrt(0.5)
    np.testing.assert_allclose(params["w"], -1e-4 / (1e-4 + 0.5), rtol=1e-12)


def test_nesterov_look_ahead_equals_sutskever_form() -> None:
    # Sutskever et al.: u = mu u - eps * grad(theta + mu u); theta += u. The stored
    # dlref parameters are the look-ahead points phi = theta + mu u.
    a = np.diag([1.0, 10.0])
    grad = lambda z: a @ z  # noqa: E731  (quadratic 0.5 z^T A z)
    lr, beta = 0.05, 0.9
    eps_s = lr * (1 - beta)
    theta, u = np.array([1.0, 1.0]), np.zeros(2)
    params, opt = {"w": theta.copy()}, Nesterov(lr, beta=beta)
    for _ in range(30):
        u = beta * u - eps_s * grad(theta + beta * u)
        theta = theta + u
        opt.step(params, {"w": grad(params["w"])})
        np.testing.assert_allclose(params["w"], theta + beta * u, rtol=1e-12, atol=1e-15)


def test_lr_is_a_validated_settable_property() -> None:
    opt = Adam(0.1)
    opt.lr = 0.05
    assert opt.lr == 0.05
    with pytest.raises(ValueError, match=r"lr must be in \[0, inf\)"):
        opt.lr = -1.0
    assert opt.lr == 0.05
    params = {"w": np.array([1.0, 2.0])}
    opt.lr = 0.0
    opt.step(params, {"w": np.array([3.0, -4.0])})
    np.testing.assert_array_equal(params["w"], [1.0, 2.0])
    assert "Adam(lr=0.0" in repr(opt)


# --- invariants ---------------------------------------------------------------------

ALL = [
    lambda: SGD(0.1),
    lambda: Momentum(0.1, 0.8),
    lambda: Nesterov(0.1, 0.8),
    lambda: RMSprop(0.01, 0.9),
    lambda: Adam(0.01),
    lambda: AdamW(0.01, weight_decay=0.1),
]
ALL_IDS = ["SGD", "Momentum", "Nesterov", "RMSprop", "Adam", "AdamW"]


@pytest.mark.parametrize("make", ALL, ids=ALL_IDS)
def test_only_params_change_in_place(make: Callable[[], Optimizer]) -> None:
    x, y, w0, b0 = _problem()
    params = {"W": w0.copy(), "b": b0.copy()}
    w_obj, b_obj = params["W"], params["b"]
    grads = _grads(x, y, params)
    grads_copy = {k: v.copy() for k, v in grads.items()}
    opt = make()
    opt.step(params, grads)
    opt.step(params, grads)
    assert params["W"] is w_obj and params["b"] is b_obj and list(params) == ["W", "b"]
    assert list(grads) == ["W", "b"]
    for k in grads:
        np.testing.assert_array_equal(grads[k], grads_copy[k])
    assert not np.array_equal(params["W"], w0)


@pytest.mark.parametrize("make", ALL, ids=ALL_IDS)
@pytest.mark.parametrize("grad_dtype", [np.float32, np.float64])
def test_float32_params_and_state_stay_float32(
    make: Callable[[], Optimizer], grad_dtype: type
) -> None:
    x, y, w0, b0 = _problem()
    p32 = {"W": w0.astype(np.float32), "b": b0.astype(np.float32)}
    p64 = {"W": w0.copy(), "b": b0.copy()}
    o32, o64 = make(), make()
    for _ in range(5):
        g = _grads(x, y, p64)
        o32.step(p32, {k: v.astype(grad_dtype) for k, v in g.items()})
        o64.step(p64, g)
    assert p32["W"].dtype == np.float32 and p32["b"].dtype == np.float32
    for st_ in o32.state.values():
        for v in st_.values():
            if isinstance(v, np.ndarray):
                assert v.dtype == np.float32
    np.testing.assert_allclose(p32["W"], p64["W"], rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("make", ALL, ids=ALL_IDS)
def test_same_input_gives_identical_bits(make: Callable[[], Optimizer]) -> None:
    x, y, w0, b0 = _problem()
    results = []
    for _ in range(2):
        params, opt = {"W": w0.copy(), "b": b0.copy()}, make()
        for _ in range(4):
            opt.step(params, _grads(x, y, params))
        results.append(params["W"].tobytes() + params["b"].tobytes())
    assert results[0] == results[1]


@settings(max_examples=50, deadline=None)
@given(
    st.floats(0.0, 10.0),
    st.floats(0.0, 5.0),
    st.floats(0.01, 1.0),
    st.floats(0.01, 1.0),
    st.integers(1, 20),
)
def test_schedules_never_increase(
    lr0: float, rate: float, base: float, drop: float, every: int
) -> None:
    for f in (
        lambda e: inverse_time_decay(lr0, e, rate),
        lambda e: exponential_decay(lr0, e, base),
        lambda e: inverse_sqrt_decay(lr0, e),
        lambda e: step_decay(lr0, e, drop, every),
    ):
        values = [f(e) for e in range(1, 60)]
        assert all(0.0 <= v <= lr0 * (1 + 1e-15) for v in values)
        assert all(b <= a for a, b in itertools.pairwise(values))


def test_schedule_boundaries() -> None:
    assert inverse_time_decay(0.3, 0, 2.0) == 0.3
    assert exponential_decay(0.3, 0) == 0.3
    assert exponential_decay(0.3, 7, base=1.0) == 0.3
    assert inverse_sqrt_decay(0.3, 1) == 0.3
    assert inverse_sqrt_decay(0.3, 9, k=2.0) == pytest.approx(0.2)
    assert [step_decay(1.0, e, drop=0.1, every=3) for e in range(1, 8)] == pytest.approx(
        [1.0, 1.0, 1.0, 0.1, 0.1, 0.1, 0.01]
    )
    assert step_decay(0.3, 100, drop=1.0) == 0.3
    assert isinstance(step_decay(1, np.int64(5)), float)  # type: ignore[arg-type]


# --- bad input ----------------------------------------------------------------------

BAD_CTOR = [
    ("SGD lr<0", lambda: SGD(-0.1), ValueError, r"lr must be in \[0, inf\), got -0.1"),
    ("SGD lr nan", lambda: SGD(float("nan")), ValueError, "lr must be in"),
    ("SGD lr str", lambda: SGD("0.1"), TypeError, "lr must be a real number"),  # type: ignore[arg-type]
    ("Momentum beta 1", lambda: Momentum(0.1, 1.0), ValueError, r"beta must be in \[0, 1\)"),
    ("Momentum beta<0", lambda: Momentum(0.1, -0.1), ValueError, "beta must be in"),
    ("Momentum lr<0", lambda: Momentum(-1.0), ValueError, "lr must be in"),
    ("Nesterov beta 1.5", lambda: Nesterov(0.1, 1.5), ValueError, "beta must be in"),
    ("RMSprop beta 1", lambda: RMSprop(0.1, beta=1.0), ValueError, "beta must be in"),
    ("RMSprop eps 0", lambda: RMSprop(0.1, eps=0.0), ValueError, r"eps must be in \(0, inf\)"),
    ("RMSprop eps<0", lambda: RMSprop(0.1, eps=-1e-8), ValueError, "eps must be in"),
    ("Adam beta1 1", lambda: Adam(beta1=1.0), ValueError, r"beta1 must be in \[0, 1\)"),
    ("Adam beta2<0", lambda: Adam(beta2=-0.5), ValueError, "beta2 must be in"),
    ("Adam eps 0", lambda: Adam(eps=0.0), ValueError, "eps must be in"),
    ("Adam lr<0", lambda: Adam(lr=-1e-3), ValueError, "lr must be in"),
    ("Adam lr inf", lambda: Adam(lr=float("inf")), ValueError, "lr must be in"),
    ("AdamW wd<0", lambda: AdamW(weight_decay=-0.1), ValueError, r"weight_decay must be in"),
    ("AdamW wd nan", lambda: AdamW(weight_decay=float("nan")), ValueError, "weight_decay"),
    (
        "AdamW lr*wd>1",
        lambda: AdamW(lr=0.5, weight_decay=4.0),
        ValueError,
        r"lr \* weight_decay must be in \[0, 1\].*got 2\.0",
    ),
    (
        "AdamW wd>1 unscaled",
        lambda: AdamW(weight_decay=1.5, decay_scaled_by_lr=False),
        ValueError,
        r"^weight_decay must be in \[0, 1\]",
    ),
    ("AdamW flag int", lambda: AdamW(decay_scaled_by_lr=1), TypeError, "decay_scaled_by_lr"),
    ("AdamW eps 0", lambda: AdamW(eps=0.0), ValueError, "eps must be in"),
]


@pytest.mark.parametrize(
    ("call", "exc", "match"), [b[1:] for b in BAD_CTOR], ids=[b[0] for b in BAD_CTOR]
)
def test_bad_hyperparameters_raise(call: Any, exc: type[Exception], match: str) -> None:
    with pytest.raises(exc, match=match):
        call()


def _p() -> dict[str, Any]:
    return {"W": np.ones((2, 3)), "b": np.zeros(3)}


def _g() -> dict[str, Any]:
    return {"W": np.full((2, 3), 0.5), "b": np.full(3, 0.5)}


def _readonly() -> dict[str, Any]:
    p = _p()
    p["W"].flags.writeable = False
    return p


BAD_STEP: list[tuple[str, Callable[[], tuple[Any, Any]], type[Exception], str]] = [
    ("missing key", lambda: (_p(), {"W": _g()["W"]}), ValueError, "grads must have the keys"),
    ("extra key", lambda: (_p(), {**_g(), "c": 1.0}), ValueError, "grads must have the keys"),
    (
        "shape",
        lambda: (_p(), {**_g(), "W": np.ones((3, 2))}),
        ValueError,
        r"grads\['W'\] must have the shape of params\['W'\]",
    ),
    (
        "nan grad",
        lambda: (_p(), {**_g(), "b": np.array([0.0, np.nan, 0.0])}),
        ValueError,
        r"grads\['b'\] must be finite",
    ),
    (
        "inf grad",
        lambda: (_p(), {**_g(), "W": np.full((2, 3), np.inf)}),
        ValueError,
        r"grads\['W'\] must be finite",
    ),
    ("grad text", lambda: (_p(), {**_g(), "b": "abc"}), TypeError, r"grads\['b'\] must be"),
    ("params list", lambda: ([np.ones(3)], _g()), TypeError, "params must be a mapping"),
    ("grads list", lambda: (_p(), [np.ones(3)]), TypeError, "grads must be a mapping"),
    (
        "param list",
        lambda: ({**_p(), "b": [0.0, 0.0, 0.0]}, _g()),
        TypeError,
        r"params\['b'\] must be a float32 or float64 numpy.ndarray",
    ),
    (
        "param int",
        lambda: ({**_p(), "b": np.zeros(3, dtype=int)}, _g()),
        TypeError,
        r"params\['b'\] must be a float32 or float64",
    ),
    (
        "param read-only",
        lambda: (_readonly(), _g()),
        ValueError,
        r"params\['W'\] must be writeable",
    ),
    (
        "param empty",
        lambda: ({**_p(), "b": np.zeros(0)}, {**_g(), "b": np.zeros(0)}),
        ValueError,
        r"params\['b'\] must not be empty",
    ),
    (
        "param nan",
        lambda: ({**_p(), "b": np.array([np.nan, 0.0, 0.0])}, _g()),
        ValueError,
        r"params\['b'\] must be finite",
    ),
]


@pytest.mark.parametrize("make", ALL, ids=ALL_IDS)
@pytest.mark.parametrize(
    ("args", "exc", "match"), [b[1:] for b in BAD_STEP], ids=[b[0] for b in BAD_STEP]
)
def test_bad_step_raises_and_changes_nothing(
    make: Callable[[], Optimizer], args: Any, exc: type[Exception], match: str
) -> None:
    params, grads = args()
    saved = (
        {k: np.array(v, copy=True) for k, v in params.items()} if isinstance(params, dict) else None
    )
    opt = make()
    with pytest.raises(exc, match=match):
        opt.step(params, grads)
    assert opt.state == {}
    if saved is not None:
        for k, v in saved.items():
            np.testing.assert_array_equal(np.asarray(params[k]), v)


@pytest.mark.parametrize("make", ALL[1:], ids=ALL_IDS[1:])
def test_shape_change_between_steps_raises(make: Callable[[], Optimizer]) -> None:
    opt = make()
    opt.step({"W": np.ones((2, 3))}, {"W": np.ones((2, 3))})
    match = r"params\['W'\] must have the shape of the optimiser state"
    with pytest.raises(ValueError, match=match):
        opt.step({"W": np.ones((3, 2))}, {"W": np.ones((3, 2))})


_ITD, _EXP, _SQRT, _STEP = inverse_time_decay, exponential_decay, inverse_sqrt_decay, step_decay
_INT = "must be an integer"
_INT0, _INT1 = f"epoch {_INT} >= 0", f"epoch {_INT} >= 1"

# (id, function, args, kwargs, exception, message)
BAD_SCHED: list[tuple[str, Callable[..., float], tuple[Any, ...], dict[str, Any], type, str]] = [
    ("itd lr0<0", _ITD, (-0.1, 1, 1.0), {}, ValueError, "lr0 must be in"),
    ("itd epoch<0", _ITD, (0.1, -1, 1.0), {}, ValueError, _INT0),
    ("itd epoch float", _ITD, (0.1, 1.5, 1.0), {}, TypeError, "epoch " + _INT),
    ("itd epoch bool", _ITD, (0.1, True, 1.0), {}, TypeError, "epoch " + _INT),
    ("itd rate<0", _ITD, (0.1, 1, -1.0), {}, ValueError, r"decay_rate must be in \[0, inf\)"),
    ("exp epoch<0", _EXP, (0.1, -2), {}, ValueError, _INT0),
    ("exp base 0", _EXP, (0.1, 1), {"base": 0.0}, ValueError, r"base must be in \(0, 1\]"),
    ("exp base>1", _EXP, (0.1, 1), {"base": 1.05}, ValueError, "base must be in"),
    ("exp lr0 nan", _EXP, (float("nan"), 1), {}, ValueError, "lr0 must be in"),
    ("sqrt epoch 0", _SQRT, (0.1, 0), {}, ValueError, _INT1),
    ("sqrt k 0", _SQRT, (0.1, 1), {"k": 0.0}, ValueError, r"k must be in \(0, inf\)"),
    ("sqrt lr0<0", _SQRT, (-0.1, 1), {}, ValueError, "lr0 must be in"),
    ("step epoch 0", _STEP, (0.1, 0), {}, ValueError, _INT1),
    ("step drop 0", _STEP, (0.1, 1), {"drop": 0.0}, ValueError, r"drop must be in \(0, 1\]"),
    ("step drop>1", _STEP, (0.1, 1), {"drop": 2.0}, ValueError, "drop must be in"),
    ("step every 0", _STEP, (0.1, 1), {"every": 0}, ValueError, "every must be an integer >= 1"),
    ("step every float", _STEP, (0.1, 1), {"every": 2.5}, TypeError, "every " + _INT),
    ("step lr0 str", _STEP, ("0.1", 1), {}, TypeError, "lr0 must be a real number"),
]


@pytest.mark.parametrize(
    ("func", "args", "kwargs", "exc", "match"),
    [b[1:] for b in BAD_SCHED],
    ids=[b[0] for b in BAD_SCHED],
)
def test_bad_schedule_input_raises(
    func: Callable[..., float], args: tuple[Any, ...], kwargs: dict[str, Any], exc: type, match: str
) -> None:
    with pytest.raises(exc, match=match):
        func(*args, **kwargs)


# --- AdamW: decoupled decay, not L2 inside Adam ---------------------------------------


def test_adamw_without_decay_is_adam_bit_for_bit() -> None:
    x, y, w0, b0 = _problem()
    p1, p2 = {"W": w0.copy(), "b": b0.copy()}, {"W": w0.copy(), "b": b0.copy()}
    o1, o2 = Adam(0.05), AdamW(0.05, weight_decay=0.0)
    for _ in range(10):
        o1.step(p1, _grads(x, y, p1))
        o2.step(p2, _grads(x, y, p2))
    for k in p1:
        np.testing.assert_array_equal(p1[k], p2[k])


def test_adamw_decay_does_not_depend_on_the_gradient() -> None:
    # Two weights of equal value, gradients 10^6 apart: both lose the same lr*wd*p.
    w = np.array([3.0, 3.0])
    g = np.array([1e3, 1e-3])
    decayed, plain = {"w": w.copy()}, {"w": w.copy()}
    AdamW(0.1, weight_decay=0.2).step(decayed, {"w": g})
    Adam(0.1).step(plain, {"w": g})
    np.testing.assert_allclose(plain["w"] - decayed["w"], [0.1 * 0.2 * 3.0] * 2, rtol=1e-12)


def _l2_inside_adam(lr: float, wd: float) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    """The learner's AdamW: weight decay added to the gradient (torch.optim.Adam's weight_decay)."""
    inner = Adam(lr)

    def step(params: dict[str, Any], grads: dict[str, Any]) -> None:
        inner.step(params, {k: grads[k] + wd * params[k] for k in params})

    return step


def test_l2_inside_adam_is_not_adamw_and_matches_torch_adam_weight_decay() -> None:
    torch = import_or_skip("torch")
    x, y, w0, b0 = _problem()
    lr, wd = 0.05, 0.5
    ours = {"W": w0.copy(), "b": b0.copy()}
    l2 = {"W": w0.copy(), "b": b0.copy()}
    adamw, l2_step = AdamW(lr, weight_decay=wd), _l2_inside_adam(lr, wd)
    wt, bt = torch.tensor(w0, requires_grad=True), torch.tensor(b0, requires_grad=True)
    opt = torch.optim.Adam([wt, bt], lr=lr, weight_decay=wd)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    for _ in range(20):
        adamw.step(ours, _grads(x, y, ours))
        l2_step(l2, _grads(x, y, l2))
        opt.zero_grad()
        (0.5 * ((xt @ wt + bt - yt) ** 2).sum() / x.shape[0]).backward()
        opt.step()
    np.testing.assert_allclose(l2["W"], wt.detach().numpy(), atol=1e-10)
    assert np.max(np.abs(ours["W"] - l2["W"])) > 1e-3


def test_adamw_bad_lr_set_later_changes_nothing() -> None:
    opt = AdamW(0.1, weight_decay=2.0)
    params = {"w": np.array([1.0, -1.0])}
    opt.lr = 0.9  # lr * weight_decay = 1.8: every weight would change sign
    with pytest.raises(ValueError, match=r"lr \* weight_decay must be in \[0, 1\]"):
        opt.step(params, {"w": np.array([0.5, 0.5])})
    np.testing.assert_array_equal(params["w"], [1.0, -1.0])
    assert opt.state == {}


def test_adamw_repr_names_every_setting() -> None:
    assert repr(AdamW(0.1, weight_decay=0.3, decay_scaled_by_lr=False)) == (
        "AdamW(lr=0.1, beta1=0.9, beta2=0.999, eps=1e-08, weight_decay=0.3, "
        "decay_scaled_by_lr=False)"
    )
