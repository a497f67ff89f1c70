"""Where a command's result goes: stdout, or a file written atomically — never over a
file the same command reads."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable

from advisor.errors import BadInput
from advisor.fileio import atomic_write_text


def emit(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write_text(output, text)


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
