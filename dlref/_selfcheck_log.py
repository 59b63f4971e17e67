"""Internals of ``dlref.selfcheck``: the comparison log and the registry of checks."""

from __future__ import annotations

import copy
import math
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dlref._selfcheck_wire import Remote, RemoteMethod, RemoteRaised, RemoteTuple

#: How many disagreeing cases a report spells out; the rest are only counted.
MAX_PROBLEMS = 3


class CallFailed(Exception):
    """Your code raised; the message says where."""


@dataclass
class Log:
    """What a spec found while comparing; the engine turns it into a result."""

    compared: int = 0
    mismatched: int = 0
    failed: int = 0
    modified: int = 0
    not_judged: int = 0
    max_diff: float = float("nan")
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    slip_hits: dict[str, int] = field(default_factory=dict)
    slip_misses: dict[str, int] = field(default_factory=dict)

    def named_slips(self) -> list[str]:
        """Hints recorded directly, then each modelled slip that matched every case it was
        tried on: it matched at least one disagreeing case, and no case contradicted it (a
        disagreement it does not explain, or an agreement where the slip would disagree)."""
        modelled = [t for t in self.slip_hits if not self.slip_misses.get(t)]
        return [*self.hints, *(t for t in modelled if t not in self.hints)]

    def problem(self, text: str) -> None:
        """Record a failed comparison: the case's label, a newline, what went wrong."""
        self.compared += 1
        self.mismatched += 1
        self.failed += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)

    def unjudged(self, reason: str) -> None:
        """Record a case that could not be judged (neither a pass nor a failure), and why."""
        self.not_judged += 1
        self.warn(reason)

    def _modified(self, text: str) -> None:
        """Record an input the learner's code changed in place: a failure, not a comparison."""
        self.modified += 1
        self.failed += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)

    def _track(self, diff: float) -> None:
        self.max_diff = diff if math.isnan(self.max_diff) else max(self.max_diff, diff)

    def warn(self, text: str) -> None:
        """Record a warning once."""
        if text not in self.warnings:
            self.warnings.append(text)

    def hint(self, text: str) -> None:
        """Record a recognised slip once."""
        if text not in self.hints:
            self.hints.append(text)

    def call(
        self,
        func: Callable[..., Any],
        label: str,
        *args: Any,
        mutable: int | None = None,
        **kwargs: Any,
    ) -> Any:
        """Call the learner's ``func`` on fresh copies of the arguments.

        The caller's arrays are never handed over, so the reference, computed on them, is
        right even when the learner's code modifies its input. Records any argument it
        modified (except the positional one at index ``mutable``, which the API updates in
        place and which is therefore passed itself) and any warning it raised; raises
        ``CallFailed`` when it raises.
        """
        work = [a if i == mutable else copy.deepcopy(a) for i, a in enumerate(args)]
        kw_work = copy.deepcopy(kwargs)
        if isinstance(func, RemoteMethod):  # the learner's code in a child process
            try:
                out, work, kw_work, said = func.call(func.handle, func.method, work, kw_work)
            except RemoteRaised as exc:
                raise CallFailed(f"{label}:\nyour code raised {exc}") from None
            if mutable is not None:  # the API updates it in place: so does the call here
                _put_back(args[mutable], work[mutable])
                work[mutable] = args[mutable]
            for category, message in said:
                self.warn(f"{label}:\n{category}: {message}")
        else:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    out = func(*work, **kw_work)
                except Exception as exc:  # the learner's code: report any error
                    raise CallFailed(
                        f"{label}:\nyour code raised {type(exc).__name__}: {exc}"
                    ) from exc
            for w in caught:
                self.warn(f"{label}:\n{w.category.__name__}: {w.message}")
        named = [
            (f"argument {i + 1}", b, a) for i, (b, a) in enumerate(zip(args, work, strict=True))
        ]
        named += [(f"argument {k!r}", kwargs[k], kw_work[k]) for k in kwargs]
        for i, (what, old, new) in enumerate(named):
            if i != mutable and not _same(old, new):
                self._modified(f"{label}:\nyour code modified its input ({what})")
        return out

    def compare(
        self,
        label: str,
        got: Any,
        expected: Any,
        *,
        rtol: float = 1e-7,
        atol: float = 1e-10,
        slips: Iterable[tuple[Callable[[], Any], str]] = (),
        parts: Sequence[str] = (),
        track: bool = True,
    ) -> bool:
        """Compare ``got`` with ``expected``; on a mismatch, try the known slips.

        Each slip is a thunk giving what a particular mistake would return, and
        the hint to show when ``got`` matches it.
        """
        trouble = difference(got, expected, rtol, atol, parts)
        agreed = isinstance(trouble, float)
        if agreed:
            self.compared += 1
            if track:  # statistical comparisons stay out of the largest difference
                self._track(float(trouble))
            self._dtype_warning(label, got, expected)
        else:
            self.problem(f"{label}:\n{trouble}")
            worst = _numeric_difference(got, expected)
            if track and worst is not None:  # the largest difference covers failed cases too
                self._track(worst)
        for wrong, text in slips:
            try:  # a model of a slip may itself fail on an edge case: then it says nothing here
                with np.errstate(all="ignore"), warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    alternative = wrong()
            except Exception:
                continue
            if not all(np.isfinite(leaf).all() for leaf in _leaves(alternative)):
                continue
            if isinstance(difference(expected, alternative, rtol, atol), float):
                if not agreed:  # the slip gives the right answer here: it cannot explain this
                    self.slip_misses[text] = self.slip_misses.get(text, 0) + 1
                continue
            matches = isinstance(difference(got, alternative, rtol, atol), float)
            if matches and not agreed:
                self.slip_hits[text] = self.slip_hits.get(text, 0) + 1
            else:
                self.slip_misses[text] = self.slip_misses.get(text, 0) + 1
        return agreed

    def _dtype_warning(self, label: str, got: Any, expected: Any) -> None:
        for g, e in zip(_leaves(got), _leaves(expected), strict=False):
            if e.dtype == np.float32 and g.dtype != np.float32:
                self.warn(f"{label}:\nfloat32 in, {g.dtype} out (dlref keeps float32)")
                return


