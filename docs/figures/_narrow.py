"""The phone layout of a figure (a helper of ``docs/hooks/figures.py``, not a figure).

A figure is drawn for the page's wide column, about 7–9.6 inches across; on a 375 px phone
the column is about 340 px wide, so its text would shrink to 4–6 px. Its narrow variant is
the same figure, drawn by the same ``draw(lang)``, laid out again for a column
:data:`WIDTH` inches wide, where one point of text is about 1.4 px on that phone:

- the panels of a grid are stacked one above the other, in reading order (row by row),
  or two to a row when they were small (under 2.4 inches wide) or five or more; a grid
  of thumbnails (under 1.2 inches) keeps its shape;
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

import itertools
import logging
import math
import operator
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpec
from matplotlib.legend import Legend
from matplotlib.text import Text
from matplotlib.transforms import Bbox

#: The lowest a panel's plotting area may come out, inches (thumbnails excepted).
MIN_PANEL_HEIGHT = 1.6
#: A panel legend covering this share of its panel moves under the figure.
LEGEND_SHARE = 0.3
#: Width of the narrow variant, inches (252 pt; about 340 px on a 375 px phone).
WIDTH = 3.5
#: The share of the figure's width a figure-wide text (a suptitle, a caption) may take as
#: measured. Text is measured with Agg's hinted metrics, but the SVG (``svg.fonttype=path``)
#: draws unhinted glyphs: over the 46 one-line figure-wide texts of every figure (both
#: languages, 8.3-12 pt), the ink Chromium drew was 0.946 to 1.027 times the Agg width and
#: the SVG's own layout width 0.952 to 1.033 times, the widest all Korean at 11 pt
#: (``init_digits_training``: 249.1 pt measured, 255.7 pt drawn on a 252 pt phone figure,
#: clipped at both ends). 1 / 1.033 = 0.968; 0.95 leaves room for a wider one.
#: ``tests/test_figure_narrow.py`` measures the Korean titles again.
FIGURE_TEXT_SHARE = 0.95
#: Height of one row of panels, inches (the panels keep their shape within these).
MIN_ROW_HEIGHT, MAX_ROW_HEIGHT = (2.4, 1.8), 3.0  # lowest with one and two panels a row


def reflow(fig: Figure, width: float = WIDTH, row_height: float | None = None) -> Figure:
    """Lay ``fig`` out again for a narrow column; return it (changed in place).

    ``row_height`` (inches) overrides the height a row of panels gets from their shape.
    """
    old_width, old_height = fig.get_size_inches()
    if fig.subfigs:
        return _stack_subfigures(fig, width)
    grid = _top_grid(fig)
    if grid is None:
        rows, row_height_from_shape = 1, MAX_ROW_HEIGHT
    else:
        gs, cells = grid
        panel_width, panel_height = old_width / gs.ncols, old_height / gs.nrows
        panels = len(set(cells.values()))
        if panel_width < 1.2:  # a grid of thumbnails keeps its shape
            cols = gs.ncols
        elif (panel_width < 2.4 and panels >= 3) or panels >= 5:
            cols = 2
        else:
            cols = 1
        rows = gs.nrows
        if gs.ncols > cols:
            places = sorted(set(cells.values()))  # a twin axis shares its panel's place
            rows = math.ceil(len(places) / cols)
            new = GridSpec(rows, cols, figure=fig)
            for ax, place in cells.items():
                i = places.index(place)
                ax.set_subplotspec(new[i // cols, i % cols])
        for ax in cells:
            _own_y_ticks(ax)
        aspect = panel_height / panel_width
        lowest = MIN_ROW_HEIGHT[min(cols, 2) - 1] / max(1, cols - 1)
        row_height_from_shape = min(max(aspect * width / cols, lowest), MAX_ROW_HEIGHT)
    row_height = row_height or row_height_from_shape
    extra = 0.45 * (fig.get_suptitle() != "") + 0.35 * len(fig.legends)
    fig.set_size_inches(width, rows * row_height + extra)
    fit_text(fig)
    return fig


def _stack_subfigures(fig: Figure, width: float) -> Figure:
    """A row of subfigures stacked, each as tall as its shape asks (within limits)."""
    subfigs = fig.subfigs
    grid = subfigs[0]._subplotspec.get_gridspec()
    old_width, old_height = fig.get_size_inches()
    if grid.nrows == 1 and grid.ncols == len(subfigs):
        ratios = grid.get_width_ratios() or [1] * grid.ncols
        widths = [old_width * r / sum(ratios) for r in ratios]
        heights = [min(max(old_height * width / w, MIN_ROW_HEIGHT[0]), 3.4) for w in widths]
        new = GridSpec(len(subfigs), 1, figure=fig, height_ratios=heights)
        for i, subfig in enumerate(subfigs):
            subfig._subplotspec = new[i, 0]
            subfig._redo_transform_rel_fig()
        fig.set_size_inches(width, sum(heights) + 0.45 * (fig.get_suptitle() != ""))
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


def move_legends(fig: Figure) -> None:
    """Have :func:`reflow` put every panel legend under its panel (or under the figure)."""
    for ax in fig.axes:
        if ax.get_legend() is not None:
            ax.get_legend()._dlref_move = True  # type: ignore[attr-defined]


def fit_text(fig: Figure, rounds: int = 8) -> None:
    """Wrap texts wider than their place and narrow figure legends, until nothing changes.

    Quietly: measuring a tick label that the final layout will not draw may log a missing
    glyph; the build draws the final figure strictly.
    """
    logging.disable(logging.WARNING)
    try:
        _fit_text(fig, rounds)
    finally:
        logging.disable(logging.NOTSET)


def _fit_text(fig: Figure, rounds: int) -> None:
    fig._dlref_final = None  # type: ignore[attr-defined]
    for _ in range(rounds):
        changed = False
        with drawn_texts() as drawn, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")  # kept, and raised if this draw is the final one
            renderer = draw(fig, quiet=False)
        fig_box = fig.bbox
        changed |= _legends(fig, renderer)
        for ax in fig.axes:
            changed |= _thin_ticks(ax, renderer) | _wrap_y_categories(ax, renderer)
        changed |= _taller(fig)
        if changed:
            continue  # wrap text only once the panels have their size
        for text, room in _texts_with_room(fig):
            if not text.get_visible() or not text.get_text():
                continue
            box = text.get_window_extent(renderer)
            along = box.height if _vertical(text) else box.width
            limit = (fig_box.height if _vertical(text) else fig_box.width) if room is None else room
            if along <= limit * 1.001:
                continue
            grow = _vertical(text) and room is not None and text not in _figure_texts(fig)
            if grow and _grow(fig, (along - limit) / fig.dpi):
                changed = True  # a y label gets a taller panel before it gets more lines
                break
            letters = max(_length(line) for line in text.get_text().split("\n"))
            changed |= _wrap(text, math.ceil(along / limit), letters * limit / along)
        if not changed:  # this draw is the final layout: the check can read it
            fig._dlref_final = _Final(drawn, caught, _signature(fig))  # type: ignore[attr-defined]
            return


class _Final(NamedTuple):
    drawn: Drawn
    caught: list[warnings.WarningMessage]
    signature: tuple[object, ...]


def _signature(fig: Figure) -> tuple[object, ...]:
    """The figure's size, panel places and texts: what a change after the last draw moves."""
    return (
        tuple(fig.get_size_inches()),
        tuple(ax.get_position(original=True).bounds for ax in fig.axes),
        tuple((id(t), t.get_text(), t.get_visible(), t.get_position()) for t in fig.findobj(Text)),
    )


