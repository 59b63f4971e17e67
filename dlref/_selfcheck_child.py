"""The child process of ``dlref check``: import a learner's file, then run its functions on
the inputs the parent sends, and send back what they returned.

The learner's code runs here, never in the ``dlref check`` process, and this process judges
nothing: it has no reference, no tolerance and no verdict to report. The parent runs::

    python path/to/dlref/_selfcheck_child.py IMPL NAME...

with pipes as its stdin (requests) and stdout (replies), ``_selfcheck_wire`` messages. Before
the learner's file is imported, the child takes both for itself (``private_channel``): it keeps
copies of fds 0 and 1 that no subprocess inherits, and points fds 0 and 1, ``sys.stdin`` and
``sys.stdout`` at ``os.devnull``, so ``print`` and ``input`` in the learner's code touch
neither. After the import the child sends the names the
file defines (of the checkable NAMEs); then, for each request
``{"call": name-or-handle, "method", "args", "kwargs"}``, it calls the learner's code on fresh
copies of the arguments and replies with the result, the arguments as the call left them, and
the warnings it raised. Whatever goes wrong ends in a reply saying so, or in no reply at all
(the parent then reports a crash).
"""

from __future__ import annotations

import faulthandler
import importlib
import importlib.util
import inspect
import os
import sys
import traceback
import warnings
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any, NoReturn

import numpy as np

if __package__:
    from dlref._selfcheck_wire import Decoder, Encoder, Garbled, Reader, pack, write_all
else:  # run as a file by `dlref check`: the channel alone, without importing all of dlref
    from _selfcheck_wire import (  # type: ignore[no-redef]
        Decoder,
        Encoder,
        Garbled,
        Reader,
        pack,
        write_all,
    )

    del sys.path[0]  # dlref's own directory: the learner's imports must not find its modules

# The real ones, taken before the learner's code runs: it may replace os._exit or os.write.
_exit = os._exit
_write = os.write
_read = os.read


def load(impl: ModuleType | str | Path) -> ModuleType:
    """``impl`` as a module: a module itself, a ``.py`` file imported, or a module name."""
    if isinstance(impl, ModuleType):
        return impl
    if not isinstance(impl, (str, Path)):
        raise TypeError(
            f"impl must be a module, a .py path or a module name, got {type(impl).__name__}"
        )
    path = Path(impl)
    if path.suffix == ".py" or path.exists():
        if not path.is_file():
            raise FileNotFoundError(f"impl: no such file: {path}")
        spec = importlib.util.spec_from_file_location(path.stem, path)
        if spec is None or spec.loader is None:
            raise ValueError(f"impl must be a Python file, got {path}")
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(path.resolve().parent))
        try:
            spec.loader.exec_module(module)
        finally:
            sys.path.pop(0)
        return module
    return importlib.import_module(str(impl))


