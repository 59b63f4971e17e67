"""Tests for dlref.tuning: log-scale sampling, grid/random/coarse-to-fine search, executors."""

from __future__ import annotations

import copy
import math
import multiprocessing
import pickle
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref import (
    BetaLogUniform,
    Interval,
    IntUniform,
    LogUniform,
    Trial,
    Uniform,
    coarse_to_fine,
    grid_search,
    log_uniform,
    narrow_space,
    random_search,
    sample_beta,
)
from tests._libs import import_or_skip

FAST = settings(max_examples=50, deadline=None)
N = 100_000


# --- objectives (module level, so a process pool can pickle them) ------------------


def lr_loss(p: dict[str, Any]) -> float:
    """A quadratic in log10(lr) with its minimum at lr = 3e-3; nothing else matters."""
    return float((math.log10(p["lr"]) - math.log10(3e-3)) ** 2)


def two_d_loss(p: dict[str, Any]) -> float:
    """Minimum at lr = 1e-3, beta = 0.99 (a quadratic in log10(lr), log10(1 - beta))."""
    return float(
        (math.log10(p["lr"]) + 3) ** 2 + 0.5 * (math.log10(1 - p["beta"]) + 2) ** 2
        + 0.01 * (p["units"] - 128) ** 2 / 128**2 + (0.0 if p["act"] == "relu" else 0.1)
    )  # fmt: skip


def constant_loss(p: dict[str, Any]) -> float:
    return 1.0


SPACE: dict[str, Any] = {
    "lr": LogUniform(1e-5, 1.0),
    "beta": BetaLogUniform(0.9, 0.9999),
    "units": IntUniform(16, 512),
    "act": ["relu", "tanh"],
}


# --- log_uniform and sample_beta -----------------------------------------------------


def test_log_uniform_puts_a_quarter_in_each_decade() -> None:
    x = log_uniform(1e-4, 1.0, size=N, rng=0)
    counts, _ = np.histogram(np.log10(x), bins=4, range=(-4, 0))
    fractions = counts / N
    # measured with seed 0: [0.25015 0.25083 0.24986 0.24916]; binomial s.e. 0.0014
    np.testing.assert_allclose(fractions, 0.25, atol=0.01)
    # the contrast: a linear draw puts about 90 % in the top decade
    linear = np.random.default_rng(0).uniform(1e-4, 1.0, N)
    assert np.mean(linear >= 0.1) == pytest.approx(0.9, abs=0.01)


def test_sample_beta_puts_half_below_0_99() -> None:
    beta = sample_beta(0.9, 0.999, size=N, rng=0)
    # measured with seed 0: 0.49902; binomial s.e. 0.0016
    assert np.mean((beta >= 0.9) & (beta <= 0.99)) == pytest.approx(0.5, abs=0.01)
    # the averaging window 1 / (1 - beta) is log-uniform over [10, 1000]
    window = np.log10(1 / (1 - beta))
    counts, _ = np.histogram(window, bins=2, range=(1, 3))
    np.testing.assert_allclose(counts / N, 0.5, atol=0.01)


def test_sample_beta_is_one_minus_log_uniform() -> None:
    beta = sample_beta(0.9, 0.999, size=1000, rng=3)
    r = log_uniform(0.001, 0.1, size=1000, rng=3)  # 1 - high, 1 - low: the same draws
    np.testing.assert_allclose(beta, 1 - r, rtol=0, atol=1e-15)


@FAST
@given(
    lo_exp=st.floats(-8, 3),
    span=st.floats(0, 6),
    seed=st.integers(0, 2**32 - 1),
)
def test_log_uniform_stays_in_range(lo_exp: float, span: float, seed: int) -> None:
    low, high = 10.0**lo_exp, 10.0 ** (lo_exp + span)
    x = log_uniform(low, high, size=200, rng=seed)
    assert x.dtype == np.float64 and x.shape == (200,)
    assert np.all((x >= low) & (x <= high))
    one = log_uniform(low, high, rng=seed)
    assert type(one) is float and low <= one <= high
    assert one == pytest.approx(x[0], rel=1e-15, abs=0)  # the first of the same draws


