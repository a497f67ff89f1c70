"""A conversation over a flow: the current question, answers, going back, and the result.

Every driver (the chat, `advisor run`, transcript replay) moves a conversation only
through a Session, so a decision, a reason or a pitfall is worked out in one place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, NamedTuple

from advisor.engine.known_facts import SessionFacts
from advisor.engine.machine import machine_for
from advisor.engine.offers import Offers, Origin
from advisor.engine.wording import render
from advisor.errors import AnswerError, FlowError
from advisor.facts import Context
from advisor.flow import values
from advisor.flow.conditions import evaluate
from advisor.flow.graph import questions_ahead
from advisor.flow.model import (
    ITEMS,
    Decision,
    Flow,
    Outcome,
    Pitfall,
    Question,
    Route,
    SummaryPart,
    Value,
)


class Step(NamedTuple):
    """One answer as given: which question, the normalised value, and when."""

    question_id: str
    value: Value
    at: datetime
    defaulted: bool = False  # accepted the flow's default rather than giving a value


class Taken(NamedTuple):
    """A route followed, and how many answers had been given when it was (a tuple: one
    is made for every route of every answer)."""

    node_id: str
    route: Route
    after_answers: int


class Progress(NamedTuple):
    number: int  # the current question's position on the path, from 1
    low: int  # the fewest questions that can follow it
    high: int | None  # the most (None: no bound)


class Session:
    def __init__(
        self,
        flow: Flow,
        context: Context | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.flow = flow
        self.context = context or Context()
        self._clock = clock or (lambda: datetime.now(UTC))
        self._machine = machine_for(flow)
        self.state: str = flow.start
        self.answers: dict[str, Value] = {}
        self.steps: list[Step] = []
        self._taken: list[Taken] = []
        self._suggestions: dict[str, Value] = {}
        # Suggestions that were the flow's default when given: they follow the default
        # (which `default_from` may compute from a changed answer), not the stale value.
        self._defaulted: set[str] = set()
        # step index → the one-line reaction said after it (the chat asks for them)
        self._reactions: dict[int, str] = {}
        self.offers = Offers()  # answers from files, offered as their questions come
        self.facts = SessionFacts(self)
        self._settle()

    # --- where the conversation is ------------------------------------------------------

    @property
    def current(self) -> Question | None:
        """The question waiting for an answer; None once an outcome is reached."""
        node = self.flow.nodes[self.state]
        return node if isinstance(node, Question) else None

    @property
    def finished(self) -> bool:
        return self.state in self.flow.outcomes

    @property
    def outcome(self) -> Outcome | None:
        return self.flow.outcomes.get(self.state)

    @property
    def path(self) -> list[str]:
        """The ids of the questions answered, in order."""
        return [step.question_id for step in self.steps]

    def progress(self) -> Progress:
        low, high = 0, 0
        if not self.finished:
            ahead = questions_ahead(self.flow)
            nexts = [r.to for r in self.flow.routes_of(self.state)]
            spans = [ahead[n] for n in nexts if n in ahead]
            low = min((s[0] for s in spans), default=0)
            highs = [s[1] for s in spans]
            high = None if None in highs else max((h or 0 for h in highs), default=0)
        return Progress(number=len(self.steps) + 1, low=low, high=high)

    # --- answering ----------------------------------------------------------------------

    def default_for(self, question: Question) -> Value | None:
        """The flow's default for a question, computing `default_from` from known facts."""
        source = question.default_from
        if source is None:
            return question.default
        base = self.facts.get(source.fact)
        if question.kind == "choice":
            return base if isinstance(base, str) else None
        if not isinstance(base, int | float) or isinstance(base, bool):
            return None
        value: float = base * source.scale
        if question.min is not None:
            value = max(value, question.min)
        if question.max is not None:
            value = min(value, question.max)
        bound = self.facts.get(question.max_from) if question.max_from else None
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            value = min(value, bound)
        return round(value) if question.integer else value

    def suggested(self, question: Question) -> Value | None:
        """What to offer: the answer given before going back, else one from an answers
        file (`offer`), else the flow's default."""
        if question.id in self._defaulted:
            return self.default_for(question)
        earlier = self._suggestions.get(question.id)
        if earlier is not None:
            return earlier
        offered = self.offers.value(question.id)
        return offered if offered is not None else self.default_for(question)

    def offer(self, question_id: str, raw: Any, origin: Origin) -> Value:
        """Offer an answer from a file for when its question comes (checked like any
        answer: AnswerError if it does not fit, KeyError if there is no such question)."""
        value = values.coerce(self.flow.questions[question_id], raw)
        self.offers.add(question_id, value, origin)
        return value

    def answer(self, raw: Any, *, defaulted: bool = False) -> Value:
        """Answer the current question. A value that does not fit raises AnswerError and
        leaves the session exactly as it was."""
        question = self.current
        if question is None:
            raise RuntimeError("the conversation is finished; there is no question to answer")
        value = values.coerce(question, raw)
        self._check_bound(question, value)
        self.answers[question.id] = value
        self.steps.append(Step(question.id, value, self._clock(), defaulted))
        self._suggestions.pop(question.id, None)
        self._defaulted.discard(question.id)
        self._changed()
        self._advance()
        return value

    def _check_bound(self, question: Question, value: Value) -> None:
        """A number that may not exceed an earlier answer (`max_from`)."""
        if question.max_from:
            values.check_bound(question, value, self.facts.get(question.max_from))

    def back(self) -> bool:
        """Undo the last answer; it stays as the suggestion for its question."""
        if not self.steps:
            return False
        step = self.steps.pop()
        self._reactions.pop(len(self.steps), None)
        del self.answers[step.question_id]
        self._suggestions[step.question_id] = step.value
        if step.defaulted:
            self._defaulted.add(step.question_id)
        else:
            self._defaulted.discard(step.question_id)
        while self._taken and self._taken[-1].after_answers > len(self.steps):
            self._taken.pop()  # in order of answers: the routes after this one are at the end
        self._machine.jump(self, step.question_id)
        self._changed()
        return True

    def reopen(self, question_id: str) -> bool:
        """Go back to an answered question; later answers become suggestions."""
        if question_id not in self.answers:
            return False
        while self.back():
            if self.state == question_id:
                return True
        return False

    def continue_with_suggestions(self) -> None:
        """Re-answer each question reached that still has an earlier answer, stopping at the
        first that has none: what-if without retyping what still applies. An earlier answer
        that was the default takes the default again, as computed now."""
        while (question := self.current) is not None and question.id in self._suggestions:
            defaulted = question.id in self._defaulted
            value = self.default_for(question) if defaulted else self._suggestions[question.id]
            if value is None:
                return
            try:
                self.answer(value, defaulted=defaulted)
            except AnswerError:
                return

    @property
    def earlier_answers(self) -> dict[str, Value]:
        """Answers taken back (by going back or reopening) and not given again yet: the
        suggestions the chat offers, and what a saved transcript keeps of them."""
        return dict(self._suggestions)

    def keep_earlier_answer(self, question_id: str, raw: Any) -> Value:
        """Restore an answer taken back in an earlier run (resuming a saved conversation).

        Checked like any answer: AnswerError if it does not fit the question, KeyError if
        the flow has no such question.
        """
        value = values.coerce(self.flow.questions[question_id], raw)
        if question_id not in self.answers:
            self._suggestions[question_id] = value
            self._defaulted.discard(question_id)
        return value

    @property
    def dropped(self) -> dict[str, Value]:
        """Earlier answers to questions the current path no longer reaches (once finished)."""
        return dict(self._suggestions) if self.finished else {}

    # --- what the path says -------------------------------------------------------------

    def reasons(self) -> list[str]:
        """The routes' reasons along the path, then the outcome's and those of its reason
        parts that hold (advisor.flow.model.SummaryPart), in words."""
        texts = [t.route.why for t in self._taken if t.route.why]
        outcome = self.outcome
        if outcome is not None and outcome.why:
            texts.append(outcome.why)
        rendered = [render(text, self.flow, self.facts) for text in texts]
        if outcome is not None:
            rendered += self._parts(outcome.why_parts)
        return list(dict.fromkeys(rendered))

    def pitfalls(self) -> list[Pitfall]:
        if not self.finished:
            return []
        return [p for p in self.flow.pitfalls if evaluate(p.when, self.facts)]

    def reaction(self) -> str | None:
        """The advisor's one-line reaction to the last answer, if the flow has one; kept
        (`reactions`) so a saved conversation shows it again. Worked out only when asked:
        a reaction may read costs, which headless runs need not compute per answer."""
        if not self.steps:
            return None
        index = len(self.steps) - 1
        if index in self._reactions:
            return self._reactions[index]
        question = self.flow.questions[self.steps[-1].question_id]
        for reaction in question.reactions:
            if evaluate(reaction.when, self.facts):
                said = render(reaction.say, self.flow, self.facts)
                self._reactions[index] = said
                return said
        return None

    def keep_reaction(self, said: str) -> None:
        """The reaction the last answer got when it was first given (restoring a saved
        conversation): shown again as it was said."""
        if self.steps:
            self._reactions[len(self.steps) - 1] = said

    @property
    def reactions(self) -> dict[int, str]:
        """Step index → the reaction said after that answer (only those worked out)."""
        return dict(self._reactions)

    def render(self, template: str) -> str:
        return render(template, self.flow, self.facts)

    def summary(self) -> str:
        """The outcome's summary, then each of its parts that holds (advisor.flow.model.
        SummaryPart): a part's items are those whose conditions hold, as a list."""
        outcome = self.outcome
        if outcome is None:
            raise RuntimeError("the conversation has not reached an outcome")
        texts = [self.render(outcome.summary), *self._parts(outcome.parts)]
        return " ".join(text.strip() for text in texts)

    def _parts(self, parts: tuple[SummaryPart, ...]) -> list[str]:
        """The parts that hold, in words; a part's items are those that hold, as a list."""
        texts = []
        for part in parts:
            if not evaluate(part.when, self.facts):
                continue
            if not part.items:
                texts.append(self.render(part.say))
                continue
            said = [self.render(i.say) for i in part.items if evaluate(i.when, self.facts)]
            if said:
                before, _, after = part.say.partition(ITEMS)
                texts.append(self.render(before) + values.join_words(said) + self.render(after))
        return texts

    # --- internals ----------------------------------------------------------------------

    def _route_taken(self, node_id: str, route: Route) -> None:
        self._taken.append(Taken(node_id, route, len(self.steps)))

    def _changed(self) -> None:
        self.facts = SessionFacts(self)

    def _advance(self) -> None:
        if not self._machine.advance(self):
            raise self._broken("no route applies to these answers")  # the loader forbids it
        self._settle()

    def _settle(self) -> None:
        """Pass through decisions, which ask nothing, until a question or an outcome."""
        for _ in range(len(self.flow.nodes) + 1):
            if not isinstance(self.flow.nodes[self.state], Decision):
                return
            if not self._machine.advance(self):
                raise self._broken("no route applies to these answers")
        raise self._broken("for these answers the decisions route in a circle without end")

    def _broken(self, what: str) -> FlowError:
        """A flow that loads but fails on some answers: the user's file, not a crash
        (`advisor flows check` finds these before anyone runs into them)."""
        kind = "decision" if isinstance(self.flow.nodes[self.state], Decision) else "question"
        where = self.flow.source or f"flow '{self.flow.id}'"
        return FlowError(f"{where}: {kind} '{self.state}': {what}; run advisor flows check")
