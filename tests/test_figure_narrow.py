"""The phone layout of a figure (``docs/figures/_narrow.py``), on figures made to fail.

The build draws every figure's phone layout and fails on what :func:`_narrow.problems`
finds; these tests prove the check catches text outside the figure and texts on top of
each other, and that the layout does what its docstring says.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

matplotlib = pytest.importorskip("matplotlib", reason="matplotlib is in the docs extra")
matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "figures"))
import _narrow  # noqa: E402


def _row(n: int, width: float = 9.0, **kwargs: object) -> tuple[Figure, list]:
    fig = Figure(figsize=(width, 3.6), layout="constrained")
    axes = list(fig.subplots(1, n, **kwargs))  # type: ignore[arg-type]
    for i, ax in enumerate(axes):
        ax.plot([0, 1], [0, i + 1], label=f"line {i}")
        ax.set_title(f"panel {i}")
    return fig, axes


def test_a_row_of_wide_panels_is_stacked_in_reading_order() -> None:
    fig, axes = _row(3, sharey=True)
    _narrow.reflow(fig)
    tops = [ax.get_position().y0 for ax in axes]
    assert tops == sorted(tops, reverse=True)  # panel 0 on top
    assert len({round(ax.get_position().x0, 3) for ax in axes}) == 1  # one column
    assert fig.get_size_inches()[0] == pytest.approx(_narrow.WIDTH)
    for ax in axes:  # sharey hid the inner panels' tick labels; stacked, each needs its own
        assert any(label.get_visible() for label in ax.get_yticklabels()), ax.get_title()
    assert _narrow.problems(fig) == []


def test_small_panels_go_two_to_a_row() -> None:
    fig = Figure(figsize=(8.4, 4.6), layout="constrained")
    axes = fig.subplots(2, 4).ravel()
    _narrow.reflow(fig)
    columns = {round(ax.get_position().x0, 3) for ax in axes}
    rows = {round(ax.get_position().y0, 3) for ax in axes}
    assert (len(columns), len(rows)) == (2, 4)


def test_a_long_title_is_wrapped_at_spaces_outside_math() -> None:
    fig, axes = _row(2)
    title = "noisy gradient $g \\sim \\mathcal{N}(0.5, 1^2)$, mean over every coordinate"
    axes[1].set_title(title)
    _narrow.reflow(fig)
    wrapped = axes[1].get_title()
    assert "\n" in wrapped
    assert wrapped.replace("\n", " ") == title  # only spaces became line breaks
    assert any("$g \\sim \\mathcal{N}(0.5, 1^2)$," in line for line in wrapped.split("\n"))
    assert _narrow.problems(fig) == []


def test_a_wide_figure_legend_gets_fewer_columns() -> None:
    fig, axes = _row(3)
    handles, labels = axes[0].get_legend_handles_labels()
    labels = ["a long legend entry for the first line"] * 3
    fig.legend(handles * 3, labels, loc="outside lower center", ncols=3)
    _narrow.reflow(fig)
    (legend,) = fig.legends
    assert legend._ncols < 3
    assert legend.get_window_extent().width <= fig.bbox.width
    assert _narrow.problems(fig) == []


def test_text_outside_the_figure_is_a_problem() -> None:
    fig = Figure(figsize=(3.5, 2.5), layout="constrained")
    ax = fig.add_subplot()
    ax.text(1.4, 0.5, "far to the right", transform=ax.transAxes)
    found = _narrow.problems(fig)
    assert found == ["text 'far to the right' runs outside the figure"]


def test_texts_on_top_of_each_other_are_a_problem() -> None:
    fig = Figure(figsize=(3.5, 2.5), layout="constrained")
    ax = fig.add_subplot()
    ax.text(0.3, 0.5, "first label", transform=ax.transAxes)
    ax.text(0.35, 0.5, "second label", transform=ax.transAxes)
    assert _narrow.problems(fig) == ["texts 'first label' and 'second label' overlap"]


def test_tick_labels_crowding_an_annotation_are_a_problem() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.transforms import IdentityTransform

    fig = Figure(figsize=(3.5, 2.5))  # no layout engine: nothing moves once placed
    ax = fig.add_subplot()
    ax.plot([0, 10], [0, 1])
    FigureCanvasAgg(fig).draw()
    tick = next(t for t in ax.get_xticklabels() if t.get_text())
    box = tick.get_window_extent()
    ax.text(box.x0, box.y0, "on the axis", transform=IdentityTransform())
    found = _narrow.problems(fig)
    assert found and all("'on the axis'" in p for p in found), found


def test_a_tidy_narrow_figure_has_no_problem() -> None:
    fig = Figure(figsize=(3.5, 2.5), layout="constrained")
    ax = fig.add_subplot()
    ax.plot([0, 10], [0, 1], label="a line")
    ax.set(title="a title", xlabel="x", ylabel="y")
    ax.legend(loc="upper left")
    assert _narrow.problems(fig) == []


def test_the_build_fails_on_a_script_whose_phone_layout_has_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooks = Path(__file__).resolve().parents[1] / "docs" / "hooks"
    sys.path.insert(0, str(hooks))
    import figures

    script = tmp_path / "crowded.py"
    script.write_text(
        "from matplotlib.figure import Figure\n"
        "def draw(lang):\n"
        "    fig = Figure(figsize=(7, 3), layout='constrained')\n"
        "    ax = fig.add_subplot()\n"
        "    ax.text(0.1, 0.5, 'a note placed for the wide layout', transform=ax.transAxes)\n"
        "    ax.text(0.6, 0.5, 'another note', transform=ax.transAxes)\n"
        "    return fig\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(figures, "FIGURE_DIR", tmp_path)
    monkeypatch.setattr(figures, "_digest", lambda name: "test")
    with pytest.raises(
        figures.FigureError, match=r"crowded.py \(en\), phone layout: texts .* overlap"
    ):
        figures.render_variants("crowded", "en")


def test_a_font_list_without_matplotlibs_own_fonts_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shared font cache once lost matplotlib's fonts; the figure hook rebuilds it."""
    import matplotlib
    from matplotlib import font_manager

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs" / "hooks"))
    import figures

    manager = font_manager.FontManager()
    assert not figures.repair_font_list(manager)  # a sound list is left alone
    manager.ttflist = [f for f in manager.ttflist if "mpl-data" not in f.fname]
    monkeypatch.setattr(matplotlib, "get_cachedir", lambda: str(tmp_path))
    assert figures.repair_font_list(manager)
    assert {"STIXGeneral", "cmr10"} <= {f.name for f in manager.ttflist}
    assert list(tmp_path.glob("fontlist-v*.json"))  # the repaired list is cached


