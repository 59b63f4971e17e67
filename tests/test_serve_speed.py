"""``docs/hooks/serve_speed.py``: MkDocs' live-reload server polls every 0.2 s."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer

from tests.site_util import ROOT


def test_the_server_polls_the_watched_files_every_tenth_of_a_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "docs" / "hooks"))
    sys.modules.pop("serve_speed", None)
    serve_speed = importlib.import_module("serve_speed")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))  # scheduled before on_serve, as docs/ and mkdocs.yml are
        assert all(e.timeout == 0.5 for e in server.observer.emitters)
        assert serve_speed.on_serve(server, config=None, builder=None) is server
        server.watch(str(ROOT / "mkdocs.yml"))  # a watch added after on_serve
        emitters = server.observer.emitters
        assert len(emitters) == 2
        assert all(e.timeout == serve_speed.POLL_SECONDS for e in emitters)
    finally:
        server.server_close()
