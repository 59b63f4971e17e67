"""More of a learner following the CS231n assignments (a test fixture).

Written independently of dlref; correct unless a comment says otherwise.
"""

import numpy as np


def sigmoid(x):
    out = np.empty_like(x, dtype=np.result_type(x, np.float32))
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1 + ex)
    return out


def elu(x, alpha=1.0):
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))


def binary_cross_entropy_with_logits(z, y):
    m = z.shape[0]
    loss = np.sum(np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))) / m
    return loss, (1 / (1 + np.exp(-z)) - y) / m


def mse_grad(y_pred, y):  # slip: not divided by m
    return y_pred - y


def batchnorm_forward(x, gamma, beta, running=None, *, momentum=0.9, eps=1e-5):
    # slip: eps outside the square root; the cache is (xhat, gamma, 1/std)
    mu = x.mean(axis=0)
    var = x.var(axis=0)
    inv = 1 / (np.sqrt(var) + eps)
    xhat = (x - mu) * inv
    if running is None:
        running = (np.zeros(x.shape[1]), np.ones(x.shape[1]))
    new = (momentum * running[0] + (1 - momentum) * mu, momentum * running[1] + (1 - momentum) * var)
    return gamma * xhat + beta, (xhat, gamma, inv), new


def batchnorm_backward(dout, cache):  # right: the short form of the assignment
    xhat, gamma, inv = cache
    N = dout.shape[0]
    dxhat = dout * gamma
    dx = inv / N * (N * dxhat - dxhat.sum(axis=0) - xhat * np.sum(dxhat * xhat, axis=0))
    return dx, np.sum(dout * xhat, axis=0), dout.sum(axis=0)


def numerical_gradient(f, x, h=1e-5):  # perturbs x in place and restores it
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    while not it.finished:
        i = it.multi_index
        old = x[i]
        x[i] = old + h
        fp = f(x)
        x[i] = old - h
        fm = f(x)
        x[i] = old
        grad[i] = (fp - fm) / (2 * h)
        it.iternext()
    return grad


def he(n_in, n_out, *, rng=None):
    return np.random.default_rng(rng).standard_normal((n_in, n_out)) * np.sqrt(2.0 / n_in)


class RMSprop:  # slip: eps inside the square root
    def __init__(self, lr, beta=0.9, eps=1e-8):
        self.lr, self.beta, self.eps, self.cache = lr, beta, eps, {}

    def step(self, params, grads):
        for k in params:
            c = self.beta * self.cache.get(k, 0) + (1 - self.beta) * grads[k] ** 2
            self.cache[k] = c
            params[k] -= self.lr * grads[k] / np.sqrt(c + self.eps)


class SGD:
    def __init__(self, lr):
        self.lr = lr

    def step(self, params, grads):
        for k in params:
            params[k] -= self.lr * grads[k]


class AdamW:  # slip: the decay shrinks the weight after the Adam step, not the old weight
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2, *,
                 decay_scaled_by_lr=True):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.wd, self.scaled = weight_decay, decay_scaled_by_lr
        self.m, self.v, self.t = {}, {}, 0

    def step(self, params, grads):
        self.t += 1
        for k, w in params.items():
            dw = grads[k]
            self.m[k] = self.beta1 * self.m.get(k, 0) + (1 - self.beta1) * dw
            self.v[k] = self.beta2 * self.v.get(k, 0) + (1 - self.beta2) * dw * dw
            mt = self.m[k] / (1 - self.beta1**self.t)
            vt = self.v[k] / (1 - self.beta2**self.t)
            w -= self.lr * mt / (np.sqrt(vt) + self.eps)
            w *= 1 - (self.lr * self.wd if self.scaled else self.wd)
