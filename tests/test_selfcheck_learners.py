"""Independent learner files (tests/learners/) checked by the command, with the verdicts expected.

The files were written in the course's and in CS231n's style without looking at dlref's code;
each name's expected verdict and, for a slip, the hint that must be named. No false pass, no
false failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dlref.cli import main

LEARNERS = Path(__file__).resolve().parent / "learners"

EXPECTED: dict[str, dict[str, str | None]] = {
    # name -> None for a correct implementation, else a phrase of the hint it must get
    "course_style.py": {
        "sigmoid": None, "tanh_grad": None, "relu": None, "relu_grad": None,
        "l2_penalty": None, "l2_grad": None, "dropout_forward": None, "ewma": None,
        "Momentum": None, "inverse_time_decay": None,
    },
    "cs231n_style.py": {
        "leaky_relu": None, "softmax": None, "batchnorm_forward": None,
        "batchnorm_backward": None,
        "softmax_cross_entropy": "(softmax − Y)/m",
        "Momentum": "PyTorch's form",
        "Adam": "outside the square root",
    },
}


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_learner_file_verdicts(file: str, capsys: pytest.CaptureFixture[str]) -> None:
    expected = EXPECTED[file]
    status = main(["check", str(LEARNERS / file), "--timeout", "30"])
    out = capsys.readouterr().out
    blocks: dict[str, str] = {}
    current = None
    for line in out.splitlines():
        head = line.split(":")[0]
        if not line.startswith(" ") and head in expected:
            current = head
            blocks[current] = line
        elif current is not None:
            blocks[current] += "\n" + line
    assert set(blocks) == set(expected), out
    for name, hint in expected.items():
        if hint is None:
            assert blocks[name].startswith(f"{name}: ok"), blocks[name]  # no false failure
        else:
            assert blocks[name].startswith(f"{name}: FAIL"), blocks[name]  # no false pass
            assert "hint:" in blocks[name] and hint in blocks[name], blocks[name]
    slipped = sum(h is not None for h in expected.values())
    assert status == (1 if slipped else 0)
    assert f"{len(expected) - slipped} of {len(expected)} passed" in out
