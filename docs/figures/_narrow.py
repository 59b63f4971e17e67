"""The phone layout of a figure (a helper of ``docs/hooks/figures.py``, not a figure).

A figure is drawn for the page's wide column, about 7–9.6 inches across; on a 375 px phone
the column is about 340 px wide, so its text would shrink to 4–6 px. Its narrow variant is
the same figure, drawn by the same ``draw(lang)``, laid out again for a column
:data:`WIDTH` inches wide, where one point of text is about 1.4 px on that phone:

- the panels of a grid are stacked one above the other, in reading order (row by row),
  or two to a row when they were small (under 2.4 inches wide) or five or more;
- a panel that shared its y axis with its left neighbour gets its own tick labels back;
- a figure legend gets as many columns as fit the width;
- a title, axis label or legend entry too long for its place is wrapped at its spaces
  (never inside ``$...$`` math).

A script whose figure needs another arrangement defines ``narrow(fig, lang)``, called
instead of :func:`reflow` on the figure its ``draw`` returned.

:func:`problems` lists what is still wrong after the layout — text outside the figure,
two texts on top of each other — and the build fails on any of it, so a narrow variant
is never worse than its check.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpec
from matplotlib.legend import Legend
from matplotlib.text import Text

#: Width of the narrow variant, inches (252 pt; about 340 px on a 375 px phone).
WIDTH = 3.5
#: Height of one row of panels, inches (the panels keep their shape within these).
MIN_ROW_HEIGHT, MAX_ROW_HEIGHT = (2.4, 1.8), 3.0  # lowest with one and two panels a row


def reflow(fig: Figure, width: float = WIDTH) -> Figure:
    """Lay ``fig`` out again for a narrow column; return it (changed in place)."""
    old_width, old_height = fig.get_size_inches()
    grid = _top_grid(fig)
    if grid is None:
        rows, row_height = 1, MAX_ROW_HEIGHT
    else:
        gs, cells = grid
        panel_width, panel_height = old_width / gs.ncols, old_height / gs.nrows
        cols = 2 if (panel_width < 2.4 and len(cells) >= 3) or len(cells) >= 5 else 1
        rows = gs.nrows
        if gs.ncols > cols:
            order = sorted(cells, key=lambda ax: cells[ax])
            rows = math.ceil(len(order) / cols)
            new = GridSpec(rows, cols, figure=fig)
            for i, ax in enumerate(order):
                ax.set_subplotspec(new[i // cols, i % cols])
        for ax in cells:
            _own_y_ticks(ax)
        aspect = panel_height / panel_width
        lowest = MIN_ROW_HEIGHT[cols - 1]
        row_height = min(max(aspect * width / cols, lowest), MAX_ROW_HEIGHT)
    extra = 0.45 * (fig.get_suptitle() != "") + 0.35 * len(fig.legends)
    fig.set_size_inches(width, rows * row_height + extra)
    fit_text(fig)
    return fig


def _top_grid(fig: Figure) -> tuple[GridSpec, dict[Axes, tuple[int, int]]] | None:
    """The figure's one grid of single-cell panels, or None when there is another layout."""
    cells: dict[Axes, tuple[int, int]] = {}
    grids = set()
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is None:  # a colorbar or an inset: it follows its parent
            continue
        gs = spec.get_gridspec()
        if not isinstance(gs, GridSpec) or gs.figure is not fig:
            return None  # a nested grid or a subfigure: the script knows better
        if len(spec.rowspan) != 1 or len(spec.colspan) != 1:
            return None
        grids.add(gs)
        cells[ax] = (spec.rowspan.start, spec.colspan.start)
    if len(grids) != 1:
        return None
    return grids.pop(), cells


def _own_y_ticks(ax: Axes) -> None:
    """Give back the y tick labels that ``sharey`` hid on an inner panel."""
    if len(ax.get_shared_y_axes().get_siblings(ax)) > 1:
        ax.yaxis.set_tick_params(which="both", labelleft=True)


# --- text that fits ----------------------------------------------------------------------


def fit_text(fig: Figure, rounds: int = 4) -> None:
    """Wrap texts wider than their place and narrow figure legends, until nothing changes."""
    for _ in range(rounds):
        changed = False
        renderer = _draw(fig)
        fig_box = fig.bbox
        for legend in list(fig.legends):
            changed |= _fit_legend(legend, fig_box.width, renderer)
        for text, room in _texts_with_room(fig):
            if not text.get_visible() or not text.get_text():
                continue
            box = text.get_window_extent(renderer)
            along = box.height if _vertical(text) else box.width
            limit = (fig_box.height if _vertical(text) else fig_box.width) if room is None else room
            if along > limit * 1.001:
                changed |= _wrap(text, math.ceil(along / limit))
        if not changed:
            return


