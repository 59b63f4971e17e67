"""The text-size memo of the figure hook (``_measure_once`` in ``docs/hooks/figures.py``).

It replaces private matplotlib names. With the matplotlib installed it must measure
fewer texts and change no byte of a figure; with a matplotlib that renamed a name or
changed its parameters it must leave that name alone and say so, without failing.
"""

from __future__ import annotations

import importlib
import io
import logging
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from tests.site_util import ROOT

matplotlib = pytest.importorskip("matplotlib", reason="matplotlib is in the docs extra")
matplotlib.use("Agg")

from matplotlib import text as mtext  # noqa: E402
from matplotlib import textpath  # noqa: E402
from matplotlib.backend_bases import RendererBase  # noqa: E402
from matplotlib.backends.backend_agg import RendererAgg  # noqa: E402
from matplotlib.backends.backend_svg import RendererSVG  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

MESSAGE = "figures are drawn without the memo"


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The figure hook, imported afresh (nothing said yet in this process)."""
    monkeypatch.syspath_prepend(str(ROOT / "docs" / "hooks"))
    monkeypatch.delitem(sys.modules, "figures", raising=False)
    return importlib.import_module("figures")


def _save_twice() -> bytes:
    """A small figure saved as the hook saves it: a layout pass and a drawing, twice."""
    from matplotlib import rc_context

    with rc_context({"svg.fonttype": "path", "svg.hashsalt": "memo-test"}):
        fig = Figure(figsize=(5, 3), layout="constrained")
        ax1, ax2 = fig.subplots(1, 2)
        for ax, power in ((ax1, 1), (ax2, 2)):
            ax.plot([0, 1, 2, 3], [x**power for x in range(4)], label=f"$x^{power}$")
            ax.set_xlabel("step")
            ax.set_title("step", fontsize=16)  # the label's text, in another size
            ax.legend()
        out = b""
        for fmt in ("svg", "svg"):
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, metadata={"Date": None})
            out += buf.getvalue()
    return out


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the real measurements: ``get_text_width_height_descent`` of any renderer."""
    calls = [0]
    for cls in (RendererBase, RendererAgg, RendererSVG):
        original: Callable[..., Any] = cls.get_text_width_height_descent

        def counted(self: Any, *args: Any, _original: Any = original, **kw: Any) -> Any:
            calls[0] += 1
            return _original(self, *args, **kw)

        monkeypatch.setattr(cls, "get_text_width_height_descent", counted)
    return calls


def test_the_memo_measures_less_and_changes_no_byte(
    figures: ModuleType, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    calls = _counting(monkeypatch)
    plain = _save_twice()
    without = calls[0]
    calls[0] = 0
    with caplog.at_level(logging.INFO), figures._measure_once():
        memo = _save_twice()
    assert 0 < calls[0] < without, (calls[0], without)
    assert memo == plain
    assert MESSAGE not in caplog.text


def test_a_missing_name_is_left_missing_and_said_once(
    figures: ModuleType, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # No figure is drawn here: matplotlib itself calls the name that is gone.
    monkeypatch.delattr(mtext, "_get_text_metrics_with_cache")
    init = textpath.TextToPath.__init__
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.figures"):
        for _ in range(2):
            with figures._measure_once():
                assert not hasattr(mtext, "_get_text_metrics_with_cache")
            assert not hasattr(mtext, "_get_text_metrics_with_cache")
    assert textpath.TextToPath.__init__ is init  # the other name, replaced, is back
    said = [r for r in caplog.records if MESSAGE in r.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.INFO, caplog.text
    assert "_get_text_metrics_with_cache is missing" in said[0].getMessage()


def test_a_name_with_other_parameters_is_left_alone(
    figures: ModuleType, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def stand_in(renderer: Any, text: str, prop: Any, ismath: Any, dpi: float, extra: int) -> Any:
        raise AssertionError("not called here")

    monkeypatch.setattr(mtext, "_get_text_metrics_with_cache", stand_in)
    with caplog.at_level(logging.INFO, logger="mkdocs.hooks.figures"), figures._measure_once():
        assert mtext._get_text_metrics_with_cache is stand_in
    assert mtext._get_text_metrics_with_cache is stand_in
    assert "takes (renderer, text, prop, ismath, dpi, extra)" in caplog.text
