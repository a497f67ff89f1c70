"""The report view's costs: every figure of the report's `costs` section, and nothing more.

The cost model fills `costs` (architecture.md §3); here a real report gets a section of
that shape, so the view is checked against the contract whether or not the cost model
is installed. The whole-conversation tests check the real section once it is.
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from advisor.engine import run_answers
from advisor.report import build_report
from advisor.report.cost_notes import cost_lines, cost_sections
from advisor.tui.report_screen import ReportScreen
from advisor.tui.widgets.report import BreakEven, MonthlyBars, PaybackLine, WarningLine

ANSWERS = {"need": ["style", "format"], "prompts_work": "no", "examples": 1200,
           "data_reviewed": True, "test_set": True, "requests_per_day": 20_000,
           "requirements_change": "rarely"}
COSTS = {
    "assumptions": {"days_per_month": 30},
    "approaches": {
        "prompt_engineering": {"per_request_usd": 0.00052, "monthly_usd": 312.0,
                               "one_time_usd": 0, "first_year_usd": 3744.0},
        "rag": {"per_request_usd": 0.00116, "monthly_usd": 696.0, "one_time_usd": 12.5,
                "first_year_usd": 8364.5},
        "fine_tuning": {"per_request_usd": 0.000408, "monthly_usd": 244.8,
                        "one_time_usd": 41.25, "first_year_usd": 2978.85},
    },
    "fine_tuning_monthly_savings_usd": 67.2,
    "break_even_months": 7.3,
    "break_even_requests_per_day": 1228,
}


def costed_report(flow, costs):
    report = build_report(run_answers(flow, ANSWERS), ANSWERS)
    report["costs"] = costs
    return report


async def show(app, pilot, report, flow):
    await app.push_screen(ReportScreen(report, flow))
    await pilot.pause()
    return app.screen


@pytest.mark.asyncio
async def test_every_approach_gets_its_four_figures_and_the_recommended_one_is_marked(
    make_app, flow, tui
):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        report = costed_report(flow, COSTS)
        screen = await show(app, pilot, report, flow)
        table = screen.query_one(DataTable)
        rows = [[cell.plain for cell in table.get_row(key)] for key in COSTS["approaches"]]
        assert rows == [
            # per request: three significant digits each, so the column compares
            ["  prompts", "$0.000520", "$312.00", "$0.00", "$3,744.00"],
            ["  RAG", "$0.00116", "$696.00", "$12.50", "$8,364.50"],
            ["▶ fine-tuning", "$0.000408", "$244.80", "$41.25", "$2,978.85"],
        ]
        bars = screen.query_one(MonthlyBars)
        bars.scroll_visible(animate=False)
        await pilot.pause()
        # The longest bar is the dearest approach; the amounts sit at the end of each line,
        # all within the width of the view.
        drawn = str(bars.render()).splitlines()
        assert all(len(line) < bars.content_size.width for line in drawn)
        lines = {line.split()[0]: line for line in drawn}
        assert list(lines) == ["prompts", "RAG", "fine-tuning"]
        assert lines["RAG"] in tui.screen_text(pilot)
        assert lines["RAG"].count("█") > lines["prompts"].count("█") > (
            lines["fine-tuning"].count("█")) > 0
        assert lines["RAG"].rstrip().endswith("$696.00")
        # Payback, drawn, then said in the report's own words.
        picture = str(screen.query_one(PaybackLine).render())
        assert picture.startswith("0 ━") and "▲" in picture and picture.endswith("12 months")
        assert "▲ repaid: after 7.30 months" in tui.text_of(screen.query_one(BreakEven))
        said = [tui.words(tui.text_of(b)) for b in screen.query(".cost-notes .bullet-text")]
        for line in cost_lines(report):
            assert tui.words(line) in said
        assert (
            "Fine-tuning instead of prompting the same model saves $67.20 a month and, after "
            "its upkeep and retraining, repays its one-time cost in 7.30 months." in said
        )


@pytest.mark.asyncio
async def test_what_the_costs_leave_out_is_not_drawn(make_app, flow, tui):
    costs = {**COSTS, "fine_tuning_monthly_savings_usd": -48.0, "break_even_months": None,
             "break_even_requests_per_day": None}
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await show(app, pilot, costed_report(flow, costs), flow)
        assert not screen.query(BreakEven)  # no payback to draw
        said = [tui.words(tui.text_of(b)) for b in screen.query(".cost-notes .bullet-text")]
        assert "Fine-tuning instead of prompting the same model costs $48.00 a month more." in (
            said
        )
        assert len(screen.query_one(MonthlyBars).render().plain.splitlines()) == 3


@pytest.mark.asyncio
async def test_an_approach_that_cannot_be_had_says_why(make_app, flow, tui):
    approaches = {**COSTS["approaches"], "fine_tuning": None}
    costs = {**COSTS, "approaches": approaches,
             "unavailable": {"fine_tuning": "no provider fine-tunes this model any more"}}
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await show(app, pilot, costed_report(flow, costs), flow)
        row = [cell.plain for cell in screen.query_one(DataTable).get_row("fine_tuning")]
        assert row[1] == "not available"
        said = [tui.words(tui.text_of(b)) for b in screen.query(".cost-notes .bullet-text")]
        assert "fine-tuning: not available — no provider fine-tunes this model any more" in said
        bars = str(screen.query_one(MonthlyBars).render()).splitlines()
        assert bars[2].split()[0] == "fine-tuning" and bars[2].endswith("not available")
        assert "█" not in bars[2]


@pytest.mark.asyncio
async def test_without_costs_the_report_shows_no_cost_section(make_app, flow, tui):
    report = build_report(run_answers(flow, ANSWERS), ANSWERS)
    report.pop("costs", None)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await show(app, pilot, report, flow)
        assert not screen.query(DataTable)
        assert not screen.query(MonthlyBars)
        assert not screen.query(BreakEven)
        assert "Costs" not in tui.text_of(screen.query_one("#report"))


@pytest.mark.asyncio
async def test_warnings_are_shown_as_written(make_app, flow, tui):
    """The cost model's lifecycle warnings (report["warnings"]) appear, literally."""
    report = build_report(run_answers(flow, ANSWERS), ANSWERS)
    report["warnings"] = [
        "gpt-4.1-mini: fine-tuning closes on 2027-01-06 [OpenAI] — $x stays",
        "gpt-4: retired on 2026-10-23; use gpt-4.1",
    ]
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await show(app, pilot, report, flow)
        shown = [tui.text_of(w) for w in screen.query(WarningLine)]
        assert shown == [f"! {warning}" for warning in report["warnings"]]


@pytest.mark.asyncio
async def test_where_to_fine_tune_and_what_it_is_made_of_are_shown_as_the_text_report_says(
    make_app, flow, tui
):
    """The real costs of a fine-tune: its one-time items, every open platform (with its
    unverified marks) and the closed ones, in the words of the text report."""
    report = build_report(run_answers(flow, ANSWERS), ANSWERS)
    sections = cost_sections(report)
    titles = [title for title, _ in sections]
    assert "Where to fine-tune, for your answers (cheapest first year first)" in titles
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await show(app, pilot, report, flow)
        shown_titles = [tui.words(tui.text_of(t)) for t in screen.query(".section-title")]
        said = [tui.words(tui.text_of(b)) for b in screen.query(".cost-notes .bullet-text")]
        for title, lines in sections:
            assert title in shown_titles
            for line in lines:
                assert tui.words(line) in said
    platforms = dict(sections)["Where to fine-tune, for your answers (cheapest first year first)"]
    assert any("unverified" in line for line in platforms)  # the catalog marks some dates
