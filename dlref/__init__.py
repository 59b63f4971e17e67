"""dlref: a small, tested NumPy reference for training deep networks.

Every public function documents its math and carries doctest examples; the
documentation site is built from these docstrings.
"""

__version__ = "0.1.0"

import sys as _sys
from typing import TYPE_CHECKING as _TYPE_CHECKING
from typing import Any as _Any

from dlref.activations import *  # noqa: F403
from dlref.babysit import *  # noqa: F403
from dlref.batchnorm import *  # noqa: F403
from dlref.data import *  # noqa: F403
from dlref.diagnosis import *  # noqa: F403
from dlref.ewma import *  # noqa: F403
from dlref.gradcheck import *  # noqa: F403
from dlref.init import *  # noqa: F403
from dlref.landscapes import *  # noqa: F403
from dlref.losses import *  # noqa: F403
from dlref.nn import *  # noqa: F403
from dlref.optim import *  # noqa: F403
from dlref.preprocessing import *  # noqa: F403
from dlref.regularization import *  # noqa: F403
from dlref.schedules import *  # noqa: F403
from dlref.tuning import *  # noqa: F403

# Checking a learner's code is loaded on first use, so ``import dlref`` does not
# pay for the registry of test cases (about 10 ms).
_SELFCHECK = ("CHECKABLE", "CheckResult", "check_function", "check_module")

# The public API: every module's ``__all__`` plus the lazily loaded names above
# (tests/test_public_api.py checks this list against the modules).
_MODULES = (
    "activations",
    "babysit",
    "batchnorm",
    "data",
    "diagnosis",
    "ewma",
    "gradcheck",
    "init",
    "landscapes",
    "losses",
    "nn",
    "optim",
    "preprocessing",
    "regularization",
    "schedules",
    "tuning",
)
__all__ = sorted(
    {name for mod in _MODULES for name in _sys.modules[f"dlref.{mod}"].__all__} | {*_SELFCHECK}
)

if _TYPE_CHECKING:
    from dlref.selfcheck import CHECKABLE, CheckResult, check_function, check_module  # noqa: F401


def __getattr__(name: str) -> _Any:
    if name in _SELFCHECK:
        from dlref import selfcheck

        return getattr(selfcheck, name)
    raise AttributeError(f"module 'dlref' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_SELFCHECK])
