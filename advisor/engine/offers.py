"""Answers offered before their question is asked: those in answers files given to the
chat (`advisor chat --answers`) or to a headless run, some of them measured from logs by
`advisor measure`. The chat offers each as its question comes, to confirm or change; the
report says which answers were taken as measured, and from what.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from advisor.flow.model import Question, Value

if TYPE_CHECKING:
    from advisor.engine.session import Session


class Origin(NamedTuple):
    """Where an offered answer came from."""

    file: str  # the answers file, as named in messages
    how: str | None = None  # how it was measured; None: written in the file by a person
    logs: tuple[str, ...] = ()  # the logs it was measured from
    on: str | None = None  # the day it was measured (YYYY-MM-DD)

    @property
    def measured(self) -> bool:
        return self.how is not None

    @property
    def note(self) -> str:
        """How the chat marks the offer: "measured", or "from FILE"."""
        return "measured" if self.measured else f"from {os.path.basename(self.file) or self.file}"

    def as_report(self) -> dict[str, object]:
        return {"how": self.how, "logs": list(self.logs), "measured_on": self.on,
                "answers_file": self.file}


class Offers:
    """Question id → (the offered value, normalised, and its origin)."""

    def __init__(self) -> None:
        self._offered: dict[str, tuple[Value, Origin]] = {}

    def add(self, question_id: str, value: Value, origin: Origin) -> None:
        self._offered[question_id] = (value, origin)

    def value(self, question_id: str) -> Value | None:
        found = self._offered.get(question_id)
        return None if found is None else found[0]

    def note(self, question_id: str, value: Value | None) -> str | None:
        """The mark for `value` offered on this question, if it is the offered answer."""
        found = self._offered.get(question_id)
        return found[1].note if found is not None and found[0] == value else None

    def taken(self, answered: Iterable[tuple[str, Value, bool]]) -> dict[str, Origin]:
        """Of (question, value, defaulted) answered, those that took the offered value."""
        taken = {}
        for question_id, value, defaulted in answered:
            found = self._offered.get(question_id)
            if found is not None and not defaulted and found[0] == value:
                taken[question_id] = found[1]
        return taken


def offered_as(session: Session, question: Question) -> str | None:
    """How to mark what the session suggests for `question` when it is an answer from a
    file: "measured" or "from FILE"; None for an earlier answer or the default."""
    return session.offers.note(question.id, session.suggested(question))


def answers_from(session: Session) -> dict[str, Origin]:
    """The answers on the session's path that took the value a file offered, and its
    origin: what the report lists as measured."""
    return session.offers.taken((s.question_id, s.value, s.defaulted) for s in session.steps)
