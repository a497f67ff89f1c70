"""The answers the path check tries for each question (advisor.flowcheck.paths): one per class
of answers that no condition can tell apart, or random ones over a question's whole range.

What "every way" means. A question's answers are grouped into classes that no route
condition can tell apart, and one representative per class is answered:
- choice and multi-choice: choices that appear in exactly the same condition operands are
  interchangeable; a multi-choice answer is a subset of classes (a class none, part or all
  picked where a condition can tell those apart);
- yes/no: both answers, where a condition reads it;
- number: for every value a condition compares it with, v-1, v and v+1 (integers) or v-ε,
  v and v+ε (real numbers, ε at most half the gap to the next value), plus min and max;
- text: every string a condition compares it with, plus one other;
- a question no route reads: one answer (its default when it has one).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from advisor.derived import derived_specs
from advisor.engine.session import Session
from advisor.errors import AnswerError
from advisor.facts import OUTCOME_FACTS
from advisor.flow.conditions import LIST_OPS, ORDER_OPS, SCALAR_OPS, Compare, Condition, comparisons
from advisor.flow.model import Flow, Question, Value
from advisor.flow.values import choice_ids, coerce

Domain = Callable[[Question, Session], list[Value]]


def route_conditions(flow: Flow) -> list[Condition]:
    """The conditions that steer a conversation: those of every route."""
    return [
        route.when
        for node_id in flow.nodes
        for route in flow.routes_of(node_id)
        if route.when is not None
    ]


def compares_by_fact(conditions: Iterable[Condition | None]) -> dict[str, list[Compare]]:
    found: dict[str, list[Compare]] = {}
    for condition in conditions:
        for compare in comparisons(condition):
            found.setdefault(compare.fact, []).append(compare)
    return found


def _operands(compare: Compare) -> set[Any]:
    value = compare.value
    return set(value) if isinstance(value, tuple) else {value}


def _classes(question: Question, compares: list[Compare]) -> list[list[str]]:
    """Choice ids grouped by the operands they appear in: no condition can tell a group apart."""
    tested = [c for c in compares if c.op != "exists"]
    groups: dict[tuple[bool, ...], list[str]] = {}
    for choice_id in choice_ids(question):
        key = tuple(choice_id in _operands(c) for c in tested)
        groups.setdefault(key, []).append(choice_id)
    return list(groups.values())


def _subsets(question: Question, compares: list[Compare]) -> list[Value]:
    options: list[list[list[str]]] = []
    for group in _classes(question, compares):
        states = [[], group[:1]]
        # With eq, ne or contains_all, "some of a group" and "all of it" can differ.
        if len(group) > 1 and any(
            c.op in ("eq", "ne", "contains_all") and set(group) <= _operands(c)
            for c in compares
        ):
            states.append(group)
        options.append(states)
    order = {c.id: i for i, c in enumerate(question.choices)}
    subsets: list[Value] = []
    for combination in itertools.product(*options):
        picked = sorted((cid for part in combination for cid in part), key=order.__getitem__)
        if picked:
            subsets.append(picked)
    return subsets


def _in_range(question: Question, number: float) -> bool:
    if question.min is not None and number < question.min:
        return False
    if question.max is not None and number > question.max:
        return False
    return abs(number) <= 10**18


def _clean(question: Question, number: Decimal) -> int | float:
    if question.integer or number == number.to_integral_value():
        return int(number)
    return float(number)


def number_points(question: Question, compares: list[Compare]) -> list[int | float]:
    """The boundary values of every comparison on a number question, plus its min and max."""
    values: set[Decimal] = set()
    for compare in compares:
        if compare.op in ORDER_OPS + SCALAR_OPS + LIST_OPS:
            for item in _operands(compare):
                number = isinstance(item, int | float) and not isinstance(item, bool)
                if number and math.isfinite(item):
                    values.add(Decimal(str(item)))
    if not values:
        return []
    bounds = {Decimal(str(b)) for b in (question.min, question.max) if b is not None}
    points: set[Decimal] = set(bounds)
    if question.integer:
        for v in values:
            low, high = math.floor(v), math.ceil(v)
            points.update(Decimal(n) for n in (low - 1, low, high, high + 1))
    else:
        ordered = sorted(values | bounds)
        gaps = [b - a for a, b in itertools.pairwise(ordered)]
        epsilon = min([Decimal(1), *gaps]) / 2
        for v in values:
            points.update((v - epsilon, v, v + epsilon))
    # The compared values themselves first: answer files made from these paths (`flows
    # cover`) then read like real answers (500 examples rather than 499 or 100,000,000).
    ordered = sorted(values) + sorted(points - values)
    return [_clean(question, p) for p in ordered if _in_range(question, float(p))]


def typical(question: Question) -> Value:
    """One ordinary answer, for a question whose answer no route reads and that has no
    default."""
    if question.kind == "choice":
        return question.choices[0].id
    if question.kind == "multi_choice":
        return [question.choices[0].id]
    if question.kind == "yes_no":
        return True
    if question.kind == "text":
        return "example"[: question.max_length]
    for candidate in (1, question.min, question.max, 0):
        if candidate is not None and _in_range(question, candidate):
            return int(candidate) if question.integer else candidate
    return 0


def representatives(question: Question, compares: list[Compare]) -> list[Value] | None:
    """One answer per class that the comparisons can tell apart; None when no comparison
    tells any answers apart (then one ordinary answer will do)."""
    if not [c for c in compares if c.op != "exists"]:
        return None
    if question.kind == "choice":
        return [group[0] for group in _classes(question, compares)]
    if question.kind == "multi_choice":
        return _subsets(question, compares)
    if question.kind == "yes_no":
        return [True, False]
    if question.kind == "number":
        return list(number_points(question, compares)) or None
    strings = sorted(
        {str(v) for c in compares if c.op in SCALAR_OPS + LIST_OPS for v in _operands(c)}
    )
    other = question.default if isinstance(question.default, str) else "something else"
    if other in strings:
        other = "none of these " + "".join(strings)[:20]
    return [s[: question.max_length] for s in [*strings, other]]


def make_domain(flow: Flow, conditions: Iterable[Condition | None]) -> Domain:
    by_fact = compares_by_fact(conditions)
    fixed = {q.id: representatives(q, by_fact.get(q.id, [])) for q in flow.questions.values()}

    def domain(question: Question, session: Session) -> list[Value]:
        values = fixed[question.id]
        if values is not None:
            return values
        default = session.default_for(question)
        if default is not None:
            try:
                return [coerce(question, default)]
            except AnswerError:  # the check reports the bad default; answer around it
                pass
        return [typical(question)]

    return domain


def _round_numbers(question: Question) -> list[int | float]:
    """1, 2, 5, 10, 20, 50 … within the question's bounds: numbers people answer with.
    Asked for at every random answer, so kept per bounds."""
    key = (question.min, question.max, question.integer)
    found = _ROUND.get(key)
    if found is None:
        found = _ROUND[key] = _round_numbers_within(question)
    return found


_ROUND: dict[tuple[object, ...], list[int | float]] = {}


def _round_numbers_within(question: Question) -> list[int | float]:
    found: list[int | float] = []
    for exponent in range(-4, 13):
        for mantissa in (1, 2, 5):
            number = Decimal(mantissa).scaleb(exponent)
            if question.integer and number != number.to_integral_value():
                continue
            if _in_range(question, float(number)):
                found.append(_clean(question, number))
    return found


def random_value(
    question: Question,
    rng: random.Random,
    points: list[int | float],
    *,
    round_numbers: bool = False,
) -> Value:
    """A random valid answer over the question's whole domain; numbers favour the boundary
    `points` and otherwise spread over orders of magnitude (with `round_numbers`, only
    over 1, 2, 5, 10, …, and plain text, so that the answers read like real ones)."""
    ids = choice_ids(question) if question.kind == "choice" else [c.id for c in question.choices]
    if question.kind == "choice":
        return rng.choice(ids)
    if question.kind == "multi_choice":
        picked = set(rng.sample(ids, rng.randint(1, len(ids))))
        return [cid for cid in ids if cid in picked]
    if question.kind == "yes_no":
        return rng.random() < 0.5
    if question.kind == "text":
        if round_numbers:  # text steers nothing here: keep it plain
            default = question.default if isinstance(question.default, str) else "example"
            return default[: question.max_length]
        text = rng.choice(["", "example", "Answer [/bold] tickets {examples} $5 <b>", "é" * 3])
        return text[: question.max_length]
    if points and rng.random() < 0.4:
        return rng.choice(points)
    if round_numbers:
        return rng.choice(_round_numbers(question) or points or [typical(question)])
    low = question.min if question.min is not None else 0.0
    high = question.max if question.max is not None else max(low, 0) + 1e7
    if rng.random() < 0.1 or high <= low:
        number: float = low
    else:
        floor = max(low, 1.0 if question.integer else 1e-3)
        if high > floor > 0 and rng.random() < 0.8:
            number = math.exp(rng.uniform(math.log(floor), math.log(high)))
        else:
            number = rng.uniform(low, high)
    number = min(max(number, low), high)
    if question.integer:
        whole = round(number)
        return whole if _in_range(question, whole) else int(low)
    return number


def within_bounds(question: Question, session: Session, found: list[Value]) -> list[Value]:
    """Answers brought within a bound that depends on an earlier answer (`max_from`),
    each once."""
    bound = session.facts.get(question.max_from) if question.max_from else None
    if not isinstance(bound, int | float) or isinstance(bound, bool):
        return found
    kept: list[Value] = []
    for value in found:
        if isinstance(value, int | float) and not isinstance(value, bool) and value > bound:
            value = int(bound) if question.integer else bound
        if value not in kept:
            kept.append(value)
    return kept


def derived_facts_read(flow: Flow) -> tuple[str, ...]:
    """Derived facts (computed by code from the answers) that routes or pitfalls read."""
    derived = set(derived_specs()) - {spec.name for spec in OUTCOME_FACTS}
    conditions = [*route_conditions(flow), *(p.when for p in flow.pitfalls)]
    read = {c.fact for cond in conditions for c in comparisons(cond)}
    return tuple(sorted(read & derived))


def random_points(flow: Flow, routing: list[Any]) -> dict[str, list[int | float]]:
    """The numbers each number question's random answers gather around."""
    by_fact = compares_by_fact([*routing, *(p.when for p in flow.pitfalls)])
    return {
        q.id: number_points(q, by_fact.get(q.id, []))
        for q in flow.questions.values()
        if q.kind == "number"
    }
