"""Tests for dlref.babysit: the sanity checks pass on a healthy MLP and catch broken ones.

Each broken network is a subclass of ``MLP`` with one public method wrong, the
way a learner's own code goes wrong: weights initialised at the wrong scale, a
backward pass with a sign slip, a loss that ignores (or mis-scales) the L2
penalty. Each must fail the check that is meant to catch it, with a message
that names the cause, and a healthy network must pass every check.
"""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np
import pytest

from dlref import (
    MLP,
    SGD,
    Adam,
    History,
    Momentum,
    check_initial_loss,
    check_learning_rates,
    check_overfit,
    check_regularization,
    check_train_dev_gap,
    check_update_ratios,
    expected_initial_loss,
    load_digits,
    train_dev_test_split,
)
from tests._libs import import_or_skip


@pytest.fixture(scope="module")
def digits() -> Any:
    X, y = load_digits()
    return train_dev_test_split((X / 16.0), y, (0.6, 0.2, 0.2), rng=0)


def _net(**kw: Any) -> MLP:
    return MLP([64, 32, 10], rng=0, **kw)


class SignSlip(MLP):
    """A backward pass that returns the gradient with the wrong sign."""

    def gradients(self, X: Any, y: Any, *, rng: Any = None) -> dict[str, np.ndarray]:
        return {k: -g for k, g in super().gradients(X, y, rng=rng).items()}


class NoPenalty(MLP):
    """A loss that ignores the L2 penalty (the gradient still has it)."""

    def loss(self, X: Any, y: Any, *, train: bool = False, rng: Any = None) -> Any:
        twin = copy.copy(self)
        twin.l2 = 0.0
        return MLP.loss(twin, X, y, train=train, rng=rng)


class DoublePenalty(MLP):
    """A loss whose L2 term is lambda/m instead of lambda/(2m)."""

    def loss(self, X: Any, y: Any, *, train: bool = False, rng: Any = None) -> Any:
        twin = copy.copy(self)
        twin.l2 = 2 * self.l2
        return MLP.loss(twin, X, y, train=train, rng=rng)


class SummedLoss(MLP):
    """A loss summed over the samples instead of averaged."""

    def loss(self, X: Any, y: Any, *, train: bool = False, rng: Any = None) -> Any:
        return super().loss(X, y, train=train, rng=rng) * np.asarray(X).shape[0]


class Log2Loss(MLP):
    """The negative log-likelihood in bits (log2), as one of the notes writes it."""

    def loss(self, X: Any, y: Any, *, train: bool = False, rng: Any = None) -> Any:
        return super().loss(X, y, train=train, rng=rng) / np.log(2.0)


class Frozen(MLP):
    """A backward pass that returns zeros (e.g. a gradient never written back)."""

    def gradients(self, X: Any, y: Any, *, rng: Any = None) -> dict[str, np.ndarray]:
        return {k: np.zeros_like(g) for k, g in super().gradients(X, y, rng=rng).items()}


def _snapshot(net: MLP) -> dict[str, bytes]:
    return {k: v.tobytes() for k, v in net.params.items()}


# --- expected_initial_loss -------------------------------------------------------------


def test_expected_initial_loss_is_ln_c() -> None:
    assert expected_initial_loss(10) == pytest.approx(2.302585092994046)
    assert expected_initial_loss(2) == math.log(2)
    with pytest.raises(ValueError, match="n_classes"):
        expected_initial_loss(1)
    with pytest.raises(TypeError, match="n_classes"):
        expected_initial_loss(10.0)  # type: ignore[arg-type]


def test_expected_initial_loss_matches_torch_at_equal_scores() -> None:
    torch = import_or_skip("torch")
    labels = torch.tensor([0, 3, 9, 9, 2])
    ce = torch.nn.functional.cross_entropy(torch.zeros(5, 10, dtype=torch.float64), labels)
    assert float(ce) == pytest.approx(expected_initial_loss(10), rel=1e-12)
    bce = torch.nn.functional.binary_cross_entropy_with_logits(
        torch.zeros(4, dtype=torch.float64), torch.tensor([0.0, 1.0, 1.0, 0.0], dtype=torch.float64)
    )
    assert float(bce) == pytest.approx(expected_initial_loss(2), rel=1e-12)


# --- initial loss ------------------------------------------------------------------------