@FAST
@given(lo=st.floats(0, 0.999999), frac=st.floats(0, 1), seed=st.integers(0, 2**32 - 1))
def test_sample_beta_stays_in_range(lo: float, frac: float, seed: int) -> None:
    hi = lo + frac * (1 - 1e-9 - lo)
    b = sample_beta(lo, hi, size=100, rng=seed)
    assert np.all((b >= lo) & (b <= hi))
    assert type(sample_beta(lo, hi, rng=seed)) is float


def test_samplers_size_and_degenerate_range() -> None:
    assert log_uniform(1e-3, 1.0, size=(2, 3), rng=0).shape == (2, 3)
    assert sample_beta(size=(4,), rng=0).shape == (4,)
    assert log_uniform(1e-3, 1.0, size=0, rng=0).shape == (0,)
    np.testing.assert_array_equal(log_uniform(0.3, 0.3, size=5, rng=0), 0.3)
    np.testing.assert_array_equal(sample_beta(0.95, 0.95, size=5, rng=0), 0.95)
    assert sample_beta(0.0, 0.0, rng=0) == 0.0


def _draw_intervals(gen: np.random.Generator) -> np.ndarray:
    return np.array([s(gen) for s in SPACE.values() if isinstance(s, Interval)])


@pytest.mark.parametrize(
    "draw",
    [
        lambda rng: log_uniform(1e-4, 1.0, size=50, rng=rng),
        lambda rng: sample_beta(size=50, rng=rng),
        lambda rng: _draw_intervals(np.random.default_rng(rng)),
        lambda rng: np.array([t.score for t in random_search(two_d_loss, SPACE, 10, rng=rng)]),
        lambda rng: np.array([t.score for t in coarse_to_fine(two_d_loss, SPACE, rng=rng)]),
    ],
)
def test_same_seed_same_bits_and_generator_advances(draw: Any) -> None:
    assert draw(7).tobytes() == draw(7).tobytes()
    assert draw(np.random.default_rng(7)).tobytes() == draw(7).tobytes()
    gen = np.random.default_rng(7)
    assert draw(gen).tobytes() != draw(gen).tobytes()


# --- interval specs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "low", "high"),
    [
        (Uniform(-1.0, 2.0), -1.0, 2.0),
        (LogUniform(1e-5, 1e-1), 1e-5, 1e-1),
        (BetaLogUniform(), 0.9, 0.999),
        (IntUniform(3, 7), 3, 7),
    ],
)
def test_interval_samples_inside_and_is_picklable(spec: Interval, low: float, high: float) -> None:
    gen = np.random.default_rng(0)
    values = [spec(gen) for _ in range(500)]
    assert min(values) >= low and max(values) <= high
    assert pickle.loads(pickle.dumps(spec)) == spec
    with pytest.raises(AttributeError):
        spec.low = 0  # type: ignore[misc]  # frozen


def test_int_uniform_includes_both_ends() -> None:
    gen = np.random.default_rng(0)
    values = [IntUniform(3, 5)(gen) for _ in range(300)]
    assert set(values) == {3, 4, 5} and all(type(v) is int for v in values)
    assert IntUniform(4, 4)(gen) == 4


def test_log_uniform_spec_is_log_scaled() -> None:
    gen = np.random.default_rng(0)
    x = np.array([LogUniform(1e-4, 1.0)(gen) for _ in range(20_000)])
    assert np.mean(x < 1e-2) == pytest.approx(0.5, abs=0.02)


def test_narrow_keeps_the_class_and_scale() -> None:
    assert Uniform(0, 10).narrow([3.0, 1.0, 2.0]) == Uniform(1.0, 3.0)
    assert LogUniform(1e-6, 1).narrow([1e-3, 1e-2]) == LogUniform(1e-3, 1e-2)
    assert BetaLogUniform().narrow([0.95, 0.99, 0.97]) == BetaLogUniform(0.95, 0.99)
    narrowed = IntUniform(1, 100).narrow([40, 60, 50])
    assert narrowed == IntUniform(40, 60) and type(narrowed.low) is int
    assert LogUniform(1e-6, 1).narrow(np.array([1e-3])) == LogUniform(1e-3, 1e-3)


