"""The model question in the chat: a list of every model genai-prices knows, filtered as
the person types, current models first — under Pilot, in the real app."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from textual.widgets import Input, OptionList

from advisor.engine import run_answers
from advisor.facts import Context
from advisor.report import build_report
from advisor.tui.widgets.filtered_choice import FilteredChoiceAnswer

BEFORE_MODEL: dict[str, Any] = {
    "use_case": "Answer support tickets",
    "need": ["style"],
    "prompts_work": "partly",
    "examples": "0",
    "test_set": True,
    "requests_per_day": "2,000",
}


async def _to_the_model_question(pilot: Any, tui: Any) -> FilteredChoiceAnswer:
    app = pilot.app
    await pilot.pause()
    while app.session.current.id != "model":
        await tui.give(pilot, app.session.current, BEFORE_MODEL.get(app.session.current.id))
    return app.screen.query_one(FilteredChoiceAnswer)


def _rows(panel: FilteredChoiceAnswer) -> list[str]:
    options = panel.query_one(".filtered-options", OptionList)
    return [str(options.get_option_at_index(i).id) for i in range(options.option_count)]


async def _type(pilot: Any, panel: FilteredChoiceAnswer, text: str) -> list[str]:
    """Type into the model field; the rows the list then shows."""
    await pilot.press(*text)
    await pilot.pause()
    return _rows(panel)


@pytest.mark.asyncio
async def test_typing_filters_the_whole_model_list_and_enter_picks(make_app: Any, tui: Any) -> None:
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        panel = await _to_the_model_question(pilot, tui)
        assert len(panel.choices) > 1_500
        default = app.session.default_for(app.session.current)
        assert _rows(panel)[0] == default  # the default, marked as such, comes first
        assert "(default)" in tui.screen_text(pilot)
        await pilot.press(*"haiku 4.5")
        await pilot.pause()
        rows = _rows(panel)
        assert rows[0] == "claude-haiku-4-5"
        assert all("haiku" in r.lower() for r in rows)
        assert f"of {len(panel.choices):,} match" in tui.screen_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["model"] == "claude-haiku-4-5"
        assert app.session.steps[-1].defaulted is False


@pytest.mark.asyncio
async def test_an_id_typed_in_full_wins_over_the_highlighted_row(make_app: Any, tui: Any) -> None:
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await _to_the_model_question(pilot, tui)
        await pilot.press(*"anthropic:claude-haiku-4-5", "enter")
        await pilot.pause()
        assert app.session.answers["model"] == "claude-haiku-4-5"


@pytest.mark.asyncio
async def test_an_id_typed_in_full_comes_first_then_the_ids_it_begins(
    make_app: Any, tui: Any
) -> None:
    """In the source's order claude-sonnet-5-5 (current) comes before claude-sonnet-5, so
    typing the older one's id in full used to leave the newer one under ▶."""
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        panel = await _to_the_model_question(pilot, tui)
        rows = await _type(pilot, panel, "claude-sonnet-5")
        assert rows[0] == "claude-sonnet-5"
        assert rows[1].startswith("claude-sonnet-5")  # then the ids it begins
        begins = [r for r in rows if r.startswith("claude-sonnet-5")]
        assert rows[: len(begins)] == begins  # before ids that only contain it
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["model"] == "claude-sonnet-5"


@pytest.mark.asyncio
async def test_a_shut_down_model_typed_in_full_is_shown_as_what_enter_takes(
    make_app: Any, tui: Any
) -> None:
    """The list leaves out models already shut down (gemini-2.5-flash, on 2026-12-01),
    but their ids are still answers: typed in full, the id is the row under ▶, with
    its date, instead of another model that enter would not take."""
    app = make_app(context=Context(today=date(2026, 12, 4)))
    async with app.run_test(size=(110, 40)) as pilot:
        panel = await _to_the_model_question(pilot, tui)
        assert "gemini-2.5-flash" not in _rows(panel)
        rows = await _type(pilot, panel, "gemini-2.5-flash")
        assert rows[0] == "gemini-2.5-flash" and rows.count("gemini-2.5-flash") == 1
        assert "▶ Gemini 2.5 Flash (Google)  gemini-2.5-flash · shut down 2026-12-01" in (
            tui.screen_text(pilot)
        )
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["model"] == "gemini-2.5-flash"


