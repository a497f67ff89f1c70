"""Keys in the chat: only a deliberate key answers, and a key that means nothing says so."""

from __future__ import annotations

import pytest

from advisor.tui.widgets.answers import AnswerPanel

TO_EXAMPLES = {"use_case": None, "need": ["style"], "prompts_work": "no"}


def feedback(app) -> str:
    return str(app.screen.query_one("#answer-area AnswerPanel", AnswerPanel).feedback.visual)


@pytest.mark.asyncio
async def test_a_stray_enter_does_not_answer_a_yes_no_question(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.answer(pilot, TO_EXAMPLES)
        await pilot.press(*"1500", "enter")
        await pilot.pause()
        assert app.session.current.id == "data_reviewed"
        await pilot.press("enter")  # the second enter of a double press
        await pilot.pause()
        assert app.session.current.id == "data_reviewed"  # still asked, nothing recorded
        assert "data_reviewed" not in app.session.answers
        assert "press y or n" in feedback(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.session.answers["data_reviewed"] is True
        assert app.session.steps[-1].defaulted is False


@pytest.mark.asyncio
@pytest.mark.parametrize("key", ["0", "x", "1"])
async def test_a_key_that_means_nothing_on_yes_no_gets_a_hint(make_app, tui, key):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.answer(pilot, {**TO_EXAMPLES, "examples": "1500"})
        await pilot.press(key)
        await pilot.pause()
        assert app.session.current.id == "data_reviewed"
        assert "press y or n" in feedback(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.session.answers["data_reviewed"] is False


@pytest.mark.asyncio
async def test_a_choice_without_a_default_needs_a_pick_not_a_stray_enter(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.answer(pilot, {"use_case": None, "need": ["style"]})
        assert app.session.current.id == "prompts_work"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.current.id == "prompts_work"
        assert "prompts_work" not in app.session.answers
        assert "pick one" in feedback(app)
        await pilot.press("7")  # there are only four choices
        await pilot.pause()
        assert app.session.current.id == "prompts_work"
        assert "1–4" in feedback(app)
        await pilot.press("down", "enter")  # moving to a choice, then enter, answers
        await pilot.pause()
        assert app.session.answers["prompts_work"] == "yes"


@pytest.mark.asyncio
async def test_enter_still_accepts_a_choice_default(make_app, tui, flow):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.answer(pilot, {"use_case": None, "need": ["knowledge"],
                                  "knowledge_change": "weekly"})
        assert app.session.current.id == "knowledge_plan"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["knowledge_plan"] == "undecided"
        assert app.session.steps[-1].defaulted is True


# --- the keys the README promises ----------------------------------------------------------

import re  # noqa: E402
from pathlib import Path  # noqa: E402

from textual.widgets import HelpPanel  # noqa: E402

from advisor.tui.chat_screen import ChatScreen  # noqa: E402
from advisor.tui.report_screen import ReportScreen  # noqa: E402
from advisor.tui.widgets.conversation import UserSaid  # noqa: E402

QUICK = {"need": ["style"], "prompts_work": "not_tried", "test_set": True,
         "requests_per_day": "300"}
README = Path(__file__).resolve().parents[2] / "README.md"


def palette_titles(app) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


def readme_palette(where: str) -> list[str]:
    """The palette's commands as the README lists them (`where`: 'chat' or 'report')."""
    text = " ".join(README.read_text(encoding="utf-8").split())
    line = re.search(r"\| `ctrl\+p` \| command palette: (.*?) \|", text).group(1)
    chat, _, report = line.partition("; on the report: ")
    names = chat if where == "chat" else report
    items = re.split(r",\s*(?![^()]*\))", names)  # commas outside parentheses
    return [re.sub(r" \(.*\)$", "", item.strip()) for item in items]


@pytest.mark.asyncio
async def test_shift_tab_on_the_report_picks_an_earlier_answer(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.converse(pilot, QUICK)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert isinstance(app.focused, UserSaid)
        assert app.focused.question_id == app.session.path[-1]
        earlier = app.session.path[-2]
        await pilot.press("up", "enter")  # and from there, change it
        await pilot.pause()
        assert app.session.current.id == earlier


@pytest.mark.asyncio
async def test_escape_closes_the_keys_panel_and_nothing_else(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.converse(pilot, QUICK)
        app.action_show_help_panel()  # the palette's "Keys"
        await pilot.pause()
        assert app.screen.query(HelpPanel)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)  # still on the report
        assert not app.screen.query(HelpPanel)
        await pilot.press("escape")  # now escape leaves the report, as it says
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)


@pytest.mark.asyncio
async def test_escape_closes_the_keys_panel_in_the_conversation_too(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.answer(pilot, {"use_case": None, "need": ["style"]})
        app.action_show_help_panel()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query(HelpPanel)
        assert app.session.current.id == "prompts_work"  # not also back a question


@pytest.mark.asyncio
async def test_the_palette_offers_what_the_readme_lists(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.converse(pilot, QUICK)
        assert isinstance(app.screen, ReportScreen)
        on_report = palette_titles(app)
        assert on_report == readme_palette("report")
        assert "Back" not in on_report and "Show report" not in on_report
        await pilot.press("b")
        await pilot.pause()
        assert palette_titles(app) == readme_palette("chat")


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_footer_shows_quit_first_and_every_report_key(make_app, tui, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await tui.converse(pilot, QUICK)
        footer = tui.screen_text(pilot).splitlines()[-1]
        assert footer.lstrip().startswith("^q Quit")
        for key in ("e Export", "c Copy", "b Change answers", "r Start over", "^p"):
            assert key in footer, footer


@pytest.mark.asyncio
async def test_a_click_on_a_footer_key_presses_it(make_app, tui):
    from advisor.tui.export_screen import ExportScreen
    from advisor.tui.widgets.footer import ChatFooter

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.converse(pilot, QUICK)
        footer = tui.screen_text(pilot).splitlines()[-1]
        await pilot.click(ChatFooter, offset=(footer.index("e Export") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
