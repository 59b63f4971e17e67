r"""Input preprocessing: standardisation, PCA, whitening and one-hot labels.

Statistics are fitted on the training set only and reused, unchanged, on the
dev and test sets (and at prediction time): fitting them on all the data leaks
information from the evaluation sets into training. Examples are in rows,
``X`` of shape ``(m, n)``; a float32 input gives a float32 output.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from dlref._checks import (
    as_dtype,
    as_float_array,
    as_label_array,
    check_axis_size,
    check_flag,
    check_in_range,
    check_int,
)

__all__ = ["PCAResult", "Standardizer", "one_hot", "pca", "whiten"]


class Standardizer:
    r"""Zero-centre each feature and scale it to unit variance.

    ``fit`` learns the per-feature mean $\mu_j$ and standard deviation
    $\sigma_j$ on the training set; ``transform`` applies them to any set.
    Features on one scale make the cost surface rounder, so gradient descent
    can use a larger learning rate and converge in fewer steps.

    $$
    \mu_j = \frac{1}{m}\sum_{i=1}^{m} x^{(i)}_j, \qquad
    \sigma_j^2 = \frac{1}{m}\sum_{i=1}^{m} \bigl(x^{(i)}_j - \mu_j\bigr)^2, \qquad
    z^{(i)}_j = \frac{x^{(i)}_j - \mu_j}{\sigma_j}
    $$

    Parameters
    ----------
    with_std : bool, default True
        Divide by $\sigma_j$. ``False`` only subtracts the mean (zero-centring,
        the usual choice for images).

    Attributes
    ----------
    mean_ : ndarray, shape (n,), or None
        $\mu$, in the dtype of the data given to ``fit``; ``None`` before ``fit``.
    std_ : ndarray, shape (n,), or None
        $\sigma$ (population, $1/m$), with 1 for a constant feature; ``None``
        before ``fit`` and when ``with_std=False``.
    n_features_in_ : int or None
        $n$, the number of features seen by ``fit``.

    Raises
    ------
    ValueError
        ``transform`` or ``inverse_transform`` before ``fit``; a feature
        count that differs from ``fit``; an empty, non-2-D or non-finite ``X``.
    TypeError
        ``X`` is not an array of real numbers (or is float16); ``with_std`` is
        not a bool.

    Notes
    -----
    The variance is the population variance ($1/m$, ``ddof=0``), as in
    scikit-learn's ``StandardScaler``. A feature whose values are all equal
    has $\sigma_j = 0$; it is left unscaled ($\sigma_j$ stored as 1, as
    scikit-learn does) and its mean is taken as that value, so it maps to
    exactly 0. A $\sigma_j$ that underflows to 0 (values around $10^{-160}$)
    is also stored as 1. scikit-learn calls a feature constant when its
    variance is within rounding error of 0, a slightly wider rule. Data are
    transformed in their own dtype: float32 data give float32 output even if
    ``fit`` saw float64.

    The Coursera notes write the variance step as
    $\sigma^2 = \frac{1}{m}\sum_i (x^{(i)})^2$ followed by $x := x / \sigma^2$.
    Two slips: one divides by $\sigma$, not by $\sigma^2$ (dividing by the
    variance leaves a feature with variance $1/\sigma^2$, not 1), and
    $\frac{1}{m}\sum_i (x^{(i)})^2$ is the variance only because that line
    comes after subtracting the mean; in general
    $\sigma^2 = \frac{1}{m}\sum_i (x^{(i)} - \mu)^2$.

    References
    ----------
    Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller, "Efficient BackProp", in
    *Neural Networks: Tricks of the Trade*, Springer, 1998 (section 4.3,
    "Normalizing the inputs"). http://yann.lecun.com/exdb/publis/pdf/lecun-98b.pdf

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import Standardizer
    >>> X_train = np.array([[1.0, 10.0], [2.0, 10.0], [3.0, 10.0], [6.0, 10.0]])
    >>> s = Standardizer().fit(X_train)
    >>> print(s.mean_, np.round(s.std_, 4))   # population std; constant -> 1
    [ 3. 10.] [1.8708 1.    ]
    >>> print(np.round(s.transform(np.array([[4.0, 10.0]])), 4))
    [[0.5345 0.    ]]
    >>> print(s.inverse_transform(s.transform(X_train))[:, 0])
    [1. 2. 3. 6.]
    """

    def __init__(self, with_std: bool = True) -> None:
        self.with_std = check_flag(with_std, "with_std")
        self.mean_: np.ndarray | None = None
        self.std_: np.ndarray | None = None
        self.n_features_in_: int | None = None

    def fit(self, X: Any) -> Standardizer:
        r"""Learn $\mu$ and $\sigma$ from ``X`` of shape ``(m, n)``; returns ``self``."""
        arr = as_float_array(X, "X", ndim=2)
        constant = np.ptp(arr, axis=0) == 0
        mean = arr.mean(axis=0)
        mean[constant] = arr[0, constant]
        self.mean_ = mean
        if self.with_std:
            std = arr.std(axis=0)
            std[constant | (std == 0)] = 1.0  # also a variance that underflows to 0
            self.std_ = std
        else:
            self.std_ = None
        self.n_features_in_ = arr.shape[1]
        return self

    def _check(self, X: Any, method: str, name: str = "X") -> np.ndarray:
        if self.mean_ is None or self.n_features_in_ is None:
            raise ValueError(
                f"this Standardizer is not fitted yet: call fit(X_train) before {method}"
            )
        arr = as_float_array(X, name, ndim=2)
        check_axis_size(arr, name, 1, self.n_features_in_, what="features (columns), as in fit")
        return arr

    def transform(self, X: Any) -> np.ndarray:
        r"""Return $(X - \mu) / \sigma$ (or $X - \mu$), a new array in ``X``'s dtype."""
        arr = self._check(X, "transform")
        assert self.mean_ is not None
        out = arr - self.mean_.astype(arr.dtype, copy=False)
        if self.std_ is not None:
            out /= self.std_.astype(arr.dtype, copy=False)
        return out

    def fit_transform(self, X: Any) -> np.ndarray:
        """``fit(X)`` then ``transform(X)``."""
        return self.fit(X).transform(X)

    def inverse_transform(self, Z: Any) -> np.ndarray:
        r"""Undo ``transform``: return $Z \sigma + \mu$, a new array in ``Z``'s dtype."""
        arr = self._check(Z, "inverse_transform", "Z")
        assert self.mean_ is not None
        out = arr.copy()
        if self.std_ is not None:
            out *= self.std_.astype(arr.dtype, copy=False)
        out += self.mean_.astype(arr.dtype, copy=False)
        return out

    def __repr__(self) -> str:
        return f"Standardizer(with_std={self.with_std})"


