"""Output that cannot be written: a full disk, a terminal that went away, a closed pipe.

Real processes write to real devices: `/dev/full` (every write fails with ENOSPC), a
pseudo-terminal whose other side is closed (EIO), a pipe whose reader is gone (EPIPE).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, write_answers
from tests.cost_scenarios import ARTICLE

pytestmark = pytest.mark.skipif(
    not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)"
)

TRANSCRIPTS = ROOT / "tests" / "transcripts"
OUTSIDE = Path(os.environ.get("TMPDIR", "/tmp"))


def _advisor(args: list[str], *, stdout: int, stderr: int | None = subprocess.PIPE,
             close: int | None = None, env: dict[str, str] | None = None,
             ) -> subprocess.CompletedProcess[str]:
    """The program in a fresh process; `close`: a descriptor it starts without (`>&-`)."""
    return subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, text=True, cwd=OUTSIDE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}, timeout=120,
        preexec_fn=None if close is None else lambda: os.close(close),
    )


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    answers = str(write_answers(tmp_path, ARTICLE))
    return {
        "run": ["run", "--answers", answers],
        "run text": ["run", "--answers", answers, "--format", "text"],
        "flows list": ["flows", "list"],
        "flows graph": ["flows", "graph"],
        "flows check": ["flows", "check", "quick_check"],
        "sessions": ["sessions", "--sessions-dir", str(tmp_path / "none")],
        "prices": ["prices"],
        "prices --models": ["prices", "--models"],
        "replay": ["replay", str(TRANSCRIPTS)],
        "help": ["--help"],
    }


@pytest.mark.parametrize(
    "command",
    ["run", "run text", "flows list", "flows graph", "flows check", "sessions", "prices",
     "replay", "help"],
)
def test_a_full_disk_behind_standard_output_is_one_line_and_exit_2(
    tmp_path: Path, command: str
) -> None:
    with open("/dev/full", "w") as full:
        result = _advisor(_commands(tmp_path)[command], stdout=full.fileno())
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "advisor: standard output: cannot write: No space left on device\n"
    )


@pytest.mark.parametrize(
    "command",
    ["run", "run text", "flows list", "flows graph", "flows check", "sessions", "prices",
     "prices --models", "replay", "help"],
)
def test_standard_output_closed_before_the_start_is_one_line_and_exit_2(
    tmp_path: Path, command: str
) -> None:
    """`advisor … >&-`: Python starts with no sys.stdout at all; the result must not be
    lost with exit 0 (flows list, sessions did) nor end in an AttributeError."""
    result = _advisor(_commands(tmp_path)[command], stdout=subprocess.DEVNULL, close=1)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "advisor: standard output: cannot write: it was closed before advisor started\n"
    )


def test_with_standard_output_closed_a_report_to_a_file_is_still_written(
    tmp_path: Path,
) -> None:
    """Nothing is lost when nothing was meant for standard output; and the closed
    descriptor is not handed to the file (whose number it would otherwise take)."""
    answers = str(write_answers(tmp_path, ARTICLE))
    report = tmp_path / "report.json"
    result = _advisor(["run", "--answers", answers, "--output", str(report)],
                      stdout=subprocess.DEVNULL, close=1)
    assert (result.returncode, result.stderr) == (0, "")
    assert '"approach"' in report.read_text(encoding="utf-8")


def test_standard_error_closed_before_the_start_keeps_the_message_off_standard_output(
    tmp_path: Path,
) -> None:
    """The message has nowhere to go; it must not land in the results instead (Python's
    print falls back to stdout when stderr is None), and the exit code still says 2."""
    answers = str(write_answers(tmp_path, {"need": ["style"], "zzz": 1}))
    result = _advisor(["run", "--answers", answers], stdout=subprocess.PIPE, stderr=None,
                      close=2)
    assert (result.returncode, result.stdout) == (2, "")


def test_unbuffered_output_into_a_pipe_that_closes_early_is_exit_2(tmp_path: Path) -> None:
    """`PYTHONUNBUFFERED=1 advisor prices --models | head -1`: the list (130 kB) does not
    fit the pipe; Python's unbuffered text layer dropped what the pipe did not take and
    said exit 0. The reader takes one line and goes away mid-write."""
    reader, writer = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "advisor", "prices", "--models"], stdin=subprocess.DEVNULL,
        stdout=writer, stderr=subprocess.PIPE, cwd=OUTSIDE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"},
    )
    os.close(writer)
    with os.fdopen(reader, "rb") as pipe:
        first = pipe.readline()
    _, err = process.communicate(timeout=120)
    assert first.strip()
    assert (process.returncode, err) == (2, b"")


def test_a_terminal_that_went_away_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """EIO: the slave side of a pseudo-terminal whose master is closed."""
    master, slave = os.openpty()
    os.close(master)
    try:
        result = _advisor(["flows", "list"], stdout=slave)
    finally:
        os.close(slave)
    assert result.returncode == 2, result.stderr
    assert result.stderr == "advisor: standard output: cannot write: Input/output error\n"


def test_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """`advisor prices | head -1` once head has gone: nothing to say, and nobody to say it
    to; the exit code still says the output did not all get through."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = _advisor(["prices"], stdout=writer)
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (2, "")


