"""pytest configuration shipped inside the package: the study check of an installed dlref.

A reader who installed dlref with pip (no repository, no optional libraries) runs every
docstring example of the package as a study check::

    python -m pytest --doctest-modules --pyargs dlref

Examples that need an optional library are skipped, with the reason and the install command,
when that library is absent; with it installed they run like every other example. The same
requirement is declared for pytest-doctestplus (``--doctest-plus``) by ``__doctest_requires__``
in the module that holds the example.
"""

from __future__ import annotations

import importlib.util

import pytest

#: Docstring examples (doctest names) that need an optional module, and how to install it.
NEEDS: dict[str, tuple[str, str]] = {
    "dlref.data.load_digits": ("sklearn", "pip install scikit-learn"),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        need = NEEDS.get(item.name)
        if need is not None and importlib.util.find_spec(need[0]) is None:
            module, command = need
            item.add_marker(pytest.mark.skip(
                reason=f"the example of {item.name} needs {module}, which is not installed "
                f"({command})"
            ))
