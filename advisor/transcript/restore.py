"""A session brought back from its transcript, by answering the recorded answers again.

Nothing is copied into the session behind the engine's back: each recorded answer goes
through `Session.answer`, at its recorded time, so a restored session is exactly one the
person could have had — under today's flow, which may ask differently than it did.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from advisor.engine.drive import answer_or_default
from advisor.engine.session import Session, Step
from advisor.errors import AnswerError, BadInput
from advisor.facts import Context
from advisor.flow.model import Flow, Question
from advisor.suggest import did_you_mean
from advisor.transcript.format import StepRecord, Transcript
from advisor.transcript.record import now_utc
from advisor.transcript.rules import check_transcript


class RecordedClock:
    """A session clock that tells the recorded time of the answer being restored, and the
    real (or injected) time for every answer after that."""

    def __init__(self, fallback: Callable[[], datetime] | None = None) -> None:
        self.fallback = fallback or now_utc
        self.pending: datetime | None = None

    def __call__(self) -> datetime:
        if self.pending is not None:
            at, self.pending = self.pending, None
            return at
        return self.fallback()


def flow_for(
    transcript: Transcript, spec: str | None = None, *, name: str = "transcript"
) -> Flow:
    """The flow to continue a transcript with: `spec` (an id or path, like --flow), else the
    shipped flow of the recorded id. BadInput names the file and the field, also when the
    transcript breaks a rule of its flow (advisor.transcript.rules)."""
    from advisor.engine.flows import load_flow
    from advisor.flow.library import resolve, shipped

    recorded = transcript.flow.id
    if spec is None:
        flows = shipped()
        if recorded not in flows:
            raise BadInput(
                f"{name}: flow.id: no shipped flow is called '{recorded}'"
                f"{did_you_mean(recorded, flows)}; give the flow file with --flow PATH"
            )
        spec = flows[recorded]
    flow = load_flow(resolve(spec))
    check_transcript(transcript, flow, name)
    return flow


def flow_changed_note(transcript: Transcript, flow: Flow) -> str | None:
    """A line saying the flow is not the one the conversation was held with, if so."""
    if transcript.flow.content_hash == flow.content_hash:
        return None
    old, new = transcript.flow.version, flow.version
    versions = f"version {old} → {new}" if old != new else f"still version {new}, edited"
    return f"the flow '{flow.id}' has changed since this conversation was saved ({versions})"


@dataclass
class Restorer:
    """Answers a transcript's recorded answers into a new session, one at a time.

    `steps()` yields each answer as it is given, so the chat can play a conversation back
    at a readable pace; `finish()` gives the rest at once. With `fill_defaults`, a question
    the transcript has no answer for takes its default (as headless runs do) and the
    restoring goes on; without it, restoring stops there — the question to ask next.
    With `with_reactions` (the chat), each answer gets the reaction it got when it was
    given (recorded in the transcript), or, in a transcript that has none recorded, the
    one today's flow says.
    """

    transcript: Transcript
    flow: Flow
    context: Context | None = None
    clock: Callable[[], datetime] | None = None
    fill_defaults: bool = False
    with_reactions: bool = False
    session: Session = field(init=False)
    # question id → the problem, for recorded answers today's flow refuses
    unfit: dict[str, AnswerError] = field(init=False, default_factory=dict)
    # questions that took their default because the transcript has no answer for them
    defaulted: list[str] = field(init=False, default_factory=list)
    _clock: RecordedClock = field(init=False)
    _recorded: dict[str, StepRecord] = field(init=False)
    _used: set[str] = field(init=False, default_factory=set)
    _done: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self._clock = RecordedClock(self.clock)
        self.session = Session(self.flow, self.context, self._clock)
        self._recorded = {step.question_id: step for step in self.transcript.steps}

    def steps(self) -> Iterator[Step]:
        session = self.session
        while not self._done and (question := session.current) is not None:
            recorded = self._recorded.get(question.id)
            if recorded is not None and question.id not in self._used:
                self._clock.pending = recorded.at
                try:
                    answer_or_default(session, recorded.value, defaulted=recorded.defaulted)
                except AnswerError as error:
                    self._clock.pending = None
                    self.unfit[question.id] = error
                    break
                self._used.add(question.id)
                if self.with_reactions:
                    if recorded.reaction is not None:
                        session.keep_reaction(recorded.reaction)
                    else:
                        session.reaction()
            elif self.fill_defaults and answer_or_default(session):
                self.defaulted.append(question.id)
            else:
                break
            yield session.steps[-1]
        self._done = True

    @property
    def stopped_at(self) -> Question | None:
        """The question restoring stopped at (None when the conversation is finished)."""
        return self.session.current

    @property
    def not_reached(self) -> list[StepRecord]:
        """Recorded answers today's path did not ask for, in their recorded order."""
        return [s for s in self.transcript.steps if s.question_id not in self._used]

    def finish(self) -> Restored:
        """Answer whatever is left, keep every other recorded answer as a suggestion, and
        say what the person should know."""
        for _ in self.steps():
            pass
        session, notes = self.session, []
        changed = flow_changed_note(self.transcript, self.flow)
        if changed:
            notes.append(changed)
        for question_id, error in self.unfit.items():
            notes.append(f"your answer to '{question_id}' no longer fits: {error.short()}")
        kept = [(s.question_id, s.value) for s in self.not_reached]
        kept += [(q, v) for q, v in self.transcript.earlier_answers.items()]
        for question_id, value in kept:
            if question_id in session.answers or question_id in session.earlier_answers:
                continue
            if question_id not in self.flow.questions:
                notes.append(f"'{question_id}' is no longer asked; your answer was set aside")
                continue
            try:
                session.keep_earlier_answer(question_id, value)
            except AnswerError as error:
                if question_id not in self.unfit:
                    notes.append(
                        f"your earlier answer to '{question_id}' no longer fits: {error.short()}"
                    )
        for question_id in self.defaulted:
            notes.append(f"'{question_id}' was not answered before; it took its default")
        draft = self.transcript.draft
        current = session.current
        typed = None
        if draft is not None and current is not None and current.id == draft.question_id:
            typed = (draft.question_id, draft.text)
        return Restored(session, notes, typed)


@dataclass(frozen=True)
class Restored:
    session: Session
    notes: list[str]  # plain text, for the person resuming (no markup)
    draft: tuple[str, str] | None = None  # (question id, text typed but not confirmed)


def restore_session(
    transcript: Transcript,
    flow: Flow,
    *,
    context: Context | None = None,
    clock: Callable[[], datetime] | None = None,
    with_reactions: bool = False,
) -> Restored:
    """The session a transcript describes, ready to go on from where it stopped."""
    return Restorer(transcript, flow, context, clock, with_reactions=with_reactions).finish()


def resume(
    path: str | os.PathLike[str],
    *,
    flow_spec: str | None = None,
    context: Context | None = None,
    clock: Callable[[], datetime] | None = None,
) -> tuple[Transcript, Restored]:
    """Load a saved conversation and restore it as it was shown (its reactions and the
    text typed but not confirmed too): what `advisor chat --resume FILE` needs."""
    from advisor.transcript.store import load_transcript

    name = os.fspath(path)
    transcript = load_transcript(name)
    flow = flow_for(transcript, flow_spec, name=name)
    restored = restore_session(
        transcript, flow, context=context, clock=clock, with_reactions=True
    )
    return transcript, restored
