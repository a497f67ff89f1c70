"""Validated data kept between runs: flows, the price catalog, genai-prices tables.

Each entry is a pickle of (text, value) in one folder, named by a cheap checksum of the
text and of a stamp of the code that produced the value. Reading an entry checks the text
exactly, so a checksum collision or an edited file is a miss, never a wrong value; a
damaged or stale entry is ignored and rewritten. The warm path needs neither hashlib nor
pydantic. Pickles are read only from the user's own cache folder.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
import zlib
from collections.abc import Iterable
from typing import Any, TypeVar

from advisor import __version__
from advisor.fileio import atomic_write_bytes

T = TypeVar("T")


def cache_dir() -> str | None:
    """The folder; ADVISOR_CACHE_DIR overrides it, and an empty value turns caching off."""
    configured = os.environ.get("ADVISOR_CACHE_DIR")
    if configured is not None:
        return configured or None
    if sys.platform.startswith("linux"):  # the common case, without importing platformdirs
        base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
        return os.path.join(base, "advisor", "flows")
    from platformdirs import user_cache_dir

    return os.path.join(user_cache_dir("advisor", appauthor=False), "flows")


def stamp(files: Iterable[str]) -> bytes:
    """Changes whenever one of `files` changes (size or time), or advisor or Python does."""
    parts = [__version__, sys.version]
    for path in files:
        with contextlib.suppress(OSError):
            info = os.stat(path)
            parts.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts).encode()


def entry(prefix: str, text: str, code_stamp: bytes) -> str | None:
    """The file an entry for `text` lives in, or None when caching is off."""
    folder = cache_dir()
    if folder is None:
        return None
    data = text.encode("utf-8")
    return os.path.join(folder, f"{prefix}{zlib.crc32(data + code_stamp):08x}-{len(data)}.pickle")


def read(path: str | None, text: str, kind: type[T]) -> T | None:
    """The value kept for exactly this `text`, if it is a `kind`; else None."""
    if path is None:
        return None
    try:
        with open(path, "rb") as handle:
            kept_text, value = pickle.load(handle)
    except Exception:
        return None
    return value if kept_text == text and isinstance(value, kind) else None


def write(path: str | None, text: str, value: Any) -> None:
    """Keep `value` for `text`, atomically; a cache that cannot be written is no error."""
    if path is None:
        return
    with contextlib.suppress(OSError, pickle.PicklingError):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        atomic_write_bytes(path, pickle.dumps((text, value), protocol=pickle.HIGHEST_PROTOCOL))