class PCAResult(NamedTuple):
    """The result of [`pca`][dlref.preprocessing.pca]."""

    components: np.ndarray
    explained_variance: np.ndarray
    mean: np.ndarray
    projected: np.ndarray


def pca(X: Any, n_components: int | None = None) -> PCAResult:
    r"""Principal component analysis through the SVD of the centred data.

    PCA finds the orthonormal directions along which the centred data vary
    most: the eigenvectors of the covariance matrix, ordered by eigenvalue.
    Projecting on the first $k$ of them decorrelates the features and, with
    $k < n$, reduces the dimension while keeping as much variance as possible.

    $$
    \bar X = X - \mathbf 1 \mu^\top, \qquad
    C = \frac{1}{m} \bar X^\top \bar X = V \Lambda V^\top, \qquad
    X_\text{proj} = \bar X V_{:, 1:k}
    $$

    computed as $\bar X = U S V^\top$ (thin SVD), $\lambda_j = s_j^2 / m$.

    Parameters
    ----------
    X : array_like, shape (m, n)
        Data, real and finite, not empty.
    n_components : int or None, default None
        $k$, in $[1, \min(m, n)]$; ``None`` keeps $\min(m, n)$.

    Returns
    -------
    PCAResult
        Named tuple of

        - ``components`` : ndarray, shape (k, n) — the principal directions
          $v_j^\top$ as rows, orthonormal, by decreasing variance;
        - ``explained_variance`` : ndarray, shape (k,) — the eigenvalues
          $\lambda_j$ of $C$ (variance of each projected coordinate, $1/m$);
        - ``mean`` : ndarray, shape (n,) — $\mu$;
        - ``projected`` : ndarray, shape (m, k) — $\bar X V_{:,1:k}$.

    Raises
    ------
    ValueError
        If ``X`` is empty, not 2-D or not finite, or ``n_components`` is out
        of range.
    TypeError
        If ``n_components`` is not an integer.

    Notes
    -----
    The covariance uses $1/m$, as in the CS231n notes
    (``cov = X.T @ X / X.shape[0]``). scikit-learn's ``PCA`` reports
    ``explained_variance_`` with $1/(m-1)$, so
    ``sklearn.explained_variance_ = explained_variance * m / (m - 1)``; the
    components are the same.

    Each eigenvector is defined only up to sign. Here the sign is fixed so
    that the entry of largest absolute value in each row of ``components``
    is positive (the first such entry on an exact tie), which is also the
    convention of scikit-learn >= 1.5 (``svd_flip(..., u_based_decision=False)``).
    Directions with equal eigenvalues are not unique.

    References
    ----------
    K. Pearson, "On lines and planes of closest fit to systems of points in
    space", *Philosophical Magazine*, 2(11), 559-572, 1901.
    https://doi.org/10.1080/14786440109462720 ;
    CS231n, "Data Preprocessing", https://cs231n.github.io/neural-networks-2/

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import pca
    >>> X = np.array([[2.0, 0.0], [0.0, 1.0], [-2.0, 0.0], [0.0, -1.0]])
    >>> r = pca(X)
    >>> print(r.components)            # x-axis first: it has the larger spread
    [[1. 0.]
     [0. 1.]]
    >>> print(r.explained_variance)    # 8/4 and 2/4 (1/m, not 1/(m-1))
    [2.  0.5]
    >>> print(r.projected[:, 0])
    [ 2.  0. -2.  0.]
    """
    arr = as_float_array(X, "X", ndim=2)
    m, n = arr.shape
    k = min(m, n)
    if n_components is not None:
        k = int(check_in_range(check_int(n_components, "n_components", 1), "n_components", 1, k))
    mean = arr.mean(axis=0)
    centred = arr - mean
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    vt = vt[:k]
    biggest = np.argmax(np.abs(vt), axis=1)
    signs = np.sign(vt[np.arange(k), biggest])
    signs[signs == 0] = 1
    components = vt * signs[:, None]
    explained = s[:k] ** 2 / m
    return PCAResult(components, explained, mean, centred @ components.T)


