"""The answer area: one panel per question kind, all handing answers on the same way.

Panels only collect what the person picked or typed; the session checks it
(`Session.answer` → `advisor.flow.values.coerce`), so a value is accepted or refused
exactly as in `advisor run`. Number and text fields (advisor.tui.widgets.fields) check
as the person submits, using the same `coerce`, so the message appears under the field
without losing what was typed; lists (advisor.tui.widgets.choices) take a pick.

An answer goes to the screen's `take_answer` on the app's queue, straight from the key
(or click) that gave it, never through a chain of widget messages: the app hands on the
next key only after it (advisor.tui.key_order), so a key typed right after an answer
reaches the next question, not the panel it replaces.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from advisor.flow.model import Question, Value
from advisor.tui.widgets.text import plain


class TakesAnswers(Protocol):
    """The screen an answer panel sits on (the chat)."""

    async def take_answer(self, panel: AnswerPanel, value: Any, defaulted: bool) -> None: ...


def _meaningless(event: events.Key) -> str | None:
    """The character of a key that types something but answers nothing here ('?' is help)."""
    character = event.character or ""
    if event.is_printable and character.strip() and character != "?":
        return character
    return None


class AnswerPanel(Vertical):
    """Base of every answer panel: the control, then one line of feedback under it."""

    keys_hint = "enter confirm"
    pick_words = ""  # how to answer, said when a key answers nothing
    earlier_note = "your earlier answer"  # how an offered answer is marked
    offered_note: str | None = None  # set when the offer comes from an answers file

    def __init__(
        self,
        question: Question,
        suggested: Value | None,
        default: Value | None,
        typed: str | None = None,
    ):
        super().__init__(classes="answer-panel")
        self.question = question
        self.default = default
        # An earlier answer (after going back) is offered as such; otherwise the default.
        self.earlier = suggested if suggested is not None and suggested != default else None
        self.offered = suggested
        # text typed before (a resumed draft), for fields; shown, never sent to the terminal
        self.typed = None if typed is None else plain(typed)
        self.initial_text = ""  # what a field starts with: typing is what differs from it

    def offered_from(self, note: str) -> None:
        """What is offered is an answer from a file, marked `note` ("measured", "from
        FILE"): offered as such even when it equals the default, and confirmed by enter."""
        if self.offered is not None:
            self.earlier = self.offered
            self.earlier_note = self.offered_note = note

    def compose(self) -> ComposeResult:
        yield self.control()
        yield Static(self.hint_content(), classes="feedback")

    def control(self) -> Widget:
        raise NotImplementedError

    def hint_content(self) -> Content:
        return Content.assemble(*self.offered_words(), (self.keys_hint, "$text-muted"))

    def offered_words(self) -> list[tuple[str, str]]:
        """"(measured) " before the keys, when the offer comes from an answers file."""
        return [(f"({self.offered_note}) ", "italic")] if self.offered_note else []

    @property
    def feedback(self) -> Static:
        return self.query_one(".feedback", Static)

    def show_error(self, message: str) -> None:
        self.add_class("-error")
        self.feedback.update(Content.assemble(("✗ ", "bold"), message))

    def show_hint(self, message: str) -> None:
        """A key that did nothing: say what would work (less loud than an error)."""
        self.remove_class("-error")
        self.add_class("-hint")
        self.feedback.update(Content.assemble(("→ ", "bold"), message))

    def clear_error(self) -> None:
        if self.has_class("-error") or self.has_class("-hint"):
            self.remove_class("-error", "-hint")
            self.feedback.update(self.hint_content())

    def refuse_key(self, event: events.Key) -> bool:
        """Say so when a key that types a character means nothing here."""
        character = _meaningless(event)
        if character is None:
            return False
        event.stop()
        event.prevent_default()
        self.show_hint(f"'{character}' does nothing here: {self.pick_words}.")
        return True

    def focus_control(self) -> None:
        self.query_one(".answer-control").focus()

    def answer(self, value: Any, defaulted: bool = False) -> None:
        """Hand the answer to the chat; `defaulted` when it is the flow's default, accepted."""
        taker = cast(TakesAnswers, self.screen)
        self.app.call_later(taker.take_answer, self, value, defaulted)
