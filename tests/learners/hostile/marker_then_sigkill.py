"""Forger: print the child's result marker with a passing verdict, then SIGKILL itself."""

import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fake import LINE


def relu(x):  # wrong: the identity
    sys.stdout.write(LINE)
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)
    return x
