"""`dlref check` cannot be fooled: forgers and corrupters of global state, and their verdicts.

Each file of tests/learners/hostile/ is a wrong implementation that tries to pass anyway: by
forging the child's report (a fake result marker, then killing its own process; fake bytes
on every file descriptor; well-formed messages of the check's own channel; a patched
reporting function; a rewritten ``sys.stdout``; an ``atexit`` handler), or by corrupting what
the reference is computed with (``np.exp``, ``np.tanh``, ``np.random``, dlref's own softmax,
``np.seterr``). Before the parent computed every reference and verdict itself, nine of them
were reported "ok" (see docs/check: what the check guarantees). Each must get a failure or a
crash, never "ok".
"""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path

import numpy as np
import pytest

from dlref._selfcheck_remote import Child
from dlref._selfcheck_wire import (
    Decoder,
    Encoder,
    Garbled,
    Reader,
    WeightedTanhSum,
    pack,
)
from dlref.cli import main
from dlref.selfcheck import CHECKABLE

HOSTILE = Path(__file__).resolve().parent / "learners" / "hostile"

# file: (exit status, text the report must contain)
EXPECTED: dict[str, tuple[int, str]] = {
    "marker_then_sigkill.py": (1, "relu: FAIL (your code ended the process (exit status -9)"),
    "marker_then_posix_exit.py": (1, "relu: FAIL (your code ended the process (exit status 0)"),
    "every_fd.py": (1, "relu: FAIL (your code wrote to the check's own channel, or broke it"),
    "every_fd_then_return.py": (2, "wrote to the check's own channel, or broke it"),
    "forge_channel_frames.py": (1, "relu: FAIL (your code wrote to the check's own channel"),
    "close_channel.py": (1, "relu: FAIL (your code ended the process (exit status 1)"),
    "stdout_rewriter.py": (1, "relu: FAIL (0/5 comparisons agree"),
    "patch_reporter.py": (1, "relu: FAIL (0/5 comparisons agree"),
    "patch_child_send.py": (1, "relu: FAIL (0/5 comparisons agree"),
    "finally_exit.py": (1, "line 16: your code called sys.exit(0) while being checked"),
    "atexit_pass.py": (1, "line 19: your code called sys.exit(0) while being checked"),
    "patch_numpy_exp.py": (1, "sigmoid: FAIL (1/5 comparisons agree"),
    "patch_numpy_tanh.py": (1, "tanh: FAIL (0/5 comparisons agree"),
    "patch_numpy_random.py": (1, "dropout_backward: FAIL (0/2 comparisons agree"),
    "replace_dlref_softmax.py": (1, "softmax: FAIL (3/4 comparisons agree"),
    "lying_numbers.py": (1, "l2_penalty: FAIL (0/2 comparisons agree"),
}


def test_every_hostile_file_has_an_expected_verdict() -> None:
    files = {p.name for p in HOSTILE.glob("[!_]*.py")}
    assert files == {*EXPECTED, "calls_dlref.py"}


