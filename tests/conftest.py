"""Shared fixtures: the documentation site is built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.site_util import BuildResult, build_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """``mkdocs build --strict`` of the whole site into a temporary directory."""
    return build_site(Path(tmp_path_factory.mktemp("site")))


@pytest.fixture(scope="module")
def one_blas_thread() -> Iterator[None]:
    """Single-threaded BLAS while a test module recomputes a page's experiments.

    The experiments train small networks, for which OpenBLAS threads are several
    times slower on a 2-core machine; the figure hook draws under the same limit.
    Use with ``pytestmark = pytest.mark.usefixtures("one_blas_thread")``.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield
