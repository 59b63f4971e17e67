"""MkDocs hook: API pages in the reader's language.

mkdocstrings picks its locale (the section labels "Parameters", "Returns", ...)
once, from ``theme.language``, when its ``on_config`` runs. mkdocs-static-i18n
rebuilds the site once per language and sets ``theme.language`` in its own
``on_config`` *after* mkdocstrings has run, so without this hook the English
build would keep the Korean labels (or the reverse). Running last, this hook
hands the current language to mkdocstrings. The Korean labels themselves live
in ``docs/templates/mkdocstrings/python/material/languages/ko.html.jinja``.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@event_priority(-200)  # after i18n (-100) has set theme.language for this build
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    plugin = config.plugins.get("mkdocstrings")
    handlers = getattr(plugin, "_handlers", None)
    if handlers is None or not hasattr(handlers, "_locale"):
        raise PluginError(
            "docs/hooks/i18n_api.py: mkdocstrings changed its internals "
            "(no Handlers._locale); update this hook"
        )
    handlers._locale = str(config.theme["language"])
    return config