def whiten(X: Any, *, eps: float = 1e-5, n_components: int | None = None) -> np.ndarray:
    r"""PCA whitening: decorrelate the features and scale each to unit variance.

    The data are projected on the principal directions (see
    [`pca`][dlref.preprocessing.pca]) and each coordinate is divided by the
    square root of its variance, so the covariance of the result is (close to)
    the identity. $\epsilon$ keeps directions of almost zero variance from
    being blown up into noise.

    $$
    X_\text{white} = X_\text{proj}\, \operatorname{diag}\!\Bigl(
    \frac{1}{\sqrt{\lambda_1 + \epsilon}}, \dots, \frac{1}{\sqrt{\lambda_k + \epsilon}}\Bigr)
    $$

    Parameters
    ----------
    X : array_like, shape (m, n)
        Data, real and finite, not empty.
    eps : float, default 1e-5
        $\epsilon \ge 0$, added to each eigenvalue inside the square root.
    n_components : int or None, default None
        $k$ in $[1, \min(m, n)]$; ``None`` keeps $\min(m, n)$.

    Returns
    -------
    ndarray, shape (m, k)
        The whitened data; with $\epsilon = 0$ its covariance
        $\frac{1}{m} X_\text{white}^\top X_\text{white}$ is the identity.

    Raises
    ------
    ValueError
        If ``X`` is empty, not 2-D or not finite, ``eps`` is negative or not
        finite, ``n_components`` is out of range, or ``eps == 0`` while a
        kept eigenvalue is numerically 0 (rank-deficient data, judged with the
        tolerance of ``numpy.linalg.matrix_rank``: pass ``eps > 0`` or fewer
        components).

    Notes
    -----
    The variances are $\lambda_j$ with $1/m$. scikit-learn's
    ``PCA(whiten=True)`` divides by the $1/(m-1)$ variances, so its output is
    this one (with ``eps=0``) times $\sqrt{(m-1)/m}$, up to the sign of each
    column. CS231n writes ``Xrot / np.sqrt(S + 1e-5)`` with the same $1/m$
    covariance. The CS231n lecture notes that for images only zero-centring is
    common; PCA and whitening are rarely used with convolutional networks.

    References
    ----------
    CS231n, "Data Preprocessing", https://cs231n.github.io/neural-networks-2/ ;
    A. Kessy, A. Lewin, K. Strimmer, "Optimal whitening and decorrelation",
    *The American Statistician*, 72(4), 2018. https://arxiv.org/abs/1512.00809

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import whiten
    >>> X = np.array([[2.0, 0.0], [0.0, 1.0], [-2.0, 0.0], [0.0, -1.0]])
    >>> Z = whiten(X, eps=0.0)
    >>> print(Z)                       # divided by sqrt(2) and sqrt(0.5)
    [[ 1.41421356  0.        ]
     [ 0.          1.41421356]
     [-1.41421356  0.        ]
     [ 0.         -1.41421356]]
    >>> print(Z.T @ Z / len(Z))        # identity covariance
    [[1. 0.]
     [0. 1.]]
    """
    epsilon = check_in_range(eps, "eps", 0.0, None)
    result = pca(X, n_components)
    lam = result.explained_variance
    if epsilon == 0.0:
        # The rank tolerance of numpy.linalg.matrix_rank, on sqrt(lambda) ~ singular values.
        root = np.sqrt(lam)
        m, n = result.projected.shape[0], result.mean.shape[0]
        tol = root.max() * max(m, n) * np.finfo(lam.dtype).eps
        if np.any(root <= tol):
            raise ValueError(
                "eps must be > 0 when a kept direction has (numerically) zero variance "
                f"(rank-deficient X), got eps={eps!r}; or pass a smaller n_components"
            )
    return result.projected / np.sqrt(lam + epsilon)


