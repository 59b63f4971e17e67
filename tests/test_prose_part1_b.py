"""Prose numbers of the data-splits, bias-variance, normalising-inputs and EWMA pages.

Every measured number typed into the running text of these pages is
recomputed here — through the figure helpers that draw the figures, or the
formula the text states — and must appear on both the Korean and the English
page (``tests/_prose.py``). Numbers inside ``>>>`` blocks are checked by the
doctests instead. The training runs are cheap (a few seconds in all) and are
shared through module-scoped fixtures.
"""

from __future__ import annotations

import importlib
import math
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from dlref import MLP, Adam, diagnose, kfold_indices, make_moons
from tests._prose import assert_on_page

FIGURES = Path(__file__).resolve().parents[1] / "docs" / "figures"


def _figure_module(name: str) -> ModuleType:
    """Import a figure script or helper from docs/figures (as the figure hook does)."""
    if str(FIGURES) not in sys.path:
        sys.path.insert(0, str(FIGURES))
    return importlib.import_module(name)


def _pct(lang: str, x: float, digits: int = 1) -> str:
    """A fraction as the pages print a percentage: '5.7 %' in English, '5.7%' in Korean."""
    return f"{100 * x:.{digits}f}{' %' if lang == 'en' else '%'}"


def _points(lang: str, x: float, digits: int = 1) -> str:
    """A difference of fractions in percentage points: '1.2 points' / '1.2%p'."""
    return f"{100 * x:.{digits}f}{' points' if lang == 'en' else '%p'}"


def _on_both(page: str, fmt: object, *args: object, **kwargs: object) -> None:
    assert_on_page(page, ko=fmt("ko", *args, **kwargs), en=fmt("en", *args, **kwargs))  # type: ignore[operator]


# --- data splits ------------------------------------------------------------------


def _n_for(se_squared_times_n: float, delta: float = 0.001) -> float:
    """n such that 2 SE = delta, for SE^2 = se_squared_times_n / n."""
    return 4 * se_squared_times_n / delta**2


def test_dev_set_sizes_for_a_tenth_of_a_point() -> None:
    assert round(_n_for(0.01 * 0.99), -4) == 40_000
    assert round(_n_for(0.10 * 0.90), -4) == 360_000
    assert round(_n_for(0.002)) == 8_000
    for n in ("40,000", "360,000", "8,000"):
        assert_on_page("practical/data-splits", n)


def test_standard_error_figure_repeats() -> None:
    repeats = _figure_module("data_splits_standard_error").REPEATS
    assert_on_page("practical/data-splits", f"{repeats:,}")


def test_one_percent_of_a_million_is_five_times_twenty_percent_of_ten_thousand() -> None:
    assert (0.01 * 10**6) / (0.20 * 10**4) == 5
    assert_on_page("practical/data-splits", ko="다섯 배", en="five times")


def test_kfold_comparison_numbers() -> None:
    X, y = make_moons(200, noise=0.25, rng=0)
    folds = kfold_indices(len(y), 5, rng=0)

    def cv_errors(sizes: list[int]) -> np.ndarray:
        errors = []
        for train, dev in folds:
            net = MLP(sizes, rng=0)
            net.fit(X[train], y[train], optimizer=Adam(0.02), epochs=300, batch_size=len(train))
            errors.append(float(np.mean(net.predict(X[dev]) != y[dev])))
        return np.array(errors)

    linear, hidden = cv_errors([2, 2]), cv_errors([2, 16, 2])
    diff = linear - hidden
    se = diff.std(ddof=1) / math.sqrt(len(diff))
    page = "practical/data-splits"
    _on_both(page, _pct, linear.mean())
    _on_both(page, _pct, hidden.mean())
    _on_both(page, _points, diff.mean())
    _on_both(page, _points, se)
    assert 2.5 < diff.mean() / se < 3.5  # "about three times its standard error"
    assert linear[3] == hidden[3] == 0.05  # "on the fourth fold both models make 5 % errors"
    assert_on_page(page, ko="모두 오차가 5%", en="both\nmodels make 5 % errors")


# --- bias and variance -----------------------------------------------------------


@pytest.fixture(scope="module")
def moons_runs() -> dict[str, object]:
    return _figure_module("bias_variance_boundaries")._runs()


@pytest.fixture(scope="module")
def capacity_errors() -> dict[int, tuple[np.ndarray, np.ndarray]]:
    return _figure_module("bias_variance_capacity")._errors()


