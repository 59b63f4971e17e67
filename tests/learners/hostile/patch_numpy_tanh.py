"""Corrupter: inside the call, replace ``np.tanh`` with zeros, so that dlref's tanh (computed
after the call) agrees with this wrong one."""

import numpy as np


def tanh(x):  # wrong: zero everywhere
    np.tanh = lambda z, *args, **kwargs: np.zeros_like(np.asarray(z))
    return np.zeros_like(np.asarray(x))
