"""What the commands write to the terminal: standard output and standard error, guarded.

Every command goes through `advisor.cli.main`, which puts both streams behind a guard for
the length of the command:

- a write that fails (a full disk behind `> /dev/full`, EIO from a terminal that went
  away, a reader that closed the pipe) becomes one `StreamError` that `main` turns into one
  line on standard error (none for a closed pipe, which is no news to anyone) and exit 2 —
  never a traceback, and never a second failure when Python flushes the streams at exit;
- a control character that came from data (a file name, a flow text, an answer) is written
  as its `\\uXXXX` escape, so no output can move the cursor, clear the screen or set the
  clipboard; inside a JSON string that escape is the same character, so JSON stays valid
  and means the same.

Only the process's own streams are guarded: a caller that redirected them (tests, an
embedding program) keeps its streams as they are.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from advisor.errors import EXIT_BAD_INPUT
from advisor.textsafe import visible


class StreamError(Exception):
    """Writing to standard output or standard error failed. Not an OSError on purpose:
    no handler that deals with the user's files may catch it by accident."""

    def __init__(self, name: str, error: OSError) -> None:
        self.name = name
        self.errno = error.errno
        self.strerror = error.strerror or str(error)
        super().__init__(f"{name}: cannot write: {self.strerror}")

    @property
    def closed_pipe(self) -> bool:
        return self.errno == errno.EPIPE


class _Guarded:
    """A text stream whose writes fail as StreamError and never carry a control character
    (other than newline and tab) through; everything else is the stream's own."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self._stream = stream
        self._name = name

    def write(self, text: str) -> int:
        try:
            self._stream.write(visible(text))
        except OSError as error:
            raise StreamError(self._name, error) from None
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            raise StreamError(self._name, error) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


_NAMES = {"stdout": "standard output", "stderr": "standard error"}


@contextmanager
def guarded() -> Iterator[None]:
    """Guard the process's standard output and error while the block runs."""
    replaced: dict[str, TextIO] = {}
    for attr, name in _NAMES.items():
        stream = getattr(sys, attr)
        if stream is not None and stream is getattr(sys, f"__{attr}__"):
            replaced[attr] = stream
            setattr(sys, attr, _Guarded(stream, name))
    try:
        yield
    finally:
        for attr, stream in replaced.items():
            setattr(sys, attr, stream)


def flush() -> None:
    """Flush both streams now, so that a failure is seen here and not at interpreter exit."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def failed(error: StreamError) -> int:
    """One line on standard error (unless it is standard error that failed, or the reader
    simply went away), and exit 2. The broken stream is pointed at the null device, so
    that what is still buffered for it cannot fail again when Python exits."""
    broken = sys.__stdout__ if error.name == _NAMES["stdout"] else sys.__stderr__
    _silence(broken)
    if error.name == _NAMES["stdout"] and not error.closed_pipe:
        try:
            print(f"advisor: {error}", file=sys.__stderr__, flush=True)
        except OSError:
            _silence(sys.__stderr__)
    return EXIT_BAD_INPUT


def _silence(stream: TextIO | None) -> None:
    if stream is None:
        return
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, fd)
    finally:
        os.close(null)
