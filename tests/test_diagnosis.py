"""Tests for dlref.diagnosis: bias/variance diagnosis and the recommended remedies."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlref import BIAS_REMEDIES, VARIANCE_REMEDIES, Diagnosis, diagnose

FAST = settings(max_examples=50, deadline=None)


@pytest.mark.parametrize(
    ("train", "dev", "bias", "variance"),
    [
        (0.01, 0.11, False, True),  # the lecture's four cases (Bayes error about 0)
        (0.15, 0.16, True, False),
        (0.15, 0.30, True, True),
        (0.005, 0.01, False, False),
    ],
)
def test_lecture_cases(train: float, dev: float, bias: bool, variance: bool) -> None:
    d = diagnose(train, dev)
    assert isinstance(d, Diagnosis)
    assert (d.high_bias, d.high_variance) == (bias, variance)
    assert d.avoidable_bias == pytest.approx(train)
    assert d.variance == pytest.approx(dev - train)


def test_bayes_error_removes_the_bias() -> None:
    assert diagnose(0.15, 0.16).high_bias
    d = diagnose(0.15, 0.16, bayes_error=0.15)
    assert not d.high_bias and not d.high_variance and d.remedies == ()
    assert d.avoidable_bias == 0.0
    # 8 % train error: high bias against 0 %, not against 7.5 % (Machine Learning Yearning)
    assert diagnose(0.08, 0.10).high_bias
    assert not diagnose(0.08, 0.10, bayes_error=0.075).high_bias


@pytest.mark.parametrize(
    ("train", "dev", "remedies"),
    [
        (0.01, 0.11, ("more data", "regularization", "architecture search")),
        (0.15, 0.16, ("bigger network", "train longer", "architecture search")),
        (
            0.15,
            0.30,
            ("bigger network", "train longer", "more data", "regularization",
             "architecture search"),
        ),
        (0.005, 0.01, ()),
    ],
)  # fmt: skip
def test_remedies_are_ranked(train: float, dev: float, remedies: tuple[str, ...]) -> None:
    assert diagnose(train, dev).remedies == remedies


def test_remedy_lists() -> None:
    assert BIAS_REMEDIES == ("bigger network", "train longer", "architecture search")
    assert VARIANCE_REMEDIES == ("more data", "regularization", "architecture search")


def test_tolerance_is_exclusive_and_forgives_rounding() -> None:
    assert 0.05 - 0.03 > 0.02  # the rounding the comparison must forgive
    assert not diagnose(0.03, 0.05).high_variance
    assert diagnose(0.03, 0.0501).high_variance
    assert not diagnose(0.02, 0.02).high_bias
    assert diagnose(0.0201, 0.0201).high_bias
    assert diagnose(0.15, 0.16, tolerance=0.005).high_variance
    assert not diagnose(0.01, 0.11, tolerance=0.2).high_variance
    d = diagnose(0.0, 0.0, tolerance=0.0)
    assert not d.high_bias and not d.high_variance


def test_negative_variance_is_not_high() -> None:
    d = diagnose(0.10, 0.05)
    assert d.variance == pytest.approx(-0.05) and not d.high_variance


@FAST
@given(
    bayes=st.floats(0, 1),
    gap=st.floats(0, 1),
    dev=st.floats(0, 1),
    tol=st.floats(0, 1),
)
def test_invariants(bayes: float, gap: float, dev: float, tol: float) -> None:
    train = min(1.0, bayes + gap)
    d = diagnose(train, dev, bayes_error=bayes, tolerance=tol)
    assert d.avoidable_bias == max(train - bayes, 0.0) and d.variance == dev - train
    assert d.high_bias == (d.avoidable_bias > tol + 1e-12)
    assert d.high_variance == (d.variance > tol + 1e-12)
    assert (len(d.remedies) == 0) == (not d.high_bias and not d.high_variance)
    assert d.remedies.count("architecture search") == int(bool(d.remedies))
    assert all(isinstance(v, bool) for v in (d.high_bias, d.high_variance))


def test_numpy_scalars_are_accepted() -> None:
    d = diagnose(np.float64(0.01), np.float64(0.11), bayes_error=np.float64(0.0))
    assert d.high_variance and type(d.variance) is float


BAD: list[tuple[tuple[Any, ...], dict[str, Any], type[Exception], str]] = [
    ((-0.01, 0.1), {}, ValueError, "train_error"),
    ((1.01, 0.1), {}, ValueError, "train_error"),
    ((float("nan"), 0.1), {}, ValueError, "train_error"),
    (("0.1", 0.1), {}, TypeError, "train_error"),
    ((0.1, 1.5), {}, ValueError, "dev_error"),
    ((0.1, float("inf")), {}, ValueError, "dev_error"),
    ((0.1, None), {}, TypeError, "dev_error"),
    ((0.1, 0.1), {"bayes_error": -0.1}, ValueError, "bayes_error"),
    ((0.1, 0.1), {"bayes_error": True}, TypeError, "bayes_error"),
    ((0.1, 0.1), {"tolerance": -0.01}, ValueError, "tolerance"),
    ((0.1, 0.1), {"tolerance": 2.0}, ValueError, "tolerance"),
    ((0.1, 0.1), {"tolerance": [0.02]}, TypeError, "tolerance"),
]


@pytest.mark.parametrize(("args", "kwargs", "exc", "name"), BAD)
def test_bad_input(args: Any, kwargs: Any, exc: type[Exception], name: str) -> None:
    with pytest.raises(exc, match=name):
        diagnose(*args, **kwargs)


def test_training_error_below_bayes_error_means_no_avoidable_bias() -> None:
    # An overfitting net memorises label noise: 0 % training error, 5.7 % Bayes error.
    d = diagnose(0.0, 0.116, bayes_error=0.057)
    assert d.avoidable_bias == 0.0 and not d.high_bias and d.high_variance