def _draw(fig: Figure) -> object:
    """Lay out and draw ``fig``, quietly: a trial layout before the text is wrapped may
    not fit (the final one is drawn strictly by the build)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        canvas.draw()
    return canvas.get_renderer()


def _vertical(text: Text) -> bool:
    return abs(text.get_rotation() % 180 - 90) < 1


def _texts_with_room(fig: Figure) -> Iterator[tuple[Text, float | None]]:
    """Each wrappable text with the length it may take (None: the figure's)."""
    if fig._suptitle is not None:
        yield fig._suptitle, None
    for legend in fig.legends:
        for text in legend.get_texts():
            yield text, fig.bbox.width * 0.9
    for ax in fig.axes:
        pos = ax.get_window_extent()
        centre = (pos.x0 + pos.x1) / 2
        yield ax.title, 2 * min(centre, fig.bbox.width - centre) - 4  # centred on the panel
        for title in (ax._left_title, ax._right_title):
            yield title, pos.width
        yield ax.xaxis.label, pos.width * 1.15
        yield ax.yaxis.label, pos.height * 1.15
        legend = ax.get_legend()
        if legend is not None:
            for text in legend.get_texts():
                yield text, None
        for text in ax.texts:
            yield text, None


def _fit_legend(legend: Legend, width: float, renderer: object) -> bool:
    """A figure legend wider than ``width`` drawn again with one column fewer; False when
    it fits or has one column."""
    ncols = legend._ncols
    if ncols == 1 or legend.get_window_extent(renderer).width <= width:
        return False
    fig = legend.figure
    loc = {code: name for name, code in Legend.codes.items()}[legend._loc]
    outside = getattr(legend, "_outside_loc", None)
    if outside and not loc.startswith(outside):  # "outside right upper", not "upper right"
        loc = " ".join(reversed(loc.split()))
    options = {
        "loc": f"outside {loc}" if outside else loc,
        "ncols": ncols - 1,
        "frameon": legend.get_frame_on(),
        "fontsize": legend.texts[0].get_fontsize() if legend.texts else None,
    }
    labels = [text.get_text() for text in legend.texts]
    legend.remove()
    fig.legend(legend.legend_handles, labels, **options)  # type: ignore[union-attr]
    return True


def _wrap(text: Text, lines: int) -> bool:
    """Break ``text`` into about ``lines`` lines at spaces outside math; False if it cannot."""
    current = text.get_text()
    words = _words(" ".join(current.split("\n")))
    if len(words) < 2:
        return False
    target = len(" ".join(words)) / (current.count("\n") + lines)
    out, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > target:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    out.append(line)
    new = "\n".join(out)
    if new.count("\n") <= current.count("\n"):
        return False
    text.set_text(new)
    return True


def _words(line: str) -> list[str]:
    """``line`` split at its spaces, except the spaces inside ``$...$``."""
    words, word, in_math = [], "", False
    for char in line:
        if char == "$":
            in_math = not in_math
        if char == " " and not in_math:
            if word:
                words.append(word)
            word = ""
        else:
            word += char
    return [*words, word] if word else words


# --- the check --------------------------------------------------------------------------


def problems(fig: Figure) -> list[str]:
    """Text outside the figure, or two texts on top of each other, as drawn."""
    texts, renderer = _drawn_texts(fig)
    fig_box = fig.bbox.padded(1.0)
    found, boxes = [], []
    for text in texts:
        box = text.get_window_extent(renderer)
        label = repr(text.get_text()[:40])
        if not (fig_box.contains(box.x0, box.y0) and fig_box.contains(box.x1, box.y1)):
            found.append(f"text {label} runs outside the figure")
        boxes.append((label, box.shrunk(0.94, 0.8)))  # glyph boxes carry some padding
    for i, (a, box) in enumerate(boxes):
        found += [f"texts {a} and {b} overlap" for b, o in boxes[i + 1 :] if box.overlaps(o)]
    return found


def _drawn_texts(fig: Figure) -> tuple[list[Text], object]:
    """Every text the renderer really draws (not a tick label outside the view)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    renderer = canvas.get_renderer()
    seen: dict[int, Text] = {}
    draw_text = renderer.draw_text

    def record(gc, x, y, s, prop, angle, ismath=False, mtext=None):  # type: ignore[no-untyped-def]
        if mtext is not None and s.strip():
            seen.setdefault(id(mtext), mtext)
        return draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    renderer.draw_text = record  # type: ignore[method-assign]
    try:
        fig.draw(renderer)
    finally:
        del renderer.draw_text
    return list(seen.values()), renderer
