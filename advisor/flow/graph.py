"""The shape of a flow as a graph: successors, cycles, and how many questions lie ahead."""

from __future__ import annotations

from advisor.flow.model import Flow, Question


def successors(flow: Flow, node_id: str) -> list[str]:
    """Where a node's routes can go (existing nodes only), once each, in route order."""
    return list(dict.fromkeys(r.to for r in flow.routes_of(node_id) if r.to in flow.nodes))


def _reaches_cycle(flow: Flow) -> set[str]:
    """Nodes from which some path enters a cycle."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    bad: set[str] = set()

    def visit(node: str) -> bool:
        state[node] = 1
        found = False
        for nxt in successors(flow, node):
            cycle_ahead = state.get(nxt) == 1 or (state.get(nxt) == 2 and nxt in bad)
            if cycle_ahead or (nxt not in state and visit(nxt)):
                found = True
        state[node] = 2
        if found:
            bad.add(node)
        return found

    for node in flow.nodes:
        if node not in state:
            visit(node)
    return bad


def questions_ahead(flow: Flow) -> dict[str, tuple[int, int | None]]:
    """For each node: the fewest and the most questions on a path from it (itself included)
    to an outcome. The most is None where a cycle makes it unbounded."""
    own = {n: 1 if isinstance(node, Question) else 0 for n, node in flow.nodes.items()}
    infinity = len(flow.nodes) + 1
    low = {n: (0 if n in flow.outcomes else infinity) for n in flow.nodes}
    for _ in range(len(flow.nodes)):
        changed = False
        for n in flow.nodes:
            nexts = successors(flow, n)
            if nexts:
                best = own[n] + min(low[x] for x in nexts)
                if best < low[n]:
                    low[n], changed = best, True
        if not changed:
            break
    cyclic = _reaches_cycle(flow)
    high: dict[str, int | None] = {}

    def longest(n: str) -> int | None:
        if n in cyclic:
            return None
        if n not in high:
            nexts = successors(flow, n)
            high[n] = own[n] + max((longest(x) or 0 for x in nexts), default=0)
        return high[n]

    return {n: (min(low[n], infinity), longest(n)) for n in flow.nodes}
