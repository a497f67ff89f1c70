"""Where a command's result goes: stdout, or a file written atomically."""

from __future__ import annotations

import sys

from advisor.fileio import atomic_write_text


def emit(text: str, output: str | None) -> None:
    if output is None or output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        atomic_write_text(output, text)
