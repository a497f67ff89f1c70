"""Colour is not the only cue: what the chat marks with colour also reads in plain text.

Each test reads the screen as text only — what a monochrome terminal, a screen reader or
a copy of the terminal shows — and finds the mark there.
"""

from __future__ import annotations

import pytest

from advisor.flow.values import describe

TO_MODEL = {"use_case": None, "need": ["style"], "prompts_work": "not_tried",
            "test_set": True, "requests_per_day": "300", "prompt_tokens": None,
            "fixed_prompt_tokens": None, "output_tokens": None, "batch": None}


def line_with(text: str, screen: str) -> str:
    [line] = [line for line in screen.splitlines() if text in line]
    return line


def answer_given(text: str, screen: str) -> str:
    """The line of an answer in the conversation (they sit on the right, edged with ▐)."""
    return line_with(text, "\n".join(line for line in screen.splitlines() if line.endswith("▐")))


def answer_area(screen: str) -> str:
    """The lines inside the answer area's box (the last box on the screen)."""
    lines = screen.splitlines()
    top = max(i for i, line in enumerate(lines) if line.startswith("╭"))
    bottom = max(i for i, line in enumerate(lines) if line.startswith("╰"))
    return "\n".join(lines[top + 1 : bottom])


@pytest.mark.asyncio
async def test_the_default_choice_is_marked_in_words(make_app, tui, flow):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await tui.answer(pilot, TO_MODEL)
        question = app.session.current
        assert question.id == "model"  # the filtered list of every model
        label = describe(question, app.session.default_for(question))
        area = answer_area(tui.screen_text(pilot))
        assert line_with(f"▶ {label} (default)", area)  # named, and where enter would pick
        assert area.count("(default)") == 1 and area.count("▶") == 1
        await pilot.press("down")
        await pilot.pause()
        area = answer_area(tui.screen_text(pilot))
        assert "▶" not in line_with(f"{label} (default)", area)  # the mark moved on
        assert area.count("▶") == 1


@pytest.mark.asyncio
async def test_the_answer_picked_with_shift_tab_is_marked_in_words(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.answer(pilot, {"use_case": None, "need": ["style"], "prompts_work": "no",
                                  "examples": "750"})
        before = answer_given("750 examples", tui.screen_text(pilot))
        assert "▶" not in before
        await pilot.press("shift+tab")
        await pilot.pause()
        picked = answer_given("750 examples", tui.screen_text(pilot))
        assert "▶" in picked and "enter: change" in picked
        await pilot.press("up")
        await pilot.pause()
        screen = tui.screen_text(pilot)
        assert "▶" not in answer_given("750 examples", screen)  # the mark moved up with it
        assert "▶" in answer_given("no — we tried hard", screen)


@pytest.mark.asyncio
async def test_an_earlier_answer_offered_again_is_marked_in_words(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.answer(pilot, {"use_case": None, "need": ["style"], "prompts_work": "no"})
        await pilot.press("escape")  # back to "have you tried prompts?"
        await pilot.pause()
        line = line_with("no — we tried hard", answer_area(tui.screen_text(pilot)))
        assert "(your earlier answer)" in line and "▶" in line


@pytest.mark.asyncio
async def test_what_is_ticked_in_a_list_of_several_shows_without_colour(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.answer(pilot, {"use_case": None})
        await pilot.press("1", "3")
        await pilot.pause()
        area = answer_area(tui.screen_text(pilot))
        ticked = [line_with(label, area) for label in ("tone and style", "factual knowledge")]
        left = [line_with(label, area) for label in ("output format", "a task skill")]
        assert all("X" in line for line in ticked)
        assert not any("X" in line for line in left)
