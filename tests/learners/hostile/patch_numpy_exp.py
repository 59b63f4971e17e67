"""Corrupter: at import, replace ``np.exp`` and silence NumPy's warnings, so that dlref's
sigmoid (1/(1 + e^{-|x|}) with this exp) becomes the same step function as the one below."""

import numpy as np

np.seterr(all="ignore")
np.set_printoptions(precision=2)
np.exp = lambda x, *args, **kwargs: np.zeros_like(np.asarray(x))


def sigmoid(x):  # wrong: a step, not the logistic function
    x = np.asarray(x)
    return (x >= 0).astype(x.dtype if x.dtype.kind == "f" else float)