def final_drawing(fig: Figure) -> tuple[Drawn, list[warnings.WarningMessage]] | None:
    """The texts and warnings of :func:`fit_text`'s last draw, if ``fig`` is still as drawn.

    None when the rounds ran out before the layout settled, or when the figure changed
    after :func:`fit_text` returned (then it must be drawn again for the check).
    """
    final = getattr(fig, "_dlref_final", None)
    if final is None or final.signature != _signature(fig):
        return None
    return final.drawn, final.caught


def _grow(fig: Figure, inches: float) -> bool:
    """Make every row of panels ``inches`` taller, up to :data:`MAX_ROW_HEIGHT` a row."""
    grid = _top_grid(fig)
    rows = grid[0].nrows if grid is not None else 1
    width, height = fig.get_size_inches()
    taller = min(height + (inches + 0.05) * rows, rows * MAX_ROW_HEIGHT + 1.5)
    if taller <= height + 0.01:
        return False
    fig.set_size_inches(width, taller)
    return True


def _taller(fig: Figure) -> bool:
    """Make the figure taller when a panel came out lower than :data:`MIN_PANEL_HEIGHT`."""
    grid = _top_grid(fig)
    if grid is None:
        return False
    gs, cells = grid
    free = [ax for ax in cells if ax.get_aspect() == "auto"]  # not sized by their width
    if gs.ncols > 2 or not free:  # a grid of thumbnails
        return False
    lowest = min(ax.get_position().height for ax in free) * fig.get_size_inches()[1]
    if lowest >= MIN_PANEL_HEIGHT * 0.97:
        return False
    width, height = fig.get_size_inches()
    fig.set_size_inches(width, height + (MIN_PANEL_HEIGHT - lowest) * gs.nrows)
    return True


