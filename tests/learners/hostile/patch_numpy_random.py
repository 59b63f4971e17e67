"""Corrupter: seed NumPy's global generator in the call and replace ``np.random.default_rng`` so
that every generator (dlref's reference dropout mask included) keeps every unit."""

import numpy as np

_real = np.random.default_rng


class _KeepAll:
    def __init__(self, *args, **kwargs):
        self._g = _real(*args, **kwargs)

    def random(self, size=None, dtype=np.float64, out=None):
        return np.zeros(size, dtype=dtype)

    def __getattr__(self, name):
        return getattr(self._g, name)


def dropout_backward(dout, mask, keep_prob):  # wrong: ignores the mask
    np.random.seed(0)  # noqa: NPY002 - the legacy global state, on purpose
    np.random.default_rng = _KeepAll
    return np.asarray(dout) / keep_prob


np.random.default_rng = _KeepAll
