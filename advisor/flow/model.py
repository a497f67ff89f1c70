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
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    version: str
    description: str
    start: str
    questions: dict[str, Question]
    decisions: dict[str, Decision]
    outcomes: dict[str, Outcome]
    pitfalls: tuple[Pitfall, ...]
    source: str = ""
    content_hash: str = ""
    nodes: dict[str, Node] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "nodes", {**self.questions, **self.decisions, **self.outcomes}
        )

    def routes_of(self, node_id: str) -> tuple[Route, ...]:
        node = self.nodes[node_id]
        return () if isinstance(node, Outcome) else node.routes

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state.pop("nodes", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__post_init__()
