"""Facts: the answers plus values that code derives from them — the types only.

A flow only names facts; code computes the derived ones. Each provider declares the facts
it offers (so a flow that routes on an unknown fact is rejected at load time) and computes
them from the answers given so far. A provider returns None for a fact it cannot compute
yet, which makes every comparison on it false. The providers themselves are listed in
`advisor.derived`, above both this module and the cost model, so that the core types never
import the code that plugs into them.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from typing import Any, Literal, NamedTuple, Protocol

from advisor.approaches import APPROACHES

FactKind = Literal["number", "usd", "months", "bool", "choice", "multi", "text"]


class FactSpec(NamedTuple):
    name: str
    kind: FactKind
    description: str
    choices: tuple[str, ...] = ()


# The days advice can be given for: the years the price data can speak for. Its dated
# prices begin in 2024 (genai-prices' first price change, 2024-04-09; the catalog's first
# dated row, 2024-05-13) — before that, today's prices would be shown "as of 1970" — and
# data checked in late 2026 says nothing about a market past 2030. A test keeps every
# dated row of the catalog and of genai-prices inside; move the range with the data.
FIRST_DAY = date(2024, 1, 1)
LAST_DAY = date(2030, 12, 31)
DAYS = f"a date from {FIRST_DAY} to {LAST_DAY} (the years advisor's price data can speak for)"


def day_problem(day: date) -> str | None:
    """Why advice cannot be given for `day`, or None when it can."""
    if FIRST_DAY <= day <= LAST_DAY:
        return None
    return f"expected {DAYS}, found '{day.isoformat()}'"


def default_today() -> date:
    """The date advice is for when none is given: ADVISOR_TODAY if set, else the real date.

    The environment variable pins a whole process tree (the test suite, a CI job, a batch
    of runs) to one day, so lifecycle dates and dated prices do not drift under it.
    """
    from advisor.errors import BadInput

    pinned = os.environ.get("ADVISOR_TODAY", "").strip()
    if not pinned:
        today = date.today()
        if day_problem(today) is not None:
            raise BadInput(
                f"today's date, {today}, is outside the years advisor's price data can speak "
                f"for ({FIRST_DAY} to {LAST_DAY}): give --today within them, or install a "
                "newer advisor"
            )
        return today
    try:
        day = date.fromisoformat(pinned)
    except ValueError:
        raise BadInput(f"ADVISOR_TODAY: expected a date as YYYY-MM-DD, found {pinned!r}") from None
    problem = day_problem(day)
    if problem is not None:
        raise BadInput(f"ADVISOR_TODAY: {problem}")
    return day


class Context:
    """What a session needs from outside the flow: the date (injectable) and options.

    A plain class, not a dataclass: every headless run defines it, and a dataclass costs
    more to define than a run spends on its answers."""

    __slots__ = ("options", "today")

    def __init__(self, today: date | None = None, options: Mapping[str, Any] | None = None):
        self.today = default_today() if today is None else today
        self.options: Mapping[str, Any] = {} if options is None else options

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Context) and other.today == self.today
                and other.options == self.options)

    def __hash__(self) -> int:
        return hash(self.today)

    def __repr__(self) -> str:
        return f"Context(today={self.today!r}, options={self.options!r})"

    def __reduce__(self) -> tuple[type[Context], tuple[object, ...]]:
        return Context, (self.today, dict(self.options))


class FactProvider(Protocol):
    specs: tuple[FactSpec, ...]

    def compute(self, facts: Mapping[str, Any], context: Context) -> Mapping[str, Any]:
        """Values for (some of) `specs`, from the facts known so far."""
        ...


# Known once the conversation reaches an outcome; pitfall rules read them.
OUTCOME_FACTS: tuple[FactSpec, ...] = (
    FactSpec("approach", "choice", "the recommended approach", APPROACHES),
    FactSpec("components", "multi", "the approaches the recommendation combines", APPROACHES),
)
