"""The validated flow that the engine runs: plain, immutable objects.

The file format is described (and validated) by `advisor.flow.schema`; this module holds
what is left after validation, so running a flow never needs pydantic. Loaded flows are
cached in this form, which keeps a headless run close to the cost of its imports. The
parts of a flow are NamedTuples rather than frozen dataclasses, as the cost records are
(advisor.costs.prices.records): every headless run defines these classes, and a frozen
dataclass costs several times as much to define.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

from advisor.approaches import Approach
from advisor.choices import Choice, ChoiceSource
from advisor.flow.conditions import Condition

QuestionKind = Literal["choice", "multi_choice", "yes_no", "number", "text"]
QUESTION_KINDS: tuple[QuestionKind, ...] = ("choice", "multi_choice", "yes_no", "number", "text")

# A fact named in a flow text, filled in when the text is shown: "{requests_per_day}".
PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")

# An answer, normalised: choice → str, multi-choice → list[str], yes/no → bool,
# number → int or float, text → str.
Value = str | bool | int | float | list[str]


class Route(NamedTuple):
    to: str
    when: Condition | None
    why: str = ""


class Reaction(NamedTuple):
    """One short line the advisor says after an answer, when its condition holds."""

    when: Condition | None
    say: str


class DefaultFrom(NamedTuple):
    """A default computed from an earlier fact: `fact` × `scale` (rounded for integers); for
    a choice question, the fact's value (a choice id) as it is."""

    fact: str
    scale: float = 1.0


class Question(NamedTuple):
    id: str
    kind: QuestionKind
    prompt: str
    help: str
    routes: tuple[Route, ...]
    hint: str = ""
    choices: tuple[Choice, ...] = ()
    default: Value | None = None
    default_from: DefaultFrom | None = None
    integer: bool = False
    min: float | None = None
    max: float | None = None
    unit: str = ""
    max_length: int = 0
    reactions: tuple[Reaction, ...] = ()
    choices_from: str = ""  # a source of choices (the flow's vocabulary) adding to `choices`
    max_from: str = ""  # a number fact the answer may not exceed (e.g. the prompt's length)
    # The source `choices_from` names, joined on load (advisor.flow.loader); never cached.
    choice_source: ChoiceSource | None = None

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


class Decision(NamedTuple):
    """A node that asks nothing: it routes on facts already known."""

    id: str
    routes: tuple[Route, ...]


class SummaryPart(NamedTuple):
    """A sentence added to an outcome's summary when its condition holds at the outcome.

    With `items`, `say` holds `{items}`: the items whose conditions hold, joined as a
    list ("a, b and c"); with none holding, the part is left out. So "what would change
    the advice" names only the thresholds the person has not passed yet.
    """

    when: Condition | None
    say: str
    items: tuple[SummaryPart, ...] = ()


ITEMS = "{items}"  # where a summary part's items go


class Outcome(NamedTuple):
    id: str
    approach: Approach
    components: tuple[Approach, ...]
    title: str
    summary: str
    why: str = ""
    parts: tuple[SummaryPart, ...] = ()  # said after the summary, where they hold
    why_parts: tuple[SummaryPart, ...] = ()  # reasons said after `why`, where they hold


class Pitfall(NamedTuple):
    id: str
    title: str
    advice: str
    when: Condition | None


Node = Question | Decision | Outcome


class Flow:
    """A validated flow: its nodes by id, and `nodes`, all three kinds in one mapping.

    A plain class, not a dataclass: every headless run defines it, and a dataclass costs
    several times a NamedTuple to define. Not to be changed once made (`replace` makes
    another)."""

    __slots__ = (
        "content_hash", "decisions", "description", "id", "nodes", "outcomes", "pitfalls",
        "questions", "source", "start", "title", "version",
    )
    FIELDS = (
        "id", "title", "version", "description", "start", "questions", "decisions",
        "outcomes", "pitfalls", "source", "content_hash",
    )

    def __init__(
        self,
        id: str,
        title: str,
        version: str,
        description: str,
        start: str,
        questions: dict[str, Question],
        decisions: dict[str, Decision],
        outcomes: dict[str, Outcome],
        pitfalls: tuple[Pitfall, ...],
        source: str = "",
        content_hash: str = "",
    ) -> None:
        self.id = id
        self.title = title
        self.version = version
        self.description = description
        self.start = start
        self.questions = questions
        self.decisions = decisions
        self.outcomes = outcomes
        self.pitfalls = pitfalls
        self.source = source
        self.content_hash = content_hash
        self.nodes: dict[str, Node] = {**questions, **decisions, **outcomes}

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.FIELDS)

    def replace(self, **changes: object) -> Flow:
        """The same flow with some fields changed."""
        values = {name: getattr(self, name) for name in self.FIELDS}
        return Flow(**{**values, **changes})  # type: ignore[arg-type]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Flow) and self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]  # holds dicts: as unhashable as they are

    def __repr__(self) -> str:
        return f"Flow(id={self.id!r}, version={self.version!r}, source={self.source!r})"

    def routes_of(self, node_id: str) -> tuple[Route, ...]:
        node = self.nodes[node_id]
        return () if isinstance(node, Outcome) else node.routes

    def __reduce__(self) -> tuple[type[Flow], tuple[object, ...]]:
        return Flow, self._values()  # `nodes` is made again, not stored
