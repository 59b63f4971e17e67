"""The parallel-search page: its script runs as shown, its numbers are the code's, and the
progress bar changes nothing but the display."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from dlref import LogUniform, coarse_to_fine, random_search
from tests._libs import import_or_skip
from tests._prose import assert_on_page, page_text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _tuning_runs as runs

ROOT = Path(__file__).resolve().parents[1]
PAGE = "tuning/parallel"
pytestmark = pytest.mark.usefixtures("one_blas_thread")


def _script(lang: str) -> str:
    """The ``search_on_dask.py`` block of one language's page, exactly as a reader copies it."""
    match = re.search(r'```python title="search_on_dask.py"\n(.*?)\n```', page_text(PAGE, lang),
                      re.DOTALL)
    assert match, f"docs/{PAGE}.{lang}.md has no search_on_dask.py block"
    return match.group(1) + "\n"


def test_both_languages_show_the_same_code() -> None:
    strip = re.compile(r'^\s*""".*?"""\s*$|#.*$', re.MULTILINE)
    assert strip.sub("", _script("ko")) == strip.sub("", _script("en"))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_dask_script_runs_and_prints_true_true(lang: str, tmp_path: Path) -> None:
    import_or_skip("distributed")
    script = tmp_path / "search_on_dask.py"
    script.write_text(_script(lang), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), OPENBLAS_NUM_THREADS="1")
    proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.splitlines()[0] == "True True", proc.stdout


def test_panda_and_caviar_numbers() -> None:
    panda = runs.babysat_run().dev_accuracy[-1]
    caviar = np.array([1.0 - t.score for t in runs.population_trials()])
    assert_on_page(PAGE, f"{100 * panda:.1f} %")
    assert_on_page(PAGE, f"{100 * caviar.max():.1f} %")
    below = int(np.sum(caviar < 0.9))
    assert_on_page(PAGE, ko=f"16개 가운데 {below}개는 90 %에도", en=f"{below} of\nthe 16 stayed below 90 %")
    assert_on_page(PAGE, f"{16 - below} of 16 reached 90 %")
    se = np.sqrt(caviar.max() * (1 - caviar.max()) / len(runs.digits_split().y_dev))
    assert abs(caviar.max() - panda) < 1.5 * se  # "cannot be told apart"
    assert_on_page(PAGE, ko=f"약 {100 * se:.1f} %포인트", en=f"about {100 * se:.1f} percentage")
    assert runs.babysat_run().changes == (5, 15, 25)


def _loss(p: dict[str, float]) -> float:
    return float((np.log10(p["lr"]) + 3) ** 2)


def test_progress_bar_changes_nothing_but_the_display(capsys: pytest.CaptureFixture[str]) -> None:
    space = {"lr": LogUniform(1e-5, 1e-1)}
    quiet = random_search(_loss, space, 7, rng=0)
    shown = random_search(_loss, space, 7, rng=0, progress=True)
    assert shown == quiet
    assert "7/7" in capsys.readouterr().err
    assert coarse_to_fine(_loss, space, n_trials=5, rng=1, progress=True) == coarse_to_fine(
        _loss, space, n_trials=5, rng=1
    )


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_progress_must_be_a_bool(value: object) -> None:
    with pytest.raises(TypeError, match="progress"):
        random_search(_loss, {"lr": LogUniform(1e-5, 1e-1)}, 2, progress=value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="progress"):
        coarse_to_fine(_loss, {"lr": LogUniform(1e-5, 1e-1)}, progress=value)  # type: ignore[arg-type]


BENCH = ROOT / "benchmarks" / "results" / "bench_search.json"
SETUPS = ("serial", "process pool (2)", "Dask LocalCluster (2)")


def _cell(record: dict[str, object], setup: str) -> str:
    """A table cell as the page prints it: median (fastest–slowest), speed-up."""
    seconds = record["seconds"][setup]  # type: ignore[index]
    median = record["median_seconds"][setup]  # type: ignore[index]
    cell = f"{median:.2f} s ({min(seconds):.2f}–{max(seconds):.2f})"
    return cell if setup == "serial" else f"{cell}, {record['speed_up'][setup]:.2f}×"  # type: ignore[index]


@pytest.mark.parametrize(("label", "row"), [("spin0", ("다른 일 없음", "nothing else kept busy")),
                                            ("spin1", ("코어 하나가 바쁨", "one core kept busy"))])
def test_the_speed_up_table_is_the_recorded_benchmark(label: str, row: tuple[str, str]) -> None:
    """The page's timings are those ``bench_search.py --json`` recorded, not typed by hand."""
    import json

    record = json.loads(BENCH.read_text(encoding="utf-8"))[label]
    assert record["spinning_processes"] == int(label[-1]) and record["workers"] == 2
    assert record["repeats"] == 7 and record["trials"] == 16
    cells = " | ".join(_cell(record, setup) for setup in SETUPS)
    assert_on_page(PAGE, ko=f"| {row[0]} | {cells} |", en=f"| {row[1]} | {cells} |")


def test_what_the_page_reads_from_the_timings() -> None:
    import json

    records = json.loads(BENCH.read_text(encoding="utf-8"))
    idle, busy = records["spin0"], records["spin1"]
    serial = idle["seconds"]["serial"]
    # "the process pool nearly halves the time": its slowest run beats the fastest serial one
    assert idle["speed_up"]["process pool (2)"] >= 1.7
    assert max(idle["seconds"]["process pool (2)"]) < min(serial)
    # "Dask's gain is within the spread of the serial runs"
    assert min(serial) <= idle["median_seconds"]["Dask LocalCluster (2)"] <= max(serial)
    # "with one core taken the pool gains little and Dask is slower than the serial run"
    assert 1.0 < busy["speed_up"]["process pool (2)"] < 1.5
    assert min(busy["seconds"]["Dask LocalCluster (2)"]) > max(busy["seconds"]["serial"])
    per_trial = f"{idle['seconds_per_trial']:.2f}"
    assert_on_page(PAGE, ko=f"시도 하나가 {per_trial}초", en=f"a trial lasts only about {per_trial} s")
    # what Dask's scheduler adds over the pool with the same workers, in all and per trial
    extra = idle["median_seconds"]["Dask LocalCluster (2)"] - idle["median_seconds"]["process pool (2)"]
    assert_on_page(PAGE, ko=f"프로세스 풀보다 {extra:.2f}초 더", en=f"{extra:.2f} s longer than the pool")
    assert_on_page(PAGE, ko=f"시도\n하나에 {extra / idle['trials']:.2f}초꼴",
                   en=f"about {extra / idle['trials']:.2f} s per\ntrial")