@pytest.mark.parametrize("init", ["small", "he", "xavier"])
def test_initial_loss_passes_for_sane_inits(digits: Any, init: str) -> None:
    r = check_initial_loss(_net(init=init), digits.X_train, digits.y_train)
    assert r.passed, r.message
    assert r.expected == pytest.approx(math.log(10))
    assert "chance" in r.message


def test_initial_loss_sigmoid_output_expects_ln2() -> None:
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(100, 5)), rng.integers(0, 2, size=100)
    r = check_initial_loss(MLP([5, 8, 1], output="sigmoid", init="small", rng=0), X, y)
    assert r.passed and r.expected == math.log(2) and abs(r.loss - math.log(2)) < 1e-3


def test_he_init_on_digits_stays_within_the_default_tolerance() -> None:
    X, y = load_digits()
    X = (X / 16.0).astype(np.float32)
    devs = [check_initial_loss(MLP([64, 64, 64, 10], dtype=np.float32, rng=seed), X, y)
            for seed in range(20)]
    worst = max(r.relative_deviation for r in devs)
    assert all(r.passed for r in devs)
    assert round(100 * worst) == 25  # the docstring quotes "up to 25 % above ln 10"
    import dlref.babysit

    assert "up to 25 % above" in (dlref.babysit.check_initial_loss.__doc__ or "")
    log2 = Log2Loss([64, 64, 64, 10], init="small", dtype=np.float32, rng=0)
    dev = check_initial_loss(log2, X, y).relative_deviation
    assert round(100 * dev) == 44 == round(100 * (1 / np.log(2) - 1))


def test_initial_loss_ignores_the_penalty(digits: Any) -> None:
    plain = check_initial_loss(_net(), digits.X_train, digits.y_train)
    heavy = check_initial_loss(_net(l2=100.0), digits.X_train, digits.y_train)
    assert heavy.loss == plain.loss and heavy.passed


@pytest.mark.parametrize(
    ("net", "words"),
    [
        (MLP([64, 32, 10], init="large", rng=0), "scale of the initial weights"),
        (SummedLoss([64, 32, 10], rng=0), "summed"),
        (Log2Loss([64, 32, 10], init="small", rng=0), "1.4 times ln(10)"),
    ],
    ids=["large-init", "summed-loss", "log2"],
)
def test_initial_loss_catches_broken_models(digits: Any, net: MLP, words: str) -> None:
    tolerance = 0.2 if isinstance(net, Log2Loss) else 0.5  # small weights: ln C almost exactly
    r = check_initial_loss(net, digits.X_train, digits.y_train, tolerance=tolerance)
    assert not r.passed
    assert words in r.message
    assert r.loss > r.expected


def test_initial_loss_far_below_chance_is_flagged() -> None:
    # the label is a feature: a big first-layer weight on it gives confident right scores
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, size=100)
    X = np.column_stack([y * 2.0 - 1.0, rng.normal(size=100)])
    net = MLP([2, 2], rng=0)
    net.params["W1"][...] = [[-20.0, 20.0], [0.0, 0.0]]
    r = check_initial_loss(net, X, y)
    assert not r.passed and r.loss < 1e-3
    assert "leak" in r.message


# --- regularisation ----------------------------------------------------------------------


def test_regularization_passes_and_matches_the_l2_term(digits: Any) -> None:
    net = _net()
    r = check_regularization(net, digits.X_train, digits.y_train, l2=0.7)
    assert r.passed, r.message
    w2 = sum(float(np.sum(net.params[k] ** 2)) for k in ("W1", "W2"))
    assert r.loss_with - r.loss_without == pytest.approx(0.7 * w2 / (2 * len(digits.X_train)))
    assert r.expected_increase == pytest.approx(r.loss_with - r.loss_without, rel=1e-9)


def test_regularization_catches_a_loss_that_ignores_the_penalty(digits: Any) -> None:
    r = check_regularization(NoPenalty([64, 32, 10], rng=0), digits.X_train, digits.y_train)
    assert not r.passed
    assert r.loss_with == r.loss_without
    assert "did not rise" in r.message and "ignores the penalty" in r.message


def test_regularization_catches_a_mis_scaled_penalty(digits: Any) -> None:
    r = check_regularization(DoublePenalty([64, 32, 10], rng=0), digits.X_train, digits.y_train)
    assert not r.passed
    assert r.loss_with - r.loss_without == pytest.approx(2 * r.expected_increase)
    assert "scaled wrongly" in r.message


