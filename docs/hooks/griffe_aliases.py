"""The aliases griffe adds while mkdocstrings renders, kept so a cache hit can add them again.

Not a hook itself: ``api_cache.py`` and ``page_cache.py`` import it. When a
template reads a class's inherited members, griffe adds an alias to each
inherited object (``Adam.lr`` for ``Optimizer.lr``); mkdocstrings later asks the
handler for an object's aliases (``get_aliases``) and registers each with autorefs
and the inventory. A render served from a cache must therefore add the same
aliases. An alias whose target module has not been loaded in this build (a page
served whole from ``page_cache.py`` loads nothing) waits in ``pending`` until a
later collection loads it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from griffe import Alias

pending: list[tuple[str, str, bool]] = []


def _objects(obj: Any) -> Iterator[Any]:
    yield obj
    for member in obj.members.values():
        if not isinstance(member, Alias):
            yield from _objects(member)


def all_aliases(handler: Any) -> dict[str, list[str]]:
    """Every loaded object's aliases, by the object's path."""
    return {
        obj.path: list(obj.aliases)
        for module in handler._modules_collection.members.values()
        for obj in _objects(module)
        if obj.aliases
    }


def created_since(handler: Any, before: dict[str, list[str]]) -> list[tuple[str, str, bool]]:
    """The aliases added since ``before = all_aliases(handler)``: (target, alias, inherited)."""
    collection = handler._modules_collection
    return [
        (target, alias, bool(collection[target].aliases[alias].inherited))
        for target, names in all_aliases(handler).items()
        for alias in names
        if alias not in before.get(target, ())
    ]


def _add(handler: Any, target_path: str, alias_path: str, inherited: bool) -> bool:
    """Add one alias; False when its target or parent is not loaded yet."""
    parent_path, _, name = alias_path.rpartition(".")
    try:
        target = handler._modules_collection[target_path]
        parent = handler._modules_collection[parent_path]
    except KeyError:
        return False
    if alias_path not in target.aliases:
        target.aliases[alias_path] = Alias(name, target, parent=parent, inherited=inherited)
    return True


def add(handler: Any, aliases: list[tuple[str, str, bool]]) -> None:
    """Add the aliases a render made; those not loadable yet wait in ``pending``."""
    for target, alias, inherited in aliases:
        if not _add(handler, target, alias, inherited):
            pending.append((target, alias, inherited))


def add_pending(handler: Any) -> None:
    """After a collection: add the waiting aliases whose modules are now loaded."""
    if pending:
        pending[:] = [a for a in pending if not _add(handler, *a)]