def test_bayes_error_is_a_monte_carlo_estimate(moons_runs: dict[str, object]) -> None:
    bayes = float(moons_runs["bayes"])  # type: ignore[arg-type]
    page = "practical/bias-variance"
    _on_both(page, _pct, bayes)
    _on_both(page, _points, math.sqrt(bayes * (1 - bayes) / 10_000), digits=2)
    assert_on_page(page, "10,000")
    assert _figure_module("bias_variance_boundaries").NOISE == 0.25
    assert_on_page(page, "0.25")


def test_overfitting_moons_net(moons_runs: dict[str, object]) -> None:
    over_train, over_dev = moons_runs["over"][:2]  # type: ignore[index]
    good_dev = moons_runs["good"][1]  # type: ignore[index]
    under_train = moons_runs["under"][0]  # type: ignore[index]
    assert over_train == 0.0  # "training error 0"
    assert 1.7 < over_dev / good_dev < 2.0  # "nearly twice the good model's"
    assert diagnose(under_train, moons_runs["under"][1]).high_bias  # type: ignore[index]


def test_capacity_figure_numbers(capacity_errors: dict[int, tuple[np.ndarray, np.ndarray]]) -> None:
    cap = _figure_module("bias_variance_capacity")
    widths = list(cap.WIDTHS)
    page = "practical/bias-variance"
    assert cap.TRAIN_SIZES == (300, 1079) and cap.EPOCHS == 40
    assert_on_page(page, "1,079")
    assert_on_page(page, ko="40에폭", en="40 epochs")
    for m in cap.TRAIN_SIZES:
        train, dev = capacity_errors[m]
        assert all(train[widths.index(w)] > 10 for w in (1, 2, 4))  # high bias at widths 1-4
        assert all(train[widths.index(w)] < 0.5 for w in widths if w >= 16)  # about 0 from 16
    train, dev = capacity_errors[300]
    assert all(train[widths.index(w)] == 0 for w in widths if w >= 32)  # "0 from width 32"
    assert train[widths.index(16)] > 0
    at16, at256 = dev[widths.index(16)] / 100, dev[widths.index(256)] / 100
    assert at256 <= at16  # "did not raise the dev error"
    assert_on_page(
        page,
        ko=f"{_pct('ko', at16)} → {_pct('ko', at256)}",
        en=f"{_pct('en', at16)} → {_pct('en', at256)}",
    )
    n_dev = len(_figure_module("_bias_variance_runs").digits_split().y_dev)
    assert n_dev == 359
    assert_on_page(page, "359")
    se = math.sqrt(at16 * (1 - at16) / n_dev)
    assert at16 - at256 < 1.5 * se  # "within the noise"
    _on_both(page, _points, se)
    assert all(capacity_errors[1079][1][i] < capacity_errors[300][1][i] for i in range(len(widths)))


def test_dev_error_standard_error_and_tolerance() -> None:
    page = "practical/bias-variance"
    assert_on_page(page, ko="0.95%p", en="0.95 point")
    assert f"{100 * math.sqrt(0.1 * 0.9 / 1000):.2f}" == "0.95"
    assert diagnose(0.0, 0.021).high_variance and not diagnose(0.0, 0.019).high_variance


# --- normalising inputs ------------------------------------------------------------


@pytest.fixture(scope="module")
def norm() -> ModuleType:
    return _figure_module("_normalizing_runs")


def _sci(x: float) -> str:
    mantissa, exponent = f"{x:.1e}".split("e")
    return f"${mantissa} \\times 10^{int(exponent)}$"


def test_logistic_run_condition_numbers(norm: ModuleType) -> None:
    kappa = norm.training_conditions()
    page = "practical/normalizing-inputs"
    assert len(norm.split().X_train) == 1000
    assert_on_page(page, "1,000")
    assert_on_page(page, "1,500")
    assert_on_page(page, _sci(kappa["raw"]))
    assert_on_page(page, _sci(kappa["centred"]))
    assert_on_page(page, f"{kappa['standardised']:.2f}")