def test_custom_interval_subclass() -> None:
    import dataclasses

    @dataclasses.dataclass(frozen=True)
    class Pow2(Interval):
        """2**k for an integer exponent k in [low, high]."""

        def __call__(self, rng: Any = None) -> int:
            gen = np.random.default_rng(rng)
            return 2 ** int(gen.integers(int(self.low), int(self.high), endpoint=True))

    spec = Pow2(4, 9)
    assert spec(0) in {16, 32, 64, 128, 256, 512}
    assert spec.narrow([5, 6]) == Pow2(5.0, 6.0)


# --- grid search -------------------------------------------------------------------


def test_grid_search_order_and_ties() -> None:
    trials = grid_search(constant_loss, {"a": [1, 2], "b": ["x", "y", "z"]})
    assert [tuple(t.params.values()) for t in trials] == [
        (1, "x"), (1, "y"), (1, "z"), (2, "x"), (2, "y"), (2, "z"),
    ]  # fmt: skip
    assert all(isinstance(t, Trial) and t.score == 1.0 for t in trials)


def test_grid_search_finds_the_grid_optimum() -> None:
    grid = {"lr": np.logspace(-5, 0, 11), "units": [64, 128]}
    trials = grid_search(lr_loss, grid)
    assert len(trials) == 22
    assert trials[0].params["lr"] == pytest.approx(10**-2.5)
    scores = [t.score for t in trials]
    assert scores == sorted(scores)


# --- random search -------------------------------------------------------------------


def test_random_search_finds_the_optimum() -> None:
    trials = random_search(lr_loss, {"lr": LogUniform(1e-5, 1.0)}, 60, rng=0)
    assert abs(math.log10(trials[0].params["lr"]) - math.log10(3e-3)) < 0.1
    trials = random_search(two_d_loss, SPACE, 200, rng=0)
    best = trials[0].params
    assert abs(math.log10(best["lr"]) + 3) < 0.3 and abs(math.log10(1 - best["beta"]) + 2) < 0.5
    assert best["act"] == "relu"


def test_random_search_tries_more_values_of_what_matters() -> None:
    """Only lr matters: a 5 x 5 grid tries 5 learning rates, 25 random trials try 25."""
    grid = {"lr": np.logspace(-4, 0, 5), "units": [32, 64, 128, 256, 512]}
    space = {"lr": LogUniform(1e-4, 1.0), "units": IntUniform(32, 512)}
    g = grid_search(lr_loss, grid)
    distinct_grid = {t.params["lr"] for t in g}
    assert len(g) == 25 and len(distinct_grid) == 5
    wins = 0
    for seed in range(10):
        r = random_search(lr_loss, space, 25, rng=seed)
        assert len({t.params["lr"] for t in r}) == 25
        wins += r[0].score < g[0].score
    assert wins >= 9  # measured: 10 of 10 seeds beat the grid's best


def test_ties_keep_the_order_of_the_draws() -> None:
    trials = random_search(constant_loss, {"x": Uniform(0, 1)}, 20, rng=4)
    gen = np.random.default_rng(4)
    assert [t.params["x"] for t in trials] == [Uniform(0, 1)(gen) for _ in range(20)]


def test_sequences_are_sampled_uniformly() -> None:
    trials = random_search(constant_loss, {"k": ("a", "b", "c", "d")}, 4000, rng=0)
    counts = np.unique([t.params["k"] for t in trials], return_counts=True)[1]
    np.testing.assert_allclose(counts / 4000, 0.25, atol=0.025)
    arr = random_search(constant_loss, {"k": np.array([1, 2])}, 5, rng=0)
    assert all(type(t.params["k"]) is int for t in arr)


