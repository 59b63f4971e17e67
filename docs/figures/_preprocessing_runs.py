"""Computations shared by the preprocessing figures and the page's prose tests (a helper)."""

from __future__ import annotations

import functools

import numpy as np

from dlref import PCAResult, load_digits, pca, whiten

#: A correlated 2-D Gaussian cloud, far from the origin, with unequal spreads.
CLOUD_MEAN = np.array([4.0, 6.0])
CLOUD_COV = np.array([[4.0, 2.4], [2.4, 2.0]])


@functools.cache
def cloud(m: int = 400) -> np.ndarray:
    return np.random.default_rng(0).multivariate_normal(CLOUD_MEAN, CLOUD_COV, size=m)


@functools.cache
def digits_pca() -> PCAResult:
    """PCA of the 1797 digit images (pixels 0–16), all 64 components."""
    return pca(load_digits().X)


def components_for(share: float) -> int:
    """The fewest components whose variance adds up to ``share`` of the total."""
    ev = digits_pca().explained_variance
    return int(np.searchsorted(np.cumsum(ev) / ev.sum(), share)) + 1


def reconstruct(k: int) -> np.ndarray:
    """Every digit rebuilt from its first ``k`` principal coordinates."""
    r = digits_pca()
    return r.projected[:, :k] @ r.components[:k] + r.mean


def zca(eps: float) -> np.ndarray:
    """ZCA whitening of the digits: PCA whitening rotated back into pixel space."""
    r = digits_pca()
    return whiten(load_digits().X, eps=eps) @ r.components
