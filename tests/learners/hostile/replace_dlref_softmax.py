"""Corrupter: at import, give dlref's own softmax the body of this wrong one (the naive form
that overflows on large logits), so the reference overflows the same way."""

import numpy as np

import dlref
import dlref.losses


def softmax(z, axis=-1):  # wrong: no subtraction of the row maximum
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


dlref.losses.softmax.__code__ = softmax.__code__
dlref.softmax = softmax
dlref.losses.softmax = softmax
