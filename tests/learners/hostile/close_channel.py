"""Saboteur: close every file descriptor above 2 (the check's channel among them) in the call,
then return a wrong value as if nothing happened."""

import os


def relu(x):  # wrong: the identity
    os.closerange(3, 256)
    return x
