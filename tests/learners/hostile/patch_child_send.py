"""Forger who read dlref's source: replace the child's own ``send`` (on its ``Server`` class,
in the ``__main__`` module the child runs as) so that every message it sends carries a passing
verdict, and claim the arguments came back untouched."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fake import PASS

_server = getattr(sys.modules.get("__main__"), "Server", None)
if _server is not None:
    _real_send = _server.send

    def _forged_send(self, header, blobs=None):
        header = {**header, "result": PASS, "passed": True, "verdict": "ok"}
        return _real_send(self, header, blobs)

    _server.send = _forged_send


def relu(x):  # wrong: the identity
    return x
