"""The ``dlref`` command: check your own implementation against the reference.

``dlref check my_code.py`` runs every function (or optimiser class) of
``my_code.py`` named like a dlref one through
[`check_function`][dlref.selfcheck.check_function] and prints a report.

Your code runs in child processes, one per checked name, each with a time limit
(``--timeout``, default 10 s): an endless loop is reported as "timed out" and the
other names are still checked; ``sys.exit``, ``os._exit`` or a crash, at import or
inside a function, is reported with the file and line and counts as a failure.
The references and the verdicts are computed in the ``dlref check`` process,
which never imports your file: the children only run your functions on the
inputs they are sent and return what they returned, as plain data.

Exit status: **0** every checked name passed; **1** at least one failed (or was
not judged, timed out, or ended the process); **2** nothing could be checked (the
file does not exist, does not import, defines no checkable name, or a name given to
``--only`` is wrong).
``dlref list`` prints the checkable names with their signatures.
"""

from __future__ import annotations

import argparse
import inspect
import math
import os
import sys
from collections.abc import Sequence
from typing import Any

from dlref._selfcheck_remote import Child, ChildGone
from dlref.selfcheck import CHECKABLE, CheckResult, check_function

__all__ = ["main"]

EPILOG = """exit status:
  0  every checked name passed
  1  at least one failed, was not judged, timed out or ended the process
  2  nothing could be checked (no such file, it does not import, it defines no
     checkable name, or --only names a wrong one)

Your code runs in a child process per name, with a time limit (--timeout);
the references and the verdict are computed here, never in a child."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlref",
        description="Check your own implementation against the dlref reference.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser(
        "check",
        help="check the functions of a file (or module) named like dlref ones",
        description="Run every function of IMPL named like a checkable dlref one next to "
        "the reference and report where they disagree.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("impl", help="a .py file or an importable module name")
    check.add_argument(
        "--only",
        metavar="NAMES",
        help="comma-separated names to check (default: every checkable name IMPL defines)",
    )
    check.add_argument("--seed", type=int, default=0, help="seed of the test inputs (default 0)")
    check.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="time limit for importing IMPL and for checking each name (default 10)",
    )
    sub.add_parser("list", help="print the names that can be checked, with their signatures")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        return _run(_parser().parse_args(argv))
    except BrokenPipeError:  # e.g. `dlref list | head`: the reader left, not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _signature(name: str) -> str:
    import dlref

    try:
        return f"{name}{inspect.signature(getattr(dlref, name))}"
    except (TypeError, ValueError):  # pragma: no cover - every checkable name has one
        return name


def _child(impl: str, timeout: float) -> Child | dict[str, Any]:
    """A child process that imported ``impl``, or why there is none."""
    try:
        return Child(impl, timeout)
    except ChildGone as gone:
        return gone.payload


def _check(impl: str, name: str, seed: int, timeout: float) -> CheckResult | dict[str, Any]:
    """Check ``name`` of ``impl``: its code runs in a child, the reference and the verdict
    here; the result, or why the child could not finish."""
    child = _child(impl, timeout)
    if isinstance(child, dict):
        return child
    try:
        using = {n: child.function(n) for n in child.names}
        if name not in using:  # it defined the name at listing time, not now
            return {"error": "check", "message": f"did not define {name} when imported again"}
        result = check_function(using[name], name, using=using, rng=seed)
    except ChildGone as gone:
        return gone.payload
    except Exception as exc:  # a result of the learner's broke the check's own code
        return {"error": "check", "message": f"raised {type(exc).__name__}: {exc}"}
    finally:
        child.close()
    origin = child.origins.get(name, "")
    if origin == "dlref" or origin.startswith("dlref."):
        note = (
            f"{name} here is dlref's own (from {origin}, imported into your file): "
            "this checked dlref against itself"
        )
        result = result._replace(warnings=(*result.warnings, note))
    return result


def _place(payload: dict[str, Any]) -> str:
    if payload.get("file"):
        return f"{payload['file']}, line {payload.get('line')}: "
    return ""


def _garbled(payload: dict[str, Any]) -> str:
    return (
        "wrote to the check's own channel, or broke it "
        f"(what came back is not a reply of the check: {payload['garbled']})"
    )


def _said(payload: dict[str, Any]) -> str:
    return f": {payload['stderr']}" if payload.get("stderr") else ""


def _failure(name: str, text: str) -> str:
    return f"{name}: FAIL ({text})"


def _run(args: argparse.Namespace) -> int:
    if args.command == "list":
        print("\n".join(_signature(n) for n in CHECKABLE))
        return 0
    if not (args.timeout > 0 and math.isfinite(args.timeout)):
        print(
            f"dlref check: --timeout must be a positive number of seconds, got {args.timeout}",
            file=sys.stderr,
        )
        return 2
    if args.impl.endswith(".py") and not os.path.isfile(args.impl):
        print(f"dlref check: no such file: {args.impl}", file=sys.stderr)
        return 2
    found = _child(args.impl, args.timeout)
    if isinstance(found, Child):
        found.close()
        found = {"names": found.names}
    if "timeout" in found:
        print(
            f"dlref check: importing {args.impl} did not finish within {args.timeout:g} s "
            "(an endless loop at import?)",
            file=sys.stderr,
        )
        return 2
    if "garbled" in found:
        print(
            f"dlref check: {args.impl} {_garbled(found)} at import",
            file=sys.stderr,
        )
        return 2
    if "ended" in found:
        print(
            f"dlref check: {_place(found)}{args.impl} ended the process while being imported "
            f"(exit status {found['ended']}){_said(found)}",
            file=sys.stderr,
        )
        return 2
    if "error" in found:
        print(
            f"dlref check: {_place(found)}your file {found['message']} at import", file=sys.stderr
        )
        return 2
    defined: list[str] = found["names"]
    if args.only is None:
        chosen = defined
    else:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        for n in wanted:
            if n not in CHECKABLE:
                print(
                    f"dlref check: --only must name checkable dlref names (see `dlref list`), "
                    f"got {n!r}",
                    file=sys.stderr,
                )
                return 2
            if n not in defined:
                print(f"dlref check: {args.impl} does not define {n!r}", file=sys.stderr)
                return 2
        chosen = [n for n in defined if n in wanted]
    if not chosen:
        print(
            f"dlref check: {args.impl} defines none of the checkable names (see `dlref list`)",
            file=sys.stderr,
        )
        return 2
    n_ok = n_unjudged = 0
    for name in chosen:
        out = _check(args.impl, name, args.seed, args.timeout)
        if isinstance(out, CheckResult):
            n_ok += out.passed
            n_unjudged += not out.passed and not out.failed
            print(out)
        elif "timeout" in out:
            print(
                _failure(
                    name,
                    f"timed out after {args.timeout:g} s: an endless loop, or --timeout too short",
                )
            )
        elif "error" in out:
            print(_failure(name, f"{_place(out)}your code {out['message']} while being checked"))
        elif "garbled" in out:
            print(_failure(name, f"your code {_garbled(out)} while being checked"))
        else:
            print(
                _failure(
                    name,
                    f"{_place(out)}your code ended the process (exit status {out['ended']}) "
                    f"while being checked{_said(out)}",
                )
            )
    unjudged = f", {n_unjudged} not judged" if n_unjudged else ""
    print(f"{n_ok} of {len(chosen)} passed{unjudged}")
    return 0 if n_ok == len(chosen) else 1