@pytest.mark.asyncio
async def test_a_provider_qualified_id_points_at_its_row_once(make_app: Any, tui: Any) -> None:
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        panel = await _to_the_model_question(pilot, tui)
        listed = len(panel.choices)
        rows = await _type(pilot, panel, "anthropic:claude-haiku-4-5")
        assert rows[0] == "claude-haiku-4-5" and rows.count("claude-haiku-4-5") == 1
        assert len(panel.choices) == listed  # a listed model, not added again


@pytest.mark.asyncio
async def test_arrows_move_through_the_matches(make_app: Any, tui: Any) -> None:
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        panel = await _to_the_model_question(pilot, tui)
        await pilot.press(*"gpt-4.1")
        await pilot.pause()
        second = _rows(panel)[1]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.session.answers["model"] == second != "gpt-4.1"


@pytest.mark.asyncio
async def test_nothing_matching_says_so_and_keeps_the_question(make_app: Any, tui: Any) -> None:
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        panel = await _to_the_model_question(pilot, tui)
        await pilot.press(*"zzzz", "enter")
        await pilot.pause()
        assert app.session.current.id == "model"
        assert "nothing matches 'zzzz'" in tui.screen_text(pilot)
        assert panel.query_one(Input).value == "zzzz"  # what was typed is kept


@pytest.mark.asyncio
async def test_enter_on_an_empty_field_takes_the_default(make_app: Any, tui: Any) -> None:
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await _to_the_model_question(pilot, tui)
        default = app.session.default_for(app.session.current)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["model"] == default
        assert app.session.steps[-1].defaulted is True


@pytest.mark.asyncio
async def test_a_model_picked_by_its_id_ends_in_the_report_advisor_run_gives(
    make_app: Any, tui: Any, flow: Any, context: Any
) -> None:
    typed = {**BEFORE_MODEL, "model": "gemini-2.5-pro"}
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await tui.converse(pilot, typed)
        chat = build_report(app.session, dict(app.session.answers))
    assert chat["costs"]["model"] == "gemini-2.5-pro"
    headless = run_answers(flow, dict(app.session.answers), context=context)
    expected = build_report(headless, dict(app.session.answers))
    expected["defaults_used"] = chat["defaults_used"]
    assert chat == expected


@pytest.mark.asyncio
@pytest.mark.parametrize("model", ["gpt-6.2-sol", "gemini-4-neon"])
async def test_the_newest_models_are_in_the_list_and_priced(
    make_app: Any, tui: Any, model: str
) -> None:
    app = make_app(context=Context(today=date(2026, 12, 6)))
    async with app.run_test(size=(110, 40)) as pilot:
        panel = await _to_the_model_question(pilot, tui)
        rows = await _type(pilot, panel, model)
        assert rows[0] == model
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["model"] == model
        await tui.converse(pilot, {})
        report = build_report(app.session, dict(app.session.answers))
    assert report["costs"]["model"] == model
    assert report["costs"]["approaches"]["prompt_engineering"]["monthly_usd"] > 0


@pytest.mark.asyncio
async def test_sonnet_lists_live_models_only_once_older_ones_retired(
    make_app: Any, tui: Any
) -> None:
    """On 2026-12-06 Claude Sonnet 4.5 (2026-11-30), Sonnet 4 and 3 Sonnet have retired:
    typing "sonnet" offers the current ones, the featured one first."""
    app = make_app(context=Context(today=date(2026, 12, 6)))
    async with app.run_test(size=(110, 40)) as pilot:
        panel = await _to_the_model_question(pilot, tui)
        rows = await _type(pilot, panel, "sonnet")
        assert rows[0] == "claude-sonnet-5-5"
        for retired in ("claude-3-sonnet", "claude-sonnet-4-0", "claude-sonnet-4-5"):
            assert retired not in rows
