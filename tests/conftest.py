"""Shared fixtures: the documentation site is built once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site_util import BuildResult, browser, build_site, serve


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


@pytest.fixture(scope="module")
def site(built_site: BuildResult) -> Iterator[str]:
    """The built site served on a free port of 127.0.0.1, for the browser tests."""
    with serve(built_site.site_dir) as base:
        yield base


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Headless Chromium (the browser tests skip with a reason when it is missing)."""
    with browser() as b:
        yield b
