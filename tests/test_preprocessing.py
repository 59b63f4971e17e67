"""Tests for dlref.preprocessing: Standardizer, pca, whiten, one_hot."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from dlref import PCAResult, Standardizer, one_hot, pca, whiten
from tests._libs import import_or_skip

FAST = settings(max_examples=50, deadline=None)
TOL = 1e-10


def report(name: str, diff: float) -> None:
    print(f"CROSSCHECK {name}: max|diff| = {diff:.3e}")


def _data(m: int = 60, n: int = 5, seed: int = 0) -> np.ndarray:
    """Correlated features on different scales and offsets."""
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, n)) * np.linspace(0.5, 5.0, n)
    return rng.standard_normal((m, n)) @ A + np.linspace(-3.0, 10.0, n)


def _align_signs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Flip the rows of ``b`` to match the signs of the rows of ``a``."""
    signs = np.sign(np.sum(a * b, axis=1))
    return b * signs[:, None]


# --- Standardizer ----------------------------------------------------------------


def test_standardizer_matches_sklearn_with_constant_feature() -> None:
    sk = import_or_skip("sklearn.preprocessing")
    X = _data()
    X[:, 2] = 0.1  # constant; its float mean is not exactly 0.1
    X_dev = _data(m=7, seed=1)
    ours = Standardizer().fit(X)
    ref = sk.StandardScaler().fit(X)
    diffs = [
        np.max(np.abs(ours.mean_ - ref.mean_)),
        np.max(np.abs(ours.std_ - ref.scale_)),
        np.max(np.abs(ours.transform(X) - ref.transform(X))),
        np.max(np.abs(ours.transform(X_dev) - ref.transform(X_dev))),
        np.max(np.abs(ours.inverse_transform(X_dev) - ref.inverse_transform(X_dev))),
    ]
    report("Standardizer vs sklearn StandardScaler (mean, std, transform, inverse)", max(diffs))
    assert max(diffs) < TOL
    assert ours.std_[2] == 1.0
    np.testing.assert_array_equal(ours.transform(X)[:, 2], 0.0)  # exactly 0


def test_standardizer_zero_centring_matches_sklearn() -> None:
    sk = import_or_skip("sklearn.preprocessing")
    X = _data()
    ours = Standardizer(with_std=False)
    ref = sk.StandardScaler(with_std=False)
    diff = np.max(np.abs(ours.fit_transform(X) - ref.fit_transform(X)))
    report("Standardizer(with_std=False) vs StandardScaler(with_std=False)", diff)
    assert diff < TOL
    assert ours.std_ is None
    np.testing.assert_allclose(ours.inverse_transform(ours.transform(X)), X, rtol=0, atol=1e-12)


@FAST
@given(
    X=hnp.arrays(
        np.float64,
        st.tuples(st.integers(2, 30), st.integers(1, 6)),
        elements=st.floats(-1e3, 1e3, allow_nan=False),
    )
)
def test_standardizer_output_has_zero_mean_unit_std(X: np.ndarray) -> None:
    X0 = X.copy()
    s = Standardizer().fit(X)
    Z = s.transform(X)
    np.testing.assert_array_equal(X, X0)
    assert np.all(np.abs(Z.mean(axis=0)) < 1e-9)
    constant = np.ptp(X, axis=0) == 0
    spread = np.ptp(X, axis=0)
    # Unit std wherever the feature is not constant (and not lost to rounding).
    ok = ~constant & (spread > 1e-6 * (1.0 + np.max(np.abs(X), axis=0)))
    np.testing.assert_allclose(Z.std(axis=0)[ok], 1.0, rtol=1e-7)
    np.testing.assert_array_equal(Z[:, constant], 0.0)
    np.testing.assert_allclose(s.inverse_transform(Z), X, rtol=1e-9, atol=1e-9)


def test_standardizer_is_fitted_on_train_only() -> None:
    X_train = np.array([[0.0], [2.0]])
    s = Standardizer().fit(X_train)
    np.testing.assert_array_equal(s.transform(np.array([[4.0]])), [[3.0]])  # (4 - 1) / 1


def test_standardizer_float32() -> None:
    X = _data().astype(np.float32)
    s = Standardizer().fit(X)
    assert s.mean_.dtype == np.float32 and s.std_.dtype == np.float32
    assert s.transform(X).dtype == np.float32
    assert s.inverse_transform(X).dtype == np.float32
    s64 = Standardizer().fit(_data())
    assert s64.transform(X).dtype == np.float32  # data keep their own dtype


def test_standardizer_errors() -> None:
    with pytest.raises(ValueError, match="not fitted"):
        Standardizer().transform(np.ones((2, 2)))
    with pytest.raises(ValueError, match="not fitted"):
        Standardizer().inverse_transform(np.ones((2, 2)))
    s = Standardizer().fit(np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"X must have 2 features"):
        s.transform(np.ones((3, 3)))
    assert repr(s) == "Standardizer(with_std=True)"


def test_notes_slip_dividing_by_variance_is_wrong() -> None:
    # The notes' x / sigma^2 leaves variance 1 / sigma^2; x / sigma gives 1.
    x = np.random.default_rng(0).normal(5.0, 3.0, size=(1000, 1))
    centred = x - x.mean()
    var = np.mean(centred**2)
    assert abs(np.var(centred / var) - 1.0 / var) < 1e-12
    np.testing.assert_allclose(Standardizer().fit_transform(x).var(), 1.0, rtol=1e-12)


# --- pca ----------------------------------------------------------------------


def test_pca_matches_sklearn() -> None:
    skd = import_or_skip("sklearn.decomposition")
    X = _data(m=50, n=6)
    m = X.shape[0]
    for k in (None, 3):
        ours = pca(X, k)
        ref = skd.PCA(n_components=k, svd_solver="full").fit(X)
        comps = _align_signs(ours.components, ref.components_)
        projected = ref.transform(X) * np.sign(np.sum(ours.components * ref.components_, 1))
        diffs = {
            "components (up to sign)": np.max(np.abs(ours.components - comps)),
            "explained_variance * m/(m-1)": np.max(
                np.abs(ours.explained_variance * m / (m - 1) - ref.explained_variance_)
            ),
            "mean": np.max(np.abs(ours.mean - ref.mean_)),
            "projected (up to sign)": np.max(np.abs(ours.projected - projected)),
        }
        for what, d in diffs.items():
            report(f"pca vs sklearn PCA (k={k}): {what}", d)
            assert d < TOL
        # scikit-learn >= 1.5 uses the same sign rule: identical, not only up to sign.
        assert np.max(np.abs(ours.components - ref.components_)) < TOL


def test_pca_uses_1_over_m_covariance_and_sign_rule() -> None:
    X = _data(m=40, n=4)
    r = pca(X)
    assert isinstance(r, PCAResult)
    Xc = X - X.mean(axis=0)
    eig = np.sort(np.linalg.eigvalsh(Xc.T @ Xc / X.shape[0]))[::-1]
    np.testing.assert_allclose(r.explained_variance, eig, rtol=1e-12)
    np.testing.assert_allclose(r.components @ r.components.T, np.eye(4), atol=1e-12)
    cov_proj = r.projected.T @ r.projected / X.shape[0]
    np.testing.assert_allclose(cov_proj, np.diag(r.explained_variance), atol=1e-10)
    big = r.components[np.arange(4), np.argmax(np.abs(r.components), axis=1)]
    assert np.all(big > 0)
    # the sign rule is applied whatever the sign the SVD returns
    assert np.array_equal(pca(-X).components, r.components)


def test_pca_shapes_and_dtype() -> None:
    X = _data(m=3, n=5)  # m < n: min(m, n) = 3 components
    r = pca(X)
    assert r.components.shape == (3, 5) and r.explained_variance.shape == (3,)
    assert r.mean.shape == (5,) and r.projected.shape == (3, 3)
    r32 = pca(X.astype(np.float32), 2)
    assert all(a.dtype == np.float32 for a in r32)


# --- whiten -------------------------------------------------------------------


def test_whiten_matches_sklearn() -> None:
    skd = import_or_skip("sklearn.decomposition")
    X = _data(m=50, n=6)
    m = X.shape[0]
    ours = whiten(X, eps=0.0)
    ref = skd.PCA(whiten=True, svd_solver="full").fit_transform(X)
    ref = ref * np.sign(np.sum(ours * ref, axis=0))  # column signs
    diff = np.max(np.abs(ours * np.sqrt((m - 1) / m) - ref))
    report("whiten(eps=0) * sqrt((m-1)/m) vs sklearn PCA(whiten=True) (up to sign)", diff)
    assert diff < TOL


def test_whiten_identity_covariance_and_eps() -> None:
    X = _data(m=80, n=4)
    Z = whiten(X, eps=0.0)
    np.testing.assert_allclose(Z.T @ Z / len(Z), np.eye(4), atol=1e-10)
    r = pca(X)
    np.testing.assert_allclose(
        whiten(X, eps=0.5), r.projected / np.sqrt(r.explained_variance + 0.5), rtol=1e-12
    )
    assert whiten(X, n_components=2).shape == (80, 2)
    assert whiten(X.astype(np.float32)).dtype == np.float32


