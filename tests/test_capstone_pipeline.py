"""The capstone pipeline (docs/figures/_capstone_runs.py) on a small budget: every step runs,
in order, with the structure the page and the figures read, and any executor gives the same run."""

from __future__ import annotations

import functools
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from dlref import coarse_to_fine
from tests._libs import import_or_skip

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _capstone_runs as runs

pytestmark = pytest.mark.usefixtures("one_blas_thread")


@pytest.fixture(scope="module")
def small() -> dict:
    return runs.compute(runs.SMALL)


def test_the_split_and_the_training_statistics() -> None:
    d = runs.data()
    assert (len(d.y_train), len(d.y_dev), len(d.y_test)) == (1079, 359, 359)
    # standardised with the training rows' statistics only: the training means are 0, the dev
    # means are not, and refitting on the dev rows would give other numbers
    assert np.abs(d.X_train.mean(axis=0)).max() < 1e-5
    assert np.abs(d.X_dev.mean(axis=0)).max() > 0.05
    assert d.X_train.dtype == np.float32


def test_every_step_is_in_the_result(small: dict) -> None:
    b = runs.SMALL
    assert small["budget"] == b._asdict()
    assert small["sizes"] == [1079, 359, 359]
    assert {"initial_loss", "overfit_loss", "sweep"} <= small["sanity"].keys()
    assert [row[0] for row in small["sanity"]["sweep"]] == list(runs.SWEEP_LRS)
    assert all(len(row[2]) == b.sweep_epochs + 1 for row in small["sanity"]["sweep"])
    assert len(small["coarse"]) == len(small["fine"]) == b.trials
    assert set(small["seeds"]) == {"coarse_best", "fine_best", "no_batchnorm", "no_dropout"}
    assert all(len(v) == b.seeds for v in small["seeds"].values())
    assert all(len(v) == b.epochs for v in small["history"].values())
    assert small["test"]["m"] == 359
    # the best setting is the best trial of the two rounds, and the final run is its own run
    best = min(small["coarse"] + small["fine"], key=lambda t: t["score"])
    assert small["best"] == best["params"]
    assert 1 - small["history"]["dev_accuracy"][-1] == pytest.approx(best["score"], abs=1e-12)


def test_the_fine_round_lies_in_the_span_of_the_best_coarse_trials(small: dict) -> None:
    top = sorted(small["coarse"], key=lambda t: t["score"])[: runs.TOP]
    for key, (low, high) in small["fine_space"].items():
        values = [t["params"][key] for t in top]
        assert (low, high) == (min(values), max(values))
        assert all(low <= t["params"][key] <= high for t in small["fine"])


def test_the_two_rounds_are_coarse_to_fine() -> None:
    """search() is coarse_to_fine with two rounds, kept apart so the figure can mark them."""
    b = runs.SMALL
    ours = runs.search(b)
    theirs = coarse_to_fine(functools.partial(runs.dev_error, epochs=b.epochs), runs.SPACE,
                            rounds=2, n_trials=b.trials, top=runs.TOP, rng=0)
    ordered = sorted(ours["coarse"] + ours["fine"], key=lambda t: t["score"])
    assert [(t["params"], t["score"]) for t in ordered] == [(t.params, t.score) for t in theirs]


def test_the_test_se_is_the_binomial_formula(small: dict) -> None:
    t = small["test"]
    assert t["se"] == pytest.approx(np.sqrt(t["accuracy"] * (1 - t["accuracy"]) / t["m"]))


def test_a_thread_pool_gives_the_serial_trials() -> None:
    serial = runs.search(runs.SMALL)
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert runs.search(runs.SMALL, pool) == serial


def test_a_dask_local_cluster_gives_the_serial_trials() -> None:
    distributed = import_or_skip("distributed")
    serial = runs.search(runs.SMALL)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert runs.search(runs.SMALL, client.get_executor(pure=False)) == serial



def test_the_test_set_is_read_in_one_place() -> None:
    """The page's rule: the test rows are touched once, after every choice, in compute()."""
    import inspect

    source = inspect.getsource(runs)
    assert source.count("X_test") == 3  # the Data field, the transform in data(), compute()
    body = inspect.getsource(runs.compute)
    assert body.count("X_test") == 1
    assert body.index("X_test") > body.index('out["diagnosis"]')  # after the last choice
