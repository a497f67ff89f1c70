"""The report view's other actions: copy, start over, back to the answers; the palette."""

from __future__ import annotations

import pytest

from advisor.report import render
from advisor.tui.chat_screen import ChatScreen
from advisor.tui.confirm_screen import ConfirmScreen
from advisor.tui.report_screen import ReportScreen

QUICK = {"need": ["style"], "prompts_work": "not_tried", "test_set": True,
         "requests_per_day": "300"}


@pytest.mark.asyncio
async def test_copy_puts_the_text_report_on_the_clipboard(make_app, flow, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.converse(pilot, QUICK)
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == render(app.screen.report, "text", flow)


@pytest.mark.asyncio
async def test_start_over_asks_first(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.converse(pilot, QUICK)
        answers = dict(app.session.answers)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert app.session.answers == answers
        await pilot.press("r", "y")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert app.session.steps == []
        assert app.session.current.id == "use_case"
        assert app.session.current.prompt in tui.screen_text(pilot)


@pytest.mark.asyncio
async def test_the_palette_on_the_report_changes_answers_and_back_goes_on_from_there(
    make_app, tui
):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.converse(pilot, QUICK)
        last = app.session.path[-1]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"change answers")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert app.session.finished  # nothing was undone on the way
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"back")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.current.id == last
        assert not app.session.finished
