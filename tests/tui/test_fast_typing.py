"""Keys typed faster than the chat can redraw: every one reaches the question it was
meant for, in order, exactly as if typed slowly.

A whole conversation goes to the app at once — as a terminal delivers a fast typist or
a script — and the transcript must be the one typing slowly gives. No test here waits
for a fixed time: each waits for the app to have handled what it was sent.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual._xterm_parser import XTermParser

from advisor.engine import run_answers
from advisor.tui.chat_screen import ChatScreen, ReadyPanel
from advisor.tui.report_screen import ReportScreen

from .test_conversation import PATHS

# A long path with every kind of question, and text that looks like markup.
HYBRID: dict[str, Any] = {
    **PATHS["hybrid"], "use_case": "Draft contract clauses, [USD] and all",
    "model": "gpt-4o-mini",
}

TERMINAL = {"enter": "\r", "home": "\x1b[H", "down": "\x1b[B", "up": "\x1b[A",
            "shift+tab": "\x1b[Z"}


def conversation_keys(flow, context, tui, typed: dict[str, Any]) -> list[str]:
    """Every key of the conversation, in order, for the path `typed` takes."""
    session = run_answers(flow, {k: v for k, v in typed.items()}, context=context)
    keys: list[str] = []
    for question_id in session.path:
        keys += tui.keys_for(flow.questions[question_id], typed.get(question_id))
    return keys


def as_terminal_sends(keys: list[str]) -> str:
    return "".join(TERMINAL.get(key, key) for key in keys)


def said(app) -> list[tuple[str, Any, bool]]:
    return [(s.question_id, s.value, s.defaulted) for s in app.session.steps]


async def settle(pilot, app, done) -> None:
    """Let the app work until `done()` holds (a condition, with a limit)."""
    for _ in range(400):
        if done():
            return
        await pilot.pause()
    raise AssertionError("the app never got there")


async def typed_slowly(make_app, tui, typed) -> list[tuple[str, Any, bool]]:
    app = make_app(autosave=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.converse(pilot, typed)
        assert isinstance(app.screen, ReportScreen)
        return said(app)


@pytest.mark.asyncio
async def test_a_whole_conversation_in_one_burst_from_the_terminal(
    make_app, flow, context, tui
):
    slowly = await typed_slowly(make_app, tui, HYBRID)
    keys = conversation_keys(flow, context, tui, HYBRID)
    app = make_app(autosave=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        parser = XTermParser()
        # Every key at once, before the app has handled any of them; then `b` (back to
        # the answers), which must reach the report the last answer opened.
        for event in parser.feed(as_terminal_sends([*keys, "b"])):
            app._driver.process_message(event)
        await settle(pilot, app, lambda: isinstance(app.focused, ReadyPanel))
        assert said(app) == slowly
        assert isinstance(app.screen, ChatScreen)
        assert app.last_report is not None  # the report was shown on the way


@pytest.mark.asyncio
async def test_a_whole_conversation_in_one_press_call(make_app, flow, context, tui):
    slowly = await typed_slowly(make_app, tui, HYBRID)
    keys = conversation_keys(flow, context, tui, HYBRID)
    app = make_app(autosave=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await settle(pilot, app, lambda: isinstance(app.screen, ReportScreen))
        assert said(app) == slowly


def key_event(key: str):
    """A key as Textual's pilot builds it (printable keys carry their character)."""
    from textual import events
    from textual.keys import _character_to_key

    if len(key) == 1:
        return events.Key(key if key.isalnum() else _character_to_key(key), key)
    return events.Key(key, {"enter": "\r", "escape": "\x1b"}.get(key))


@pytest.mark.asyncio
async def test_going_back_and_changing_an_answer_at_machine_speed(make_app, flow, context, tui):
    typed = dict(HYBRID)
    keys = conversation_keys(flow, context, tui, typed)
    path = run_answers(flow, typed, context=context).path
    at_examples = keys.index("8")  # the examples answer starts here: "800" enter
    ups = len(path) - 1 - path.index("data_reviewed")
    keys = [
        *keys[: at_examples + 4],
        "escape", "backspace", "backspace", "backspace", *"1200", "enter",  # back, retype
        *keys[at_examples + 4:],
        # From the report: back to the answers, pick "reviewed? no" and make it yes.
        "b", "shift+tab", *["up"] * ups, "enter", "y",
    ]

    async def run(send) -> tuple[list, str, list[str]]:
        app = make_app(autosave=False)
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await send(pilot, app)
            await settle(
                pilot, app, lambda: isinstance(app.screen, ReportScreen) and app.screen.changes
            )
            return said(app), type(app.screen).__name__, app.screen.changes

    async def slowly(pilot, app) -> None:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    async def at_once(pilot, app) -> None:
        for key in keys:
            app._driver.process_message(key_event(key))

    slow = await run(slowly)
    assert slow[0][3] == ("examples", 1200, False)
    assert ("data_reviewed", True, False) in slow[0]
    assert slow[2], "the change after the report shows what changed"
    assert await run(at_once) == slow


@pytest.mark.asyncio
async def test_closing_the_moment_the_report_opens_is_clean(make_app, flow, context, tui):
    keys = conversation_keys(flow, context, tui, HYBRID)
    app = make_app(autosave=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        for key in keys:
            app._driver.process_message(key_event(key))
        while not isinstance(app.screen, ReportScreen):  # not a moment longer
            await asyncio.sleep(0)
    # Leaving the block closes the app, and raises whatever went wrong while it closed.
    assert app.session.finished
