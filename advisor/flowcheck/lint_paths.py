"""What the answer paths of `advisor flows check` show (advisor.flowcheck.paths explores them):
dead ends, decisions that loop, nodes never reached, routes never taken, pitfalls that
never fire — dated notes where that depends on today's derived facts."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any

from advisor.derived import derived_specs
from advisor.facts import OUTCOME_FACTS
from advisor.flow.conditions import Condition, facts_read
from advisor.flow.explain import condition_text, value_text
from advisor.flow.model import Flow
from advisor.flowcheck.findings import Finding, where_of
from advisor.flowcheck.lint_graph import reachable_from_start
from advisor.flowcheck.paths import Exploration


def paths_words(count: int) -> str:
    return f"{count:,} answer path{'s' if count != 1 else ''} checked"


def _facts_words(flow: Flow, node_id: str, facts: dict[str, Any]) -> str:
    """The facts a node's routes read, with their values on the path that got stuck."""
    names: list[str] = []
    for route in flow.routes_of(node_id):
        names += [n for n in facts_read(route.when) if n not in names]
    if not names:
        return ""
    parts = [
        f"{name} = {value_text(facts[name]) if facts.get(name) is not None else 'unknown'}"
        for name in names
    ]
    return ", ".join(parts)


def _answers_words(answers: tuple[tuple[str, Any], ...]) -> str:
    return ", ".join(f"{qid} = {value_text(value)}" for qid, value in answers) or "no answers"


def _derived_read(condition: Condition | None) -> list[str]:
    """The derived facts (computed by code: prices, dates) a condition reads."""
    outcome_facts = {spec.name for spec in OUTCOME_FACTS}
    derived = set(derived_specs()) - outcome_facts
    return [name for name in facts_read(condition) if name in derived]


def _depends_on_derived(flow: Flow, exploration: Exploration) -> dict[str, list[str]]:
    """Nodes not reached whose routes in depend on derived facts (directly, or through a
    node that does), with the facts: whether they can be reached depends on the data."""
    visited = exploration.visited
    found: dict[str, list[str]] = {}
    queue: deque[str] = deque()
    for node_id in [n for n in flow.nodes if n in visited]:  # in file order: deterministic
        for route in flow.routes_of(node_id):
            names = _derived_read(route.when)
            if names and route.to not in visited and route.to not in found:
                found[route.to] = names
                queue.append(route.to)
    while queue:  # what lies behind such a node depends on the same facts
        node_id = queue.popleft()
        for route in flow.routes_of(node_id):
            if route.to not in visited and route.to not in found:
                found[route.to] = found[node_id]
                queue.append(route.to)
    return found


def _dated(finding: Finding, names: list[str], today: str) -> Finding:
    facts = ", ".join(dict.fromkeys(names))
    return Finding(
        finding.source, finding.where, finding.kind,
        f"as of {today}, {finding.message}; it depends on derived facts ({facts}) that follow "
        "the prices and the date, so another day or catalog may differ",
        finding.hint + " — or leave it, if it is meant for other prices or dates",
        note=True,
    )


def path_findings(
    flow: Flow,
    source: str,
    exploration: Exploration,
    explained: set[tuple[str, int]],
    trapped: set[str],
    today: str,
) -> Iterator[Finding]:
    """What the answer paths show. `explained` routes and `trapped` nodes already have a
    finding of their own; `today` dates the notes on derived facts."""
    checked = paths_words(exploration.total)
    dependent = _depends_on_derived(flow, exploration)
    for (kind, node_id), stuck in sorted(exploration.stuck.items()):
        if kind in ("endless-loop", "loops-back") and node_id in trapped:
            continue  # the no-way-out finding on the cycle says it already
        where = where_of(flow, node_id) if node_id in flow.nodes else "flow"
        if kind == "dead-end":
            words = _facts_words(flow, node_id, dict(stuck.facts))
            yield Finding(
                source, where, "dead-end",
                f"no route applies when {words or 'the conversation gets here'} "
                f"(answers: {_answers_words(stuck.answers)})",
                "add a last route without 'when', or a route for these answers",
            )
        elif kind == "endless-loop":
            yield Finding(
                source, where, "endless-loop",
                f"decisions route in a circle back to '{node_id}' and never end "
                f"(answers: {_answers_words(stuck.answers)})",
                "make one decision in the circle route out of it for these answers",
            )
        elif kind == "loops-back":
            yield Finding(
                source, where, "loops-back",
                f"a route leads back to '{node_id}', already answered on the path "
                f"(answers: {_answers_words(stuck.answers)}); the path check cannot prove "
                "that such a conversation ends",
                "route forward instead; a flow asks each question at most once",
            )
        else:
            yield Finding(
                source, where, "engine-error",
                f"the engine failed: {stuck.detail} "
                f"(answers: {_answers_words(stuck.answers)})",
                "this is a bug in advisor or a derived fact; please report it with the flow",
            )
    if exploration.truncated:
        yield Finding(
            source, "flow", "too-many-paths",
            f"the path check stopped after {exploration.total:,} paths without trying them "
            "all, so routes, outcomes and pitfalls that were not reached are not reported",
            "split the flow, or compare each number with fewer values",
        )
        return
    reachable = reachable_from_start(flow)
    for node_id in flow.nodes:
        if node_id in reachable and node_id not in exploration.visited:
            finding = Finding(
                source, where_of(flow, node_id), "never-reached",
                f"no answers lead here: routes lead to it, but their conditions never hold "
                f"together ({checked})",
                "check the conditions of the routes that lead here",
            )
            names = dependent.get(node_id)
            yield _dated(finding, names, today) if names else finding
    for node_id in flow.nodes:
        if node_id not in exploration.visited:
            continue
        routes = flow.routes_of(node_id)
        for index, route in enumerate(routes):
            key = (node_id, index)
            if key in exploration.taken or route.when is None or key in explained:
                continue
            where = f"{where_of(flow, node_id)}, route {index + 1}"
            condition = condition_text(route.when)
            if exploration.held.get(key):
                always = sorted(exploration.always_before.get(key, frozenset()))
                # Held but never taken: some earlier route held every time (never empty).
                winners = always[:1] or sorted(exploration.sometimes_before.get(key, ())) or [0]
                names = " or ".join(
                    f"route {i + 1} ({condition_text(routes[i].when)})" for i in winners
                )
                verb = "always holds too and comes" if always else "always hold too and come"
                finding = Finding(
                    source, where, "shadowed-route",
                    f"never taken: whenever its condition ({condition}) holds, {names} "
                    f"{verb} first",
                    f"move it above route {winners[0] + 1} if it should win, or delete it",
                )
                read = [n for i in [index, *winners] for n in _derived_read(routes[i].when)]
            else:
                finding = Finding(
                    source, where, "dead-route",
                    f"never taken: its condition ({condition}) never holds when the "
                    f"conversation reaches '{node_id}' ({checked})",
                    "fix the condition (values, operators, facts) or delete the route",
                )
                read = _derived_read(route.when)
            yield _dated(finding, read, today) if read else finding
    unreached_by_data = [n for names in dependent.values() for n in names]
    for pitfall in flow.pitfalls:
        if pitfall.id not in exploration.pitfalls:
            finding = Finding(
                source, f"pitfall '{pitfall.id}'", "never-fires",
                f"never fires: its condition ({condition_text(pitfall.when)}) holds at no "
                f"outcome ({checked})",
                "fix the condition so that some answers make it hold, or delete the pitfall",
            )
            read = _derived_read(pitfall.when) or unreached_by_data
            yield _dated(finding, read, today) if read else finding
