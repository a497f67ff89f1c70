"""Keys in the chat: only a deliberate key answers, and a key that means nothing says so."""

from __future__ import annotations

import pytest

from advisor.tui.widgets.answers import AnswerPanel

TO_EXAMPLES = {"use_case": None, "need": ["style"], "prompts_work": "no"}


async def answer(pilot, tui, typed: dict) -> None:
    for question_id, value in typed.items():
        assert pilot.app.session.current.id == question_id
        await tui.give(pilot, pilot.app.session.current, value)


def feedback(app) -> str:
    return str(app.screen.query_one("#answer-area AnswerPanel", AnswerPanel).feedback.visual)


@pytest.mark.asyncio
async def test_a_stray_enter_does_not_answer_a_yes_no_question(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await answer(pilot, tui, TO_EXAMPLES)
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
        await answer(pilot, tui, {**TO_EXAMPLES, "examples": "1500"})
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
        await answer(pilot, tui, {"use_case": None, "need": ["style"]})
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
        await answer(pilot, tui, {"use_case": None, "need": ["knowledge"],
                                  "knowledge_change": "weekly"})
        assert app.session.current.id == "knowledge_plan"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["knowledge_plan"] == "undecided"
        assert app.session.steps[-1].defaulted is True
