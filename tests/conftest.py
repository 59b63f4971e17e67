"""Shared fixtures: the documentation site is built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site_util import BuildResult, build_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """``mkdocs build --strict`` of the whole site into a temporary directory."""
    return build_site(Path(tmp_path_factory.mktemp("site")))