def draw(fig: Figure, quiet: bool = True) -> object:
    """Lay out ``fig`` and place its text without painting a pixel; ``quiet``: a trial
    layout before the text is wrapped may not fit (the final one is drawn strictly)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(fig.canvas, FigureCanvasAgg):
        FigureCanvasAgg(fig)
    with warnings.catch_warnings():
        if quiet:
            warnings.simplefilter("ignore")
        fig.draw_without_rendering()
    return fig.canvas.get_renderer()


def _vertical(text: Text) -> bool:
    return abs(text.get_rotation() % 180 - 90) < 1


def _texts_with_room(fig: Figure) -> Iterator[tuple[Text, float | None]]:
    """Each wrappable text with the length it may take (None: the figure's)."""
    for text in _figure_texts(fig):
        side = fig.bbox.height if _vertical(text) else fig.bbox.width
        yield text, side * FIGURE_TEXT_SHARE
    for legend in fig.legends:
        for text in legend.get_texts():
            yield text, fig.bbox.width * 0.9
    for ax in fig.axes:
        pos = ax.get_window_extent()
        centre = (pos.x0 + pos.x1) / 2
        yield ax.title, min(2 * min(centre, fig.bbox.width - centre) - 12, pos.width * 1.15)
        for title in (ax._left_title, ax._right_title):
            yield title, pos.width
        yield ax.xaxis.label, min(2 * min(centre, fig.bbox.width - centre) - 12, pos.width * 1.15)
        yield ax.yaxis.label, pos.height * 1.15
        legend = ax.get_legend()
        if legend is not None:
            for text in legend.get_texts():
                yield text, None
        for text in ax.texts:
            yield text, None


def _figure_texts(fig: Figure) -> list[Text]:
    """The texts placed on the figure, not in a panel: its title, captions."""
    return ([fig._suptitle] if fig._suptitle is not None else []) + list(fig.texts)


def _legends(fig: Figure, renderer: object) -> bool:
    """Legends that do not fit a narrow figure, drawn again where they do.

    A legend wider than the figure loses a column. A panel legend that covers
    :data:`LEGEND_SHARE` of its panel or more, or hangs outside it: the figure's only
    panel legend goes under the figure, any other under its own panel.
    """
    changed = False
    width = fig.bbox.width
    for legend in list(fig.legends):
        if legend._ncols > 1 and legend.get_window_extent(renderer).width > width:
            _rebuild(legend, ncols=legend._ncols - 1)
            changed = True
    panels = [(ax, ax.get_legend()) for ax in fig.axes if ax.get_legend() is not None]
    for ax, legend in panels:
        box, panel = legend.get_window_extent(renderer), ax.get_window_extent(renderer)
        under = getattr(legend, "_dlref_under", None)
        room = panel.padded(2)
        inside = room.contains(box.x0, box.y0) and room.contains(box.x1, box.y1)
        small = box.width * box.height < LEGEND_SHARE * panel.width * panel.height
        if under is None and inside and small and not getattr(legend, "_dlref_move", False):
            if legend._ncols > 1 and box.width > width:
                _rebuild(legend, ncols=legend._ncols - 1)
                changed = True
            continue
        if under is None and len(panels) == 1 and not fig.legends:
            labels = [text.get_text() for text in legend.texts]
            options = {"frameon": False, "fontsize": legend.texts[0].get_fontsize()}
            legend.remove()
            fig.legend(legend.legend_handles, labels, loc="outside lower center", **options)
            changed = True
            continue
        axis = ax.xaxis.get_tightbbox(renderer)
        bottom = min(axis.y0, panel.y0) if axis is not None else panel.y0
        y = (bottom - panel.y0) / panel.height - 0.03
        if under is None or abs(y - under) > 0.01:
            new = _rebuild(legend, loc="upper center", bbox_to_anchor=(0.5, y), ncols=1)
            new._dlref_under = y  # type: ignore[attr-defined]
            changed = True
    return changed


def _rebuild(legend: Legend, **changes: object) -> Legend:
    """Draw ``legend`` again with ``changes`` to its options (a legend cannot re-lay out)."""
    loc = {code: name for name, code in Legend.codes.items()}[legend._loc]
    outside = getattr(legend, "_outside_loc", None)
    if outside and not loc.startswith(outside):  # "outside right upper", not "upper right"
        loc = " ".join(reversed(loc.split()))
    options = {
        "loc": f"outside {loc}" if outside else loc,
        "ncols": legend._ncols,
        "frameon": legend.get_frame_on(),
        "fontsize": legend.texts[0].get_fontsize() if legend.texts else None,
        "bbox_to_anchor": legend._bbox_to_anchor if legend._bbox_to_anchor is not None else None,
    }
    options.update(changes)
    labels = [text.get_text() for text in legend.texts]
    parent = legend.axes if legend.isaxes else legend.figure
    legend.remove()
    return parent.legend(legend.legend_handles, labels, **options)  # type: ignore[union-attr]


def _wrap_y_categories(ax: Axes, renderer: object) -> bool:
    """Category names on the y axis taking over a third of the figure's width: a line more."""
    from matplotlib.ticker import FixedFormatter, FixedLocator

    locator = ax.yaxis.get_major_locator()
    labels = [t for t in ax.get_yticklabels() if t.get_visible() and t.get_text()]
    if not isinstance(locator, FixedLocator) or not labels:
        return False
    widest = max(t.get_window_extent(renderer).width for t in labels)
    if widest < ax.figure.bbox.width / 3:
        return False
    formatter = ax.yaxis.get_major_formatter()
    texts = [formatter(loc, i) for i, loc in enumerate(locator())]
    wrapped = [_wrapped(t, t.count("\n") + 2) for t in texts]
    if wrapped == texts:
        return False
    ax.yaxis.set_major_formatter(FixedFormatter(wrapped))
    return True


def _thin_ticks(ax: Axes, renderer: object) -> bool:
    """Tick labels of the x axis that run into each other: wrap words, or fewer ticks."""
    from matplotlib.ticker import (
        AutoLocator,
        FixedFormatter,
        FixedLocator,
        LogLocator,
        MaxNLocator,
    )

    labels = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in labels]
    if not any(a.x1 > b.x0 for a, b in itertools.pairwise(boxes)):
        return False
    locator = ax.xaxis.get_major_locator()
    if isinstance(locator, FixedLocator):  # categories: a line more for each label
        formatter = ax.xaxis.get_major_formatter()
        texts = [formatter(loc, i) for i, loc in enumerate(locator())]
        wrapped = [_wrapped(t, t.count("\n") + 2) for t in texts]
        if wrapped != texts:
            ax.xaxis.set_major_formatter(FixedFormatter(wrapped))
            return True
        if len(labels) < 3:
            return False
        ax.xaxis.set_major_locator(FixedLocator(locator()[::2]))  # single words: every other
        if isinstance(formatter, FixedFormatter):
            ax.xaxis.set_major_formatter(FixedFormatter(list(formatter.seq)[::2]))
        return True
    if isinstance(locator, LogLocator):
        decades = max(2, len(labels) // 2)
        ax.xaxis.set_major_locator(LogLocator(base=locator._base, numticks=decades))
        return True
    if type(locator) in (AutoLocator, MaxNLocator):
        bins = max(2, len(labels) - 2)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10]))
        return True
    return False


