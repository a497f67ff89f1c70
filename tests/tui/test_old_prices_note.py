"""The chat's first screen says once when the price data is old for the day of the advice,
naming the one command that refreshes it; with fresh data it says nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from advisor.facts import Context


@pytest.mark.asyncio
@pytest.mark.parametrize(("today", "said"), [(date(2027, 3, 1), True), (date(2026, 12, 6), False)])
async def test_old_price_data_is_said_on_the_first_screen(
    make_app: Any, tui: Any, today: date, said: bool
) -> None:
    app = make_app(context=Context(today=today))
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        text = tui.words(tui.screen_text(pilot))
        assert (text.count("advisor prices update") == 1) is said
        if said:
            assert "The price data is from 2026-11-19 (genai-prices 0.2.5), 102 days" in text
