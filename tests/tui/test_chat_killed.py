"""The real `advisor` in a real terminal (a pty), killed with SIGKILL mid-conversation:
every answer it showed is on disk, and the conversation resumes from there.

The test waits for each question to appear and each answer to reach the sessions folder
(conditions, with a time limit), never for a fixed time.
"""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from advisor.transcript import load_transcript, resume

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pty and SIGKILL are POSIX")

# What the person types, and the answer each question should record.
TYPED = [
    ("use_case", "killed mid-way\r", "killed mid-way"),
    ("need", "13\r", ["style", "knowledge"]),
    ("knowledge_change", "2", "weekly"),
    ("knowledge_plan", "\r", "undecided"),
    ("documents_tokens", "3M\r", 3_000_000),
    ("prompts_work", "3", "no"),
    ("examples", "1.2k\r", 1200),
]


def steps_saved(folder: Path) -> int:
    files = list(folder.glob("*.json"))
    if not files:
        return 0
    try:
        return len(load_transcript(files[0]).steps)
    except Exception:  # the file is replaced atomically; a failed read means "not yet"
        return 0


def wait_until(condition, what: str, limit: float = 30.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_sigkill_loses_no_answer_and_the_conversation_resumes(tmp_path: Path, flow):
    sessions = tmp_path / "sessions"
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "32"}
    env.pop("TEXTUAL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "advisor", "--sessions-dir", str(sessions)],
        stdin=slave, stdout=slave, stderr=slave, cwd=tmp_path, env=env,
        start_new_session=True,
    )
    os.close(slave)
    screen = bytearray()

    def drain() -> None:  # a terminal must be read, or the app blocks writing to it
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        for number, (question_id, keys, _) in enumerate(TYPED, start=1):
            # As a person does: read the question, then answer it.
            prompt = flow.questions[question_id].prompt[:24].encode()
            wait_until(lambda p=prompt: p in screen, f"the question {question_id}")
            os.write(master, keys.encode())
            wait_until(lambda n=number: steps_saved(sessions) >= n, f"answer to {question_id}")
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        os.close(master)

    [path] = sessions.glob("*.json")
    saved = load_transcript(path)
    assert saved.status == "in_progress"
    assert [(s.question_id, s.value) for s in saved.steps] == [
        (question_id, value) for question_id, _, value in TYPED
    ]
    _, restored = resume(path)
    assert restored.session.current.id == "data_reviewed"
    assert restored.session.answers == saved.answers
