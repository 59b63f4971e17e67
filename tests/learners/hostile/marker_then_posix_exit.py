"""Forger: print the marker to fd 1 directly, then exit through ``posix._exit`` (the real one,
which the child's replacement of ``os._exit`` does not cover)."""

import os
import posix
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fake import LINE


def relu(x):  # wrong: the identity
    os.write(1, LINE.encode())
    posix._exit(0)
