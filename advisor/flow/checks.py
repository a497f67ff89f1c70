"""Cross-reference checks on a parsed flow: what the file format alone cannot say.

Each check yields `Problem`s in file order. The loader refuses a flow on the first one;
a linter can show them all, grouped by `kind` and with a `hint` on how to fix each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advisor.errors import AnswerError
from advisor.flow import values
from advisor.flow.conditions import (
    LIST_OPS,
    MEMBER_LIST_OPS,
    MEMBER_OPS,
    ORDER_OPS,
    Compare,
    Condition,
    comparisons,
)
from advisor.flow.graph import components, looped
from advisor.flow.model import ITEMS, PLACEHOLDER, Flow, Outcome, Question, SummaryPart
from advisor.suggest import did_you_mean

if TYPE_CHECKING:
    from advisor.choices import ChoiceSource
    from advisor.flow.vocabulary import Vocabulary

NUMERIC_KINDS = ("number", "usd", "months")


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    kind: str = "flow"  # a stable code, e.g. "missing-node", that `advisor flows check` shows
    hint: str = ""  # how to fix it, in a sentence
    subject: str = ""  # the id the problem is about (a node, fact or choice), if any

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class FactType:
    """What a condition may compare a fact with."""

    kind: str  # a question kind or a FactSpec kind
    choices: tuple[str, ...] = ()
    source: ChoiceSource | None = None  # where further choices come from (`choices_from`)

    def has_choice(self, item: object) -> bool:
        if item in self.choices:
            return True
        if self.source is None or not isinstance(item, str):
            return False
        return self.source.resolve(item) == item


def fact_types(flow: Flow, vocabulary: Vocabulary) -> dict[str, FactType]:
    facts = vocabulary.facts()
    types = {name: FactType(spec.kind, spec.choices) for name, spec in facts.items()}
    sources = vocabulary.sources() if any(q.choices_from for q in flow.questions.values()) else {}
    for question in flow.questions.values():
        kind = {"choice": "choice", "multi_choice": "multi", "yes_no": "bool"}.get(
            question.kind, question.kind
        )
        types[question.id] = FactType(
            kind, tuple(c.id for c in question.choices), sources.get(question.choices_from)
        )
    return types


def duplicate_ids(sections: dict[str, Iterable[str]]) -> Iterator[Problem]:
    """Node ids share one namespace across questions, decisions and outcomes."""
    seen: dict[str, str] = {}
    for section, ids in sections.items():
        namespace = "pitfall" if section == "pitfall" else "node"
        for node_id in ids:
            key = f"{namespace}:{node_id}"
            if key in seen:
                yield Problem(
                    f"{section} '{node_id}'",
                    f"the id '{node_id}' is already used by {seen[key]}",
                    kind="duplicate-id",
                    hint="give each node (and each pitfall) an id of its own",
                    subject=node_id,
                )
            else:
                seen[key] = f"{section} '{node_id}'"


def _operand_problem(compare: Compare, fact: FactType) -> str | None:
    op, value = compare.op, compare.value
    name = compare.fact
    listed = list(value) if isinstance(value, tuple) else [value]
    if op == "exists":
        return None
    if fact.kind in ("choice", "multi"):
        allowed_ops = ("eq", "ne", *LIST_OPS) if fact.kind == "choice" else (
            "eq", "ne", *MEMBER_OPS, *MEMBER_LIST_OPS
        )
        if op not in allowed_ops:
            return f"'{op}' does not apply to '{name}', a {_kind_words(fact.kind)}"
        for item in listed:
            if not fact.has_choice(item):
                options = ", ".join(f"'{c}'" for c in fact.choices)
                return (
                    f"compares '{name}' with {item!r}, which is not one of its choices "
                    f"({options}){did_you_mean(str(item), fact.choices)}"
                )
        if fact.kind == "choice" and op in ("eq", "ne") and isinstance(value, tuple):
            return f"'{name}' holds one choice; compare it with one id, or use 'in'"
        return None
    if fact.kind == "bool":
        if op not in ("eq", "ne") or not isinstance(value, bool):
            return f"'{name}' is yes/no: compare it with eq = true or eq = false"
        return None
    if fact.kind in NUMERIC_KINDS:
        if op in MEMBER_OPS + MEMBER_LIST_OPS:
            return f"'{op}' does not apply to '{name}', a number"
        for item in listed:
            if isinstance(item, bool) or not isinstance(item, int | float):
                return f"compares '{name}', a number, with {item!r}"
        return None
    if fact.kind == "text":
        if op in ORDER_OPS + MEMBER_OPS + MEMBER_LIST_OPS:
            return f"'{op}' does not apply to '{name}', a text"
        for item in listed:
            if not isinstance(item, str):
                return f"compares '{name}', a text, with {item!r}"
    return None


def _kind_words(kind: str) -> str:
    return {"choice": "single choice", "multi": "multi-choice"}.get(kind, kind)


def condition_problems(
    condition: Condition | None, types: dict[str, FactType], where: str
) -> Iterator[Problem]:
    for compare in comparisons(condition):
        fact = types.get(compare.fact)
        if fact is None:
            yield Problem(
                where,
                f"reads the fact '{compare.fact}', which is no question of this flow "
                f"and no derived fact{did_you_mean(compare.fact, types)}",
                kind="unknown-fact",
                hint="read a question id of this flow or a derived fact (docs/flows.md lists them)",
                subject=compare.fact,
            )
            continue
        message = _operand_problem(compare, fact)
        if message:
            unknown_choice = "not one of its choices" in message
            yield Problem(
                where,
                message,
                kind="unknown-choice" if unknown_choice else "bad-comparison",
                hint=(
                    f"compare '{compare.fact}' with one of its choice ids"
                    if unknown_choice
                    else "use an operator and a value that fit the fact's kind (docs/flows.md)"
                ),
                subject=compare.fact,
            )


def template_problems(text: str, types: dict[str, FactType], where: str) -> Iterator[Problem]:
    for name in PLACEHOLDER.findall(text):
        if name not in types:
            yield Problem(
                where,
                f"the text names '{{{name}}}', which is no fact{did_you_mean(name, types)}",
                kind="unknown-fact",
                hint="name a question id or a derived fact in braces, e.g. {examples}",
                subject=name,
            )


def _route_problems(
    flow: Flow, node_id: str, label: str, types: dict[str, FactType]
) -> Iterator[Problem]:
    routes = flow.routes_of(node_id)
    for number, route in enumerate(routes, start=1):
        where = f"{label} '{node_id}', route {number}"
        if route.to not in flow.nodes:
            yield Problem(
                where,
                f"goes to '{route.to}', which is not a node of this flow"
                f"{did_you_mean(route.to, flow.nodes)}",
                kind="missing-node",
                hint="point 'to' at the id of a question, decision or outcome, or add that node",
                subject=route.to,
            )
        yield from condition_problems(route.when, types, where)
        yield from template_problems(route.why, types, where)
    if routes and routes[-1].when is not None:
        yield Problem(
            f"{label} '{node_id}'",
            "has no fallback route: the last route must have no 'when', "
            "so that every answer leads somewhere",
            kind="no-fallback",
            hint="add a last route without 'when'",
            subject=node_id,
        )


def _default_problems(question: Question, types: dict[str, FactType]) -> Iterator[Problem]:
    where = f"question '{question.id}'"
    if question.default is not None:
        try:
            values.coerce(question, question.default)
        except AnswerError as error:
            yield Problem(
                where,
                f"its default does not fit: {error.short()}",
                kind="bad-default",
                hint="make the default a valid answer to the question, or remove it",
                subject=question.id,
            )
    source = question.default_from
    wanted = ("text", "choice") if question.kind == "choice" else NUMERIC_KINDS
    if source is not None:
        fact = types.get(source.fact)
        if fact is None or fact.kind not in wanted:
            noun = "text or choice" if question.kind == "choice" else "number"
            yield Problem(
                where,
                f"default_from reads '{source.fact}', which is no {noun} fact"
                f"{did_you_mean(source.fact, types)}",
                kind="bad-default",
                hint=f"let default_from read a {noun} fact known by then",
                subject=source.fact,
            )
    if question.max_from:
        fact = types.get(question.max_from)
        if fact is None or fact.kind not in NUMERIC_KINDS:
            yield Problem(
                where,
                f"max_from reads '{question.max_from}', which is no number fact"
                f"{did_you_mean(question.max_from, types)}",
                kind="bad-default",
                hint="let max_from read a number question asked earlier",
                subject=question.max_from,
            )


def _source_problems(question: Question, vocabulary: Vocabulary) -> Iterator[Problem]:
    if not question.choices_from:
        return
    sources = vocabulary.sources()
    if question.choices_from not in sources:
        yield Problem(
            f"question '{question.id}'",
            f"choices_from names '{question.choices_from}', which is no source of choices"
            f"{did_you_mean(question.choices_from, sources)}",
            kind="unknown-source",
            hint="name a source of choices (docs/flows.md lists them), or list the choices",
            subject=question.choices_from,
        )


def problems(flow: Flow, vocabulary: Vocabulary) -> Iterator[Problem]:
    """Every cross-reference problem, in file order, the facts and sources of choices it
    names checked against `vocabulary`."""
    types = fact_types(flow, vocabulary)
    if flow.start not in flow.questions and flow.start not in flow.decisions:
        yield Problem(
            "flow",
            f"start '{flow.start}' is not a question or decision of this flow"
            f"{did_you_mean(flow.start, flow.nodes)}",
            kind="missing-node",
            hint="set 'start' to the id of a question or decision (or leave it out: "
            "the first question)",
            subject=flow.start,
        )
    for question in flow.questions.values():
        where = f"question '{question.id}'"
        seen: set[str] = set()
        for choice in question.choices:
            if choice.id in seen:
                yield Problem(
                    where,
                    f"the choice id '{choice.id}' is used twice",
                    kind="duplicate-id",
                    hint="give each choice an id of its own",
                    subject=choice.id,
                )
            seen.add(choice.id)
        yield from _source_problems(question, vocabulary)
        yield from _default_problems(question, types)
        yield from _route_problems(flow, question.id, "question", types)
        for number, reaction in enumerate(question.reactions, start=1):
            at = f"{where}, reaction {number}"
            yield from condition_problems(reaction.when, types, at)
            yield from template_problems(reaction.say, types, at)
    for decision_id in flow.decisions:
        yield from _route_problems(flow, decision_id, "decision", types)
    for outcome in flow.outcomes.values():
        yield from _outcome_problems(outcome, types)
    yield from _decision_loops(flow)
    for pitfall in flow.pitfalls:
        where = f"pitfall '{pitfall.id}'"
        yield from condition_problems(pitfall.when, types, where)
        yield from template_problems(pitfall.advice, types, where)


def _outcome_problems(outcome: Outcome, types: dict[str, FactType]) -> Iterator[Problem]:
    where = f"outcome '{outcome.id}'"
    for text in (outcome.title, outcome.summary, outcome.why):
        yield from template_problems(text, types, where)
    for number, part in _numbered_parts(outcome):
        at = f"{where}, part {number}"
        yield from condition_problems(part.when, types, at)
        yield from template_problems(part.say.replace(ITEMS, ""), types, at)
        for item in part.items:
            yield from condition_problems(item.when, types, at)
            yield from template_problems(item.say, types, at)


def _numbered_parts(outcome: Outcome) -> Iterator[tuple[str, SummaryPart]]:
    """An outcome's summary parts (numbered 1, 2, …) and reason parts (why 1, why 2, …)."""
    for number, part in enumerate(outcome.parts, start=1):
        yield str(number), part
    for number, part in enumerate(outcome.why_parts, start=1):
        yield f"why {number}", part


