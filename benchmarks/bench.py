"""dlref vs PyTorch (CPU) micro-benchmarks: ``make bench`` (a measurement, not a test).

Each case runs the dlref code and its PyTorch equivalent side by side in one
process, in the same dtype, PyTorch with ``torch.set_num_threads(2)``. After a
warm-up the two alternate in blocks of about 50 ms (each sample averaging
enough calls to last about a millisecond), and the table reports the median
sample of each and the ratio dlref / torch (below 1: dlref is faster). NumPy's
element-wise loops are single-threaded; its matrix products use the BLAS
threads (see the machine lines). The ``others`` column is the share of the
CPUs that other processes used while a case ran: rows above 10 % are flagged,
as PyTorch's two OpenMP threads slow down badly on a busy machine.

Large temporaries are fresh ``malloc`` blocks, so glibc's trim and mmap
thresholds (``MALLOC_TRIM_THRESHOLD_``, ``MALLOC_MMAP_THRESHOLD_``, printed
when set) change the cost of the page faults for both libraries; the script
leaves them at the system's defaults.

Usage: ``python benchmarks/bench.py [--quick] [--dtype float32|float64|both] [--cases ...]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

import dlref
from dlref import (
    MLP,
    Adam,
    Standardizer,
    batchnorm_backward,
    batchnorm_forward,
    dropout_forward,
    softmax_cross_entropy,
    train_dev_test_split,
)

TORCH_THREADS = 2


@dataclass
class Row:
    name: str
    ours: float  # seconds, median
    theirs: float | None  # seconds, median; None when torch is absent
    target: float  # the ratio to stay under
    note: str = ""
    others: float | None = None  # CPU share used by other processes while this case ran


BUSY = 0.10  # above this share of the CPUs used by other processes, a row is unreliable


class OtherLoad:
    """The share of all CPUs used by *other* processes (and the hypervisor) meanwhile.

    Busy time from ``/proc/stat`` (user, nice, system, irq, softirq, steal)
    minus this process's own CPU time, over wall time x cores. Timings taken
    while other work runs are slower and noisier, PyTorch's (whose two
    OpenMP threads wait for each other) much more so than NumPy's.
    """

    def __enter__(self) -> OtherLoad:
        self.start = self._read()
        self.value: float | None = None
        return self

    def __exit__(self, *exc: object) -> None:
        end = self._read()
        if self.start is None or end is None:
            return
        (busy0, own0, wall0), (busy1, own1, wall1) = self.start, end
        cores = os.cpu_count() or 1
        self.value = max(0.0, ((busy1 - busy0) - (own1 - own0)) / ((wall1 - wall0) * cores))

    @staticmethod
    def _read() -> tuple[float, float, float] | None:
        try:
            with open("/proc/stat", encoding="utf-8") as f:
                fields = [int(v) for v in f.readline().split()[1:]]
        except (OSError, ValueError):
            return None
        user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
        tick = os.sysconf("SC_CLK_TCK")
        own = os.times()
        return (
            (user + nice + system + irq + softirq + steal) / tick,
            own.user + own.system,
            time.perf_counter(),
        )


# --- machine ------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_lines(torch: Any) -> list[str]:
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    lines = [
        f"CPU       {cpu_model()} ({cores} logical cores, {usable} usable)",
        f"Python    {platform.python_version()} on {platform.system()} {platform.machine()}",
        f"NumPy     {np.__version__}   dlref {dlref.__version__}",
        "PyTorch   "
        + (f"{torch.__version__}, {torch.get_num_threads()} threads" if torch else "not installed"),
    ]
    try:
        from threadpoolctl import threadpool_info

        for pool in threadpool_info():
            if pool.get("user_api") == "blas":
                lines.append(
                    f"BLAS      {pool.get('internal_api')} {pool.get('version')} "
                    f"({pool.get('architecture')}, {pool.get('num_threads')} threads, "
                    f"{os.path.basename(str(pool.get('filepath')))})"
                )
    except ImportError:
        lines.append("BLAS      unknown (threadpoolctl not installed)")
    env_vars = (
        "OPENBLAS_CORETYPE",
        "OPENBLAS_L2_SIZE",
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MALLOC_MMAP_THRESHOLD_",
        "MALLOC_TRIM_THRESHOLD_",
    )
    for var in env_vars:
        value = os.environ.get(var)
        lines.append(f"{var:<22} {'not set' if value is None else repr(value)}")
    if os.environ.get("OPENBLAS_CORETYPE"):
        lines.append(
            "  note: OPENBLAS_CORETYPE forces an OpenBLAS kernel and can slow NumPy's matrix "
            "products; unset it (with OPENBLAS_L2_SIZE) in the command to compare."
        )
    try:
        load = os.getloadavg()
        lines.append(f"load avg  {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (1, 5, 15 min)")
    except OSError:
        pass
    return lines


# --- timing ---------------------------------------------------------------------------------


def _block(fn: Callable[[], Any], calls: int, samples: int) -> list[float]:
    """``samples`` timings, each the mean of ``calls`` consecutive calls."""
    out = []
    for _ in range(samples):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        out.append((time.perf_counter() - start) / calls)
    return out


def compare(
    ours: Callable[[], Any],
    theirs: Callable[[], Any] | None,
    *,
    rounds: int,
    block_time: float = 0.05,
    sample_time: float = 1e-3,
) -> tuple[float, float | None]:
    """Median seconds per call of ``ours`` and ``theirs``.

    The two alternate in blocks of about ``block_time`` seconds rather than
    call by call: on a 2-core machine, PyTorch's OpenMP workers and OpenBLAS's
    threads keep spinning for a while after each call and would otherwise
    slow the other library down (both by about 4x for the MLP step). The
    first sample of each block, taken right after the switch, is dropped.
    """
    fns = [ours] if theirs is None else [ours, theirs]
    plans = []
    for fn in fns:
        fn()  # warm up: first-call allocations, lazy initialisation
        start = time.perf_counter()
        fn()
        once = max(time.perf_counter() - start, 1e-7)
        calls = max(1, int(sample_time / once))
        samples = max(3, int(block_time / (calls * once)))
        plans.append((calls, samples))
    results: list[list[float]] = [[] for _ in fns]
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            results[i] += _block(fn, *plans[i])[1:]
    medians = [statistics.median(r) for r in results]
    return medians[0], (medians[1] if theirs is not None else None)


# --- cases ----------------------------------------------------------------------------------


def bench_batchnorm(torch: Any, dtype: np.dtype, shape: tuple[int, int], rounds: int) -> Row:
    gen = np.random.default_rng(0)
    x = gen.standard_normal(shape).astype(dtype)
    dout = gen.standard_normal(shape).astype(dtype)
    gamma, beta = np.ones(shape[1], dtype), np.zeros(shape[1], dtype)

    def ours() -> None:
        _, cache, _ = batchnorm_forward(x, gamma, beta)
        batchnorm_backward(dout, cache)

    theirs = None
    if torch is not None:
        bn = torch.nn.BatchNorm1d(shape[1], dtype=_tdtype(torch, dtype))
        xt = torch.from_numpy(x).requires_grad_(True)
        dt = torch.from_numpy(dout)
        inputs = (xt, bn.weight, bn.bias)

        def theirs() -> None:
            torch.autograd.grad(bn(xt), inputs, dt)

    m, n = shape
    return Row(
        f"batchnorm fwd+bwd ({m}, {n})",
        *compare(ours, theirs, rounds=rounds),
        target=1.0 if m * n <= 256 * 512 else 2.0,
        note="nn.BatchNorm1d + autograd.grad",
    )


def bench_softmax_ce(torch: Any, dtype: np.dtype, shape: tuple[int, int], rounds: int) -> Row:
    gen = np.random.default_rng(0)
    z = gen.standard_normal(shape).astype(dtype)
    labels = gen.integers(0, shape[1], shape[0])

    def ours() -> None:
        softmax_cross_entropy(z, labels)

    theirs = None
    if torch is not None:
        zt = torch.from_numpy(z).requires_grad_(True)
        lt = torch.from_numpy(labels)
        F = torch.nn.functional

        def theirs() -> None:
            torch.autograd.grad(F.cross_entropy(zt, lt), zt)

    m, n = shape
    return Row(
        f"softmax_cross_entropy loss+grad ({m}, {n})",
        *compare(ours, theirs, rounds=rounds),
        target=1.0 if m * n <= 256 * 10 else 2.0,
        note="F.cross_entropy + autograd.grad",
    )


def bench_dropout(torch: Any, dtype: np.dtype, shape: tuple[int, int], rounds: int) -> Row:
    x = np.random.default_rng(0).standard_normal(shape).astype(dtype)
    gen = np.random.default_rng(1)

    def ours() -> None:
        dropout_forward(x, 0.8, rng=gen)

    theirs = None
    if torch is not None:
        xt = torch.from_numpy(x)
        F = torch.nn.functional

        def theirs() -> None:
            F.dropout(xt, p=0.2, training=True)

    return Row(
        f"dropout_forward keep 0.8 {shape}",
        *compare(ours, theirs, rounds=rounds),
        target=2.0,
        note="F.dropout(p=0.2)",
    )


def bench_adam(torch: Any, dtype: np.dtype, size: int, rounds: int) -> Row:
    gen = np.random.default_rng(0)
    params = {"w": gen.standard_normal(size).astype(dtype)}
    grads = {"w": gen.standard_normal(size).astype(dtype)}
    opt = Adam(1e-3)

    def ours() -> None:
        opt.step(params, grads)

    theirs = None
    if torch is not None:
        p = torch.from_numpy(params["w"].copy()).requires_grad_(True)
        p.grad = torch.from_numpy(grads["w"].copy())
        topt = torch.optim.Adam([p], lr=1e-3)

        def theirs() -> None:
            topt.step()

    return Row(
        f"Adam.step, {size / 1e6:g} M parameters",
        *compare(ours, theirs, rounds=rounds),
        target=2.0,
        note="torch.optim.Adam (default, not fused)",
    )


def _torch_mlp(torch: Any, sizes: list[int], net: MLP) -> Any:
    """An nn.Sequential with the same weights as ``net`` (Linear stores W.T)."""
    layers: list[Any] = []
    for i in range(1, len(sizes)):
        lin = torch.nn.Linear(sizes[i - 1], sizes[i], dtype=_tdtype(torch, net.dtype))
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(net.params[f"W{i}"].T.copy()))
            lin.bias.copy_(torch.from_numpy(net.params[f"b{i}"]))
        layers += [lin, torch.nn.ReLU()]
    return torch.nn.Sequential(*layers[:-1])


def bench_mlp_step(torch: Any, dtype: np.dtype, rounds: int) -> Row:
    sizes, m = [64, 256, 256, 10], 128
    gen = np.random.default_rng(0)
    X = gen.standard_normal((m, sizes[0])).astype(dtype)
    y = gen.integers(0, sizes[-1], m)
    net = MLP(sizes, dtype=dtype, rng=0)
    opt = Adam(1e-3)

    def ours() -> None:
        opt.step(net.params, net.gradients(X, y))

    theirs = None
    if torch is not None:
        model = _torch_mlp(torch, sizes, net)
        topt = torch.optim.Adam(model.parameters(), lr=1e-3)
        Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
        F = torch.nn.functional

        def theirs() -> None:
            topt.zero_grad(set_to_none=True)
            F.cross_entropy(model(Xt), yt).backward()
            topt.step()

    return Row(
        f"MLP step 64-256-256-10, batch {m}",
        *compare(ours, theirs, rounds=rounds),
        target=1.0,
        note="gradients + Adam.step vs Sequential + autograd + Adam",
    )


def bench_mlp_epoch(torch: Any, dtype: np.dtype, rounds: int) -> Row | None:
    try:
        X, y = dlref.load_digits()
    except ImportError as exc:
        print(f"skipped the digits epoch: {exc}")
        return None
    split = train_dev_test_split(X, y, (0.8, 0.0, 0.2), rng=0)
    X_train = Standardizer().fit_transform(split.X_train).astype(dtype)
    y_train = split.y_train
    sizes, batch = [64, 256, 256, 10], 64
    net = MLP(sizes, dtype=dtype, rng=0)
    opt = Adam(1e-3)
    gen = np.random.default_rng(0)

    def ours() -> None:
        net.fit(X_train, y_train, optimizer=opt, epochs=1, batch_size=batch, rng=gen)

    theirs = None
    if torch is not None:
        model = _torch_mlp(torch, sizes, net)
        topt = torch.optim.Adam(model.parameters(), lr=1e-3)
        Xt, yt = torch.from_numpy(X_train), torch.from_numpy(y_train)
        F = torch.nn.functional
        tgen = torch.Generator().manual_seed(0)

        def theirs() -> None:
            model.train()
            order = torch.randperm(Xt.shape[0], generator=tgen)
            for start in range(0, Xt.shape[0], batch):
                idx = order[start : start + batch]
                topt.zero_grad(set_to_none=True)
                F.cross_entropy(model(Xt[idx]), yt[idx]).backward()
                topt.step()
            model.eval()  # as fit: loss and accuracy of the training set after the epoch
            with torch.no_grad():
                scores = model(Xt)
                F.cross_entropy(scores, yt).item()
                (scores.argmax(dim=1) == yt).float().mean().item()

    return Row(
        f"MLP epoch on digits ({X_train.shape[0]} examples, batch {batch})",
        *compare(ours, theirs, rounds=rounds),
        target=1.0,
        note="fit(epochs=1), incl. the end-of-epoch train loss/accuracy",
    )


def _tdtype(torch: Any, dtype: Any) -> Any:
    return torch.float32 if np.dtype(dtype) == np.float32 else torch.float64


# --- main -------------------------------------------------------------------------------------


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:8.1f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:8.2f} ms"
    return f"{seconds:8.3f} s "


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument(
        "--dtype",
        choices=("float32", "float64", "both"),
        default="both",
        help="dtype of the kernel cases (the MLP cases always run in float32)",
    )
    parser.add_argument(
        "--cases",
        default="batchnorm,softmax,dropout,adam,step,epoch",
        help="comma-separated subset of: batchnorm, softmax, dropout, adam, step, epoch",
    )
    args = parser.parse_args(argv)
    cases = set(args.cases.split(","))
    rounds = 3 if args.quick else 8

    torch: Any
    try:
        import torch
    except ImportError:
        torch = None
        print(
            "PyTorch is not installed: timing dlref only, the torch column is skipped "
            "(pip install torch==2.13.0, the CPU build; see README)."
        )
    if torch is not None:
        torch.set_num_threads(TORCH_THREADS)
        warm = torch.randn(512, 512, requires_grad=True)  # start its thread pool, lazy init
        for _ in range(20):
            torch.autograd.grad((torch.relu(warm @ warm)).sum(), warm)

    print("dlref benchmarks: median time per call, dlref vs PyTorch (CPU), same dtype")
    for line in machine_lines(torch):
        print("  " + line)
    print()

    dtypes = ["float32", "float64"] if args.dtype == "both" else [args.dtype]
    rows: list[tuple[str, Row]] = []
    print("timing the cases, one line each as it ends:", file=sys.stderr, flush=True)

    def run(dtype_name: str, case: Callable[..., Row | None], *args: Any) -> None:
        start = time.perf_counter()
        with OtherLoad() as load:
            row = case(*args)
        if row is not None:
            row.others = load.value
            rows.append((dtype_name, row))
            # progress on stderr as each case ends; the table follows on stdout
            took = time.perf_counter() - start
            print(f"  timed {row.name} ({dtype_name}) in {took:.1f} s", file=sys.stderr, flush=True)

    for name in dtypes:
        dt = np.dtype(name)
        if "batchnorm" in cases:
            for shape in ((256, 512), (4096, 1024)):
                run(name, bench_batchnorm, torch, dt, shape, rounds)
        if "softmax" in cases:
            for shape in ((256, 10), (4096, 1000)):
                run(name, bench_softmax_ce, torch, dt, shape, rounds)
        if "dropout" in cases:
            run(name, bench_dropout, torch, dt, (4096, 1024), rounds)
        if "adam" in cases:
            run(name, bench_adam, torch, dt, 1_000_000, rounds)
    f32 = np.dtype(np.float32)
    if "step" in cases:
        run("float32", bench_mlp_step, torch, f32, rounds)
    if "epoch" in cases:
        run("float32", bench_mlp_epoch, torch, f32, rounds)

    header = (
        f"{'case':<52} {'dtype':<8} {'dlref':>11} {'torch':>11} {'ratio':>6} {'target':>7} "
        f"{'others':>6}"
    )
    print(header)
    print("-" * (len(header) + 8))
    missed, busy = [], []
    for dtype_name, row in rows:
        if row.theirs is None:
            theirs, ratio, verdict = "skipped", "-", ""
        else:
            r = row.ours / row.theirs
            theirs, ratio = fmt_time(row.theirs), f"{r:6.2f}"
            verdict = "ok" if r <= row.target else "MISSED"
            if verdict == "MISSED":
                missed.append(f"{row.name} {dtype_name}")
        others = "?" if row.others is None else f"{100 * row.others:5.0f}%"
        if row.others is not None and row.others > BUSY:
            busy.append(f"{row.name} {dtype_name}")
            verdict += " (busy)"
        print(
            f"{row.name:<52} {dtype_name:<8} {fmt_time(row.ours):>11} {theirs:>11} "
            f"{ratio:>6} {'<= ' + format(row.target, 'g'):>7} {others:>6} {verdict}"
        )
    print()
    print(
        "ratio = dlref / torch (below 1: dlref faster); others = share of the CPUs used by "
        "other processes meanwhile. torch equivalents:"
    )
    for note in dict.fromkeys(f"  {row.name}: {row.note}" for _, row in rows):
        print(note)
    if missed:
        print(f"\n{len(missed)} case(s) above target: " + "; ".join(missed))
    if busy:
        print(
            f"\n{len(busy)} case(s) ran while other processes used more than {BUSY:.0%} of "
            "the CPUs; their timings (PyTorch's most) are unreliable: rerun on a quiet machine."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
