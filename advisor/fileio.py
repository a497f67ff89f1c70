"""Reading user files with a size limit, and writing files so that nothing is half-written.

Paths are plain strings here (os.path, not pathlib): this module is on the path of every
headless run, where each import counts.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from typing import Any

from advisor.errors import BadInput

MB = 1024 * 1024


# How long reading a pipe or a device (not `-`) may wait for data: a named pipe that
# nobody writes to would otherwise block forever.
SPECIAL_FILE_SECONDS = 5.0


def _size_words(size: int) -> str:
    if size >= 1024 * MB:
        return f"{size / (1024 * MB):.1f} GB"
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{size:,} bytes"


def _sizes(size: int, limit: int) -> tuple[str, str]:
    """A size over the limit and the limit, in words that differ (1.04 MB is not '1.0 MB'
    against a limit of 1.0 MB: then both are said in bytes)."""
    found, allowed = _size_words(size), _size_words(limit)
    if found == allowed:
        return f"{size:,} bytes", f"{limit:,} bytes ({allowed})"
    return found, allowed


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def kind_of(mode: int) -> str:
    """What a file is, in words, from its st_mode."""
    import stat

    for test, words in (
        (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a disk device"),
        (stat.S_ISSOCK, "a socket"), (stat.S_ISREG, "a file"),
    ):
        if test(mode):
            return words
    return "a special file"


def os_error_words(error: OSError, path: str | None = None, verb: str = "read") -> str:
    """An OSError on a user's path, in words (without the path)."""
    import errno

    code = error.errno
    if code == errno.ENOENT:
        if path is not None and os.path.islink(path):
            return f"a symbolic link to {os.readlink(path)!r}, which does not exist"
        return "no such file"
    if code == errno.ELOOP:
        return "a symbolic link loop: following its links leads back to where they start"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if code == errno.ENOTDIR:
        return "a part of the path is not a folder"
    return f"cannot {verb}: {error.strerror or error}"


