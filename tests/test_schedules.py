"""dlref.schedules: cosine annealing and linear warm-up against PyTorch, the range test."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import dlref.optim
from dlref import MLP, SGD, cosine_annealing, linear_warmup, load_digits, lr_range_test
from tests._libs import import_or_skip

TOL = 1e-12


def _torch_rates(make: Callable[[Any], Any], lr0: float, n: int) -> list[float]:
    """The rate a PyTorch scheduler gives after 0, 1, ..., n - 1 calls of ``step()``."""
    torch = import_or_skip("torch")
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr0)
    sched = make(opt)
    rates = []
    for _ in range(n):
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return rates


@pytest.mark.parametrize(("total", "lr_min"), [(10, 0.0), (7, 0.01), (1, 0.05)])
def test_cosine_matches_torch_cosine_annealing_lr(total: int, lr_min: float) -> None:
    torch = import_or_skip("torch")
    theirs = _torch_rates(
        lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=total, eta_min=lr_min),
        0.2,
        total + 1,
    )
    ours = [cosine_annealing(0.2, t, total, lr_min) for t in range(total + 1)]
    assert np.max(np.abs(np.subtract(ours, theirs))) < TOL


@pytest.mark.parametrize(("warmup", "start_factor"), [(5, 1 / 3), (3, 0.1), (1, 1.0)])
def test_warmup_matches_torch_linear_lr(warmup: int, start_factor: float) -> None:
    torch = import_or_skip("torch")
    theirs = _torch_rates(
        lambda o: torch.optim.lr_scheduler.LinearLR(
            o, start_factor=start_factor, end_factor=1.0, total_iters=warmup
        ),
        0.2,
        warmup + 4,
    )
    ours = [linear_warmup(0.2, t, warmup, start_factor) for t in range(warmup + 4)]
    assert np.max(np.abs(np.subtract(ours, theirs))) < TOL


def test_warmup_of_cosine_is_torch_chained_scheduler() -> None:
    torch = import_or_skip("torch")
    sched = torch.optim.lr_scheduler
    theirs = _torch_rates(
        lambda o: sched.ChainedScheduler(
            [sched.LinearLR(o, start_factor=0.25, total_iters=4), sched.CosineAnnealingLR(o, 12)]
        ),
        0.1,
        13,
    )
    ours = [linear_warmup(cosine_annealing(0.1, t, 12), t, 4, 0.25) for t in range(13)]
    assert np.max(np.abs(np.subtract(ours, theirs))) < TOL


def test_cosine_ends_and_midpoint() -> None:
    assert cosine_annealing(0.3, 0, 8, 0.1) == 0.3
    assert cosine_annealing(0.3, 8, 8, 0.1) == pytest.approx(0.1, abs=1e-15)
    assert cosine_annealing(0.3, 4, 8, 0.1) == pytest.approx(0.2, abs=1e-15)
    rates = [cosine_annealing(1.0, t, 20) for t in range(21)]
    assert np.all(np.diff(rates) <= 0)


def test_warmup_is_linear_then_flat() -> None:
    rates = np.array([linear_warmup(0.5, t, 10, 0.0) for t in range(15)])
    assert rates[0] == 0.0
    assert np.allclose(np.diff(rates[:11]), 0.05)
    assert np.all(rates[10:] == 0.5)


@pytest.mark.parametrize(
    ("call", "exc", "match"),
    [
        (lambda: cosine_annealing(0.1, 5, 4), ValueError, r"step must be an integer in \[0, total=4\], got 5"),
        (lambda: cosine_annealing(0.1, 1, 4, lr_min=0.2), ValueError, r"lr_min must be in \[0, 0.1\], got 0.2"),
        (lambda: cosine_annealing(0.1, 1.0, 4), TypeError, "step must be an integer"),
        (lambda: cosine_annealing(0.1, 0, 0), ValueError, "total must be an integer >= 1"),
        (lambda: linear_warmup(0.1, -1, 4), ValueError, "step must be an integer >= 0, got -1"),
        (lambda: linear_warmup(0.1, 0, 4, start_factor=1.5), ValueError, r"start_factor must be in \[0, 1\]"),
        (lambda: linear_warmup(0.1, 0, True), TypeError, "warmup must be an integer, got True"),
        (lambda: lr_range_test(3), TypeError, "step must be callable"),
        (lambda: lr_range_test(lambda lr: 1.0, 0.1, 0.1), ValueError, r"lr_max must be in \(0.1, inf\)"),
        (lambda: lr_range_test(lambda lr: 1.0, n_steps=1), ValueError, "n_steps must be an integer >= 2"),
        (lambda: lr_range_test(lambda lr: 1.0, spacing="log"), ValueError, "spacing must be one of"),
        (lambda: lr_range_test(lambda lr: 1.0, smoothing=1.0), ValueError, r"smoothing must be in \[0, 1\)"),
        (lambda: lr_range_test(lambda lr: 1.0, stop_factor=1.0), ValueError, r"stop_factor must be in \(1, inf\)"),
        (lambda: lr_range_test(lambda lr: "1.0"), TypeError, "the loss returned by step must be a real number"),
        (lambda: lr_range_test(lambda lr: math.nan), ValueError, "must be finite at the first rate"),
    ],
)  # fmt: skip
def test_bad_input_names_the_parameter(call: Callable[[], Any], exc: type, match: str) -> None:
    with pytest.raises(exc, match=match):
        call()


def test_range_test_rates_and_smoothing() -> None:
    losses = iter([4.0, 2.0, 3.0, 1.0, 5.0])
    res = lr_range_test(
        lambda lr: next(losses), 1e-3, 10.0, n_steps=5, smoothing=0.5, stop_factor=100.0
    )
    assert np.allclose(res.lrs, [1e-3, 1e-2, 1e-1, 1.0, 10.0])
    # Bias-corrected EWMA by hand: s = 0.5 s + 0.5 l, divided by 1 - 0.5^(i+1).
    s, want = 0.0, []
    for i, loss in enumerate([4.0, 2.0, 3.0, 1.0, 5.0]):
        s = 0.5 * s + 0.5 * loss
        want.append(s / (1 - 0.5 ** (i + 1)))
    assert np.allclose(res.smoothed, want)
    assert res.lr_at_min == res.lrs[int(np.argmin(want))]
    assert not res.stopped
    linear = lr_range_test(lambda lr: 1.0, 0.5, 2.5, n_steps=5, spacing="linear")
    assert np.allclose(linear.lrs, [0.5, 1.0, 1.5, 2.0, 2.5])


def test_range_test_stops_on_runaway_and_on_nan() -> None:
    losses = iter([1.0, 0.5, 1.5, 2.1, 9.0, 9.0])
    res = lr_range_test(lambda lr: next(losses), n_steps=6, smoothing=0.0)
    assert res.stopped and len(res.lrs) == 4 and res.losses[-1] == 2.1  # 2.1 > 4 * 0.5
    values = iter([1.0, 0.8, math.inf, 0.1])
    res = lr_range_test(lambda lr: next(values), n_steps=4, smoothing=0.0)
    assert res.stopped and list(res.losses) == [1.0, 0.8]


def test_range_test_on_a_digits_mlp_finds_the_divergence() -> None:
    """On a real network the loss falls, then runs away before lr_max; the data is untouched."""
    digits = load_digits()
    X, y = (digits.X / 16.0).astype(np.float32), digits.y
    X_before = X.copy()
    net = MLP([64, 64, 10], dtype=np.float32, rng=0)
    opt, rng = SGD(1.0), np.random.default_rng(0)

    def step(lr: float) -> float:
        idx = rng.choice(len(X), 32, replace=False)
        grads = net.gradients(X[idx], y[idx])
        loss = float(net.loss(X[idx], y[idx]))
        opt.lr = lr
        opt.step(net.params, grads)
        return loss

    res = lr_range_test(step, 1e-4, 100.0, n_steps=200)
    assert res.stopped and res.lrs[-1] < 100.0
    assert res.smoothed.min() < 0.8 * res.smoothed[0]
    assert 0.1 < res.lr_at_min < 10.0
    assert np.array_equal(X, X_before)


def test_importable_from_dlref_optim() -> None:
    assert dlref.optim.cosine_annealing is cosine_annealing
    assert dlref.optim.linear_warmup is linear_warmup
    assert dlref.optim.lr_range_test is lr_range_test