def test_nan_scores_come_last_and_objective_gets_a_copy() -> None:
    def loss(p: dict[str, Any]) -> float:
        x = p.pop("x")  # the objective may modify its dict
        return math.nan if x > 0.5 else x

    trials = random_search(loss, {"x": Uniform(0, 1)}, 20, rng=0)
    finite = [t.score for t in trials if not math.isnan(t.score)]
    assert finite == sorted(finite) and finite == [t.score for t in trials[: len(finite)]]
    assert all(math.isnan(t.score) for t in trials[len(finite) :])
    assert all("x" in t.params for t in trials)


def _float32_loss(p: dict[str, Any]) -> Any:
    return np.float32(p["x"])


def test_score_is_converted_to_float() -> None:
    trials = random_search(_float32_loss, {"x": [1, 2]}, 3, rng=0)
    assert all(type(t.score) is float for t in trials)


# --- coarse to fine -------------------------------------------------------------------


def test_narrow_space_spans_the_top_trials() -> None:
    space = dict(SPACE)
    before = copy.deepcopy(space)
    trials = random_search(two_d_loss, space, 30, rng=1)
    narrowed = narrow_space(space, trials, top=5)
    assert space == before  # not modified
    best = trials[:5]
    for key in ("lr", "beta", "units"):
        values = [t.params[key] for t in best]
        assert narrowed[key] == type(space[key])(min(values), max(values))
    assert narrowed["act"] is space["act"]
    # order of the trials does not matter; top larger than the list takes all
    assert narrow_space(space, trials[::-1], top=5) == narrowed
    assert narrow_space(space, trials, top=100)["lr"] == LogUniform(
        min(t.params["lr"] for t in trials), max(t.params["lr"] for t in trials)
    )


def test_coarse_to_fine_ranges_shrink_and_best_first() -> None:
    space = {"lr": LogUniform(1e-6, 1.0), "beta": BetaLogUniform(0.8, 0.9999)}
    trials = coarse_to_fine(_lr_beta_loss, space, rounds=3, n_trials=15, top=4, rng=0)
    assert len(trials) == 45
    scores = [t.score for t in trials]
    assert scores == sorted(scores)
    # replay the rounds: each narrowed range lies inside the previous one
    gen = np.random.default_rng(0)
    current: dict[str, Any] = dict(space)
    seen: list[Trial] = []
    for r in range(3):
        if r:
            narrowed = narrow_space(current, seen, top=4)
            for key in space:
                assert current[key].low <= narrowed[key].low <= narrowed[key].high
                assert narrowed[key].high <= current[key].high
            current = narrowed
        seen += random_search(_lr_beta_loss, current, 15, rng=gen)
    assert sorted(t.score for t in seen) == scores


def _lr_beta_loss(p: dict[str, Any]) -> float:
    return float((math.log10(p["lr"]) + 3) ** 2 + (math.log10(1 - p["beta"]) + 2) ** 2)


def test_coarse_to_fine_beats_random_search_with_the_same_budget() -> None:
    space = {"lr": LogUniform(1e-6, 1.0)}
    fine, rand = [], []
    for seed in range(20):
        fine.append(coarse_to_fine(lr_loss, space, rounds=2, n_trials=20, top=5, rng=seed)[0].score)
        rand.append(random_search(lr_loss, space, 40, rng=seed)[0].score)
    # measured over 200 seeds: coarse_to_fine wins 145, median best 3.4e-4 vs 2.2e-3
    assert np.median(fine) < 0.5 * np.median(rand)
    assert sum(f <= r for f, r in zip(fine, rand, strict=True)) >= 12
    assert max(fine) < 0.05  # always within about 0.2 decade of the optimum


def test_coarse_to_fine_one_round_is_random_search() -> None:
    a = coarse_to_fine(two_d_loss, SPACE, rounds=1, n_trials=12, rng=5)
    assert a == random_search(two_d_loss, SPACE, 12, rng=5)


def test_searches_do_not_modify_their_inputs() -> None:
    space = dict(SPACE)
    grid = {"lr": [1e-3, 1e-2], "beta": [0.9], "units": [64], "act": ["relu"]}
    before_space, before_grid = copy.deepcopy(space), copy.deepcopy(grid)
    coarse_to_fine(two_d_loss, space, rounds=3, n_trials=5, rng=0)
    random_search(two_d_loss, space, 5, rng=0)
    grid_search(two_d_loss, grid)
    assert space == before_space and grid == before_grid


