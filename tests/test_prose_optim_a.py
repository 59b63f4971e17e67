"""Prose numbers of the mini-batch, momentum, Nesterov and RMSprop pages.

Each test recomputes a number through the helper the figures use
(``docs/figures/_optim_runs.py``) and checks that both language pages quote it.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from tests._prose import assert_on_page

FIGURES = Path(__file__).resolve().parents[1] / "docs" / "figures"
if str(FIGURES) not in sys.path:
    sys.path.insert(0, str(FIGURES))

import _optim_runs as runs  # noqa: E402

MINIBATCH = "optimization/minibatch"


# --- mini-batch ---------------------------------------------------------------------


def test_learning_rates_are_the_grid_best() -> None:
    assert runs.best_lrs() == runs.LRS
    lrs = [runs.LRS[b] for b in runs.BATCH_SIZES]
    assert_on_page(
        MINIBATCH,
        ko=f"크기 1은 {lrs[0]:g}, 16은 {lrs[1]:g},\n128은 {lrs[2]:g}, 전체 배치는 {lrs[3]:g}",
        en=f"{lrs[0]:g} for size 1, {lrs[1]:g}\nfor 16, {lrs[2]:g} for 128 and {lrs[3]:g} for the full batch",
    )
    ratio = runs.LRS[None] / runs.LRS[1]
    m = runs.digits_train()[0].shape[0]
    assert_on_page(
        MINIBATCH,
        ko=f"{m}배 키웠을 때 학습률은\n  {ratio:.0f}배",
        en=f"({m} times) raised the best rate only {ratio:.0f} times",
    )


def test_epochs_and_steps_per_epoch() -> None:
    m = runs.digits_train()[0].shape[0]
    e = [runs.EPOCHS[b] for b in runs.BATCH_SIZES]
    assert_on_page(
        MINIBATCH,
        ko=f"(각각 {e[0]}, {e[1]}, {e[2]}, {e[3]}에폭)",
        en=f"({e[0]}, {e[1]}, {e[2]} and {e[3]})",
    )
    steps = [math.ceil(m / (b or m)) for b in runs.BATCH_SIZES]
    for b in runs.BATCH_SIZES:  # the runs take exactly that many steps per epoch
        r = runs.train(b, runs.LRS[b], 0)
        assert r.steps[-1] == runs.EPOCHS[b] * math.ceil(m / (b or m))
    assert_on_page(
        MINIBATCH,
        ko=f"크기 1이 {steps[0]}번, 16이 {steps[1]}번, 128이\n{steps[2]}번, 전체 배치가 {steps[3]}번",
        en=f"{steps[0]} for size 1, {steps[1]} for 16, {steps[2]} for 128 and {steps[3]} for the full batch",
    )


def _loss_at_epoch(batch: int | None, epoch: float) -> np.ndarray:
    out = []
    for seed in runs.SEEDS:
        r = runs.train(batch, runs.LRS[batch], seed)
        i = int(np.searchsorted(r.epochs, epoch))
        assert r.epochs[i] == epoch
        out.append(r.loss[i])
    return np.array(out)


def test_loss_after_two_epochs() -> None:
    quoted = {}
    for b in runs.BATCH_SIZES:
        v = _loss_at_epoch(b, 2.0)
        quoted[b] = (f"{v.mean():.3f}", f"{v.min():.3f}", f"{v.max():.3f}")
    for b, (mean, lo, hi) in quoted.items():
        if b is None:
            assert lo == hi  # the full batch does not depend on the shuffle
            assert_on_page(MINIBATCH, f"{float(mean):.3g}")
        else:
            assert_on_page(MINIBATCH, ko=f"{mean}({lo}–{hi})", en=f"{mean} ({lo}–{hi})")
    assert_on_page(
        MINIBATCH,
        ko=f"크기 1이 {quoted[1][0]}({quoted[1][1]}–{quoted[1][2]})",
        en=f"{quoted[1][0]} ({quoted[1][1]}–{quoted[1][2]}) for size 1",
    )
    # sizes 1 and 16 overlap: the page says this is not a difference
    one, sixteen = _loss_at_epoch(1, 2.0), _loss_at_epoch(16, 2.0)
    assert abs(one.mean() - sixteen.mean()) < max(np.ptp(one), np.ptp(sixteen))
    # 128 and full batch are behind both at 2 epochs
    assert _loss_at_epoch(128, 2.0).mean() > max(one.mean(), sixteen.mean())


def test_final_losses_and_their_spread() -> None:
    for b in runs.BATCH_SIZES:
        f = runs.final_losses(b)
        text = f"{f.mean():.3f}" if b == 1 else f"{f.mean():.2g}"
        assert_on_page(MINIBATCH, text)
        if b != 1:
            assert np.max(np.abs(f - f.mean())) / f.mean() < 0.04
    f1 = runs.final_losses(1)
    assert np.max(np.abs(f1 - f1.mean())) / f1.mean() > 0.04  # why size 1 is left out


def test_full_batch_loss_rises_only_at_the_large_rate() -> None:
    assert np.all(np.diff(runs.train(None, 1.0, 0).loss) < 0)
    assert np.any(np.diff(runs.train(None, 3.0, 0).loss) > 0)
    assert_on_page(MINIBATCH, "$\\alpha = 1$")
    assert_on_page(MINIBATCH, "$\\alpha = 3$")


def test_gradient_noise_numbers() -> None:
    measured, predicted = runs.gradient_noise((1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024))
    by_size = dict(zip((1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024), measured, strict=True))
    assert np.allclose(measured, predicted, rtol=0.06)
    assert_on_page(
        MINIBATCH,
        ko=f"오차가 {by_size[16]:.2f}에서 {by_size[64]:.2f}로",
        en=f"error from {by_size[16]:.2f} to {by_size[64]:.2f}",
    )
    line = by_size[1] / math.sqrt(1024)
    assert_on_page(
        MINIBATCH,
        ko=f"측정값 {by_size[1024]:.3f}가 $1/\\sqrt B$ 직선({line:.3f})",
        en=f"measured {by_size[1024]:.3f} lies far\nbelow the $1/\\sqrt B$ line ({line:.3f})",
    )


# --- momentum -----------------------------------------------------------------------

MOMENTUM = "optimization/momentum"


def _figure(name: str):  # type: ignore[no-untyped-def]
    import importlib

    return importlib.import_module(name)


def test_momentum_race_numbers() -> None:
    race = _figure("momentum_paths").race()
    for key in ("gd", "same", "ten"):
        s = race[key]
        assert_on_page(
            MOMENTUM,
            ko=f"{np.median(s):g}({s.min()}–{s.max()})",
            en=f"{np.median(s):g} ({s.min()}–{s.max()})",
        )
    # the middle two ranges overlap, but start by start momentum wins by at least 67 steps
    assert race["same"].max() > race["gd"].min()
    gap = int(np.min(race["gd"] - race["same"]))
    assert gap >= 67
    assert_on_page(MOMENTUM, ko="67걸음 이상", en="at least 67 steps")
    saving = 1 - np.median(race["same"]) / np.median(race["gd"])
    assert_on_page(MOMENTUM, f"{100 * saving:.0f}%")
    # and the large-rate run is faster than both, with no overlap
    assert race["ten"].max() < race["same"].min()


def test_momentum_stability_limit() -> None:
    from dlref import Momentum, elongated_quadratic_grad, trajectory

    limit = 2 * (1 + 0.9) / ((1 - 0.9) * 100.0)
    assert_on_page(MOMENTUM, f"= {limit:.2f}$")

    def end(lr: float) -> float:
        path = trajectory(
            Momentum(lr, 0.9), lambda p: elongated_quadratic_grad(p, kappa=100.0), [1.0, 1.0], 3000
        )
        return float(np.abs(path[-1]).max())

    assert end(limit - 0.01) < 1e-10
    with pytest.raises(ValueError, match="diverged"):
        end(limit + 0.01)


def test_goh_optimum_measured() -> None:
    fig = _figure("momentum_rate")
    alpha, beta, rate = fig.optimum(fig.KAPPA)
    gd = (fig.KAPPA - 1) / (fig.KAPPA + 1)
    assert_on_page(MOMENTUM, f"{alpha:.4f}")
    assert_on_page(MOMENTUM, f"{beta:.3f}")
    assert_on_page(MOMENTUM, f"{rate:.3f}")
    assert_on_page(MOMENTUM, f"{gd:.3f}")
    assert runs.predicted_rate(alpha, beta, (1.0, fig.KAPPA)) == pytest.approx(rate)
    measured = runs.measured_rate(alpha, beta, fig.KAPPA)
    longer = runs.measured_rate(alpha, beta, fig.KAPPA, steps=2000)
    assert rate < longer < measured  # the t·r^t bias shrinks with a longer run
    assert_on_page(MOMENTUM, f"{measured:.3f}")
    assert_on_page(MOMENTUM, ko=f"2000걸음으로 재면 {longer:.3f}", en=f"2000 steps: {longer:.3f}")
    steps = [math.ceil(math.log(1e-6) / math.log(r)) for r in (rate, gd)]
    assert_on_page(
        MOMENTUM, ko=f"{steps[0]}걸음 대 {steps[1]}걸음", en=f"{steps[0]} steps against {steps[1]}"
    )
    unstable = alpha * fig.KAPPA / 2 - 1  # below this β, α* λ_max < 2(1 + β) fails
    assert_on_page(MOMENTUM, ko=f"\\beta < {unstable:.3f}", en=f"\\beta = {unstable:.3f}")
    assert runs.measured_rate(alpha, unstable - 0.01, fig.KAPPA) > 1
    assert runs.measured_rate(alpha, unstable + 0.01, fig.KAPPA) < 1
    # every measured point of the figure is within 1% of the prediction
    for b in np.linspace(0.7, 0.98, 8):
        assert runs.measured_rate(alpha, b, fig.KAPPA) == pytest.approx(
            runs.predicted_rate(alpha, b, (1.0, fig.KAPPA)), rel=0.01
        )


def test_critical_damping_is_fastest_in_one_direction() -> None:
    for al in (0.01, 0.1, 0.5):
        crit = (1 - math.sqrt(al)) ** 2
        betas = np.linspace(0, 0.98, 99)
        best = min(betas, key=lambda b: runs.predicted_rate(al, b, (1.0,)))
        assert abs(best - crit) < 0.011
        assert runs.predicted_rate(al, crit, (1.0,)) == pytest.approx(1 - math.sqrt(al))
        assert runs.measured_rate(al, crit, 1.0) == pytest.approx(1 - math.sqrt(al), rel=0.01)


# --- Nesterov -----------------------------------------------------------------------

NESTEROV = "optimization/nesterov"


def test_nesterov_race_numbers() -> None:
    for surface in ("quadratic", "rosenbrock"):
        race = runs.momentum_vs_nesterov(surface)
        for s in race.values():
            assert s.max() <= runs.RACES[surface][2]  # every start reached the tolerance
            med = f"{np.median(s):g}"
            assert_on_page(
                NESTEROV,
                ko=f"{med}걸음({s.min()}–{s.max()})",
                en=f"{med} steps ({s.min()}–{s.max()})",
            )
    q = runs.momentum_vs_nesterov("quadratic")
    assert q["nesterov"].max() < q["momentum"].min()  # no overlap: a difference
    r = runs.momentum_vs_nesterov("rosenbrock")
    assert abs(np.median(r["nesterov"]) - np.median(r["momentum"])) < min(
        np.ptp(r["nesterov"]), np.ptp(r["momentum"])
    )  # within the spread: no difference


def test_nesterov_stability_limit() -> None:
    from dlref import Momentum, Nesterov, elongated_quadratic_grad, trajectory

    limit = 2 * (1 + 0.9) / ((1 - 0.9) * (1 + 2 * 0.9) * 100.0)
    assert_on_page(NESTEROV, f"{limit:.3f}")

    def end(opt: object) -> float:
        grad = lambda p: elongated_quadratic_grad(p, kappa=100.0)  # noqa: E731
        try:
            return float(np.abs(trajectory(opt, grad, [1.0, 1.0], 3000)[-1]).max())
        except ValueError:  # diverged to inf
            return float("inf")

    assert end(Nesterov(limit - 0.005, 0.9)) < 1e-6
    assert end(Nesterov(limit + 0.005, 0.9)) > 1e6  # growing: unstable
    assert end(Nesterov(0.19, 0.9)) == float("inf")
    assert end(Momentum(0.19, 0.9)) < 1e-10
    assert_on_page(NESTEROV, "`lr=0.19`")


# --- RMSprop ------------------------------------------------------------------------

RMSPROP = "optimization/rmsprop"


def test_rmsprop_hovers_at_a_level_set_by_the_rate() -> None:
    for lr, quoted in ((0.1, "0.126"), (0.03, "0.0114"), (0.01, "0.00126")):
        hover = runs.rmsprop_hover(lr)
        assert np.ptp(hover) < 1e-9 * hover.mean()  # the same from all 21 starts
        predicted = 0.5 * (1 + 100.0) * (lr / 2) ** 2  # the 2-cycle between ±lr/2
        assert hover.mean() == pytest.approx(predicted, rel=1e-6)
        assert f"{hover.mean():.3g}" == quoted
        assert_on_page(RMSPROP, quoted)
    assert_on_page(RMSPROP, f"{0.5 * 101 / 4:g}\\,\\alpha^2")


def test_rmsprop_effective_rate_ends_at_the_stability_limit() -> None:
    from dlref import RMSprop, elongated_quadratic_grad

    fig = _figure("rmsprop_paths")
    grad = lambda p: elongated_quadratic_grad(p, kappa=100.0)  # noqa: E731
    _, s = runs.run_rows(lambda: RMSprop(lr=fig.LR, beta=0.9), grad, np.array([fig.START]), 3000)
    assert s is not None
    eff = fig.LR / (np.sqrt(s[-1, 0]) + 1e-8)
    assert eff == pytest.approx([2.0, 0.02], rel=1e-6)  # 2 / λ for λ = 1 and 100
    assert_on_page(RMSPROP, ko="$w_1$이 2,\n$w_2$가 0.02", en="2 for $w_1$ and 0.02 for $w_2$")


def test_rmsprop_first_step() -> None:
    from dlref import RMSprop, elongated_quadratic_grad

    fig = _figure("rmsprop_paths")
    first = fig.LR / math.sqrt(1 - 0.9)
    assert_on_page(RMSPROP, f"{first:.3f}")
    g = np.array([fig.START[0], 100.0 * fig.START[1]])  # the gradient at the start
    assert_on_page(
        RMSPROP,
        ko=f"경사가 {abs(g[1]):.1f}인 $w_2$도, {abs(g[0]):g}인",
        en=f"gradient of {abs(g[1]):.1f} as far as $w_1$ with {abs(g[0]):g}",
    )
    grad = lambda p: elongated_quadratic_grad(p, kappa=100.0)  # noqa: E731
    path, _ = runs.run_rows(lambda: RMSprop(fig.LR, 0.9), grad, np.array([fig.START]), 1)
    assert np.abs(path[1, 0] - path[0, 0]) == pytest.approx([first, first], rel=1e-6)
