"""Sample data shared by several figures (a helper, not a figure).

Figure scripts import only these ``_*.py`` helpers, never each other: the
figure cache hashes a script together with every helper, not with other
scripts.
"""

from __future__ import annotations

import numpy as np


def noisy_temperatures(days: int = 200, seed: int = 0) -> np.ndarray:
    """A seasonal curve plus Gaussian noise, in degrees Celsius."""
    rng = np.random.default_rng(seed)
    t = np.arange(days)
    return 12.0 - 10.0 * np.cos(2 * np.pi * (t + 20) / 365) + rng.normal(0.0, 3.0, days)
