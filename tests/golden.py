"""Generated files kept in the repository (cover answer files, their reports, the README
diagram), and the one switch that regenerates them all: ADVISOR_UPDATE_GOLDEN=1.

    ADVISOR_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_cover_goldens.py tests/test_flow_graph.py

rewrites them from the current flows and code; `git diff` then shows every change in
advice for review. Without the switch the tests compare and fail on any difference.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COVER = Path(__file__).resolve().parent / "cover"
UPDATE = os.environ.get("ADVISOR_UPDATE_GOLDEN") == "1"
HOW = "review the change, then run: ADVISOR_UPDATE_GOLDEN=1 pytest tests/test_cover_goldens.py " \
    "tests/test_flow_graph.py"


def compare_or_update(path: Path, actual: str, what: str) -> None:
    """Fail with a diff when `path` does not hold `actual`; with the switch, write it."""
    expected = path.read_text(encoding="utf-8") if path.exists() else None
    if expected == actual:
        return
    if UPDATE:
        from advisor.fileio import atomic_write_text

        atomic_write_text(path, actual)
        return
    if expected is None:
        pytest.fail(f"{path.relative_to(ROOT)} is missing ({what}); {HOW}")
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{path.name} (committed)",
            tofile=f"{path.name} (now)",
        )
    )
    pytest.fail(f"{what} changed:\n{diff}\n{HOW}")