# --- executors: the caviar strategy --------------------------------------------------


def _all_searches(executor: Any) -> list[list[Trial]]:
    grid = {"lr": [1e-4, 1e-3, 1e-2], "beta": [0.9, 0.99], "units": [64, 128], "act": ["relu"]}
    return [
        grid_search(two_d_loss, grid, executor=executor),
        random_search(two_d_loss, SPACE, 16, rng=3, executor=executor),
        coarse_to_fine(two_d_loss, SPACE, rounds=2, n_trials=8, top=3, rng=3, executor=executor),
    ]


def test_thread_and_process_pools_equal_the_serial_run() -> None:
    serial = _all_searches(None)
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert _all_searches(pool) == serial
    # "spawn": fresh interpreters that import this module by name (the objectives are
    # module-level functions); forking a process that may already run threads (torch,
    # an earlier Dask test) is unsafe and warns from Python 3.12 on
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        assert _all_searches(pool) == serial


def test_dask_cluster_equals_the_serial_run() -> None:
    distributed = import_or_skip("distributed")
    serial = _all_searches(None)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert _all_searches(client.get_executor()) == serial


def test_objective_errors_propagate_from_a_pool() -> None:
    with ThreadPoolExecutor(max_workers=2) as pool, pytest.raises(KeyError, match="missing"):
        random_search(lambda p: p["missing"], {"x": [1]}, 3, rng=0, executor=pool)


# --- bad input ------------------------------------------------------------------------

TRIALS = [Trial({"lr": 1e-3}, 0.1), Trial({"lr": 1e-2}, 0.2)]

