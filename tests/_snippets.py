"""Snippets as a reader uses them: what the copy button copies, run as a pasted REPL session.

A *block* is what a reader copies with one click of the copy button: on a page, one fenced
code block holding ``>>>`` lines; in a docstring, one run of ``>>>`` lines and their outputs,
which the API pages render as one code block (prose or a blank line ends it).

``copy_text`` is the transformation of ``docs/javascripts/copy-code.js`` (the browser test
checks that the two agree): keep the code lines without their ``>>> `` / ``... `` prompts and
drop the output lines. ``run_as_pasted`` feeds that text, line by line, to a fresh
``code.InteractiveConsole`` -- the classic interactive interpreter -- and returns everything it
prints, so a block that uses a name from an earlier block, or that lacks the blank line that
ends a compound statement before the next ``>>>``, fails the way it fails for a reader.
"""

from __future__ import annotations

import code
import contextlib
import io
import re
from dataclasses import dataclass

FENCE = re.compile(r"^(?P<indent>[ \t]*)```[^\n]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
                   re.MULTILINE | re.DOTALL)
PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)")


@dataclass(frozen=True)
class Block:
    """One copyable block: its lines (prompts and outputs, dedented) and where it starts."""

    lines: tuple[str, ...]
    line_no: int

    @property
    def code(self) -> str:
        return copy_text("\n".join(self.lines))

    @property
    def expected(self) -> str:
        """The outputs the page shows, in order, as one text (what the console should print)."""
        out = [line for line in self.lines if not PROMPT.match(line)]
        while out and not out[-1].strip():
            out.pop()
        return "".join(line + "\n" for line in out)


def copy_text(text: str) -> str:
    """What the copy button puts on the clipboard for a ``>>>`` block."""
    kept = []
    for line in text.splitlines():
        m = PROMPT.match(line)
        if m:
            kept.append(line[4:] if m.group(2) else "")
    return "\n".join(kept) + "\n"


def _dedent(lines: list[str]) -> list[str]:
    indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
    return [x[indent:] for x in lines]


def markdown_blocks(text: str) -> list[Block]:
    """Every fenced code block of a page that holds ``>>>`` lines."""
    blocks = []
    for match in FENCE.finditer(text):
        lines = _dedent(match.group("body").splitlines())
        if any(line.startswith(">>>") for line in lines):
            blocks.append(Block(tuple(lines), text.count("\n", 0, match.start()) + 1))
    return blocks


def docstring_blocks(doc: str) -> list[Block]:
    """Every run of ``>>>`` lines (with their outputs) in a docstring."""
    lines = doc.expandtabs().splitlines() if doc else []
    blocks, current, start, indent = [], [], 0, 0
    for i, line in enumerate([*lines, ""]):
        stripped = line.strip()
        if stripped.startswith(">>>") or (current and stripped):
            if not current:
                start, indent = i, len(line) - len(line.lstrip())
            current.append(line[indent:])
        elif current:
            blocks.append(Block(tuple(current), start + 1))
            current = []
    return blocks


class _Console(code.InteractiveConsole):
    def write(self, data: str) -> None:  # tracebacks go to the captured output too
        print(data, end="")


def run_as_pasted(text: str) -> str:
    """Paste ``text`` into a fresh interactive interpreter; return all it prints."""
    buffer = io.StringIO()
    console = _Console(locals={"__name__": "__console__"})
    with contextlib.redirect_stdout(buffer):
        more = False
        for line in text.splitlines():
            more = console.push(line)
        if more:
            console.push("")
    return buffer.getvalue()
