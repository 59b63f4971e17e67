"""The study check of a reader who installed the package, outside the repository.

``pip install`` of dlref into a fresh virtual environment (only dlref's own dependency,
NumPy, plus pytest), then, from a directory outside the repository::

    python -m pytest --doctest-modules --pyargs dlref

must pass: every docstring example runs, and the one that needs scikit-learn is skipped
with the reason. This is the command the README and the check page give.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], cwd: Path, timeout: int) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


def test_installed_package_doctests_pass_with_only_its_dependencies(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = _run([str(python), "-m", "pip", "install", "--quiet", str(ROOT), "pytest"],
                   cwd=tmp_path, timeout=600)
    if install.returncode != 0:
        reason = f"pip install into a fresh venv failed (no package index?):\n{install.stderr[-2000:]}"
        if os.environ.get("DLREF_REQUIRE_ALL") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    listed = _run([str(python), "-m", "pip", "list", "--format=freeze"], cwd=tmp_path, timeout=60)
    names = {line.split("==")[0].lower() for line in listed.stdout.split()}
    assert not names & {"scikit-learn", "torch", "matplotlib", "tqdm"}, names
    work = tmp_path / "study"
    work.mkdir()
    proc = _run([str(python), "-m", "pytest", "--doctest-modules", "--pyargs", "dlref",
                 "-q", "-rs", "-p", "no:cacheprovider"], cwd=work, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-4000:]
    assert "needs sklearn, which is not installed (pip install scikit-learn)" in out, out[-2000:]
    summary = out.strip().splitlines()[-1]
    passed = int(summary.split(" passed")[0].split()[-1])
    assert passed >= 90 and "failed" not in summary, summary
    assert sys.executable != str(python)
