"""The parent side of ``dlref check``: a child process running a learner's code, driven by calls.

The parent never imports the learner's file. It computes every input, every reference and
every verdict itself, with its own NumPy and its own dlref; the child only runs the learner's
functions on the inputs it is sent and sends back what they returned, as plain data
(``_selfcheck_wire``). What the child can make the parent believe is therefore only "the
learner's code returned this", which the learner's code could do anyway by returning it. A
child that ends, stops answering, or sends anything but a well-formed reply to the call just
made, is reported as a crash, a time-out or a failure: never as a pass.
"""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from dlref._selfcheck_specs import registered
from dlref._selfcheck_wire import (
    Decoder,
    Encoder,
    Ended,
    Garbled,
    Reader,
    Remote,
    RemoteMethod,
    RemoteRaised,
    RemoteTuple,
    TimedOut,
    Worker,
    pack,
    write_all,
)


class ChildGone(BaseException):
    """The child cannot go on: ``payload`` says why (``timeout``, ``ended``, ``error`` or
    ``garbled``). A BaseException, so no ``except Exception`` of the checks swallows it."""

    def __init__(self, payload: dict[str, Any]) -> None:
        super().__init__(payload)
        self.payload = payload


class RemoteFunction(RemoteMethod):
    """A learner's checkable function (or class) in the child, with the signature it has there."""

    params: list[tuple[str, int]] | None = None

    @property
    def __signature__(self) -> inspect.Signature:
        if self.params is None:
            raise ValueError("no signature")
        return inspect.Signature(
            [inspect.Parameter(n, inspect._ParameterKind(k)) for n, k in self.params]
        )


def _text(value: Any, limit: int = 2000) -> str:
    """A string from the child, made safe to print: no control characters (a terminal escape
    sequence, a carriage return that would overwrite the report) but line breaks, at most
    ``limit`` characters."""
    return "".join(c if c.isprintable() or c == "\n" else "?" for c in str(value)[:limit])


