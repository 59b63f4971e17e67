"""docs/hooks/katex.py without a site build: rendering, errors, the disk cache."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from mkdocs.exceptions import PluginError

from tests.site_util import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (ROOT / "node_modules" / "katex").is_dir(),
    reason="Node.js and the katex npm package are needed (npm ci)",
)

INLINE = '<p>With <span class="arithmatex">\\(a &lt; \\frac{1}{2}\\)</span> and</p>'
DISPLAY = '<div class="arithmatex">\\[\n\\begin{aligned} x^2 &amp;= 1 \\end{aligned}\n\\]</div>'


@pytest.fixture
def hook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """A fresh copy of the hook module whose cache lives in ``tmp_path``."""
    spec = importlib.util.spec_from_file_location("katex_hook", ROOT / "docs/hooks/katex.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "CACHE_DIR", tmp_path)
    yield module
    if module._renderer is not None:
        module._renderer.close()


def test_formulas_become_katex_html(hook: ModuleType) -> None:
    out = hook.render_math(INLINE + "<p>$5</p>", "page.en.md")
    assert out.startswith('<p>With <span class="arithmatex"><span class="katex">')
    assert "\\(" not in out and "<mfrac>" in out and out.endswith("and</p><p>$5</p>")
    # the escaped "<" reached KaTeX as "<": its annotation holds the TeX source
    assert '<annotation encoding="application/x-tex">a &lt; \\frac{1}{2}</annotation>' in out


def test_display_math_is_rendered_in_display_mode(hook: ModuleType) -> None:
    out = hook.render_math(DISPLAY, "page.ko.md")
    assert out.startswith('<div class="arithmatex"><span class="katex-display">')


def test_a_katex_error_names_the_page_and_the_formula(hook: ModuleType) -> None:
    bad = '<span class="arithmatex">\\(\\frac{1}{\\)</span>'
    with pytest.raises(PluginError, match=r"(?s)reference/nn\.ko\.md.*formula: \\frac\{1\}\{"):
        hook.render_math(INLINE + bad, "reference/nn.ko.md")


def test_a_warm_cache_starts_no_node_process(hook: ModuleType, tmp_path: Path) -> None:
    first = hook.render_math(INLINE + DISPLAY, "a.md")
    hook._renderer.save()
    assert hook._renderer.rendered == 2
    hook._renderer.close()
    hook._renderer = None  # a new build in a new process: only the disk cache is left
    assert list(tmp_path.glob("*.json")) == [tmp_path / f"{hook.renderer().version}.json"]
    assert hook.render_math(INLINE + DISPLAY, "a.md") == first
    assert hook._renderer.rendered == 0 and hook._renderer._node is None
