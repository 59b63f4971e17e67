"""Forger: print the marker in a ``finally`` and leave with ``sys.exit(0)`` from it."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fake import LINE


def relu(x):  # wrong: the identity
    try:
        return x
    finally:
        sys.stdout.write(LINE)
        sys.stdout.flush()
        sys.exit(0)
