"""`dlref check` cannot be fooled or hung: hostile learner files and their verdicts.

Each file is written to a temporary directory and checked through the command line, the way
a learner or a pre-commit hook runs it; the exit status and the report are asserted.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dlref.cli import main

HOSTILE: dict[str, tuple[str, int, str]] = {
    # name: (source, exit status, text the report must contain)
    "loop_at_import": ("while True:\n    pass\n", 2, "did not finish within"),
    "exit0_at_import": (
        "import sys\nsys.exit(0)\ndef relu(x):\n    return x\n", 2,
        "line 2: your file called sys.exit(0) at import",
    ),
    "exit1_at_import": ("import sys\nsys.exit(1)\n", 2, "your file called sys.exit(1) at import"),
    "os_exit_at_import": (
        "import os\nos._exit(0)\ndef relu(x):\n    return x\n", 2,
        "line 2: your file called os._exit(0) at import",
    ),
    "syntax_error": ("def relu(x)\n    return x\n", 2, "line 1: your file has a SyntaxError"),
    "import_error": (
        "import not_a_module_anywhere\n", 2,
        "line 1: your file raised ModuleNotFoundError",
    ),
    "no_checkable_name": ("def my_relu(x):\n    return x\n", 2, "defines none of the checkable"),
    "loop_in_function": (
        "def relu(x):\n    while True:\n        pass\n", 1, "relu: FAIL (timed out after",
    ),
    "exit0_in_function": (
        "import sys\ndef relu(x):\n    sys.exit(0)\n", 1,
        "line 3: your code called sys.exit(0) while being checked",
    ),
    "os_exit_in_function": (
        "import os\ndef relu(x):\n    os._exit(0)\n", 1,
        "line 3: your code called os._exit(0) while being checked",
    ),
    "exit1_in_function": (
        "import sys\ndef relu(x):\n    sys.exit(1)\n", 1,
        "line 3: your code called sys.exit(1) while being checked",
    ),
    "exit_none_in_function": (
        "def relu(x):\n    raise SystemExit\n", 1,
        "line 2: your code called sys.exit(None) while being checked",
    ),
    "segfault_in_function": (
        "import ctypes\ndef relu(x):\n    return ctypes.string_at(0)\n", 1,
        "line 3: your code ended the process (exit status -11) while being checked: "
        "Fatal Python error: Segmentation fault",
    ),
    "keyboard_interrupt_at_import": (
        "raise KeyboardInterrupt\n", 2, "line 1: your file raised KeyboardInterrupt at import",
    ),
    "keyboard_interrupt": (
        "def relu(x):\n    raise KeyboardInterrupt\n", 1, "your code raised KeyboardInterrupt",
    ),
    "reads_stdin": (
        "def relu(x):\n    return input('x? ')\n", 1,
        "your code raised EOFError",
    ),
    "wrong_type": ("def relu(x):\n    return 'relu'\n", 1, "relu: FAIL"),
    "wrong_shape": ("import numpy as np\ndef relu(x):\n    return np.ravel(x)\n", 1, "shape"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, status, text = HOSTILE[name]
    path = tmp_path / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    assert main(["check", str(path), "--timeout", "1"]) == status
    out = capsys.readouterr()
    report = out.out + out.err
    assert text in report, report
    assert "Traceback" not in report  # no internal traceback, only the learner's file and line
    if status != 0:
        assert "1 of 1 passed" not in report


def test_a_looping_function_does_not_stop_the_others(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mixed.py"
    path.write_text(textwrap.dedent("""
        import numpy as np
        def sigmoid(z):
            return 1 / (1 + np.exp(-np.clip(z, -500, 500)))
        def relu(x):
            while True:
                pass
    """), encoding="utf-8")
    assert main(["check", str(path), "--timeout", "1"]) == 1
    out = capsys.readouterr().out
    assert "sigmoid: ok" in out and "relu: FAIL (timed out" in out and "1 of 2 passed" in out


def test_an_input_modifying_function_is_judged_against_the_true_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Its outputs are right; the reference must be computed on the untouched input, so the
    # only problem reported is the modification (the issue's -6.975 vs -0.0697 false value).
    path = tmp_path / "inplace.py"
    path.write_text("def leaky_relu(x, alpha=0.01):\n    x[x < 0] *= alpha\n    return x\n",
                    encoding="utf-8")
    assert main(["check", str(path), "--timeout", "5"]) == 1
    out = capsys.readouterr().out
    assert "leaky_relu: FAIL (5/5 comparisons agree" in out
    assert "your code modified its input (argument 1)" in out
    assert "the reference gives" not in out


@pytest.mark.parametrize("bad", ["0", "-1", "nan"])
def test_timeout_must_be_positive(bad: str, tmp_path: Path) -> None:
    path = tmp_path / "ok.py"
    path.write_text("def relu(x):\n    return x * (x > 0)\n", encoding="utf-8")
    assert main(["check", str(path), "--timeout", bad]) == 2


def test_failed_report_gives_the_largest_difference_over_all_cases() -> None:
    import numpy as np

    from dlref import check_function

    r = check_function(lambda x: (np.asarray(x) >= 0) * 1.0, "relu_grad")
    assert not r.passed and r.max_diff == 1.0  # the disagreeing case at x = 0, not 0.0
    assert f"{r.compared - r.mismatched}/{r.compared} comparisons agree" in str(r)
