"""A process killed with SIGKILL mid-conversation loses nothing it had saved.

A real subprocess answers the default flow with the Autosaver (tests/autosave_driver.py)
and reports each save on a pipe; the test waits for that signal, never for time, then
kills it with SIGKILL and reads what is on disk.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from advisor.engine.drive import run_answers
from advisor.engine.flows import load_flow
from advisor.flow.library import resolve
from advisor.transcript import Autosaver, load_transcript, resume
from tests.conftest import ROOT

DRIVER = Path(__file__).resolve().parent / "autosave_driver.py"
ANSWERS = json.loads((ROOT / "tests/transcripts/answers/rag_fine_tuning.json").read_text())

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def start_driver(tmp_path: Path, mode: str) -> tuple[subprocess.Popen[str], Path]:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS), encoding="utf-8")
    transcript = tmp_path / "session.json"
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), str(answers), str(transcript), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    return process, transcript


def wait_for_save(process: subprocess.Popen[str], number: int) -> None:
    """Block until the driver says save `number` is on disk."""
    assert process.stdout is not None
    while True:
        line = process.stdout.readline()
        assert line, f"the driver ended early: {process.stderr.read() if process.stderr else ''}"
        if line.strip() == f"saved {number}":
            return


def kill(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=60) == -signal.SIGKILL
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            stream.close()


def test_killed_mid_conversation_keeps_every_answer_and_resumes(tmp_path: Path) -> None:
    process, path = start_driver(tmp_path, "step")
    try:
        assert process.stdin is not None
        for number in range(1, 6):
            wait_for_save(process, number)
            if number < 5:
                process.stdin.write("go\n")
                process.stdin.flush()
        kill(process)  # the driver is waiting between its 5th and 6th answer
    finally:
        if process.poll() is None:
            process.kill()

    saved = load_transcript(path)
    assert saved.status == "in_progress"
    full = run_answers(load_flow(resolve(None)), ANSWERS).steps
    assert [(s.question_id, s.value, s.defaulted) for s in saved.steps] == [
        (s.question_id, s.value, s.defaulted) for s in full[:5]
    ]

    # Resume it where it stopped, keep saving to the same file, and finish.
    transcript, restored = resume(path)
    session = restored.session
    assert restored.notes == []
    assert [(s.question_id, s.value, s.at) for s in session.steps] == [
        (s.question_id, s.value, s.at) for s in saved.steps
    ]
    assert session.current is not None and session.current.id == full[5].question_id
    autosaver = Autosaver(session, path, started_at=transcript.started_at)
    while (question := session.current) is not None:
        if question.id in ANSWERS:
            session.answer(ANSWERS[question.id])
        else:
            session.answer(session.default_for(question), defaulted=True)
        autosaver.save()
    finished = load_transcript(path)
    assert finished.status == "complete"
    assert finished.started_at == saved.started_at
    answered = [(s.question_id, s.value, s.at, s.defaulted) for s in finished.steps[:5]]
    assert answered == [(s.question_id, s.value, s.at, s.defaulted) for s in saved.steps]
    assert [s.question_id for s in finished.steps] == [s.question_id for s in full]
    assert finished.outcome is not None and finished.outcome.outcome == "rag_fine_tuning"


def test_killed_while_saving_leaves_a_whole_transcript(tmp_path: Path) -> None:
    """The driver saves as fast as it can; wherever the kill lands, the file on disk is a
    complete transcript at least as new as the last save the driver reported."""
    process, path = start_driver(tmp_path, "loop")
    try:
        wait_for_save(process, 60)  # several rounds of answering and going back
        kill(process)
    finally:
        if process.poll() is None:
            process.kill()

    saved = load_transcript(path)  # never half-written: this would raise
    base = datetime(2026, 1, 1, tzinfo=UTC)
    assert saved.saved_at >= base + timedelta(seconds=60)
    full = run_answers(load_flow(resolve(None)), ANSWERS).steps
    recorded = [(s.question_id, s.value) for s in saved.steps]
    assert recorded == [(s.question_id, s.value) for s in full[: len(recorded)]]
    # The folder holds the transcript and at most one temporary file the kill left behind.
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".session.json.")]
    assert len(leftovers) <= 1
