"""The chat autosaves and offers to resume without pydantic: loading it would double the
chat's memory (bench_tui measures that), for data the chat built itself. Pydantic is
loaded only when a file is read whole: resuming or replaying one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = r"""
import asyncio, json, os, sys
from advisor.flow.library import resolve
from advisor.engine.flows import load_flow
from advisor.tui.app import AdvisorApp

sessions = sys.argv[1]

async def answer_one(pilot):
    app = pilot.app
    await pilot.pause()
    await app.workers.wait_for_complete()   # the scan for unfinished conversations
    await pilot.pause()
    if type(app.screen).__name__ == "ConfirmScreen":
        await pilot.press("n")               # offered to resume: start a new one
        await pilot.pause()
    await pilot.press(*"typed", "enter")     # answer the first question: saved
    await pilot.pause()
    await pilot.press("1")                   # typed into the next: saved as a draft
    await pilot.pause(0.5)
    print(json.dumps({"pydantic": "pydantic" in sys.modules,
                      "files": sorted(os.listdir(sessions))}), flush=True)
    app.exit()

AdvisorApp(load_flow(resolve(None)), sessions_dir=sessions, cursor_blink=False).run(
    headless=True, auto_pilot=answer_one)
"""


def run_probe(sessions: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(sessions)], capture_output=True, text=True,
        timeout=120, cwd="/",
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_chat_saves_and_scans_without_pydantic(tmp_path: Path) -> None:
    sessions = tmp_path / "sessions"
    first = run_probe(sessions)  # (a cold flow cache validates the flow with pydantic)
    assert len(first["files"]) == 1
    # A second start scans the first conversation (unfinished: it is offered), answers
    # and saves its own, as a person's chat does every day: without pydantic.
    second = run_probe(sessions)
    assert len(second["files"]) == 2
    assert second["pydantic"] is False
