"""Structured conditions: data that routes and pitfall rules use to read facts.

A condition is never code. It is a comparison of one fact with a value, or `all`, `any`
and `not` over other conditions. A comparison on a fact that is not known (a question
the path skipped, a derived fact that cannot be computed yet) is false; `not` inverts the
result, so `{not = {fact = "x", eq = 1}}` is true when `x` is unknown.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

# Operators and the kind of operand each takes; the schema and the loader read this table.
SCALAR_OPS = ("eq", "ne")
ORDER_OPS = ("lt", "le", "gt", "ge")
LIST_OPS = ("in", "not_in")
MEMBER_OPS = ("contains",)
MEMBER_LIST_OPS = ("contains_any", "contains_all", "only")
PRESENCE_OPS = ("exists",)
OPERATORS = SCALAR_OPS + ORDER_OPS + LIST_OPS + MEMBER_OPS + MEMBER_LIST_OPS + PRESENCE_OPS


@dataclass(frozen=True)
class Compare:
    fact: str
    op: str
    value: Any

    def describe(self) -> str:
        return f"{self.fact} {self.op} {self.value!r}"


@dataclass(frozen=True)
class All:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Any_:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
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


def evaluate(condition: Condition | None, facts: Mapping[str, Any]) -> bool:
    """True when the condition holds for these facts; no condition always holds.

    Dispatched on the exact type (the four dataclasses above): every route of every
    answer is evaluated, and this is several times faster than structural matching."""
    kind = type(condition)
    if kind is Compare:
        return _compare(condition.op, facts.get(condition.fact), condition.value)  # type: ignore[union-attr]
    if condition is None:
        return True
    if kind is All:
        return all(evaluate(item, facts) for item in condition.items)  # type: ignore[union-attr]
    if kind is Any_:
        return any(evaluate(item, facts) for item in condition.items)  # type: ignore[union-attr]
    if kind is Not:
        return not evaluate(condition.item, facts)  # type: ignore[union-attr]
    raise TypeError(f"not a condition: {condition!r}")


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