def test_logistic_run_training_numbers(norm: ModuleType) -> None:
    page = "practical/normalizing-inputs"
    assert norm.EPOCHS == 200
    assert_on_page(page, ko="200에폭", en="200 epochs")
    history, acc_raw, initial, final = norm.trained(False, 1e-3)
    assert f"{history.train_loss[-1]:.2f}" == "0.62"  # "stalls near 0.62"
    assert f"{norm.run(False, 2e-3)[0].train_loss[-1]:.2f}" == "0.62"
    assert_on_page(page, "0.62")
    loss_003 = np.asarray(norm.run(False, 3e-3)[0].train_loss)
    assert np.any(np.diff(loss_003) > 0)  # oscillates at 0.003
    w_height = (float(initial["W1"][0, 0]), float(final["W1"][0, 0]))
    assert_on_page(page, f"{w_height[0]:.3f}")
    assert_on_page(page, f"{w_height[1]:.3f}")
    assert_on_page(page, f"−{abs(float(final['b1'][0])):.2f}")
    majority = float(np.mean(norm.split().y_dev == 0))
    assert acc_raw == majority  # "what answering 'not overweight' for everyone gives"
    _on_both(page, lambda lang, x: f"{100 * x:.0f}%", acc_raw)
    _on_both(page, lambda lang, x: f"{100 * x:.0f}%", norm.run(True, 1.0)[1])


def test_paths_figure_steps() -> None:
    paths = _figure_module("normalizing_paths")._paths()
    page = "practical/normalizing-inputs"
    steps = {(kind, lr): n for kind, runs in paths.items() for lr, _, n in runs}
    assert steps[("elongated", 0.03)] is None  # "60 steps are not enough"
    for key, (ko, en) in {
        ("elongated", 0.09): ("{n}걸음", "takes {n} steps"),
        ("normalized", 0.5): ("{n}걸음", "in {n} steps"),
        ("normalized", 0.09): ("{n}걸음", "({n} steps)"),
    }.items():
        n = steps[key]
        assert_on_page(page, ko=ko.format(n=n), en=en.format(n=n))


def test_try_it_sample_correlation() -> None:
    rng = np.random.default_rng(0)
    height = rng.normal(1.70, 0.09, 1000)
    weight = 22.5 * height**2 + rng.normal(0.0, 11.0, 1000)
    rho = float(np.corrcoef(height, weight)[0, 1])
    page = "practical/normalizing-inputs"
    assert_on_page(page, f"{rho:.2f}")
    assert_on_page(page, f"{(1 + rho) / (1 - rho):.1f}")


# --- EWMA ---------------------------------------------------------------------------


def test_ewma_window_table_and_weight_beyond() -> None:
    page = "optimization/ewma"
    for beta, window in ((0.5, 2), (0.9, 10), (0.98, 50), (0.999, 1000)):
        assert_on_page(page, f"| {beta} | {window} | {beta**window:.3f} |")
    assert_on_page(page, f"{1 / math.e:.3f}")
    assert round(100 * (1 - 0.9**10 * math.e)) == 5  # "about 5% below 1/e"
    _on_both(page, _pct, 0.9**10)  # 34.9 % beyond the window for beta = 0.9
    _on_both(page, _pct, math.exp(-1), digits=0)  # about 37 %
    assert_on_page(page, ko="**37%**", en="**37 %**")


def test_ewma_first_value_and_adam_numbers() -> None:
    page = "optimization/ewma"
    assert_on_page(page, "0.02\\,\\theta_1")
    t = np.arange(1, 5001)
    ratio = (1 - 0.9**t) / np.sqrt(1 - 0.999**t)
    assert_on_page(page, f"{ratio[0]:.2f}")
    assert_on_page(page, f"{ratio.max():.2f}")
    assert_on_page(page, f"{ratio[999]:.2f}")
    assert_on_page(page, str(int(np.argmax(ratio < 1.05)) + 1))
    assert int(ratio.argmax()) + 1 == 12
    assert_on_page(page, ko="12번째 걸음", en="step 12")


def test_label_codes_versus_one_hot() -> None:
    from dlref import one_hot

    codes = np.tile([0, 1, 2, 3], 25)
    y = np.isin(codes, [0, 3]).astype(int)
    accuracy = []
    for X in (codes[:, None] / 3.0, one_hot(codes, 4)):
        net = MLP([X.shape[1], 2], rng=0)
        net.fit(X, y, optimizer=Adam(0.1), epochs=300, batch_size=100)
        accuracy.append(float(np.mean(net.predict(X) == y)))
    assert accuracy == [0.5, 1.0]
    assert_on_page("practical/normalizing-inputs", ko="정확도 50%", en="(50 %\naccuracy)")
