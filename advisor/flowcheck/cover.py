"""A few answer files that together reach every outcome, every route and every pitfall.

The candidates are the answer paths of the path check (`advisor.flowcheck.paths.explore`).
Choosing the fewest paths that reach everything is the set-cover problem, which is
NP-hard; this uses the greedy method (take the path that reaches the most not yet
reached, until nothing is left), then drops any pick that the others make redundant.
Greedy is within a factor ln(n) of the smallest cover and in practice close to it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from advisor.facts import Context
from advisor.flow.model import Flow
from advisor.flowcheck.paths import Exploration, Finished, Item
from advisor.flowcheck.spread import explore


@dataclass(frozen=True)
class Cover:
    flow: Flow
    paths: tuple[Finished, ...]  # in outcome order, as written in the flow
    reached: frozenset[Item]
    missing: frozenset[Item]  # what no answer path reaches (the path check reports why)
    exploration: Exploration
    unreached_today: frozenset[Item] = frozenset()  # not reached, as of today's derived facts

    def files(self) -> dict[str, str]:
        """File name → JSON text of the answers, named by position and outcome."""
        return {
            f"{number:02d}-{path.outcome}.json": answers_json(path)
            for number, path in enumerate(self.paths, start=1)
        }


def answers_json(path: Finished) -> str:
    return json.dumps(dict(path.answers), indent=2, ensure_ascii=False) + "\n"


def all_items(flow: Flow) -> frozenset[Item]:
    items: set[Item] = {("outcome", outcome_id, -1) for outcome_id in flow.outcomes}
    items |= {
        ("route", node_id, index)
        for node_id in flow.nodes
        for index, _ in enumerate(flow.routes_of(node_id))
    }
    items |= {("pitfall", pitfall.id, -1) for pitfall in flow.pitfalls}
    return frozenset(items)


def greedy_cover(candidates: list[Finished]) -> list[Finished]:
    """Greedy set cover; ties go to the earlier candidate, so the result is deterministic."""
    left = frozenset().union(*(c.reaches for c in candidates))
    chosen: list[Finished] = []
    while left:
        best = max(candidates, key=lambda c: len(c.reaches & left))  # first of equals
        chosen.append(best)
        left -= best.reaches
    for pick in list(reversed(chosen)):  # drop picks the others already cover
        others = [c for c in chosen if c is not pick]
        if pick.reaches <= frozenset().union(*(c.reaches for c in others)):
            chosen.remove(pick)
    return chosen


def cover(
    flow: Flow,
    context: Context | None = None,
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Cover:
    """The cover of a flow. What no path reaches is `missing`, or `unreached_today` when
    `advisor flows check` only notes it (it depends on derived facts: prices, dates)."""
    from advisor.flowcheck.lint import path_findings

    context = context or Context()
    exploration = explore(flow, context, jobs=jobs, progress=progress)
    chosen = greedy_cover(exploration.finished)
    order = {outcome_id: i for i, outcome_id in enumerate(flow.outcomes)}
    position = {id(path): i for i, path in enumerate(exploration.finished)}
    chosen.sort(key=lambda p: (order[p.outcome], position[id(p)]))
    reached = frozenset().union(*(p.reaches for p in chosen))
    # A fallback route (no 'when') that earlier routes always pre-empt is no problem: the
    # loader insists on it. Nothing can reach it, so nothing is asked to.
    missing = frozenset(
        item for item in all_items(flow) - reached
        if not (item[0] == "route" and item[1] in exploration.visited
                and flow.routes_of(item[1])[item[2]].when is None)
    )
    dated: frozenset[Item] = frozenset()
    if missing:
        findings = path_findings(flow, "", exploration, set(), set(), context.today.isoformat())
        where = {finding.where for finding in findings if finding.note}
        dated = frozenset(item for item in missing if _where(flow, item) in where)
    return Cover(flow, tuple(chosen), reached, missing - dated, exploration, dated)


def _where(flow: Flow, item: Item) -> str:
    """The place `advisor flows check` names for an item."""
    kind, name, index = item
    if kind == "route":
        label = "question" if name in flow.questions else "decision"
        return f"{label} '{name}', route {index + 1}"
    return f"{kind} '{name}'"


def item_words(item: Item) -> str:
    kind, name, index = item
    return f"route {index + 1} of '{name}'" if kind == "route" else f"{kind} '{name}'"
