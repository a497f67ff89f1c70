"""The chat at every size from 60×20 up: nothing the person said or needs is cut off.

Long answers wrap in the conversation (they were cut at 80 columns: "…refund and shipping
polici"); a picked answer keeps its "enter: change"; rows of the model list wrap under
their name, with the count under the list in view; the cost table keeps one row per
approach at 60 columns; the payback line says what its marks mean; and a number
question's hint offers only forms it accepts.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import OptionList

from advisor.engine.session import Session
from advisor.errors import AnswerError
from advisor.flow import values
from advisor.tui.widgets.conversation import UserSaid
from advisor.tui.widgets.filtered_choice import FilteredChoiceAnswer
from advisor.tui.widgets.report import BreakEven, CostTable
from advisor.tui.widgets.text import number_forms

SIZES = [(60, 20), (80, 24), (120, 40)]
IDS = [f"{w}x{h}" for w, h in SIZES]
LONG = ("Answer customer questions about our refund and shipping policies in a friendly "
        "tone and always cite the policy")
TO_THE_MODEL = {"use_case": LONG, "need": ["style"], "prompts_work": "partly", "examples": 0,
                "test_set": True, "requests_per_day": 2000}
FINE_TUNING = {"use_case": LONG, "need": ["style", "format"], "prompts_work": "yes",
               "examples": "2000", "data_reviewed": True, "test_set": True,
               "requests_per_day": "30k", "requirements_change": "rarely",
               "prompt_tokens": "1500", "ft_prompt_tokens": "100", "output_tokens": "50",
               "model": "gpt-4.1"}


def resumed_at(flow: Any, context: Any, question_id: str, answers: dict[str, Any]
               ) -> tuple[str, Any, Any]:
    """A conversation resumed at a question (as `advisor chat --resume` does), the
    questions before it answered from `answers`, else with their defaults."""
    from types import SimpleNamespace

    from advisor.transcript.restore import Restored

    session = Session(flow, context)
    while session.current.id != question_id:
        question = session.current
        session.answer(answers.get(question.id, session.default_for(question)))
    return ("kept.json", SimpleNamespace(started_at=session.steps[0].at),
            Restored(session, []))


# Custom prices at which a fine-tune saves, and repays its one-time cost from what its upkeep
# and retraining leave of the saving in about 4 months.
PAYBACK = {"need": ["style", "format"], "prompts_work": "yes", "examples": 2000,
           "data_reviewed": True, "test_set": True, "requests_per_day": 2000,
           "requirements_change": "rarely", "prompt_tokens": 1500, "ft_prompt_tokens": 100,
           "output_tokens": 50, "model": "custom", "price_input_per_1k": 0.003,
           "price_output_per_1k": 0.006, "ft_price_input_per_1k": 0.0045,
           "ft_price_output_per_1k": 0.009, "training_price_per_1m": 25}


async def report_of(app: Any, pilot: Any, flow: Any, context: Any,
                    answers: dict[str, Any] = FINE_TUNING) -> Any:
    """The report screen of these answers, as the chat shows it."""
    from advisor.engine import run_answers
    from advisor.report import build_report
    from advisor.tui.report_screen import ReportScreen

    report = build_report(run_answers(flow, answers, context=context), answers)
    await app.push_screen(ReportScreen(report, flow))
    await pilot.pause()
    return app.screen


async def paste(pilot: Any, text: str) -> None:
    """Paste into the focused field, as from the clipboard (typing 110 keys takes 10 s)."""
    from textual import events

    pilot.app.focused.post_message(events.Paste(text))
    await pilot.pause()


def shown(tui: Any, pilot: Any, widget: Any) -> str:
    """The words the screen shows where `widget` is (its border and padding left out)."""
    region = widget.content_region
    lines = tui.screen_text(pilot).splitlines()[region.y:region.bottom]
    return tui.words(" ".join(line[region.x:region.right] for line in lines))


@pytest.mark.asyncio
@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_a_long_answer_wraps_and_keeps_its_change_marker(make_app, tui, size) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await paste(pilot, LONG)
        await pilot.press("enter")
        await tui.answer(pilot, {"need": ["style"]})
        said = app.screen.query(UserSaid).first()
        assert said.size.width <= said.parent.size.width  # within the row, never past it
        said.scroll_visible(animate=False)
        await pilot.pause()
        assert shown(tui, pilot, said) == LONG  # every word of it, on screen
        await pilot.press("shift+tab", "up")  # pick the long answer to change it
        await pilot.pause()
        assert app.focused is said
        said.scroll_visible(animate=False)
        await pilot.pause()
        assert shown(tui, pilot, said) == f"▶ {LONG} enter: change"


@pytest.mark.asyncio
@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_model_rows_wrap_under_their_name_and_the_count_stays_in_view(
    make_app, flow, context, tui, size
) -> None:
    app = make_app(resume=resumed_at(flow, context, "model", TO_THE_MODEL), autosave=False)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press(*"llama")
        await pilot.pause()
        panel = app.screen.query_one(FilteredChoiceAnswer)
        options = panel.query_one(".filtered-options", OptionList)
        width = options.scrollable_content_region.width
        for index in range(options.option_count):
            lines = options.get_option_at_index(index).prompt.plain.splitlines()
            assert lines[0].startswith(("▶ ", "  ")), lines
            assert all(line.startswith("    ") for line in lines[1:]), lines  # hanging
            assert all(len(line) <= width for line in lines), (width, lines)
        screen = tui.screen_text(pilot)
        assert f"of {panel.listed:,} match" in screen  # the count, under the list
        assert "type to filter" in screen


@pytest.mark.asyncio
@pytest.mark.parametrize("size", SIZES, ids=IDS)
async def test_the_cost_table_keeps_one_row_per_approach(make_app, flow, context, tui, size
                                                         ) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await report_of(app, pilot, flow, context)
        table = app.screen.query_one(CostTable)
        table.scroll_visible(top=True, animate=False)
        await pilot.pause()
        assert table.layout_name == ("compact" if size[0] < 70 else "wide")
        assert table.size.width >= table.width_of(table.layout_name)  # no column hidden
        screen = tui.screen_text(pilot).splitlines()
        report = app.screen.report
        for approach in report["costs"]["approaches"]:
            cells = [cell.plain.strip() for cell in table.get_row(approach)]
            assert all("\n" not in cell for cell in cells)  # one line each
            row = [line for line in screen if cells[0].lstrip("▶ ") in line
                   and cells[1] in line]
            assert row and all(cell in row[0] for cell in cells[1:]), (cells, screen)
        note = app.screen.query_one("#cost-table-view .rounding")
        assert note.display == (table.layout_name == "compact" and table.rounded)


@pytest.mark.asyncio
async def test_the_payback_line_says_what_its_marks_mean(make_app, flow, context, tui) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await report_of(app, pilot, flow, context, PAYBACK)
        months = app.screen.report["costs"]["break_even_months"]
        assert 1 < months < 12  # the ▲ inside the line, not at its start or end
        legend = app.screen.query_one(BreakEven)
        legend.scroll_visible(animate=False)
        await pilot.pause()
        assert tui.words(tui.text_of(legend)) == (
            f"0 is today. ▲ repaid: after {months:,.2f} months what the monthly saving leaves "
            "after upkeep and retraining has paid back the one-time cost; ━ before ▲ it is "
            "paying back, after ▲ it is saved."
        )
        assert "▲ repaid: after" in tui.words(tui.screen_text(pilot))


def test_a_payback_past_the_line_says_so() -> None:
    assert BreakEven(73.2).legend() == (
        "▶ not repaid on this line: what the monthly saving leaves after upkeep and "
        "retraining repays the one-time cost only after "
        "73.20 months (the line ends at 60)."
    )


def test_every_number_question_offers_only_forms_it_accepts(flow) -> None:
    """The training-runs question (1–100) said "10k, 10,000 and 1.5M all work"."""
    forms = {q.id: number_forms(q) for q in flow.questions.values() if q.kind == "number"}
    assert forms["training_runs"] == "an integer from 1 to 100"
    assert forms["requests_per_day"] == "10k, 10,000 and 1.5M all work"
    for question_id, words in forms.items():
        question = flow.questions[question_id]
        for example in ("10k", "10,000", "1.5M", "$0.03"):
            if example in words:
                try:
                    values.coerce(question, example)
                except AnswerError as error:
                    raise AssertionError(f"{question_id}: {words!r} but {error}") from None
    bounded = flow.questions["fixed_prompt_tokens"]
    assert number_forms(bounded, 500) == "an integer from 0 to 500"  # (your prompt_tokens)


@pytest.mark.asyncio
async def test_the_training_runs_hint_in_the_chat(make_app, flow, context, tui) -> None:
    answers = {**FINE_TUNING, "examples": 2000, "requests_per_day": 30_000,
               "prompt_tokens": 1500, "ft_prompt_tokens": 100, "output_tokens": 50}
    app = make_app(resume=resumed_at(flow, context, "training_runs", answers), autosave=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.session.current.id == "training_runs"
        feedback = tui.text_of(app.screen.query_one("#answer-area .feedback"))
        assert feedback == "enter confirm · an integer from 1 to 100"
        assert "1.5M" not in tui.screen_text(pilot)
