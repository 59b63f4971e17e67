"""The build cache (``docs/hooks/build_cache.py`` and its users) changes nothing but time.

The site test builds twice with a fresh cache folder: the first build computes
everything (and fills the cache), the second serves every page's conversion
(``page_cache.py``) and search entry from it. The two sites must be
byte-identical. The unit tests check that a key change misses and that a hit
gives back what the uncached code gives; the page cache's are in
``tests/test_page_cache.py``.
"""

from __future__ import annotations

import filecmp
import importlib
import os
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from tests.site_util import ROOT, build_site

HOOKS = ROOT / "docs" / "hooks"


def _hook(name: str, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """Import a hook module afresh with its cache in ``cache_dir``."""
    monkeypatch.setenv("DLREF_BUILD_CACHE", str(cache_dir))
    monkeypatch.syspath_prepend(str(HOOKS))
    for mod in ("build_cache", name):
        sys.modules.pop(mod, None)
    return importlib.import_module(name)


def _cache_counts(log: str, name: str) -> list[tuple[int, int]]:
    found = re.findall(rf"build cache {name}: (\d+) hits, (\d+) misses", log)
    return [(int(h), int(m)) for h, m in found]


def _tree(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


@pytest.mark.site
def test_site_is_byte_identical_with_a_warm_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("DLREF_BUILD_CACHE", str(cache))
    # entries of an older salt: a small one, and one over the largest cap (48 MiB; a sparse
    # file where the file system allows, else 64 MiB written: not a gibibyte per cache)
    stale = []
    for name in ("api", "pages", "search", "xrefs"):
        for size, hours in ((100, 2), (2**26, 1)):
            path = cache / name / "00" / f"{name}{size}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as f:
                f.truncate(size)
            _age([path], hours * 3600)
            stale.append(path)
    cold = build_site(tmp_path / "cold")
    kept = {name: set(_entries(cache / name)) for name in ("api", "pages", "search", "xrefs")}
    assert not [p for p in stale if p.exists()], "the builds over the cap kept stale entries"
    warm = build_site(tmp_path / "warm")
    for name in ("api", "pages", "search", "xrefs"):
        counts = _cache_counts(cold.log, name)
        assert counts and all(h == 0 and m > 0 for h, m in counts), (name, cold.log)
        assert set(_entries(cache / name)) == kept[name], f"{name}: entries lost or added"
    # whole pages come from the cache: no API block is rendered
    for name in ("pages", "search", "xrefs"):
        counts = _cache_counts(warm.log, name)
        assert counts and all(h > 0 and m == 0 for h, m in counts), (name, counts)
    assert not _cache_counts(warm.log, "api")
    assert (tmp_path / "cache" / "highlight.json").is_file()
    assert list((tmp_path / "cache" / "jinja").rglob("*.cache")), "no compiled template kept"
    files = _tree(cold.site_dir)
    assert files == _tree(warm.site_dir)
    differ = [
        f for f in sorted(files)
        if not filecmp.cmp(cold.site_dir / f, warm.site_dir / f, shallow=False)
    ]  # fmt: skip
    assert not differ, f"built from the cache, these files differ: {differ[:20]}"


def _page(content: str, toc_title: str = "Intro") -> Any:
    from markdown import Markdown
    from mkdocs.structure.toc import get_toc

    md = Markdown(extensions=["toc"])
    html = md.convert(content)
    toc = get_toc(md.toc_tokens)  # type: ignore[attr-defined]
    for item in toc:
        item.title = toc_title
    return SimpleNamespace(content=html, toc=toc, url="part/page/", title="Page", meta={})


def test_search_entries_from_the_cache_equal_materials(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    split = _hook("search_split", tmp_path, monkeypatch)
    from material.plugins.search.plugin import SearchIndex

    page = _page("# Intro\n\nSome *text* here.\n\n## Part\n\nMore text.\n")
    plain = SearchIndex(separator=r"[\s\-]+")
    split._original_add(plain, page)
    assert len(plain.entries) == 2

    first, second = SearchIndex(separator=r"[\s\-]+"), SearchIndex(separator=r"[\s\-]+")
    first.add_entry_from_context(page)  # computed and stored
    second.add_entry_from_context(page)  # read back
    assert (split._entries.hits, split._entries.misses) == (1, 1)
    assert first.entries == second.entries == plain.entries

    # A change in the table of contents (not in the HTML) is a different key.
    other = SearchIndex(separator=r"[\s\-]+")
    other.add_entry_from_context(
        _page("# Intro\n\nSome *text* here.\n\n## Part\n\nMore text.\n", "Renamed")
    )
    assert split._entries.misses == 2


def test_a_changed_salt_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_mod = _hook("build_cache", tmp_path, monkeypatch)
    cache = cache_mod.DiskCache("t", max_mb=1)
    cache.salt = "v1"
    cache.put(("k",), {"html": "<p>x</p>"})
    assert cache.get(("k",)) == {"html": "<p>x</p>"}
    assert cache.get(("other",)) is None
    cache.salt = "v2"  # e.g. a package upgraded or the hook edited
    assert cache.get(("k",)) is None


def _entries(folder: Path) -> dict[Path, int]:
    """A disk cache's entries and their modification times."""
    return {p: p.stat().st_mtime_ns for p in folder.glob("*/*.json")}


def _age(paths: Iterable[Path], seconds: float) -> None:
    """Make the entries look used ``seconds`` ago, one nanosecond apart in the given order."""
    now = time.time_ns() - int(seconds * 1e9)
    for i, path in enumerate(paths):
        os.utime(path, ns=(now + i, now + i))


def test_a_disk_cache_over_its_cap_drops_what_was_used_longest_ago(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_mod = _hook("build_cache", tmp_path, monkeypatch)
    entry = {"html": "x" * 1000}  # 1014 bytes on disk
    cap_mb = 6 * 1014 / 2**20  # room for 6 entries

    def build(lang: str, salt: str = "hooks v2") -> tuple[int, int, set[Path]]:
        """One language's build of 4 pages (a new cache object, as MkDocs loads hooks)."""
        cache = cache_mod.DiskCache("t", max_mb=cap_mb)
        cache.salt = salt
        for i in range(4):
            if cache.get((lang, i)) is None:
                cache.put((lang, i), entry)
        hits, misses, used = cache.hits, cache.misses, set(cache.used)
        cache.finish()
        return hits, misses, used

    build("ko", "hooks v1")
    build("en", "hooks v1")  # then a hook is edited: these 8 entries are stale
    cache_mod._recent.clear()  # and the next build is another process
    stale = sorted(_entries(tmp_path / "t"))
    _age(stale, 3600)
    *_, ko = build("ko")  # 12 entries, over the cap: the stale ones go, oldest first
    left = set(_entries(tmp_path / "t"))
    assert left == ko | set(stale[-2:])
    *_, en = build("en")  # over the cap with ko's and en's: the other language's stay
    assert set(_entries(tmp_path / "t")) == ko | en
    _age(sorted(ko | en), 60)
    assert build("ko")[:2] == (4, 0)  # a serve rebuild: all hits, nothing deleted
    after = _entries(tmp_path / "t")
    assert set(after) == ko | en
    newest_en = max(after[p] for p in en)
    assert all(after[p] > newest_en for p in ko)  # a hit refreshes its entry


def test_memo_file_drops_what_builds_in_a_row_did_not_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_mod = _hook("build_cache", tmp_path, monkeypatch)
    memo = cache_mod.MemoFile("m", "s1")
    memo.put("a", "A")
    memo.put("b", "B")
    memo.save()
    for _ in range(cache_mod.MemoFile.KEEP_IDLE - 1):  # builds that use only "a"
        again = cache_mod.MemoFile("m", "s1")
        assert again.get("a") == "A"
        again.save()
    kept = cache_mod.MemoFile("m", "s1")
    assert kept.old["b"] == "B"  # e.g. a page served whole by page_cache.py meanwhile
    kept.get("a")
    kept.save()
    assert "b" not in cache_mod.MemoFile("m", "s1").old  # unused KEEP_IDLE builds in a row
    assert cache_mod.MemoFile("m", "s2").get("a") is None  # another salt
    used_again = cache_mod.MemoFile("m", "s1")
    used_again.put("b", "B")
    used_again.save()
    assert cache_mod.MemoFile("m", "s1").idle == {"a": 1}  # "b", used, has no count


def test_highlight_from_disk_equals_pygments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from markdown import Markdown
    from pymdownx.highlight import Highlight

    code = "def f(x):\n    return x + 1\n"
    hl = _hook("highlight_cache", tmp_path, monkeypatch)

    def new() -> Highlight:
        return Highlight(Markdown(), linenums=None)

    expected = hl._original(new(), code, "python", "highlight")
    assert new().highlight(code, "python", "highlight") == expected
    hl.on_post_build(config=None)
    # A new process: empty in-memory memo, the disk memo read back.
    hl = _hook("highlight_cache", tmp_path, monkeypatch)
    assert hl._disk.old, "nothing was saved"
    monkeypatch.setattr(hl, "_original", lambda *a, **k: pytest.fail("highlighted again"))
    assert new().highlight(code, "python", "highlight") == expected


def test_an_edited_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jinja2 import Environment, FileSystemLoader

    tc = _hook("template_cache", tmp_path / "cache", monkeypatch)
    (tmp_path / "t.html").write_text("one {{ x }}", encoding="utf-8")
    older = tmp_path / "cache" / "jinja" / "0123456789abcdef"  # older package versions
    older.mkdir(parents=True)
    (older / "__jinja2_x.cache").write_bytes(b"")

    def render() -> str:  # a new environment each build, as MkDocs makes one
        env = tc.on_env(Environment(loader=FileSystemLoader(str(tmp_path))), config=None)
        return str(env.get_template("t.html").render(x=1))

    assert render() == "one 1"
    assert list((tmp_path / "cache" / "jinja").rglob("*.cache"))
    assert not older.exists()
    assert render() == "one 1"  # from the bytecode cache
    (tmp_path / "t.html").write_text("two {{ x }}", encoding="utf-8")
    assert render() == "two 1"


def test_aliases_wait_until_their_module_is_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from griffe import Class, Module, ModulesCollection

    aliases = _hook("griffe_aliases", tmp_path, monkeypatch)
    handler = SimpleNamespace(_modules_collection=ModulesCollection())
    made = [("pkg.Base.lr", "pkg.Child.lr", True)]
    aliases.add(handler, made)  # nothing loaded: the alias waits
    assert aliases.pending == made
    module = Module("pkg")
    base, child = Class("Base"), Class("Child")
    module.set_member("Base", base)
    module.set_member("Child", child)
    base.set_member("lr", Class("lr"))
    handler._modules_collection.set_member("pkg", module)
    before = aliases.all_aliases(handler)
    aliases.add_pending(handler)  # as after a collection
    assert aliases.pending == []
    assert aliases.created_since(handler, before) == made
