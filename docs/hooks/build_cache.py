"""A content-keyed disk cache for the site build, under ``.cache/build/``.

Not a hook itself: ``api_cache.py``, ``page_cache.py``, ``xref_cache.py``,
``search_split.py``, ``highlight_cache.py`` and ``template_cache.py`` import it
(MkDocs puts the hooks folder on ``sys.path`` while it loads them). Each cache has a
*salt* — the versions of the packages whose output it stores and a digest of
the files whose code produces it (this module, the hook, templates ...) — and
every entry is stored under a SHA-256 of the salt and its key, so changing any
input, any of those files or upgrading a package misses instead of serving a
stale entry. Values are JSON, written atomically (a crashed build leaves no
half-written entry).

A :class:`DiskCache` is pruned as a least-recently-used cache with a size cap: a hit
refreshes its entry's modification time, and at the end of each build (``on_post_build``;
the i18n plugin builds each language in turn) the entries used longest ago are deleted
while the cache is over its cap. The entries the last two builds of the process used
(both languages, in a ``mkdocs build`` and in each ``mkdocs serve`` rebuild) are never
deleted, even over the cap; an entry a build did not ask for is not deleted for that
alone (an API block inside a page served whole from ``pages/`` is not asked for, and is
needed again when that page is converted).

``DLREF_BUILD_CACHE`` moves the cache (the tests point it at a scratch folder);
``DLREF_BUILD_CACHE=off`` turns it off, so every build computes everything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections import deque
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
_SETTING = os.environ.get("DLREF_BUILD_CACHE", "")
ENABLED = _SETTING != "off"
DIR = Path(_SETTING) if _SETTING and ENABLED else ROOT / ".cache" / "build"
log = logging.getLogger("mkdocs.hooks.build_cache")


def digest(*parts: Any) -> str:
    """SHA-256 of the parts' JSON (``repr`` for what JSON cannot hold)."""
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def versions(*dists: str) -> dict[str, str]:
    out = {}
    for dist in dists:
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "absent"
    return out


def files_digest(paths: Iterable[Path], suffixes: tuple[str, ...] = ()) -> str:
    """Digest of the files' paths and bytes; folders are walked (``suffixes`` filter)."""
    h = hashlib.sha256()
    for path in paths:
        found = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in found:
            if f.is_file() and (not suffixes or f.suffix in suffixes or f == path):
                h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


#: Per cache name, the entries each of the last two builds in this process used (kept
#: here, not on the cache object: ``mkdocs serve`` loads the hooks again for each build).
_recent: dict[str, deque[set[Path]]] = {}


class DiskCache:
    """One JSON file per entry: ``DIR/<name>/<hash[:2]>/<hash>.json``, pruned to ``max_mb``
    MiB after each build (see the module's docstring)."""

    def __init__(self, name: str, max_mb: float) -> None:
        self.name = name
        self.dir = DIR / name
        self.max_bytes = int(max_mb * 2**20)
        self.salt = ""
        self.hits = self.misses = 0
        self.used: set[Path] = set()

    def _path(self, key: Any) -> Path:
        h = digest(self.salt, key)
        return self.dir / h[:2] / f"{h}.json"

    def get(self, key: Any) -> Any | None:
        if not ENABLED or not self.salt:
            return None
        path = self._path(key)
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
            os.utime(path)  # used now: the last to go when the cache is pruned
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(path)
        return value

    def reject(self) -> None:
        """The entry just read turned out stale (its user checked more than the key): a miss."""
        self.hits -= 1
        self.misses += 1

    def put(self, key: Any, value: Any) -> None:
        if ENABLED and self.salt:
            path = self._path(key)
            _write(path, value)
            self.used.add(path)

    def finish(self) -> None:
        """The end of a build (``on_post_build``): log the hits and misses, prune."""
        if not ENABLED:
            return
        if self.hits + self.misses:
            log.info(f"build cache {self.name}: {self.hits} hits, {self.misses} misses")
        self.hits = self.misses = 0
        recent = _recent.setdefault(self.name, deque(maxlen=2))
        recent.append(self.used)
        self.used = set()
        self.prune(set().union(*recent))

    def prune(self, keep: set[Path]) -> None:
        """Delete the entries used longest ago, except ``keep``, until at most ``max_bytes``."""
        entries = []
        for path in self.dir.glob("*/*.json"):
            try:
                stat = path.stat()
            except OSError:  # deleted meanwhile (another build pruning)
                continue
            entries.append((stat.st_mtime_ns, stat.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            if path not in keep:
                path.unlink(missing_ok=True)
                total -= size


class MemoFile:
    """A whole memo in one JSON file (many small entries, read and written once a build).

    An entry that ``KEEP_IDLE`` builds in a row did not use is dropped when the
    memo is saved, so the file holds what the site needs now and does not grow
    without bound. Not after one build: when ``page_cache.py`` serves a page whole,
    nothing asks for that page's highlighted blocks, and they must still be there
    when the page (or every page, after ``mkdocs.yml`` changed) is converted again.
    """

    KEEP_IDLE = 20

    def __init__(self, name: str, salt: str) -> None:
        self.path = DIR / f"{name}.json"
        self.idle_path = DIR / f"{name}.idle.json"  # small; the big file changes less often
        self.salt = salt
        self.old: dict[str, Any] = {}
        self.idle: dict[str, int] = {}  # builds in a row an old entry was not used
        self.used: dict[str, Any] = {}
        self._written: tuple[Any, Any] = (None, None)
        if ENABLED:
            self.old = _read_salted(self.path, salt)
            self.idle = _read_salted(self.idle_path, salt)

    def get(self, key: str) -> Any | None:
        value = self.used.get(key, self.old.get(key))
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Write what changed (once per process for the idle counts: a ``mkdocs serve``
        session counts as one build)."""
        if not ENABLED:
            return
        idle = {k: self.idle.get(k, 0) + 1 for k in self.old if k not in self.used}
        idle = {k: n for k, n in idle.items() if n < self.KEEP_IDLE}
        items = {**{k: self.old[k] for k in idle}, **self.used}
        written_items, written_idle = self._written
        if items != (self.old if written_items is None else written_items):
            _write(self.path, {"salt": self.salt, "items": items})
        if idle != (self.idle if written_idle is None else written_idle):
            _write(self.idle_path, {"salt": self.salt, "items": idle})
        self._written = (items, idle)


def _read_salted(path: Path, salt: str) -> dict[str, Any]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("salt") == salt and isinstance(stored.get("items"), dict):
            return dict(stored["items"])
    except (OSError, ValueError, AttributeError):
        pass
    return {}


recordings: list[list[Any]] = []
"""Open recordings of a build's side effects: ``page_cache.py`` records what converting
a page did besides its HTML; other hooks add what they do on its behalf."""


def record(*event: Any) -> None:
    """Add an event (JSON-able) to the innermost open recording, if any."""
    if recordings:
        recordings[-1].append(list(event))


def _write(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False)
    os.replace(tmp, path)
