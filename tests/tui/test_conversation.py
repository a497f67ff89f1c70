"""Whole conversations in the real chat, checked against `advisor run` for the same answers."""

from __future__ import annotations

from typing import Any

import pytest
from textual import events

from advisor.engine import run_answers
from advisor.report import build_report
from advisor.tui.report_screen import ReportScreen
from advisor.tui.widgets.report import Bullets, CostTable, PitfallCard, RecommendationCard

# What a person types or picks, per question; questions left out get enter (the default).
PATHS: dict[str, dict[str, Any]] = {
    "prompt_engineering": {
        "use_case": "Answer support tickets",
        "need": ["style"],
        "prompts_work": "not_tried",
        "test_set": False,
        "requests_per_day": "2,000",
    },
    "rag": {
        "need": ["knowledge"],
        "knowledge_change": "weekly",
        "knowledge_plan": "retrieval",
        "prompts_work": "partly",
        "test_set": True,
        "requests_per_day": "500",
        "model": "gpt-4o-mini",
    },
    "fine_tuning": {
        "use_case": "Write release notes in our house style",
        "need": ["style", "format"],
        "prompts_work": "no",
        "examples": "1.2k",
        "data_reviewed": True,
        "test_set": True,
        "requests_per_day": "20k",
        "requirements_change": "rarely",
        "model": "custom",
        "price_input_per_1k": "$0.03",
        "price_output_per_1k": "0.06",
        "ft_price_input_per_1k": "0.045",
        "ft_price_output_per_1k": "0.09",
        "training_price_per_1m": "25",
    },
    "hybrid": {
        "use_case": "Draft contract clauses",
        "need": ["style", "task"],
        "prompts_work": "partly",
        "examples": "800",
        "data_reviewed": False,
        "test_set": True,
        "requests_per_day": "15,000",
        "requirements_change": "sometimes",
        "prompt_tokens": "2,000",
        "output_tokens": "300",
    },
    "rag_fine_tuning": {
        "use_case": "Support bot",
        "need": ["style", "knowledge"],
        "knowledge_change": "weekly",
        "prompts_work": "partly",
        "examples": "600",
        "data_reviewed": True,
        "test_set": False,
        "requests_per_day": "1.5M",
        "requirements_change": "rarely",
        "model": "gpt-4.1",
    },
}


def headless_report(flow, context, typed: dict[str, Any]) -> dict[str, Any]:
    """What `advisor run` builds for an answers file holding the same answers."""
    return build_report(run_answers(flow, typed, context=context), typed)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("approach", "size"),
    [
        ("prompt_engineering", (100, 32)),
        ("rag", (100, 32)),
        ("fine_tuning", (100, 32)),
        ("hybrid", (100, 32)),
        ("rag_fine_tuning", (80, 24)),
    ],
)
async def test_a_whole_conversation_ends_in_the_same_report_as_advisor_run(
    make_app, flow, context, tui, approach, size
):
    typed = PATHS[approach]
    app = make_app()
    async with app.run_test(size=size) as pilot:
        asked = await tui.converse(pilot, typed)
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        expected = headless_report(flow, context, typed)
        assert expected["recommendation"]["approach"] == approach
        assert screen.report == expected
        assert asked == expected["path"]

        # What the person reads: the recommendation first, at the top of the screen ...
        rec = expected["recommendation"]
        visible = tui.screen_text(pilot)
        assert rec["title"] in visible
        card = tui.text_of(screen.query_one(RecommendationCard))
        assert tui.words(rec["summary"]) in tui.words(card)
        shown_reasons = [
            tui.words(tui.text_of(line))
            for line in screen.query_one("#rec-reasons", Bullets).query(".bullet-text")
        ]
        assert shown_reasons == [tui.words(r) for r in rec["reasons"]]
        # ... then every pitfall with its advice, and nothing else.
        cards = [tui.words(tui.text_of(c)) for c in screen.query(PitfallCard)]
        assert len(cards) == len(expected["pitfalls"])
        for pitfall, shown in zip(expected["pitfalls"], cards, strict=True):
            assert tui.words(pitfall["title"]) in shown
            assert tui.words(pitfall["advice"]) in shown
        # Costs appear exactly when the report has them: nothing invented.
        assert bool(screen.query(CostTable)) == bool(expected.get("costs"))


