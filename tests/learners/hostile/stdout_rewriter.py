"""Forger: replace ``sys.stdout`` by a writer that turns whatever the child reports into a pass."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _fake import LINE, MARK


class _Rewriter:
    def __init__(self, real):
        self.real = real

    def write(self, text):
        forge = MARK in text and '"names"' not in text  # the listing passes through
        return self.real.write(LINE if forge else text)

    def flush(self):
        self.real.flush()


sys.stdout = _Rewriter(sys.stdout)


def relu(x):  # wrong: the identity
    return x
