"""Writing a report or transcript to something that is not a regular file."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from advisor.errors import BadInput
from advisor.fileio import atomic_write_text


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_pipe_is_written_through_not_replaced(tmp_path: Path) -> None:
    """`--output /dev/stdout` or a FIFO: renaming a temporary file over it would replace
    the device itself (as root, /dev/null too). The text goes into it instead."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text("utf-8")))
    reader.start()
    atomic_write_text(fifo, "the report\n")
    reader.join(timeout=30)
    assert received == ["the report\n"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]  # no temporary left


def test_a_folder_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="is a folder"):
        atomic_write_text(tmp_path, "x")