def test_regularization_float32_net(digits: Any) -> None:
    net = MLP([64, 32, 10], dtype=np.float32, rng=0)
    assert check_regularization(net, digits.X_train, digits.y_train).passed


# --- overfitting a tiny subset ------------------------------------------------------------


def test_overfit_passes_on_a_healthy_net_even_with_regularisation(digits: Any) -> None:
    net = _net(l2=5.0, keep_prob=0.5)
    r = check_overfit(net, digits.X_train, digits.y_train)
    assert r.passed, r.message
    assert r.n_samples == 20 and len(r.losses) == 201
    assert r.losses[-1] <= 0.01 and r.accuracy == 1.0
    assert "can learn" in r.message


def test_overfit_catches_a_sign_slip(digits: Any) -> None:
    r = check_overfit(SignSlip([64, 32, 10], rng=0), digits.X_train, digits.y_train)
    assert not r.passed
    assert r.losses[-1] > r.losses[0] or math.isnan(r.losses[-1])
    assert "sign" in r.message and "gradient check" in r.message


def test_overfit_catches_a_backward_that_does_nothing(digits: Any) -> None:
    r = check_overfit(Frozen([64, 32, 10], rng=0), digits.X_train, digits.y_train, epochs=20)
    assert not r.passed
    assert r.losses[-1] == r.losses[0]
    assert "cannot memorise 20 samples" in r.message


def test_overfit_too_few_epochs_fails_with_advice(digits: Any) -> None:
    r = check_overfit(_net(), digits.X_train, digits.y_train, optimizer=SGD(0.001), epochs=5)
    assert not r.passed and "larger learning rate or more epochs" in r.message


def test_overfit_does_not_touch_the_optimizer_or_net(digits: Any) -> None:
    net, opt = _net(), Adam(0.01)
    before = _snapshot(net)
    check_overfit(net, digits.X_train, digits.y_train, optimizer=opt, epochs=3)
    assert _snapshot(net) == before and opt.state == {}
    assert net.l2 == 0.0 and net.keep_prob == 1.0


def test_overfit_subset_size_is_checked(digits: Any) -> None:
    with pytest.raises(ValueError, match=r"n_samples must be at most .*\(4\), got 5"):
        check_overfit(_net(), digits.X_train[:4], digits.y_train[:4], n_samples=5)


# --- learning-rate sweep -------------------------------------------------------------------


def test_sweep_classifies_low_good_and_very_high(digits: Any) -> None:
    sweep = check_learning_rates(
        _net(), digits.X_train, digits.y_train, [1e-4, 0.1, 10.0], epochs=3
    )
    assert [t.verdict for t in sweep.trials] == ["not moving", "decreasing", "exploding"]
    assert sweep.passed and sweep.best_lr == 0.1
    assert "lr=0.0001: not moving" in sweep.message and "lr=0.1" in sweep.message
    for t in sweep.trials:
        assert len(t.losses) == 4 and len(t.batch_losses) > 0


def test_sweep_rates_share_the_same_batches(digits: Any) -> None:
    a = check_learning_rates(_net(), digits.X_train, digits.y_train, [0.1], epochs=1)
    b = check_learning_rates(_net(), digits.X_train, digits.y_train, [1.0, 0.1], epochs=1)
    assert a.trials[0].losses == b.trials[1].losses


def test_sweep_sign_slip_never_decreases(digits: Any) -> None:
    sweep = check_learning_rates(
        SignSlip([64, 32, 10], rng=0), digits.X_train, digits.y_train, [0.01, 0.1], epochs=2
    )
    assert not sweep.passed and sweep.best_lr is None
    assert all(t.verdict == "exploding" for t in sweep.trials)
    assert "explodes at every rate" in sweep.message


def test_sweep_nan_loss_is_exploding() -> None:
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(40, 3)) * 1e3, rng.integers(0, 3, size=40)
    sweep = check_learning_rates(MLP([3, 8, 3], init="large", rng=0), X, y, [1e30], epochs=2)
    assert sweep.trials[0].verdict == "exploding"
    assert all(math.isnan(v) for v in sweep.trials[0].losses[1:]) or sweep.trials[0].losses[-1] > 0


def test_sweep_only_not_moving_says_larger() -> None:
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(60, 4)), rng.integers(0, 3, size=60)
    sweep = check_learning_rates(MLP([4, 8, 3], rng=0), X, y, [1e-7, 1e-6], epochs=1)
    assert not sweep.passed and "try larger rates" in sweep.message