def test_the_check_reads_fit_texts_last_draw_until_the_figure_changes() -> None:
    """The build checks the final trial draw of the layout, not a draw of its own; a figure
    changed after the layout settled has no such draw and is drawn again for the check."""
    fig, axes = _row(2)
    _narrow.reflow(fig)
    final = _narrow.final_drawing(fig)
    assert final is not None
    drawn, caught = final
    assert {t.get_text() for t in drawn.texts} >= {"panel 0", "panel 1"}
    assert _narrow.problems_in(drawn) == _narrow.problems(fig) == [] and caught == []
    axes[1].text(0.5, 0.5, "a note added afterwards")
    assert _narrow.final_drawing(fig) is None
    fig.set_size_inches(_narrow.WIDTH, 3.0)
    assert _narrow.final_drawing(fig) is None


def test_the_check_of_a_recorded_draw_finds_what_problems_finds() -> None:
    fig, axes = _row(2, width=3.5)
    axes[0].text(0.2, 0.5, "first label")
    axes[0].text(0.2, 0.5, "second label")
    with _narrow.drawn_texts() as drawn:
        _narrow.draw(fig, quiet=False)
    assert _narrow.problems_in(drawn) == _narrow.problems(fig)
    assert "texts 'first label' and 'second label' overlap" in _narrow.problems_in(drawn)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Digits, ReLU network 64-64-64-10, SGD (learning rate 0.1)", 2),
        ("숫자 이미지, ReLU 망 64-64-64-10, SGD(학습률 0.1)", 2),
        ("noisy gradient $g \\sim \\mathcal{N}(0.5, 1^2)$, mean over every coordinate", 3),
        ("aaaa bbbb cccc dddd e", 2),
        ("one two three four five six seven eight nine ten", 4),
        ("two words", 5),
        ("$f \\leq -1$이 될 때까지의 걸음 수, 출발점 $(1,\\ y_0)$ 1000개", 3),
        ("legend: steps to $f < 10^{-6}$ (valley) or distance $< 10^{-4}$ (Rosenbrock)", 4),
    ],
)
def test_wrapping_keeps_to_the_lines_asked_and_math_whole(text: str, lines: int) -> None:
    wrapped = _narrow._wrapped(text, lines)
    assert wrapped.count("\n") + 1 == min(lines, len(_narrow._words(text))), wrapped
    assert wrapped.replace("\n", " ") == text  # only spaces became line breaks
    for line in wrapped.split("\n"):
        assert line.count("$") % 2 == 0, wrapped  # no formula cut in two


