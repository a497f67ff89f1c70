"""What the commands write to the terminal: standard output and standard error, guarded.

Every command goes through `advisor.cli.main`, which puts both streams behind a guard for
the length of the command:

- a write that fails (a full disk behind `> /dev/full`, EIO from a terminal that went
  away, a reader that closed the pipe, standard output closed before advisor started,
  `>&-`) becomes one `StreamError` that `main` turns into one line on standard error (none
  for a closed pipe, which is no news to anyone) and exit 2 — never a traceback, never a
  result silently lost, and never a second failure when Python flushes the streams at exit;
- an unbuffered stream (`PYTHONUNBUFFERED=1`, `python -u`) is written whole: Python's text
  layer would drop what a pipe did not take in one write, and report success;
- a control character that came from data (a file name, a flow text, an answer) is written
  as its `\\uXXXX` escape, so no output can move the cursor, clear the screen or set the
  clipboard; inside a JSON string that escape is the same character, so JSON stays valid
  and means the same.

Only the process's own streams are guarded: a caller that redirected them (tests, an
embedding program) keeps its streams as they are.
"""

from __future__ import annotations

import errno
import io
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


class _Closed:
    """A standard stream that was closed before advisor started (`>&-`), for which Python
    has None: writing to it fails as writing to a closed descriptor does, so the result is
    not silently lost."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "it was closed before advisor started")

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Guarded:
    """A text stream whose writes fail as StreamError and never carry a control character
    (other than newline and tab) through; everything else is the stream's own."""

    def __init__(self, stream: TextIO | _Closed, name: str) -> None:
        self._stream = stream
        self._name = name
        buffer = getattr(stream, "buffer", None)
        # Unbuffered: the text layer writes straight to the descriptor and ignores a short
        # write (a pipe that took 64 KiB of 130), so the rest is written here, in a loop.
        self._raw = buffer if isinstance(buffer, io.RawIOBase) else None

    def write(self, text: str) -> int:
        try:
            if self._raw is None:
                self._stream.write(visible(text))
            else:
                self._write_all(visible(text).encode(self._stream.encoding,
                                                     self._stream.errors or "strict"))
        except OSError as error:
            raise StreamError(self._name, error) from None
        return len(text)

    def _write_all(self, data: bytes) -> None:
        assert self._raw is not None
        view = memoryview(data)
        while view:
            written = self._raw.write(view)
            if written is None:  # a non-blocking descriptor that is full: wait for room
                import select

                select.select([], [self._raw.fileno()], [])
                continue
            view = view[written:]

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
    replaced: dict[str, TextIO | None] = {}
    if sys.stdin is None and sys.__stdin__ is None:  # `<&-`: reading it says so (fileio)
        _hold(0, os.O_RDONLY)
    for fd, (attr, name) in enumerate(_NAMES.items(), start=1):
        stream = getattr(sys, attr)
        if stream is getattr(sys, f"__{attr}__"):
            replaced[attr] = stream
            if stream is None:  # closed before advisor started (`>&-`)
                _hold(fd)
            setattr(sys, attr, _Guarded(stream or _Closed(), name))
    try:
        yield
    finally:
        for attr, stream in replaced.items():
            setattr(sys, attr, stream)


def _hold(fd: int, mode: int = os.O_WRONLY) -> None:
    """Put the null device on a closed standard descriptor, so that no file advisor opens
    (an --output, a transcript) takes its number and receives what is meant for it."""
    try:
        os.fstat(fd)
        return
    except OSError:
        pass
    null = os.open(os.devnull, mode)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


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
    if error.name == _NAMES["stdout"] and not error.closed_pipe and sys.__stderr__ is not None:
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