def test_a_full_disk_behind_standard_error_exits_2_without_a_traceback(tmp_path: Path) -> None:
    """The message cannot be written anywhere; the exit code still says what happened, and
    Python's own complaint at exit (exit 120) does not replace it."""
    answers = str(write_answers(tmp_path, {"need": ["style"], "zzz": 1}))
    with open("/dev/full", "w") as full:
        refused = _advisor(["run", "--answers", answers], stdout=subprocess.PIPE,
                           stderr=full.fileno())
        note = _advisor(["run", "--answers", str(write_answers(tmp_path, {**ARTICLE}))],
                        stdout=subprocess.PIPE, stderr=full.fileno())
    assert refused.returncode == 2 and refused.stdout == ""
    assert note.returncode == 0 and '"approach"' in note.stdout  # nothing on stderr: fine


def test_a_note_that_cannot_be_written_is_exit_2(tmp_path: Path) -> None:
    """`advisor run` with an unused answer writes a note on stderr: if that fails, the
    run did not say everything it had to."""
    answers = str(write_answers(tmp_path, {**ARTICLE, "knowledge_change": "daily"}))
    with open("/dev/full", "w") as full:
        result = _advisor(["run", "--answers", answers], stdout=subprocess.PIPE,
                          stderr=full.fileno())
    assert result.returncode == 2


def test_a_control_character_in_a_file_name_is_shown_escaped(tmp_path: Path) -> None:
    """A name that holds ESC [ 2 J (clear the screen) or an OSC 52 clipboard write is
    printed as text, on standard error as on standard output."""
    name = tmp_path / "a\x1b[2Jb\x1b]52;c;aGk=\x07.json"
    result = _advisor(["run", "--answers", str(name)], stdout=subprocess.PIPE)
    assert result.returncode == 2
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert result.stderr == (
        f"advisor: {tmp_path}/a\\u001b[2Jb\\u001b]52;c;aGk=\\u0007.json: no such file\n"
    )
    folder = tmp_path / "sessions"
    folder.mkdir()
    (folder / "x\x9b31m.json").write_text("{}", encoding="utf-8")
    listing = _advisor(["sessions", "--sessions-dir", str(folder)], stdout=subprocess.PIPE)
    assert "\x9b" not in listing.stdout + listing.stderr
    assert "x\\u009b31m.json" in listing.stderr


def test_a_line_break_in_a_file_name_keeps_the_message_on_one_line(tmp_path: Path) -> None:
    name = tmp_path / "two\nlines.json"
    result = _advisor(["run", "--answers", str(name)], stdout=subprocess.PIPE)
    assert result.returncode == 2
    assert result.stderr == f"advisor: {tmp_path}/two\\nlines.json: no such file\n"


def test_standard_input_closed_before_the_start_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """`advisor run --answers - <&-` and `advisor <&-` ended in an AttributeError."""
    run = _advisor(["run", "--answers", "-"], stdout=subprocess.PIPE, close=0)
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr == ("advisor: standard input: it was closed before advisor started; "
                          "give a file, or pipe the text in\n")
    chat = _advisor([], stdout=subprocess.PIPE, close=0)
    assert (chat.returncode, chat.stdout) == (2, "")
    assert chat.stderr.startswith("advisor: the chat needs a terminal, and standard input is "
                                  "not one")
    answers = str(write_answers(tmp_path, ARTICLE))  # nothing read from it: all is well
    report = _advisor(["run", "--answers", answers], stdout=subprocess.PIPE, close=0)
    assert report.returncode == 0 and '"approach"' in report.stdout
