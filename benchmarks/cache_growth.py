"""How big ``.cache/build`` gets when every entry goes stale, build after build.

Copies a revision's tracked files into a scratch folder (its ``.venv`` and
``node_modules`` linked to this tree's, the figure, KaTeX, notebook and capstone
caches copied, so nothing is drawn), then builds the site ``--builds`` times
with ``mkdocs build --strict``, each build but the first after a change to the
bytes of ``docs/hooks/build_cache.py`` (in the copy): that salts every entry of
the page, API, search and cross-reference caches anew, as an edited hook or an
upgraded package does. Prints, after each build, each cache's entries and MiB.

    python benchmarks/cache_growth.py [--rev HEAD] [--builds 4]

Run it with ``--rev`` at a commit before the caches were pruned to see them grow.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHES = ("pages", "api", "search", "xrefs")


def sizes(build: Path) -> str:
    out = []
    for name in CACHES:
        entries = list((build / name).glob("*/*.json"))
        mib = sum(p.stat().st_size for p in entries) / 2**20
        out.append(f"{name} {len(entries)} / {mib:.1f} MiB")
    total = sum(p.stat().st_size for p in build.rglob("*") if p.is_file()) / 2**20
    return ", ".join(out) + f"; .cache/build {total:.1f} MiB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rev", default="HEAD", help="the revision to build (default HEAD)")
    parser.add_argument("--builds", type=int, default=4, help="builds in a row (default 4)")
    args = parser.parse_args()
    if args.builds < 1:
        parser.error(f"--builds: expected 1 or more, got {args.builds}")
    with tempfile.TemporaryDirectory(prefix="cache-growth-") as tmp:
        copy = Path(tmp) / "tree"
        copy.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.rev], cwd=ROOT, capture_output=True, check=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(copy)], input=archive, check=True)
        for link in (".venv", "node_modules"):
            (copy / link).symlink_to((ROOT / link).resolve())
        for kept in ("figures", "katex", "notebooks", "capstone"):
            if (ROOT / ".cache" / kept).is_dir():
                shutil.copytree(ROOT / ".cache" / kept, copy / ".cache" / kept)
        hook = copy / "docs" / "hooks" / "build_cache.py"
        env = dict(os.environ, PYTHONPATH=str(copy), NO_MKDOCS_2_WARNING="1")
        env.pop("DLREF_BUILD_CACHE", None)  # the copy's own .cache/build
        for i in range(args.builds):
            if i:
                hook.write_bytes(hook.read_bytes() + f"\n# edit {i}\n".encode())
            start = time.monotonic()
            built = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                 str(Path(tmp) / "site")],
                cwd=copy, env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            if built.returncode:
                sys.exit(f"build {i + 1} failed:\n{built.stdout}{built.stderr}")
            took = time.monotonic() - start
            print(f"build {i + 1} ({took:.0f} s): {sizes(copy / '.cache' / 'build')}", flush=True)


if __name__ == "__main__":
    main()
