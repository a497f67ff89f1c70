"""Opening a log — a file, a gzip file (by its content, whatever its name) or standard
input — and reading it line by line in constant memory.

A line longer than LINE_LIMIT is skipped without being held: logs are big and messy, and
one runaway line must not take the machine's memory with it.
"""

from __future__ import annotations

import gzip
import os
import stat
import sys
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from advisor.errors import BadInput
from advisor.fileio import MB, os_error_words

LINE_LIMIT = 32 * MB
_BUFFER = 1 * MB
_GZIP_MAGIC = b"\x1f\x8b"


class CutShort(Exception):
    """The log could not be read to its end (a truncated or damaged gzip file); the lines
    before the damage were read."""


class Log:
    """One log being read: its name in messages, and how far the reading has got."""

    def __init__(self, name: str, raw: BinaryIO, size: int | None) -> None:
        self.name = name
        self._raw = raw
        self._size = size
        self.compressed = raw.peek(2)[:2] == _GZIP_MAGIC if hasattr(raw, "peek") else False
        self._stream: BinaryIO = (
            gzip.GzipFile(fileobj=raw, mode="rb") if self.compressed else raw  # type: ignore[assignment]
        )

    def done(self) -> float | None:
        """The share of the file read so far (of its compressed size for gzip), if known."""
        if not self._size:
            return None
        try:
            return min(self._raw.tell() / self._size, 1.0)
        except (OSError, ValueError):
            return None

    def lines(self) -> Iterator[bytes | None]:
        """Each line as bytes (with its newline); None for a line over LINE_LIMIT."""
        readline = self._stream.readline
        try:
            while line := readline(LINE_LIMIT):
                if len(line) == LINE_LIMIT and not line.endswith(b"\n"):
                    while (rest := readline(LINE_LIMIT)) and not rest.endswith(b"\n"):
                        pass
                    yield None
                    continue
                yield line
        except (EOFError, gzip.BadGzipFile, zlib.error) as error:
            raise CutShort(_damage(error)) from None
        except OSError as error:
            raise BadInput(f"{self.name}: {os_error_words(error)}") from None

    def close(self) -> None:
        if self._raw is not sys.stdin.buffer:
            self._raw.close()


def _damage(error: Exception) -> str:
    if isinstance(error, EOFError):
        return "the compressed data ends early (a truncated .gz file)"
    return f"the compressed data is damaged ({error})"


def open_log(path: str) -> Log:
    """The log at `path` ('-' for standard input), or BadInput saying why it cannot be read."""
    if path == "-":
        if sys.stdin.isatty():
            raise BadInput(
                "standard input is a terminal: pipe a log into it "
                "(zcat app.jsonl.gz | advisor measure -) or name the files"
            )
        return Log("standard input", sys.stdin.buffer, None)
    try:
        raw = open(path, "rb", buffering=_BUFFER)  # noqa: SIM115 (closed by Log.close)
    except IsADirectoryError:
        raise BadInput(f"{path}: is a folder, expected a log file") from None
    except OSError as error:
        raise BadInput(f"{path}: {os_error_words(error, path)}") from None
    try:
        info = os.fstat(raw.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise BadInput(f"{path}: is a folder, expected a log file")
        size = info.st_size if stat.S_ISREG(info.st_mode) else None
        return Log(path, raw, size)
    except OSError as error:
        raw.close()
        raise BadInput(f"{path}: {os_error_words(error, path)}") from None
    except BaseException:
        raw.close()
        raise
