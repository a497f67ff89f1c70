"""What each path imports: a headless run without a transcript stays free of pydantic (its
warm start depends on that), and the transcript core never needs Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

PROBE = """
import sys
from advisor.cli import main
code = main(sys.argv[1:])
print("MODULES", sorted(m for m in ("pydantic", "textual") if m in sys.modules), code)
"""


def probe(*args: str) -> str:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True, text=True, timeout=120, cwd=Path("/"),
    )
    [line] = [line for line in completed.stdout.splitlines() if line.startswith("MODULES")]
    return line


def test_run_without_a_transcript_does_not_import_pydantic(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(
        (ROOT / "tests/transcripts/answers/hybrid.json").read_text(), encoding="utf-8"
    )
    args = ("run", "--answers", str(answers), "--output", str(tmp_path / "r.json"))
    probe(*args)  # the first run may validate (and cache) the flow
    assert probe(*args) == "MODULES [] 0"
    saved = tmp_path / "t.json"
    assert probe(*args, "--save-transcript", str(saved)) == "MODULES ['pydantic'] 0"
    assert json.loads(saved.read_text())["status"] == "complete"


def test_replay_and_transcripts_do_not_import_textual() -> None:
    corpus = str(ROOT / "tests/transcripts")
    assert probe("replay", corpus, "--output", "/dev/null") == "MODULES ['pydantic'] 0"
