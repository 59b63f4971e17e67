"""Input validation shared by every public function (private).

Each check raises ``ValueError`` or ``TypeError`` with a message that names the
parameter, the expected range or shape, and the value received, e.g.
``beta must be in [0, 1), got 1.0``. Public functions call these helpers instead
of repeating checks by hand, so the wording stays the same everywhere.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "as_float_array",
    "as_label_array",
    "as_rng",
    "check_cache",
    "check_choice",
    "check_flag",
    "check_in_range",
    "check_int",
    "check_same_shape",
    "float_dtype",
    "scalar_if_0d",
]

RngLike = np.random.Generator | int | None


def _brief(value: Any) -> str:
    """A short repr of ``value`` for an error message."""
    if isinstance(value, np.ndarray):
        if value.size <= 6:
            return f"array({value.tolist()!r}, shape={value.shape})"
        return f"array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def float_dtype(x: np.ndarray) -> np.dtype:
    """float32 and float64 are kept; every other dtype computes in float64."""
    if x.dtype == np.float32 or x.dtype == np.float64:
        return x.dtype
    return np.dtype(np.float64)


#: Why dlref computes in float32 and float64 only (the Conventions page says the same).
FLOAT_DTYPE_REASON = {
    "float16": (
        "float16 is not supported: the package's small constants (1e-8 in Adam and "
        "RMSprop, 1e-12 in binary cross-entropy) round to 0 in it; convert with "
        ".astype(np.float32)"
    ),
    "other": (
        "dlref computes in float32 or float64 only, so a wider float would be "
        "rounded silently; convert with .astype(np.float64)"
    ),
}


def _check_float_kind(dt: np.dtype, subject: str) -> None:
    """A floating dtype other than float32/float64 is refused with the reason.

    ``subject`` starts the message and names the parameter, e.g. "x has dtype float16".
    """
    if dt.kind == "f" and dt not in (np.dtype(np.float32), np.dtype(np.float64)):
        reason = FLOAT_DTYPE_REASON["float16" if dt == np.float16 else "other"]
        raise TypeError(f"{subject}: {reason}")


def check_flag(value: Any, name: str) -> bool:
    """A real boolean (``bool`` or ``numpy.bool_``) as a Python bool.

    Truthiness is not enough: ``"no"`` and ``"False"`` are truthy strings, and
    ``0``/``1`` hide a misplaced positional argument.
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise TypeError(f"{name} must be True or False (a bool), got {_brief(value)}")


def check_cache(value: Any, name: str, fields: Sequence[str], producer: str) -> tuple[Any, ...]:
    """The tuple of arrays a forward pass returned as its cache, unpacked."""
    if (
        not isinstance(value, tuple)
        or len(value) != len(fields)
        or not all(isinstance(v, np.ndarray) for v in value)
    ):
        raise TypeError(
            f"{name} must be the tuple ({', '.join(fields)}) returned by {producer}, "
            f"got {_brief(value)}"
        )
    return value


def scalar_if_0d(out: np.ndarray) -> Any:
    """A 0-d result as a NumPy scalar, as NumPy's own ufuncs return it; arrays unchanged."""
    return out[()] if out.ndim == 0 else out


_WORKING_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))

#: From this size on, one BLAS dot product is cheaper than ``np.isfinite(x).all()``.
_DOT_CHECK_SIZE = 4096


def all_finite(arr: np.ndarray) -> bool:
    """Whether every value of a float array is finite (no NaN, no inf).

    A large contiguous array is checked with one dot product ``x·x``: its terms
    are squares, never negative, so the sum is NaN or inf exactly when a value
    is, or when the squares overflow; only then are the values looked at one by
    one. This reads the array once and allocates nothing, where
    ``np.isfinite(x).all()`` also writes and reads a boolean array.
    """
    if arr.size >= _DOT_CHECK_SIZE and arr.flags.c_contiguous:
        with np.errstate(over="ignore", invalid="ignore"):
            if math.isfinite(float(np.vdot(arr, arr))):
                return True
    return bool(np.isfinite(arr).all())


