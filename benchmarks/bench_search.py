"""Wall time of one random search run serially, on a process pool and on a Dask cluster.

The search is the "caviar" population of the tuning pages (16 digit-image models, 30 epochs
each, ``docs/figures/_tuning_runs.py``), with 1 BLAS thread per worker so that the workers,
not OpenBLAS, use the cores. Every executor must give the serial run's trials; the script
checks that, then prints the median wall time of ``--repeats`` runs of each and the speed-up
over the serial run. A measurement, not a test: the speed-up depends on the machine's cores
and on what else runs on it.

Usage: ``python benchmarks/bench_search.py [--workers 2] [--repeats 3]``.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

FIGURES = Path(__file__).resolve().parents[1] / "docs" / "figures"
sys.path.insert(0, str(FIGURES))
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(FIGURES), os.environ.get("PYTHONPATH")])
)
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"  # inherited by the workers

import _tuning_runs as runs  # noqa: E402

from dlref import random_search  # noqa: E402


def _search(executor: Executor | None) -> list[runs.Trial]:
    return random_search(runs.population_error, runs.POPULATION_SPACE, runs.POPULATION,
                         rng=0, executor=executor)


def _dask(workers: int) -> AbstractContextManager[Executor]:
    from contextlib import contextmanager

    import distributed

    @contextmanager
    def manager():  # type: ignore[no-untyped-def]
        with (
            distributed.LocalCluster(n_workers=workers, threads_per_worker=1,
                                     processes=True, dashboard_address=None) as cluster,
            distributed.Client(cluster) as client,
        ):
            yield client.get_executor(pure=False)

    return manager()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    spawn = multiprocessing.get_context("spawn")
    setups: dict[str, Callable[[], AbstractContextManager[Executor | None]]] = {
        "serial": lambda: nullcontext(None),
        f"process pool ({args.workers})": lambda: ProcessPoolExecutor(args.workers,
                                                                      mp_context=spawn),
        f"Dask LocalCluster ({args.workers})": lambda: _dask(args.workers),
    }
    reference = _search(None)
    print(f"{runs.POPULATION} trials, {os.cpu_count()} cores, {args.repeats} repeats")
    times: dict[str, float] = {}
    for name, setup in setups.items():
        samples = []
        with setup() as executor:
            assert _search(executor) == reference, f"{name} gave other trials than the serial run"
            for _ in range(args.repeats):
                start = time.perf_counter()
                _search(executor)
                samples.append(time.perf_counter() - start)
        times[name] = statistics.median(samples)
    serial = times["serial"]
    for name, t in times.items():
        print(f"{name:28s} {t:7.2f} s   speed-up {serial / t:4.2f}x")


if __name__ == "__main__":
    main()
