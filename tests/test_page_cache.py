"""The page and cross-reference caches (``docs/hooks/page_cache.py``, ``xref_cache.py``):
a changed input misses, a hit warns as a miss.

Each test builds a small MkDocs project (this repository's two hooks, the
autorefs plugin, ``pymdownx.snippets``) in a subprocess, with the cache in a
scratch folder, and reads the cache's hit and miss counts and MkDocs' warnings
from the log. The whole site is checked byte for byte in ``test_build_cache.py``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site_util import ROOT

CONFIG = f"""\
site_name: t
use_directory_urls: true
validation:
  anchors: warn
plugins:
  - autorefs
hooks:
  - {ROOT / "docs" / "hooks" / "page_cache.py"}
  - {ROOT / "docs" / "hooks" / "xref_cache.py"}
markdown_extensions:
  - attr_list
  - toc:
      permalink: true
  - pymdownx.snippets:
      base_path: ["{{base}}"]
      check_paths: true
"""
PAGES = {
    "index.md": '# Home\n\nSee [the part](b.md#part) and [b](b.md).\n\n--8<-- "snip.txt"\n',
    "b.md": "# B\n\n## Part\n\nText with an anchor [](){#here}.\n",
}


def _project(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "snip.txt").write_text("Included *text*.\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG.replace("{base}", str(tmp_path)), "utf-8")
    return tmp_path


def _build(
    project: Path, cache: Path | str, name: str = "pages"
) -> tuple[str, tuple[int, int], Path]:
    site = project / "site"
    env = dict(
        os.environ, NO_MKDOCS_2_WARNING="1", DLREF_BUILD_CACHE=str(cache), SOURCE_DATE_EPOCH="0"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    found = re.findall(rf"build cache {name}: (\d+) hits, (\d+) misses", log)
    counts = (int(found[-1][0]), int(found[-1][1])) if found else (0, 0)
    return log, counts, site


def _warnings(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("WARNING")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A project built once without the cache: the reference output."""
    project = _project(tmp_path_factory.mktemp("reference"))
    log, counts, site = _build(project, "off")
    assert counts == (0, 0), log
    return project, {p.relative_to(site).as_posix(): p.read_bytes()
                     for p in site.rglob("*.html")}  # fmt: skip


def test_a_hit_gives_what_the_uncached_build_gives(
    tmp_path: Path, built: tuple[Path, dict[str, bytes]]
) -> None:
    project = _project(tmp_path)
    cache = tmp_path / "cache"
    assert _build(project, cache)[1] == (0, 2)
    log, counts, site = _build(project, cache)
    assert counts == (2, 0), log
    pages = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}
    assert pages == built[1]


def test_a_renamed_heading_still_warns_on_the_cached_page_linking_to_it(tmp_path: Path) -> None:
    project = _project(tmp_path)
    cache = tmp_path / "cache"
    _build(project, cache)
    (project / "docs" / "b.md").write_text("# B\n\n## Renamed\n\nText.\n", encoding="utf-8")
    log, counts, _ = _build(project, cache)
    assert counts == (1, 1), log  # index.md from the cache, b.md converted
    assert any("does not contain an anchor '#part'" in w for w in _warnings(log)), log


def test_a_removed_target_misses_and_warns(tmp_path: Path) -> None:
    project = _project(tmp_path)
    cache = tmp_path / "cache"
    _build(project, cache)
    (project / "docs" / "b.md").unlink()
    log, counts, _ = _build(project, cache)
    assert counts == (0, 1), log  # the file list is part of the key
    assert any("'b.md#part'" in w and "not found" in w for w in _warnings(log)), log
    # The warning is replayed from the cache too: a strict build keeps failing.
    log, counts, _ = _build(project, cache)
    assert counts == (1, 0), log
    assert any("'b.md#part'" in w and "not found" in w for w in _warnings(log)), log


def test_an_edited_snippet_misses(tmp_path: Path) -> None:
    project = _project(tmp_path)
    cache = tmp_path / "cache"
    _build(project, cache)
    (project / "snip.txt").write_text("Changed *text*.\n", encoding="utf-8")
    log, counts, site = _build(project, cache)
    assert counts == (1, 1), log
    assert "Changed <em>text</em>." in (site / "index.html").read_text(encoding="utf-8")


def test_the_autorefs_anchors_are_replayed(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "docs" / "c.md").write_text("# C\n\nA link to [the anchor][here].\n", "utf-8")
    cache = tmp_path / "cache"
    _build(project, cache)
    (project / "docs" / "c.md").write_text("# C\n\nNow to [the part][part].\n", "utf-8")
    log, counts, site = _build(project, cache)  # b.md's anchors come from the cache
    assert counts == (2, 1), log
    assert not _warnings(log), log
    assert 'href="../b/#part"' in (site / "c" / "index.html").read_text(encoding="utf-8")


def test_a_cached_reference_to_a_renamed_heading_still_warns(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "docs" / "c.md").write_text("# C\n\nSee [the part][part].\n", "utf-8")
    cache = tmp_path / "cache"
    _build(project, cache, "xrefs")
    log, counts, _ = _build(project, cache, "xrefs")
    assert counts == (3, 0), log
    (project / "docs" / "b.md").write_text("# B\n\n## Renamed\n\nText.\n", encoding="utf-8")
    log, counts, _ = _build(project, cache, "xrefs")
    assert counts == (0, 3), log  # what autorefs knows changed: every page resolved again
    assert any("Could not find cross-reference target 'part'" in w for w in _warnings(log)), log
