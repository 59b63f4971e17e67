"""Tests for dlref.init: initialisers and the activation-statistics experiment."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from dlref import ActivationStats, activation_statistics, he, random_normal, xavier, zeros
from tests._libs import import_or_skip

#: Sample std of N iid normals has relative standard error ~ 1/sqrt(2N): with
#: N = 250,000 that is 0.14 %, so 1 % is about seven standard errors.
STD_RTOL = 0.01


def report(name: str, diff: float) -> None:
    print(f"CROSSCHECK {name}: max|diff| = {diff:.3e}")


# --- initialisers -------------------------------------------------------------------

FORMULAS = [
    ("random_normal", lambda i, o, r: random_normal(i, o, rng=r), lambda i, o: 0.01),
    ("random_normal_1", lambda i, o, r: random_normal(i, o, 1.0, rng=r), lambda i, o: 1.0),
    ("xavier", lambda i, o, r: xavier(i, o, rng=r), lambda i, o: math.sqrt(1 / i)),
    (
        "glorot",
        lambda i, o, r: xavier(i, o, variant="glorot", rng=r),
        lambda i, o: math.sqrt(2 / (i + o)),
    ),
    ("he", lambda i, o, r: he(i, o, rng=r), lambda i, o: math.sqrt(2 / i)),
]


@pytest.mark.parametrize(("name", "make", "std"), FORMULAS)
def test_initialiser_std(name: str, make: Any, std: Any) -> None:
    n_in, n_out = 1000, 250  # non-square, so fan-in and fan-out differ
    W = make(n_in, n_out, 0)
    assert W.shape == (n_in, n_out) and W.dtype == np.float64
    assert abs(W.mean()) < 5 * std(n_in, n_out) / math.sqrt(W.size)
    np.testing.assert_allclose(W.std(), std(n_in, n_out), rtol=STD_RTOL)
    # exactly std * N(0, 1) with the same generator (documented draw)
    z = np.random.default_rng(0).standard_normal((n_in, n_out))
    np.testing.assert_allclose(W, std(n_in, n_out) * z, rtol=1e-15, atol=0)


@pytest.mark.parametrize(("name", "make", "std"), FORMULAS)
def test_initialiser_seed_and_dtype(name: str, make: Any, std: Any) -> None:
    a, b = make(30, 20, 5), make(30, 20, 5)
    assert a.tobytes() == b.tobytes()
    assert not np.array_equal(a, make(30, 20, 6))
    gen = np.random.default_rng(5)
    assert not np.array_equal(make(30, 20, gen), make(30, 20, gen))  # the Generator advances


@pytest.mark.parametrize(
    "make",
    [
        lambda dt: zeros(3, 4, dtype=dt),
        lambda dt: random_normal(3, 4, rng=1, dtype=dt),
        lambda dt: xavier(3, 4, rng=1, dtype=dt),
        lambda dt: xavier(3, 4, variant="glorot", rng=1, dtype=dt),
        lambda dt: he(3, 4, rng=1, dtype=dt),
    ],
)
def test_initialiser_float32_is_the_float64_draw_rounded(make: Any) -> None:
    w32, w64 = make(np.float32), make(np.float64)
    assert w32.dtype == np.float32 and w32.shape == (3, 4)
    np.testing.assert_array_equal(w32, w64.astype(np.float32))


def test_zeros() -> None:
    W = zeros(3, 2)
    assert W.shape == (3, 2) and W.dtype == np.float64 and not W.any()


def test_torch_init_formulas_with_torch_layout() -> None:
    torch = import_or_skip("torch")
    n_in, n_out = 1000, 250
    cases = [
        (
            "xavier(variant='glorot') vs torch.nn.init.xavier_normal_",
            lambda r: xavier(n_in, n_out, variant="glorot", rng=r),
            lambda t, g: torch.nn.init.xavier_normal_(t, generator=g),
        ),
        (
            "he vs torch.nn.init.kaiming_normal_(mode='fan_in', nonlinearity='relu')",
            lambda r: he(n_in, n_out, rng=r),
            lambda t, g: torch.nn.init.kaiming_normal_(
                t, mode="fan_in", nonlinearity="relu", generator=g
            ),
        ),
        (
            "xavier (fan_in, LeCun) vs torch.nn.init.kaiming_normal_(nonlinearity='linear')",
            lambda r: xavier(n_in, n_out, rng=r),
            lambda t, g: torch.nn.init.kaiming_normal_(
                t, mode="fan_in", nonlinearity="linear", generator=g
            ),
        ),
    ]
    for name, ours_fn, torch_fn in cases:
        # torch weights are (out, in): its fan_in is the second dimension
        w_t = torch_fn(
            torch.empty(n_out, n_in, dtype=torch.float64), torch.Generator().manual_seed(0)
        )
        ours = ours_fn(0)
        # (1) statistically: sample standard deviations agree (1 % relative, ~7 s.e.)
        assert abs(ours.std() / w_t.std().item() - 1) < 2 * STD_RTOL
        # (2) exactly: torch's weight / its own standard normal draw = its std
        z_t = torch.empty(n_out, n_in, dtype=torch.float64).normal_(
            generator=torch.Generator().manual_seed(0)
        )
        torch_std = (w_t / z_t).numpy()
        our_std = ours / np.random.default_rng(0).standard_normal((n_in, n_out))
        diff = float(max(np.ptp(torch_std), np.ptp(our_std), abs(our_std[0, 0] - torch_std[0, 0])))
        report(f"{name}: per-entry std", diff)
        assert diff < 1e-10


# --- activation statistics (CS231n lecture 6) --------------------------------------


def test_activation_statistics_shapes_and_keep() -> None:
    s = activation_statistics("xavier", "tanh", n_layers=3, width=20, n_samples=30, rng=0)
    assert isinstance(s, ActivationStats)
    assert s.mean.shape == (3,) and s.std.shape == (3,) and s.activations is None
    k = activation_statistics(
        "xavier", "tanh", n_layers=3, width=20, n_samples=30, rng=0, keep_activations=True
    )
    assert k.activations is not None and len(k.activations) == 3
    assert all(h.shape == (30, 20) for h in k.activations)
    np.testing.assert_array_equal(k.std, s.std)
    np.testing.assert_allclose([h.std() for h in k.activations], k.std, rtol=1e-15)
    np.testing.assert_allclose([h.mean() for h in k.activations], k.mean, rtol=1e-15)


def test_activation_statistics_same_seed_same_bits() -> None:
    a = activation_statistics("he", "relu", n_layers=3, width=30, n_samples=40, rng=3)
    b = activation_statistics("he", "relu", n_layers=3, width=30, n_samples=40, rng=3)
    assert a.std.tobytes() == b.std.tobytes() and a.mean.tobytes() == b.mean.tobytes()


def test_small_weights_collapse_tanh() -> None:
    s = activation_statistics("small", "tanh", rng=0)
    # each layer multiplies the spread by about 0.01 * sqrt(500) = 0.224
    ratios = s.std[1:] / s.std[:-1]
    np.testing.assert_allclose(ratios, 0.01 * math.sqrt(500), rtol=0.02)
    assert s.std[-1] < 1e-6
    assert np.all(np.diff(s.std) < 0)


def test_large_weights_saturate_tanh() -> None:
    s = activation_statistics("large", "tanh", rng=0, keep_activations=True)
    assert s.activations is not None
    saturated = [float(np.mean(np.abs(h) > 0.99)) for h in s.activations]
    assert min(saturated[1:]) > 0.8  # most units at +-1 in every deep layer
    assert np.all(s.std > 0.95)  # +-1 values: std close to 1


def test_xavier_keeps_tanh_alive() -> None:
    s = activation_statistics("xavier", "tanh", rng=0, keep_activations=True)
    assert s.activations is not None
    assert np.all((s.std > 0.15) & (s.std < 0.8))  # no collapse through layer 10
    assert max(float(np.mean(np.abs(h) > 0.99)) for h in s.activations) < 0.05  # no saturation
    assert np.all(np.abs(s.mean) < 0.01)  # tanh is zero-centred


def _variance_ratios(init: str) -> np.ndarray:
    s = activation_statistics(init, "relu", rng=0)
    var = s.std**2
    return var[1:] / var[:-1]


def test_relu_with_xavier_halves_the_variance() -> None:
    r = _variance_ratios("xavier")
    # geometric mean over 9 layer pairs within 0.5 +- 0.05 (seeds 0-7: 0.47-0.54);
    # single pairs fluctuate more (a ReLU layer's output mean concentrates energy)
    assert abs(np.exp(np.mean(np.log(r))) - 0.5) < 0.05
    assert np.all((r > 0.35) & (r < 0.65))


def test_relu_with_he_keeps_the_variance() -> None:
    r = _variance_ratios("he")
    assert abs(np.exp(np.mean(np.log(r))) - 1.0) < 0.1  # seeds 0-7: 0.94-1.08
    assert np.all((r > 0.7) & (r < 1.3))


def test_he_is_xavier_times_sqrt2_per_relu_layer() -> None:
    # ReLU is positively homogeneous and both draw the same normals: exact.
    x = activation_statistics("xavier", "relu", n_layers=5, width=50, n_samples=60, rng=1)
    h = activation_statistics("he", "relu", n_layers=5, width=50, n_samples=60, rng=1)
    np.testing.assert_allclose(h.std / x.std, np.sqrt(2.0) ** np.arange(1, 6), rtol=1e-12)


def test_zeros_and_callables() -> None:
    s = activation_statistics("zeros", "tanh", n_layers=3, width=10, n_samples=20, rng=0)
    np.testing.assert_array_equal(s.std, 0.0)
    lin = activation_statistics(
        lambda i, o, g: np.eye(i, o), "linear", n_layers=2, width=8, n_samples=400, rng=0
    )
    np.testing.assert_allclose(lin.std, lin.std[0])  # identity weights, linear: unchanged
    assert abs(lin.std[0] - 1.0) < 0.05
    cube = activation_statistics("xavier", lambda z: z**3, n_layers=1, width=8, n_samples=10, rng=0)
    assert cube.std.shape == (1,)
    for name in ("sigmoid", "leaky_relu", "elu", "glorot", "random_normal"):
        kwargs = {"init": name} if name in ("glorot", "random_normal") else {"activation": name}
        args = {"init": "xavier", "activation": "tanh", **kwargs}
        out = activation_statistics(**args, n_layers=2, width=10, n_samples=10, rng=0)
        assert np.all(np.isfinite(out.std))
    sig = activation_statistics("small", "sigmoid", n_layers=3, width=50, n_samples=50, rng=0)
    np.testing.assert_allclose(sig.mean, 0.5, atol=0.01)  # sigmoid(0) = 0.5: not zero-centred


# --- bad input --------------------------------------------------------------------

BAD: list[tuple[Any, tuple[Any, ...], dict[str, Any], type[Exception], str]] = [
    (zeros, (0, 3), {}, ValueError, "n_in"),
    (zeros, (3, -1), {}, ValueError, "n_out"),
    (zeros, (2.5, 3), {}, TypeError, "n_in"),
    (zeros, (2, 3), {"dtype": np.int64}, TypeError, "dtype"),
    (random_normal, (2, 3, -0.1), {}, ValueError, "scale"),
    (random_normal, (2, 3, float("inf")), {}, ValueError, "scale"),
    (random_normal, (2, 3), {"rng": "x"}, TypeError, "rng"),
    (xavier, (2, 3), {"variant": "fan_out"}, ValueError, "variant"),
    (xavier, (True, 3), {}, TypeError, "n_in"),
    (xavier, (2, 3), {"dtype": "nonsense"}, TypeError, "dtype"),
    (he, (0, 3), {}, ValueError, "n_in"),
    (he, (2, 3), {"rng": -5}, ValueError, "rng"),
    (activation_statistics, ("tiny", "tanh"), {}, ValueError, "init"),
    (activation_statistics, ("xavier", "swish"), {}, ValueError, "activation"),
    (activation_statistics, ("xavier", "tanh"), {"n_layers": 0}, ValueError, "n_layers"),
    (activation_statistics, ("xavier", "tanh"), {"width": 0}, ValueError, "width"),
    (activation_statistics, ("xavier", "tanh"), {"n_samples": 1.5}, TypeError, "n_samples"),
    (
        activation_statistics,
        (lambda i, o, g: np.ones((i, o + 1)), "tanh"),
        {"width": 4, "n_samples": 3},
        ValueError,
        r"init\(...\)",
    ),
    (
        activation_statistics,
        ("xavier", lambda z: np.full_like(z, np.nan)),
        {"width": 4, "n_samples": 3},
        ValueError,
        r"activation\(...\)",
    ),
    (
        activation_statistics,
        ("xavier", lambda z: z[:, :2]),
        {"width": 4, "n_samples": 3},
        ValueError,
        r"activation\(...\)",
    ),
]


@pytest.mark.parametrize(("fn", "args", "kwargs", "exc", "name"), BAD)
def test_bad_input(
    fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any], exc: type[Exception], name: str
) -> None:
    with pytest.raises(exc, match=name):
        fn(*args, **kwargs)


# --- the backward pass of activation_statistics -------------------------------------------


def _fixed_weights(mats: list[np.ndarray]):  # type: ignore[no-untyped-def]
    """An init callable that hands out the given matrices in turn (drawing nothing)."""
    it = iter(mats)

    def init(n_in: int, n_out: int, rng: np.random.Generator) -> np.ndarray:
        return next(it)

    return init


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "linear"])
def test_activation_statistics_backward_is_the_gradient(activation: str) -> None:
    from dlref import gradient_check
    from dlref.init import _activation_fn

    rng = np.random.default_rng(5)
    L, n, m = 3, 6, 4
    mats = [rng.normal(scale=0.8, size=(n, n)) for _ in range(L)]
    s = activation_statistics(_fixed_weights(list(mats)), activation, n_layers=L, width=n,
                              n_samples=m, rng=11)
    gen = np.random.default_rng(11)
    X = gen.standard_normal((m, n))
    G = gen.standard_normal((m, n))
    act = _activation_fn(activation)

    def loss(W1: np.ndarray) -> float:
        h = X
        for W in [W1, *mats[1:]]:
            h = np.asarray(act(h @ W))
        return float(np.sum(G * h) / m)

    # dL/dW1 from the function's own numbers: rebuild it from the same formulas
    hs, zs = [X], []
    for W in mats:
        zs.append(hs[-1] @ W)
        hs.append(np.asarray(act(zs[-1])))
    eps = 1e-6
    dh = G / m
    for layer in reversed(range(L)):
        g = (np.asarray(act(zs[layer] + eps)) - np.asarray(act(zs[layer] - eps))) / (2 * eps)
        dz = dh * g
        assert np.isclose(np.sqrt(np.mean(dz**2)), s.dz_rms[layer], rtol=1e-5)
        dW = hs[layer].T @ dz
        assert np.isclose(np.sqrt(np.mean(dW**2)), s.dw_rms[layer], rtol=1e-5)
        if layer == 0 and activation != "relu":
            assert gradient_check(loss, mats[0].copy(), dW).verdict == "ok"
        dh = dz @ mats[layer].T


def test_large_weights_explode_the_gradient_towards_the_input() -> None:
    # The page's setting: scale 1, width 500, 10 tanh layers (fewer samples, same picture).
    s = activation_statistics("large", "tanh", n_layers=10, width=500, n_samples=200, rng=0)
    assert s.dz_rms is not None and s.dw_rms is not None
    growth = s.dz_rms[:-1] / s.dz_rms[1:]
    assert np.all((growth > 3.0) & (growth < 4.0))
    assert s.dw_rms[0] > 1e4 * s.dw_rms[-1]


def test_callable_activation_has_no_gradient_statistics() -> None:
    s = activation_statistics("xavier", np.tanh, n_layers=2, width=5, n_samples=3, rng=0)
    assert s.dz_rms is None and s.dw_rms is None