def one_hot(labels: Any, num_classes: int | None = None, *, dtype: Any = np.float64) -> np.ndarray:
    r"""Encode integer class labels as one-hot rows.

    A categorical value has no order, so it is not fed to a network as a
    number: label $c$ becomes the vector $e_c$ with a 1 in position $c$ and
    0 elsewhere. The rows are the targets of a softmax output layer.

    $$
    Y_{ic} = \mathbb 1\bigl[y^{(i)} = c\bigr], \qquad
    i = 1, \dots, m, \quad c = 0, \dots, C - 1
    $$

    Parameters
    ----------
    labels : array_like of int, shape (m,)
        Class indices in $[0, C)$; integer-valued floats are accepted.
    num_classes : int or None, default None
        $C \ge 1$; ``None`` uses ``labels.max() + 1``.
    dtype : dtype, default numpy.float64
        Dtype of the result (float, int or bool).

    Returns
    -------
    ndarray, shape (m, C)
        Each row holds a single 1.

    Raises
    ------
    ValueError
        If ``labels`` is empty, not 1-D, or holds a label outside
        $[0, C)$, or ``num_classes < 1``.
    TypeError
        If ``labels`` is not integer-valued, ``num_classes`` is not an
        integer or ``dtype`` is not a numeric dtype.

    Notes
    -----
    Classes are numbered from 0 (Python indexing), as in
    ``torch.nn.functional.one_hot``, which returns int64 by default; here the
    default is float64 so the result can be used as a target directly.
    Keras's ``to_categorical`` behaves like this function.

    Examples
    --------
    >>> import numpy as np
    >>> from dlref import one_hot
    >>> print(one_hot([2, 0, 1], 4))
    [[0. 0. 1. 0.]
     [1. 0. 0. 0.]
     [0. 1. 0. 0.]]
    >>> print(one_hot(np.array([1, 1]), dtype=np.int8))   # C = max + 1 = 2
    [[0 1]
     [0 1]]
    """
    dt = as_dtype(dtype, "dtype")
    C = None if num_classes is None else check_int(num_classes, "num_classes", 1)
    y = as_label_array(
        labels, "labels", num_classes=C, allow_float=True, classes_from="num_classes"
    )
    if C is None:
        C = int(y.max()) + 1
    out = np.zeros((y.shape[0], C), dtype=dt)
    out[np.arange(y.shape[0]), y] = 1
    return out
