"""A learner following the CS231n assignments, written independently of dlref (a test fixture)."""

import numpy as np


def softmax(z):
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def softmax_cross_entropy(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    m = logits.shape[0]
    dz = np.exp(log_probs)
    dz[np.arange(m), labels] -= 1
    return -log_probs[np.arange(m), labels].mean(), dz  # slip: dz not divided by m


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)


def batchnorm_forward(x, gamma, beta, running=None, *, momentum=0.9, eps=1e-5):
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    xhat = (x - mu) / np.sqrt(var + eps)
    out = gamma * xhat + beta
    from dlref import RunningStats  # the running statistics type the API returns

    old = running if running is not None else RunningStats(np.zeros(x.shape[1]), np.ones(x.shape[1]))
    new = RunningStats(momentum * old.mean + (1 - momentum) * mu,
                       momentum * old.var + (1 - momentum) * var)
    return out, (xhat, gamma, var, eps), new


def batchnorm_backward(dout, cache):
    xhat, gamma, var, eps = cache
    m = dout.shape[0]
    dbeta = dout.sum(axis=0)
    dgamma = (dout * xhat).sum(axis=0)
    dxhat = dout * gamma
    dx = (m * dxhat - dxhat.sum(axis=0) - xhat * (dxhat * xhat).sum(axis=0)) / (m * np.sqrt(var + eps))
    return dx, dgamma, dbeta


class Momentum:  # slip: PyTorch/CS231n-slides form v = βv + g with the course's learning rate
    def __init__(self, lr, beta=0.9):
        self.lr, self.beta, self.v = lr, beta, {}

    def step(self, params, grads):
        for k in params:
            self.v[k] = self.beta * self.v.get(k, 0) + grads[k]
            params[k] -= self.lr * self.v[k]


class Adam:  # slip: epsilon inside the square root
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.b1, self.b2, self.eps, self.t, self.m, self.v = lr, beta1, beta2, eps, {}, {}, {}

    def step(self, params, grads):
        for k in params:
            self.t[k] = self.t.get(k, 0) + 1
            self.m[k] = self.b1 * self.m.get(k, 0) + (1 - self.b1) * grads[k]
            self.v[k] = self.b2 * self.v.get(k, 0) + (1 - self.b2) * grads[k] ** 2
            mh = self.m[k] / (1 - self.b1 ** self.t[k])
            vh = self.v[k] / (1 - self.b2 ** self.t[k])
            params[k] -= self.lr * mh / np.sqrt(vh + self.eps)


class AdamW:  # right in both forms: decoupled decay of the old weight, scaled by lr or not
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2, *,
                 decay_scaled_by_lr=True):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.wd, self.scaled = weight_decay, decay_scaled_by_lr
        self.m, self.v, self.t = {}, {}, 0

    def step(self, params, grads):
        self.t += 1
        for k, w in params.items():
            dw = grads[k]
            decay = (self.lr * self.wd if self.scaled else self.wd) * w
            self.m[k] = self.beta1 * self.m.get(k, np.zeros_like(w)) + (1 - self.beta1) * dw
            self.v[k] = self.beta2 * self.v.get(k, np.zeros_like(w)) + (1 - self.beta2) * dw * dw
            mt = self.m[k] / (1 - self.beta1**self.t)
            vt = self.v[k] / (1 - self.beta2**self.t)
            w -= decay + self.lr * mt / (np.sqrt(vt) + self.eps)
