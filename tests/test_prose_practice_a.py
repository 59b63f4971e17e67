"""Numbers quoted on the Part IV pages (activations, losses), recomputed through the figure helpers."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from tests._libs import import_or_skip
from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _activation_runs as act

ACT = "practice/activations"


def pct(values: np.ndarray) -> str:
    """Mean ± sample std over seeds, in percent with one decimal: '3.8 % ± 1.8'."""
    return f"{100 * values.mean():.1f} % ± {100 * values.std(ddof=1):.1f}"


def mean_std(values: np.ndarray, digits: int = 3) -> str:
    return f"{values.mean():.{digits}f} ± {values.std(ddof=1):.{digits}f}"


@pytest.fixture(scope="module")
def dead() -> dict[float, act.DeadRun]:
    return {0.0: act.dead_relu_runs(0.0), act.BIAS_TRICK: act.dead_relu_runs(act.BIAS_TRICK)}


def test_dead_relu_fractions_are_quoted(dead: dict[float, act.DeadRun]) -> None:
    lr = {v: i for i, v in enumerate(act.DEAD_LRS)}
    zero, trick = dead[0.0], dead[act.BIAS_TRICK]
    assert_on_page(ACT, f"{100 * act.initial_dead().mean():.1f} %")
    for rate in (0.5, 0.7, 1.0, 2.0):
        assert_on_page(ACT, pct(zero.dead[lr[rate]]))
    for rate in (0.5, 0.7):
        assert_on_page(ACT, pct(trick.dead[lr[rate]]))
    assert_on_page(ACT, pct(zero.dev_accuracy[lr[0.5]]))
    assert_on_page(ACT, pct(zero.dev_accuracy[lr[1.0]]))


def test_bias_trick_is_no_difference_beyond_the_spread(dead: dict[float, act.DeadRun]) -> None:
    # The page says the 0.01 bias does not reduce the dead fraction at any learning rate.
    zero, trick = dead[0.0], dead[act.BIAS_TRICK]
    n = len(act.SEEDS)
    for i in range(len(act.DEAD_LRS)):
        se = np.hypot(zero.dead[i].std(ddof=1), trick.dead[i].std(ddof=1)) / np.sqrt(n)
        assert trick.dead[i].mean() > zero.dead[i].mean() - 2 * se


def test_training_curve_numbers_are_quoted() -> None:
    curves = act.activation_curves()
    for name in ("tanh", "relu", "leaky_relu", "elu"):
        c = curves[name]
        assert_on_page(ACT, mean_std(c.train_loss[:, 0], 2))
        assert_on_page(ACT, mean_std(c.train_loss[:, -1]))
        assert_on_page(ACT, pct(c.dev_accuracy[:, -1]))


def test_training_curve_comparisons_hold() -> None:
    """ELU starts faster, tanh ends higher, dev accuracies overlap (as the page says)."""
    c = act.activation_curves()
    first = {k: v.train_loss[:, 0] for k, v in c.items()}
    last = {k: v.train_loss[:, -1] for k, v in c.items()}
    acc = {k: v.dev_accuracy[:, -1] for k, v in c.items()}
    for other in ("tanh", "relu", "leaky_relu"):
        gap = first[other].mean() - first["elu"].mean()
        assert gap > 3 * max(first[other].std(ddof=1), first["elu"].std(ddof=1))
    for other in ("relu", "leaky_relu", "elu"):
        gap = last["tanh"].mean() - last[other].mean()
        assert gap > 2 * max(last["tanh"].std(ddof=1), last[other].std(ddof=1))
    for a in acc.values():
        for b in acc.values():
            assert abs(a.mean() - b.mean()) < min(a.std(ddof=1), b.std(ddof=1))
    best, worst = max(a.mean() for a in acc.values()), min(a.mean() for a in acc.values())
    gap = f"{100 * (best - worst):.1f}"
    assert_on_page(ACT, ko=f"{gap}%p", en=f"{gap} points")


def test_framework_defaults_quoted_for_pytorch() -> None:
    torch = import_or_skip("torch")
    assert torch.nn.LeakyReLU().negative_slope == 0.01
    assert float(torch.nn.PReLU().weight.item()) == 0.25
    assert torch.nn.PReLU().weight.numel() == 1
    assert torch.nn.ELU().alpha == 1.0
    x = torch.zeros(1, requires_grad=True)
    torch.nn.functional.relu(x).backward()
    assert float(x.grad) == 0.0


LOSS = "practice/losses"


def test_mse_on_sigmoid_gradient_ratios_are_quoted() -> None:
    # BCE's dL/dz over MSE's is 1 / sigma'(z): the page quotes it at z = -5 and z = -4.
    from dlref import sigmoid_grad

    assert_on_page(LOSS, ko="150배", en="150 times")
    assert round(float(1 / sigmoid_grad(-5.0)), -1) == 150
    assert_on_page(LOSS, ko="57배", en="57 times")
    assert round(float(1 / sigmoid_grad(-4.0))) == 57


def test_sigmoid_before_softmax_caps_the_confidence() -> None:
    # Ten scores squashed into (0, 1): the best case is one score at 1, nine at 0.
    best = np.exp(1.0) / (np.exp(1.0) + 9)
    assert_on_page(LOSS, f"{best:.3f}")


def test_sigmoid_rounds_to_one() -> None:
    from dlref import sigmoid

    assert sigmoid(np.float32(17.0)) == 1 and sigmoid(np.float32(16.0)) < 1
    assert sigmoid(37.0) == 1 and sigmoid(36.0) < 1
    assert_on_page(LOSS, ko="$z \\approx 17$", en="$z \\approx 17$")


def test_pytorch_clamped_bce_loses_the_gradient() -> None:
    torch = import_or_skip("torch")
    for dtype in (torch.float32, torch.float64):
        z = torch.tensor([40.0], dtype=dtype, requires_grad=True)
        y = torch.tensor([0.0], dtype=dtype)
        loss = torch.nn.functional.binary_cross_entropy(torch.sigmoid(z), y)
        loss.backward()
        assert float(loss.detach()) == 100.0 and float(z.grad) == 0.0
        z.grad = None
        fused = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
        fused.backward()
        assert float(fused.detach()) == 40.0 and float(z.grad) == 1.0
    # The 0 comes from the sigmoid (sigma(z) rounded to 1, sigma' = 0), not from the clamp:
    # BCELoss's own backward divides by max(p(1-p), 1e-12) and is 1e12 at p = 1.
    p = torch.tensor([1.0], dtype=torch.float64, requires_grad=True)
    torch.nn.functional.binary_cross_entropy(p, torch.tensor([0.0], dtype=torch.float64)).backward()
    assert float(p.grad) == pytest.approx(1e12, rel=1e-6)
    assert_on_page("practice/losses", "$\\max(p(1-p), 10^{-12})$")
    assert_on_page("practice/losses", "$10^{12}$")
    # MSELoss has no 1/2 and averages over all elements.
    pred, target = torch.tensor([[1.0, 2.0]]), torch.tensor([[0.0, 0.0]])
    assert float(torch.nn.functional.mse_loss(pred, target)) == 2.5
