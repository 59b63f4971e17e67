"""``dlref.__all__`` and the package-wide dtype and scalar rules (the Conventions page)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import subprocess
import sys
from typing import Any

import numpy as np
import pytest

import dlref
from tests._api import SPECS, Arr, public_callables

MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(dlref.__path__)
    # cli: the command; selfcheck: loaded lazily; conftest: pytest's hooks for the study check
    if not m.name.startswith("_") and m.name not in ("cli", "selfcheck", "conftest")
)
LAZY = dlref._SELFCHECK  # loaded on first use, from dlref.selfcheck


def test_all_is_the_union_of_the_modules() -> None:
    expected = {name for m in MODULES for name in importlib.import_module(f"dlref.{m}").__all__}
    assert set(dlref.__all__) == expected | set(LAZY)
    assert len(dlref.__all__) == len(set(dlref.__all__)), "a name is exported twice"
    assert set(importlib.import_module("dlref.selfcheck").__all__) >= set(LAZY)


def test_every_name_in_all_resolves_to_its_module() -> None:
    for name in dlref.__all__:
        obj = getattr(dlref, name)
        home = [m for m in MODULES if name in importlib.import_module(f"dlref.{m}").__all__]
        if name in LAZY:
            assert obj is getattr(importlib.import_module("dlref.selfcheck"), name)
        else:
            assert len(home) == 1, f"{name} is exported by {home}"
            assert obj is getattr(importlib.import_module(f"dlref.{home[0]}"), name)


@pytest.mark.parametrize("module", MODULES)
def test_module_all_lists_every_public_definition(module: str) -> None:
    """A new public function or class cannot be left out of ``__all__`` (and so of the tests)."""
    mod = importlib.import_module(f"dlref.{module}")
    defined = {
        name
        for name, obj in vars(mod).items()
        if not name.startswith("_")
        and (inspect.isfunction(obj) or inspect.isclass(obj))
        and obj.__module__ == mod.__name__
    }
    assert defined <= set(mod.__all__), (
        f"dlref.{module}: not in __all__: {defined - set(mod.__all__)}"
    )
    assert all(hasattr(mod, name) for name in mod.__all__)


def test_star_import_gives_all_and_plain_import_stays_lazy() -> None:
    code = (
        "import sys, dlref; lazy = 'dlref.selfcheck' in sys.modules; "
        "ns = {}; exec('from dlref import *', ns); "
        "names = sorted(k for k in ns if k != '__builtins__'); "
        "print(lazy, names == sorted(dlref.__all__))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


# --- dtype rules --------------------------------------------------------------------


def _floats(value: Any) -> list[Any]:
    """Every NumPy floating array or scalar inside a result (tuples, records, dicts)."""
    if isinstance(value, (np.ndarray, np.floating)):
        return [value] if np.issubdtype(value.dtype, np.floating) else []
    if isinstance(value, dict):
        return [f for v in value.values() for f in _floats(v)]
    if isinstance(value, (list, tuple)):
        return [f for v in value for f in _floats(v)]
    return []


FLOAT_INPUTS = sorted(
    name
    for name, spec in SPECS.items()
    if spec.keeps_float32 and any(isinstance(a, Arr) and not a.labels for a in spec.args.values())
)


#: Where integers cannot be valid input: x must be a float ndarray (it is written
#: into), and no integer lies inside (0, 1) for the beta and log-scale samplers' values.
NO_INTEGER_INPUT = (
    "numerical_gradient",
    "gradient_check",
    "LogUniform.narrow",
    "BetaLogUniform.narrow",
)


def _call(name: str, **override: Any) -> Any:
    fn = public_callables()[name]
    spec = SPECS[name]
    kwargs = {k: v.value for k, v in spec.args.items()} | override
    args = () if spec.make is None else (spec.make(),)
    result = fn(*args, **kwargs)
    return list(result) if inspect.isgenerator(result) else result


def _arrays_as(name: str, dtype: type) -> dict[str, np.ndarray]:
    """The float array arguments of a valid call, in ``dtype`` (rounded for an int dtype)."""
    return {
        k: (np.round(a.value) if np.dtype(dtype).kind == "i" else np.asarray(a.value)).astype(dtype)
        for k, a in SPECS[name].args.items()
        if isinstance(a, Arr) and not a.labels
    }


@pytest.mark.parametrize("name", FLOAT_INPUTS)
def test_float32_in_float32_out(name: str) -> None:
    """All float array arguments in float32 -> every float array or NumPy scalar out is float32."""
    found = _floats(_call(name, **_arrays_as(name, np.float32)))
    assert all(f.dtype == np.float32 for f in found), [f.dtype for f in found]


def test_float32_rule_covers_the_array_functions() -> None:
    assert len(FLOAT_INPUTS) > 50
    assert set(NO_INTEGER_INPUT) <= set(FLOAT_INPUTS)


@pytest.mark.parametrize("name", NO_INTEGER_INPUT)
def test_no_integer_input_is_refused_clearly(name: str) -> None:
    with pytest.raises((TypeError, ValueError), match=r"\b(x|values)\b"):
        _call(name, **_arrays_as(name, np.int64))


ELEMENTWISE = sorted(name for name, spec in SPECS.items() if spec.elementwise)


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize(
    ("scalar", "dtype"),
    [
        (0.5, np.float64),
        (-2, np.float64),
        (np.float32(0.5), np.float32),
        (np.array(-0.5), np.float64),
    ],
)
def test_scalar_in_numpy_scalar_out(name: str, scalar: Any, dtype: type) -> None:
    """A 0-d input gives a NumPy scalar, as NumPy's ufuncs do, for every element-wise function."""
    first = next(iter(SPECS[name].args))
    override = {first: scalar}
    if name == "dropout_backward":
        override["mask"] = np.float64(1.0)
    result = _call(name, **override)
    outs = [r for r in (result if isinstance(result, tuple) else (result,)) if r is not None]
    for out in outs:
        assert isinstance(out, np.floating) and not isinstance(out, np.ndarray), repr(out)
        assert out.dtype == dtype


def test_elementwise_list_is_complete() -> None:
    """The activations, their derivatives and dropout: the element-wise functions."""
    assert set(ELEMENTWISE) == {
        *(
            f"{n}{g}"
            for n in ("relu", "leaky_relu", "elu", "sigmoid", "tanh")
            for g in ("", "_grad")
        ),
        "dropout_forward",
        "dropout_backward",
    }


@pytest.mark.parametrize("dtype", [np.float16, np.longdouble])
def test_other_float_dtypes_are_refused_with_a_reason(dtype: type) -> None:
    with pytest.raises(TypeError, match=r"x has dtype (float16|float128|longdouble)") as info:
        dlref.sigmoid(np.ones(2, dtype=dtype))
    assert "convert with .astype" in str(info.value)


def test_float16_reason_holds() -> None:
    """The reason given for refusing float16: the package's constants round to 0 in it."""
    assert np.float16(1e-8) == 0 and np.float16(1e-12) == 0
    assert np.float32(1e-8) != 0 and np.float32(1e-12) != 0


@pytest.mark.parametrize("name", [n for n in FLOAT_INPUTS if n not in NO_INTEGER_INPUT])
def test_integer_arrays_compute_in_float64(name: str) -> None:
    """Integer arrays are computed in float64."""
    found = _floats(_call(name, **_arrays_as(name, np.int64)))
    assert all(f.dtype == np.float64 for f in found), [f.dtype for f in found]
