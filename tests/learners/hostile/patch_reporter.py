"""Forger: monkeypatch the child's own reporting (whatever its module calls it) so that it sends
a pass, and make every dlref check of ``relu`` record passing comparisons only."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fake import PASS

_main = sys.modules.get("__main__")
for _name in ("_emit", "_send", "send", "_reply", "reply"):
    _real = getattr(_main, _name, None)
    if callable(_real):

        def _forged(payload, *args, _real=_real, **kwargs):
            keep = isinstance(payload, dict) and "names" in payload  # the listing passes
            return _real(payload if keep else {"result": PASS}, *args, **kwargs)

        setattr(_main, _name, _forged)

try:  # the checks themselves: the spec of relu records five agreements and nothing else
    from dlref._selfcheck_log import SPECS

    def _agree(func, using, rng, log):
        for _ in range(5):
            log.compare("forged", 0.0, 0.0)

    SPECS["relu"] = _agree
except ImportError:
    pass


def relu(x):  # wrong: the identity
    return x