def _to_float_array(x: Any, name: str) -> np.ndarray:
    """``x`` as a float32/float64 array (ints become float64), or a TypeError naming it."""
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(f"{name} must be an array of numbers, got {_brief(x)}")
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be an array of numbers, got {_brief(x)}") from exc
    if arr.dtype == bool or not (
        np.issubdtype(arr.dtype, np.floating) or np.issubdtype(arr.dtype, np.integer)
    ):
        raise TypeError(
            f"{name} must hold real numbers (int or float dtype), got dtype {arr.dtype}"
        )
    _check_float_kind(arr.dtype, f"{name} has dtype {arr.dtype}")
    return arr.astype(float_dtype(arr), copy=False)


def as_float_array(
    x: Any,
    name: str,
    *,
    ndim: int | Sequence[int] | None = None,
    allow_empty: bool = False,
    finite: bool = True,
) -> np.ndarray:
    """Return ``x`` as a float32/float64 array, checking rank, size and finiteness.

    The result may share memory with ``x``; callers must not write into it.
    """
    if type(x) is np.ndarray and x.dtype in _WORKING_DTYPES:
        arr = x  # the common case, already what dlref computes in
    else:
        arr = _to_float_array(x, name)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(f"{d}-D" for d in allowed)
            raise ValueError(
                f"{name} must be {want}, got a {arr.ndim}-D array of shape {arr.shape}"
            )
    if not allow_empty and arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if finite and not all_finite(arr):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} must be finite, got {bad} NaN or inf value(s)")
    return arr


def as_label_array(
    labels: Any,
    name: str,
    *,
    num_classes: int | None = None,
    ndim: int = 1,
    allow_float: bool = False,
    classes_from: str = "",
) -> np.ndarray:
    """Integer class labels in ``[0, num_classes)`` as an int64 array.

    A float array is refused (it is usually scores or probabilities passed in
    place of labels) unless ``allow_float``; then integer-valued floats pass.
    ``classes_from`` says where ``num_classes`` comes from, e.g. "the columns
    of logits", so that a label out of range names the other argument too.
    """
    if labels is None or isinstance(labels, (str, bytes)):
        raise TypeError(f"{name} must be an array of integer class labels, got {_brief(labels)}")
    try:
        arr = np.asarray(labels)
    except ValueError as exc:
        raise TypeError(
            f"{name} must be an array of integer class labels, got {_brief(labels)}"
        ) from exc
    if arr.size == 0:  # before the dtype: [] is float64 to NumPy
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    if arr.dtype.kind == "f" and not allow_float:
        raise TypeError(
            f"{name} must hold integer class labels (an int dtype), got dtype {arr.dtype}; "
            "convert integer-valued floats with .astype(int)"
        )
    if arr.dtype.kind == "f":
        _check_float_kind(arr.dtype, f"{name} has dtype {arr.dtype}")
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            raise TypeError(f"{name} must hold integer class labels, got {_brief(arr)}")
    elif arr.dtype.kind not in "iu":
        raise TypeError(f"{name} must hold integer class labels, got dtype {arr.dtype}")
    if arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-D, got a {arr.ndim}-D array of shape {arr.shape}")
    arr = arr.astype(np.int64)
    low, high = int(arr.min()), int(arr.max())
    if low < 0 or (num_classes is not None and high >= num_classes):
        upper = "num_classes" if num_classes is None else str(num_classes)
        worst = low if low < 0 else high
        source = f" ({upper} is {classes_from})" if classes_from and low >= 0 else ""
        raise ValueError(f"{name} must be in [0, {upper}), got a label {worst}{source}")
    return arr


