"""Where the time goes in the two kernels that miss ``make bench``'s target.

``python benchmarks/passes.py`` (a measurement, not a test) times, on one NumPy
thread of element-wise work:

* ``Adam.step`` on 1 M float32 parameters: the public step, the update without
  its argument checks (``Optimizer._step``), and each array operation of the
  update alone (the lines of ``Adam._update`` in ``dlref/optim.py``, each one
  pass over memory), so their sum is the cost of the algorithm as written;
* batch norm forward+backward at (256, 512) float32: the public functions, the
  kernels without checks, and the two kinds of pass the kernels are made of (a
  plain element-wise pass, and one that broadcasts a row of per-feature values).

Compare the totals with PyTorch's time from ``make bench``: a kernel whose
operations alone already take more than twice PyTorch's time cannot reach 2x
in unfused NumPy, whatever the checks cost.
"""

from __future__ import annotations

import timeit
from collections.abc import Callable
from typing import Any

import numpy as np

from dlref import Adam
from dlref.batchnorm import (
    RunningStats,
    _batchnorm_backward,
    _batchnorm_forward,
    batchnorm_backward,
    batchnorm_forward,
)


def per_call(fn: Callable[[], Any], seconds: float = 0.2) -> float:
    """Best of 7 repeats of the mean time per call, in microseconds."""
    once = max(timeit.timeit(fn, number=3) / 3, 1e-7)
    number = max(1, int(seconds / 7 / once))
    return min(timeit.repeat(fn, number=number, repeat=7)) / number * 1e6


def adam_rows(n: int = 1_000_000) -> list[tuple[str, float]]:
    gen = np.random.default_rng(0)
    params = {"w": gen.standard_normal(n).astype(np.float32)}
    grads = {"w": gen.standard_normal(n).astype(np.float32)}
    opt = Adam(1e-3)
    opt.step(params, grads)
    g, p = grads["w"], params["w"].copy()
    m, v = opt.state["w"]["m"].copy(), opt.state["w"]["v"].copy()
    tmp = np.empty_like(p)
    ops: list[tuple[str, Callable[[], Any]]] = [
        ("tmp = (1 - b1) * g", lambda: np.multiply(g, 0.1, out=tmp)),
        ("m *= b1", lambda: np.multiply(m, 0.9, out=m)),
        ("m += tmp", lambda: np.add(m, tmp, out=m)),
        ("tmp = g * g", lambda: np.multiply(g, g, out=tmp)),
        ("tmp *= 1 - b2", lambda: np.multiply(tmp, 0.001, out=tmp)),
        ("v *= b2", lambda: np.multiply(v, 0.999, out=v)),
        ("v += tmp", lambda: np.add(v, tmp, out=v)),
        ("tmp = sqrt(v)", lambda: np.sqrt(v, out=tmp)),
        ("tmp += eps'", lambda: np.add(tmp, 1e-8, out=tmp)),
        ("tmp = m / tmp", lambda: np.divide(m, tmp, out=tmp)),
        ("tmp *= lr'", lambda: np.multiply(tmp, 1e-3, out=tmp)),
        ("p -= tmp", lambda: np.subtract(p, tmp, out=p)),
    ]
    rows = [(name, per_call(fn)) for name, fn in ops]
    return [
        ("Adam.step (public, with checks)", per_call(lambda: opt.step(params, grads))),
        ("Adam update without checks (_step)", per_call(lambda: opt._step(params, grads))),
        ("sum of the 12 operations alone", sum(t for _, t in rows)),
        *rows,
    ]


def batchnorm_rows(shape: tuple[int, int] = (256, 512)) -> list[tuple[str, float]]:
    gen = np.random.default_rng(0)
    x = gen.standard_normal(shape).astype(np.float32)
    dout = gen.standard_normal(shape).astype(np.float32)
    gamma, beta = np.ones(shape[1], np.float32), np.zeros(shape[1], np.float32)
    old = RunningStats(np.zeros(shape[1], np.float32), np.ones(shape[1], np.float32))
    out, row = np.empty_like(x), np.ones(shape[1], np.float32)  # values stay put

    def public() -> None:
        _, cache, _ = batchnorm_forward(x, gamma, beta)
        batchnorm_backward(dout, cache)

    def kernels() -> None:
        _, cache, _ = _batchnorm_forward(x, gamma, beta, old, 0.9, 1e-5, False)
        _batchnorm_backward(dout, cache)

    return [
        ("forward+backward (public, with checks)", per_call(public)),
        ("kernels without checks", per_call(kernels)),
        ("one element-wise pass (out = x * y)", per_call(lambda: np.multiply(x, dout, out=out))),
        ("one row-broadcast pass (out *= row)", per_call(lambda: np.multiply(out, row, out=out))),
        ("one column reduction (x.sum(axis=0))", per_call(lambda: x.sum(axis=0))),
        ("one column dot (einsum ij,ij->j)", per_call(lambda: np.einsum("ij,ij->j", x, dout))),
    ]


def main() -> None:
    for title, rows in (
        ("Adam.step, 1 M float32 parameters", adam_rows()),
        ("batch norm forward+backward, (256, 512) float32", batchnorm_rows()),
    ):
        print(title)
        for name, micros in rows:
            print(f"  {name:<42} {micros:8.1f} µs")
        print()


if __name__ == "__main__":
    main()
