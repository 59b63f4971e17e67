"""``benchmarks/figure_costs.py``: the stage costs of drawing the figures.

It times ``render_variants`` through its ``stage`` callback; these tests check that every
stage is reported for both languages, that the report's totals are the sums of what was
measured, and that an unknown figure is refused by name.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _costs_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "figure_costs", ROOT / "benchmarks" / "figure_costs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["figure_costs"] = module
    spec.loader.exec_module(module)
    return module


costs_module = _costs_module()


def test_every_stage_of_both_languages_is_timed_and_summed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "costs.json"
    costs_module.main(["loss_vs_prob", "--json", str(out)])
    printed = capsys.readouterr().out
    costs = json.loads(out.read_text())
    assert set(costs) == {"loss_vs_prob"}
    assert set(costs["loss_vs_prob"]) == {"ko", "en"}
    for spent in costs["loss_vs_prob"].values():
        assert list(spent) == list(costs_module.STAGES)
        assert all(seconds >= 0 for seconds in spent.values())
    total = sum(sum(s.values()) for s in costs["loss_vs_prob"].values())
    row = re.search(r"^\| total \| ([0-9.]+) \|", printed, re.M)
    assert row is not None and float(row[1]) == pytest.approx(total, abs=0.051)
    after_draw = sum(s[k] for s in costs["loss_vs_prob"].values() for k in costs_module.STAGES[1:])
    floor = re.search(r"floor with free experiments\): ([0-9.]+) s", printed)
    assert floor is not None and float(floor[1]) == pytest.approx(after_draw, abs=0.051)
    assert "4 images" in printed  # two languages, wide and phone


def test_timing_the_stages_leaves_the_images_as_they_were() -> None:
    figures = costs_module.figures
    seen: list[str] = []
    timed = figures.render_variants("loss_vs_prob", "en", stage=seen.append)
    assert seen == list(costs_module.STAGES)
    assert timed == figures.render_variants("loss_vs_prob", "en")


def test_an_unknown_figure_is_refused_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        costs_module.main(["loss_vs_prob", "no_such_figure"])
    assert "no figure script no_such_figure" in capsys.readouterr().err
