"""Structured conditions: data that routes and pitfall rules use to read facts.

A condition is never code. It is a comparison of one fact with a value, or `all`, `any`
and `not` over other conditions. A comparison on a fact that is not known (a question
the path skipped, a derived fact that cannot be computed yet) is false; `not` inverts the
result, so `{not = {fact = "x", eq = 1}}` is true when `x` is unknown.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

# Operators and the kind of operand each takes; the schema and the loader read this table.
SCALAR_OPS = ("eq", "ne")
ORDER_OPS = ("lt", "le", "gt", "ge")
LIST_OPS = ("in", "not_in")
MEMBER_OPS = ("contains",)
MEMBER_LIST_OPS = ("contains_any", "contains_all", "only")
PRESENCE_OPS = ("exists",)
OPERATORS = SCALAR_OPS + ORDER_OPS + LIST_OPS + MEMBER_OPS + MEMBER_LIST_OPS + PRESENCE_OPS


class Compare(NamedTuple):
    fact: str
    op: str
    value: Any

    def describe(self) -> str:
        return f"{self.fact} {self.op} {self.value!r}"


# NamedTuples rather than frozen dataclasses, as the flow's other parts are (see
# advisor.flow.model); `all` and `any` of the same items are told apart all the same.
def _same_kind(self: tuple[Any, ...], other: object) -> bool:
    return type(other) is type(self) and tuple.__eq__(self, other)


def _other_kind(self: tuple[Any, ...], other: object) -> bool:
    return not _same_kind(self, other)


class All(NamedTuple):
    items: tuple[Condition, ...]

    __eq__ = _same_kind  # type: ignore[assignment]
    __ne__ = _other_kind  # type: ignore[assignment]
    __hash__ = tuple.__hash__


class Any_(NamedTuple):
    items: tuple[Condition, ...]

    __eq__ = _same_kind  # type: ignore[assignment]
    __ne__ = _other_kind  # type: ignore[assignment]
    __hash__ = tuple.__hash__


class Not(NamedTuple):
    item: Condition


Condition = Compare | All | Any_ | Not


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


_ORDER = {"lt": operator.lt, "le": operator.le, "gt": operator.gt, "ge": operator.ge}


def _compare(op: str, found: Any, wanted: Any) -> bool:
    if op == "exists":
        return (found is not None) == wanted
    if found is None:
        return False
    if op in ("eq", "ne"):
        if isinstance(found, list):  # a multi-choice: one id means a list of one
            same = set(found) == (set(wanted) if isinstance(wanted, tuple) else {wanted})
        else:
            same = found == wanted
        return same if op == "eq" else not same
    order = _ORDER.get(op)
    if order is not None:
        return _is_number(found) and order(found, wanted)
    if op == "in":
        return found in wanted
    if op == "not_in":
        return found not in wanted
    members = found if isinstance(found, list) else [found]
    if op == "contains":
        return wanted in members
    if op == "contains_any":
        return any(item in members for item in wanted)
    if op == "contains_all":
        return all(item in members for item in wanted)
    if op == "only":
        return bool(members) and all(item in wanted for item in members)
    raise ValueError(f"unknown operator {op!r}")  # the schema makes this unreachable


Test = Callable[[Mapping[str, Any]], bool]


def evaluate(condition: Condition | None, facts: Mapping[str, Any]) -> bool:
    """True when the condition holds for these facts; no condition always holds.

    Every route of every answer is evaluated, so each condition is turned once into a
    small function (kept per condition object) rather than interpreted on every call."""
    return True if condition is None else test_for(condition)(facts)


def test_for(condition: Condition) -> Test:
    """The condition as a function of the facts, made once per condition object."""
    found = _TESTS.get(id(condition))
    if found is None or found[0] is not condition:
        if len(_TESTS) >= 200_000:  # a process that loads flow after flow: start afresh
            _TESTS.clear()
        found = _TESTS[id(condition)] = (condition, _test(condition))
    return found[1]


# Keyed by id, holding the condition itself so that an id reused by a new object (a flow
# loaded again) is not mistaken for the old one.
_TESTS: dict[int, tuple[Condition, Test]] = {}


def _test(condition: Condition) -> Test:
    kind = type(condition)
    if kind is Compare:
        return _compare_test(condition.fact, condition.op, condition.value)  # type: ignore[union-attr]
    if kind is Not:
        inner = _test(condition.item)  # type: ignore[union-attr]
        return lambda facts: not inner(facts)
    if kind is All or kind is Any_:
        parts = tuple(_test(item) for item in condition.items)  # type: ignore[union-attr]
        want = kind is Any_  # the answer that settles it: any true part, or any false one

        def combined(facts: Mapping[str, Any]) -> bool:
            for part in parts:
                if part(facts) is want:
                    return want
            return not want

        return combined
    raise TypeError(f"not a condition: {condition!r}")


def _compare_test(fact: str, op: str, wanted: Any) -> Test:
    """A comparison with its operator chosen once; an unknown fact is false (but see
    `exists`)."""
    if op == "exists":
        return lambda facts: (facts.get(fact) is not None) == wanted
    if op not in OPERATORS:
        raise ValueError(f"unknown operator {op!r}")  # the schema makes this unreachable

    def test(facts: Mapping[str, Any]) -> bool:
        found = facts.get(fact)
        return found is not None and _compare(op, found, wanted)

    if op in ("eq", "ne"):
        same_if = op == "eq"

        def equal(facts: Mapping[str, Any]) -> bool:
            found = facts.get(fact)
            if found is None:
                return False
            if isinstance(found, list):  # a multi-choice: one id means a list of one
                same = set(found) == (set(wanted) if isinstance(wanted, tuple) else {wanted})
            else:
                same = found == wanted
            return bool(same) is same_if

        return equal
    order = _ORDER.get(op)
    if order is not None:

        def ordered(facts: Mapping[str, Any]) -> bool:
            found = facts.get(fact)
            return _is_number(found) and order(found, wanted)

        return ordered
    if op == "in":
        return lambda facts: (found := facts.get(fact)) is not None and found in wanted
    if op == "not_in":
        return lambda facts: (found := facts.get(fact)) is not None and found not in wanted
    return test


def comparisons(condition: Condition | None) -> Iterator[Compare]:
    """Every comparison inside a condition, in the order written."""
    match condition:
        case None:
            return
        case Compare():
            yield condition
        case All(items) | Any_(items):
            for item in items:
                yield from comparisons(item)
        case Not(item):
            yield from comparisons(item)


def facts_read(condition: Condition | None) -> list[str]:
    """The facts a condition reads, once each, in the order written."""
    seen: dict[str, None] = {}
    for compare in comparisons(condition):
        seen.setdefault(compare.fact, None)
    return list(seen)
