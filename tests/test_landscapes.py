"""Tests for dlref.landscapes: 2-D surfaces, their gradients, optimiser trajectories."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref import (
    SGD,
    Adam,
    Momentum,
    Nesterov,
    RMSprop,
    elongated_quadratic,
    elongated_quadratic_grad,
    normalized_quadratic,
    normalized_quadratic_grad,
    plateau,
    plateau_grad,
    rosenbrock,
    rosenbrock_grad,
    saddle,
    saddle_grad,
    trajectory,
)
from tests._grad import assert_gradient
from tests._libs import import_or_skip

FAST = settings(max_examples=50, deadline=None)

PAIRS: list[tuple[str, Callable[..., Any], Callable[..., np.ndarray], dict[str, Any]]] = [
    ("saddle", saddle, saddle_grad, {}),
    ("plateau", plateau, plateau_grad, {}),
    ("elongated", elongated_quadratic, elongated_quadratic_grad, {}),
    ("elongated_k3", elongated_quadratic, elongated_quadratic_grad, {"kappa": 3.0}),
    ("normalized", normalized_quadratic, normalized_quadratic_grad, {}),
    ("rosenbrock", rosenbrock, rosenbrock_grad, {}),
    ("rosenbrock_ab", rosenbrock, rosenbrock_grad, {"a": -0.5, "b": 7.0}),
]
IDS = [name for name, *_ in PAIRS]


# --- gradients -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "f", "grad", "kw"), PAIRS, ids=IDS)
def test_gradient_check(name: str, f: Any, grad: Any, kw: dict[str, Any]) -> None:
    rng = np.random.default_rng(0)
    for p in rng.uniform(-2, 2, size=(10, 2)):
        assert_gradient(lambda v: f(v, **kw), p, grad(p, **kw))


@pytest.mark.parametrize(("name", "f", "grad", "kw"), PAIRS, ids=IDS)
def test_against_torch_autograd(name: str, f: Any, grad: Any, kw: dict[str, Any]) -> None:
    torch = import_or_skip("torch")
    t_f = {
        "saddle": lambda x, y: x**2 - y**2,
        "plateau": lambda x, y: 1 - torch.exp(-(x**2 + y**2) / 2),
        "elongated": lambda x, y: 0.5 * (x**2 + kw.get("kappa", 10.0) * y**2),
        "elongated_k3": lambda x, y: 0.5 * (x**2 + kw.get("kappa", 10.0) * y**2),
        "normalized": lambda x, y: 0.5 * (x**2 + y**2),
        "rosenbrock": lambda x, y: (1.0 - x) ** 2 + 100.0 * (y - x**2) ** 2,
        "rosenbrock_ab": lambda x, y: (kw["a"] - x) ** 2 + kw["b"] * (y - x**2) ** 2,
    }[name]
    points = np.random.default_rng(1).uniform(-2, 2, size=(20, 2))
    pt = torch.tensor(points, dtype=torch.float64, requires_grad=True)
    value = t_f(pt[:, 0], pt[:, 1])
    value.sum().backward()
    # max |diff| measured: 0.0 for every value and every other gradient;
    # rosenbrock gradient 2.3e-13 (a, b default) and 2.8e-14 (a=-0.5, b=7)
    np.testing.assert_allclose(f(points, **kw), value.detach().numpy(), rtol=0, atol=1e-10)
    np.testing.assert_allclose(grad(points, **kw), pt.grad.numpy(), rtol=0, atol=1e-10)


def test_rosenbrock_against_scipy() -> None:
    optimize = import_or_skip("scipy.optimize")
    for p in np.random.default_rng(2).uniform(-2, 2, size=(20, 2)):
        # max |diff| measured: 0.0 (value), 0.0 (gradient)
        assert rosenbrock(p) == pytest.approx(optimize.rosen(p), rel=1e-14, abs=1e-12)
        np.testing.assert_allclose(rosenbrock_grad(p), optimize.rosen_der(p), rtol=0, atol=1e-10)


# --- values and geometry ----------------------------------------------------------------


def test_pinned_values() -> None:
    assert rosenbrock([1.0, 1.0]) == 0.0
    np.testing.assert_array_equal(rosenbrock_grad([1.0, 1.0]), [0.0, 0.0])
    assert rosenbrock([2.0, 4.0], a=2.0) == 0.0 and rosenbrock([-1.0, 1.0]) == 4.0
    assert saddle([3.0, 2.0]) == 5.0 and saddle([0.0, 0.0]) == 0.0
    assert plateau([0.0, 0.0]) == 0.0
    assert plateau([1.0, 0.0]) == pytest.approx(1 - math.exp(-0.5), rel=1e-15)
    assert elongated_quadratic([1.0, 1.0]) == 5.5
    assert elongated_quadratic([1.0, 1.0], kappa=1.0) == normalized_quadratic([1.0, 1.0]) == 1.0


def test_saddle_is_a_saddle() -> None:
    """Zero gradient at the origin, a minimum along x and a maximum along y."""
    np.testing.assert_array_equal(np.abs(saddle_grad([0.0, 0.0])), [0.0, 0.0])
    t = np.linspace(-1, 1, 11)
    assert np.all(saddle(np.c_[t, 0 * t]) >= 0) and np.all(saddle(np.c_[0 * t, t]) <= 0)


def test_plateau_is_flat_far_away() -> None:
    far = np.array([[5.0, 0.0], [0.0, -6.0], [4.0, 4.0]])
    assert np.all(np.linalg.norm(plateau_grad(far), axis=1) < 1e-4)
    assert np.all(plateau(far) > 0.9999)


@FAST
@given(x=st.floats(-10, 10), y=st.floats(-10, 10), kappa=st.floats(1, 1000))
def test_standardising_makes_the_valley_round(x: float, y: float, kappa: float) -> None:
    """elongated(w1, w2) = normalized(w1, sqrt(kappa) w2): the change of variables."""
    w = np.array([x, y])
    w_std = np.array([x, math.sqrt(kappa) * y])
    assert elongated_quadratic(w, kappa=kappa) == pytest.approx(
        normalized_quadratic(w_std), rel=1e-12, abs=1e-300
    )


@pytest.mark.parametrize(("name", "f", "grad", "kw"), PAIRS, ids=IDS)
def test_stacks_of_points(name: str, f: Any, grad: Any, kw: dict[str, Any]) -> None:
    xs, ys = np.meshgrid(np.linspace(-2, 2, 5), np.linspace(-1, 3, 4))
    grid = np.stack([xs, ys], axis=-1)  # (4, 5, 2)
    values, grads = f(grid, **kw), grad(grid, **kw)
    assert values.shape == (4, 5) and grads.shape == (4, 5, 2)
    for i in range(4):
        for j in range(5):
            assert values[i, j] == f(grid[i, j], **kw)
            np.testing.assert_array_equal(grads[i, j], grad(grid[i, j], **kw))
    assert type(f(grid[0, 0], **kw)) is float


@pytest.mark.parametrize(("name", "f", "grad", "kw"), PAIRS, ids=IDS)
def test_dtypes_and_no_mutation(name: str, f: Any, grad: Any, kw: dict[str, Any]) -> None:
    p32 = np.array([0.3, -0.7], dtype=np.float32)
    p64 = p32.astype(np.float64)
    before = p32.copy()
    g32 = grad(p32, **kw)
    assert g32.dtype == np.float32 and type(f(p32, **kw)) is float
    assert f(np.array([[0.3, -0.7]], dtype=np.float32), **kw).dtype == np.float32
    assert grad([1, 2], **kw).dtype == np.float64  # integers compute in float64
    np.testing.assert_allclose(g32, grad(p64, **kw), rtol=1e-5, atol=1e-5)
    np.testing.assert_array_equal(p32, before)
    g = grad(p64, **kw)
    assert not np.shares_memory(g, p64)


# --- trajectory ----------------------------------------------------------------------


OPTIMIZERS: list[Callable[[], Any]] = [
    lambda: SGD(lr=1e-3),
    lambda: Momentum(lr=1e-3, beta=0.9),
    lambda: Nesterov(lr=1e-3, beta=0.9),
    lambda: RMSprop(lr=0.01),
    lambda: Adam(lr=0.05),
]


@pytest.mark.parametrize("make", OPTIMIZERS)
def test_trajectory_equals_the_manual_loop(make: Callable[[], Any]) -> None:
    start = np.array([-1.5, 2.0])
    before = start.copy()
    path = trajectory(make(), rosenbrock_grad, start, steps=25)
    assert path.shape == (26, 2) and path.dtype == np.float64
    np.testing.assert_array_equal(start, before)
    np.testing.assert_array_equal(path[0], start)
    opt, p = make(), {"p": start.copy()}
    for t in range(1, 26):
        opt.step(p, {"p": rosenbrock_grad(p["p"])})
        np.testing.assert_array_equal(path[t], p["p"])


def test_trajectory_zero_steps_dtype_and_copy() -> None:
    path = trajectory(SGD(lr=0.1), saddle_grad, [1, 2], steps=0)
    assert path.shape == (1, 2) and path.dtype == np.float64
    start32 = np.array([1.0, 1e-3], dtype=np.float32)
    path32 = trajectory(Adam(lr=0.05), saddle_grad, start32, steps=10)
    assert path32.dtype == np.float32
    np.testing.assert_allclose(
        path32, trajectory(Adam(lr=0.05), saddle_grad, start32.astype(np.float64), 10),
        rtol=1e-4, atol=1e-5,
    )  # fmt: skip


def test_grad_fn_gets_a_copy() -> None:
    def meddling_grad(p: np.ndarray) -> np.ndarray:
        g = normalized_quadratic_grad(p)
        p[:] = 100.0  # must not move the path
        return g

    path = trajectory(SGD(lr=0.5), meddling_grad, [2.0, -2.0], steps=3)
    np.testing.assert_allclose(path, np.array([[2, -2], [1, -1], [0.5, -0.5], [0.25, -0.25]]))


def test_same_inputs_same_bits() -> None:
    a = trajectory(Adam(lr=0.1), rosenbrock_grad, [-1.0, 1.0], steps=50)
    b = trajectory(Adam(lr=0.1), rosenbrock_grad, [-1.0, 1.0], steps=50)
    assert a.tobytes() == b.tobytes()


def test_sgd_on_elongated_vs_normalized() -> None:
    """Each with its best learning rate: the round bowl in one step, the valley in many."""
    start = [-4.0, 1.0]
    # the valley: stable only for lr < 2 / kappa = 0.2; the best fixed rate is
    # 2 / (1 + kappa) = 0.18, and it still zig-zags along y and crawls along x
    valley = trajectory(SGD(lr=2 / 11), elongated_quadratic_grad, start, 30)
    assert np.all(np.diff(np.sign(valley[1:8, 1])) != 0)  # zig-zag across the valley
    assert elongated_quadratic(valley[-1]) > 1e-5
    # both coordinates shrink by 9/11 per step: f = (16 + 10) / 2 * (9/11)^60
    assert elongated_quadratic(valley[-1]) == pytest.approx(13 * (9 / 11) ** 60, rel=1e-10)
    # the round bowl takes lr = 1: one step to the minimum
    round_ = trajectory(SGD(lr=1.0), normalized_quadratic_grad, start, 30)
    np.testing.assert_array_equal(round_[1:], 0.0)
    # the valley diverges with that rate, and the error names the step
    with pytest.raises(ValueError, match=r"trajectory diverged at step \d+"):
        trajectory(SGD(lr=1.0), elongated_quadratic_grad, start, 2000)


def test_adam_escapes_the_saddle_and_crosses_the_plateau() -> None:
    start = [1.0, 1e-3]
    sgd = trajectory(SGD(lr=0.05), saddle_grad, start, 30)[-1]
    adam = trajectory(Adam(lr=0.05), saddle_grad, start, 30)[-1]
    assert abs(sgd[1]) < 0.05 < 1.0 < abs(adam[1])
    assert saddle(adam) < -1.0 < saddle(sgd)
    sgd = trajectory(SGD(lr=0.1), plateau_grad, [3.0, 4.0], 100)[-1]
    adam = trajectory(Adam(lr=0.1), plateau_grad, [3.0, 4.0], 100)[-1]
    rms = trajectory(RMSprop(lr=0.1), plateau_grad, [3.0, 4.0], 100)[-1]
    assert plateau(sgd) > 0.9999 and plateau(adam) < 1e-3 and plateau(rms) < 1e-2


def test_momentum_takes_a_rate_that_sgd_cannot_on_rosenbrock() -> None:
    start = [-1.5, 2.0]
    with pytest.raises(ValueError, match="trajectory diverged at step 9"):
        trajectory(SGD(lr=1e-2), rosenbrock_grad, start, 2000)
    slow = trajectory(SGD(lr=1e-3), rosenbrock_grad, start, 2000)[-1]
    mom = trajectory(Momentum(lr=1e-2, beta=0.9), rosenbrock_grad, start, 2000)[-1]
    adam = trajectory(Adam(lr=0.05), rosenbrock_grad, start, 2000)[-1]
    # measured: SGD 0.195, Momentum 1.4e-8, Adam 1.7e-12
    assert rosenbrock(slow) > 0.1
    assert rosenbrock(mom) < 1e-6 and rosenbrock(adam) < 1e-6
    np.testing.assert_allclose(adam, [1.0, 1.0], atol=1e-5)


def test_trajectory_non_finite_gradient_raises_with_the_step() -> None:
    calls = {"n": 0}

    def bad_grad(p: np.ndarray) -> np.ndarray:
        calls["n"] += 1
        return np.array([np.nan, 0.0]) if calls["n"] == 3 else np.array([1.0, 1.0])

    with pytest.raises(ValueError, match=r"step 3: grad_fn\(p\) is not finite"):
        trajectory(SGD(lr=0.1), bad_grad, [0.0, 0.0], 5)


# --- bad input ------------------------------------------------------------------------

FUNCS = [f for _, f, _, _ in PAIRS[::2]] + [g for _, _, g, _ in PAIRS[::2]]

BAD_POINTS: list[tuple[Any, type[Exception], str]] = [
    ([1.0, 2.0, 3.0], ValueError, "p must have 2 coordinates"),
    (np.zeros((4, 3)), ValueError, "p must have 2 coordinates"),
    (1.0, ValueError, "p must be 1-D or 2-D or 3-D"),
    (np.zeros((1, 1, 1, 2)), ValueError, "p must be"),
    (np.zeros((0, 2)), ValueError, "p must not be empty"),
    ([np.nan, 1.0], ValueError, "p must be finite"),
    ([np.inf, 1.0], ValueError, "p must be finite"),
    ("ab", TypeError, "p must be"),
    ([True, False], TypeError, "p must hold real numbers"),
]


@pytest.mark.parametrize("fn", FUNCS, ids=lambda fn: fn.__name__)
@pytest.mark.parametrize(("p", "exc", "match"), BAD_POINTS)
def test_bad_points(fn: Any, p: Any, exc: type[Exception], match: str) -> None:
    with pytest.raises(exc, match=match):
        fn(p)


BAD: list[tuple[Any, tuple[Any, ...], dict[str, Any], type[Exception], str]] = [
    (elongated_quadratic, ([1.0, 1.0],), {"kappa": 0.5}, ValueError, "kappa"),
    (elongated_quadratic_grad, ([1.0, 1.0],), {"kappa": math.nan}, ValueError, "kappa"),
    (elongated_quadratic, ([1.0, 1.0],), {"kappa": "10"}, TypeError, "kappa"),
    (rosenbrock, ([1.0, 1.0],), {"b": 0.0}, ValueError, "b must be"),
    (rosenbrock_grad, ([1.0, 1.0],), {"b": -1.0}, ValueError, "b must be"),
    (rosenbrock, ([1.0, 1.0],), {"a": math.inf}, ValueError, "a must be"),
    (trajectory, (SGD(lr=0.1), saddle_grad, [1.0, 1.0], -1), {}, ValueError, "steps"),
    (trajectory, (SGD(lr=0.1), saddle_grad, [1.0, 1.0], 2.0), {}, TypeError, "steps"),
    (trajectory, (SGD(lr=0.1), saddle_grad, [1.0, 1.0, 1.0], 2), {}, ValueError, "start"),
    (trajectory, (SGD(lr=0.1), saddle_grad, [[1.0, 1.0]], 2), {}, ValueError, "start"),
    (trajectory, (SGD(lr=0.1), saddle_grad, [np.nan, 1.0], 2), {}, ValueError, "start"),
    (trajectory, (SGD(lr=0.1), saddle_grad, [], 2), {}, ValueError, "start"),
    (trajectory, (None, saddle_grad, [1.0, 1.0], 2), {}, TypeError, "optimizer.step"),
    (trajectory, (SGD(lr=0.1), "grad", [1.0, 1.0], 2), {}, TypeError, "grad_fn"),
    (trajectory, (SGD(lr=0.1), lambda p: [1.0], [1.0, 1.0], 2), {}, ValueError, r"grad_fn\(p\)"),
    (trajectory, (SGD(lr=0.1), lambda p: "g", [1.0, 1.0], 2), {}, TypeError, r"grad_fn\(p\)"),
    (trajectory, (SGD(lr=0.1), lambda p: np.ones((2, 2)), [1.0, 1.0], 2), {}, ValueError,
     r"grad_fn\(p\)"),
    (trajectory, (SGD(lr=10.0), functools.partial(elongated_quadratic_grad, kappa=100.0),
                  [1.0, 1.0], 500), {}, ValueError, "trajectory diverged at step"),
]  # fmt: skip


@pytest.mark.parametrize(("fn", "args", "kwargs", "exc", "match"), BAD)
def test_bad_input(fn: Any, args: Any, kwargs: Any, exc: type[Exception], match: str) -> None:
    with pytest.raises(exc, match=match):
        fn(*args, **kwargs)