def read_text(path: str | os.PathLike[str], limit: int, what: str) -> str:
    """The UTF-8 text of a file (or stdin for '-'), refusing anything over `limit` bytes.

    A named pipe or a device is read too (`--answers <(…)` is a pipe), under the same
    limit and with a deadline, so that one nobody writes to cannot block forever."""
    name = "standard input" if str(path) == "-" else str(path)
    if str(path) == "-":
        if sys.stdin is None:  # closed before advisor started (`<&-`)
            raise BadInput(f"{name}: it was closed before advisor started; give a file, or "
                           "pipe the text in")
        try:
            data = sys.stdin.buffer.read(limit + 1)
        except OSError as error:
            raise BadInput(f"{name}: {os_error_words(error)}") from None
    else:
        data = _read_file(os.fspath(path), name, limit, what)
    if len(data) > limit:
        raise BadInput(f"{name}: more than {_size_words(limit)}; {what} files are limited to that")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(
            f"{name}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


def _read_file(path: str, name: str, limit: int, what: str) -> bytes:
    import stat

    try:
        # Non-blocking, so that opening a named pipe with no writer returns at once.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        if os.path.exists(path) and stat.S_ISSOCK(os.stat(path).st_mode):
            raise BadInput(f"{name}: is a socket, expected {_a(what)} file") from None
        raise BadInput(f"{name}: {os_error_words(error, path)}") from None
    try:
        info = os.fstat(fd)
        mode = info.st_mode
        if stat.S_ISDIR(mode):
            raise BadInput(f"{name}: is a folder, expected {_a(what)} file")
        if stat.S_ISREG(mode):
            size = info.st_size
            if size > limit:
                found, allowed = _sizes(size, limit)
                raise BadInput(
                    f"{name}: the file is {found}; {what} files are limited to {allowed}"
                )
            return _read_all(fd, limit + 1)
        return _read_special(fd, stat.S_ISFIFO(mode), name, limit)
    except OSError as error:
        raise BadInput(f"{name}: {os_error_words(error, path)}") from None
    finally:
        os.close(fd)


def _read_all(fd: int, most: int) -> bytes:
    """Up to `most` bytes, to the end of the file (a file may grow while it is read)."""
    chunks = []
    while most > 0:
        chunk = os.read(fd, min(most, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        most -= len(chunk)
    return b"".join(chunks)


def _read_special(fd: int, fifo: bool, name: str, limit: int) -> bytes:
    """Read a pipe or a device until its end, `limit` + 1 bytes, or the deadline."""
    import select
    import time

    if not hasattr(select, "poll"):  # no poll (Windows): no named pipes to block on either
        return _read_all(fd, limit + 1)
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    deadline = time.monotonic() + SPECIAL_FILE_SECONDS
    chunks: list[bytes] = []
    total, waited = 0, False
    while total <= limit:
        try:
            chunk = os.read(fd, min(1 << 16, limit + 1 - total))
        except BlockingIOError:
            chunk = None  # a writer is there, but has written nothing (more) yet
        if chunk:
            chunks.append(chunk)
            total += len(chunk)
            continue
        if chunk == b"" and (not fifo or total or waited):
            break  # the end
        # Nothing yet, or a named pipe nobody has opened for writing yet: wait for data.
        left = deadline - time.monotonic()
        if left <= 0 or not poller.poll(left * 1000):
            kind = "a named pipe" if fifo else "a device"
            got = f"only {total:,} bytes" if total else "nothing"
            raise BadInput(
                f"{name}: {got} to read after {SPECIAL_FILE_SECONDS:g} s ({kind} that nobody "
                "writes to?); give a file, or `-` to read standard input"
            )
        waited = True
    return b"".join(chunks)


# Python turns at most this many digits into an integer (sys.get_int_max_str_digits()).
MAX_DIGITS = 4300


class NumberError(ValueError):
    """A number in a user's file that cannot be a number (too large, too long)."""


def cut_number(literal: str) -> str:
    """A number as written, cut to a readable length."""
    if len(literal) <= 24:
        return literal
    return f"{literal[:12]}… ({len(literal):,} characters)"


class WrittenNumber(float):
    """A number too large for a float, or with too many digits for an int, kept as the
    user wrote it: its value is infinity, so every range check refuses it, and the
    message can say what was written (`literal`) rather than "inf"."""

    literal: str


def _as_written(literal: str) -> WrittenNumber:
    number = WrittenNumber("-inf" if literal.startswith("-") else "inf")
    number.literal = literal
    return number


def number_as_written(literal: str) -> float:
    """A float literal; 1e999 (which float() makes infinity) is kept as written.
    `inf` and `nan` written as such (TOML) are left to the value checks."""
    import math

    number = float(literal)
    if not math.isfinite(number) and literal.lstrip("+-").lower() not in ("inf", "nan"):
        return _as_written(literal)
    return number


def whole_as_written(literal: str) -> int | float:
    """An integer literal; one longer than Python converts is kept as written."""
    if len(literal.lstrip("+-")) > MAX_DIGITS:
        return _as_written(literal)
    return int(literal)


def parse_json(
    text: str, name: str, kind: str, number_use: str, *, as_written: bool = False
) -> Any:
    """JSON from a user's file, or BadInput naming the file, the line and the column.

    NaN and Infinity (which Python's json accepts) and keys given twice (of which it would
    silently keep the last) are refused. A number too large to be a number (1e999, which
    Python reads as infinity; 5,000 digits, which it cannot convert) is refused here —
    checked once per object, never once per number, since transcripts are read by the
    thousand — or, `as_written`, kept as a WrittenNumber for the value checks to refuse
    by name (NaN and Infinity too). `kind` names the file in messages ("an answers
    file"); `number_use` says what a number is for ("an answer can take").
    """
    import json
    import math

    def reject_constant(constant: str) -> Any:
        if as_written:  # NaN, Infinity: refused by the value checks, which name the question
            return _as_written(constant)
        raise ValueError(f"{constant} is not a number {number_use}")

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    raise ValueError(f"{key!r} is given twice")
                seen.add(key)
        if not as_written:
            for key, value in pairs:
                if type(value) is float and not math.isfinite(value):
                    raise NumberError(f"the number given for {key!r} is not a number "
                                      f"{number_use} (too large)")
        return result

    numbers: dict[str, Any] = (
        {"parse_float": number_as_written, "parse_int": whole_as_written} if as_written else {}
    )
    try:
        return json.loads(
            text, parse_constant=reject_constant, object_pairs_hook=no_duplicates, **numbers
        )
    except json.JSONDecodeError as error:
        problem = error.msg
        if error.pos >= len(text.rstrip()) or problem.startswith("Unterminated string"):
            problem += " — the file ends too early (truncated?)"
        raise BadInput(
            f"{name}: not valid JSON: {problem} (line {error.lineno}, column {error.colno})"
        ) from None
    except NumberError as error:
        raise BadInput(f"{name}: {error}") from None
    except ValueError as error:
        if "integer string conversion" in str(error):  # Python's limit on digits
            raise BadInput(
                f"{name}: an integer of more than {MAX_DIGITS:,} digits is not a number "
                f"{number_use}"
            ) from None
        raise BadInput(f"{name}: {error}") from None
    except RecursionError:
        raise BadInput(f"{name}: nested too deeply to be {kind}") from None


def atomic_write_text(path: str | os.PathLike[str], text: str | Iterable[str]) -> None:
    """Write `text` (or its pieces, as they come) to `path` through a temporary file and
    a rename.

    Either the old file or the complete new one is on disk at every moment, whatever
    happens to the process. A target that is not a regular file (`/dev/null`, a terminal,
    a pipe) is written in place: renaming over it would replace the device with a file.
    """
    import stat
    import tempfile

    target = os.fspath(path)
    # Through a symbolic link, the file it points to is replaced, not the link.
    real = os.path.realpath(target) if os.path.islink(target) else target
    folder = os.path.dirname(real) or "."
    name = os.path.basename(real)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as error:
        raise BadInput(f"{target}: {os_error_words(error, target, 'write')}") from None
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
        raise BadInput(f"{target}: {os_error_words(error, target, 'write')}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, real)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise BadInput(f"{target}: cannot write: {error.strerror or error}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _write_in_place(target: str, text: str | Iterable[str]) -> None:
    try:
        fd = _open_for_writing(target)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
    except OSError as error:
        raise BadInput(f"{target}: {os_error_words(error, target, 'write')}") from None


def _open_for_writing(target: str) -> int:
    """Open a device or a named pipe for writing. A named pipe nobody reads from would
    block the open forever: it is tried without blocking until the deadline."""
    import errno
    import time

    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0)
    deadline = time.monotonic() + SPECIAL_FILE_SECONDS
    while True:
        try:
            fd = os.open(target, flags)
            break
        except OSError as error:
            if error.errno != errno.ENXIO or time.monotonic() >= deadline:
                if error.errno == errno.ENXIO:
                    raise BadInput(
                        f"{target}: nobody reads from this named pipe "
                        f"(waited {SPECIAL_FILE_SECONDS:g} s)"
                    ) from None
                raise
            time.sleep(0.05)  # a reader that is about to open it
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)  # a reader is there: write at its pace
    return fd


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
