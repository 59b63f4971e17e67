"""The ``dlref`` command: check your own implementation against the reference.

``dlref check my_code.py`` runs every function (or optimiser class) of
``my_code.py`` named like a dlref one through [`check_module`][dlref.selfcheck.check_module]
and prints a report; the exit status is 0 when all pass, 1 when one fails and
2 on a usage error. ``dlref list`` prints the names that can be checked.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from dlref.selfcheck import CHECKABLE, check_module

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlref",
        description="Check your own implementation against the dlref reference.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser(
        "check",
        help="check the functions of a file (or module) named like dlref ones",
        description="Run every function of IMPL named like a checkable dlref one next to "
        "the reference and report where they disagree.",
    )
    check.add_argument("impl", help="a .py file or an importable module name")
    check.add_argument(
        "--only",
        metavar="NAMES",
        help="comma-separated names to check (default: every checkable name IMPL defines)",
    )
    check.add_argument("--seed", type=int, default=0, help="seed of the test inputs (default 0)")
    sub.add_parser("list", help="print the names that can be checked")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        return _run(_parser().parse_args(argv))
    except BrokenPipeError:  # e.g. `dlref list | head`: the reader left, not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _run(args: argparse.Namespace) -> int:
    if args.command == "list":
        print("\n".join(CHECKABLE))
        return 0
    names = None if args.only is None else [n.strip() for n in args.only.split(",") if n.strip()]
    try:
        results = check_module(args.impl, names=names, rng=args.seed)
    except (ValueError, TypeError, FileNotFoundError, ImportError) as exc:
        print(f"dlref check: {exc}", file=sys.stderr)
        return 2
    for r in results:
        print(r)
    n_ok = sum(r.passed for r in results)
    print(f"{n_ok} of {len(results)} passed")
    return 0 if n_ok == len(results) else 1
