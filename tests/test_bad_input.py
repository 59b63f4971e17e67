"""Bad input, always: every public callable against an error matrix.

For each callable of ``tests._api.public_callables()`` (the whole public API,
enumerated from ``dlref.__all__``), ``tests._api.SPECS`` gives one valid call;
each argument is then replaced, one at a time, by the bad values of its kind:
a list, a scalar, a 0-d array, an empty array, a wrong rank, a mismatched
shape, NaN, inf, float16, float32, ints, bools, None, a string, and the
out-of-range values listed for each hyperparameter. Every call must

* return (the documented result where one is fixed: a list gives what the
  array gives, ``numpy.bool_`` is a flag) or raise ``ValueError``/``TypeError``
  whose message names the argument; anything else (``IndexError``,
  ``AttributeError``, a NumPy warning) fails;
* raise the error the Conventions page states where one is fixed: float16,
  wider floats, strings, complex, object and bool arrays, ``None`` for an
  array, float class labels and flags other than ``bool`` are ``TypeError``;
  NaN, inf, an empty array and an out-of-range hyperparameter are ``ValueError``;
* leave every argument as it was, bit for bit, even when it raises (the
  optimiser's ``params`` are updated on success, as documented);
* finish within a few seconds.
"""

from __future__ import annotations

import copy
import math
import re
import signal
import types
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest

import dlref
from tests._api import (
    RECORDS,
    SPECS,
    Arr,
    Flag,
    Fn,
    Int,
    Obj,
    Real,
    Rng,
    is_record,
    public_callables,
)
from tests._prose import assert_on_page

CALL_SECONDS = 5  # a call on these tiny inputs takes milliseconds; more is a hang
STRICT = "strict"  # outcome codes of a variant
ANY = "any"
SAME = "same"  # must succeed and equal the valid call's result


# --- the variants ---------------------------------------------------------------------


def _with(arr: np.ndarray, value: float) -> np.ndarray:
    out = arr.astype(np.float64)
    out.flat[0] = value
    return out


def array_variants(a: Arr) -> Iterator[tuple[str, Any, str, type[Exception] | None]]:
    """(label, value, outcome, expected error) for an array argument."""
    v = np.asarray(a.value)
    if a.ndarray_only:
        yield "list", v.tolist(), STRICT, TypeError
    else:
        yield "list", v.tolist(), SAME, None
    yield "scalar", 0.5, ANY, None
    yield "0-d", np.array(0.5), ANY, None
    yield "empty", np.empty((0, *v.shape[1:])), STRICT, ValueError
    yield "ndim + 1", v[None], ANY, None
    if v.ndim >= 2:
        yield "ndim - 1", v[0], ANY, None
    if v.shape[-1] > 1:
        yield "shape", v[..., :-1], ANY, None
    yield ("None", None, *((ANY, None) if a.none_ok else (STRICT, TypeError)))
    yield "str", "abc", STRICT, TypeError
    yield "complex", v + 1j, STRICT, TypeError
    yield "object", np.array([object()] * v.shape[0], dtype=object), STRICT, TypeError
    yield "float16", v.astype(np.float16), STRICT, TypeError
    yield ("bool", v > 0, *((ANY, None) if a.bool_ok else (STRICT, TypeError)))
    if a.labels:
        yield (
            "float labels",
            v.astype(np.float64),
            (ANY if a.float_labels_ok else STRICT),
            (None if a.float_labels_ok else TypeError),
        )
        yield "negative label", _with(v, -1).astype(v.dtype), STRICT, ValueError
        yield "int64", v.astype(np.int32), SAME, None
        return
    yield "nan", _with(v, np.nan), STRICT, ValueError
    yield "inf", _with(v, np.inf), STRICT, ValueError
    yield "-inf", _with(v, -np.inf), STRICT, ValueError
    yield "int", np.round(v).astype(np.int64), ANY, None
    yield "float32", v.astype(np.float32), ANY, None
    yield "longdouble", v.astype(np.longdouble), STRICT, TypeError
    yield (
        "read-only",
        _read_only(v),
        (STRICT if a.ndarray_only else SAME),
        (ValueError if a.ndarray_only else None),
    )
    yield "non-contiguous", np.repeat(v, 2, axis=-1)[..., ::2], ANY, None


def _read_only(v: np.ndarray) -> np.ndarray:
    out = v.copy()
    out.flags.writeable = False
    return out


