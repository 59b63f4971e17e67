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

Each row also gives the bytes the operation reads and writes (arrays touched ×
bytes per array) and the rate that makes: the unfused update moves every
intermediate through memory, a fused kernel (PyTorch's ``fused=True``, or a
compiled loop) only its inputs and outputs once. Compare the totals with
PyTorch's time from ``make bench``: a kernel whose operations alone already take
more than twice PyTorch's time cannot reach 2x in unfused NumPy, whatever the
checks cost.
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


Row = tuple[str, float, float | None]  #: name, µs per call, bytes moved per call (None: n/a)


def adam_rows(n: int = 1_000_000) -> list[Row]:
    gen = np.random.default_rng(0)
    params = {"w": gen.standard_normal(n).astype(np.float32)}
    grads = {"w": gen.standard_normal(n).astype(np.float32)}
    opt = Adam(1e-3)
    opt.step(params, grads)
    g, p = grads["w"], params["w"].copy()
    m, v = opt.state["w"]["m"].copy(), opt.state["w"]["v"].copy()
    tmp = np.empty_like(p)
    # (name, arrays read + written, operation): g * g reads g once
    ops: list[tuple[str, int, Callable[[], Any]]] = [
        ("tmp = (1 - b1) * g", 2, lambda: np.multiply(g, 0.1, out=tmp)),
        ("m *= b1", 2, lambda: np.multiply(m, 0.9, out=m)),
        ("m += tmp", 3, lambda: np.add(m, tmp, out=m)),
        ("tmp = g * g", 2, lambda: np.multiply(g, g, out=tmp)),
        ("tmp *= 1 - b2", 2, lambda: np.multiply(tmp, 0.001, out=tmp)),
        ("v *= b2", 2, lambda: np.multiply(v, 0.999, out=v)),
        ("v += tmp", 3, lambda: np.add(v, tmp, out=v)),
        ("tmp = sqrt(v)", 2, lambda: np.sqrt(v, out=tmp)),
        ("tmp += eps'", 2, lambda: np.add(tmp, 1e-8, out=tmp)),
        ("tmp = m / tmp", 3, lambda: np.divide(m, tmp, out=tmp)),
        ("tmp *= lr'", 2, lambda: np.multiply(tmp, 1e-3, out=tmp)),
        ("p -= tmp", 3, lambda: np.subtract(p, tmp, out=p)),
    ]
    size = p.nbytes
    rows: list[Row] = [(name, per_call(fn), k * size) for name, k, fn in ops]
    moved = sum(b for _, _, b in rows if b is not None)
    return [
        ("Adam.step (public, with checks)", per_call(lambda: opt.step(params, grads)), None),
        ("Adam update without checks (_step)", per_call(lambda: opt._step(params, grads)), None),
        ("sum of the 12 operations alone", sum(t for _, t, _ in rows), moved),
        # a fused step reads p, g, m, v and writes p, m, v once
        ("a fused step's traffic (7 arrays)", float("nan"), 7 * size),
        *rows,
    ]


def batchnorm_rows(shape: tuple[int, int] = (256, 512)) -> list[Row]:
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

    size = x.nbytes
    return [
        ("forward+backward (public, with checks)", per_call(public), None),
        ("kernels without checks", per_call(kernels), None),
        ("one element-wise pass (out = x * y)",
         per_call(lambda: np.multiply(x, dout, out=out)), 3 * size),
        ("one row-broadcast pass (out *= row)",
         per_call(lambda: np.multiply(out, row, out=out)), 2 * size),
        ("one column reduction (x.sum(axis=0))", per_call(lambda: x.sum(axis=0)), size),
        ("one column dot (einsum ij,ij->j)",
         per_call(lambda: np.einsum("ij,ij->j", x, dout)), 2 * size),
    ]


def main() -> None:
    for title, rows in (
        ("Adam.step, 1 M float32 parameters", adam_rows()),
        ("batch norm forward+backward, (256, 512) float32", batchnorm_rows()),
    ):
        print(title)
        print(f"  {'':<42} {'time':>11} {'moved':>9} {'rate':>10}")
        for name, micros, moved in rows:
            time_ = "" if micros != micros else f"{micros:8.1f} µs"  # NaN: not timed
            mb = "" if moved is None else f"{moved / 1e6:6.1f} MB"
            rate = "" if moved is None or micros != micros else f"{moved / micros / 1e3:5.0f} GB/s"
            print(f"  {name:<42} {time_:>11} {mb:>9} {rate:>10}")
        print()


if __name__ == "__main__":
    main()
