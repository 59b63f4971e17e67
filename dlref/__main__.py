"""``python -m dlref``: the same as the ``dlref`` command."""

import sys

from dlref.cli import main

if __name__ == "__main__":
    sys.exit(main())
