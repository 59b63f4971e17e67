"""A learner's own layers, written from scratch, to be checked with `dlref check`."""

import numpy as np


def relu(x):
    return np.maximum(x, 0)


def relu_grad(x):
    return (x >= 0).astype(x.dtype)


def softmax_cross_entropy(logits, labels):
    m = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    if labels.ndim == 1:  # integer labels -> one-hot
        labels = np.eye(logits.shape[1])[labels]
    loss = -(labels * log_probs).sum() / m
    dlogits = np.exp(log_probs) - labels
    return loss, dlogits


def dropout_forward(x, keep_prob, *, rng=None, train=True):
    if not train:
        return x, None
    mask = (np.random.default_rng(rng).random(x.shape) < keep_prob) / keep_prob
    return x * mask, mask


def dropout_backward(dout, mask, keep_prob):
    return dout * mask  # the mask already holds the 1/keep_prob


class Momentum:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.v = lr, beta, {}

    def step(self, params, grads):
        for key in params:
            self.v[key] = self.beta * self.v.get(key, 0.0) + grads[key]
            params[key] -= self.lr * self.v[key]
