"""`dlref check`'s channel runs the same code on every OS: no POSIX-only API.

Learners run `dlref check` on Windows, where ``subprocess.Popen(pass_fds=...)``, ``select`` on
pipes, ``fcntl`` and ``os.fork`` do not exist. The channel is the child's stdin and a private
copy of its stdout, read and written by threads with deadlines, so what these Linux tests run
is what Windows runs. Two guards: the three modules name no POSIX-only API, and a check runs
to the same verdicts with ``select``, ``fcntl`` and ``os.fork`` poisoned in both processes.
"""

from __future__ import annotations

import ast
import os
import re
import select
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

import dlref
from dlref._selfcheck_remote import Child, ChildGone
from dlref.cli import main

HOSTILE = Path(__file__).resolve().parent / "learners" / "hostile"
CHANNEL = ["_selfcheck_remote.py", "_selfcheck_child.py", "_selfcheck_wire.py"]

# Modules and names that do not exist on Windows (or not for pipes).
POSIX_MODULES = {"select", "selectors", "fcntl", "termios", "pty", "posix", "resource"}
POSIX_NAMES = {
    "pass_fds", "preexec_fn", "start_new_session", "fork", "forkpty", "set_blocking",
    "get_blocking", "setsid", "killpg", "SIGKILL", "epoll", "kqueue",
}  # fmt: skip (not "select" or "poll": the select module is caught at import, Popen.poll is fine)


def posix_only(source: str) -> list[str]:
    """Every import of a POSIX-only module and every POSIX-only name used in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in POSIX_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in POSIX_MODULES:
                found.append(node.module)
        elif isinstance(node, ast.Attribute) and node.attr in POSIX_NAMES:
            found.append(node.attr)
        elif isinstance(node, ast.keyword) and node.arg in POSIX_NAMES:
            found.append(f"{node.arg}=")
    return found


def test_the_guard_finds_what_the_posix_only_channel_used() -> None:
    # The calls the channel made before it was portable, each one found.
    before = textwrap.dedent("""
        import select
        import os, subprocess
        subprocess.Popen(["python"], pass_fds=(3, 4))
        os.set_blocking(4, False)
        ready, _, _ = select.select([3], [], [], 1.0)
        from fcntl import fcntl
    """)
    assert sorted(posix_only(before)) == ["fcntl", "pass_fds=", "select", "set_blocking"]


@pytest.mark.parametrize("module", CHANNEL)
def test_the_channel_uses_no_posix_only_api(module: str) -> None:
    source = (Path(dlref.__file__).parent / module).read_text(encoding="utf-8")
    assert posix_only(source) == []


POISON = textwrap.dedent("""
    import fcntl, os, select

    def _poisoned(*args, **kwargs):
        raise RuntimeError("a POSIX-only call in dlref check's channel")

    for _mod, _name in [(select, "select"), (select, "poll"), (select, "epoll"),
                        (fcntl, "fcntl"), (os, "fork"), (os, "set_blocking")]:
        if hasattr(_mod, _name):
            setattr(_mod, _name, _poisoned)
""")


@pytest.mark.skipif(sys.platform == "win32", reason="poisons fcntl, which Windows lacks")
def test_a_check_runs_with_select_fcntl_and_fork_poisoned_in_both_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fcntl = pytest.importorskip("fcntl")
    # The child: a sitecustomize on its PYTHONPATH poisons them before anything runs; the
    # learner's file records that they were poisoned when it ran.
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(POISON, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(site))
    seen = tmp_path / "seen"
    learner = tmp_path / "layers.py"
    learner.write_text(
        textwrap.dedent(f"""
            import select
            import numpy as np
            open({str(seen)!r}, "w").write(select.select.__name__)
            def relu(x):
                return np.maximum(x, 0)
            def sigmoid(x):  # wrong: a step
                return (np.asarray(x) > 0).astype(float)
        """),
        encoding="utf-8",
    )
    # The parent: the same names, failing the test if called.
    for mod, name in [(select, "select"), (select, "poll"), (select, "epoll"),
                      (fcntl, "fcntl"), (os, "fork"), (os, "set_blocking")]:  # fmt: skip
        if hasattr(mod, name):
            monkeypatch.setattr(mod, name, lambda *a, _n=name, **k: pytest.fail(f"{_n} called"))

    assert main(["check", str(learner), "--timeout", "20"]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert seen.read_text() == "_poisoned"
    assert "relu: ok (5/5" in out
    assert re.search(r"sigmoid: FAIL \(\d/5 comparisons agree", out), out


def test_what_the_learner_prints_or_reads_never_touches_the_channel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # fd 1, sys.stdout and sys.__stdout__ are os.devnull in the child (the replies go on a
    # private copy of the original fd 1), and fd 0/input() reach no request: so a correct
    # function that prints frames of the channel, a megabyte of text, and reads stdin passes.
    path = tmp_path / "chatty.py"
    path.write_text(
        textwrap.dedent("""
            import os, sys
            import numpy as np
            from dlref._selfcheck_wire import pack
            FRAME = pack({"names": ["relu"], "signatures": {}, "origins": {}}, [])
            os.write(1, FRAME)
            print("x" * (1 << 20))
            def relu(x):
                os.write(1, FRAME + b"garbage")
                sys.stdout.write("y" * (1 << 16))
                sys.__stdout__.write("z" * 100)
                try:
                    input()
                except EOFError:
                    pass
                assert os.read(0, 100) == b""
                return np.maximum(x, 0)
        """),
        encoding="utf-8",
    )
    assert main(["check", str(path), "--timeout", "20"]) == 0
    assert "relu: ok (5/5" in capsys.readouterr().out


def test_a_child_that_stops_reading_times_out_while_the_parent_writes(tmp_path: Path) -> None:
    # The learner's code answers its own call (through the child's own sender), then stops
    # in it: the next call, larger than any pipe's buffer, is never read. Writing it must not
    # hang the parent: the deadline covers writes as well as reads.
    path = tmp_path / "deaf.py"
    path.write_text(
        textwrap.dedent("""
            import gc, time
            from dlref._selfcheck_wire import Encoder
            def relu(x):
                server = next(o for o in gc.get_objects() if type(o).__name__ == "Server")
                enc = Encoder()
                reply = {"out": enc(x), "args": enc([x]), "kwargs": enc({}), "warnings": []}
                server.send(reply, enc.blobs)
                time.sleep(60)
        """),
        encoding="utf-8",
    )
    child = Child(str(path), 3.0)
    relu = child.function("relu")
    assert np.array_equal(relu(np.arange(3.0)), np.arange(3.0))
    start = time.monotonic()
    with pytest.raises(ChildGone) as gone:
        relu(np.zeros(1 << 21))  # 16 MB
    assert gone.value.payload == {"timeout": 3.0}
    assert time.monotonic() - start < 10.0


def test_garbage_on_the_private_copy_of_stdout_is_reported_not_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The replies go on a copy of the child's fd 1; a learner that finds it (here through the
    # child's own sender) and writes bytes that are not a message there, then returns the
    # right answer, is reported as having broken the channel.
    path = tmp_path / "scribbler.py"
    path.write_text(
        textwrap.dedent("""
            import gc, os
            import numpy as np
            def relu(x):
                server = next(o for o in gc.get_objects() if type(o).__name__ == "Server")
                os.write(server.reply_fd, b"relu: ok\\n" * 4)
                return np.maximum(x, 0)
        """),
        encoding="utf-8",
    )
    assert main(["check", str(path), "--timeout", "20"]) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "relu: FAIL (your code wrote to the check's own channel, or broke it" in out
