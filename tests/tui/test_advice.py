"""Advice that reads as one voice: what the report says fits what the person answered."""

from __future__ import annotations

import math
import re

import pytest
from textual.widgets import DataTable

from advisor.report.render import render
from advisor.report.words import money
from advisor.tui.report_screen import ReportScreen
from advisor.tui.widgets.report import RecommendationCard

from .test_back_and_what_if import focus_answer_to

PARTLY_800 = {"use_case": None, "need": ["style"], "prompts_work": "partly", "examples": "800",
              "data_reviewed": True, "test_set": True, "requests_per_day": "20k",
              "requirements_change": "rarely"}


def summary_shown(tui, screen) -> str:
    return tui.words(tui.text_of(screen.query_one("#rec-summary")))


@pytest.mark.asyncio
async def test_what_would_change_it_names_no_threshold_already_passed(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await tui.converse(pilot, PARTLY_800)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("b")
        await pilot.pause()
        await focus_answer_to(pilot, "requests_per_day")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"200", "enter")  # 200 a day now
        await tui.converse(pilot, {})
        assert isinstance(app.screen, ReportScreen)
        report = app.screen.report
        assert report["recommendation"]["approach"] == "prompt_engineering"
        summary = summary_shown(tui, app.screen)
        assert summary == tui.words(report["recommendation"]["summary"])
        # 800 reviewed examples and steady requirements: neither is named as still to come.
        assert "500+ reviewed examples" not in summary
        assert "reviewed for quality" not in summary
        assert "requirements that change rarely" not in summary
        volume = re.search(r"([\d,]+)\+ requests a day", summary)
        if volume:  # named only while the person's volume is below it
            assert int(volume.group(1).replace(",", "")) > 200


@pytest.mark.asyncio
async def test_fine_tuning_that_costs_more_says_it_is_for_quality_and_how_much(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        # Llama 3.3 70B on Groq cannot be fine-tuned there: the fine-tune is of another Meta
        # model on GPUs billed by the hour, dear at 20 requests a day.
        await tui.converse(pilot, {**PARTLY_800, "prompts_work": "no", "requests_per_day": "20",
                                   "model": "llama-3.3-70b-versatile"})
        report = app.screen.report
        costs = report["costs"]
        savings = costs["fine_tuning_monthly_savings_usd"]
        # On GPUs of the fine-tune's own, prompting that model costs what the fine-tune does:
        # like for like it saves nothing, and it costs more than the prompts of today.
        assert "fine_tuning" in report["recommendation"]["components"] and savings <= 0
        summary = summary_shown(tui, app.screen)
        assert "for quality and consistency, not cost" in summary
        # The fine-tune is of another model, so the summary gives what it costs more than
        # the prompts of today, on the model prompted.
        approaches = costs["approaches"]
        more = approaches["fine_tuning"]["monthly_usd"] - approaches["prompt_engineering"][
            "monthly_usd"]
        assert f"{money(more)} a month more than prompting {costs['model_name']}" in summary
        assert tui.words(report["recommendation"]["summary"]) in tui.words(
            tui.text_of(app.screen.query_one(RecommendationCard)))


@pytest.mark.asyncio
async def test_a_fine_tune_whose_saving_its_upkeep_eats_is_for_quality_too(make_app, tui):
    """Cheaper on the bill, dearer once re-testing and retraining are counted: the summary
    does not let the smaller bill pass for a saving."""
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        # Gemini 3.5 Flash, fine-tuned as itself on Vertex at its own token prices: at 5,000
        # requests a day the shorter prompt saves less than the upkeep.
        answers = {**PARTLY_800, "prompts_work": "no", "requests_per_day": "5000",
                   "model": "vertex:gemini-3.5-flash"}
        await tui.converse(pilot, answers)
        report = app.screen.report
        savings = report["costs"]["fine_tuning_monthly_savings_usd"]
        assert "fine_tuning" in report["recommendation"]["components"] and 0 < savings < 200
        summary = summary_shown(tui, app.screen)
        assert "for quality and consistency, not cost" in summary
        assert f"saves {money(savings)} a month against prompting Gemini 3.5 Flash" in summary
        upkeep = report["costs"]["approaches"]["fine_tuning"]["upkeep_monthly_usd"]
        assert upkeep > 200  # the engineering, and a month's share of the year's retraining
        assert f"less than the {money(upkeep)} a month of re-testing and retraining" in summary


def significant_digits(figure: str) -> int:
    digits = figure.lstrip("$").replace(",", "").replace(".", "").lstrip("0")
    return len(digits)


@pytest.mark.asyncio
async def test_per_request_costs_share_a_precision_that_compares(make_app, tui):
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await tui.converse(pilot, {**PARTLY_800, "requests_per_day": "200"})
        table = app.screen.query_one("#cost-table", DataTable)
        column = [table.get_cell(row, "per_request_usd").plain for row in table.rows]
        values = [row["per_request_usd"] for row in app.screen.report["costs"]["approaches"]
                  .values() if row is not None]
        assert len(column) == len(values) >= 4
        small = [f for f, v in zip(column, values, strict=True) if 0 < v < 1]
        assert small and {significant_digits(f) for f in small} == {3}, column
        for figure, value in zip(column, values, strict=True):  # and each is the figure
            assert math.isclose(float(figure.lstrip("$").replace(",", "")), value,
                                rel_tol=0.005)
        # The Markdown and text reports write the same figures (the JSON keeps its numbers).
        report = app.screen.report
        for fmt in ("markdown", "text"):
            written = render(report, fmt, app.flow)
            assert all(figure in written for figure in column), fmt
