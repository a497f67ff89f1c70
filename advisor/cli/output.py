"""Where a command's result goes: stdout, or a file written atomically — never over a
file the same command reads."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable

from advisor.errors import BadInput
from advisor.fileio import atomic_write_text


def emit(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write_text(output, text)


def emit_pieces(
    pieces: Iterable[str], output: str | None, before: Callable[[], None] | None = None
) -> None:
    """As `emit`, a piece at a time: each is on standard output as soon as it is made
    (`before()` runs first: it takes a progress line off the terminal); a file is still
    written atomically, whole or not at all."""
    if output is not None and output != "-":
        atomic_write_text(output, pieces)
        return
    for piece in pieces:
        if before is not None:
            before()
        sys.stdout.write(piece)
        sys.stdout.flush()


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):  # one of them does not exist (yet): not the same file
        return False


def refuse_overwriting(option: str, output: str | None, inputs: Iterable[tuple[str, str]]) -> None:
    """BadInput, before any work, if `output` (given with `option`) is a file the command
    reads: `inputs` are (what it is, its path), e.g. ("the answers file", "a.json"). The
    result would replace it, silently: `run --answers a.json --output a.json` did."""
    if output is None or output == "-":
        return
    for what, path in inputs:
        if path != "-" and _same_file(output, path):
            raise BadInput(
                f"{option} {output}: that is {what}, which this command reads; writing there "
                "would replace it — give another path"
            )
