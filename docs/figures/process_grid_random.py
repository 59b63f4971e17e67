"""Nine trials on a grid vs nine at random when only x matters (Bergstra & Bengio 2012, Fig. 1)."""

from __future__ import annotations

import numpy as np
from _style import COLORS, GREY, new_figure, text
from _tuning_runs import GRID, grid_vs_random, important, unimportant
from matplotlib.figure import Figure

LABELS = {
    "ko": {
        "grid": "격자 탐색: $x$ 값 3개",
        "random": "무작위 탐색: $x$ 값 9개",
        "x": "중요한 하이퍼파라미터 $x$",
        "y": "덜 중요한 $y$",
        "g": "$g(x)$",
        "best": "찾은 최댓값 {v:.2f}",
        "best_random": "찾은 최댓값 {v:.2f} (반복 2000번 평균 {m:.2f} ± {s:.2f})",
    },
    "en": {
        "grid": "grid search: 3 values of $x$",
        "random": "random search: 9 values of $x$",
        "x": "important hyperparameter $x$",
        "y": "less important $y$",
        "g": "$g(x)$",
        "best": "best found {v:.2f}",
        "best_random": "best found {v:.2f} (2000 repeats: {m:.2f} ± {s:.2f})",
    },
}


def draw(lang: str) -> Figure:
    tx = text(LABELS, lang)
    _, mean, std = grid_vs_random()
    random_pts = np.random.default_rng(4).random((9, 2))
    grid = np.linspace(0, 1, 200)
    gx, gy = np.meshgrid(grid, grid)
    f = important(gx) + unimportant(gy)
    fig = new_figure(8.4, 4.8)
    spec = fig.add_gridspec(2, 2, height_ratios=[1, 3])
    for col, (name, pts) in enumerate((("grid", GRID), ("random", random_pts))):
        top = fig.add_subplot(spec[0, col])
        main = fig.add_subplot(spec[1, col], sharex=top)
        main.contourf(gx, gy, f, levels=12, cmap="Blues", alpha=0.6)
        main.scatter(pts[:, 0], pts[:, 1], color=COLORS[1], s=40, zorder=3, edgecolors="white")
        main.set(xlim=(0, 1), ylim=(0, 1), xlabel=tx["x"], ylabel=tx["y"] if col == 0 else None)
        main.set_aspect("auto")
        top.plot(grid, important(grid), color=COLORS[0], linewidth=2)
        for x in pts[:, 0]:
            top.axvline(x, color=COLORS[1], linewidth=1, alpha=0.8)
        found = float(np.max(important(pts[:, 0]) + unimportant(pts[:, 1])))
        label = (tx["best"].format(v=found) if name == "grid"
                 else tx["best_random"].format(v=found, m=mean, s=std))
        top.set_title(tx[name] + "\n" + label, fontsize=10)
        top.set_ylabel(tx["g"])
        top.set_yticks([])
        top.tick_params(labelbottom=False)
        for side in ("top", "right"):
            top.spines[side].set_visible(False)
        top.spines["left"].set_color(GREY)
    return fig
