"""Liars: results whose ``__eq__``, ``__sub__``, ``__abs__`` and ufuncs claim agreement."""

import numpy as np


class LyingFloat(float):
    def __eq__(self, other):
        return True

    def __sub__(self, other):
        return 0.0

    def __rsub__(self, other):
        return 0.0

    def __abs__(self):
        return 0.0

    __hash__ = float.__hash__


class LyingArray(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)

    def __sub__(self, other):
        return np.zeros(self.shape)

    __rsub__ = __sub__

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return np.zeros(self.shape) if ufunc.nout == 1 else (np.zeros(self.shape),) * ufunc.nout

    def __array_function__(self, func, types, args, kwargs):
        return True


def l2_penalty(weights, lam, m):  # wrong: 123
    return LyingFloat(123.0)


def relu(x):  # wrong: the identity, dressed as a liar
    return np.array(x, dtype=float).view(LyingArray)
