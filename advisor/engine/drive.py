"""Driving a session from a complete set of answers: the headless mode and replay."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from advisor.engine.offers import Origin
from advisor.engine.session import Session
from advisor.errors import AnswerError, BadInput, FlowError, Incomplete
from advisor.facts import Context
from advisor.flow import values
from advisor.flow.model import Flow, Value
from advisor.suggest import did_you_mean


def check_answers(
    flow: Flow,
    raw: Mapping[str, Any],
    source: str,
    origins: Mapping[str, Origin] | None = None,
) -> dict[str, Value]:
    """Every answer normalised, or BadInput naming the file (each answer's own, from
    `origins`, when several files were merged), the question and the problem.

    All answers are checked, even those the path will not reach: a typo is a typo.
    """
    checked: dict[str, Value] = {}
    for key, value in raw.items():
        name = _file_of(key, source, origins)
        question = flow.questions.get(key)
        if question is None:
            raise BadInput(
                f"{name}: {values.found(key)} is no question of flow '{flow.id}'"
                f"{did_you_mean(key, flow.questions)}"
            )
        try:
            checked[key] = values.coerce(question, value)
        except AnswerError as error:
            raise BadInput(f"{name}: {error}") from None
    return checked


def _file_of(key: str, source: str, origins: Mapping[str, Origin] | None) -> str:
    """The file an answer came from, to name in a message about it."""
    return origins[key].file if origins and key in origins else source


def answer_or_default(session: Session, given: Any = None, *, defaulted: bool = False) -> bool:
    """Answer the current question with what was given, or with its default when nothing
    was (`given` None); False when there is neither, and nothing is answered. The one loop
    step of every way of driving a session from recorded answers (files, transcripts)."""
    question = session.current
    if question is None:
        return False
    if given is not None:
        session.answer(given, defaulted=defaulted)
        return True
    default = session.default_for(question)
    if default is None:
        return False
    session.answer(default, defaulted=True)
    return True


def run_answers(
    flow: Flow,
    raw: Mapping[str, Any],
    *,
    source: str = "answers",
    context: Context | None = None,
    clock: Callable[[], datetime] | None = None,
    origins: Mapping[str, Origin] | None = None,
) -> Session:
    """A finished session; questions without an answer take their default, if any.
    `origins` says which file each answer came from (and whether it was measured): the
    report lists the measured ones."""
    answers = check_answers(flow, raw, source, origins)
    session = Session(flow, context, clock)
    for key, origin in (origins or {}).items():
        if key in answers:
            session.offer(key, answers[key], origin)
    while (question := session.current) is not None:
        if question.id in session.answers:  # one answer per question: it would loop forever
            raise FlowError(
                f"{flow.source or flow.id}: question '{question.id}' is asked a second time: "
                "a route leads back to it, and an answers file holds one answer per question"
            )
        try:  # bounds that depend on earlier answers are known only now
            answered = answer_or_default(session, answers.get(question.id))
        except AnswerError as error:
            raise BadInput(f"{_file_of(question.id, source, origins)}: {error}") from None
        if not answered:
            raise Incomplete(
                f"{source}: incomplete: the conversation reached question '{question.id}' "
                f"(\"{question.prompt}\") and found no answer; it expects "
                f"{values.expected(question)}"
            )
    return session


def unused(session: Session, raw: Mapping[str, Any]) -> list[str]:
    """Answers given for questions this path never asked, in the order given."""
    return [key for key in raw if key not in session.answers]
