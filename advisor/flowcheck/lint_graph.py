"""The graph checks of `advisor flows check`: nodes no route reaches, cycles with no way
out, and facts read where no path has asked them yet. Each runs in time linear in the
flow (a bitset of the questions asked), with no recursion."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator

from advisor.facts import OUTCOME_FACTS
from advisor.flow.conditions import Condition, facts_read
from advisor.flow.graph import components, looped, successors
from advisor.flow.graph import reachable as reach
from advisor.flow.model import ITEMS, PLACEHOLDER, Flow, Question
from advisor.flowcheck.findings import Finding, where_of


def reachable_from_start(flow: Flow) -> set[str]:
    return reach(flow, [flow.start])


def unreachable(flow: Flow, source: str) -> Iterator[Finding]:
    if flow.start not in flow.nodes:
        return
    reachable = reachable_from_start(flow)
    for node_id in flow.nodes:
        if node_id not in reachable:
            yield Finding(
                source, where_of(flow, node_id), "unreachable",
                f"no route leads here from the start ('{flow.start}')",
                "route to it from a node that is reached, or delete it",
            )


def no_way_out(flow: Flow, source: str) -> Iterator[tuple[Finding, list[str]]]:
    can_finish = reach(flow, flow.outcomes, backwards=True)
    for component in components(flow):
        if looped(flow, component) and not can_finish.intersection(component):
            circle = " → ".join([*component, component[0]])
            yield Finding(
                source, where_of(flow, component[0]), "no-way-out",
                f"a cycle with no way out: {circle}; no route from it leads to an outcome, "
                "so a conversation that gets here never ends",
                "add a route out of the cycle that leads (eventually) to an outcome",
            ), component


class _Asked:
    """For each node, the questions some path may have asked before it: one bit per
    question, so that a flow of 10,000 questions needs megabytes, not gigabytes."""

    def __init__(self, flow: Flow) -> None:
        self.bit = {qid: 1 << i for i, qid in enumerate(flow.questions)}
        self.ids = list(flow.questions)
        self.before: dict[str, int] = dict.fromkeys(flow.nodes, 0)
        # A worklist in depth-first order: on a flow without cycles each node is done once.
        queue = deque(_depth_first(flow))
        waiting = set(queue)
        while queue:
            node_id = queue.popleft()
            waiting.discard(node_id)
            out = self.before[node_id] | self.bit.get(node_id, 0)
            for nxt in successors(flow, node_id):
                if out & ~self.before[nxt]:
                    self.before[nxt] |= out
                    if nxt not in waiting:
                        waiting.add(nxt)
                        queue.append(nxt)

    def at(self, node_id: str) -> int:
        return self.before[node_id]

    def has(self, mask: int, fact: str) -> bool:
        return bool(mask & self.bit.get(fact, 0))


def _depth_first(flow: Flow) -> list[str]:
    """Every node in reverse post-order of a depth-first walk (from the start first, then
    from each node not reached yet): where there is no cycle, each node comes after every
    node with a route to it."""
    order: list[str] = []
    seen: set[str] = set()
    roots = [flow.start] if flow.start in flow.nodes else []
    for root in [*roots, *flow.nodes]:
        if root in seen:
            continue
        seen.add(root)
        work = [(root, iter(successors(flow, root)))]
        while work:
            node, nexts = work[-1]
            nxt = next(nexts, None)
            if nxt is None:
                work.pop()
                order.append(node)
            elif nxt not in seen:
                seen.add(nxt)
                work.append((nxt, iter(successors(flow, nxt))))
    return order[::-1]


def unknown_here(
    flow: Flow, source: str
) -> Iterator[tuple[Finding, tuple[str, int] | None]]:
    """Conditions and texts that read a question never asked before they are used."""
    if flow.start not in flow.nodes:
        return
    reachable = reachable_from_start(flow)
    asked = _Asked(flow)
    outcome_facts = {spec.name for spec in OUTCOME_FACTS}
    at_outcomes = 0
    for outcome_id in flow.outcomes:
        if outcome_id in reachable:
            at_outcomes |= asked.at(outcome_id)
    ahead: dict[str, set[str]] = {}  # node → the nodes after it (worked out when needed)

    def later(node_id: str) -> set[str]:
        if node_id not in ahead:
            ahead[node_id] = reach(flow, successors(flow, node_id)) | {node_id}
        return ahead[node_id]

    def problem(fact: str, node_id: str | None, available: int) -> str | None:
        if fact in outcome_facts:
            if node_id is None:
                return None
            return (f"reads '{fact}', which is known only once an outcome is reached "
                    "(pitfalls may read it; routes and reactions cannot)")
        if fact not in flow.questions or asked.has(available, fact):
            return None
        if node_id is not None and fact in later(node_id):
            return f"reads '{fact}', which is never known here: it is asked only later"
        where = "here" if node_id is not None else "at any outcome"
        return f"reads '{fact}', which is never known {where}: no path to it asks '{fact}'"

    def check(condition: Condition | None, texts: list[str], node_id: str | None,
              available: int, where: str, route: tuple[str, int] | None):
        names = list(facts_read(condition))
        for text in texts:
            names += [n for n in PLACEHOLDER.findall(text) if n not in names]
        for fact in names:
            message = problem(fact, node_id, available)
            if message:
                in_text = fact not in facts_read(condition)
                if in_text:
                    message = message.replace("reads", "shows", 1) + " (it would read 'unknown')"
                yield Finding(
                    source, where, "unknown-here", message,
                    "read a fact asked before this point (on some path that leads here), "
                    "or ask the question earlier",
                ), (None if in_text else route)

    for node_id in flow.nodes:
        if node_id not in reachable or node_id in flow.outcomes:
            continue
        node = flow.nodes[node_id]
        available = asked.at(node_id) | asked.bit.get(node_id, 0)
        base = where_of(flow, node_id)
        for number, route in enumerate(flow.routes_of(node_id), start=1):
            yield from check(route.when, [route.why], node_id, available,
                             f"{base}, route {number}", (node_id, number - 1))
        if isinstance(node, Question):
            for number, reaction in enumerate(node.reactions, start=1):
                yield from check(reaction.when, [reaction.say], node_id, available,
                                 f"{base}, reaction {number}", None)
            source_fact = node.default_from.fact if node.default_from else None
            if source_fact and source_fact in flow.questions and not asked.has(
                asked.at(node_id), source_fact
            ):
                yield Finding(
                    source, base, "unknown-here",
                    f"default_from reads '{source_fact}', which is never asked before it",
                    "take the default from a question asked earlier on every path",
                ), None
    for outcome in flow.outcomes.values():
        if outcome.id in reachable:
            yield from check(None, [outcome.title, outcome.summary, outcome.why], outcome.id,
                             asked.at(outcome.id), where_of(flow, outcome.id), None)
            numbered = [(str(n), p) for n, p in enumerate(outcome.parts, start=1)]
            numbered += [(f"why {n}", p) for n, p in enumerate(outcome.why_parts, start=1)]
            for number, part in numbered:
                where = f"{where_of(flow, outcome.id)}, part {number}"
                for line in (part, *part.items):
                    yield from check(line.when, [line.say.replace(ITEMS, "")], outcome.id,
                                     asked.at(outcome.id), where, None)
    for pitfall in flow.pitfalls:
        yield from check(pitfall.when, [pitfall.advice], None, at_outcomes,
                         f"pitfall '{pitfall.id}'", None)
