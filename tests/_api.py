"""The public API, enumerated, and one valid call of each callable (for the bad-input tests).

``public_callables()`` walks ``dlref.__all__``: every function, every concrete
class's constructor and every public method a class defines or inherits from
dlref (``__call__`` included), so a new name is enumerated without anyone
listing it. ``SPECS`` gives each of them a valid set of keyword arguments, and
says for every argument what kind it is (float array, labels, real or integer
hyperparameter, flag, rng, callable, other object); ``tests/test_bad_input.py``
derives the bad variants from the kind. A callable missing from ``SPECS`` fails
``test_every_public_callable_has_a_spec``.

Names that are not in the matrix, and why:

* ``RECORDS``: NamedTuples and dataclasses that only hold results (the
  generated constructor stores what it is given and validates nothing); the
  test asserts that each one is such a record, so a class with behaviour
  cannot hide in this list.
* Abstract base classes (``Optimizer``, ``Interval``) cannot be constructed;
  their methods are exercised through every concrete subclass.
* Constants (``BIAS_REMEDIES``, ``VARIANCE_REMEDIES``, ``CHECKABLE``) are not callable.
"""

from __future__ import annotations

import dataclasses
import inspect
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

import dlref

RECORDS = frozenset(
    {
        "ActivationStats",
        "BatchNormCache",
        "CheckResult",
        "Diagnosis",
        "Digits",
        "GradCheckResult",
        "History",
        "InitialLossCheck",
        "LRRangeTest",
        "LearningRateSweep",
        "LearningRateTrial",
        "OverfitCheck",
        "PCAResult",
        "RegularizationCheck",
        "RunningStats",
        "Split",
        "TrainDevGapCheck",
        "Trial",
        "UpdateRatioCheck",
    }
)


def is_record(cls: type) -> bool:
    """A NamedTuple or a dataclass without methods of its own beyond properties."""
    if issubclass(cls, tuple) and hasattr(cls, "_fields"):
        return True
    if not dataclasses.is_dataclass(cls):
        return False
    own = [n for n, v in vars(cls).items() if not n.startswith("_") and inspect.isfunction(v)]
    return not own


def public_callables() -> dict[str, Callable[..., Any]]:
    """``{"relu": relu, "MLP": MLP, "MLP.fit": MLP.fit, ...}`` for the whole public API."""
    out: dict[str, Callable[..., Any]] = {}
    for name in dlref.__all__:
        obj = getattr(dlref, name)
        if name in RECORDS or not callable(obj):
            continue
        if not inspect.isclass(obj):
            out[name] = obj
            continue
        if inspect.isabstract(obj):
            continue
        out[name] = obj
        for attr in dir(obj):
            if attr.startswith("_") and attr != "__call__":
                continue
            owner = next(k for k in obj.__mro__ if attr in vars(k))
            member = vars(owner)[attr]
            if inspect.isfunction(member) and owner.__module__.startswith("dlref"):
                out[f"{name}.{attr}"] = member
    return out


# --- argument kinds -------------------------------------------------------------------


@dataclass
class Arr:
    """A float array argument (``labels=True``: integer class labels)."""

    value: Any
    ndarray_only: bool = False  # documented to need an ndarray (it is written into)
    labels: bool = False
    float_labels_ok: bool = False  # one_hot documents integer-valued floats
    bool_ok: bool = False  # a bool array is documented (a dropout mask)
    none_ok: bool = False  # None is documented (no dropout mask: dropout was off)


@dataclass
class Real:
    """A real hyperparameter; each of ``bad`` must give a ValueError naming it."""

    value: float
    bad: tuple[float, ...] = ()


@dataclass
class Int:
    """An integer argument; each of ``bad`` must give a ValueError naming it."""

    value: int
    bad: tuple[int, ...] = ()


@dataclass
class Flag:
    """A boolean flag: only ``bool`` and ``numpy.bool_`` are accepted."""

    value: bool


