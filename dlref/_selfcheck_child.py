"""The child process of ``dlref check``: import a learner's file, then list or check names.

The learner's code runs here, never in the ``dlref check`` process itself, so an endless
loop, a ``sys.exit`` or a crash cannot hang the command or end it with a false "all passed".
The parent runs::

    python -m dlref._selfcheck_child list IMPL
    python -m dlref._selfcheck_child check IMPL NAME SEED

and reads one line from standard output: ``MARK`` followed by JSON, written as this
process's very last act. No such line -- a crash, ``sys.exit``, ``os._exit``, a timeout --
means the learner's code ended the check, and the parent reports it as a failure.
"""

from __future__ import annotations

import faulthandler
import json
import os
import sys
import traceback
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn

MARK = "@@dlref-check-result@@ "

_exit = os._exit  # the real one: the learner's os._exit is replaced by a reporting one


def _emit(payload: dict[str, Any]) -> NoReturn:
    sys.stdout.write("\n" + MARK + json.dumps(payload) + "\n")
    sys.stdout.flush()
    _exit(0)  # skip the learner's atexit handlers and finalisers


def _frame_place(frame: FrameType | None, impl: str) -> dict[str, Any]:
    """File and line of the innermost frame in the learner's file, going outwards."""
    target = Path(impl).resolve() if impl.endswith(".py") else None
    first: dict[str, Any] = {}
    while frame is not None:
        name = frame.f_code.co_filename
        here = {"file": name, "line": frame.f_lineno}
        if target is not None and Path(name).resolve() == target:
            return here
        if target is None and "dlref" not in Path(name).parts:
            return here
        first = first or here
        frame = frame.f_back
    return first


def _report_os_exit(impl: str, phase: str) -> None:
    """Make ``os._exit`` in the learner's code report where it was called, then exit."""

    def reporting_exit(status: int) -> NoReturn:
        where = _frame_place(sys._getframe(1), impl)
        _emit({"error": phase, "message": f"called os._exit({status!r})", **where})

    setattr(os, "_exit", reporting_exit)  # noqa: B010 - mypy refuses assigning a function


def _where(exc: BaseException, impl: str) -> dict[str, Any]:
    """File and line in the learner's file where ``exc`` happened (the deepest such frame)."""
    if isinstance(exc, SyntaxError) and exc.filename:
        return {"file": exc.filename, "line": exc.lineno}
    target = Path(impl).resolve() if impl.endswith(".py") else None
    best: dict[str, Any] = {}
    for frame in traceback.extract_tb(exc.__traceback__):
        if target is not None and Path(frame.filename).resolve() == target:
            best = {"file": frame.filename, "line": frame.lineno}
        elif target is None and "dlref" not in Path(frame.filename).parts:
            best = {"file": frame.filename, "line": frame.lineno}
    return best


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SystemExit):
        return f"called sys.exit({exc.code!r})"
    if isinstance(exc, KeyboardInterrupt):
        return "raised KeyboardInterrupt"
    if isinstance(exc, SyntaxError):
        return f"has a SyntaxError: {exc.msg}"
    return f"raised {type(exc).__name__}: {exc}"


def main(argv: list[str]) -> None:
    from dlref.selfcheck import CHECKABLE, _load, check_function

    mode, impl = argv[0], argv[1]
    faulthandler.enable()  # a crash (segfault) prints the learner's file and line on stderr
    _report_os_exit(impl, "import")
    try:
        module = _load(impl)
    except BaseException as exc:  # the learner's file: report anything, with its line
        _emit({"error": "import", "message": _describe(exc), **_where(exc, impl)})
    defined = {n: getattr(module, n) for n in CHECKABLE if callable(getattr(module, n, None))}
    if mode == "list":
        _emit({"names": list(defined)})
    name, seed = argv[2], int(argv[3])
    _report_os_exit(impl, "check")
    try:
        result = check_function(defined[name], name, using=defined, rng=seed)
    except BaseException as exc:
        _emit({"error": "check", "message": _describe(exc), **_where(exc, impl)})
    _emit({"result": result._asdict()})


if __name__ == "__main__":
    main(sys.argv[1:])
