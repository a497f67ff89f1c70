"""Conditions in words, for authors: diagram labels and lint messages.

The words are compact and unambiguous (`examples ≥ 500`, `need has knowledge`,
`knowledge_change in [daily, weekly]`), so a route label can be read next to the file.
"""

from __future__ import annotations

from typing import Any

from advisor.flow.conditions import All, Any_, Compare, Condition, Not
from advisor.flow.values import format_number

_SYMBOLS = {
    "eq": "=",
    "ne": "≠",
    "lt": "<",
    "le": "≤",
    "gt": ">",
    "ge": "≥",
    "in": "in",
    "not_in": "not in",
    "contains": "has",
    "contains_any": "has any of",
    "contains_all": "has all of",
    "only": "has only",
}


def value_text(value: Any) -> str:
    """A condition's operand or an answer, as an author writes it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(value_text(item) for item in value) + "]"
    return str(value)


def compare_text(compare: Compare) -> str:
    if compare.op == "exists":
        return f"{compare.fact} {'is known' if compare.value else 'is unknown'}"
    return f"{compare.fact} {_SYMBOLS[compare.op]} {value_text(compare.value)}"


def condition_text(condition: Condition | None) -> str:
    """The condition in words; 'always' for a route without one."""
    match condition:
        case None:
            return "always"
        case Compare():
            return compare_text(condition)
        case All(items):
            return " and ".join(_operand(item) for item in items)
        case Any_(items):
            return " or ".join(_operand(item) for item in items)
        case Not(item):
            return f"not ({condition_text(item)})"
    raise TypeError(f"not a condition: {condition!r}")


def _operand(condition: Condition) -> str:
    """A part of an and/or, in parentheses when it is itself an and/or."""
    text = condition_text(condition)
    return f"({text})" if isinstance(condition, All | Any_) else text
