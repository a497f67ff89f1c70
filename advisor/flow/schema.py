"""The flow file format, as pydantic models, and its translation into `advisor.flow.model`.

Only the loader imports this module, and only when a flow is not in the cache: pydantic's
model machinery costs more to import than a whole cached headless run.

Discriminator tags are written `<name>` so that error locations can drop them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    StrictBool,
    StrictStr,
    Tag,
    model_validator,
)

from advisor.approaches import Approach
from advisor.flow import model as m
from advisor.flow.schema_conditions import (
    ChoiceId,
    ConditionIn,
    Id,
    Number,
    Prose,
    Text,
    _Strict,
    _when,
)


class RouteIn(_Strict):
    to: Id
    when: ConditionIn | None = None
    why: Prose = ""

    def to_domain(self) -> m.Route:
        return m.Route(to=self.to, when=_when(self.when), why=self.why)


class ReactionIn(_Strict):
    when: ConditionIn | None = None
    say: Text

    def to_domain(self) -> m.Reaction:
        return m.Reaction(when=_when(self.when), say=self.say)


class ChoiceIn(_Strict):
    id: ChoiceId
    label: Text
    hint: Prose = ""


class DefaultFromIn(_Strict):
    fact: Id
    scale: Number = 1.0


class _QuestionIn(_Strict):
    id: Id
    prompt: Text
    help: Text
    hint: Prose = ""
    routes: list[RouteIn] = Field(min_length=1)
    reactions: list[ReactionIn] = Field(default_factory=list)

    def _common(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "prompt": self.prompt,
            "help": self.help,
            "hint": self.hint,
            "routes": tuple(r.to_domain() for r in self.routes),
            "reactions": tuple(r.to_domain() for r in self.reactions),
        }


class _WithChoices(_QuestionIn):
    choices: list[ChoiceIn] = Field(min_length=2)

    def _choices(self) -> tuple[m.Choice, ...]:
        return tuple(m.Choice(c.id, c.label, c.hint) for c in self.choices)


class ChoiceDefaultFromIn(_Strict):
    fact: Id


class ChoiceQuestionIn(_WithChoices):
    kind: Literal["choice"]
    # With a source, the flow lists only the choices of its own (e.g. "custom"): one is enough.
    choices: list[ChoiceIn] = Field(min_length=1)
    choices_from: Id | None = None
    default: StrictStr | None = None
    default_from: ChoiceDefaultFromIn | None = None

    @model_validator(mode="after")
    def _enough(self) -> ChoiceQuestionIn:
        if self.choices_from is None and len(self.choices) < 2:
            raise ValueError("a choice question needs at least 2 choices, or a choices_from")
        if self.default is not None and self.default_from is not None:
            raise ValueError("give either default or default_from, not both")
        return self

    def to_domain(self) -> m.Question:
        default_from = None if self.default_from is None else m.DefaultFrom(self.default_from.fact)
        return m.Question(
            kind="choice",
            choices=self._choices(),
            choices_from=self.choices_from or "",
            default=self.default,
            default_from=default_from,
            **self._common(),
        )


class MultiChoiceQuestionIn(_WithChoices):
    kind: Literal["multi_choice"]
    default: list[StrictStr] | StrictStr | None = None

    def to_domain(self) -> m.Question:
        default = [self.default] if isinstance(self.default, str) else self.default
        return m.Question(
            kind="multi_choice", choices=self._choices(), default=default, **self._common()
        )


class YesNoQuestionIn(_QuestionIn):
    kind: Literal["yes_no"]
    default: StrictBool | None = None

    def to_domain(self) -> m.Question:
        choices = (m.Choice("yes", "Yes"), m.Choice("no", "No"))
        return m.Question(kind="yes_no", choices=choices, default=self.default, **self._common())


class NumberQuestionIn(_QuestionIn):
    kind: Literal["number"]
    integer: bool = False
    min: Number | None = None
    max: Number | None = None
    unit: str = ""
    default: Number | None = None
    default_from: DefaultFromIn | None = None
    max_from: Id | None = None

    @model_validator(mode="after")
    def _sane(self) -> NumberQuestionIn:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is greater than max ({self.max})")
        if self.default is not None and self.default_from is not None:
            raise ValueError("give either default or default_from, not both")
        return self

    def to_domain(self) -> m.Question:
        default_from = (
            None
            if self.default_from is None
            else m.DefaultFrom(self.default_from.fact, float(self.default_from.scale))
        )
        return m.Question(
            kind="number",
            integer=self.integer,
            min=self.min,
            max=self.max,
            unit=self.unit,
            default=self.default,
            default_from=default_from,
            max_from=self.max_from or "",
            **self._common(),
        )


class TextQuestionIn(_QuestionIn):
    kind: Literal["text"]
    max_length: int = Field(default=500, ge=1, le=100_000)
    default: StrictStr | None = None

    def to_domain(self) -> m.Question:
        return m.Question(
            kind="text", max_length=self.max_length, default=self.default, **self._common()
        )


def _kind_tag(raw: Any) -> str | None:
    if isinstance(raw, dict) and raw.get("kind") in m.QUESTION_KINDS:
        return f"<{raw['kind']}>"
    return None


QuestionIn = Annotated[
    Annotated[ChoiceQuestionIn, Tag("<choice>")]
    | Annotated[MultiChoiceQuestionIn, Tag("<multi_choice>")]
    | Annotated[YesNoQuestionIn, Tag("<yes_no>")]
    | Annotated[NumberQuestionIn, Tag("<number>")]
    | Annotated[TextQuestionIn, Tag("<text>")],
    Discriminator(
        _kind_tag,
        custom_error_type="kind",
        custom_error_message="kind must be one of: " + ", ".join(m.QUESTION_KINDS),
    ),
]


class DecisionIn(_Strict):
    id: Id
    routes: list[RouteIn] = Field(min_length=1)

    def to_domain(self) -> m.Decision:
        return m.Decision(id=self.id, routes=tuple(r.to_domain() for r in self.routes))


class SummaryItemIn(_Strict):
    when: ConditionIn | None = None
    say: Text

    def to_domain(self) -> m.SummaryPart:
        return m.SummaryPart(when=_when(self.when), say=self.say)


class SummaryPartIn(_Strict):
    when: ConditionIn | None = None
    say: Text
    items: list[SummaryItemIn] = Field(default_factory=list)

    @model_validator(mode="after")
    def _items_have_a_place(self) -> SummaryPartIn:
        if self.items and self.say.count(m.ITEMS) != 1:
            raise ValueError(f"say: a part with items names {m.ITEMS} once, where they go")
        return self

    def to_domain(self) -> m.SummaryPart:
        return m.SummaryPart(
            when=_when(self.when), say=self.say, items=tuple(i.to_domain() for i in self.items)
        )


class OutcomeIn(_Strict):
    id: Id
    approach: Approach
    components: list[Approach] = Field(min_length=1)
    title: Text
    summary: Text
    why: Prose = ""
    summary_parts: list[SummaryPartIn] = Field(default_factory=list)
    why_parts: list[SummaryPartIn] = Field(default_factory=list)

    def to_domain(self) -> m.Outcome:
        return m.Outcome(
            id=self.id,
            approach=self.approach,
            components=tuple(self.components),
            title=self.title,
            summary=self.summary,
            why=self.why,
            parts=tuple(p.to_domain() for p in self.summary_parts),
            why_parts=tuple(p.to_domain() for p in self.why_parts),
        )


class PitfallIn(_Strict):
    id: Id
    title: Text
    advice: Text
    when: ConditionIn

    def to_domain(self) -> m.Pitfall:
        return m.Pitfall(id=self.id, title=self.title, advice=self.advice, when=_when(self.when))


class FlowIn(_Strict):
    id: Id
    title: Text
    version: Text
    description: Prose = ""
    start: Id | None = None
    questions: list[QuestionIn] = Field(min_length=1)
    decisions: list[DecisionIn] = Field(default_factory=list)
    outcomes: list[OutcomeIn] = Field(min_length=1)
    pitfalls: list[PitfallIn] = Field(default_factory=list)

    def ids_by_section(self) -> dict[str, list[str]]:
        """Every id as written, duplicates included (the domain's dicts would hide them)."""
        return {
            "question": [q.id for q in self.questions],
            "decision": [d.id for d in self.decisions],
            "outcome": [o.id for o in self.outcomes],
            "pitfall": [p.id for p in self.pitfalls],
        }

    def to_domain(self, source: str, content_hash: str) -> m.Flow:
        questions = [q.to_domain() for q in self.questions]
        return m.Flow(
            id=self.id,
            title=self.title,
            version=self.version,
            description=self.description,
            start=self.start or questions[0].id,
            questions={q.id: q for q in questions},
            decisions={d.id: d.to_domain() for d in self.decisions},
            outcomes={o.id: o.to_domain() for o in self.outcomes},
            pitfalls=tuple(p.to_domain() for p in self.pitfalls),
            source=source,
            content_hash=content_hash,
        )
