"""MkDocs hook: a link to an API object that is shown on several pages goes to the nearest one.

A concept page may render the reference code of a few functions (``::: dlref.losses.softmax``),
so the same object has a primary URL on its API page and on the concept page. autorefs'
``resolve_closest`` picks a URL under the linking page's own directory; when none is, it
warns and takes the first URL, so a link from ``practical/`` to an object shown on
``reference/`` and on ``tuning/`` fails the strict build.

This hook keeps autorefs' rule within a section and adds one step: when no candidate is in
the linking page's section (``practical``, ``tuning``, ... below the language prefix), the
link goes to the object's API page under ``reference/``. Links therefore resolve the same
way in both languages. It wraps a private autorefs function (``_get_closest_url``, present in
mkdocs-autorefs 1.x); if that disappears the build fails here, with this message, rather
than resolving links silently in another way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath

from mkdocs_autorefs._internal import plugin as _autorefs

_LANG_PREFIXES = ("en",)

if not hasattr(_autorefs.AutorefsPlugin, "_get_closest_url"):  # pragma: no cover
    raise RuntimeError(
        "docs/hooks/autorefs_closest.py: mkdocs-autorefs no longer has "
        "AutorefsPlugin._get_closest_url; update the hook for the installed version"
    )

_original: Callable[[str, list[str], str], str] = _autorefs.AutorefsPlugin._get_closest_url


def _split(url: str) -> tuple[str, str]:
    """(language prefix, section) of a site URL such as ``en/practical/dropout/#x``."""
    parts = PurePosixPath(url.split("#", 1)[0]).parts
    lang = parts[0] if parts and parts[0] in _LANG_PREFIXES else ""
    rest = parts[1:] if lang else parts
    return lang, rest[0] if rest else ""


def closest_url(from_url: str, urls: list[str], qualifier: str) -> str:
    """The candidate in the linking page's section, else the API page, else autorefs' pick."""
    lang, section = _split(from_url)
    same_lang = [u for u in urls if _split(u)[0] == lang] or urls
    near = [u for u in same_lang if _split(u)[1] == section]
    if near:
        return _original(from_url, near, qualifier)
    api = [u for u in same_lang if _split(u)[1] == "reference"]
    if api:
        return api[0]
    return _original(from_url, urls, qualifier)


_autorefs.AutorefsPlugin._get_closest_url = staticmethod(closest_url)  # type: ignore[method-assign]
