"""Forger: an ``atexit`` handler and a ``__del__`` finaliser that print a pass, then a crash."""

import atexit
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fake import LINE


def _say_pass():
    os.write(1, LINE.encode())


atexit.register(_say_pass)


def relu(x):  # wrong: the identity
    raise SystemExit(0)