@pytest.mark.parametrize("file", sorted(EXPECTED))
def test_a_forger_or_corrupter_never_passes(file: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, text = EXPECTED[file]
    assert main(["check", str(HOSTILE / file), "--timeout", "20"]) == status
    out = capsys.readouterr()
    report = out.out + out.err
    assert text in " ".join(report.split()), report
    assert not re.search(r"^\w+: ok", out.out, re.MULTILINE), report  # no name passes
    assert "Traceback" not in report
    if status == 1:
        assert re.search(r"^0 of \d+ passed$", out.out, re.MULTILINE), report


def test_a_learner_who_returns_dlrefs_result_passes_and_dlrefs_own_function_is_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # The check judges outputs, not authorship: code returning dlref's answer (here through an
    # object whose __array__ calls dlref) passes, as code calling torch would. A name that is
    # dlref's very function, imported into the file, gets a warning saying so.
    assert main(["check", str(HOSTILE / "calls_dlref.py"), "--timeout", "20"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "sigmoid: ok (5/5" in out and "relu: ok (5/5" in out
    assert "relu here is dlref's own (from dlref.activations, imported into your file)" in out
    assert out.count("dlref's own") == 1  # not for sigmoid, a function of the file


def test_the_learners_code_never_runs_in_the_checking_process(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = tmp_path / "pids"
    path = tmp_path / "spy.py"
    path.write_text(
        textwrap.dedent(f"""
            import os
            import numpy as np
            with open({str(seen)!r}, "a") as f:
                f.write(f"{{os.getpid()}}\\n")
            np.seterr(all="ignore")
            np.exp = np.negative
            def relu(x):
                np.tanh = np.negative
                return np.maximum(x, 0)
        """),
        encoding="utf-8",
    )
    before = np.geterr(), np.exp, np.tanh, np.random.default_rng
    assert main(["check", str(path), "--timeout", "20"]) == 0
    assert "relu: ok" in capsys.readouterr().out
    pids = {int(p) for p in seen.read_text().split()}
    assert len(pids) == 2 and os.getpid() not in pids  # listing, then checking relu
    assert (np.geterr(), np.exp, np.tanh, np.random.default_rng) == before


def test_numbers_cross_as_plain_float_arrays() -> None:
    class Liar(np.ndarray):
        def __eq__(self, other: object) -> bool:  # type: ignore[override]
            return True

    values = [
        np.arange(6, dtype=np.float32).reshape(2, 3).view(Liar),
        np.float32(1.5),
        2.5,
        float("nan"),
        {"W": np.eye(2)},
        (np.int64(3), None, True, "s"),
        [WeightedTanhSum(np.ones(2))],
    ]
    encoder = Encoder()
    data = encoder(values)
    back = Decoder(encoder.blobs, lambda d, _: pytest.fail("no handle expected"))(data)
    assert type(back[0]) is np.ndarray and back[0].dtype == np.float32
    assert np.array_equal(back[0], np.arange(6).reshape(2, 3))
    assert type(back[1]) is np.float32 and back[1] == 1.5
    assert back[2] == 2.5 and np.isnan(back[3])
    assert type(back[4]["W"]) is np.ndarray
    assert back[5] == (3, None, True, "s") and type(back[5][0]) is np.int64
    assert back[6][0] == values[6][0] and back[6][0](np.zeros(2)) == 0.0


@pytest.mark.parametrize(
    "spec",
    [
        {"nd": 0, "dtype": "|O", "shape": [1]},  # an object array would unpickle
        {"nd": 0, "dtype": "<f8", "shape": [3]},  # 8 bytes for 3 floats
        {"nd": 5, "dtype": "<f8", "shape": [1]},
        {"nd": 0, "dtype": "<f8", "shape": [-1]},
        {"nd": 0, "dtype": "<f8", "shape": [2**40, 2**40, 2**40]},  # overflows an int64
        {"nd": 0, "dtype": "[('a', '<f8')]", "shape": [1]},
        {"pickle": "gASVAAAA"},
        {"named": "os.system", "items": []},
        [1, 2],
    ],
)
def test_a_malformed_value_is_garbled_not_trusted(spec: object) -> None:
    with pytest.raises(Garbled):
        Decoder([b"\0" * 8], lambda d, _: pytest.fail("no handle expected"))(spec)


def test_a_stream_that_is_not_the_checks_is_garbled() -> None:
    for junk in (b"@@dlref-check-result@@ {}\n" * 3, b"DLRF" + b"\xff" * 8):
        r, w = os.pipe()
        os.write(w, junk)
        os.close(w)
        with pytest.raises(Garbled):
            Reader(r).message(5.0)
        os.close(r)
    r, w = os.pipe()
    os.write(w, pack({"out": 1}, [b"abc"]))
    os.close(w)
    assert Reader(r).message(5.0) == ({"out": 1}, [b"abc"])
    os.close(r)


def test_an_own_class_and_cache_object_stay_in_the_child(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A cache of the learner's own class goes back to its backward as itself (a handle), and
    # a namedtuple of its own is unpacked like a tuple by the check.
    path = tmp_path / "own.py"
    path.write_text(
        textwrap.dedent("""
            from collections import namedtuple
            import numpy as np
            Running = namedtuple("Running", "mean var")
            class Cache:
                def __init__(self, xhat, gamma, inv):
                    self.xhat, self.gamma, self.inv = xhat, gamma, inv
            def batchnorm_forward(x, gamma, beta, running=None, *, momentum=0.9, eps=1e-5):
                x = np.asarray(x)
                mu, var = x.mean(axis=0), x.var(axis=0)
                inv = 1 / np.sqrt(var + eps)
                xhat = (x - mu) * inv
                old = running if running is not None else Running(np.zeros(x.shape[1]),
                                                                 np.ones(x.shape[1]))
                new = Running(momentum * old.mean + (1 - momentum) * mu,
                              momentum * old.var + (1 - momentum) * var)
                return gamma * xhat + beta, Cache(xhat, gamma, inv), new
            def batchnorm_backward(dout, cache):
                m = dout.shape[0]
                dbeta, dgamma = dout.sum(axis=0), (dout * cache.xhat).sum(axis=0)
                dxhat = dout * cache.gamma
                dx = cache.inv / m * (m * dxhat - dxhat.sum(axis=0)
                                      - cache.xhat * (dxhat * cache.xhat).sum(axis=0))
                return dx, dgamma, dbeta
        """),
        encoding="utf-8",
    )
    assert main(["check", str(path), "--timeout", "20"]) == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert "batchnorm_forward: ok" in out and "batchnorm_backward: ok" in out


def test_the_child_starts_without_importing_dlref(tmp_path: Path) -> None:
    # Faster start, and the learner's `import losses` cannot find dlref's module of that name.
    seen = tmp_path / "seen"
    path = tmp_path / "probe.py"
    path.write_text(
        "import sys\n"
        f"open({str(seen)!r}, 'w').write(repr(sorted(m for m in sys.modules if m.startswith('dlref'))"
        " + [p for p in sys.path if p.endswith('dlref')]))\n"
        "def relu(x):\n    return x\n"
    )
    child = Child(str(path), 20.0)
    assert child.names == ["relu"]
    child.close()
    assert seen.read_text() == "[]"


def test_every_checkable_reference_crosses_the_channel_and_passes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # dlref's own functions, imported into a file: every spec's inputs and results go through
    # the channel (caches, namedtuples, optimiser objects, the function numerical_gradient
    # differentiates), and each one passes, with the warning that it is dlref's own.
    path = tmp_path / "all_of_dlref.py"
    path.write_text(f"from dlref import {', '.join(CHECKABLE)}  # noqa: F401\n")
    assert main(["check", str(path), "--timeout", "30"]) == 0
    out = capsys.readouterr().out
    assert out.endswith(f"{len(CHECKABLE)} of {len(CHECKABLE)} passed\n")
    assert " ".join(out.split()).count("imported into your file") == len(CHECKABLE)


def test_a_result_that_breaks_the_checks_own_code_is_the_learners_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "drop.py"
    path.write_text(
        "class SGD:\n    def __init__(self, lr):\n        self.lr = lr\n"
        "    def step(self, params, grads):\n        del params['W']\n"
    )
    assert main(["check", str(path), "--timeout", "20"]) == 1
    out = capsys.readouterr().out
    assert "SGD: FAIL (your code raised KeyError: 'W' while being checked)" in out
