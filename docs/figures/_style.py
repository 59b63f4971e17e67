"""Shared look of the site's figures (a helper, not a figure)."""

from __future__ import annotations

from matplotlib.figure import Figure

#: Colour cycle used by every figure (colour-blind safe, Okabe–Ito).
COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
GREY = "#9a9a9a"


def text(table: dict[str, dict[str, str]], lang: str) -> dict[str, str]:
    """The labels of one language; both languages must define the same keys."""
    ko, en = table["ko"], table["en"]
    if ko.keys() != en.keys():
        raise KeyError(f"ko/en labels differ: {sorted(ko.keys() ^ en.keys())}")
    return table[lang]


def new_figure(width: float = 7.0, height: float = 3.6, **kwargs: object) -> Figure:
    """A figure with constrained layout and the site's colour cycle."""
    fig = Figure(figsize=(width, height), layout="constrained", **kwargs)  # type: ignore[arg-type]
    fig.set_facecolor("white")
    return fig


def style_axes(ax: object) -> None:
    """Light grid, no top/right spines."""
    ax.grid(True, color="#e6e6e6", linewidth=0.8)  # type: ignore[attr-defined]
    ax.set_axisbelow(True)  # type: ignore[attr-defined]
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)  # type: ignore[attr-defined]


def power_of_ten_ticks(axis: object) -> None:
    """Label a log axis 10^k in plain mathtext (its minus sign comes from DejaVu Sans)."""
    import numpy as np
    from matplotlib.ticker import FuncFormatter, NullLocator

    axis.set_major_formatter(  # type: ignore[attr-defined]
        FuncFormatter(lambda value, _pos: f"$10^{{{round(np.log10(value))}}}$")
    )
    axis.set_minor_locator(NullLocator())  # type: ignore[attr-defined]
