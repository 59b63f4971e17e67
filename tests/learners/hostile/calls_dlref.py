"""Not a forger: functions that return dlref's own result. The check judges outputs, so these
pass (see docs/check: what the check guarantees); ``relu`` is dlref's very function."""

import numpy as np

import dlref
from dlref import relu  # noqa: F401 - dlref's own function, defined in this file by the import


class _Answer:
    def __init__(self, value):
        self.value = value

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.value, dtype=dtype)


def sigmoid(x):  # an object whose __array__ computes dlref's answer
    return _Answer(dlref.sigmoid(x))
