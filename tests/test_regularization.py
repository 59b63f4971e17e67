"""Tests for dlref.regularization: penalties, dropout, early stopping, augmentation."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref import (
    EarlyStopping,
    dropout_backward,
    dropout_forward,
    flip_horizontal,
    l1_grad,
    l1_penalty,
    l2_grad,
    l2_penalty,
    random_shift,
)
from tests._grad import assert_gradient
from tests._libs import import_or_skip

FAST = settings(max_examples=50, deadline=None)


def report(name: str, diff: float) -> None:
    print(f"CROSSCHECK {name}: max|diff| = {diff:.3e}")


def _w(shape: tuple[int, ...], seed: int = 0, away_from: float = 0.0) -> np.ndarray:
    """Random weights; with ``away_from`` > 0 every |w| is at least that."""
    w = np.random.default_rng(seed).standard_normal(shape)
    return np.sign(w) * (np.abs(w) + away_from)


# --- L2 / L1 ----------------------------------------------------------------------


def test_l2_penalty_values() -> None:
    W1, W2 = np.array([[1.0, 2.0], [0.0, -2.0]]), np.array([[3.0]])
    assert l2_penalty([W1, W2], 0.5, 3) == pytest.approx(0.5 / 6 * 18, rel=1e-15)
    assert l2_penalty([], 1.0, 1) == 0.0
    assert l2_penalty(W1, 2.0, 1) == pytest.approx(9.0, rel=1e-15)  # a single array
    assert l2_penalty((w for w in [W1]), 2.0, 1) == pytest.approx(9.0)  # any iterable
    assert l2_penalty([W1], 0.0, 5) == 0.0
    assert isinstance(l2_penalty([W1.astype(np.float32)], 1.0, 1), float)


def test_l1_penalty_values() -> None:
    W = np.array([[1.0, -2.0], [0.0, 3.0]])
    assert l1_penalty([W, W], 1.0, 2) == pytest.approx(12 / 4, rel=1e-15)
    assert l1_penalty([], 1.0, 1) == 0.0


def test_l2_grad_gradient_check() -> None:
    W = _w((4, 3), seed=1)
    c = 1.7  # a non-unit upstream gradient on the scalar penalty
    analytic = c * l2_grad(W, 0.3, 7)
    assert_gradient(lambda v: c * l2_penalty([v], 0.3, 7), W, analytic)


def test_l2_grad_is_the_weight_decay_factor() -> None:
    W, lambd, m, alpha = _w((3, 3)), 0.5, 10, 0.1
    step = W - alpha * l2_grad(W, lambd, m)
    np.testing.assert_allclose(step, (1 - alpha * lambd / m) * W, rtol=1e-15)


def test_l1_grad_gradient_check() -> None:
    W = _w((4, 3), seed=2, away_from=0.1)  # |w| >= 0.1, far from the kink at 0
    c = 0.8
    analytic = c * l1_grad(W, 0.6, 5)
    assert_gradient(lambda v: c * l1_penalty([v], 0.6, 5), W, analytic)


def test_l1_grad_subgradient_zero_at_zero() -> None:
    g = l1_grad(np.array([0.0, -0.0, 1e-300, -3.0]), 4.0, 2)
    np.testing.assert_array_equal(g, [0.0, 0.0, 1.0, -1.0])


def test_penalty_float32() -> None:
    W = _w((3, 2)).astype(np.float32)
    assert l2_grad(W, 0.1, 3).dtype == np.float32
    assert l1_grad(W, 0.1, 3).dtype == np.float32


def test_l2_matches_torch_weight_decay() -> None:
    torch = import_or_skip("torch")
    W = _w((5, 4), seed=3)
    lambd, m = 0.7, 20
    # torch: SGD(weight_decay=lambd/m) adds (lambd/m) W to the gradient
    w = torch.tensor(W, requires_grad=True)
    opt = torch.optim.SGD([w], lr=1.0, weight_decay=lambd / m)
    w.grad = torch.zeros_like(w)
    opt.step()
    ours = W - l2_grad(W, lambd, m)
    diff = float(np.max(np.abs(w.detach().numpy() - ours)))
    report("l2_grad vs torch SGD weight_decay = lambd/m (one step)", diff)
    assert diff < 1e-10
    # the penalty's autograd gradient is l2_grad
    v = torch.tensor(W, requires_grad=True)
    (lambd / (2 * m) * (v**2).sum()).backward()
    diff = float(np.max(np.abs(v.grad.numpy() - l2_grad(W, lambd, m))))
    report("l2_grad vs torch autograd of lambd/(2m) ||W||^2", diff)
    assert diff < 1e-10


# --- dropout ----------------------------------------------------------------------


def test_dropout_backward_gradient_check() -> None:
    x = _w((5, 6), seed=4)
    dout = np.random.default_rng(5).standard_normal(x.shape)
    p = 0.7
    _, mask = dropout_forward(x, p, rng=9)  # the same seed gives the same (fixed) mask
    assert mask is not None and 0 < mask.sum() < mask.size
    analytic = dropout_backward(dout, mask, p)
    assert_gradient(lambda v: np.sum(dout * dropout_forward(v, p, rng=9)[0]), x, analytic)


def test_dropout_scaling_matches_torch() -> None:
    torch = import_or_skip("torch")
    F = torch.nn.functional
    x = np.random.default_rng(0).uniform(0.5, 1.5, size=(40, 50))  # no zeros
    keep = 0.8
    xt = torch.tensor(x)
    with torch.random.fork_rng():
        torch.manual_seed(0)
        out_t = F.dropout(xt, p=1 - keep, training=True).numpy()
    mask_t = (out_t != 0).astype(np.float64)
    # same mask: our scaling of torch's pattern reproduces torch's output
    diff_same_mask = float(np.max(np.abs(dropout_backward(x, mask_t, keep) - out_t)))
    # our own mask: kept entries scaled by the same factor as torch's kept entries
    out, mask = dropout_forward(x, keep, rng=0)
    factor_ours = (out / x)[mask == 1]
    factor_torch = (out_t / x)[mask_t == 1]
    diff_factor = float(np.max(np.abs(factor_ours - factor_torch.mean())))
    eval_t = F.dropout(xt, p=1 - keep, training=False).numpy()
    diff_eval = float(np.max(np.abs(dropout_forward(x, keep, train=False)[0] - eval_t)))
    report("dropout: torch F.dropout pattern rescaled by ours", diff_same_mask)
    report("dropout: kept-entry factor, ours vs torch", diff_factor)
    report("dropout: eval mode vs F.dropout(training=False)", diff_eval)
    assert max(diff_same_mask, diff_factor, diff_eval) < 1e-10
    assert np.ptp(factor_torch) < 1e-12 and abs(factor_ours[0] - 1 / keep) < 1e-12


@FAST
@given(keep=st.floats(0.05, 1.0), seed=st.integers(0, 2**32 - 1))
def test_inverted_dropout_preserves_the_mean(keep: float, seed: int) -> None:
    n = 200_000
    x = np.ones(n)
    out, _ = dropout_forward(x, keep, rng=seed)
    # mean of n iid values x/p w.p. p, else 0: standard error sqrt((1-p)/(p n))
    se = np.sqrt((1 - keep) / (keep * n))
    assert abs(out.mean() - 1.0) <= 6 * se + 1e-12


def test_dropout_keeps_the_mean_per_entry() -> None:
    x = np.array([[-2.0, 0.5, 3.0]])
    outs = np.stack([dropout_forward(x, 0.4, rng=s)[0] for s in range(3000)])
    # 3000 draws: per-entry s.e. = |x| sqrt(0.6/0.4/3000) ~ 0.022 |x|
    np.testing.assert_allclose(outs.mean(axis=0), x, atol=0.15)


@FAST
@given(
    shape=st.tuples(st.integers(1, 8), st.integers(1, 8)),
    keep=st.floats(0.01, 1.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_dropout_backward_applies_the_same_mask(
    shape: tuple[int, int], keep: float, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.5, 2.0, size=shape)
    dout = rng.standard_normal(shape)
    out, mask = dropout_forward(x, keep, rng=seed)
    assert mask is not None and set(np.unique(mask)) <= {0.0, 1.0}
    dx = dropout_backward(dout, mask, keep)
    np.testing.assert_array_equal(dx == 0, (mask == 0) | (dout == 0))
    np.testing.assert_array_equal(out == 0, mask == 0)
    np.testing.assert_allclose(dx[mask == 1], dout[mask == 1] / keep, rtol=1e-15)
    np.testing.assert_array_equal(dropout_backward(dout, mask.astype(bool), keep), dx)


def test_dropout_eval_mode_and_keep_one() -> None:
    x = np.arange(6.0).reshape(2, 3)
    out, mask = dropout_forward(x, 0.5, train=False)
    assert mask is None and out is not x and not np.shares_memory(out, x)
    np.testing.assert_array_equal(out, x)
    dx = dropout_backward(x, None, 0.5)
    assert not np.shares_memory(dx, x)
    np.testing.assert_array_equal(dx, x)
    out1, mask1 = dropout_forward(x, 1.0, rng=0)
    np.testing.assert_array_equal(out1, x)
    assert mask1 is not None and np.all(mask1 == 1)


def test_dropout_mask_rule_and_dtype() -> None:
    x = np.ones((3, 4), dtype=np.float32)
    out, mask = dropout_forward(x, 0.6, rng=2)
    expected = np.random.default_rng(2).random((3, 4)) < 0.6  # the documented rule
    assert mask is not None
    np.testing.assert_array_equal(mask, expected)
    assert out.dtype == np.float32 and mask.dtype == np.float32
    assert dropout_backward(x, mask, 0.6).dtype == np.float32
    a, b = dropout_forward(x, 0.6, rng=2), dropout_forward(x, 0.6, rng=2)
    assert a[0].tobytes() == b[0].tobytes()


# --- early stopping -----------------------------------------------------------------

CURVES = [
    # (losses, patience, min_delta, stop update (1-based) or None, best_epoch, best_value)
    ([1.0, 0.9, 0.8, 0.85, 0.86, 0.87], 3, 0.0, 6, 3, 0.8),
    ([1.0, 0.9, 0.8, 0.85, 0.86], 3, 0.0, None, 3, 0.8),
    ([1.0, 0.9, 0.8, 0.7, 0.6], 1, 0.0, None, 5, 0.6),
    ([1.0, 1.0], 1, 0.0, 2, 1, 1.0),  # equal is not an improvement
    ([1.0, 2.0, 0.5, 2.0, 2.0], 2, 0.0, 5, 3, 0.5),  # wait resets on improvement
    # min_delta 0.25 (exact in binary): 0.875 and 0.75 do not count, 0.5 does;
    # then 0.375, 0.3125 and 0.25 (= 0.5 - 0.25, equality) do not
    ([1.0, 0.875, 0.75, 0.5, 0.375, 0.3125, 0.25], 3, 0.25, 7, 4, 0.5),
    ([1.0, 0.875, 0.75], 2, 0.25, 3, 1, 1.0),
    ([3.0, 2.0, 2.5, 1.0], 5, 0.0, None, 4, 1.0),
]


@pytest.mark.parametrize(("losses", "patience", "delta", "stop_at", "best_epoch", "best"), CURVES)
def test_early_stopping_curves(
    losses: list[float],
    patience: int,
    delta: float,
    stop_at: int | None,
    best_epoch: int,
    best: float,
) -> None:
    es = EarlyStopping(patience=patience, min_delta=delta)
    assert es.best_epoch == 0 and es.best_value == np.inf
    stopped_at = None
    for epoch, loss in enumerate(losses, start=1):
        if es.update(loss):
            stopped_at = epoch
            break
    assert stopped_at == stop_at
    assert es.best_epoch == best_epoch and es.best_value == best
    assert es.epoch == (stop_at or len(losses))


def test_early_stopping_stays_stopped_until_improvement() -> None:
    es = EarlyStopping(patience=2)
    assert [es.update(v) for v in [1.0, 2.0, 2.0, 2.0, 0.5, 0.7]] == [
        False, False, True, True, False, False,
    ]  # fmt: skip
    assert es.best_epoch == 5 and "best_epoch=5" in repr(es)


@FAST
@given(
    losses=st.lists(st.sampled_from([0.1, 0.2, 0.3, 0.4, 0.5]), min_size=1, max_size=30),
    patience=st.integers(1, 5),
)
def test_early_stopping_against_an_oracle(losses: list[float], patience: int) -> None:
    es = EarlyStopping(patience=patience)
    for t in range(1, len(losses) + 1):
        stop = es.update(losses[t - 1])
        history = losses[:t]
        first_min = int(np.argmin(history)) + 1  # argmin returns the first minimum
        assert es.best_epoch == first_min and es.best_value == min(history)
        assert stop == (t - first_min >= patience)


# --- augmentation -------------------------------------------------------------------


def test_flip_horizontal() -> None:
    imgs = np.random.default_rng(0).standard_normal((4, 3, 5))
    out = flip_horizontal(imgs)
    np.testing.assert_array_equal(out, imgs[:, :, ::-1])
    np.testing.assert_array_equal(flip_horizontal(out), imgs)
    assert not np.shares_memory(out, imgs)
    assert flip_horizontal(imgs.astype(np.float32)).dtype == np.float32


def test_flip_horizontal_matches_torch_flip() -> None:
    torch = import_or_skip("torch")
    imgs = np.random.default_rng(1).standard_normal((3, 4, 6))
    diff = float(
        np.max(np.abs(flip_horizontal(imgs) - torch.flip(torch.tensor(imgs), [2]).numpy()))
    )
    report("flip_horizontal vs torch.flip(dims=[2])", diff)
    assert diff == 0.0


def _shift(img: np.ndarray, dr: int, dc: int) -> np.ndarray:
    """Reference: out[i, j] = img[i - dr, j - dc] inside the frame, else 0."""
    H, W = img.shape
    out = np.zeros_like(img)
    for i, j in itertools.product(range(H), range(W)):
        if 0 <= i - dr < H and 0 <= j - dc < W:
            out[i, j] = img[i - dr, j - dc]
    return out


@FAST
@given(
    m=st.integers(1, 4),
    H=st.integers(1, 6),
    W=st.integers(1, 6),
    s=st.integers(0, 7),
    seed=st.integers(0, 2**32 - 1),
)
def test_random_shift_is_a_zero_filled_translation(
    m: int, H: int, W: int, s: int, seed: int
) -> None:
    imgs = np.random.default_rng(seed).uniform(1.0, 2.0, size=(m, H, W))  # no zeros
    out = random_shift(imgs, s, rng=seed)
    assert out.shape == imgs.shape
    offsets = np.random.default_rng(seed).integers(-s, s + 1, size=(m, 2))  # documented draw
    for k in range(m):
        np.testing.assert_array_equal(out[k], _shift(imgs[k], *offsets[k]))
        assert np.all(np.abs(offsets[k]) <= s)


def test_random_shift_covers_every_offset_independently() -> None:
    imgs = np.arange(1.0, 26.0).reshape(1, 5, 5).repeat(400, axis=0)
    out = random_shift(imgs, 1, rng=0)
    seen = set()
    for k in range(len(imgs)):
        hits = [
            (dr, dc)
            for dr in (-1, 0, 1)
            for dc in (-1, 0, 1)
            if np.array_equal(out[k], _shift(imgs[k], dr, dc))
        ]
        assert len(hits) == 1
        seen.add(hits[0])
    assert len(seen) == 9  # all 3 x 3 offsets occur


def test_random_shift_zero_and_dtype_and_seed() -> None:
    imgs = np.random.default_rng(0).standard_normal((3, 4, 4)).astype(np.float32)
    out0 = random_shift(imgs, 0, rng=1)
    np.testing.assert_array_equal(out0, imgs)
    assert not np.shares_memory(out0, imgs) and out0.dtype == np.float32
    assert random_shift(imgs, 2, rng=1).tobytes() == random_shift(imgs, 2, rng=1).tobytes()
    # offsets of 4 or more move a 4 x 4 image out of the frame: blank
    far = np.abs(np.random.default_rng(1).integers(-50, 51, size=(3, 2))).max(axis=1) >= 4
    assert far.any()
    assert np.all(random_shift(imgs, 50, rng=1)[far] == 0)


# --- inputs never modified ------------------------------------------------------------


def test_inputs_not_modified() -> None:
    W = _w((3, 4))
    imgs = np.random.default_rng(1).standard_normal((2, 3, 3))
    dout = np.random.default_rng(2).standard_normal((3, 4))
    mask = np.ones((3, 4))
    saved = [a.copy() for a in (W, imgs, dout, mask)]
    l2_penalty([W], 1.0, 2)
    l2_grad(W, 1.0, 2)
    l1_penalty([W], 1.0, 2)
    l1_grad(W, 1.0, 2)
    dropout_forward(W, 0.5, rng=0)
    dropout_forward(W, 0.5, train=False)[0][...] = 7.0  # writing into the result is safe
    dropout_backward(dout, mask, 0.5)
    flip_horizontal(imgs)
    random_shift(imgs, 1, rng=0)
    for a, b in zip((W, imgs, dout, mask), saved, strict=True):
        np.testing.assert_array_equal(a, b)


# --- bad input --------------------------------------------------------------------

W_OK = _w((2, 3))
IMGS = np.zeros((2, 3, 3))

BAD: list[tuple[Any, tuple[Any, ...], dict[str, Any], type[Exception], str]] = [
    (l2_penalty, ([W_OK], -1.0, 3), {}, ValueError, "lambd"),
    (l2_penalty, ([W_OK], float("nan"), 3), {}, ValueError, "lambd"),
    (l2_penalty, ([W_OK], 1.0, 0), {}, ValueError, "m"),
    (l2_penalty, ([W_OK], 1.0, 2.0), {}, TypeError, "m"),
    (l2_penalty, ([W_OK, np.array([np.inf])], 1.0, 2), {}, ValueError, r"weights\[1\]"),
    (l2_penalty, ([np.empty((0, 2))], 1.0, 2), {}, ValueError, r"weights\[0\]"),
    (l2_penalty, (3.0, 1.0, 2), {}, TypeError, "weights"),
    (l2_penalty, ({"W1": W_OK}, 1.0, 2), {}, TypeError, r"weights\[0\]"),
    (l2_grad, (W_OK, -0.1, 2), {}, ValueError, "lambd"),
    (l2_grad, (np.array([np.nan]), 0.1, 2), {}, ValueError, "W"),
    (l2_grad, (W_OK, 0.1, -2), {}, ValueError, "m"),
    (l1_penalty, ([W_OK], -1.0, 3), {}, ValueError, "lambd"),
    (l1_penalty, ("W", 1.0, 3), {}, TypeError, "weights"),
    (l1_grad, (W_OK, 1.0, 0), {}, ValueError, "m"),
    (l1_grad, (np.empty(0), 1.0, 1), {}, ValueError, "W"),
    (dropout_forward, (W_OK, 1.5), {}, ValueError, r"keep_prob must be in \(0, 1\]"),
    (dropout_forward, (W_OK, 0.0), {}, ValueError, "keep_prob"),
    (dropout_forward, (W_OK, "0.5"), {}, TypeError, "keep_prob"),
    (dropout_forward, (np.array([np.nan]), 0.5), {}, ValueError, "x"),
    (dropout_forward, (np.empty((0, 3)), 0.5), {}, ValueError, "x"),
    (dropout_forward, (W_OK, 0.5), {"rng": 1.5}, TypeError, "rng"),
    (dropout_backward, (W_OK, np.ones((3, 2)), 0.5), {}, ValueError, "mask"),
    (dropout_backward, (W_OK, np.full((2, 3), 0.5), 0.5), {}, ValueError, "mask"),
    (dropout_backward, (W_OK, np.ones((2, 3)), -0.5), {}, ValueError, "keep_prob"),
    (dropout_backward, (np.full((2, 3), np.inf), np.ones((2, 3)), 0.5), {}, ValueError, "dout"),
    (EarlyStopping, (), {"patience": 0}, ValueError, "patience"),
    (EarlyStopping, (), {"patience": 2.5}, TypeError, "patience"),
    (EarlyStopping, (), {"min_delta": -0.1}, ValueError, "min_delta"),
    (EarlyStopping().update, (float("nan"),), {}, ValueError, "dev_loss"),
    (EarlyStopping().update, ("0.3",), {}, TypeError, "dev_loss"),
    (flip_horizontal, (np.zeros((3, 3)),), {}, ValueError, "images"),
    (flip_horizontal, (np.zeros((0, 3, 3)),), {}, ValueError, "images"),
    (random_shift, (IMGS, -1), {}, ValueError, "max_shift"),
    (random_shift, (IMGS, 1.0), {}, TypeError, "max_shift"),
    (random_shift, (np.zeros((2, 3, 3, 1)), 1), {}, ValueError, "images"),
    (random_shift, (np.full((1, 2, 2), np.nan), 1), {}, ValueError, "images"),
]


@pytest.mark.parametrize(("fn", "args", "kwargs", "exc", "name"), BAD)
def test_bad_input(
    fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any], exc: type[Exception], name: str
) -> None:
    with pytest.raises(exc, match=name):
        fn(*args, **kwargs)