def check_in_range(
    value: Any,
    name: str,
    low: float | None = None,
    high: float | None = None,
    *,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> float:
    """A finite real scalar inside an interval; returns it as a Python float.

    ``low``/``high`` of ``None`` leave that side open to infinity.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        if isinstance(value, np.ndarray) and value.ndim == 0:
            value = value.item()
        else:
            raise TypeError(f"{name} must be a real number, got {_brief(value)}")
    v = float(value)
    left = "(-inf" if low is None else ("[" if low_inclusive else "(") + f"{low:g}"
    right = "inf)" if high is None else f"{high:g}" + ("]" if high_inclusive else ")")
    interval = f"{left}, {right}"
    ok = math.isfinite(v)
    if ok and low is not None:
        ok = v >= low if low_inclusive else v > low
    if ok and high is not None:
        ok = v <= high if high_inclusive else v < high
    if not ok:
        raise ValueError(f"{name} must be in {interval}, got {value!r}")
    return v


def check_int(value: Any, name: str, minimum: int | None = None) -> int:
    """An integer (not bool) no smaller than ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {_brief(value)}")
    v = int(value)
    if minimum is not None and v < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {v}")
    return v


def check_choice(value: Any, name: str, choices: Sequence[str]) -> str:
    """One of a fixed set of strings."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {options}, got {_brief(value)}")
    return str(value)


def check_same_shape(a: np.ndarray, a_name: str, b: np.ndarray, b_name: str) -> None:
    """Two arrays of identical shape."""
    if a.shape != b.shape:
        raise ValueError(f"{b_name} must have the shape of {a_name} {a.shape}, got {b.shape}")


def as_rng(rng: Any, name: str = "rng") -> np.random.Generator:
    """A ``np.random.Generator`` from a Generator, an int seed or ``None``.

    Never touches NumPy's global random state.
    """
    if rng is None or isinstance(rng, np.random.Generator):
        return np.random.default_rng(rng)
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        if int(rng) < 0:
            raise ValueError(f"{name} seed must be an integer >= 0, got {int(rng)}")
        return np.random.default_rng(int(rng))
    raise TypeError(
        f"{name} must be a numpy.random.Generator, an int seed or None, got {_brief(rng)}"
    )


# --- appended for batchnorm / optim -------------------------------------------


def check_array_in_range(
    arr: np.ndarray,
    name: str,
    low: float | None = None,
    high: float | None = None,
    *,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> None:
    """Every entry of a (finite) array inside an interval, e.g. a variance >= 0."""
    left = "(-inf" if low is None else ("[" if low_inclusive else "(") + f"{low:g}"
    right = "inf)" if high is None else f"{high:g}" + ("]" if high_inclusive else ")")
    ok = np.ones(np.shape(arr), dtype=bool)
    if low is not None:
        ok &= (arr >= low) if low_inclusive else (arr > low)
    if high is not None:
        ok &= (arr <= high) if high_inclusive else (arr < high)
    if not np.all(ok):
        worst = np.asarray(arr)[~ok].reshape(-1)[0].item()
        raise ValueError(f"{name} must be in {left}, {right} elementwise, got a value {worst!r}")


def check_same_keys(a: Any, a_name: str, b: Any, b_name: str) -> None:
    """Two mappings (e.g. ``params`` and ``grads``) with exactly the same keys."""
    from collections.abc import Mapping

    for value, label in ((a, a_name), (b, b_name)):
        if not isinstance(value, Mapping):
            raise TypeError(f"{label} must be a mapping (dict) of arrays, got {_brief(value)}")
    if set(a) != set(b):
        keys_a = ", ".join(sorted(repr(k) for k in a))
        keys_b = ", ".join(sorted(repr(k) for k in b))
        raise ValueError(f"{b_name} must have the keys of {a_name} [{keys_a}], got [{keys_b}]")


__all__ += ["check_array_in_range", "check_same_keys"]


# --- added for data, preprocessing, init, regularization -------------------------


def as_probability_vector(
    values: Any, name: str, *, size: int | None = None, atol: float = 1e-9
) -> tuple[float, ...]:
    """Non-negative finite numbers (``size`` of them, if given) summing to 1 within ``atol``."""
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        raise TypeError(f"{name} must be a sequence of numbers, got {_brief(values)}")
    if size is not None and len(values) != size:
        raise ValueError(f"{name} must hold {size} numbers, got {len(values)}: {_brief(values)}")
    out = tuple(check_in_range(v, f"{name}[{i}]", 0.0, None) for i, v in enumerate(values))
    total = math.fsum(out)
    if abs(total - 1.0) > atol:
        raise ValueError(f"{name} must sum to 1 (within {atol:g}), got sum {total!r}")
    return out


def check_axis_size(arr: np.ndarray, name: str, axis: int, size: int, *, what: str) -> None:
    """``arr.shape[axis] == size``; ``what`` describes the axis, e.g. "rows, as X"."""
    if arr.shape[axis] != size:
        raise ValueError(
            f"{name} must have {size} {what}, got {arr.shape[axis]} (shape {arr.shape})"
        )


def as_dtype(dtype: Any, name: str = "dtype", *, kinds: str = "biuf") -> np.dtype:
    """A NumPy dtype whose kind is in ``kinds`` ("f" float, "i"/"u" int, "b" bool)."""
    try:
        dt = np.dtype(dtype)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a NumPy dtype, got {_brief(dtype)}") from exc
    if dt.kind not in kinds:
        names = {"f": "float", "i": "int", "u": "uint", "b": "bool"}
        allowed = ", ".join(names.get(k, k) for k in kinds)
        raise TypeError(f"{name} must be a dtype of kind {allowed}, got {dt}")
    _check_float_kind(dt, f"{name} is {dt}")
    return dt


def check_binary(arr: np.ndarray, name: str) -> None:
    """Every entry of ``arr`` is 0 or 1 (a mask)."""
    bad = (arr != 0) & (arr != 1)
    if np.any(bad):
        raise ValueError(f"{name} must hold only 0 and 1, got a value {arr[bad].flat[0]!r}")


# --- added for losses ----------------------------------------------------------


def check_rows_sum_to_one(arr: np.ndarray, name: str, *, axis: int = -1) -> None:
    """Every slice along ``axis`` sums to 1 within sqrt(machine epsilon) of its dtype."""
    sums = np.sum(arr, axis=axis)
    tol = float(np.sqrt(np.finfo(float_dtype(arr)).eps))
    dev = np.abs(sums - 1).reshape(-1)
    worst = int(np.argmax(dev))
    if dev[worst] > tol:
        raise ValueError(
            f"{name} must have rows that sum to 1 (within {tol:.1e}), "
            f"got a row summing to {float(sums.reshape(-1)[worst])!r}"
        )


__all__ += ["check_rows_sum_to_one"]


# --- added for tuning and landscapes ---------------------------------------------


def as_real(value: Any, name: str) -> float:
    """A real scalar (not bool) as a Python float; NaN and inf are allowed."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {_brief(value)}")
    return float(value)