def _put_back(old: Any, new: Any) -> None:
    """Make ``old`` (an argument the API updates in place) hold ``new``, the child's copy of it
    after the call."""
    if isinstance(old, dict) and isinstance(new, dict):
        old.clear()
        old.update(new)
    elif isinstance(old, list) and isinstance(new, list):
        old[:] = new
    elif isinstance(old, np.ndarray) and np.shape(new) == old.shape:
        old[...] = new


def _same(a: Any, b: Any) -> bool:
    """Whether two argument values are identical (arrays bit for bit)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    try:
        return bool(a == b)
    except Exception:
        return a is b


def _leaves(value: Any) -> list[np.ndarray]:
    if isinstance(value, (tuple, list)):
        return [leaf for v in value for leaf in _leaves(v)]
    return [np.asarray(value)]


def difference(
    got: Any, expected: Any, rtol: float, atol: float, parts: Sequence[str] = ()
) -> float | str:
    """The largest absolute difference, or a sentence saying why they differ."""
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return f"expected {len(expected)} results, got {describe(got)}"
        worst = 0.0
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            d = difference(g, e, rtol, atol)
            if isinstance(d, str):
                return f"{parts[i] if i < len(parts) else f'result {i + 1}'}: {d}"
            worst = max(worst, d)
        return worst
    try:
        g = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return f"expected a number or an array, got {describe(got)}"
    e = np.asarray(expected, dtype=np.float64)
    if g.shape != e.shape:
        return f"expected shape {e.shape}, got shape {g.shape}"
    bad = ~np.isfinite(g) & np.isfinite(e)
    if bad.any():
        idx = tuple(int(i) for i in np.argwhere(bad)[0])
        where = f" at index {idx}" if idx else ""
        return f"got {g[idx]}{where} where the reference gives {e[idx]:.6g}"
    if not np.allclose(g, e, rtol=rtol, atol=atol, equal_nan=True):
        err = np.atleast_1d(np.abs(g - e) - rtol * np.abs(e))
        err[np.isnan(err)] = -np.inf  # NaN in both: equal
        idx = tuple(int(i) for i in np.unravel_index(int(np.argmax(err)), e.shape or (1,)))[
            : e.ndim
        ]
        where = f" at index {idx}" if idx else ""
        return f"got {g[idx]:.6g}{where}, the reference gives {e[idx]:.6g}"
    diff = np.abs(g - e)
    diff = diff[np.isfinite(diff)]
    return float(diff.max()) if diff.size else 0.0


def _numeric_difference(got: Any, expected: Any) -> float | None:
    """Largest |got - expected| over matching shapes (inf where got is not finite), else None."""
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)) or len(got) != len(expected):
            return None
        parts = [_numeric_difference(g, e) for g, e in zip(got, expected, strict=True)]
        known = [p for p in parts if p is not None]
        return None if len(known) < len(parts) else max([0.0, *known])
    try:
        g = np.asarray(got, dtype=np.float64)
        e = np.asarray(expected, dtype=np.float64)
    except (TypeError, ValueError):
        return None
    if g.shape != e.shape or g.size == 0:
        return None
    g, e = np.atleast_1d(g), np.atleast_1d(e)
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.abs(g - e)
    diff[~np.isfinite(g) & np.isfinite(e)] = np.inf
    diff = diff[~np.isnan(diff)]
    return float(diff.max()) if diff.size else None


def describe(value: Any) -> str:
    """A few words on what a value is (its type, and a shape or length)."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    kind = value.type_name if isinstance(value, (Remote, RemoteTuple)) else type(value).__name__
    if isinstance(value, (tuple, list)):
        return f"a {kind} of {len(value)}"
    return f"a {kind}"


Spec = Callable[[Callable[..., Any], dict[str, Any], np.random.Generator, Log], None]
"""A spec runs the learner's implementation (and, for a backward, the learner's
other functions it needs, by name) and records comparisons in the log."""

SPECS: dict[str, Spec] = {}


def register(name: str) -> Callable[[Spec], Spec]:
    """Decorator: make ``name`` checkable with this spec."""

    def add(spec: Spec) -> Spec:
        SPECS[name] = spec
        return spec

    return add