def test_sweep_optimizer_factory_must_return_an_optimizer(digits: Any) -> None:
    with pytest.raises(TypeError, match=r"optimizer\(lr\) must be a dlref Optimizer"):
        check_learning_rates(_net(), digits.X_train, digits.y_train, [0.1], optimizer=float)
    sweep = check_learning_rates(
        _net(), digits.X_train[:100], digits.y_train[:100], [0.1],
        optimizer=lambda lr: Momentum(lr, 0.9), epochs=1,
    )
    assert len(sweep.trials) == 1


@pytest.mark.parametrize("bad", [[0.1, -1.0], [0.0], [math.inf]])
def test_sweep_rates_are_checked(bad: list[float]) -> None:
    with pytest.raises(ValueError, match=r"lrs\[\d\] must be in \(0, inf\)"):
        check_learning_rates(_net(), np.ones((4, 64)), [0, 1, 2, 3], bad)


# --- update/weight ratios ------------------------------------------------------------------


def test_update_ratio_first_step_is_lr_times_grad_norm_over_weight_norm(digits: Any) -> None:
    net = _net()
    X, y = digits.X_train[:32], digits.y_train[:32]
    r = check_update_ratios(net, X, y, optimizer=SGD(0.05), steps=1, batch_size=32)
    grads = net.gradients(X, y)
    want = [0.05 * np.linalg.norm(grads[k]) / np.linalg.norm(net.params[k]) for k in r.layers]
    np.testing.assert_allclose(r.ratios[0], want, rtol=1e-10)
    assert r.layers == ("W1", "W2") and r.ratios.shape == (1, 2)


def test_update_ratio_band(digits: Any) -> None:
    X, y = digits.X_train, digits.y_train
    good = check_update_ratios(_net(), X, y, optimizer=SGD(0.05))
    assert good.passed, good.message
    assert all(1e-4 <= m <= 3e-2 for m in good.medians)
    low = check_update_ratios(_net(), X, y, optimizer=SGD(1e-5))
    assert not low.passed and "may be too low" in low.message
    high = check_update_ratios(_net(), X, y, optimizer=SGD(3.0))
    assert not high.passed and ("too high" in high.message or "not updated" in high.message)


def test_update_ratio_zero_update_is_named(digits: Any) -> None:
    r = check_update_ratios(Frozen([64, 32, 10], rng=0), digits.X_train, digits.y_train,
                            optimizer=SGD(0.1), steps=5)
    assert not r.passed and r.medians == (0.0, 0.0)
    assert "not updated at all" in r.message


def test_update_ratio_adam_matches_its_step(digits: Any) -> None:
    # Adam's first step moves every weight with a non-zero gradient by about lr (the step is
    # lr * g / (|g| + eps)), so ||dW|| = lr * sqrt(number of non-zero gradients)
    net = _net()
    X, y = digits.X_train, digits.y_train
    r = check_update_ratios(net, X, y, optimizer=Adam(1e-3), steps=1, batch_size=len(X))
    grads = net.gradients(X, y)
    for k, ratio in zip(r.layers, r.ratios[0], strict=True):
        moved = int(np.sum(np.abs(grads[k]) > 1e-6))
        assert 0 < moved < grads[k].size or k == "W2"  # W1: the always-blank pixels get nothing
        want = 1e-3 * math.sqrt(moved) / np.linalg.norm(net.params[k])
        assert ratio == pytest.approx(want, rel=0.01)


def test_update_ratio_leaves_the_optimizer_alone(digits: Any) -> None:
    opt, net = Adam(1e-3), _net()
    before = _snapshot(net)
    check_update_ratios(net, digits.X_train, digits.y_train, optimizer=opt, steps=3)
    assert opt.state == {} and _snapshot(net) == before


def test_update_ratio_low_high_order() -> None:
    with pytest.raises(ValueError, match=r"high must be in \(0.001, inf\), got 0.0001"):
        check_update_ratios(_net(), np.ones((4, 64)), [0, 1, 2, 3], optimizer=SGD(0.1),
                            low=1e-3, high=1e-4)


# --- train/dev gap -------------------------------------------------------------------------


