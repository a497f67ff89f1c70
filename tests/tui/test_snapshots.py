"""What the chat looks like, pinned: the first question, a validation error, the report.

Textual is pinned exactly (pyproject) so these only change when the UI does. After a
deliberate change, look at the new pictures and accept them with
`pytest tests/tui/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

SIZE = (100, 32)

FINE_TUNING = {
    "use_case": "Release notes in our house style",
    "need": ["style", "format"],
    "prompts_work": "no",
    "examples": "1200",
    "data_reviewed": True,
    "test_set": True,
    "requests_per_day": "20k",
    "requirements_change": "rarely",
}


def test_first_question(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=SIZE)


def test_number_validation_error(snap_compare, make_app, tui):
    async def to_the_error(pilot) -> None:
        await tui.give(pilot, pilot.app.session.current, None)
        await tui.give(pilot, pilot.app.session.current, ["style"])
        await tui.give(pilot, pilot.app.session.current, "no")
        await pilot.press(*"-5", "enter")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=to_the_error)


def test_report(snap_compare, make_app, tui):
    async def to_the_report(pilot) -> None:
        await tui.converse(pilot, FINE_TUNING)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=to_the_report)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_report_costs_fit(snap_compare, make_app, tui, size):
    """Every column of the cost table and the Quit key, from 60×20 up (issue 11, item 4):
    below about 70 columns the table stacks its figures two to a row."""

    async def to_the_costs(pilot) -> None:
        await tui.converse(pilot, FINE_TUNING)
        pilot.app.screen.query_one("#cost-table").scroll_visible(top=True, animate=False)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=to_the_costs)


FITS = [(60, 20), (80, 24), (120, 40)]


@pytest.mark.parametrize("size", FITS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_long_answer_picked_to_change_wraps(snap_compare, make_app, tui, size):
    """Cut at 80 columns and less ("…refund and shipping polici"), and its "enter: change"
    gone at 60×20: it wraps within the row, marker included."""
    from tests.tui.test_fits import LONG, paste

    async def pick_it(pilot) -> None:
        await pilot.pause()
        await paste(pilot, LONG)
        await pilot.press("enter")
        await tui.answer(pilot, {"need": ["style"]})
        await pilot.press("shift+tab", "up")
        await pilot.pause()
        pilot.app.focused.scroll_visible(animate=False)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=pick_it)


@pytest.mark.parametrize("size", FITS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_model_list_fits(snap_compare, make_app, flow, context, size):
    """Rows wrap under their name (they wrapped to the edge), and the count under the list
    stays in view at 60×20 (it fell off)."""
    from tests.tui.test_fits import TO_THE_MODEL, resumed_at

    async def type_llama(pilot) -> None:
        await pilot.pause()
        await pilot.press(*"llama")
        await pilot.pause()

    app = make_app(resume=resumed_at(flow, context, "model", TO_THE_MODEL), autosave=False)
    assert snap_compare(app, terminal_size=size, run_before=type_llama)
