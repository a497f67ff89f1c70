"""One line of progress on the terminal, for work that takes a while (`advisor measure`,
`replay`, `flows check`, `flows cover`).

Only when standard error is a terminal: piped or redirected output never carries it. The
line is rewritten in place at most five times a second, cut to the terminal's width so it
never wraps, and cleared before anything else is written to the terminal and at the end.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO


def is_terminal(stream: Any) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):
        return False


class Progress:
    """`show(text)` puts `text` on the progress line; nothing is shown before `delay`
    seconds have passed (work that ends sooner needs no progress)."""

    def __init__(
        self,
        delay: float = 0.0,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream or sys.__stderr__
        self._clock = clock
        self._next = clock() + delay
        self._shown = False

    @classmethod
    def on_terminal(cls, delay: float = 0.0) -> Progress | None:
        """A progress line when standard error is a terminal, else None."""
        return cls(delay) if is_terminal(sys.__stderr__) else None

    def due(self) -> bool:
        """Whether a new text would be shown now (so that callers make it only then)."""
        return self._clock() >= self._next

    def show(self, text: str) -> None:
        now = self._clock()
        if now < self._next:
            return
        self._next = now + 0.2
        self._write("\r" + _fit(text, self._stream) + "\x1b[K")
        self._shown = True

    def clear(self) -> None:
        """Take the line away (before other output, and at the end); the next `show` draws
        it again."""
        if self._shown:
            self._write("\r\x1b[K")
            self._shown = False
            self._next = 0.0

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)  # type: ignore[union-attr]
            self._stream.flush()  # type: ignore[union-attr]
        except (OSError, ValueError):
            pass  # a terminal that went away: the command's own writes will say so


def _fit(text: str, stream: Any) -> str:
    """The line cut to the terminal's width, so that rewriting it never wraps."""
    from advisor.textsafe import visible

    try:
        width = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        try:
            width = os.get_terminal_size(stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            width = 0
    return visible(text)[: (width if width >= 20 else 80) - 1]
