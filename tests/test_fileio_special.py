"""Reading and writing something that is not a regular file: pipes and devices."""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
from pathlib import Path

import pytest

from advisor.errors import BadInput
from advisor.fileio import atomic_write_text
from tests.conftest import run_cli, write_answers
from tests.cost_scenarios import ARTICLE


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


# --- nothing blocks forever ------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_named_pipe_nobody_writes_to_is_refused_after_a_deadline(tmp_path: Path) -> None:
    """It used to block forever; run_cli's timeout (120 s) fails the test if it still does."""
    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)
    result = run_cli("run", "--answers", str(fifo))
    assert (result.code, result.out) == (2, ""), result
    assert result.err == (
        f"advisor: {fifo}: nothing to read after 5 s (a named pipe that nobody writes to?); "
        "give a file, or `-` to read standard input\n"
    )
    replay = run_cli("replay", str(fifo))
    assert replay.code == 2 and "nothing to read after 5 s" in replay.err


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_named_pipe_with_a_writer_is_read_like_a_file(tmp_path: Path) -> None:
    """`--answers <(make-answers)` is a pipe: it keeps working."""
    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)
    writer = threading.Thread(
        target=lambda: fifo.write_text(json.dumps(ARTICLE), encoding="utf-8")
    )
    writer.start()
    try:
        result = run_cli("run", "--answers", str(fifo))
    finally:
        writer.join(timeout=60)
    assert result.code == 0, result
    assert json.loads(result.out)["recommendation"]["approach"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_an_endless_device_is_cut_at_the_limit() -> None:
    result = run_cli("run", "--answers", "/dev/zero")
    assert result.code == 2
    assert result.err == (
        "advisor: /dev/zero: more than 1.0 MB; answers files are limited to that\n"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")
def test_a_report_to_a_named_pipe_nobody_reads_is_refused_after_a_deadline(
    tmp_path: Path,
) -> None:
    fifo = tmp_path / "report"
    os.mkfifo(fifo)
    answers = write_answers(tmp_path, ARTICLE)
    result = run_cli("run", "--answers", str(answers), "--output", str(fifo))
    assert result.code == 2, result
    assert result.err == f"advisor: {fifo}: nobody reads from this named pipe (waited 5 s)\n"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