def test_wrapping_makes_the_longest_line_as_short_as_it_can(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Greedy filling to an even share left a third line, then one with a single word.
    (With no tolerance for a better break: a line may not be any longer.)"""
    monkeypatch.setattr(_narrow, "BREAK_TOLERANCE", 0.0)
    title = "Digits, ReLU network 64-64-64-10, SGD (learning rate 0.1)"
    assert (
        _narrow._wrapped(title, 2) == "Digits, ReLU network 64-64-64-10,\nSGD (learning rate 0.1)"
    )
    assert _narrow._wrapped("aaaa bbbb cccc dddd e", 3) == "aaaa\nbbbb cccc\ndddd e"
    korean = "숫자 이미지, ReLU 망 64-64-64-10, SGD(학습률 0.1)"  # a syllable counts 1.8
    assert _narrow._wrapped(korean, 2) == "숫자 이미지, ReLU 망\n64-64-64-10, SGD(학습률 0.1)"


def _longest(text: str) -> float:
    return max(_narrow._length(line) for line in text.split("\n"))


@pytest.mark.parametrize(
    ("text", "lines", "wrapped"),
    [
        (  # after a comma, not inside the parentheses (narrow6: 'SGD(학습률' / '0.1), 시드')
            "숫자 이미지, 망 64-64-64-10, SGD(학습률 0.1), 시드 5개의 평균 ± 표준편차",
            2,
            "숫자 이미지, 망 64-64-64-10,\nSGD(학습률 0.1), 시드 5개의 평균 ± 표준편차",
        ),
        (  # before '(' (narrow6: '(200,000' / 'random')
            "Share with all eigenvalues positive (200,000 random symmetric matrices per dimension)",
            2,
            "Share with all eigenvalues positive\n(200,000 random symmetric matrices per dimension)",
        ),
        (  # a word and its number (narrow6: 'mini-batch' / '32 (line: …')
            "Digits, ReLU network 64-64-10, SGD, mini-batch 32 (line: mean of 5 seeds, band: "
            "min to max)",
            2,
            "Digits, ReLU network 64-64-10, SGD, mini-batch 32\n(line: mean of 5 seeds, band: "
            "min to max)",
        ),
        (  # a number and its word (narrow6: '(tanh), 256' / 'training samples')
            "Digits MLP 64-32-32-10 (tanh), 256 training samples, full batch, 5 seeds",
            2,
            "Digits MLP 64-32-32-10 (tanh),\n256 training samples, full batch, 5 seeds",
        ),
        (  # a Korean noun and its bound noun (narrow6: '걸음' / '수, 출발점')
            "$f \\leq -1$이 될 때까지의 걸음 수, 출발점 $(1,\\ y_0)$ 1000개",
            2,
            "$f \\leq -1$이 될 때까지의 걸음 수,\n출발점 $(1,\\ y_0)$ 1000개",
        ),
        (  # after a comma (narrow6: 'learning' / 'rate')
            "panda: one model, learning rate changed by hand",
            2,
            "panda: one model,\nlearning rate changed by hand",
        ),
    ],
)
def test_wrapping_breaks_where_a_reader_pauses(text: str, lines: int, wrapped: str) -> None:
    assert _narrow._wrapped(text, lines) == wrapped
    shortest = _longest(_narrow._wrapped(text.replace(",", "").replace("(", "x"), lines))
    assert _longest(wrapped) <= shortest * (1 + _narrow.BREAK_TOLERANCE) + 2


def test_a_better_break_may_not_make_a_line_much_longer() -> None:
    """After the comma the first line would be 5 letters, the second 24: too uneven."""
    text = "aaaa, bbbb cccc dddd eeee ffff"
    assert _narrow._wrapped(text, 2) == "aaaa, bbbb cccc\ndddd eeee ffff"
    short = "aaaa, bbbb cccc d"  # 5 and 11 letters against 10 and 6: within the tolerance
    assert _narrow._wrapped(short, 2) == "aaaa,\nbbbb cccc d"
    # ... unless the text has room for 10 letters only: the better break would need a line more
    assert _narrow._wrapped(short, 2, room=10.5) == "aaaa, bbbb\ncccc d"


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("loss, accuracy", -1),
        ("loss; accuracy", -1),
        ("loss: accuracy", -1),
        ("loss — accuracy", -1),  # '— accuracy' is one word: a break before a dash
        ("loss. accuracy", -1),
        ("loss (log", -1),
        ("(log scale)", 1),
        ("[log scale]", 1),
        ("32 steps", 1),
        ("10 에폭", 1),
        ("rate 0.1", 1),
        ("학습률 0.1)", 1),
        ("mini-batch 32,", 1),
        ("net 64-64-10", 0),  # an architecture, not a number
        ("걸음 수", 1),
        ("걸음 수가", 1),
        ("빠른 수렴", 0),  # 수렴 is a word of its own
        ("learning rate", 0),
        ("$f(x$ y", 0),  # a bracket in math is not one in the text
    ],
)
def test_a_break_is_scored_by_what_it_separates(text: str, score: int) -> None:
    assert _narrow._break_scores(_narrow._words(text)) == [score]


def test_a_text_that_cannot_take_more_lines_is_left_alone() -> None:
    fig = Figure(figsize=(3.5, 2.5))
    text = fig.text(0.5, 0.5, "one\ntwo")
    assert not _narrow._wrap(text, 2)
    assert text.get_text() == "one\ntwo"


def _korean_figure() -> Figure:
    hooks = Path(__file__).resolve().parents[1] / "docs" / "hooks"
    sys.path.insert(0, str(hooks))
    import figures

    figures._load_fonts()
    fig = Figure(figsize=(_narrow.WIDTH, 2.5), layout="constrained")
    fig.add_subplot()
    return fig


def test_a_suptitle_that_fits_only_as_agg_measures_it_is_wrapped() -> None:
    """The SVG draws text up to 3 % wider than Agg measures it: a title that fills more than
    :data:`_narrow.FIGURE_TEXT_SHARE` of the width would be clipped on the page."""
    fig = Figure(figsize=(_narrow.WIDTH, 2.5), layout="constrained")
    fig.add_subplot()
    title = fig.suptitle("Digits, ReLU network 64-64-64-10, SGD (learning rate 0.1)")
    measured = title.get_window_extent(_narrow.draw(fig)).width / fig.dpi  # inches
    width = measured / (0.5 * (1 + _narrow.FIGURE_TEXT_SHARE))  # fits, but not the share
    _narrow.reflow(fig, width=width)
    assert title.get_text() == "Digits, ReLU network 64-64-64-10,\nSGD (learning rate 0.1)"
    assert _narrow.problems(fig) == []


@pytest.mark.parametrize(
    "title",
    [
        "숫자 이미지, ReLU 망 64-64-64-10, SGD(학습률 0.1)",  # init_digits_training
        "층을 지날수록 활성값 분포는 어떻게 변하나 (폭 500, tanh/ReLU 10층)",
        "2층 망(tanh, L2 규제)의 역전파 버그와 경사 검사의 판정",
    ],
)
def test_the_share_covers_how_much_wider_the_svg_draws_a_korean_title(title: str) -> None:
    """The widest texts against Agg's measure were Korean titles at 11 pt (1.03 times)."""
    import io

    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import RendererSVG

    with rc_context({"font.family": ["NanumGothic", "DejaVu Sans"], "figure.dpi": 100}):
        fig = _korean_figure()
        text = fig.text(0.5, 0.5, title, fontsize=11)
        agg = text.get_window_extent(_narrow.draw(fig)).width / fig.dpi
        fig.dpi = 72  # as the SVG is saved
        svg = RendererSVG(*fig.bbox.size, io.StringIO())
        drawn = text.get_window_extent(svg).width / fig.dpi
    assert 1.01 < drawn / agg < 1 / _narrow.FIGURE_TEXT_SHARE


def test_a_long_y_label_gets_a_taller_panel_before_a_second_line() -> None:
    fig, axes = _row(2, width=7.0)
    axes[0].set_ylabel("standard error of the error (percentage points)")
    fig.suptitle("a title on the figure")
    untouched = _row(2, width=7.0)[0]
    untouched.suptitle("a title on the figure")
    _narrow.reflow(fig)
    _narrow.reflow(untouched)
    assert "\n" not in axes[0].get_ylabel()
    assert fig.get_size_inches()[1] > untouched.get_size_inches()[1] + 0.5
    assert _narrow.problems(fig) == []


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        (
            "모멘텀, PyTorch 형태 (학습률 0.05, β = 0.9): 중앙값 42.5 (10–90 %: 24–63)",
            ["β = 0.9):", "(10–90 %: 24–63)"],
        ),
        ("time in s (log scale) = steps × time per step", ["= steps", "× time"]),
        ("originals + random", ["+ random"]),
        ("training error ≈ 0, dev flat", ["≈ 0,"]),
    ],
)
def test_a_sign_standing_alone_is_not_left_at_the_end_of_a_line(
    text: str, whole: list[str]
) -> None:
    """Before: '…(학습률 0.05, β' and '= 0.9): …'; a sign may begin a line after a long word."""
    for lines in range(2, 6):
        wrapped = _narrow._wrapped(text, lines)
        for line in wrapped.split("\n"):
            assert not _narrow._signs(line.split(" ")[-1]), wrapped
        for part in whole:
            assert any(part in line for line in wrapped.split("\n")), (part, wrapped)
