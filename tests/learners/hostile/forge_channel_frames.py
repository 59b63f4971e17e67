"""Forger who read dlref's source: at import, write well-formed messages of the check's own
channel (a list of names, then replies carrying a passing verdict) to every fd from 3 on; in the
call, the same again, then SIGKILL itself. The parent reads verdicts from nobody: a reply is
only ever what the learner's code returned."""

import os
import signal
import sys

from dlref._selfcheck_wire import pack

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fake import PASS

HELLO = pack({"names": ["relu"], "signatures": {}, "origins": {}}, [])
REPLY = pack(
    {"out": None, "args": {"list": []}, "kwargs": {"dict": {}}, "warnings": [],
     "result": PASS, "passed": True},
    [],
)


def _spray(data):
    for fd in sorted({*range(3, 10), *(int(fd) for fd in os.listdir("/proc/self/fd"))}):
        try:
            os.write(fd, data)
        except OSError:
            pass


_spray(HELLO + REPLY * 20)


def relu(x):  # wrong: the identity
    _spray(REPLY * 20)
    os.kill(os.getpid(), signal.SIGKILL)
