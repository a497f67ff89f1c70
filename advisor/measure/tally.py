"""Counting requests as they stream past, in memory that does not grow with the log.

Token counts are kept as value → how many requests had it: at most one entry per distinct
count (bounded by the largest context window, not by the number of lines), and exact, so
the median and the 90th percentile are the logs' own, not an estimate.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from advisor.measure.records import Request
from advisor.measure.times import day_of

EXAMPLES = 5  # unreadable lines shown with their numbers
MAX_MODELS = 1_000  # distinct model names kept; any further ones are counted as "others"
OTHERS = ""  # the key of the models past MAX_MODELS (no logged name is empty: those are None)


@dataclass(frozen=True)
class Problem:
    log: str
    line: int
    reason: str


@dataclass
class Tally:
    since: float | None = None  # first second counted (--since), UTC
    until: float | None = None  # first second no longer counted (the day after --until)
    lines: int = 0
    requests: int = 0  # requests counted (inside --since/--until)
    timed: int = 0  # of those, with a time
    first: float | None = None
    last: float | None = None
    days: Counter[int] = field(default_factory=Counter)  # UTC day → requests
    inputs: Counter[int] = field(default_factory=Counter)
    outputs: Counter[int] = field(default_factory=Counter)
    cache_reported: int = 0  # requests whose line says how much of the prompt was cached
    cached: Counter[int] = field(default_factory=Counter)  # cached prefix sizes above 0
    models: Counter[str | None] = field(default_factory=Counter)  # as logged; None: unnamed
    providers: dict[str, str] = field(default_factory=dict)  # model → provider, where told
    batch: int = 0
    undated: int = 0  # counted, but with no time (so not in the per-day figures)
    outside: int = 0  # read, but outside --since/--until (or undated while they are given)
    unreadable: int = 0
    examples: list[Problem] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def ranged(self) -> bool:
        return self.since is not None or self.until is not None

    def add(self, request: Request) -> None:
        at = request.at
        if at is None:
            if self.ranged:
                self.outside += 1
                return
            self.undated += 1
        else:
            if (self.since is not None and at < self.since) or (
                self.until is not None and at >= self.until
            ):
                self.outside += 1
                return
            self.timed += 1
            self.days[day_of(at)] += 1
            if self.first is None or at < self.first:
                self.first = at
            if self.last is None or at > self.last:
                self.last = at
        self.requests += 1
        self.inputs[request.input_tokens] += 1
        self.outputs[request.output_tokens] += 1
        cached = request.cached_tokens
        if cached is not None:
            self.cache_reported += 1
            if cached:
                self.cached[cached] += 1
        model = request.model
        if model in self.models or len(self.models) < MAX_MODELS:
            self.models[model] += 1
            if request.provider and model and model not in self.providers:
                self.providers[model] = request.provider
        else:
            self.models[OTHERS] += 1
        if request.batch:
            self.batch += 1

    def bad(self, log: str, line: int, reason: str) -> None:
        self.unreadable += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append(Problem(log, line, reason))


def percentile(counts: Counter[int], share: float) -> int:
    """The nearest-rank percentile: the smallest value at least `share` of the requests
    are at or below."""
    total = sum(counts.values())
    if not total:
        raise ValueError("no values")
    rank = max(1, math.ceil(share * total))
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable: the ranks add up to the total")


def mean(counts: Counter[int]) -> float:
    total = sum(counts.values())
    return sum(value * count for value, count in counts.items()) / total