def _wrap(text: Text, lines: int, room: float = math.inf) -> bool:
    """Break ``text`` into about ``lines`` more lines, ``room`` letters long (as :func:`_length`
    counts them) if it can; False if it cannot."""
    current = text.get_text()
    new = _wrapped(current, current.count("\n") + lines, room)
    if new.count("\n") <= current.count("\n"):
        return False
    text.set_text(new)
    return True


def _wrapped(text: str, lines: int, room: float = math.inf) -> str:
    """``text`` in at most ``lines`` lines, broken at spaces outside math, at natural places.

    The words go into ``lines`` lines (fewer when there are fewer words), lengths as
    :func:`_length` counts them. The breakings whose longest line is at most
    :data:`BREAK_TOLERANCE` longer than the shortest possible one, and no longer than
    ``room`` (the place the text has: a better break costs no extra line), compete: the
    one whose breaks read best wins (:func:`_break_scores`), then the one with the shortest
    longest line, then the most even one (least sum of squared lengths). Lines already in
    ``text`` are joined first and broken again.
    """
    words = _words(" ".join(text.split("\n")))
    if not words:
        return text
    n, count = len(words), min(max(lines, 1), len(words))
    ends_at = list(itertools.accumulate(_length(word) + 1 for word in words))
    scores = [*_break_scores(words), 0]  # the end of the last line is no break

    def span(i: int, j: int) -> float:  # the line of words[i:j]
        return ends_at[j - 1] - (ends_at[i - 1] if i else 0) - 1

    def best_within(limit: float) -> tuple[Cost, list[int]]:  # lines at most limit long
        (score, squares), ends = _best_breaks(
            n,
            count,
            lambda i, j: (scores[j - 1], span(i, j) ** 2) if span(i, j) <= limit else _NEVER,
        )
        return (score, limit, squares), ends

    shortest = _best_breaks(n, count, lambda i, j: (span(i, j),), max)[0][0]
    spans = {span(i, j) for i in range(n) for j in range(i + 1, n + 1)}
    longest = max(shortest, min(room, shortest * (1 + BREAK_TOLERANCE))) + 1e-9
    limits = [s for s in spans if shortest <= s <= longest]
    _, ends = min(best_within(limit) for limit in limits)
    starts = [0, *ends[:-1]]
    return "\n".join(" ".join(words[i:j]) for i, j in zip(starts, ends, strict=True))


