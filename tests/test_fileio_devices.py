"""Writing a report to a device writes to it: it never replaces the device with a file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from advisor.errors import BadInput
from advisor.fileio import atomic_write_text
from tests.conftest import run_cli, write_answers
from tests.cost_scenarios import ARTICLE


def test_a_report_written_to_a_pipe_is_written_through_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        answers = write_answers(tmp_path, ARTICLE)
        result = run_cli("run", "--answers", str(answers), "--output", str(fifo))
        assert result.code == 0, result
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a pipe, not a file
        received = os.read(reader, 1 << 20).decode()
    finally:
        os.close(reader)
    assert '"approach"' in received


def test_a_folder_is_refused_as_an_output(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="is a folder"):
        atomic_write_text(tmp_path, "text")
    assert tmp_path.is_dir()
