"""Legend names of the optimisers compared on the saddle-point page (a helper, not a figure)."""

from __future__ import annotations

from _saddle_runs import BETA, LR
from _style import COLORS

NAMES = {
    "ko": {
        "gd": f"경사 하강법 (학습률 {LR:g})",
        "momentum": f"모멘텀, 강의 형태 (학습률 {LR:g}, β = {BETA:g})",
        "momentum_sum": f"모멘텀, PyTorch 형태 (학습률 {LR:g}, β = {BETA:g})",
        "adam": f"Adam (학습률 {LR:g})",
    },
    "en": {
        "gd": f"gradient descent (lr {LR:g})",
        "momentum": f"momentum, course form (lr {LR:g}, β = {BETA:g})",
        "momentum_sum": f"momentum, PyTorch form (lr {LR:g}, β = {BETA:g})",
        "adam": f"Adam (lr {LR:g})",
    },
}
COLOR = {"gd": COLORS[1], "momentum": COLORS[4], "momentum_sum": COLORS[2], "adam": COLORS[0]}