class Child:
    """One child process running the learner's ``impl``; waits at most ``timeout`` s in all."""

    def __init__(self, impl: str, timeout: float) -> None:
        import dlref

        # the child must import this very dlref, wherever it was loaded from
        root = str(Path(dlref.__file__).resolve().parents[1])
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])),
        )
        self.impl = impl
        self.timeout = timeout
        self._stderr = tempfile.TemporaryFile()
        # The channel is the child's stdin (calls) and its stdout (replies), which the child
        # moves to a private copy of the fd before it imports the learner's file, pointing fd 1
        # and sys.stdout at os.devnull: what the learner prints is never read as a reply. Plain
        # pipes, written and read by a thread the parent waits for with a deadline: the same
        # code on every OS (no pass_fds, no select on pipes). Binary on Windows too: subprocess
        # opens its ends without O_TEXT, and Python sets the child's fds 0-2 to O_BINARY.
        self._proc = subprocess.Popen(
            # run as a file, the child starts without importing dlref (only NumPy)
            [sys.executable, str(Path(__file__).with_name("_selfcheck_child.py")), impl,
             *registered()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            bufsize=0,
            env=env,
        )
        assert self._proc.stdin is not None and self._proc.stdout is not None
        # Both ends are used through their file objects: closed, they refuse any further use,
        # where a closed fd number could be reused by another file.
        self._requests, replies = self._proc.stdin, self._proc.stdout
        self._reader = Reader(replies.fileno(), lambda _, n: replies.read(n) or b"")
        self._channel = Worker()
        self.names: list[str] = []
        self.signatures: dict[str, Any] = {}
        self.origins: dict[str, str] = {}
        self._hello()

    # the channel ------------------------------------------------------------------------------

    def _left(self) -> float:
        return self.timeout - self._channel.waited

    def _exchange(self, request: bytes | None) -> tuple[dict[str, Any], list[bytes]]:
        """Send ``request`` (if any) and receive the reply, within the time left. A child that
        ends, is late, or replies with anything but a message, is gone; an error it reports
        ends the check of this name."""

        def job() -> tuple[dict[str, Any], list[bytes]]:
            if request is not None:
                try:
                    write_all(-1, request, lambda _, view: self._requests.write(view) or 0)
                except (OSError, ValueError):  # the child closed its end (or we did)
                    raise Ended from None
            return self._reader.next()

        try:
            header, blobs = self._channel.run(job, self.timeout)
        except TimedOut:
            self._gone({"timeout": self.timeout})
        except Ended:
            self._ended()
        except Garbled as exc:
            self._gone({"garbled": str(exc)})
        if "error" in header:
            self._gone(
                {
                    "error": _text(header.get("error")),
                    "message": _text(header.get("message")),
                    "file": _text(header.get("file") or "", 500),
                    "line": header.get("line") if type(header.get("line")) is int else None,
                }
            )
        return header, blobs

    def _gone(self, payload: dict[str, Any]) -> Any:
        self.close()
        raise ChildGone(payload)

    def _ended(self) -> Any:
        """The channel closed: wait (within the time left) for the process, report how it ended."""
        try:
            code = self._proc.wait(timeout=max(0.1, self._left()))
        except subprocess.TimeoutExpired:
            self._gone({"timeout": self.timeout})
        size = self._stderr.seek(0, os.SEEK_END)
        self._stderr.seek(max(0, size - (1 << 20)))  # its last MB: where a crash is told
        said = _text(self._stderr.read().decode(errors="replace"), 1 << 20)
        self._gone({"ended": code, **crash_place(said, self.impl)})

    def close(self) -> None:
        """End the child (it is waiting for a call, or misbehaving) and free the channel."""
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        assert self._proc.stdout is not None
        # The pipes are closed once the thread using them is done (the child's end closed, it
        # ends its job). A process the learner's code started may still hold the reply pipe's
        # write end: the thread then keeps both until that process lets go.
        if self._channel.stop(1.0):
            self._requests.close()
            self._proc.stdout.close()
        self._stderr.close()

    # the protocol -----------------------------------------------------------------------------

    def _hello(self) -> None:
        header, _ = self._exchange(None)
        names: Any = header.get("names")
        signatures: Any = header.get("signatures")
        origins: Any = header.get("origins")
        if not (
            type(names) is list
            and all(type(n) is str for n in names)
            and type(signatures) is dict
            and type(origins) is dict
        ):
            self._gone({"garbled": "the first message is not the list of names"})
        self.names = names
        self.signatures = signatures
        self.origins = {n: _text(origins.get(n, "")) for n in names}

    def function(self, name: str) -> RemoteFunction:
        """A callable standing for the learner's ``name``."""
        f = RemoteFunction(self.call, name)
        params = self.signatures.get(name)
        if type(params) is list and all(
            type(p) is list and len(p) == 2 and type(p[0]) is str and p[1] in range(5)
            for p in params
        ):
            object.__setattr__(f, "params", [(p[0], p[1]) for p in params])
        return f

    def call(
        self, target: int | str, method: str | None, args: list[Any], kwargs: dict[str, Any]
    ) -> tuple[Any, list[Any], dict[str, Any], list[tuple[str, str]]]:
        """Run the learner's ``target`` (a name or a handle; ``method`` of it) in the child.

        Returns what it returned, the arguments as it left them, and the warnings it raised,
        all decoded to plain values; raises ``RemoteRaised`` if it raised.
        """
        encoder = Encoder()
        header = {
            "call": target,
            "method": method,
            "args": encoder(list(args)),
            "kwargs": encoder(dict(kwargs)),
        }
        reply, blobs = self._exchange(pack(header, encoder.blobs))
        if "raised" in reply:
            raise RemoteRaised(_text(reply["raised"]))
        decode = Decoder(blobs, self._remote)
        try:
            out = decode(reply["out"])
            new_args = decode(reply["args"])
            new_kwargs = decode(reply["kwargs"])
            said = [(_text(c, 80), _text(m)) for c, m in reply["warnings"]]
        except (Garbled, KeyError, TypeError, ValueError) as exc:
            self._gone({"garbled": str(exc)})
        if (
            type(new_args) is not list
            or len(new_args) != len(args)
            or type(new_kwargs) is not dict
            or new_kwargs.keys() != kwargs.keys()
        ):
            self._gone({"garbled": "the arguments sent back are not the ones sent"})
        return out, new_args, new_kwargs, said

    def _remote(self, data: dict[str, Any], decode: Decoder) -> Any:
        """The parent's stand-in for an object of the learner's held in the child."""
        handle, name = data.get("remote"), _text(data.get("type", "object"), 80)
        if type(handle) is not int:
            raise Garbled("a handle that is not an int")
        if "items" in data:
            items = data["items"]
            if type(items) is not list:
                raise Garbled("a tuple that is not a list")
            tup = RemoteTuple(decode(v, 1) for v in items)
            tup.handle, tup.type_name = handle, name
            return tup
        view = None if data.get("view") is None else decode.array(data["view"])
        return Remote(handle, name, view, self.call)


def crash_place(stderr: str, impl: str) -> dict[str, Any]:
    """What a child that ended without an answer left on stderr: the last line, or for a
    crash the fault (Python's fault handler) and the line of ``impl`` it happened in."""
    lines = [x.strip() for x in stderr.splitlines() if x.strip()]
    fatal = [x for x in lines if x.startswith("Fatal Python error")]
    found: dict[str, Any] = {"stderr": fatal[0] if fatal else lines[-1] if lines else ""}
    target = Path(impl).resolve()
    for match in re.finditer(r'File "(.+?)", line (\d+)', stderr):
        if Path(match[1]).resolve() == target:  # innermost first in a fault handler's dump
            found.update(file=match[1], line=int(match[2]))
            break
    return found