def test_train_dev_gap_on_a_real_run(digits: Any) -> None:
    net = MLP([64, 128, 10], rng=0)
    idx = np.arange(200)
    h = net.fit(digits.X_train[idx], digits.y_train[idx], optimizer=Adam(0.01), epochs=30,
                batch_size=32, X_dev=digits.X_dev, y_dev=digits.y_dev, rng=0)
    r = check_train_dev_gap(h)
    assert len(r.gaps) == 30
    gap = h.train_accuracy[-1] - h.dev_accuracy[-1]
    assert r.gaps[-1] == pytest.approx(gap)
    assert r.passed == (gap <= 0.02)
    assert not r.passed  # 200 training samples: the dev error trails by several points
    assert "high variance" in r.message
    assert 1 <= r.best_dev_epoch <= 30
    assert h.dev_loss[r.best_dev_epoch - 1] == min(h.dev_loss)


def test_train_dev_gap_passes_when_close() -> None:
    h = History(train_loss=[0.5, 0.3], train_accuracy=[0.80, 0.90],
                dev_loss=[0.55, 0.35], dev_accuracy=[0.79, 0.89])
    r = check_train_dev_gap(h)
    assert r.passed and r.best_dev_epoch == 2 and "no sign of high variance" in r.message


def test_train_dev_gap_needs_a_dev_set() -> None:
    with pytest.raises(ValueError, match="history must hold one dev loss"):
        check_train_dev_gap(History(train_loss=[1.0], train_accuracy=[0.5]))
    with pytest.raises(TypeError, match="history must be a dlref History"):
        check_train_dev_gap({"train_accuracy": [0.5]})  # type: ignore[arg-type]


# --- common properties -----------------------------------------------------------------


CHECKS = {
    "initial": lambda net, X, y: check_initial_loss(net, X, y),
    "regularization": lambda net, X, y: check_regularization(net, X, y),
    "overfit": lambda net, X, y: check_overfit(net, X, y, n_samples=10, epochs=5),
    "sweep": lambda net, X, y: check_learning_rates(net, X, y, [0.1], epochs=1),
    "ratios": lambda net, X, y: check_update_ratios(net, X, y, optimizer=SGD(0.1), steps=3),
}


@pytest.mark.parametrize("name", sorted(CHECKS))
@pytest.mark.parametrize("kw", [{}, {"batchnorm": True, "keep_prob": 0.8}, {"dtype": np.float32}])
def test_inputs_are_never_modified(digits: Any, name: str, kw: dict[str, Any]) -> None:
    net = MLP([64, 16, 10], l2=0.1, rng=0, **kw)
    X, y = digits.X_train[:60].copy(), digits.y_train[:60].copy()
    X0, y0, p0 = X.copy(), y.copy(), _snapshot(net)
    state = copy.deepcopy(net._rng.bit_generator.state)
    result = CHECKS[name](net, X, y)
    assert isinstance(result.passed, bool) and isinstance(result.message if hasattr(
        result, "message") else "", str)
    assert np.array_equal(X, X0) and np.array_equal(y, y0) and _snapshot(net) == p0
    assert net.l2 == 0.1 and net._rng.bit_generator.state == state
    with pytest.raises(dataclasses_frozen()):
        result.passed = not result.passed  # type: ignore[misc]


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_inputs_unchanged_on_error(name: str) -> None:
    net = _net()
    p0 = _snapshot(net)
    X = np.ones((6, 64))
    y = np.array([0, 1, 2, 3, 4, 10])  # label 10 is out of range
    with pytest.raises(ValueError, match=r"\by\b"):
        CHECKS[name](net, X, y)
    assert _snapshot(net) == p0 and y[-1] == 10


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_net_must_be_an_mlp(name: str) -> None:
    with pytest.raises(TypeError, match="net must be a dlref MLP"):
        CHECKS[name]("mlp", np.ones((4, 64)), [0, 1, 2, 3])


def dataclasses_frozen() -> type[Exception]:
    import dataclasses

    return dataclasses.FrozenInstanceError


def test_a_healthy_net_passes_every_check(digits: Any) -> None:
    X, y = digits.X_train, digits.y_train
    net = _net()
    assert check_initial_loss(net, X, y).passed
    assert check_regularization(net, X, y).passed
    assert check_overfit(net, X, y).passed
    assert check_learning_rates(net, X, y, [0.05], epochs=2).passed
    assert check_update_ratios(net, X, y, optimizer=SGD(0.05)).passed
