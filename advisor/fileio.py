"""Reading user files with a size limit, and writing files so that nothing is half-written.

Paths are plain strings here (os.path, not pathlib): this module is on the path of every
headless run, where each import counts.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any

from advisor.errors import BadInput

MB = 1024 * 1024


def _size_words(size: int) -> str:
    if size >= 1024 * MB:
        return f"{size / (1024 * MB):.1f} GB"
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{size:,} bytes"


def read_text(path: str | os.PathLike[str], limit: int, what: str) -> str:
    """The UTF-8 text of a file (or stdin for '-'), refusing anything over `limit` bytes."""
    name = "standard input" if str(path) == "-" else str(path)
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > limit:
                    raise BadInput(
                        f"{name}: the file is {_size_words(size)}; "
                        f"{what} files are limited to {_size_words(limit)}"
                    )
                data = handle.read(limit + 1)
    except FileNotFoundError:
        raise BadInput(f"{name}: no such file") from None
    except IsADirectoryError:
        raise BadInput(f"{name}: is a folder, expected a {what} file") from None
    except PermissionError:
        raise BadInput(f"{name}: permission denied") from None
    except OSError as error:
        raise BadInput(f"{name}: cannot read: {error.strerror or error}") from None
    if len(data) > limit:
        raise BadInput(f"{name}: more than {_size_words(limit)}; {what} files are limited to that")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(
            f"{name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


def parse_json(text: str, name: str, kind: str, number_use: str) -> Any:
    """JSON from a user's file, or BadInput naming the file, the line and the column.

    NaN and Infinity (which Python's json accepts) and keys given twice (of which it would
    silently keep the last) are refused. `kind` names the file in messages ("an answers
    file"); `number_use` says what a number is for ("an answer can take").
    """
    import json

    def reject_constant(constant: str) -> Any:
        raise ValueError(f"{constant} is not a number {number_use}")

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                raise ValueError(f"{key!r} is given twice")
            result[key] = value
        return result

    try:
        return json.loads(text, parse_constant=reject_constant, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as error:
        problem = error.msg
        if error.pos >= len(text.rstrip()) or problem.startswith("Unterminated string"):
            problem += " — the file ends too early (truncated?)"
        raise BadInput(
            f"{name}: not valid JSON: {problem} (line {error.lineno}, column {error.colno})"
        ) from None
    except ValueError as error:
        raise BadInput(f"{name}: {error}") from None
    except RecursionError:
        raise BadInput(f"{name}: nested too deeply to be {kind}") from None


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write `text` to `path` through a temporary file and a rename.

    Either the old file or the complete new one is on disk at every moment, whatever
    happens to the process. A target that is not a regular file (`/dev/null`, a terminal,
    a pipe) is written in place: renaming over it would replace the device with a file.
    """
    import stat
    import tempfile

    target = os.fspath(path)
    folder = os.path.dirname(target) or "."
    name = os.path.basename(target)
    try:
        info = os.stat(target)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    else:
        if stat.S_ISDIR(info.st_mode):
            raise BadInput(f"{target}: is a folder, expected a file to write")
        if not stat.S_ISREG(info.st_mode):
            _write_in_place(target, text)
            return
        mode = info.st_mode & 0o777
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise BadInput(f"{target}: the folder {folder} does not exist") from None
    except PermissionError:
        raise BadInput(f"{target}: the folder {folder} is not writable") from None
    except OSError as error:
        raise BadInput(f"{target}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise BadInput(f"{target}: cannot write: {error.strerror or error}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _write_in_place(target: str, text: str) -> None:
    try:
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise BadInput(f"{target}: cannot write: {error.strerror or error}") from None


def atomic_write_bytes(path: str, data: bytes) -> None:
    """As atomic_write_text, for caches: failures are the caller's to ignore."""
    import tempfile

    folder, name = os.path.split(path)
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
