"""Independent learner files (tests/learners/) checked by the command, with the verdicts expected.

The files were written in the course's and in CS231n's style without looking at dlref's code,
some right and some with the usual slips. For each name: the verdict, the hint that must be
named (or None: no hint may be named), and a phrase the report must contain (or None). No
false pass, no false failure, and a hint only for a modelled slip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dlref.cli import main

LEARNERS = Path(__file__).resolve().parent / "learners"

OK, FAIL, UNJUDGED = "ok", "FAIL", "not judged"
Expected = tuple[str, str | None, str | None]

EXPECTED: dict[str, dict[str, Expected]] = {
    "course_style.py": {
        "sigmoid": (OK, None, "overflow encountered in exp"),
        "tanh_grad": (OK, None, None),
        "relu": (OK, None, None),
        "relu_grad": (OK, None, "float32 in, float64 out"),
        "l2_penalty": (OK, None, None),
        "l2_grad": (OK, None, None),
        "dropout_forward": (OK, None, None),
        "ewma": (OK, None, None),
        "Momentum": (OK, None, None),
        "inverse_time_decay": (OK, None, None),
        "AdamW": (OK, None, "15/15 comparisons agree"),
    },
    "course_slips.py": {
        "tanh_grad": (FAIL, "1 − tanh²(x), squared", None),
        "relu_grad": (FAIL, "x > 0, not x >= 0", None),
        "leaky_relu": (FAIL, None, "5 calls modified an input"),
        "softmax": (FAIL, "(C, m)", None),
        "softmax_cross_entropy": (OK, None, "one-hot Y only (as in the course)"),
        "l2_penalty": (FAIL, "λ/(2m) Σ‖W‖²", None),
        "dropout_forward": (FAIL, "divides the kept units by keep_prob", None),
        "batchnorm_forward": (FAIL, "biased batch variance (divide by m, not m − 1)", None),
        "batchnorm_backward": (UNJUDGED, None, "fix the forward first"),
        "Adam": (FAIL, "correct the bias", None),
        "AdamW": (FAIL, "L2 inside Adam", None),
        "exponential_decay": (FAIL, "epochs are counted from 1", None),
        "step_decay": (FAIL, "take the floor", None),
    },
    "cs231n_style.py": {
        "leaky_relu": (OK, None, None),
        "softmax": (OK, None, None),
        "batchnorm_forward": (OK, None, None),
        "batchnorm_backward": (OK, None, None),
        "softmax_cross_entropy": (FAIL, "(softmax − Y)/m", "integer labels only (as in CS231n)"),
        "Momentum": (FAIL, "PyTorch's form", None),
        "Adam": (FAIL, "outside the square root", None),
        "AdamW": (OK, None, "30/30 comparisons agree"),
    },
    "cs231n_more.py": {
        "sigmoid": (OK, None, None),
        "elu": (OK, None, None),
        "binary_cross_entropy_with_logits": (OK, None, None),
        "mse_grad": (FAIL, "divide by m", None),
        "batchnorm_forward": (FAIL, "ε goes inside the square root", None),
        "batchnorm_backward": (UNJUDGED, None, "on 2 of them your backward was judged on dlref"),
        "SGD": (OK, None, None),
        "RMSprop": (FAIL, "ε goes outside the square root", None),
        "numerical_gradient": (OK, None, None),
        "he": (OK, None, None),
        "AdamW": (FAIL, "decay the weight from before the step", None),
    },
}


def _blocks(out: str, names: set[str]) -> dict[str, str]:
    """Each name's report block: its status line and the indented lines under it."""
    blocks: dict[str, str] = {}
    current = None
    for line in out.splitlines():
        head = line.split(":")[0]
        if not line.startswith(" ") and head in names:
            current = head
            blocks[current] = line
        elif current is not None and line.startswith(" "):
            blocks[current] += "\n" + line
    return blocks


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_learner_file_verdicts(file: str, capsys: pytest.CaptureFixture[str]) -> None:
    expected = EXPECTED[file]
    status = main(["check", str(LEARNERS / file), "--timeout", "30"])
    out = capsys.readouterr().out
    blocks = _blocks(out, set(expected))
    assert set(blocks) == set(expected), out
    for name, (verdict, hint, phrase) in expected.items():
        block = blocks[name]
        assert block.startswith(f"{name}: {verdict} ("), block  # no false pass or failure
        if hint is None:
            assert "hint:" not in block, block  # no hint from a slip that is not modelled
        else:
            assert "hint:" in block and hint in " ".join(block.split()), block
        if phrase is not None:
            assert phrase in " ".join(block.split()), block
    passed = sum(v == OK for v, _, _ in expected.values())
    unjudged = sum(v == UNJUDGED for v, _, _ in expected.values())
    assert status == (0 if passed == len(expected) else 1)
    tail = f", {unjudged} not judged" if unjudged else ""
    assert out.endswith(f"{passed} of {len(expected)} passed{tail}\n")


def test_the_fixture_has_right_and_slipped_code_in_both_styles() -> None:
    verdicts = [v for names in EXPECTED.values() for v, _, _ in names.values()]
    hints = [h for names in EXPECTED.values() for _, h, _ in names.values() if h]
    assert len(verdicts) >= 30 and verdicts.count(OK) >= 15 and len(hints) >= 12
