"""`advisor sessions`: where the chat's saved conversations are, and which can be resumed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import ROOT, run_cli

CORPUS = ROOT / "tests/transcripts"


def test_lists_unfinished_first_and_reports_unreadable_files(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    shutil.copy(CORPUS / "hybrid.json", folder / "a.json")
    data = json.loads((CORPUS / "fine_tuning.json").read_text(encoding="utf-8"))
    data.update(status="in_progress", outcome=None, steps=data["steps"][:4])
    (folder / "b.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "c.json").write_text("{", encoding="utf-8")

    result = run_cli("sessions", "--sessions-dir", str(folder))
    assert result.code == 0, result
    lines = result.out.splitlines()
    assert lines[0] == f"saved conversations in {folder}:"
    assert lines[1].split()[0] == "unfinished" and lines[1].endswith(str(folder / "b.json"))
    assert "4 answers" in lines[1]
    assert lines[2].split()[0] == "complete" and "→ hybrid" in lines[2]
    assert len(lines) == 3
    assert result.err.startswith(f"advisor: {folder / 'c.json'}: not valid JSON")


def test_an_empty_or_missing_folder_is_not_an_error(tmp_path: Path) -> None:
    result = run_cli("sessions", "--sessions-dir", str(tmp_path / "none"))
    assert (result.code, result.out) == (0, f"no saved conversations in {tmp_path / 'none'}\n")
