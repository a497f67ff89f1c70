"""Driving the real chat under Textual's Pilot, the way a person at the keyboard would."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from advisor.engine.flows import load_flow
from advisor.facts import Context
from advisor.flow.library import resolve
from advisor.flow.model import Flow, Question
from advisor.tui.app import AdvisorApp

TODAY = date(2026, 11, 28)


def clock() -> datetime:
    return datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def flow() -> Flow:
    return load_flow(resolve("ai_strategy"))


@pytest.fixture
def context() -> Context:
    return Context(today=TODAY)


@pytest.fixture
def make_app(flow: Flow, context: Context, tmp_path: Path) -> Callable[..., AdvisorApp]:
    """The real app on the real default flow; exports and autosaved conversations go to a
    temporary folder."""

    def make(**options: Any) -> AdvisorApp:
        options.setdefault("context", context)
        options.setdefault("clock", clock)
        options.setdefault("folder", str(tmp_path))
        options.setdefault("sessions_dir", str(tmp_path / "sessions"))
        options.setdefault("cursor_blink", False)
        return AdvisorApp(options.pop("flow", flow), **options)

    return make


def screen_text(pilot: Pilot) -> str:
    """What the terminal shows right now, as plain lines."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text.rstrip() for strip in strips)


def text_of(widget: Widget) -> str:
    """The plain text a Static shows (its visual), or of all Statics inside a container."""
    from textual.widgets import Static

    if isinstance(widget, Static):
        return str(widget.visual)
    return "\n".join(str(s.visual) for s in widget.query(Static))


def keys_for(question: Question, value: Any) -> list[str]:
    """The keys a person presses to give `value`; None accepts what is offered (enter)."""
    if value is None:
        return ["enter"]
    if question.kind in ("text", "number"):
        return [*str(value), "enter"]
    if question.kind == "choice" and question.choices_from:
        return [*str(value), "enter"]  # type the id, as in the filtered list
    if question.kind == "choice":
        index = [c.id for c in question.choices].index(value)
        if index < 9:
            return [str(index + 1)]  # number keys pick the first nine
        return ["home", *["down"] * index, "enter"]
    if question.kind == "multi_choice":
        ids = [c.id for c in question.choices]
        return [*[str(ids.index(v) + 1) for v in value], "enter"]
    assert question.kind == "yes_no"
    return ["y" if value else "n"]


async def give(pilot: Pilot, question: Question, value: Any) -> None:
    """Answer the current question with keys: None accepts what is offered (enter)."""
    await pilot.press(*keys_for(question, value))
    await pilot.pause()


async def answer(pilot: Pilot, typed: Mapping[str, Any]) -> None:
    """Give these answers, in order, each to the question it is for (checked)."""
    for question_id, value in typed.items():
        assert pilot.app.session.current.id == question_id  # type: ignore[attr-defined]
        await give(pilot, pilot.app.session.current, value)  # type: ignore[attr-defined]


async def converse(pilot: Pilot, typed: Mapping[str, Any]) -> list[str]:
    """Answer every question the chat asks from `typed` (question id → what the person
    types or picks); a question missing from it gets enter (its default). Returns the ids
    of the questions asked, in order."""
    app = pilot.app
    asked: list[str] = []
    await pilot.pause()
    while (question := app.session.current) is not None:  # type: ignore[attr-defined]
        assert question.id not in asked[-1:], f"stuck on {question.id}"
        asked.append(question.id)
        await give(pilot, question, typed.get(question.id))
    await pilot.pause()
    return asked


class Tui:
    """The helpers above, for test modules (which cannot import a conftest)."""

    screen_text = staticmethod(screen_text)
    text_of = staticmethod(text_of)
    give = staticmethod(give)
    keys_for = staticmethod(keys_for)
    answer = staticmethod(answer)
    converse = staticmethod(converse)


@pytest.fixture
def tui() -> type[Tui]:
    return Tui


def words(text: str) -> str:
    """Whitespace-insensitive text: the screen wraps lines where the file did not."""
    return " ".join(text.split())


Tui.words = staticmethod(words)  # type: ignore[attr-defined]
