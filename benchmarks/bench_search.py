"""Wall time of one random search run serially, on a process pool and on a Dask cluster.

The search is the "caviar" population of the tuning pages (16 digit-image models, 30 epochs
each, ``docs/figures/_tuning_runs.py``), with 1 BLAS thread per worker so that the workers,
not OpenBLAS, use the cores. Every executor must give the serial run's trials; the script
checks that, then prints the median wall time of ``--repeats`` runs of each and the speed-up
over the serial run. A measurement, not a test: the speed-up depends on the machine's cores
and on what else runs on it.

Usage: ``python benchmarks/bench_search.py [--workers 2] [--repeats 3] [--json FILE --label L]``.

``--json`` also records the measurement (date, cores, load average before and after the run,
every time, median times, speed-ups, seconds per trial) in FILE under ``--label``, keeping the
other labels' records. ``--spin N`` keeps N other processes busy on the cores during the
whole measurement (each spins in a loop), so that "the machine is doing something else" is a
setting you can repeat rather than whatever else happened to run. The parallel-search page quotes
``benchmarks/results/bench_search.json``, and ``tests/test_tuning_parallel_page.py`` checks
that both language pages show what that file holds: re-run with ``--json`` and update the
pages together.
"""

from __future__ import annotations

import argparse
import datetime
import json
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


def _spin() -> None:
    while True:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also record the measurement in this file")
    parser.add_argument("--label", default="run", help="the record's name in the --json file")
    parser.add_argument("--spin", type=int, default=0, help="busy processes during the run")
    args = parser.parse_args()
    load = os.getloadavg()
    spawn = multiprocessing.get_context("spawn")
    setups: dict[str, Callable[[], AbstractContextManager[Executor | None]]] = {
        "serial": lambda: nullcontext(None),
        f"process pool ({args.workers})": lambda: ProcessPoolExecutor(args.workers,
                                                                      mp_context=spawn),
        f"Dask LocalCluster ({args.workers})": lambda: _dask(args.workers),
    }
    reference = _search(None)
    spinners = [spawn.Process(target=_spin, daemon=True) for _ in range(args.spin)]
    for proc in spinners:
        proc.start()
    print(f"{runs.POPULATION} trials, {os.cpu_count()} cores, {args.repeats} repeats, "
          f"{args.spin} busy process(es)")
    try:
        times: dict[str, float] = {}
        spread: dict[str, list[float]] = {}
        for name, setup in setups.items():
            samples = []
            with setup() as executor:
                same = _search(executor) == reference
                assert same, f"{name} gave other trials than the serial run"
                for _ in range(args.repeats):
                    start = time.perf_counter()
                    _search(executor)
                    samples.append(time.perf_counter() - start)
            times[name] = statistics.median(samples)
            spread[name] = samples
    finally:
        for proc in spinners:
            proc.terminate()
    serial = times["serial"]
    for name, t in times.items():
        low, high = min(spread[name]), max(spread[name])
        print(f"{name:28s} {t:7.2f} s ({low:.2f}-{high:.2f})   speed-up {serial / t:4.2f}x")
    if args.json:
        record = {
            "date": datetime.date.today().isoformat(),
            "cores": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "workers": args.workers,
            "spinning_processes": args.spin,
            "repeats": args.repeats,
            "trials": runs.POPULATION,
            "seconds_per_trial": round(serial / runs.POPULATION, 3),
            "median_seconds": {name: round(t, 3) for name, t in times.items()},
            "seconds": {name: [round(x, 3) for x in xs] for name, xs in spread.items()},
            "speed_up": {name: round(serial / t, 2) for name, t in times.items()},
        }
        records = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else {}
        records[args.label] = record
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(records, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