#: A line may be this much longer (in :func:`_length`'s letters) than the shortest longest
#: line can be, when that lets the text break at a better place.
BREAK_TOLERANCE = 0.2
#: Korean bound nouns and counters, which cannot begin a line after the word they belong to
#: ("걸음 수", "3 개", "두 번", "할 것", "학습할 때"), alone or with one of :data:`_PARTICLES`.
BOUND_WORDS = frozenset("수 개 번 것 때")
_PARTICLES = frozenset("가 는 은 이 의 를 을 에 와 과 로 도 만")
_NUMBER = r"[-−+]?\d[\d.,]*"  # 32, 0.1, −1.5, 1,000; not 64-64-10
Cost = tuple[float, ...]
_NEVER: Cost = (math.inf, math.inf)


def _break_scores(words: list[str]) -> list[int]:
    """How badly each break between two of ``words`` reads: one for each bad thing about it,
    minus one for a good one.

    Good: after ``,`` ``;`` ``:`` ``.``, at a dash (``—`` ``–``, on either side: a dash
    standing alone goes with the word after it, :func:`_words`), or before ``(``. Bad:
    inside ``(...)`` or ``[...]``; between a number and the word or unit after it ("32
    배치"); between a word and a number after it ("mini-batch 32", "학습률 0.1"), a number
    being digits with decimal points or commas, not a series such as "64-64-64-10"; before
    a Korean bound word (:data:`BOUND_WORDS`, "걸음 수").
    """
    scores, depth = [], 0
    for before, after in itertools.pairwise(words):
        plain = re.sub(r"\$[^$]*\$", "x", before)  # brackets in math do not count
        depth = max(
            0, depth + sum(plain.count(c) for c in "([") - sum(plain.count(c) for c in ")]")
        )
        good = plain[-1] in ",;:.—–" or after[0] in "(—–"
        bound = after.rstrip(",;:.)]")
        bad = [
            depth > 0,
            re.fullmatch(rf"[(\[]?{_NUMBER}", plain) is not None and after[0].isalpha(),
            plain[-1].isalpha() and re.fullmatch(rf"{_NUMBER}[%,;:.)\]]*", after) is not None,
            _hangul(plain[-1])
            and (bound in BOUND_WORDS or (bound[:1] in BOUND_WORDS and bound[1:] in _PARTICLES)),
        ]
        scores.append(sum(bad) - good)
    return scores


def _hangul(char: str) -> bool:
    return "가" <= char <= "힣"


def _best_breaks(
    n: int,
    count: int,
    cost: Callable[[int, int], Cost],
    combine: Callable[[Cost, Cost], Cost] = lambda a, b: tuple(map(operator.add, a, b)),
) -> tuple[Cost, list[int]]:
    """The least total ``cost`` of ``n`` words in ``count`` lines, and where the lines end.

    ``cost(i, j)`` is the cost of a line of words ``i`` to ``j - 1``, a tuple compared in
    order; costs of lines add up term by term, or with ``combine`` (:func:`max` for the
    longest line). Dynamic programming over the last break.
    """
    best: dict[tuple[int, int], tuple[Cost, list[int]]] = {}
    for lines in range(1, count + 1):
        for j in range(lines, n - (count - lines) + 1):
            options = [(cost(0, j), [j])] if lines == 1 else []
            for i in range(lines - 1, j):
                if (i, lines - 1) in best:
                    before, ends = best[i, lines - 1]
                    options.append((combine(before, cost(i, j)), [*ends, j]))
            best[j, lines] = min(options, key=lambda option: option[0])
    return best[n, count]


