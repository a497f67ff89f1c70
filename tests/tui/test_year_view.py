"""The chat's report draws the first year month by month where something changes in it,
and says the dates: in characters, so it reads the same in monochrome."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.facts import Context
from advisor.tui.widgets.year import YearView

DAY = Context(today=date(2026, 12, 6))

# Gemini 3.8 Flash's introductory prices end on 2027-01-01, when they double.
GEMINI_38 = {"use_case": None, "need": ["style"], "prompts_work": "yes", "examples": "0",
             "test_set": True, "requests_per_day": "50k", "prompt_tokens": "1500",
             "output_tokens": "300", "model": "gemini-3.8-flash"}


@pytest.mark.asyncio
async def test_the_year_is_drawn_with_the_day_prices_change(make_app, tui):
    app = make_app(context=DAY)
    async with app.run_test(size=(110, 40)) as pilot:
        await tui.converse(pilot, GEMINI_38)
        view = app.screen.query_one(YearView)
        lines = view.render().plain.splitlines()
        prompts = next(line for line in lines if line.startswith("prompts"))
        # A low first month, then eleven at the doubled price, the figures at the end.
        assert prompts.endswith("$3,825.00 → $6,750.00 a month")
        assert "▲ 2027-01-01: Gemini 3.8 Flash: input $0.75 → $1.50" in view.render().plain
        said = tui.words(tui.screen_text(pilot))
        assert "The first year, month by month" in said


@pytest.mark.asyncio
async def test_a_year_without_changes_draws_nothing_more(make_app, tui):
    app = make_app(context=DAY)
    async with app.run_test(size=(110, 40)) as pilot:
        await tui.converse(pilot, {**GEMINI_38, "model": "gemini-3.5-flash"})
        assert not app.screen.query(YearView)