@dataclass
class Rng:
    """A ``rng`` argument: a Generator, an int seed >= 0 or None."""

    value: Any = 0


@dataclass
class Fn:
    """A callable argument."""

    value: Callable[..., Any]


@dataclass
class Obj:
    """Any other object; ``bad`` holds ``(label, value)`` pairs of wrong values.

    A bad value must give the documented result or an error naming the argument.
    """

    value: Any
    bad: tuple[tuple[str, Any], ...] = ()


@dataclass
class Spec:
    """A valid call: keyword arguments, and how to get ``self`` for a method."""

    args: dict[str, Any]
    make: Callable[[], Any] | None = None  # builds ``self`` for a method
    mutates: tuple[str, ...] = ()  # arguments documented to be updated in place on success
    elementwise: bool = False  # scalar in -> NumPy scalar out
    keeps_float32: bool = True  # float32 arrays in -> float32 arrays out


def _dev_history() -> Any:
    return dlref.History(
        train_loss=[0.9, 0.4], train_accuracy=[0.7, 0.9], dev_loss=[1.0, 0.6], dev_accuracy=[0.6, 0.8]
    )


# --- valid values ---------------------------------------------------------------------

X2 = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5], [-2.0, 1.0, 0.25], [0.75, -0.25, 1.0]])
X1 = np.array([0.5, -1.0, 2.0, 0.0])
LABELS = np.array([0, 2, 1, 0])
PROBS = np.array([0.9, 0.2, 0.6, 0.5])
TARGETS = np.array([1.0, 0.0, 1.0, 0.0])
MASK = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.0, 1.0, 1.0], [1.0, 1.0, 1.0]])
W3 = np.arange(12.0).reshape(2, 3, 2) / 10 - 0.5
B2 = np.array([[0.1, -0.2], [0.0, 0.3]])
IMAGES = np.arange(18.0).reshape(2, 3, 3)
POINT = np.array([0.5, -1.0])
X10 = np.arange(20.0).reshape(10, 2)
Y10 = np.arange(10)
DTYPE = Obj(np.float64, (("float16", np.float16), ("int", np.int32), ("str", "nope")))
ELEMENTWISE = ("relu", "sigmoid", "tanh")


def _prelu_cache() -> Any:
    return dlref.prelu_forward(X2, np.array([0.25, 0.1, 0.2]))[1]


def _maxout_cache() -> Any:
    return dlref.maxout_forward(X2, W3, B2)[1]


def _bn_cache() -> Any:
    return dlref.batchnorm_forward(X2, np.ones(3), np.zeros(3))[1]


def _square(v: np.ndarray) -> float:
    return float(np.sum(v**2))


def _flat_loss(lr: float) -> float:
    return 1.0


def _objective(p: dict[str, Any]) -> float:
    return float(p["a"])


def _learner_module() -> types.ModuleType:
    mod = types.ModuleType("learner")
    mod.relu = dlref.relu  # type: ignore[attr-defined]
    return mod


def _fitted() -> dlref.Standardizer:
    return dlref.Standardizer().fit(X2)


def _net() -> dlref.MLP:
    return dlref.MLP([3, 4, 3], rng=0)


def _elementwise(**extra: Any) -> Spec:
    return Spec({"x": Arr(X2), **extra}, elementwise=True)


ALPHA = Real(0.01, (-0.1,))
BETA = Real(0.9, (1.0, -0.1))
LR = Real(0.1, (-0.1,))
EPS = Real(1e-8, (0.0, -1.0))
SEED = Rng(0)
EXECUTOR = Obj(None, (("str", "pool"),))
SPACE = Obj(
    {"a": dlref.Uniform(0.0, 1.0)},
    (("empty", {}), ("int key", {1: [1.0]}), ("empty choices", {"a": []}), ("list", [1.0])),
)
LAYER = Obj([3, 4, 3], (("one size", [3]), ("zero", [3, 0, 3]), ("float", [3.0, 3]), ("int", 3)))


