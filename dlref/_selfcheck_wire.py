"""The channel between ``dlref check`` and the child process running a learner's code.

A message is a JSON header and raw array bytes, framed as::

    b"DLRF" | header length (u32) | number of blobs (u32) | header | (blob length (u64) | blob)*

Values cross as plain data only: ``None``, ``bool``, ``int``, ``float``, ``str``, lists,
tuples, dicts with string keys, NumPy arrays and scalars of a numeric dtype (rebuilt from
their bytes with ``np.frombuffer``, never unpickled), dlref's ``RunningStats`` and
``BatchNormCache``, and the one function the checks pass to learner code
(``WeightedTanhSum``). Anything else a learner's code returns stays in the child as a *handle*:
the parent gets a ``Remote`` standing for it (with the plain array ``np.asarray`` made of it
there, if any) and can only hand it back to the learner's code or call its methods.

So no object of the learner's reaches the process that judges: a lying ``__eq__``, ``__sub__``
or ``__array_ufunc__`` stays behind, and whatever arrives is decoded by this module into a
new plain object. Anything malformed raises ``Garbled``.
"""

from __future__ import annotations

import json
import math
import os
import queue
import struct
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

MAGIC = b"DLRF"
_HEAD = struct.Struct("!4sII")
_BLOB = struct.Struct("!Q")
#: The largest message either side accepts (a learner's result of a few MB is far below).
MAX_BYTES = 1 << 28
_MAX_DEPTH = 40
_NUMERIC = "biufc"


class Garbled(Exception):
    """A message that is not one this module wrote: cut short, oversized or malformed."""


class RemoteRaised(Exception):
    """The learner's code raised in the child; the message is ``Type: text``."""


class Ended(Exception):
    """The other end closed the channel (the child process ended) before a whole message."""


class TimedOut(Exception):
    """No whole message arrived before the deadline."""


@dataclass(frozen=True, eq=False)
class WeightedTanhSum:
    r"""The function $f(v) = \sum \text{dout} \odot \tanh(v)$ that ``numerical_gradient`` is
    checked on; sent to the child as its data, so the child runs it with its own NumPy."""

    dout: np.ndarray

    def __call__(self, v: np.ndarray) -> float:
        return float(np.sum(self.dout * np.tanh(v)))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WeightedTanhSum) and np.array_equal(self.dout, other.dout)

    __hash__ = None  # type: ignore[assignment]


class Remote:
    """In the parent: an object of the learner's that stays in the child, by handle.

    It can be handed back to the learner's code (the child substitutes the object) and its
    public methods called (``mine.step(...)``); ``np.asarray`` gives the plain array the child
    made of it, if any. It never runs learner code in the parent.
    """

    def __init__(
        self, handle: int, type_name: str, view: np.ndarray | None, call: Callable[..., Any]
    ) -> None:
        self.handle = handle
        self.type_name = type_name
        self._view = view
        self._call = call

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        if self._view is None:
            raise TypeError(f"a {self.type_name} is not a number or an array")
        return np.array(self._view, dtype=dtype)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return RemoteMethod(self._call, self.handle, name)

    def __deepcopy__(self, memo: dict[int, Any]) -> Remote:
        return self  # a handle: copying the parent's stand-in would not copy the object

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Remote) and other.handle == self.handle

    def __hash__(self) -> int:
        return hash(self.handle)

    def __repr__(self) -> str:
        return f"<your {self.type_name}>"


class RemoteTuple(tuple[Any, ...]):
    """In the parent: a learner's tuple subclass (a namedtuple of its own), as a plain tuple
    of its decoded items that, handed back, becomes the learner's object again."""

    handle: int
    type_name: str

    def __deepcopy__(self, memo: dict[int, Any]) -> RemoteTuple:
        return self


@dataclass(frozen=True)
class RemoteMethod:
    """In the parent: a callable standing for a learner's function or method in the child."""

    call: Callable[..., Any]
    handle: int | str
    method: str | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        out, _, _, _ = self.call(self.handle, self.method, list(args), kwargs)
        return out


# --- encoding ---------------------------------------------------------------------------------


_NAMED = ("RunningStats", "BatchNormCache")


def _named_tuple(name: str) -> type:
    """dlref's namedtuple ``name`` (imported only when one crosses: the child starts without
    importing dlref)."""
    from dlref import batchnorm

    return {"RunningStats": batchnorm.RunningStats, "BatchNormCache": batchnorm.BatchNormCache}[
        name
    ]


