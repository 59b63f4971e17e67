"""The numbers quoted on the softmax page are the ones the figure code computes."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from dlref import softmax, softmax_cross_entropy
from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _softmax_runs as runs

pytestmark = pytest.mark.usefixtures("one_blas_thread")


PAGE = "tuning/softmax"


@pytest.mark.parametrize("model", ["linear", "mlp"])
def test_spiral_dev_accuracies_are_quoted(model: str) -> None:
    mean, std = runs.spiral_accuracy(model, "dev")
    assert_on_page(PAGE, f"{100 * mean:.1f} % ± {100 * std:.1f}")


def test_the_hidden_layer_beats_the_linear_model_beyond_the_seed_spread() -> None:
    lin_mean, lin_std = runs.spiral_accuracy("linear", "dev")
    mlp_mean, mlp_std = runs.spiral_accuracy("mlp", "dev")
    assert mlp_mean - lin_mean > 10 * (lin_std + mlp_std)


def test_initial_losses_and_logit_spreads_are_quoted() -> None:
    r = runs.digits_initial_loss()
    assert_on_page(PAGE, f"{r['small'].logit_std:.4f}")
    assert_on_page(PAGE, f"{r['small'].loss_mean:.3f}")
    assert_on_page(PAGE, f"\\ln 10 = {np.log(10):.3f}")
    for init in ("xavier", "he"):
        assert_on_page(PAGE, f"{r[init].logit_std:.2f}")
        assert_on_page(PAGE, f"{r[init].loss_mean:.2f} ± {r[init].loss_std:.2f}")
    # the ordering the prose explains: small < Xavier < He, each beyond the seed spread
    assert r["small"].loss_mean < r["xavier"].loss_mean - r["xavier"].loss_std
    assert r["xavier"].loss_mean < r["he"].loss_mean - r["he"].loss_std


def test_the_second_order_formula_for_the_initial_loss_holds() -> None:
    # E[L] ≈ ln C + (C-1)/(2C) s^2 for small s; checked with many Monte-Carlo samples
    rng = np.random.default_rng(0)
    c, s, n = 10, 0.3, 200_000
    z = s * rng.standard_normal((n, c))
    loss = float(softmax_cross_entropy(z, rng.integers(0, c, size=n))[0])
    predicted = np.log(c) + (c - 1) / (2 * c) * s**2
    assert abs(loss - predicted) < 0.1 * (predicted - np.log(c))


def test_plain_softmax_values_and_overflow_limits_are_quoted() -> None:
    p = softmax(np.array([2.0, 1.0, 0.1]))
    assert_on_page(PAGE, "(" + ", ".join(f"{v:.3f}" for v in p) + ")")
    assert_on_page(PAGE, f"{np.log(np.finfo(np.float64).max):.1f}")
    assert_on_page(PAGE, f"{np.log(np.finfo(np.float32).max):.2f}")
    assert_on_page(PAGE, f"{np.log(1 + 9 / np.e):.4f}")
