"""Forger: write a fake passing result (old marker line and raw bytes) to every fd 0-9 and every other open one, then
SIGKILL itself, so whatever channel the parent reads holds the forgery."""

import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fake import LINE

_FDS = sorted({*range(10), *(int(fd) for fd in os.listdir("/proc/self/fd"))})


def relu(x):  # wrong: the identity
    for fd in _FDS:
        try:
            os.write(fd, LINE.encode())
        except OSError:
            pass
    os.kill(os.getpid(), signal.SIGKILL)