def _optimizer_step(cls: type, **hyper: Any) -> Spec:
    params = Obj(
        {"w": X2.copy()},
        (
            ("list", {"w": X2.tolist()}),
            ("float16", {"w": X2.astype(np.float16)}),
            ("int", {"w": X2.astype(int)}),
            ("other key", {"v": X2.copy()}),
        ),
    )
    grads = Obj(
        {"w": X2 * 0.1},
        (
            ("nan", {"w": np.full_like(X2, np.nan)}),
            ("shape", {"w": X2[:, :2]}),
            ("float16", {"w": X2.astype(np.float16)}),
            ("other key", {"v": X2}),
            ("list", {"w": (X2 * 0.1).tolist()}),
        ),
    )
    return Spec({"params": params, "grads": grads}, make=lambda: cls(**hyper), mutates=("params",))


NET = Obj(_net(), (("str", "net"), ("class", dlref.MLP), ("History", dlref.History())))

SPECS: dict[str, Spec] = {
    # babysitting
    "expected_initial_loss": Spec({"n_classes": Int(10, (1, 0, -1))}),
    "check_initial_loss": Spec(
        {
            "net": NET,
            "X": Arr(X2),
            "y": Arr(LABELS, labels=True),
            "tolerance": Real(0.5, (-0.1, 1.5)),
        },
        keeps_float32=False,  # measured values are Python floats
    ),
    "check_regularization": Spec(
        {"net": NET, "X": Arr(X2), "y": Arr(LABELS, labels=True), "l2": Real(1.0, (0.0, -1.0))},
        keeps_float32=False,
    ),
    "check_overfit": Spec(
        {
            "net": NET,
            "X": Arr(X2),
            "y": Arr(LABELS, labels=True),
            "n_samples": Int(2, (1, 0, 5)),
            "optimizer": Obj(None, (("class", dlref.Adam), ("function", _square))),
            "epochs": Int(3, (0,)),
            "target_loss": Real(0.01, (0.0, -1.0)),
            "rng": SEED,
        },
        keeps_float32=False,
    ),
    "check_learning_rates": Spec(
        {
            "net": NET,
            "X": Arr(X2),
            "y": Arr(LABELS, labels=True),
            "lrs": Obj([0.01, 0.1], (("negative", [0.1, -0.1]), ("empty", []), ("nan", [np.nan]))),
            "optimizer": Fn(dlref.SGD),
            "epochs": Int(2, (0,)),
            "batch_size": Int(2, (0,)),
            "min_decrease": Real(0.05, (0.0, 1.0, -0.1)),
            "explode_factor": Real(3.0, (1.0, 0.5)),
            "rng": SEED,
        },
        keeps_float32=False,
    ),
    "check_update_ratios": Spec(
        {
            "net": NET,
            "X": Arr(X2),
            "y": Arr(LABELS, labels=True),
            "optimizer": Obj(dlref.SGD(0.1), (("class", dlref.SGD), ("lr", 0.1))),
            "steps": Int(3, (0,)),
            "batch_size": Int(2, (0,)),
            "low": Real(1e-4, (0.0, -1.0)),
            "high": Real(3e-2, (0.0, 1e-5)),
            "rng": SEED,
        },
        keeps_float32=False,
    ),
    "check_train_dev_gap": Spec(
        {
            "history": Obj(
                _dev_history(),
                (
                    ("no dev set", dlref.History(train_loss=[1.0], train_accuracy=[0.5])),
                    ("empty", dlref.History()),
                ),
            ),
            "tolerance": Real(0.02, (-0.1, 1.5)),
        }
    ),
    # activations
    "relu": _elementwise(),
    "relu_grad": _elementwise(),
    "sigmoid": _elementwise(),
    "sigmoid_grad": _elementwise(),
    "tanh": _elementwise(),
    "tanh_grad": _elementwise(),
    "leaky_relu": _elementwise(alpha=ALPHA),
    "leaky_relu_grad": _elementwise(alpha=ALPHA),
    "elu": _elementwise(alpha=ALPHA),
    "elu_grad": _elementwise(alpha=ALPHA),
    "prelu_forward": Spec({"x": Arr(X2), "alpha": Arr(np.array([0.25, 0.1, 0.2]))}),
    "prelu_backward": Spec(
        {
            "dout": Arr(X2 * 0.5),
            "cache": Obj(_prelu_cache(), (("maxout cache", _maxout_cache()), ("pair", (1, 2)))),
        },
        keeps_float32=False,  # the cache holds float64 arrays from the float64 forward
    ),
    "maxout_forward": Spec({"x": Arr(X2), "W": Arr(W3), "b": Arr(B2)}),
    "maxout_backward": Spec(
        {
            "dout": Arr(X2[:, :2]),
            "cache": Obj(_maxout_cache(), (("prelu cache", _prelu_cache()), ("list", [1, 2, 3]))),
        },
        keeps_float32=False,
    ),
    # batch norm
    "batchnorm_forward": Spec(
        {
            "x": Arr(X2),
            "gamma": Arr(np.ones(3)),
            "beta": Arr(np.zeros(3)),
            "running": Obj(
                None,
                (
                    ("short", dlref.RunningStats(np.zeros(2), np.ones(2))),
                    ("negative var", dlref.RunningStats(np.zeros(3), -np.ones(3))),
                    ("list", [0.0, 1.0]),
                ),
            ),
            "momentum": BETA,
            "eps": Real(1e-5, (0.0, -1.0)),
            "unbiased_running_var": Flag(False),
        }
    ),
    "batchnorm_backward": Spec(
        {"dout": Arr(X2 * 0.5), "cache": Obj(_bn_cache(), (("tuple", (1, 2, 3)),))},
        keeps_float32=False,
    ),
    "batchnorm_inference": Spec(
        {
            "x": Arr(X2),
            "gamma": Arr(np.ones(3)),
            "beta": Arr(np.zeros(3)),
            "running": Obj(
                dlref.RunningStats(np.zeros(3), np.ones(3)),
                (("short", dlref.RunningStats(np.zeros(2), np.ones(2))), ("list", [0.0, 1.0])),
            ),
            "eps": Real(1e-5, (0.0, -1.0)),
        },
        keeps_float32=True,
    ),
    # data
    "train_dev_test_split": Spec(
        {
            "X": Arr(X10),
            "y": Arr(Y10.astype(float)),
            "fractions": Obj(
                (0.6, 0.2, 0.2),
                (
                    ("sum > 1", (0.6, 0.3, 0.3)),
                    ("negative", (1.2, -0.1, -0.1)),
                    ("two", (0.5, 0.5)),
                ),
            ),
            "rng": SEED,
        }
    ),
    "minibatches": Spec(
        {
            "X": Arr(X10),
            "y": Arr(Y10.astype(float)),
            "batch_size": Int(3, (0, -1)),
            "shuffle": Flag(True),
            "rng": SEED,
        }
    ),
    "kfold_indices": Spec(
        {
            "m": Int(10, (0, -1)),
            "k": Int(3, (1, 0)),
            "shuffle": Flag(True),
            "rng": SEED,
        }
    ),
    "make_moons": Spec(
        {
            "n_samples": Int(20, (1, 0)),
            "noise": Real(0.1, (-0.1,)),
            "shuffle": Flag(True),
            "rng": SEED,
        }
    ),
    "make_spiral": Spec(
        {
            "n_per_class": Int(10, (0,)),
            "n_classes": Int(3, (1,)),
            "noise": Real(0.1, (-0.1,)),
            "shuffle": Flag(True),
            "rng": SEED,
        }
    ),
    "load_digits": Spec({}),
    # diagnosis
    "diagnose": Spec(
        {
            "train_error": Real(0.1, (-0.1, 1.5)),
            "dev_error": Real(0.2, (-0.1, 1.5)),
            "bayes_error": Real(0.0, (-0.1, 1.5)),
            "tolerance": Real(0.02, (-0.1, 1.5)),
        }
    ),
    # ewma
    "ewma": Spec({"x": Arr(X1), "beta": BETA, "bias_correction": Flag(True)}),
    "effective_window": Spec({"beta": BETA}),
    # gradient checks
    "numerical_gradient": Spec(
        {"f": Fn(_square), "x": Arr(X1, ndarray_only=True), "h": Real(1e-5, (0.0, -1e-5))}
    ),
    "gradient_check": Spec(
        {
            "f": Fn(_square),
            "x": Arr(X1, ndarray_only=True),
            "analytic_grad": Arr(2 * X1),
            "h": Real(1e-5, (0.0, -1e-5)),
        }
    ),
    "relative_error": Spec({"a": Arr(X1), "b": Arr(X1 * 1.1)}),
    # initialisation
    "zeros": Spec({"n_in": Int(3, (0,)), "n_out": Int(2, (0,)), "dtype": DTYPE}),
    "random_normal": Spec(
        {
            "n_in": Int(3, (0,)),
            "n_out": Int(2, (0,)),
            "scale": Real(0.01, (-1.0,)),
            "rng": SEED,
            "dtype": DTYPE,
        }
    ),
    "xavier": Spec(
        {
            "n_in": Int(3, (0,)),
            "n_out": Int(2, (0,)),
            "variant": Obj("fan_in", (("unknown", "nope"), ("int", 3))),
            "rng": SEED,
            "dtype": DTYPE,
        }
    ),
    "he": Spec({"n_in": Int(3, (0,)), "n_out": Int(2, (0,)), "rng": SEED, "dtype": DTYPE}),
    "activation_statistics": Spec(
        {
            "init": Obj("he", (("unknown", "nope"), ("int", 3))),
            "activation": Obj("relu", (("unknown", "nope"), ("int", 3))),
            "n_layers": Int(2, (0,)),
            "width": Int(5, (0,)),
            "n_samples": Int(10, (0,)),
            "rng": SEED,
            "keep_activations": Flag(False),
        }
    ),
    # landscapes
    "saddle": Spec({"p": Arr(POINT)}),
    "saddle_grad": Spec({"p": Arr(POINT)}),
    "plateau": Spec({"p": Arr(POINT)}),
    "plateau_grad": Spec({"p": Arr(POINT)}),
    "normalized_quadratic": Spec({"p": Arr(POINT)}),
    "normalized_quadratic_grad": Spec({"p": Arr(POINT)}),
    "elongated_quadratic": Spec({"p": Arr(POINT), "kappa": Real(10.0, (0.5, -1.0))}),
    "elongated_quadratic_grad": Spec({"p": Arr(POINT), "kappa": Real(10.0, (0.5, -1.0))}),
    "rosenbrock": Spec({"p": Arr(POINT), "a": Real(1.0), "b": Real(100.0, (0.0, -1.0))}),
    "rosenbrock_grad": Spec({"p": Arr(POINT), "a": Real(1.0), "b": Real(100.0, (0.0, -1.0))}),
    "trajectory": Spec(
        {
            "optimizer": Obj(dlref.SGD(0.01), (("str", "sgd"),)),
            "grad_fn": Fn(dlref.saddle_grad),
            "start": Arr(POINT),
            "steps": Int(3, (-1,)),
        }
    ),
    # losses
    "mse": Spec({"y_pred": Arr(X1), "y": Arr(X1 * 0.5)}),
    "mse_grad": Spec({"y_pred": Arr(X1), "y": Arr(X1 * 0.5)}),
    "binary_cross_entropy": Spec(
        {"p": Arr(PROBS), "y": Arr(TARGETS), "eps": Real(1e-12, (0.0, 0.6, -1.0))}
    ),
    "binary_cross_entropy_with_logits": Spec({"z": Arr(X1), "y": Arr(TARGETS)}),
    "softmax": Spec({"z": Arr(X2), "axis": Int(-1, (2, -3))}),
    "log_softmax": Spec({"z": Arr(X2), "axis": Int(-1, (2, -3))}),
    "hardmax": Spec({"z": Arr(X2), "axis": Int(-1, (2, -3))}),
    "nll": Spec(
        {"log_probs": Arr(np.log(np.full((4, 3), 1 / 3))), "labels": Arr(LABELS, labels=True)}
    ),
    "softmax_cross_entropy": Spec({"logits": Arr(X2), "labels": Arr(LABELS, labels=True)}),
    # the network
    "MLP": Spec(
        {
            "layer_sizes": LAYER,
            "activation": Obj("relu", (("unknown", "nope"),)),
            "init": Obj("he", (("unknown", "nope"),)),
            "keep_prob": Real(1.0, (0.0, 1.5)),
            "l2": Real(0.0, (-1.0,)),
            "batchnorm": Flag(False),
            "output": Obj("softmax", (("unknown", "nope"),)),
            "dtype": DTYPE,
            "rng": SEED,
        }
    ),
    "MLP.predict_proba": Spec({"X": Arr(X2)}, make=_net, keeps_float32=False),
    "MLP.predict": Spec({"X": Arr(X2)}, make=_net),
    "MLP.loss": Spec(
        {"X": Arr(X2), "y": Arr(LABELS, labels=True), "train": Flag(False), "rng": SEED},
        make=_net,
        keeps_float32=False,  # computed in the network's dtype (float64 here), as documented
    ),
    "MLP.gradients": Spec(
        {"X": Arr(X2), "y": Arr(LABELS, labels=True), "rng": SEED}, make=_net, keeps_float32=False
    ),
    "MLP.fit": Spec(
        {
            "X": Arr(X2),
            "y": Arr(LABELS, labels=True),
            "optimizer": Obj(dlref.SGD(0.1), (("str", "sgd"), ("class", dlref.SGD))),
            "epochs": Int(2, (0,)),
            "batch_size": Int(2, (0,)),
            "X_dev": Obj(None, (("without y_dev", X2),)),
            "y_dev": Obj(None, (("without X_dev", LABELS),)),
            "lr_schedule": Obj(None, (("int", 3),)),
            "early_stopping": Obj(None, (("str", "yes"), ("without dev", dlref.EarlyStopping()))),
            "progress": Flag(False),
            "rng": SEED,
        },
        make=_net,
    ),
    # optimisers
    "SGD": Spec({"lr": LR}),
    "Momentum": Spec({"lr": LR, "beta": BETA}),
    "Nesterov": Spec({"lr": LR, "beta": BETA}),
    "RMSprop": Spec({"lr": LR, "beta": BETA, "eps": EPS}),
    "Adam": Spec({"lr": LR, "beta1": BETA, "beta2": BETA, "eps": EPS}),
    "AdamW": Spec(
        {
            "lr": LR,
            "beta1": BETA,
            "beta2": BETA,
            "eps": EPS,
            "weight_decay": Real(0.01, (-0.1,)),
            "decay_scaled_by_lr": Flag(True),
        }
    ),
    "SGD.step": _optimizer_step(dlref.SGD, lr=0.1),
    "Momentum.step": _optimizer_step(dlref.Momentum, lr=0.1),
    "Nesterov.step": _optimizer_step(dlref.Nesterov, lr=0.1),
    "RMSprop.step": _optimizer_step(dlref.RMSprop, lr=0.1),
    "Adam.step": _optimizer_step(dlref.Adam, lr=0.1),
    "AdamW.step": _optimizer_step(dlref.AdamW, lr=0.1),
    "inverse_time_decay": Spec(
        {"lr0": LR, "epoch": Int(3, (-1,)), "decay_rate": Real(0.5, (-1.0,))}
    ),
    "exponential_decay": Spec({"lr0": LR, "epoch": Int(3, (-1,)), "base": Real(0.95, (0.0, 1.5))}),
    "inverse_sqrt_decay": Spec({"lr0": LR, "epoch": Int(3, (0,)), "k": Real(1.0, (0.0, -1.0))}),
    "step_decay": Spec(
        {"lr0": LR, "epoch": Int(3, (0,)), "drop": Real(0.5, (0.0, 1.5)), "every": Int(10, (0,))}
    ),
    # schedules
    "cosine_annealing": Spec(
        {
            "lr0": LR,
            "step": Int(2, (-1, 5)),
            "total": Int(4, (0,)),
            "lr_min": Real(0.01, (-0.1, 0.2)),
        }
    ),
    "linear_warmup": Spec(
        {
            "lr0": LR,
            "step": Int(2, (-1,)),
            "warmup": Int(4, (0,)),
            "start_factor": Real(0.2, (-0.1, 1.5)),
        }
    ),
    "lr_range_test": Spec(
        {
            "step": Fn(_flat_loss),
            "lr_min": Real(1e-4, (0.0, -1.0)),
            "lr_max": Real(1.0, (1e-5,)),
            "n_steps": Int(5, (1,)),
            "spacing": Obj("geometric", (("unknown", "log"), ("int", 3))),
            "smoothing": Real(0.9, (1.0, -0.1)),
            "stop_factor": Real(4.0, (1.0, 0.5)),
        }
    ),
    # preprocessing
    "Standardizer": Spec({"with_std": Flag(True)}),
    "Standardizer.fit": Spec({"X": Arr(X2)}, make=dlref.Standardizer),
    "Standardizer.transform": Spec({"X": Arr(X2)}, make=_fitted),
    "Standardizer.fit_transform": Spec({"X": Arr(X2)}, make=dlref.Standardizer),
    "Standardizer.inverse_transform": Spec({"Z": Arr(X2)}, make=_fitted),
    "one_hot": Spec(
        {
            "labels": Arr(LABELS, labels=True, float_labels_ok=True),
            "num_classes": Obj(3, (("zero", 0), ("float", 3.5), ("too small", 2))),
            "dtype": DTYPE,
        }
    ),
    "pca": Spec(
        {"X": Arr(X2), "n_components": Obj(None, (("zero", 0), ("too many", 9), ("float", 1.5)))}
    ),
    "whiten": Spec(
        {
            "X": Arr(X2),
            "eps": Real(1e-5, (-1.0,)),
            "n_components": Obj(None, (("zero", 0), ("too many", 9))),
        }
    ),
    # regularisation
    "l2_penalty": Spec({"weights": Arr(X2), "lambd": Real(0.1, (-0.1,)), "m": Int(4, (0,))}),
    "l1_penalty": Spec({"weights": Arr(X2), "lambd": Real(0.1, (-0.1,)), "m": Int(4, (0,))}),
    "l2_grad": Spec({"W": Arr(X2), "lambd": Real(0.1, (-0.1,)), "m": Int(4, (0,))}),
    "l1_grad": Spec({"W": Arr(X2), "lambd": Real(0.1, (-0.1,)), "m": Int(4, (0,))}),
    "dropout_forward": Spec(
        {"x": Arr(X2), "keep_prob": Real(0.8, (0.0, 1.5)), "rng": SEED, "train": Flag(True)},
        elementwise=True,
    ),
    "dropout_backward": Spec(
        {
            "dout": Arr(X2),
            "mask": Arr(MASK, bool_ok=True, none_ok=True),
            "keep_prob": Real(0.8, (0.0, 1.5)),
        },
        elementwise=True,
    ),
    "flip_horizontal": Spec({"images": Arr(IMAGES)}),
    "random_shift": Spec({"images": Arr(IMAGES), "max_shift": Int(1, (-1,)), "rng": SEED}),
    "EarlyStopping": Spec({"patience": Int(5, (0,)), "min_delta": Real(0.0, (-0.1,))}),
    "EarlyStopping.update": Spec({"dev_loss": Real(0.5)}, make=dlref.EarlyStopping),
    # tuning
    "log_uniform": Spec(
        {
            "low": Real(1e-4, (0.0, -1.0)),
            "high": Real(1e-1, (1e-5,)),
            "size": Obj(None, (("negative", -1), ("float", 2.5))),
            "rng": SEED,
        }
    ),
    "sample_beta": Spec(
        {
            "low": Real(0.9, (1.0, -0.1)),
            "high": Real(0.999, (0.5, 1.0)),
            "size": Obj(None, (("negative", -1), ("float", 2.5))),
            "rng": SEED,
        }
    ),
    "Uniform": Spec({"low": Real(0.0), "high": Real(1.0, (-1.0,))}),
    "LogUniform": Spec({"low": Real(1e-4, (0.0, -1.0)), "high": Real(1e-1, (1e-5,))}),
    "BetaLogUniform": Spec({"low": Real(0.9, (1.0, -0.1)), "high": Real(0.999, (0.5, 1.0))}),
    "IntUniform": Spec({"low": Int(1), "high": Int(5, (0,))}),
    "grid_search": Spec(
        {
            "objective": Fn(_objective),
            "grid": Obj(
                {"a": [1.0, 2.0]},
                (("empty", {}), ("int key", {1: [1.0]}), ("empty choices", {"a": []})),
            ),
            "executor": EXECUTOR,
        }
    ),
    "random_search": Spec(
        {
            "objective": Fn(_objective),
            "space": SPACE,
            "n_trials": Int(3, (0,)),
            "rng": SEED,
            "executor": EXECUTOR,
            "progress": Flag(False),
        }
    ),
    "narrow_space": Spec(
        {
            "space": SPACE,
            "trials": Obj(
                [dlref.Trial({"a": 0.2}, 1.0), dlref.Trial({"a": 0.5}, 0.5)],
                (("ints", [1, 2]), ("empty", [])),
            ),
            "top": Int(2, (0,)),
        }
    ),
    "coarse_to_fine": Spec(
        {
            "objective": Fn(_objective),
            "space": SPACE,
            "rounds": Int(2, (0,)),
            "n_trials": Int(3, (0,)),
            "top": Int(2, (0,)),
            "rng": SEED,
            "executor": EXECUTOR,
            "progress": Flag(False),
        }
    ),
    # checking a learner's code
    "check_function": Spec(
        {
            "func": Fn(dlref.relu),
            "name": Obj("relu", (("unknown", "nope"), ("int", 3))),
            "using": Obj(None, (("str", "x"),)),
            "rng": SEED,
        }
    ),
    "check_module": Spec(
        {
            "impl": Obj(
                _learner_module(), (("missing file", "/nonexistent/learner.py"), ("int", 3))
            ),
            "names": Obj(["relu"], (("unknown", ["nope"]), ("str", "relu"))),
            "rng": SEED,
        }
    ),
}

#: Values inside each sampler's domain, for ``narrow``.
_NARROW = {
    "Uniform": [0.2, 0.5],
    "LogUniform": [0.02, 0.05],
    "BetaLogUniform": [0.92, 0.95],
    "IntUniform": [2.0, 3.0],
}


def _sampler(name: str) -> Callable[[], Any]:
    cls = getattr(dlref, name)
    args = {k: v.value for k, v in SPECS[name].args.items()}
    return lambda: cls(**args)


for _name, _values in _NARROW.items():
    SPECS[f"{_name}.__call__"] = Spec({"rng": SEED}, make=_sampler(_name))
    SPECS[f"{_name}.narrow"] = Spec({"values": Arr(np.array(_values))}, make=_sampler(_name))
