r"""Check your own implementation against the reference.

Write a function (or an optimiser class) with the name and the parameters of a
dlref one — ``softmax(z)``, ``batchnorm_forward(x, gamma, beta, running)``,
``Adam(lr, beta1, beta2, eps)`` — and these checks run it next to the reference
on the same inputs: ordinary values, extreme values that catch overflow,
float32, and edge cases such as a zero vector. A check reports the first cases
that disagree, the largest difference, any input your code modified, any
warning it raised, and, when your result matches a known slip (a gradient not
divided by $m$, $\epsilon$ inside the square root, the other momentum form),
which one.

From a shell, ``dlref check my_code.py`` checks every function of the file
whose name is one of [`CHECKABLE`][dlref.selfcheck.CHECKABLE]; ``dlref list``
prints them.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import numpy as np

from dlref._checks import as_rng, as_str_mapping, check_callable
from dlref._selfcheck_child import load
from dlref._selfcheck_log import SPECS, CallFailed, Log
from dlref._selfcheck_specs import registered

__all__ = ["CHECKABLE", "CheckResult", "check_function", "check_module"]


class CheckResult(NamedTuple):
    """The outcome of checking one implementation against its dlref reference."""

    name: str
    """The dlref name checked against."""
    passed: bool
    """True when every comparison agreed, every case was judged and no input was modified."""
    compared: int
    """How many comparisons were made."""
    failed: int
    """How many problems were found: disagreeing comparisons, calls that raised, and
    calls that modified an input."""
    max_diff: float
    """Largest absolute difference over every comparison whose shapes matched, failed ones
    included (``inf`` where your result was not finite and the reference's was)."""
    problems: tuple[str, ...]
    """What went wrong, first cases first (at most three; ``failed`` counts all)."""
    warnings: tuple[str, ...]
    """Things that did not fail the check but deserve a look (float32 upcast,
    a RuntimeWarning from NumPy)."""
    hint: str | None
    """A known slip your results match, if any."""
    mismatched: int = 0
    """How many of the ``compared`` comparisons disagreed."""
    modified: int = 0
    """How many calls of your code modified an input (each one counts in ``failed``)."""
    not_judged: int = 0
    """How many cases could not be judged, neither passed nor failed (a backward pass
    whose own forward pass is wrong there); ``warnings`` says why."""

    def __str__(self) -> str:
        status = "ok" if self.passed else "FAIL" if self.failed else "not judged"
        diff = "" if math.isnan(self.max_diff) else f", max |diff| {self.max_diff:.1e}"
        agree = self.compared - self.mismatched
        more = ""
        if self.modified:
            more += f"; {_count(self.modified, 'call')} modified an input"
        if self.not_judged:
            more += f"; {_count(self.not_judged, 'case')} not judged"
        if self.compared:
            head = f"{agree}/{self.compared} comparisons agree{diff}{more}"
        else:
            head = more.removeprefix("; ")
        lines = [f"{self.name}: {status} ({head})"]
        for p in self.problems:
            lines += _wrap(p, "  - ", "    ")
        if self.failed > len(self.problems):
            lines.append(f"  - ... and {self.failed - len(self.problems)} more")
        if self.hint:
            lines += _wrap(f"hint: {self.hint}", "  ", "    ")
        for w in self.warnings:
            lines += _wrap(f"warning: {w}", "  ", "    ")
        return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _wrap(text: str, first: str, rest: str, width: int = 80) -> list[str]:
    """Lines of ``text`` (its own line breaks kept) wrapped to ``width``, indented."""
    out: list[str] = []
    for part in text.split("\n"):
        out += textwrap.wrap(
            part,
            width,
            initial_indent=rest if out else first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )
    return out


CHECKABLE: tuple[str, ...] = registered()
"""The dlref names an implementation of yours can be checked against, in the
order of the site's chapters."""


def check_function(
    func: Callable[..., Any],
    name: str,
    *,
    using: dict[str, Any] | None = None,
    rng: np.random.Generator | int | None = 0,
) -> CheckResult:
    r"""Check one function (or optimiser class) of yours against dlref's ``name``.

    Your ``func`` is called with the parameters of the dlref function of that
    name — positional ones by position, keyword-only ones (``rng=``,
    ``bias_correction=``, ``train=``) by name — on several cases: typical
    values, extreme values where a naive formula overflows, float32 input, and
    edge cases. Each result is compared with the reference (relative tolerance
    $10^{-7}$, looser where the reference's own rounding differs, e.g. float32).

    Parameters
    ----------
    func : callable
        Your implementation; for an optimiser, your class.
    name : str
        One of [`CHECKABLE`][dlref.selfcheck.CHECKABLE].
    using : dict, optional
        Other functions of yours that the check needs, by dlref name: a backward
        pass is fed the cache of *your* forward pass, so
        ``check_function(my_bn_backward, "batchnorm_backward",
        using={"batchnorm_forward": my_bn_forward})``. Where your forward is
        wrong, ``batchnorm_backward`` gets dlref's cache if yours holds the same
        things (else that case is not judged, see ``CheckResult.not_judged``).
        Without your forward, ``dropout_backward`` gets dlref's 0/1 mask and
        ``batchnorm_backward`` dlref's cache.
    rng : numpy.random.Generator or int or None, default 0
        Seed of the test inputs (the default always draws the same ones).

    Returns
    -------
    CheckResult
        ``passed``, the number of comparisons and failures, the largest
        difference, the first problems, warnings, and a hint when your results
        match a known slip. ``print(result)`` gives a short report.

    Raises
    ------
    TypeError
        If ``func`` is not callable, or ``using`` is not a dict with string keys.
    ValueError
        If ``name`` is not checkable, or ``rng`` is not a valid seed.

    Notes
    -----
    Your code runs in this Python process, without a time limit, and whatever
    it changes there (``np.seterr``, a replaced ``np.exp``, a rebound dlref
    function) applies to the reference too: use it on code you trust. The
    ``dlref check`` command runs your code in child processes, with a time
    limit, and computes every reference and verdict in a process that never
    imports your code. A hint is named only when the slip explains every case
    it can be computed on.

    Passing means agreeing with dlref on these cases; it is strong evidence,
    not a proof. The cases include the inputs that trip the usual slips, so a
    pass is rarely luck. A backward pass is compared with dlref's backward on
    the same inputs; dlref's own backwards are gradient-checked in its tests.

    Examples
    --------
    A softmax that forgets to subtract the row maximum agrees on small logits
    and overflows on large ones:

    >>> import numpy as np
    >>> from dlref import check_function
    >>> def my_softmax(z):
    ...     e = np.exp(z)
    ...     return e / e.sum(axis=-1, keepdims=True)
    ...
    >>> result = check_function(my_softmax, "softmax")
    >>> result.passed
    False
    >>> print(result.problems[0])
    large logits (up to 1000; subtract the row maximum first):
    got nan at index (0, 0) where the reference gives 0.731059
    >>> print(result.warnings[0])
    large logits (up to 1000; subtract the row maximum first):
    RuntimeWarning: overflow encountered in exp
    >>> def my_softmax(z):
    ...     e = np.exp(z - z.max(axis=-1, keepdims=True))
    ...     return e / e.sum(axis=-1, keepdims=True)
    ...
    >>> check_function(my_softmax, "softmax").passed
    True
    """
    check_callable(func, "func")
    if not isinstance(name, str) or name not in SPECS:
        raise ValueError(
            f"name must be one of the checkable dlref names ({', '.join(sorted(SPECS))}), "
            f"got {name!r}"
        )
    generator = as_rng(rng)
    others = {} if using is None or using == {} else as_str_mapping(using, "using")
    log = Log()
    try:
        SPECS[name](func, others, generator, log)
    except CallFailed as exc:
        log.problem(str(exc))
    return CheckResult(
        name=name,
        passed=log.failed == 0 and log.compared > 0 and log.not_judged == 0,
        compared=log.compared,
        failed=log.failed,
        max_diff=log.max_diff,
        problems=tuple(log.problems),
        warnings=tuple(log.warnings),
        hint=next(iter(log.named_slips()), None),
        mismatched=log.mismatched,
        modified=log.modified,
        not_judged=log.not_judged,
    )


def check_module(
    impl: ModuleType | str | Path,
    *,
    names: Iterable[str] | None = None,
    rng: np.random.Generator | int | None = 0,
) -> list[CheckResult]:
    """Check every function of a module (or a ``.py`` file) named like a dlref one.

    Parameters
    ----------
    impl : module or str or pathlib.Path
        Your module, the path of a ``.py`` file, or an importable module name.
        A file is imported as a module, in this Python process (the
        ``dlref check`` command isolates it in child processes instead): its
        top-level code runs, its ``if __name__ == "__main__":`` block does not.
    names : iterable of str, optional
        Check only these names (each must be defined in ``impl``); default: all
        checkable names ``impl`` defines.
    rng : numpy.random.Generator or int or None, default 0
        Seed of the test inputs.

    Returns
    -------
    list of CheckResult
        In the order of [`CHECKABLE`][dlref.selfcheck.CHECKABLE]. Your other
        checkable functions are passed to each check as ``using``, so a
        backward pass is fed your forward's cache.

    Raises
    ------
    ValueError
        If ``impl`` defines none of the checkable names, or a name in ``names``
        is not checkable or not defined.
    TypeError
        If ``impl`` is not a module, a path or a string.
    FileNotFoundError
        If ``impl`` is a path that does not exist.
    ImportError
        If ``impl`` is a module name that cannot be imported.

    Examples
    --------
    >>> import types
    >>> import numpy as np
    >>> from dlref import check_module
    >>> mine = types.ModuleType("mine")
    >>> mine.relu = lambda x: np.maximum(x, 0)
    >>> mine.relu_grad = lambda x: (x >= 0).astype(float)   # 1 at x = 0
    >>> for r in check_module(mine):
    ...     print(r.name, r.passed)
    ...
    relu True
    relu_grad False
    """
    module = load(impl)
    defined = {n: getattr(module, n) for n in SPECS if callable(getattr(module, n, None))}
    if names is None:
        chosen = list(defined)
        if not chosen:
            raise ValueError(
                f"impl must define at least one checkable name (see `dlref list`), "
                f"got a module defining none: {module.__name__}"
            )
    else:
        names = list(names)
        chosen = [n for n in SPECS if n in names]
        for n in names:
            if n not in SPECS:
                raise ValueError(f"names must hold checkable dlref names, got {n!r}")
            if n not in defined:
                raise ValueError(f"names: {module.__name__} does not define {n!r}")
    return [check_function(defined[n], n, using=defined, rng=rng) for n in chosen]
