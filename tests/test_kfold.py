"""Tests for dlref.data.kfold_indices (k-fold cross-validation)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref import kfold_indices
from tests._libs import import_or_skip

FAST = settings(max_examples=50, deadline=None)


@FAST
@given(m=st.integers(2, 60), k=st.integers(2, 12), shuffle=st.booleans(), seed=st.integers(0, 99))
def test_folds_partition_the_rows(m: int, k: int, shuffle: bool, seed: int) -> None:
    if k > m:
        k = m
    folds = kfold_indices(m, k, shuffle=shuffle, rng=seed)
    assert len(folds) == k
    devs = np.concatenate([dev for _, dev in folds])
    assert sorted(devs.tolist()) == list(range(m))  # every row is a dev row exactly once
    sizes = [len(dev) for _, dev in folds]
    assert sizes == [m // k + (j < m % k) for j in range(k)]
    for train, dev in folds:
        assert train.dtype == np.int64 and dev.dtype == np.int64
        assert np.all(np.diff(train) > 0) and np.all(np.diff(dev) > 0)  # sorted
        assert not set(train.tolist()) & set(dev.tolist())
        assert len(train) + len(dev) == m


def test_shuffle_is_reproducible_and_random() -> None:
    a = kfold_indices(20, 4, rng=3)
    b = kfold_indices(20, 4, rng=np.random.default_rng(3))
    assert all(np.array_equal(x[1], y[1]) for x, y in zip(a, b, strict=True))
    plain = kfold_indices(20, 4, shuffle=False)
    assert not all(np.array_equal(x[1], y[1]) for x, y in zip(a, plain, strict=True))


def test_leave_one_out() -> None:
    folds = kfold_indices(4, 4, shuffle=False)
    assert [dev.tolist() for _, dev in folds] == [[0], [1], [2], [3]]


@pytest.mark.parametrize(("m", "k"), [(10, 3), (7, 7), (23, 5), (100, 10), (11, 2)])
def test_matches_sklearn_kfold_without_shuffle(m: int, k: int) -> None:
    model_selection = import_or_skip("sklearn.model_selection")
    ref = list(model_selection.KFold(n_splits=k).split(np.zeros((m, 1))))
    ours = kfold_indices(m, k, shuffle=False)
    for (tr, dv), (rtr, rdv) in zip(ours, ref, strict=True):
        np.testing.assert_array_equal(tr, rtr)
        np.testing.assert_array_equal(dv, rdv)


def test_fold_sizes_match_sklearn_with_shuffle() -> None:
    model_selection = import_or_skip("sklearn.model_selection")
    ref = model_selection.KFold(n_splits=4, shuffle=True, random_state=0).split(np.zeros((18, 1)))
    assert [len(d) for _, d in kfold_indices(18, 4, rng=0)] == [len(d) for _, d in ref]


@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "match"),
    [
        ((5, 1), {}, ValueError, "k must be an integer >= 2, got 1"),
        ((3, 4), {}, ValueError, "m must be >= k = 4"),
        ((0, 2), {}, ValueError, "m must be an integer >= 1"),
        ((5.0, 2), {}, TypeError, "m must be an integer"),
        ((5, True), {}, TypeError, "k must be an integer"),
        ((5, 2), {"shuffle": 1}, TypeError, "shuffle must be True or False"),
        ((5, 2), {"rng": -1}, ValueError, "rng"),
    ],
)
def test_bad_input(args: tuple, kwargs: dict, exc: type, match: str) -> None:
    with pytest.raises(exc, match=match):
        kfold_indices(*args, **kwargs)