def _decision_loops(flow: Flow) -> Iterator[Problem]:
    """Decisions ask nothing, so a cycle made only of decisions would never end. Each
    circle is named once, from its first decision in file order (components of the graph
    of decisions: linear in the flow's size, whatever its shape)."""
    reported: set[str] = set()
    cyclic = {n: c for c in components(flow, flow.decisions) if looped(flow, c) for n in c}
    for start in flow.decisions:
        if start in reported or start not in cyclic:
            continue
        trail = _circle(flow, start, set(cyclic[start]))
        reported.update(trail)
        loop = " → ".join([*trail, start])
        yield Problem(
            f"decision '{start}'",
            f"decisions route in a circle without asking anything ({loop})",
            kind="endless-loop",
            hint="route one decision of the circle to a question or an outcome",
            subject=start,
        )


def _circle(flow: Flow, start: str, members: set[str]) -> list[str]:
    """The shortest way round from `start` back to it, through `members` (its component):
    the decisions in order, `start` first."""
    came_from: dict[str, str] = {}
    queue = [start]
    for node in queue:
        for route in flow.routes_of(node):
            nxt = route.to
            if nxt == start:
                trail = [node]
                while trail[-1] != start:
                    trail.append(came_from[trail[-1]])
                return trail[::-1]
            if nxt in members and nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return [start]  # not reached: `start` is in a cycle of `members`