BAD: list[tuple[Any, tuple[Any, ...], dict[str, Any], type[Exception], str]] = [
    (log_uniform, (0.0, 1.0), {}, ValueError, "low"),
    (log_uniform, (-1e-3, 1.0), {}, ValueError, "low"),
    (log_uniform, (1e-3, 1e-4), {}, ValueError, "high"),
    (log_uniform, (1e-3, math.inf), {}, ValueError, "high"),
    (log_uniform, ("a", 1.0), {}, TypeError, "low"),
    (log_uniform, (1e-3, 1.0, -1), {}, ValueError, "size"),
    (log_uniform, (1e-3, 1.0, 2.5), {}, TypeError, "size"),
    (log_uniform, (1e-3, 1.0, (2, -1)), {}, ValueError, r"size\[1\]"),
    (log_uniform, (1e-3, 1.0), {"rng": "x"}, TypeError, "rng"),
    (sample_beta, (-0.1, 0.9), {}, ValueError, "low"),
    (sample_beta, (0.9, 1.0), {}, ValueError, "high"),
    (sample_beta, (0.99, 0.9), {}, ValueError, "high"),
    (sample_beta, (math.nan, 0.9), {}, ValueError, "low"),
    (sample_beta, (0.9, 0.99, "3"), {}, TypeError, "size"),
    (sample_beta, (0.9, 0.99), {"rng": -3}, ValueError, "rng"),
    (Uniform, (1.0, 0.0), {}, ValueError, "high"),
    (Uniform, (math.nan, 1.0), {}, ValueError, "low"),
    (Uniform, ("0", 1.0), {}, TypeError, "low"),
    (LogUniform, (0.0, 1.0), {}, ValueError, "low"),
    (LogUniform, (1e-2, 1e-3), {}, ValueError, "high"),
    (BetaLogUniform, (0.9, 1.0), {}, ValueError, "high"),
    (BetaLogUniform, (-0.5, 0.9), {}, ValueError, "low"),
    (IntUniform, (1.5, 3), {}, TypeError, "low"),
    (IntUniform, (5, 3), {}, ValueError, "high"),
    (Interval, (0.0, 1.0), {}, TypeError, "abstract"),
    (Uniform(0, 1).narrow, ([],), {}, ValueError, "values"),
    (Uniform(0, 1).narrow, ([0.1, math.nan],), {}, ValueError, "values"),
    (LogUniform(1e-3, 1).narrow, ([0.0, 0.1],), {}, ValueError, "low"),
    (BetaLogUniform().narrow, ([0.95, 1.0],), {}, ValueError, "high"),
    (IntUniform(1, 9).narrow, (["a"],), {}, TypeError, "values"),
    (IntUniform(1, 9).narrow, ([],), {}, ValueError, "values"),
    (Uniform(0, 1), ("seed",), {}, TypeError, "rng"),
    (grid_search, (lr_loss, {}), {}, ValueError, "grid"),
    (grid_search, (lr_loss, {"lr": []}), {}, ValueError, r"grid\['lr'\]"),
    (grid_search, (lr_loss, {"lr": "abc"}), {}, TypeError, r"grid\['lr'\]"),
    (grid_search, (lr_loss, {"lr": 0.1}), {}, TypeError, r"grid\['lr'\]"),
    (grid_search, (lr_loss, [("lr", [1])]), {}, TypeError, "grid"),
    (grid_search, (lr_loss, {1: [1]}), {}, TypeError, "grid"),
    (grid_search, ("loss", {"lr": [1]}), {}, TypeError, "objective"),
    (grid_search, (lr_loss, {"lr": [1]}), {"executor": 2}, TypeError, "executor"),
    (grid_search, (lambda p: "bad", {"lr": [1]}), {}, TypeError, "objective"),
    (grid_search, (lambda p: None, {"lr": [1]}), {}, TypeError, "objective"),
    (random_search, (lr_loss, {}, 3), {}, ValueError, "space"),
    (random_search, (lr_loss, {"lr": 0.1}, 3), {}, TypeError, r"space\['lr'\].*callable"),
    (random_search, (lr_loss, {"lr": ()}, 3), {}, ValueError, r"space\['lr'\]"),
    (random_search, (lr_loss, {"lr": [1e-3]}, 0), {}, ValueError, "n_trials"),
    (random_search, (lr_loss, {"lr": [1e-3]}, 2.0), {}, TypeError, "n_trials"),
    (random_search, (None, {"lr": [1e-3]}, 2), {}, TypeError, "objective"),
    (random_search, (lr_loss, {"lr": [1e-3]}, 2), {"rng": 1.0}, TypeError, "rng"),
    (random_search, (lr_loss, {"lr": [1e-3]}, 2), {"executor": "pool"}, TypeError, "executor"),
    (coarse_to_fine, (lr_loss, {"lr": [1e-3]}), {"rounds": 0}, ValueError, "rounds"),
    (coarse_to_fine, (lr_loss, {"lr": [1e-3]}), {"n_trials": 0}, ValueError, "n_trials"),
    (coarse_to_fine, (lr_loss, {"lr": [1e-3]}), {"top": 0}, ValueError, "top"),
    (coarse_to_fine, (lr_loss, {"lr": [1e-3]}), {"top": True}, TypeError, "top"),
    (coarse_to_fine, (lr_loss, "lr"), {}, TypeError, "space"),
    (coarse_to_fine, (1, {"lr": [1e-3]}), {}, TypeError, "objective"),
    (narrow_space, ({"lr": LogUniform(1e-4, 1)}, []), {}, ValueError, "trials"),
    (narrow_space, ({"lr": LogUniform(1e-4, 1)}, [(1e-3, 0.1)]), {}, TypeError, r"trials\[0\]"),
    (narrow_space, ({"lr": LogUniform(1e-4, 1)}, TRIALS), {"top": 0}, ValueError, "top"),
    (narrow_space, ({"x": Uniform(0, 1)}, TRIALS), {}, ValueError, "trials must all have"),
    (narrow_space, ({}, TRIALS), {}, ValueError, "space"),
]


@pytest.mark.parametrize(("fn", "args", "kwargs", "exc", "match"), BAD)
def test_bad_input(
    fn: Any, args: Any, kwargs: Any, exc: type[Exception], match: str
) -> None:
    with pytest.raises(exc, match=match):
        fn(*args, **kwargs)
