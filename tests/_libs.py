"""Optional libraries for cross-checks: skip with a reason, or fail in CI.

Cross-checks against PyTorch and scikit-learn skip with a clear reason on a
machine without those libraries. CI sets ``DLREF_REQUIRE_ALL=1`` so a missing
library is a failure there, never a silent skip.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

import pytest

INSTALL_HINT = {
    "torch": "pip install torch==2.13.0 (the CPU build; see README, 'Cross-checks')",
    "sklearn": "pip install -e '.[test]'",
    "playwright": "pip install -e '.[test]'",
    "dask": "pip install -e '.[test]'",
    "distributed": "pip install -e '.[test]'",
}


def import_or_skip(name: str) -> ModuleType:
    """Import ``name``; skip the test with a reason if it is absent (fail in CI)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        reason = f"{name} is not installed ({INSTALL_HINT.get(name, 'pip install ' + name)})"
        if os.environ.get("DLREF_REQUIRE_ALL") == "1":
            pytest.fail(f"{reason}; DLREF_REQUIRE_ALL=1 requires it: {exc}")
        pytest.skip(reason)
