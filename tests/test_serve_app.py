"""The served chat is the terminal chat's AdvisorApp with `served=True`: what changes.

A browser user may not be the person who owns the server's disk, so a served chat names
no path on it: Export and Save transcript ask for a file name for the browser's download
(the download itself is tested in a real browser, tests/test_serve_browser.py), and no
conversation saved on the server is offered for resuming. ctrl+c, which means copy in a
browser, does not end the conversation there.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from advisor.engine.flows import load_flow
from advisor.engine.session import Session
from advisor.facts import Context
from advisor.flow.library import resolve
from advisor.transcript import Autosaver
from advisor.tui.app import AdvisorApp
from advisor.tui.confirm_screen import ConfirmScreen
from advisor.tui.export_screen import SaveScreen
from advisor.tui.report_screen import ReportScreen

CONTEXT = Context(today=date(2026, 11, 28))


def make_app(tmp_path: Path, served: bool) -> AdvisorApp:
    return AdvisorApp(
        load_flow(resolve("quick_check")), context=CONTEXT, folder=str(tmp_path / "cwd"),
        sessions_dir=str(tmp_path / "sessions"), cursor_blink=False, served=served,
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("served", [False, True])
async def test_only_the_terminal_chat_offers_a_saved_conversation(
    tmp_path: Path, served: bool
) -> None:
    unfinished = Session(load_flow(resolve("quick_check")), CONTEXT)
    unfinished.answer(False)
    Autosaver(unfinished, folder=tmp_path / "sessions").save()
    app = make_app(tmp_path, served)
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) is not served
        assert app.session.steps == []


@pytest.mark.asyncio
async def test_ctrl_c_does_not_end_a_served_conversation_but_ctrl_q_does(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path, served=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.is_running
        assert app.session.answers == {"prompts_work": False}
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def _reach_report(pilot) -> None:
    await pilot.press("n", "n")  # prompts fall short, no examples: stick with prompts
    await pilot.pause()
    assert isinstance(pilot.app.screen, ReportScreen)


def _dialog_text(screen: SaveScreen) -> str:
    return " ".join(str(s.visual) for s in screen.query(Static))


@pytest.mark.asyncio
@pytest.mark.parametrize("typed", ["../advisor-report.md", "/tmp/advisor-report.md", ".."])
async def test_served_export_takes_a_file_name_never_a_path(tmp_path: Path, typed: str) -> None:
    app = make_app(tmp_path, served=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await _reach_report(pilot)
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveScreen)
        field = dialog.query_one(Input)
        assert field.value == "advisor-report.md"  # no folder of the server's in it
        assert "Download as" in _dialog_text(dialog)
        field.value = typed
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # refused: the dialog stays open for a name
        assert "Give a file name only" in _dialog_text(dialog)
    assert not (tmp_path / "cwd").exists()


@pytest.mark.asyncio
async def test_served_save_transcript_offers_a_download_name(tmp_path: Path) -> None:
    app = make_app(tmp_path, served=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        app.action_save_transcript()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SaveScreen)
        assert dialog.query_one(Input).value == "advisor-transcript.json"
        assert "enter download" in str(dialog.query_one("#export-box").border_subtitle)