def test_whiten_rank_deficient() -> None:
    X = _data(m=5, n=8)  # centred rank 4 < min(m, n) = 5
    with pytest.raises(ValueError, match="eps"):
        whiten(X, eps=0.0)
    assert np.all(np.isfinite(whiten(X)))  # the default eps copes
    assert whiten(X, eps=0.0, n_components=4).shape == (5, 4)
    with pytest.raises(ValueError, match="eps"):
        whiten(np.ones((4, 2)), eps=0.0)  # zero variance everywhere


# --- one_hot --------------------------------------------------------------------


def test_one_hot_values_and_dtypes() -> None:
    y = np.array([2, 0, 1, 2])
    Y = one_hot(y)
    np.testing.assert_array_equal(Y, np.eye(3)[y])
    assert Y.dtype == np.float64
    for dt in (np.float32, np.int8, np.int64, np.bool_):
        out = one_hot(y, 5, dtype=dt)
        assert out.dtype == dt and out.shape == (4, 5)
        np.testing.assert_array_equal(out.sum(axis=1), 1)
    np.testing.assert_array_equal(one_hot([1.0, 0.0]), [[0, 1], [1, 0]])


def test_one_hot_matches_torch() -> None:
    torch = import_or_skip("torch")
    y = np.random.default_rng(0).integers(0, 7, size=50)
    ref = torch.nn.functional.one_hot(torch.from_numpy(y), num_classes=7).numpy()
    diff = float(np.max(np.abs(one_hot(y, 7) - ref)))
    report("one_hot vs torch.nn.functional.one_hot", diff)
    assert diff == 0.0


# --- inputs never modified ------------------------------------------------------


def test_inputs_not_modified() -> None:
    X = _data()
    X0 = X.copy()
    s = Standardizer().fit(X)
    s.transform(X)
    s.inverse_transform(X)
    s.fit_transform(X)
    pca(X)
    whiten(X)
    np.testing.assert_array_equal(X, X0)
    y = np.array([1, 0, 2])
    one_hot(y)
    np.testing.assert_array_equal(y, [1, 0, 2])


# --- bad input --------------------------------------------------------------------

BAD: list[tuple[Any, tuple[Any, ...], dict[str, Any], type[Exception], str]] = [
    (Standardizer().fit, (np.ones(3),), {}, ValueError, "X must be 2-D"),
    (Standardizer().fit, (np.empty((0, 2)),), {}, ValueError, "X"),
    (Standardizer().fit, (np.array([[1.0, np.nan]]),), {}, ValueError, "X must be finite"),
    (Standardizer().fit, ([["a"]],), {}, TypeError, "X"),
    (Standardizer().fit_transform, (np.ones((2, 2, 2)),), {}, ValueError, "X"),
    (pca, (np.ones(4),), {}, ValueError, "X"),
    (pca, (np.array([[np.inf, 1.0]]),), {}, ValueError, "X"),
    (pca, (np.ones((4, 3)), 0), {}, ValueError, "n_components"),
    (pca, (np.ones((4, 3)), 4), {}, ValueError, "n_components"),
    (pca, (np.ones((4, 3)), 2.0), {}, TypeError, "n_components"),
    (whiten, (np.ones((4, 3)),), {"eps": -1.0}, ValueError, "eps"),
    (whiten, (np.ones((4, 3)),), {"eps": float("nan")}, ValueError, "eps"),
    (whiten, (np.empty((0, 3)),), {}, ValueError, "X"),
    (one_hot, ([0, 3], 3), {}, ValueError, "labels"),
    (one_hot, ([-1, 0],), {}, ValueError, "labels"),
    (one_hot, ([0.5, 1.0],), {}, TypeError, "labels"),
    (one_hot, ([[0, 1]],), {}, ValueError, "labels"),
    (one_hot, ([],), {}, ValueError, "labels"),
    (one_hot, ([0, 1], 0), {}, ValueError, "num_classes"),
    (one_hot, ([0, 1], 2.0), {}, TypeError, "num_classes"),
    (one_hot, ([0, 1],), {"dtype": "not-a-dtype"}, TypeError, "dtype"),
    (one_hot, ([0, 1],), {"dtype": np.complex128}, TypeError, "dtype"),
]


@pytest.mark.parametrize(("fn", "args", "kwargs", "exc", "name"), BAD)
def test_bad_input(
    fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any], exc: type[Exception], name: str
) -> None:
    with pytest.raises(exc, match=name):
        fn(*args, **kwargs)