class Server:
    """The learner's module and the objects of it the parent holds by handle."""

    def __init__(self, impl: str, reply_fd: int) -> None:
        self.impl = impl
        self.reply_fd = reply_fd
        self.kept: dict[int, Any] = {}
        self._handles: dict[int, int] = {}  # id() of a kept object -> its handle (kept alive)
        self.functions: dict[str, Any] = {}

    def send(self, header: dict[str, Any], blobs: list[bytes] | None = None) -> None:
        write_all(self.reply_fd, pack(header, blobs or []), _write)

    def end(self, header: dict[str, Any]) -> NoReturn:
        """Send a last message and leave, skipping the learner's atexit handlers."""
        try:
            self.send(header)
        finally:
            _exit(0)

    # values ---------------------------------------------------------------------------------

    def keep(self, value: Any) -> dict[str, Any]:
        """Hold ``value`` here; the parent gets a handle, its type, and a plain array of it."""
        handle = self._handles.setdefault(id(value), len(self.kept))
        self.kept[handle] = value
        out: dict[str, Any] = {"remote": handle, "type": type(value).__name__[:80]}
        if isinstance(value, tuple):  # a namedtuple of the learner's own
            out["items"] = [self.encoder(v, 1) for v in value]
            return out
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                view = np.asarray(value)
            if view.dtype.kind in "biufc":
                out["view"] = self.encoder.array(view)
        except Exception:  # the learner's object: whatever it does, it has no array
            pass
        return out

    def resolve(self, data: dict[str, Any], decode: Decoder) -> Any:
        if "handle" not in data or data["handle"] not in self.kept:
            raise Garbled("an unknown handle")
        return self.kept[data["handle"]]

    # requests -------------------------------------------------------------------------------

    def serve(self, requests: Reader) -> NoReturn:
        while True:
            try:
                header, blobs = requests.message()
            except Exception:  # the parent left, or the pipe was tampered with: nothing to do
                _exit(0)
            if "call" not in header:
                _exit(0)
            self.answer(header, blobs)

    def answer(self, header: dict[str, Any], blobs: list[bytes]) -> None:
        decode = Decoder(blobs, self.resolve)
        target = header["call"]
        func = self.functions[target] if isinstance(target, str) else self.kept[target]
        args = decode(header["args"])
        kwargs = decode(header["kwargs"])
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                if header.get("method"):
                    func = getattr(func, header["method"])
                out = func(*args, **kwargs)
            except Exception as exc:  # the learner's code raised: the parent reports it
                self.send({"raised": _raised(exc)})
                return
            except BaseException as exc:  # sys.exit, KeyboardInterrupt: ends the check
                self.end({"error": "check", "message": _describe(exc), **_where(exc, self.impl)})
        said = [[w.category.__name__, str(w.message)] for w in caught]
        self.encoder = Encoder(self.keep)
        try:
            reply = {
                "out": self.encoder(out),
                "args": self.encoder(list(args)),
                "kwargs": self.encoder(kwargs),
                "warnings": said,
            }
        except Exception as exc:  # a result whose conversion raised
            self.send({"raised": _raised(exc)})
            return
        self.send(reply, self.encoder.blobs)

    encoder: Encoder


def _raised(exc: Exception) -> str:
    """``Type: message`` of an exception of the learner's code (whose ``__str__`` may raise)."""
    try:
        return f"{type(exc).__name__}: {exc}"
    except Exception:
        return f"{type(exc).__name__}: (its message could not be turned into text)"


def _signature(func: Any) -> list[list[Any]] | None:
    """The parameters of ``func`` as ``[name, kind]`` pairs, or None if it has no signature."""
    try:
        params = inspect.signature(func).parameters.values()
    except Exception:  # the learner's object: whatever it does, no signature
        return None
    return [[p.name, int(p.kind)] for p in params]


def _origin(func: Any) -> str:
    """The module ``func`` was defined in, as its ``__module__`` says (empty if it says none)."""
    try:
        return str(func.__module__)[:200]
    except Exception:  # the learner's object: whatever it does, no origin
        return ""


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


def _report_os_exit(server: Server, phase: str) -> None:
    """Make ``os._exit`` in the learner's code report where it was called, then exit."""

    def reporting_exit(status: int) -> NoReturn:
        where = _frame_place(sys._getframe(1), server.impl)
        server.end({"error": phase, "message": f"called os._exit({status!r})", **where})

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


def private_channel() -> tuple[int, int]:
    """Take stdin and stdout (the channel) for the child alone: return private copies of fds 0
    and 1 (not inherited by subprocesses) and point fds 0, 1 and ``sys.stdin``/``sys.stdout``
    at ``os.devnull``. On every OS; fds 0 and 1 are binary (Python sets them so on Windows)
    and the copies are used with ``os.read``/``os.write`` only, so no byte is translated."""
    requests, replies = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    sys.stdin = open(os.devnull, encoding="utf-8")
    sys.stdout = open(os.devnull, "w", encoding="utf-8")
    return requests, replies


def main(argv: list[str]) -> None:
    impl, checkable = argv[0], argv[1:]
    request_fd, reply_fd = private_channel()
    faulthandler.enable()  # a crash (segfault) prints the learner's file and line on stderr
    server = Server(impl, reply_fd)
    _report_os_exit(server, "import")
    try:
        module = load(impl)
    except BaseException as exc:  # the learner's file: report anything, with its line
        server.end({"error": "import", "message": _describe(exc), **_where(exc, impl)})
    server.functions = {
        n: getattr(module, n) for n in checkable if callable(getattr(module, n, None))
    }
    _report_os_exit(server, "check")
    server.send(
        {
            "names": list(server.functions),
            "signatures": {n: _signature(f) for n, f in server.functions.items()},
            "origins": {n: _origin(f) for n, f in server.functions.items()},
        }
    )
    server.serve(Reader(request_fd, _read))


if __name__ == "__main__":
    main(sys.argv[1:])
