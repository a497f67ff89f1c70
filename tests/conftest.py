"""Shared helpers: run the real `advisor` command in a subprocess, find the real flows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
_outside = Path(os.environ.get("TMPDIR", "/tmp"))


# The day the suite gives advice for, unless ADVISOR_TODAY is already set (to try the
# suite on another day): lifecycle warnings and dated prices must not drift with the clock.
PINNED_TODAY = "2026-11-28"
os.environ.setdefault("ADVISOR_TODAY", PINNED_TODAY)


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the flow cache of the test run out of the user's cache folder, and the price
    data a user may have fetched (`advisor prices update`) out of the figures."""
    os.environ["ADVISOR_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["ADVISOR_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))


class Result:
    def __init__(self, completed: subprocess.CompletedProcess[str]) -> None:
        self.code = completed.returncode
        self.out = completed.stdout
        self.err = completed.stderr

    def json(self) -> Any:
        return json.loads(self.out)

    def __repr__(self) -> str:
        return f"<exit {self.code}\nstdout: {self.out[:2000]}\nstderr: {self.err[:2000]}>"


def run_cli(
    *args: str, stdin: str | None = None, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Result:
    """The installed program, as a user runs it: a fresh process, real files.

    It runs outside the checkout (cwd), so that `-m advisor` finds the installed package.
    `env` adds to (or, with an empty value, blanks) variables of the test's environment.
    """
    completed = subprocess.run(
        [sys.executable, "-m", "advisor", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or _outside,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        timeout=120,
    )
    return Result(completed)


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    """`python -c code` outside the checkout, so it imports the installed advisor."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=_outside, timeout=120
    )


def write_answers(folder: Path, answers: dict[str, Any], name: str = "answers.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path