@pytest.mark.asyncio
async def test_the_first_question_shows_its_hint_and_where_the_person_is(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        visible = tui.screen_text(pilot)
        question = app.session.current
        assert question.prompt in visible
        assert question.hint.split(".")[0] in visible
        progress = app.session.progress()
        assert f"question 1 · {progress.low}–{progress.high} to go" in visible
        assert app.flow.title in visible


@pytest.mark.asyncio
async def test_a_number_error_is_shown_inline_and_the_typing_survives(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        for question_id, value in (("use_case", None), ("need", ["style"]), ("prompts_work", "no")):
            assert app.session.current.id == question_id
            await tui.give(pilot, app.session.current, value)
        assert app.session.current.id == "examples"
        await pilot.press(*"-5", "enter")
        await pilot.pause()
        # Still on the same question, nothing recorded, the message under the field ...
        assert app.session.current.id == "examples"
        assert "examples" not in app.session.answers
        visible = tui.screen_text(pilot)
        assert "expected an integer from 0 to 100,000,000, found '-5'" in visible
        # ... and what was typed is still there to fix.
        from textual.widgets import Input

        field = app.screen.query_one("#answer-area Input", Input)
        assert field.value == "-5"
        await pilot.press("home", "delete", "end", "k", "enter")
        await pilot.pause()
        assert app.session.answers["examples"] == 5000
        assert app.session.current.id == "data_reviewed"
        assert "found '-5'" not in tui.screen_text(pilot)
        assert "5,000 examples" in tui.screen_text(pilot)


@pytest.mark.asyncio
async def test_typing_clears_the_error_and_a_default_is_accepted_with_enter(make_app, tui):
    app = make_app()
    typed = {"need": ["style"], "prompts_work": "not_tried", "test_set": True}
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        while app.session.current.id != "requests_per_day":
            await tui.give(pilot, app.session.current, typed.get(app.session.current.id))
        await pilot.press("enter")  # no default here: an empty field is refused
        await pilot.pause()
        assert app.session.current.id == "requests_per_day"
        assert "found ''" in tui.screen_text(pilot)
        await pilot.press("1")
        await pilot.pause()
        assert "found ''" not in tui.screen_text(pilot)
        await pilot.press("0", "k", "enter")
        await pilot.pause()
        assert app.session.answers["requests_per_day"] == 10_000
        # prompt_tokens has a default of 500: the field says so, and enter takes it.
        assert app.session.current.id == "prompt_tokens"
        assert "500 tokens (default): press enter" in tui.screen_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["prompt_tokens"] == 500
        assert app.session.steps[-1].defaulted
        assert "500 tokens (default)" in tui.screen_text(pilot)


@pytest.mark.asyncio
async def test_multi_choice_needs_one_pick_space_toggles_and_enter_confirms(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.give(pilot, app.session.current, None)
        assert app.session.current.id == "need"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.current.id == "need"
        assert "Pick at least one" in tui.screen_text(pilot)
        await pilot.press("space", "down", "down", "space", "4", "4", "enter")
        await pilot.pause()
        assert app.session.answers["need"] == ["style", "knowledge"]


@pytest.mark.asyncio
async def test_after_an_answer_the_advisor_reacts_with_the_flows_line(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.give(pilot, app.session.current, None)
        await tui.give(pilot, app.session.current, ["knowledge"])
        assert (
            "A knowledge gap is the classic case for retrieval, not fine-tuning."
            in tui.screen_text(pilot)
        )
        assert app.session.reaction() in tui.screen_text(pilot)


@pytest.mark.asyncio
async def test_free_text_over_its_limit_is_refused_without_losing_a_character(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        limit = app.session.current.max_length
        pasted = "x" * (limit + 20)
        app.screen.focused.post_message(events.Paste(pasted))
        await pilot.pause()
        assert f"{limit + 20:,}/{limit:,} characters: too long" in tui.screen_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.current.id == "use_case"
        assert (
            f"expected text of at most {limit:,} characters, found {limit + 20:,} characters"
            in tui.screen_text(pilot)
        )
        assert app.screen.focused.value == pasted
        await pilot.press(*["backspace"] * 20, "enter")
        await pilot.pause()
        assert app.session.answers["use_case"] == "x" * limit


@pytest.mark.asyncio
@pytest.mark.parametrize("key", ["f1", "question_mark"])
async def test_help_opens_for_the_current_question(make_app, tui, key):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.give(pilot, app.session.current, None)
        await pilot.press(key)
        await pilot.pause()
        visible = tui.words(tui.screen_text(pilot))
        assert "Help" in visible
        assert "KNOWLEDGE versus BEHAVIOUR" in visible
        await pilot.press("escape")
        await pilot.pause()
        assert "KNOWLEDGE versus BEHAVIOUR" not in tui.words(tui.screen_text(pilot))
        assert app.session.current.id == "need"


@pytest.mark.asyncio
async def test_a_question_mark_typed_in_free_text_is_text_not_help(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press(*"why?", "enter")
        await pilot.pause()
        assert app.session.answers["use_case"] == "why?"
