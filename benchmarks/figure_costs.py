"""What drawing the figures costs, stage by stage: the cold build's largest item.

Draws each figure script in both languages in this one process, as a build's worker
does (``docs/hooks/figures.py``'s ``render_variants``, one BLAS thread), and records the
CPU time (``time.process_time``) of each stage:

- ``draw``: the script's ``draw(lang)``, with the experiments behind its numbers (run
  once for both languages where the script or its ``_*_runs.py`` helper caches them);
- ``wide save``: the SVG for the wide column;
- ``phone layout``, ``phone check``, ``phone save``: the phone variant.

Nothing is read from or written to ``.cache/figures``; the capstone's training runs are
read from ``.cache/capstone/`` when a build left them there (the line ``capstone`` says
which). The stages after ``draw`` do not depend on the experiments: their sum is what
the figures would cost a cold build even if every experiment were free.

    python benchmarks/figure_costs.py [NAME ...] [--top N] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "docs" / "hooks")]

import figures  # noqa: E402  (docs/hooks/figures.py)

STAGES = ("draw", "wide save", "phone layout", "phone check", "phone save")


class _Clock:
    """Called with a stage's name as it ends: keeps the CPU time since the last call."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.last = time.process_time()

    def __call__(self, stage: str) -> None:
        now = time.process_time()
        self.spent[stage] = now - self.last
        self.last = now


def measure(names: list[str]) -> dict[str, dict[str, dict[str, float]]]:
    """CPU seconds per figure, language and stage."""
    costs: dict[str, dict[str, dict[str, float]]] = {}
    figures._load_fonts()  # once a process, as in a worker: not the first figure's cost
    for name in names:
        costs[name] = {}
        for lang in figures.LANGS:
            clock = _Clock()
            figures.render_variants(name, lang, stage=clock)
            costs[name][lang] = clock.spent
    return costs


def report(costs: dict[str, dict[str, dict[str, float]]], top: int, capstone: bool) -> str:
    """The stage totals, the floor the stages after ``draw`` set, the costliest figures;
    ``capstone``: whether the capstone's runs were read from ``.cache/capstone/``."""
    totals: dict[str, float] = defaultdict(float)
    per_figure = []
    for name, langs in costs.items():
        for spent in langs.values():
            for what, seconds in spent.items():
                totals[what] += seconds
        per_figure.append((sum(sum(s.values()) for s in langs.values()), name, langs))
    images = 2 * sum(len(langs) for langs in costs.values())  # wide and phone
    after_draw = sum(totals[s] for s in STAGES[1:])
    lines = [f"{len(costs)} figure script(s), {images} images, CPU seconds", ""]
    lines += ["| stage | CPU s | per image |", "| --- | ---: | ---: |"]
    lines += [f"| {s} | {totals[s]:.1f} | {totals[s] / images:.3f} |" for s in STAGES]
    lines.append(f"| total | {sum(totals.values()):.1f} | {sum(totals.values()) / images:.3f} |")
    lines += [
        "",
        f"stages after draw (the floor with free experiments): {after_draw:.1f} s, "
        f"{after_draw / images:.3f} s per image",
        "capstone: "
        + ("read from .cache/capstone/" if capstone else "trained (none in .cache/capstone/)"),
        "",
        "| figure | CPU s (both languages) | draw | saves and phone layout |",
        "| --- | ---: | ---: | ---: |",
    ]
    for total, name, langs in sorted(per_figure, reverse=True)[:top]:
        drawn = sum(s.get("draw", 0.0) for s in langs.values())
        lines.append(f"| {name} | {total:.2f} | {drawn:.2f} | {total - drawn:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", help="figure scripts (default: all)")
    parser.add_argument("--top", type=int, default=15, help="costliest figures listed")
    parser.add_argument("--json", type=Path, help="also write the costs to this file")
    args = parser.parse_args(argv)
    known = figures.figure_names()
    unknown = sorted(set(args.names) - set(known))
    if unknown:
        parser.error(f"names: no figure script {', '.join(unknown)} in docs/figures/")
    capstone = any((ROOT / ".cache" / "capstone").glob("*.json"))  # before a run writes one
    costs = measure(args.names or known)
    print(report(costs, args.top, capstone))
    if args.json:
        args.json.write_text(json.dumps(costs, indent=1) + "\n")


if __name__ == "__main__":
    main()
