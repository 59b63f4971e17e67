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


class AdamW:  # right: torch.optim.AdamW's algorithm, decay lr * weight_decay before the step
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.eps, self.weight_decay = eps, weight_decay
        self.v, self.s, self.t = {}, {}, {}

    def step(self, params, grads):
        for k in params:
            self.t[k] = self.t.get(k, 0) + 1
            params[k] -= self.lr * self.weight_decay * params[k]
            self.v[k] = self.beta1 * self.v.get(k, 0) + (1 - self.beta1) * grads[k]
            self.s[k] = self.beta2 * self.s.get(k, 0) + (1 - self.beta2) * grads[k] ** 2
            v_corr = self.v[k] / (1 - self.beta1 ** self.t[k])
            s_corr = self.s[k] / (1 - self.beta2 ** self.t[k])
            params[k] -= self.lr * v_corr / (np.sqrt(s_corr) + self.eps)
