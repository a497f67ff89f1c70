"""Facts in words: filling `{fact}` placeholders in the flow's texts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.approaches import APPROACH_LABELS
from advisor.derived import derived_specs
from advisor.flow import values
from advisor.flow.model import PLACEHOLDER, Flow


def describe_fact(flow: Flow, facts: Mapping[str, Any], name: str) -> str:
    value = facts.get(name)
    if value is None:
        return "unknown"
    question = flow.questions.get(name)
    if question is not None:
        return values.describe(question, value)
    spec = derived_specs().get(name)
    kind = spec.kind if spec else ""
    if name in ("approach", "components"):
        items = value if isinstance(value, list | tuple) else [value]
        return values.join_words([APPROACH_LABELS.get(v, v) for v in items])
    if isinstance(value, bool):
        return "yes" if value else "no"
    if kind == "usd":
        return values.format_number(value, "usd")
    if kind == "months":
        return _months(value)
    if isinstance(value, int | float):
        return values.format_number(value)
    if isinstance(value, list | tuple):
        return values.join_words([str(v) for v in value])
    return str(value)


def render(template: str, flow: Flow, facts: Mapping[str, Any]) -> str:
    """The template with each `{fact}` replaced by the fact in words. Never evaluates code."""
    return PLACEHOLDER.sub(lambda match: describe_fact(flow, facts, match.group(1)), template)


def _months(value: float) -> str:
    """A payback time people can read: 'under a day', '12 days', '3.5 months'."""
    return values.months_in_words(value, places=1)
