"""Where the site build spends its time: ``make profile``.

Runs ``mkdocs build --strict`` under cProfile (into a scratch directory, so
``site/`` is untouched) and prints the wall time, the cumulative time of every
plugin and hook event handler, and the functions with the largest own time.
Profiling roughly doubles the build time; compare entries with each other, not
with an unprofiled build. The full profile is kept in ``.cache/profile.out``
(open it with ``python -m pstats .cache/profile.out`` or snakeviz).

    python benchmarks/profile_build.py [--cold] [--top N]

``--cold`` empties ``.cache/figures``, ``.cache/katex`` and ``.cache/build`` (the
API, search and highlighting caches of ``docs/hooks/build_cache.py``) first;
``--no-build-cache`` profiles with ``DLREF_BUILD_CACHE=off`` (everything computed,
nothing stored), to see what those caches save. ``--rebuild`` profiles what
``mkdocs serve`` does after an edit: one unprofiled build, then the config
loaded again and a second build in the same process (hooks stay loaded, plugins
with ``on_startup`` persist), which is the one profiled.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cold", action="store_true", help="empty the figure, math, build caches")
    parser.add_argument("--no-build-cache", action="store_true", help="DLREF_BUILD_CACHE=off")
    parser.add_argument("--rebuild", action="store_true", help="profile a serve-like rebuild")
    parser.add_argument("--top", type=int, default=15, help="rows per table")
    args = parser.parse_args()
    os.chdir(ROOT)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.cold:
        for cache in ("figures", "katex", "build"):
            shutil.rmtree(ROOT / ".cache" / cache, ignore_errors=True)
    if args.no_build_cache:
        os.environ["DLREF_BUILD_CACHE"] = "off"
    from mkdocs.__main__ import cli

    out = ROOT / ".cache" / "profile.out"
    out.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as site:
        argv = ["build", "--strict", "--quiet", "--site-dir", site]
        profiler = cProfile.Profile()
        run: Callable[[], object] = partial(cli.main, argv, standalone_mode=False)
        if args.rebuild:
            run = _serve_rebuild(site)
        start = time.perf_counter()
        try:
            profiler.runcall(run)
        finally:
            wall = time.perf_counter() - start
            profiler.dump_stats(out)
    stats = pstats.Stats(str(out))
    raw = stats.stats  # type: ignore[attr-defined]
    events = []
    for (file, _line, func), (_cc, _nc, _tt, ct, _callers) in raw.items():
        in_plugin = "/plugins/" in file or "plugin" in Path(file).name or "docs/hooks" in file
        if func.startswith("on_") and in_plugin and "mkdocs/plugins.py" not in file:
            where = file.split("site-packages/")[-1].removeprefix(str(ROOT) + "/")
            events.append((ct, f"{where}:{func}"))
    own = sorted(
        ((tt, f"{Path(f).name}:{line}({fn})") for (f, line, fn), (_, _, tt, _, _) in raw.items()),
        reverse=True,
    )
    what = "a serve-like rebuild" if args.rebuild else "mkdocs build --strict"
    print(f"{what} under cProfile: {wall:.1f} s wall (profile: {out})\n")
    print("cumulative seconds per plugin/hook event (nested events overlap):")
    for ct, name in sorted(events, reverse=True)[: args.top]:
        print(f"  {ct:7.2f}  {name}")
    print("\nlargest own time:")
    for tt, name in own[: args.top]:
        print(f"  {tt:7.2f}  {name}")


def _serve_rebuild(site: str) -> Callable[[], object]:
    """Do ``mkdocs serve``'s first build now; return its rebuild after an edit."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    url = "http://127.0.0.1:8000/"

    def config() -> Any:
        loaded = load_config(site_dir=site, strict=True)
        loaded.site_url = url
        return loaded

    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    build(first, serve_url=url)
    return lambda: build(config(), serve_url=url)


if __name__ == "__main__":
    sys.exit(main())
