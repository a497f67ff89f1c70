"""Going back one question, re-opening an earlier answer, and what-if after the report."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from advisor.engine import run_answers
from advisor.report import build_report
from advisor.tui.chat_screen import ChatScreen
from advisor.tui.report_screen import ReportScreen
from advisor.tui.widgets.conversation import UserSaid
from advisor.tui.widgets.report import ChangesPanel

SUPPORT_BOT = {
    "use_case": "Support bot",
    "need": ["style", "knowledge"],
    "knowledge_change": "weekly",
    "prompts_work": "partly",
    "examples": "600",
    "data_reviewed": True,
    "test_set": False,
    "requests_per_day": "20k",
    "requirements_change": "rarely",
    "prompt_tokens": "2000",
    "model": "gpt-4.1",
}


async def focus_answer_to(pilot, question_id: str) -> UserSaid:
    """Shift+tab into the conversation, then up to the answer of `question_id`."""
    await pilot.press("shift+tab")
    for _ in range(30):
        focused = pilot.app.focused
        if isinstance(focused, UserSaid) and focused.question_id == question_id:
            return focused
        await pilot.press("up")
    raise AssertionError(f"never reached the answer to {question_id}")


@pytest.mark.asyncio
async def test_escape_goes_back_one_question_and_offers_the_earlier_answer(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        for value in (None, ["style"], "no", "750"):
            await tui.give(pilot, app.session.current, value)
        assert app.session.current.id == "data_reviewed"
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.current.id == "examples"
        assert "examples" not in app.session.answers
        field = app.screen.query_one("#answer-area Input", Input)
        assert field.value == "750"  # offered again, ready to edit or confirm
        assert "750 examples" not in tui.screen_text(pilot)  # no longer shown as given
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["examples"] == 750
        assert app.session.current.id == "data_reviewed"


@pytest.mark.asyncio
async def test_back_on_the_first_question_says_so_and_changes_nothing(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.session.current.id == "use_case"
        assert "This is the first question." in tui.screen_text(pilot)


@pytest.mark.asyncio
async def test_changing_an_earlier_answer_keeps_what_applies_and_drops_the_rest(
    make_app, flow, context, tui
):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.converse(pilot, SUPPORT_BOT)
        assert isinstance(app.screen, ReportScreen)
        before = app.screen.report
        assert before["recommendation"]["approach"] == "rag_fine_tuning"
        assert not app.screen.query(ChangesPanel)

        await pilot.press("b")  # back to the conversation
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        said = await focus_answer_to(pilot, "need")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.current.id == "need"
        await pilot.press("3", "enter")  # untick "factual knowledge": style only
        await pilot.pause()

        # Every later answer that still applies was kept; the new report is up.
        assert isinstance(app.screen, ReportScreen)
        after = app.screen.report
        changed = {**SUPPORT_BOT, "need": ["style"]}
        del changed["knowledge_change"]
        headless = build_report(run_answers(flow, changed, context=context), changed)
        assert after == headless
        assert after["recommendation"]["approach"] == "fine_tuning"
        assert "knowledge_change" not in after["answers"]
        assert "knowledge_plan" not in after["answers"]

        # What changed, in words: the approach, the pitfalls, the answers.
        lines = [tui.words(line) for line in app.screen.changes]
        assert "Approach: RAG plus fine-tuning → fine-tuning" in lines
        assert "No longer a pitfall: Too much or noisy retrieved context" in lines
        assert (
            "No longer asked: How often does that knowledge change? (was every week or so)"
            in lines
        )
        shown = tui.words(tui.text_of(app.screen.query_one(ChangesPanel)))
        for line in lines:
            assert line in shown
        assert said  # the answer the person picked

        # Back in the chat, kept answers are marked and dropped ones named.
        await pilot.press("b")
        await pilot.pause()
        kept = [w for w in app.screen.query(UserSaid) if "kept" in tui.text_of(w)]
        assert [w.question_id for w in kept] == app.session.path[2:]
        notes = tui.words(tui.text_of(app.screen.query_one("#conversation")))
        assert "No longer asked on this path: How often does that knowledge change?" in notes


@pytest.mark.asyncio
async def test_a_default_that_depends_on_a_changed_answer_follows_it(make_app, tui):
    """ft_prompt_tokens defaults to a tenth of prompt_tokens: accepted as a default, it
    is recomputed when prompt_tokens changes, not kept at the old figure."""
    typed = {**SUPPORT_BOT, "need": ["style"], "requirements_change": "rarely"}
    del typed["knowledge_change"]
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.converse(pilot, typed)
        assert app.session.answers["ft_prompt_tokens"] == 200
        await pilot.press("b")
        await pilot.pause()
        await focus_answer_to(pilot, "prompt_tokens")
        await pilot.press("enter")
        await pilot.pause()
        field = app.screen.query_one("#answer-area Input", Input)
        assert field.value == "2,000"
        await pilot.press(*"8000", "enter")  # the offered answer is selected: typing replaces it
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert app.session.answers["prompt_tokens"] == 8000
        assert app.session.answers["ft_prompt_tokens"] == 800
        assert "ft_prompt_tokens" in app.screen.report["defaults_used"]


@pytest.mark.asyncio
async def test_clicking_an_earlier_answer_reopens_it(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        for value in ("Legal review", ["style"], "no"):
            await tui.give(pilot, app.session.current, value)
        assert app.session.current.id == "examples"
        first = app.screen.query(UserSaid).first()
        assert first.question_id == "use_case"
        await pilot.click(first)
        await pilot.pause()
        assert app.session.current.id == "use_case"
        assert app.screen.query_one("#answer-area Input", Input).value == "Legal review"
        await pilot.press("end", *" memos", "enter")
        await pilot.pause()
        # The later answers still apply: kept, and the chat is back where it was.
        assert app.session.answers == {
            "use_case": "Legal review memos",
            "need": ["style"],
            "prompts_work": "no",
        }
        assert app.session.current.id == "examples"
