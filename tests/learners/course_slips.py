"""A learner following the Coursera course who made the usual slips (a test fixture).

Written independently of dlref. Each function's comment says what is wrong, if anything;
tests/test_selfcheck_learners.py holds the verdict and hint each must get.
"""

import numpy as np


def softmax(Z):  # slip: the course's layout, examples in columns (C, m); normalises axis 0
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def softmax_cross_entropy(Z, Y):  # correct for one-hot Y; does not take integer labels
    shifted = Z - Z.max(axis=1, keepdims=True)
    log_a = shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))
    m = Z.shape[0]
    return -np.sum(Y * log_a) / m, (np.exp(log_a) - Y) / m


def tanh_grad(Z):  # slip: forgot to square
    return 1 - np.tanh(Z)


def relu_grad(Z):  # slip: derivative 1 at Z = 0
    return (Z >= 0).astype(float)


def leaky_relu(Z, alpha=0.01):  # slip: modifies its input in place (the values are right)
    Z[Z < 0] *= alpha
    return Z


def l2_penalty(weights, lambd, m):  # slip: no 1/2
    return lambd / m * sum(np.sum(np.square(W)) for W in weights)


def dropout_forward(A, keep_prob, *, train=True, rng=None):  # slip: not inverted
    if not train:
        return A, None
    D = np.random.default_rng(rng).random(A.shape) < keep_prob
    return A * D, D


def batchnorm_forward(Z, gamma, beta, running=None, *, momentum=0.9, eps=1e-5):
    # slip: the unbiased variance (np.var(ddof=1)) normalises the batch in training
    mu = np.mean(Z, axis=0)
    var = np.var(Z, axis=0, ddof=1)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    if running is None:
        running = (np.zeros(Z.shape[1]), np.ones(Z.shape[1]))
    new = (momentum * running[0] + (1 - momentum) * mu,
           momentum * running[1] + (1 - momentum) * np.var(Z, axis=0))
    return gamma * Z_norm + beta, (Z, mu, var, gamma, eps), new


def batchnorm_backward(dout, cache):  # right for the biased variance; reads its own cache
    Z, mu, _var, gamma, eps = cache  # the unbiased var is not reused
    m = Z.shape[0]
    var_b = np.var(Z, axis=0)
    Z_norm = (Z - mu) / np.sqrt(var_b + eps)
    dZ_norm = dout * gamma
    dZ = (m * dZ_norm - dZ_norm.sum(axis=0) - Z_norm * (dZ_norm * Z_norm).sum(axis=0))
    dZ /= m * np.sqrt(var_b + eps)
    return dZ, np.sum(dout * Z_norm, axis=0), np.sum(dout, axis=0)


def exponential_decay(lr0, epoch, base=0.95):  # slip: epochs counted from 0
    return lr0 * base ** (epoch - 1)


def step_decay(lr0, epoch, drop=0.5, every=10):  # slip: no floor
    return lr0 * drop ** (epoch / every)


class Adam:  # slip: no bias correction
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.v, self.s = {}, {}

    def step(self, params, grads):
        for k in params:
            self.v[k] = self.beta1 * self.v.get(k, 0) + (1 - self.beta1) * grads[k]
            self.s[k] = self.beta2 * self.s.get(k, 0) + (1 - self.beta2) * grads[k] ** 2
            params[k] -= self.lr * self.v[k] / (np.sqrt(self.s[k]) + self.eps)


class AdamW:  # slip: L2 inside Adam, the decay added to the gradient (torch.optim.Adam's weight_decay)
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.eps, self.weight_decay = eps, weight_decay
        self.v, self.s, self.t = {}, {}, 0

    def step(self, params, grads):
        self.t += 1
        for k in params:
            dW = grads[k] + self.weight_decay * params[k]
            self.v[k] = self.beta1 * self.v.get(k, 0) + (1 - self.beta1) * dW
            self.s[k] = self.beta2 * self.s.get(k, 0) + (1 - self.beta2) * dW**2
            v_corr = self.v[k] / (1 - self.beta1**self.t)
            s_corr = self.s[k] / (1 - self.beta2**self.t)
            params[k] -= self.lr * v_corr / (np.sqrt(s_corr) + self.eps)
