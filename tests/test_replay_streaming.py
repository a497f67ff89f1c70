"""`advisor replay` writes each verdict as soon as it is ready, in input order, and shows
progress only on a terminal: a folder of ten thousand decisions is read as it goes, and
piped output is exactly the results."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from advisor.cli.progress import Progress
from advisor.transcript.replay import replay_files, summary
from advisor.transcript.verdicts import pieces, render
from tests.conftest import ROOT

CORPUS = ROOT / "tests/transcripts"
WAIT = 60  # seconds: far beyond any replay of one transcript


def _advisor(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "advisor", *args],
        env={**os.environ, "PYTHONIOENCODING": "utf-8"}, **kwargs,  # type: ignore[arg-type]
    )


def _line(stream: object, seconds: float = WAIT) -> bytes:
    readable, _, _ = select.select([stream], [], [], seconds)
    assert readable, f"nothing on the pipe after {seconds} s"
    return stream.readline()  # type: ignore[attr-defined]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_verdict_is_written_before_the_next_transcript_is_even_read(tmp_path: Path) -> None:
    """The second transcript is a named pipe written only once the first verdict has
    arrived: with the results kept to the end, that verdict would never come."""
    first = tmp_path / "a-hybrid.json"
    shutil.copy(CORPUS / "hybrid.json", first)
    second = tmp_path / "b-rag.json"
    os.mkfifo(second)
    child = _advisor("replay", str(first), str(second), "--jobs", "1",
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert child.stdout is not None
        assert _line(child.stdout) == f"{first}: same (hybrid)\n".encode()
        second.write_bytes((CORPUS / "rag_daily_knowledge.json").read_bytes())
        rest, err = child.communicate(timeout=WAIT)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert (child.returncode, err) == (0, b"")
    assert rest.decode() == f"{second}: same (rag)\n2 same · 0 changed · 0 unreadable\n"


@pytest.mark.parametrize("fmt", ["json", "markdown", "text"])
def test_the_pieces_join_to_the_whole_report(tmp_path: Path, fmt: str) -> None:
    """Every format, streamed, is the text the results give all at once, for none, one
    and several results of every kind."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in ("hybrid", "try_prompts_first", "rag_fine_tuning"):
        shutil.copy(CORPUS / f"{name}.json", folder / f"{name}.json")
    data = json.loads((folder / "hybrid.json").read_text())
    data["outcome"]["pitfalls"] = []
    (folder / "hybrid.json").write_text(json.dumps(data))
    (folder / "broken.json").write_text("{")
    results = list(replay_files([str(folder)]))
    assert {r.status for r in results} == {"same", "changed", "unreadable"}
    for some in (results, results[:1], []):
        counts = summary(some)
        for with_summary in (True, False):
            whole = render(some, counts, fmt, with_summary)
            assert "".join(pieces(iter(some), fmt, lambda w=with_summary: w)) == whole
    if fmt == "json":
        assert json.loads(render(results, summary(results), fmt, True))["summary"] == {
            "same": 2, "changed": 1, "unreadable": 1, "in_progress": 0}


def test_the_progress_line_waits_rewrites_in_place_and_goes_away(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a real terminal: nothing before the delay (quick work needs no progress), then
    one line rewritten in place at most five times a second, cut to the terminal's width,
    and cleared before other output and at the end."""
    monkeypatch.delenv("COLUMNS", raising=False)
    main, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
    now = [100.0]
    with os.fdopen(terminal, "w", encoding="utf-8") as stream:
        line = Progress(delay=1.0, stream=stream, clock=lambda: now[0])
        line.show("advisor: replaying: 10 of 900 transcripts")
        now[0] += 1.0
        assert line.due()
        line.show("advisor: replaying: 300 of 900 transcripts")
        now[0] += 0.125
        assert not line.due()
        line.show("advisor: replaying: 330 of 900 transcripts")  # too soon: not shown
        now[0] += 0.125
        line.show("advisor: replaying: 600 of 900 transcripts, and a tail past the width")
        line.clear()
        line.clear()  # once is enough
    shown = b""
    while select.select([main], [], [], 0)[0]:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    assert shown == (b"\radvisor: replaying: 300 of 900 transcripts\x1b[K"
                     b"\radvisor: replaying: 600 of 900 transcripts, and a tail past\x1b[K"
                     b"\r\x1b[K")


def test_piped_output_never_carries_progress(tmp_path: Path) -> None:
    """Neither stream a terminal: the verdicts alone on standard output, nothing on
    standard error, however long the replay."""
    folder = tmp_path / "many"
    folder.mkdir()
    names = sorted(p.name for p in CORPUS.glob("*.json"))
    for number in range(60):
        shutil.copy(CORPUS / names[number % len(names)], folder / f"{number:03d}.json")
    piped = subprocess.run([sys.executable, "-m", "advisor", "replay", str(folder)],
                           capture_output=True, timeout=WAIT, check=False)
    assert (piped.returncode, piped.stderr) == (0, b"")
    lines = piped.stdout.decode().splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        str(folder / f"{n:03d}.json") for n in range(60)]
    assert lines[-1] == "60 same · 0 changed · 0 unreadable"