def check_callable(value: Any, name: str) -> None:
    """A callable (function, class or object with ``__call__``)."""
    if not callable(value):
        raise TypeError(f"{name} must be callable, got {_brief(value)}")


def check_instance(value: Any, name: str, cls: type | tuple[type, ...], what: str) -> None:
    """``isinstance(value, cls)``; ``what`` names the type, e.g. "a concurrent.futures.Executor"."""
    if not isinstance(value, cls):
        raise TypeError(f"{name} must be {what}, got {_brief(value)}")


def as_sequence(value: Any, name: str, *, alternative: str = "") -> tuple[Any, ...]:
    """A non-empty, non-string sequence (or 1-D array) as a tuple of its elements.

    ``alternative`` completes the message of the TypeError when something else
    is also accepted, e.g. "or a callable sampler(rng)".
    """
    if isinstance(value, np.ndarray) and value.ndim == 1:
        value = value.tolist()
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        also = f" {alternative}" if alternative else ""
        raise TypeError(
            f"{name} must be a sequence (list, tuple, 1-D array){also}, got {_brief(value)}"
        )
    if len(value) == 0:
        raise ValueError(f"{name} must not be empty, got {_brief(value)}")
    return tuple(value)


def as_str_mapping(value: Any, name: str) -> dict[str, Any]:
    """A non-empty mapping (dict) whose keys are strings, as a new dict in its order."""
    from collections.abc import Mapping

    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be a mapping (dict) of names to values, got {_brief(value)}")
    if len(value) == 0:
        raise ValueError(f"{name} must not be empty, got {_brief(value)}")
    for key in value:
        if not isinstance(key, str):
            raise TypeError(f"{name} must have string keys, got a key {_brief(key)}")
    return dict(value)


def as_size(size: Any, name: str = "size") -> int | tuple[int, ...] | None:
    """A NumPy ``size``: None, an int >= 0, or a tuple of ints >= 0."""
    if size is None:
        return None
    if isinstance(size, tuple):
        return tuple(check_int(s, f"{name}[{i}]", 0) for i, s in enumerate(size))
    return check_int(size, name, 0)


__all__ += [
    "as_real",
    "as_sequence",
    "as_size",
    "as_str_mapping",
    "check_callable",
    "check_instance",
]


# --- added for nn ------------------------------------------------------------------


def check_requires(value: Any, name: str, other: Any, other_name: str) -> None:
    """``value`` needs ``other``: if ``value`` is given (not None), ``other`` must be too."""
    if value is not None and other is None:
        raise ValueError(f"{name} requires {other_name}, got {other_name}=None")


__all__ += ["check_requires"]
