"""Text that looks like markup is shown as typed: it never crashes, vanishes or acts."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.engine.flows import load_flow
from advisor.tui.report_screen import ReportScreen
from advisor.tui.widgets.conversation import UserSaid

NASTY = "[/bold] [USD] [@click=app.quit]quit[/] $x [b]"
MARKUP_FLOW = Path(__file__).parent / "flows" / "markup.toml"


@pytest.mark.asyncio
async def test_markup_typed_by_the_person_shows_literally_everywhere(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*NASTY)
        await pilot.pause()
        assert NASTY in tui.screen_text(pilot)  # in the field, as typed
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["use_case"] == NASTY.strip()
        said = app.screen.query(UserSaid).first()
        assert tui.text_of(said).strip() == NASTY.strip()
        assert NASTY.strip() in tui.screen_text(pilot)
        # Clicking it re-opens the question; the [@click=…] in it does nothing.
        await pilot.click(said)
        await pilot.pause()
        assert app.is_running
        assert app.session.current.id == "use_case"
        await pilot.press("enter")
        await pilot.pause()
        await tui.converse(pilot, {"need": ["style"], "prompts_work": "not_tried",
                                   "test_set": True, "requests_per_day": "100"})
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("end")
        await pilot.pause()
        answers = tui.text_of(app.screen.query_one("#answers"))
        assert NASTY.strip() in answers


@pytest.mark.asyncio
async def test_a_flow_whose_texts_look_like_markup_shows_them_literally(make_app, tui):
    flow = load_flow(str(MARKUP_FLOW))
    app = make_app(flow=flow)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        visible = tui.words(tui.screen_text(pilot))
        assert "Costs in [USD] [/bold] $title" in visible
        assert "Shows [b]nothing[/b] bold and [@click=app.quit]no links[/] with $x." in visible
        assert "Your [bold]name[/]? [USD] $name" in visible
        assert "Hint with [/bold] and [@click=app.quit]click[/]" in visible

        await pilot.press("f1")
        await pilot.pause()
        assert "Help [red]text[/red] with [/] and $var." in tui.words(tui.screen_text(pilot))
        await pilot.press("escape")

        await pilot.press(*"[i]Ann[/i]", "enter")
        await pilot.pause()
        visible = tui.words(tui.screen_text(pilot))
        assert "You said [i]Ann[/i] [USD] $x" in visible
        assert "[USD] per month [/] $x" in visible
        assert "[@click=app.quit]quit[/]" in visible

        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        visible = tui.words(tui.screen_text(pilot))
        for text in (
            "Title [USD] for [i]Ann[/i]",
            "Summary [/bold] $x [@click=app.quit]q[/]",
            "Because [b][i]Ann[/i][/b] $y",
            "Pitfall [USD]",
            "Advice [/] [@click=app.quit]x[/] $z",
        ):
            assert text in visible
        await pilot.click("#rec-summary")
        await pilot.pause()
        assert app.is_running
