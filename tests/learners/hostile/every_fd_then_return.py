"""Forger: write a fake passing result to every fd 0-9 and every other open one at import and in the call, then carry
on and return a wrong value."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fake import LINE

_FDS = sorted({*range(10), *(int(fd) for fd in os.listdir("/proc/self/fd"))})


def _spray():
    for fd in _FDS:
        try:
            os.write(fd, LINE.encode())
        except OSError:
            pass


_spray()


def relu(x):  # wrong: the identity
    _spray()
    return x
