"""What the search of advisor.flowcheck.paths finds: the paths that reached an outcome, those
that got stuck, and what the conditions did on the way (advisor.flowcheck.spread passes them
between processes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from advisor.flow.model import Flow, Value

Answers = tuple[tuple[str, Value], ...]
# What a path reaches: ("outcome", id, -1), ("route", node id, route index), ("pitfall", id, -1)
Item = tuple[str, str, int]


@dataclass(frozen=True)
class Finished:
    """A path that reached an outcome, and everything it reached on the way."""

    answers: Answers
    outcome: str
    reaches: frozenset[Item]


@dataclass(frozen=True)
class Stuck:
    """A path that did not reach an outcome.

    kind: "dead-end" (no route of `node` applies), "endless-loop" (decisions route in a
    circle), "loops-back" (a route leads back to a question already answered; the path is
    cut there) or "engine-error" (the engine failed; `detail` says how).
    """

    kind: str
    node: str
    answers: Answers
    facts: Mapping[str, Any]
    detail: str = ""


@dataclass
class Exploration:
    flow: Flow
    counts: dict[str, int] = field(default_factory=dict)  # search → paths checked
    finished: list[Finished] = field(default_factory=list)  # one per distinct set reached
    stuck: dict[tuple[str, str], Stuck] = field(default_factory=dict)  # first per kind, node
    stuck_count: int = 0
    visited: set[str] = field(default_factory=set)
    held: dict[tuple[str, int], int] = field(default_factory=dict)  # route → times it held
    taken: set[tuple[str, int]] = field(default_factory=set)  # followed on some path
    always_before: dict[tuple[str, int], frozenset[int]] = field(default_factory=dict)
    sometimes_before: dict[tuple[str, int], frozenset[int]] = field(default_factory=dict)
    outcomes: set[str] = field(default_factory=set)
    pitfalls: set[str] = field(default_factory=set)
    truncated: bool = False
    derived_read: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def reachable(self) -> frozenset[Item]:
        return frozenset().union(*(f.reaches for f in self.finished))
