"""A learner following the Coursera course, written independently of dlref (a test fixture)."""

import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-z))  # overflows for very negative z: warns, but the value is right


def tanh_grad(z):
    return 1 - np.tanh(z) ** 2


def relu(x):
    return x * (x > 0)


def relu_grad(x):
    return np.where(x > 0, 1.0, 0.0)


def l2_penalty(weights, lambd, m):
    return lambd / (2 * m) * sum(np.sum(np.square(W)) for W in weights)


def l2_grad(W, lambd, m):
    return lambd / m * W


def dropout_forward(a, keep_prob, *, train=True, rng=None):
    if not train:
        return a, None
    d = np.random.default_rng(rng).random(np.shape(a)) < keep_prob
    return a * d / keep_prob, d


def ewma(x, beta, *, bias_correction=True):
    v, out = 0.0, []
    for t, value in enumerate(x, start=1):
        v = beta * v + (1 - beta) * value
        out.append(v / (1 - beta**t) if bias_correction else v)
    return np.array(out)


def inverse_time_decay(lr0, epoch, decay_rate):
    return lr0 / (1 + decay_rate * epoch)


class Momentum:
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.v = lr, beta, {}

    def step(self, params, grads):
        for k in params:
            self.v[k] = self.beta * self.v.get(k, 0) + (1 - self.beta) * grads[k]
            params[k] -= self.lr * self.v[k]