class Encoder:
    """Turn a value into JSON-able data and blobs; ``keep`` stores what cannot cross."""

    def __init__(self, keep: Callable[[Any], dict[str, Any]] | None = None) -> None:
        self.blobs: list[bytes] = []
        self._keep = keep

    def array(self, a: np.ndarray) -> dict[str, Any]:
        a = np.array(a, copy=True, subok=False, order="C")
        self.blobs.append(a.tobytes())
        return {"nd": len(self.blobs) - 1, "dtype": a.dtype.str, "shape": list(a.shape)}

    def __call__(self, value: Any, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH:
            return self._kept(value)
        t = type(value)
        if value is None or t in (bool, int, str):
            return value
        if t is float:
            return {"float": repr(value)}  # nan and inf survive, and no JSON rounding
        if isinstance(value, np.ndarray) and value.dtype.kind in _NUMERIC:
            return self.array(value)
        if isinstance(value, np.generic) and value.dtype.kind in _NUMERIC:
            return {"scalar": self.array(np.asarray(value))}
        if isinstance(value, (WeightedTanhSum, Remote, RemoteTuple)):
            return self._special(value, depth)
        if t in (list, tuple):
            return {t.__name__: [self(v, depth + 1) for v in value]}
        if t is dict and all(type(k) is str for k in value):
            return {"dict": {k: self(v, depth + 1) for k, v in value.items()}}
        if isinstance(value, tuple) and t.__name__ in _NAMED and t is _named_tuple(t.__name__):
            return {"named": t.__name__, "items": [self(v, depth + 1) for v in value]}
        return self._kept(value)

    def _special(self, value: Any, depth: int) -> Any:
        if isinstance(value, WeightedTanhSum):
            return {"weighted_tanh_sum": self.array(value.dout)}
        return {"handle": value.handle}

    def _kept(self, value: Any) -> Any:
        if self._keep is None:
            raise TypeError(f"cannot send a {type(value).__name__}")
        return self._keep(value)


class Decoder:
    """Rebuild plain values from JSON data and blobs; ``Garbled`` on anything else."""

    def __init__(
        self, blobs: list[bytes], resolve: Callable[[dict[str, Any], Decoder], Any]
    ) -> None:
        self._blobs = blobs
        self._resolve = resolve

    def array(self, spec: Any) -> np.ndarray:
        try:
            blob = self._blobs[spec["nd"]]
            dtype = np.dtype(spec["dtype"])
            shape = tuple(int(n) for n in spec["shape"])
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise Garbled(f"bad array: {exc}") from exc
        if dtype.kind not in _NUMERIC or dtype.hasobject or any(n < 0 for n in shape):
            raise Garbled(f"bad array dtype or shape: {dtype}, {shape}")
        if dtype.itemsize * math.prod(shape) != len(blob) or len(shape) > 32:
            raise Garbled("array bytes do not match its shape")
        return np.frombuffer(blob, dtype=dtype).reshape(shape).copy()

    def __call__(self, data: Any, depth: int = 0) -> Any:
        if depth > _MAX_DEPTH + 1:
            raise Garbled("nested too deep")
        if data is None or type(data) in (bool, int, str):
            return data
        if type(data) is not dict or len(data) == 0:
            raise Garbled(f"unexpected {type(data).__name__}")
        try:
            return self._tagged(data, depth)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise Garbled(f"malformed value: {exc!r}") from exc

    def _tagged(self, data: dict[str, Any], depth: int) -> Any:
        if "float" in data:
            return float(str(data["float"]))
        if "nd" in data:
            return self.array(data)
        if "scalar" in data:
            a = self.array(data["scalar"])
            if a.shape != ():
                raise Garbled("a scalar with a shape")
            return a[()]
        if "list" in data:
            return [self(v, depth + 1) for v in _seq(data["list"])]
        if "tuple" in data:
            return tuple(self(v, depth + 1) for v in _seq(data["tuple"]))
        if "dict" in data:
            items = data["dict"]
            if type(items) is not dict:
                raise Garbled("a dict that is not one")
            return {str(k): self(v, depth + 1) for k, v in items.items()}
        if "named" in data:
            cls = _named_tuple(str(data["named"]))
            return cls(*(self(v, depth + 1) for v in _seq(data["items"])))
        if "weighted_tanh_sum" in data:
            return WeightedTanhSum(self.array(data["weighted_tanh_sum"]))
        if "handle" in data or "remote" in data:
            return self._resolve(data, self)
        raise Garbled(f"unknown value tag {sorted(data)[:3]}")


def _seq(items: Any) -> list[Any]:
    if type(items) is not list:
        raise Garbled("a sequence that is not a list")
    return items


# --- framing ------------------------------------------------------------------------------------


def pack(header: dict[str, Any], blobs: list[bytes]) -> bytes:
    """One message as bytes."""
    text = json.dumps(header, allow_nan=False).encode()
    parts = [_HEAD.pack(MAGIC, len(text), len(blobs)), text]
    for b in blobs:
        parts += [_BLOB.pack(len(b)), b]
    return b"".join(parts)


def write_all(
    fd: int, data: bytes, write: Callable[[int, memoryview], int] = os.write
) -> None:
    """Write every byte of ``data`` to ``fd``."""
    view = memoryview(data)
    while view:
        view = view[write(fd, view) :]


class Worker:
    """A thread that runs jobs (the parent's reads and writes of the channel) one at a time,
    while the caller waits for each with a deadline (``queue.Queue.get(timeout=...)``): the
    same code on every OS, where ``select`` on pipes is POSIX only. After a job timed out the
    worker is still in it, so every later one times out at once; the caller ends the child,
    which ends the job."""

    def __init__(self) -> None:
        self._jobs: queue.Queue[Callable[[], Any] | None] = queue.Queue()
        self._done: queue.Queue[tuple[bool, Any]] = queue.Queue()
        self._late = False
        self.waited = 0.0  # seconds spent waiting for jobs, over all of them
        self._thread = threading.Thread(target=self._run, args=(self._jobs, self._done))
        self._thread.daemon = True
        self._thread.start()

    @staticmethod
    def _run(
        jobs: queue.Queue[Callable[[], Any] | None], done: queue.Queue[tuple[bool, Any]]
    ) -> None:
        while True:
            job = jobs.get()
            if job is None:
                return
            try:
                done.put((True, job()))
            except BaseException as exc:  # handed to the caller, raised there
                done.put((False, exc))
            del job  # holds its owner (a Reader): let it be collected while the thread waits

    def run(self, job: Callable[[], Any], budget: float) -> Any:
        """``job()`` run by the thread, if it ends before ``budget`` - ``waited`` s have passed;
        ``TimedOut`` otherwise. What it raises is raised here."""
        if self._late:
            raise TimedOut
        start = time.monotonic()
        self._jobs.put(job)
        try:
            ok, value = self._done.get(timeout=max(0.0, budget - self.waited))
        except queue.Empty:
            self._late = True
            raise TimedOut from None
        finally:
            self.waited += time.monotonic() - start
        if not ok:
            raise value
        return value

    def stop(self, timeout: float) -> bool:
        """End the thread once its job (if any) is over; whether it ended within ``timeout`` s."""
        self._jobs.put(None)
        self._thread.join(timeout)
        return not self._thread.is_alive()


class Reader:
    """Read whole messages from ``fd``: blocking (the child, which waits for the next call as
    long as it takes), or with a budget of seconds, counted over all the messages read."""

    def __init__(self, fd: int, read: Callable[[int, int], bytes] = os.read) -> None:
        self._fd = fd
        self._read = read
        self._worker: Worker | None = None

    @property
    def waited(self) -> float:
        return 0.0 if self._worker is None else self._worker.waited

    def _exactly(self, n: int) -> bytes:
        chunks: list[bytes] = []
        while n:
            chunk = self._read(self._fd, min(n, 1 << 20))
            if not chunk:
                raise Ended
            chunks.append(chunk)
            n -= len(chunk)
        return b"".join(chunks)

    def message(self, budget: float | None = None) -> tuple[dict[str, Any], list[bytes]]:
        """The next message: its header and blobs. ``budget``: seconds this reader may wait in
        all (over every message it reads; read by a ``Worker`` thread), else no limit."""
        if budget is None:
            return self.next()
        if self._worker is None:
            self._worker = Worker()
            weakref.finalize(self, self._worker.stop, 0.0)  # its thread ends with this reader
        result: tuple[dict[str, Any], list[bytes]] = self._worker.run(self.next, budget)
        return result

    def next(self) -> tuple[dict[str, Any], list[bytes]]:
        """The next message, waiting for it as long as it takes."""
        magic, n_text, n_blobs = _HEAD.unpack(self._exactly(_HEAD.size))
        if magic != MAGIC or n_text > MAX_BYTES or n_blobs > 10_000:
            raise Garbled("not a message of the check")
        try:
            header = json.loads(self._exactly(n_text))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise Garbled(f"unreadable header: {exc}") from exc
        if type(header) is not dict:
            raise Garbled("a header that is not a dict")
        blobs, total = [], n_text
        for _ in range(n_blobs):
            (size,) = _BLOB.unpack(self._exactly(_BLOB.size))
            total += size
            if total > MAX_BYTES:
                raise Garbled("a message larger than the check accepts")
            blobs.append(self._exactly(size))
        return header, blobs