def variants(arg: Any) -> Iterator[tuple[str, Any, str, type[Exception] | None]]:
    """Every bad value of one argument, from its kind."""
    if isinstance(arg, Arr):
        yield from array_variants(arg)
    elif isinstance(arg, Real):
        for bad in arg.bad:
            yield f"out of range {bad!r}", bad, STRICT, ValueError
        yield "nan", math.nan, STRICT, ValueError
        yield "inf", math.inf, STRICT, ValueError
        yield "None", None, STRICT, TypeError
        yield "str", "0.5", STRICT, TypeError
        yield "bool", True, STRICT, TypeError
        yield "array", np.array([0.1, 0.2]), STRICT, TypeError
        yield "0-d", np.array(arg.value), ANY, None
        yield "numpy scalar", np.float32(arg.value), ANY, None
    elif isinstance(arg, Int):
        for bad in arg.bad:
            yield f"out of range {bad!r}", bad, STRICT, ValueError
        yield "float", arg.value + 0.5, STRICT, TypeError
        yield "bool", True, STRICT, TypeError
        yield "None", None, STRICT, TypeError
        yield "str", str(arg.value), STRICT, TypeError
        yield "numpy int", np.int32(arg.value), SAME, None
    elif isinstance(arg, Flag):
        for bad in ("no", "False", 1, 0, None, 0.0, np.array([True])):
            yield f"flag {bad!r}", bad, STRICT, TypeError
        yield "numpy.bool_", np.bool_(arg.value), SAME, None
    elif isinstance(arg, Rng):
        yield "str", "seed", STRICT, TypeError
        yield "negative seed", -1, STRICT, ValueError
        yield "float", 1.5, STRICT, TypeError
        yield "legacy RandomState", np.random.RandomState(0), STRICT, TypeError
    elif isinstance(arg, Fn):
        yield "None", None, STRICT, TypeError
        yield "int", 3, STRICT, TypeError
    elif isinstance(arg, Obj):
        if arg.value is not None:
            yield "None", None, ANY, None
        yield "str", "abc", ANY, None
        for label, bad in arg.bad:
            yield label, bad, ANY, None
    else:  # pragma: no cover - a new kind must get its variants here
        raise AssertionError(f"unknown argument kind {arg!r}")


# --- running one call -----------------------------------------------------------------


class Hang(Exception):
    """A call took longer than CALL_SECONDS."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def on_alarm(signum: int, frame: Any) -> None:
        raise Hang(f"no result after {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _freeze(value: Any) -> Any:
    """A comparable snapshot: arrays become (dtype, shape, bytes), containers recurse."""
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return ("object array", value.shape, tuple(id(v) for v in value.flat))
        return ("array", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, dict):
        return ("dict", tuple((repr(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_freeze(v) for v in value))
    if isinstance(value, float) and math.isnan(value):
        return ("nan",)
    if isinstance(value, (int, float, str, bytes, bool, np.generic, type(None))):
        return ("value", repr(value))
    return ("object", id(value))


def _materialise(result: Any) -> Any:
    """Consume an iterator (minibatches) so that lazy code runs too."""
    if isinstance(result, Iterator):
        return list(result)
    return result


def _bound(name: str) -> tuple[Callable[..., Any], Any]:
    fn = public_callables()[name]
    spec = SPECS[name]
    if spec.make is None:
        return fn, None
    obj = spec.make()
    return fn, obj


def call(name: str, kwargs: dict[str, Any]) -> tuple[Any, BaseException | None]:
    """Run one call under the time limit with NumPy warnings as errors."""
    fn, obj = _bound(name)
    args = (obj,) if obj is not None else ()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with time_limit(CALL_SECONDS):
            try:
                return _materialise(fn(*args, **kwargs)), None
            except Hang:
                raise
            except Exception as exc:  # judged by the caller
                return None, exc


def valid_kwargs(name: str) -> dict[str, Any]:
    """Fresh copies of the valid arguments (a module cannot be copied, nor needs to be)."""
    return {
        k: v.value if isinstance(v.value, types.ModuleType) else copy.deepcopy(v.value)
        for k, v in SPECS[name].args.items()
    }


def same(a: Any, b: Any) -> bool:
    """Equal results: arrays bit for bit in value and dtype, records field by field."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a_arr, b_arr = np.asarray(a), np.asarray(b)
        return a_arr.dtype == b_arr.dtype and np.array_equal(a_arr, b_arr, equal_nan=True)
    if isinstance(a, (list, tuple)):
        return isinstance(b, (list, tuple)) and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (float, np.floating)) and isinstance(b, (float, np.floating)):
        return type(a) is type(b) and (a == b or (math.isnan(a) and math.isnan(b)))
    if dataclass_like(a):
        return type(a) is type(b) and same(vars(a), vars(b))
    return bool(a == b) if type(a) is type(b) and _comparable(a) else type(a) is type(b)