def _length(word: str) -> float:
    """How long ``word`` looks, in Latin letters: math counts its symbols, and a wide (East
    Asian) character 1.8 (a Hangul syllable of NanumGothic is 1.83 times as wide as the
    average letter of the figures' titles in DejaVu Sans)."""
    if "$" in word:
        word = re.sub(r"\\[A-Za-z]+", "x", word)
        word = re.sub(r"[${}^_]", "", word)
    return sum(1.8 if unicodedata.east_asian_width(c) in "WF" else 1 for c in word)


def _words(line: str) -> list[str]:
    """``line`` split at its spaces, except the spaces inside ``$...$``, after a word of signs
    alone ("= steps", "+ random") and before one that follows a word of up to three
    characters or begins with a unit ("β = 0.9", "10–90 %: 24–63")."""
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
    glued: list[str] = []
    for piece in [*words, word] if word else words:
        before = glued[-1].split(" ")[-1] if glued else ""
        short = len(before) <= 3 or piece.startswith(("%", ")"))
        if glued and (_signs(before) or (_signs(piece) and short)):
            glued[-1] += f" {piece}"
        else:
            glued.append(piece)
    return glued


def _signs(word: str) -> bool:
    return not any(char.isalnum() for char in word)


# --- the check --------------------------------------------------------------------------


def problems(fig: Figure) -> list[str]:
    """Text outside the figure, or two texts on top of each other, as drawn."""
    with drawn_texts() as drawn:
        draw(fig, quiet=False)
    return problems_in(drawn)


@dataclass
class Drawn:
    """What :func:`drawn_texts` saw of the last figure drawn (read it before the figure
    changes: the boxes are measured when :func:`problems_in` asks)."""

    texts: list[Text] = field(default_factory=list)  # each text drawn
    renderer: object = None  # the renderer that drew them
    figure: Bbox = field(default_factory=Bbox.unit)  # the figure's box, in its pixels
    pixel: float = 1.0  # one pixel of the figure at 100 dpi, in those pixels


@contextmanager
def drawn_texts() -> Iterator[Drawn]:
    """Record every text a draw inside paints (not a tick label outside the view).

    Only the last figure draw counts (saving lays the figure out in a first, unpainted
    draw). :func:`fit_text` records its trial draws, so the last one, the final layout,
    is checked without drawing the figure once more.
    """
    drawn = Drawn()
    seen: dict[int, Text] = {}
    draw = Text.draw

    def record(text: Text, renderer: RendererBase) -> None:
        draw(text, renderer)
        if not text.get_visible() or not text.get_text().strip():
            return
        if renderer is not drawn.renderer:  # a new draw: forget the previous one
            seen.clear()
            drawn.renderer = renderer
            fig = text.get_figure(root=True)
            assert fig is not None
            drawn.figure = Bbox(fig.bbox.get_points().copy())
            drawn.pixel = renderer.points_to_pixels(72 / 100)
        seen.setdefault(id(text), text)

    Text.draw = record  # type: ignore[method-assign]  # restored below, whatever happens
    try:
        yield drawn
    finally:
        Text.draw = draw  # type: ignore[method-assign]
        drawn.texts.extend(seen.values())


def problems_in(drawn: Drawn) -> list[str]:
    """Text outside the figure, or two texts on top of each other, in a recorded draw."""
    fig_box = drawn.figure.padded(drawn.pixel)
    found, boxes = [], []
    for text in drawn.texts:
        box = text.get_window_extent(drawn.renderer)
        label = repr(text.get_text()[:40])
        if not (fig_box.contains(box.x0, box.y0) and fig_box.contains(box.x1, box.y1)):
            found.append(f"text {label} runs outside the figure")
        boxes.append((label, box.shrunk(0.94, 0.8)))  # glyph boxes carry some padding
    for i, (a, box) in enumerate(boxes):
        found += [f"texts {a} and {b} overlap" for b, o in boxes[i + 1 :] if box.overlaps(o)]
    return found
