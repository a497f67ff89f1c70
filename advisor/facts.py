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
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, Protocol

from advisor.flow.model import APPROACHES

FactKind = Literal["number", "usd", "months", "bool", "choice", "multi", "text"]


@dataclass(frozen=True)
class FactSpec:
    name: str
    kind: FactKind
    description: str
    choices: tuple[str, ...] = ()


def default_today() -> date:
    """The date advice is for when none is given: ADVISOR_TODAY if set, else the real date.

    The environment variable pins a whole process tree (the test suite, a CI job, a batch
    of runs) to one day, so lifecycle dates and dated prices do not drift under it.
    """
    pinned = os.environ.get("ADVISOR_TODAY", "").strip()
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        from advisor.errors import BadInput

        raise BadInput(f"ADVISOR_TODAY: expected a date as YYYY-MM-DD, found {pinned!r}") from None


@dataclass(frozen=True)
class Context:
    """What a session needs from outside the flow: the date (injectable) and options."""

    today: date = field(default_factory=default_today)
    options: Mapping[str, Any] = field(default_factory=dict)


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
