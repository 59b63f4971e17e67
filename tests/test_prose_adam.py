"""The Adam/AdamW page's numbers are the figures' own computations."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest

from dlref import Adam
from tests._prose import assert_on_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _adam_runs as runs

PAGE = "optimization/adam"
pytestmark = pytest.mark.usefixtures("one_blas_thread")


def pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def pct0(x: float) -> str:
    return f"{100 * x:.0f} %"


def two_digits(x: float) -> str:
    """Two significant digits, trailing zeros kept: 0.020, 0.0019."""
    return f"{x:.{1 - math.floor(math.log10(x))}f}"


def test_defaults_are_dlrefs() -> None:
    opt = Adam()
    assert (opt.lr, opt.beta1, opt.beta2, opt.eps) == (1e-3, 0.9, 0.999, 1e-8)
    assert (runs.BETA1, runs.BETA2, runs.EPS) == (0.9, 0.999, 1e-8)
    assert_on_page(PAGE, f"{1 / np.sqrt(1 - runs.BETA2):.0f}")


def test_keras_form_is_adam_with_a_growing_then_constant_eps() -> None:
    """Keras: lr_t = lr sqrt(1 - β2^t)/(1 - β1^t), θ -= lr_t m/(sqrt(v) + ε̂), all uncorrected.

    That is Algorithm 1 with ε̂ / sqrt(1 - β2^t) in place of ε, as the page says.
    """
    lr, b1, b2, eps_hat = 0.01, 0.9, 0.999, 1e-7
    grads = np.random.default_rng(0).normal(0, 1e-6, (20, 5))
    keras, m, v = np.zeros(5), np.zeros(5), np.zeros(5)
    opt, ours = Adam(lr, b1, b2, eps_hat), {"w": np.zeros(5)}
    for t, g in enumerate(grads, start=1):
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        keras -= lr * np.sqrt(1 - b2**t) / (1 - b1**t) * m / (np.sqrt(v) + eps_hat)
        opt.eps = eps_hat / np.sqrt(1 - b2**t)
        opt.step(ours, {"w": g})
        assert np.allclose(keras, ours["w"], rtol=1e-10, atol=0)
    # and with the plain ε̂ the tiny gradients here would move differently
    plain, same_eps = {"w": np.zeros(5)}, Adam(lr, b1, b2, eps_hat)
    for g in grads:
        same_eps.step(plain, {"w": g})
    assert not np.allclose(keras, plain["w"], rtol=1e-3)


def test_bias_correction_numbers() -> None:
    b = runs.bias_runs()
    t = np.arange(1, runs.STEPS + 1)
    assert np.allclose(b["constant_corrected"], 1.0)
    unc = b["constant_uncorrected"]
    assert np.allclose(unc, runs.uncorrected_ratio(t), rtol=1e-6)
    assert_on_page(PAGE, f"{unc[0]:.2f}")
    peak = int(np.argmax(unc))
    assert_on_page(PAGE, f"{unc[peak]:.2f}")
    assert_on_page(PAGE, ko=f"{peak + 1}걸음째", en=f"step {peak + 1}")
    above = np.nonzero(unc > 2)[0]
    assert np.array_equal(above, np.arange(above.size))  # one stretch from step 1
    assert_on_page(PAGE, ko=f"처음 {above.size}걸음", en=f"first {above.size} steps")
    assert_on_page(PAGE, f"{unc[-1]:.2f}")
    noisy_c, noisy_u = b["noisy_corrected"], b["noisy_uncorrected"]
    settled = runs.MU / np.sqrt(runs.MU**2 + runs.SIGMA**2)
    assert abs(noisy_c[-100:].mean() - settled) < 0.01
    assert_on_page(PAGE, f"{noisy_c[-1]:.2f}")
    assert_on_page(PAGE, f"{noisy_u[0]:.2f}")
    assert_on_page(PAGE, f"{noisy_u[-1]:.2f}")
    assert_on_page(PAGE, f"\\mathcal N({runs.MU:g}, {runs.SIGMA:g})")
    assert_on_page(PAGE, ko=f"좌표 {runs.COORDS}개", en=f"{runs.COORDS} coordinates")


def test_grid_setup_is_quoted() -> None:
    assert_on_page(PAGE, ko=f"학습 샘플 {runs.GRID_TRAIN}개", en=f"only {runs.GRID_TRAIN} digits")
    assert_on_page(PAGE, f"64-{runs.GRID_HIDDEN}-10")
    assert_on_page(
        PAGE, ko=f"크기 {runs.GRID_BATCH}의 미니배치로", en=f"mini-batches of {runs.GRID_BATCH}"
    )
    assert_on_page(PAGE, ko=f"{runs.GRID_EPOCHS}에폭", en=f"{runs.GRID_EPOCHS} epochs")
    assert len(runs.BASELINE_SEEDS) == 3
    assert_on_page(PAGE, ko="시드 3개", en="three seeds")


def test_grid_no_decay_beats_the_seed_spread() -> None:
    g = runs.grid()
    good = [i for i, lr in enumerate(runs.GRID_LRS) if lr >= 1e-3]
    assert [runs.GRID_LRS[i] for i in good] == [1e-3, 3e-3, 1e-2]
    base_dev, base_test = g.none_dev[good], g.none_test[good]
    assert_on_page(
        PAGE,
        ko=f"{pct(base_dev.min())}에서 {pct(base_dev.max())}",
        en=f"{pct(base_dev.min())} to {pct(base_dev.max())}",
    )
    assert_on_page(
        PAGE,
        ko=f"{pct(base_test.min())}에서 {pct(base_test.max())}",
        en=f"{pct(base_test.min())} to {pct(base_test.max())}",
    )
    for kind in runs.DECAYS:
        best = g.dev[kind].min()
        # "no decay setting beat no decay": every panel's best cell lies inside the seed range
        assert base_dev.min() <= best <= base_dev.max()
        assert_on_page(PAGE, ko=f"모두 {pct(best)}", en=f"is {pct(best)}")


def test_grid_failure_boundaries() -> None:
    g = runs.grid()
    # A cell "fails" when its dev error is above the worst no-decay seed at its learning rate by
    # more than the no-decay spread (max - min over the seeds); it is "fine" below 1.2 x the worst.
    worst, spread = g.none_dev.max(axis=1), np.ptp(g.none_dev, axis=1)

    def fails(err: np.ndarray, rows: slice = slice(None)) -> np.ndarray:
        return err > worst[rows] + spread[rows]

    l2_row = g.dev["l2"][:, -1]
    assert runs.DECAYS["l2"][-1] == 10.0
    assert np.all(fails(l2_row))  # at every learning rate
    assert_on_page(
        PAGE,
        ko=f"{pct0(l2_row.min())}–{pct0(l2_row.max())}",
        en=f"{pct0(l2_row.min())} to {pct0(l2_row.max())}",
    )
    assert runs.GRID_LRS[1] == 3e-4
    torch_row = g.dev["torch"][1:, -1]  # from lr = 0.0003 on
    assert np.all(fails(torch_row, slice(1, None)))
    assert not fails(g.dev["torch"][:1, -1], slice(0, 1))[0]
    assert_on_page(
        PAGE,
        ko=f"{pct0(torch_row.min())}–{pct0(torch_row.max())}",
        en=f"{pct0(torch_row.min())} to {pct0(torch_row.max())}",
    )
    # every other row of PyTorch's form is fine: the boundary is horizontal
    assert np.all(g.dev["torch"][:, :-1] < 1.2 * worst[:, None])
    paper_col = g.dev["paper"][:, -1]
    assert runs.DECAYS["paper"][-1] == 0.01
    assert fails(paper_col[:1], slice(0, 1))[0] and paper_col[-1] <= worst[-1]
    assert_on_page(PAGE, f"{pct0(paper_col[0])}")
    assert_on_page(
        PAGE, ko=f"α = 0.01에서 {pct(paper_col[-1])}", en=f"{pct(paper_col[-1])} at α = 0.01"
    )


def test_race_numbers() -> None:
    r = runs.race()
    assert len(runs.RACE_SEEDS) == 5
    assert_on_page(PAGE, ko="시드는 5개", en="five seeds")
    assert_on_page(PAGE, f"64-{runs.RACE_HIDDEN}-10")
    assert_on_page(
        PAGE, ko=f"크기 {runs.RACE_BATCH}의 미니배치", en=f"mini-batches of {runs.RACE_BATCH}"
    )
    assert_on_page(PAGE, ko=f"{runs.RACE_EPOCHS}에폭", en=f"{runs.RACE_EPOCHS} epochs")
    assert_on_page(
        PAGE,
        ko=f"{runs.RACE_LRS[0]:g}, {runs.RACE_LRS[1]:g}, …, {runs.RACE_LRS[-1]:g}",
        en=f"{runs.RACE_LRS[0]:g}, {runs.RACE_LRS[1]:g}, …, {runs.RACE_LRS[-1]:g}",
    )
    final = {name: losses[:, -1] for name, (_, losses) in r.items()}
    for name, (lr, _) in r.items():
        assert lr not in (runs.RACE_LRS[0], runs.RACE_LRS[-1])  # not at the grid's edge
        f = final[name]
        mean, lo, hi = (two_digits(x) for x in (f.mean(), f.min(), f.max()))
        ko_lr = {"sgd": "SGD", "momentum": "모멘텀", "rmsprop": "RMSprop", "adam": "Adam"}[name]
        assert_on_page(PAGE, ko=f"학습률 {lr:g}의 {ko_lr}", en=f"at rate {lr:g}")
        assert_on_page(PAGE, ko=f"{mean}({lo}–{hi})", en=f"{mean} ({lo} to {hi})")
    # the differences the page calls differences: ranges that do not overlap
    assert final["momentum"].max() < final["sgd"].min()
    assert final["adam"].max() < final["sgd"].min()
    # and the ones it does not
    assert final["adam"].min() < final["momentum"].max()
    for other in ("sgd", "momentum", "adam"):
        assert final["rmsprop"].min() < final[other].max()
        assert final["rmsprop"].max() > final[other].min()
    assert r["adam"][0] != 1e-3


def test_the_grid_runs_the_same_on_an_executor() -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        on_pool = runs.weight_decay_grid(pool)
    inline = runs.grid()
    for kind in runs.DECAYS:
        assert np.array_equal(on_pool.dev[kind], inline.dev[kind])
        assert np.array_equal(on_pool.test[kind], inline.test[kind])
    assert np.array_equal(on_pool.none_dev, inline.none_dev)