def dataclass_like(value: Any) -> bool:
    return hasattr(value, "__dict__") and not callable(value)


def _comparable(value: Any) -> bool:
    return isinstance(value, (int, str, bool, type(None), np.generic))


def names_param(message: str, param: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9_]){re.escape(param)}(?![A-Za-z0-9_])", message) is not None


# --- the matrix -----------------------------------------------------------------------


def matrix_cases() -> list[tuple[str, str, str, Any, str, type[Exception] | None]]:
    cases = []
    for name in sorted(SPECS):
        for param, arg in SPECS[name].args.items():
            for label, value, outcome, error in variants(arg):
                cases.append((name, param, label, value, outcome, error))
    return cases


CASES = matrix_cases()


def test_every_public_callable_has_a_spec() -> None:
    found = public_callables()
    assert sorted(set(found) - set(SPECS)) == [], "add these to tests/_api.py SPECS"
    assert sorted(set(SPECS) - set(found)) == [], "SPECS names a callable that is gone"
    for name in RECORDS:
        assert is_record(getattr(dlref, name)), f"{name} is not a plain record"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_valid_call_succeeds_and_spec_matches_signature(name: str) -> None:
    import inspect

    fn = public_callables()[name]
    params = [
        p
        for p in inspect.signature(fn).parameters.values()
        if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    assert [p.name for p in params] == list(SPECS[name].args), (
        f"{name}: SPECS must list every parameter, in order"
    )
    _, exc = call(name, valid_kwargs(name))
    assert exc is None, f"{name}: the valid call raised {exc!r}"


def test_matrix_size() -> None:
    """The matrix is not vacuous: the Conventions page promises more than 1,500 bad calls."""
    assert len(CASES) > 1500
    assert_on_page("conventions", en="more than 1,500 bad calls", ko="1,500개 넘게")
    assert len({c[0] for c in CASES}) == sum(1 for spec in SPECS.values() if spec.args)


#: Deviations left to the branch that owns the code, each with the reason. Kept
#: out of the matrix only while they last: remove an entry once it is fixed.
KNOWN: dict[tuple[str, str, str], str] = {
    ("check_module", "impl", "str"): (
        "selfcheck.py (owned by the `dlref check` work of issue 10 item 3) reads a "
        "string as a module name and reports it under `names`"
    ),
    ("check_module", "impl", "missing file"): (
        "selfcheck.py raises FileNotFoundError (naming impl) for a missing file"
    ),
}


def _check_case(name: str, param: str, label: str, value: Any, outcome: str, error: Any) -> str:
    """Run one variant; return "" when it behaves, else what went wrong."""
    if (name, param, label) in KNOWN:
        return ""
    kwargs = valid_kwargs(name)
    kwargs[param] = value
    before = {k: _freeze(v) for k, v in kwargs.items()}
    try:
        result, exc = call(name, kwargs)
    except Hang as hang:
        return f"{name}({param}={label}): {hang}"
    where = f"{name}({param}={label})"
    mutated = SPECS[name].mutates if exc is None else ()
    for k, v in kwargs.items():
        if k not in mutated and _freeze(v) != before[k]:
            return f"{where}: modified its argument {k!r}" + (f" and raised {exc!r}" if exc else "")
    if exc is not None:
        if not isinstance(exc, (TypeError, ValueError)):
            return f"{where}: raised {type(exc).__name__}: {exc}"
        if not names_param(str(exc), param):
            return f"{where}: the message does not name {param!r}: {exc}"
        if outcome == SAME:
            return f"{where}: must give the documented result, raised {exc!r}"
        if outcome == STRICT and not isinstance(exc, error):
            return f"{where}: must raise {error.__name__}, raised {exc!r}"
        if label == "float16" and "float16" not in str(exc):
            return f"{where}: the float16 message gives no reason: {exc}"
        return ""
    if outcome == STRICT:
        return f"{where}: must raise {error.__name__}, returned {result!r:.200}"
    if outcome == SAME:
        expected, exc2 = call(name, valid_kwargs(name))
        assert exc2 is None
        if not same(result, expected):
            return f"{where}: differs from the valid call: {result!r:.200} vs {expected!r:.200}"
    return ""


def test_error_matrix() -> None:
    """All variants in one test: a report of every failure, and a few seconds in all."""
    failures = [msg for case in CASES if (msg := _check_case(*case))]
    assert not failures, f"{len(failures)} of {len(CASES)} calls misbehave:\n" + "\n".join(failures)


# --- the cases of issue 10, one by one -------------------------------------------------


@pytest.mark.parametrize(
    ("call_it", "message"),
    [
        (
            lambda: dlref.ewma([1.0, 2.0], 0.9, bias_correction="no"),
            "bias_correction must be True or False",
        ),
        (lambda: dlref.dropout_forward(np.ones(3), 0.5, train="no"), "train must be True or False"),
        (lambda: dlref.Standardizer(with_std="no"), "with_std must be True or False"),
        (lambda: dlref.minibatches(np.ones((2, 1)), np.ones(2), shuffle="no"), "shuffle must be"),
        (lambda: dlref.MLP([2, 2], batchnorm=np.array([True])), "batchnorm must be True or False"),
        (
            lambda: dlref.maxout_backward(np.ones((2, 2)), None),
            "cache must be the tuple (x, W, idx)",
        ),
        (lambda: dlref.prelu_backward(np.ones((2, 2)), None), "cache must be the tuple (x, alpha)"),
        (lambda: dlref.numerical_gradient(None, np.ones(2)), "f must be callable"),
        (lambda: dlref.gradient_check(None, np.ones(2), np.ones(2)), "f must be callable"),
        (
            lambda: dlref.softmax_cross_entropy(np.zeros((3, 4)), np.array([0.0, 2.0, 3.0])),
            "labels must hold integer class labels (an int dtype), got dtype float64",
        ),
        (lambda: dlref.relu(np.ones(2, dtype=np.float16)), "x has dtype float16: float16 is not"),
        (lambda: dlref.zeros(2, 2, dtype=np.float16), "dtype is float16: float16 is not"),
    ],
)
def test_issue_cases_raise_a_clear_type_error(call_it: Callable[[], Any], message: str) -> None:
    with pytest.raises(TypeError) as info:
        call_it()
    assert message in str(info.value)


def test_flags_accept_numpy_bools() -> None:
    x = np.array([1.0, 2.0, 3.0])
    assert np.array_equal(
        dlref.ewma(x, 0.5, bias_correction=np.False_), dlref.ewma(x, 0.5, bias_correction=False)
    )
    out, mask = dlref.dropout_forward(x, 0.5, train=np.bool_(False))
    assert mask is None and np.array_equal(out, x)


# --- functions that perturb an argument restore it ------------------------------------


def _raises_on_second_call() -> Callable[[np.ndarray], float]:
    calls = []

    def f(v: np.ndarray) -> float:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("f failed")
        return float(np.sum(v))

    return f


@pytest.mark.parametrize("checker", ["numerical_gradient", "gradient_check"])
@pytest.mark.parametrize(
    ("make_f", "error"),
    [
        (_raises_on_second_call, RuntimeError),  # fails while x[0] is at x0 - h
        (lambda: lambda v: v * 2.0, ValueError),  # a non-scalar result
        (lambda: lambda v: np.nan, ValueError),  # a non-finite result
    ],
)
def test_x_is_restored_bit_for_bit_when_f_fails(
    checker: str, make_f: Callable[[], Callable[[np.ndarray], Any]], error: type[Exception]
) -> None:
    x = np.array([0.5, -0.0, 1e-300, 3.0])
    before = x.tobytes()
    args = (make_f(), x) if checker == "numerical_gradient" else (make_f(), x, np.ones(4))
    with pytest.raises(error):
        getattr(dlref, checker)(*args)
    assert x.tobytes() == before


def test_every_bool_parameter_is_a_flag_in_the_matrix() -> None:
    """A parameter annotated ``bool`` anywhere in the public API is tested as a flag."""
    import inspect

    for name, fn in public_callables().items():
        target = fn.__init__ if inspect.isclass(fn) else fn
        hints = getattr(target, "__annotations__", {})
        for param, hint in hints.items():
            if param != "return" and hint in ("bool", bool):
                assert isinstance(SPECS[name].args[param], Flag), f"{name}({param}) is a flag"
