"""The shape of a flow as a graph: successors, components, cycles, and how many questions
lie ahead.

Every walk here keeps its own stack or queue: no recursion, so no length of flow can
exhaust Python's; and each runs in time linear in the nodes and routes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from advisor.flow.model import Flow, Question


def successors(flow: Flow, node_id: str) -> list[str]:
    """Where a node's routes can go (existing nodes only), once each, in route order."""
    return list(dict.fromkeys(r.to for r in flow.routes_of(node_id) if r.to in flow.nodes))


def predecessors(flow: Flow) -> dict[str, list[str]]:
    """For each node, the nodes with a route to it (once each, in file order)."""
    found: dict[str, list[str]] = {n: [] for n in flow.nodes}
    for node_id in flow.nodes:
        for nxt in successors(flow, node_id):
            found[nxt].append(node_id)
    return found


def reachable(flow: Flow, starts: Iterable[str], *, backwards: bool = False) -> set[str]:
    """The nodes reached from `starts` (themselves included) along routes, or against
    them with `backwards`."""
    before = predecessors(flow) if backwards else None
    seen = {s for s in starts if s in flow.nodes}
    todo = list(seen)
    while todo:
        node = todo.pop()
        for nxt in before[node] if before is not None else successors(flow, node):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def components(flow: Flow, nodes: Iterable[str] | None = None) -> list[list[str]]:
    """Strongly connected components (Tarjan's algorithm, with an explicit stack) of the
    graph of `nodes` (default: all), each in file order; routes that leave `nodes` are
    ignored. Components come out in reverse topological order."""
    members = list(flow.nodes if nodes is None else nodes)
    inside = set(members)
    order = {n: i for i, n in enumerate(flow.nodes)}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in members:
        if root in index:
            continue
        work = [(root, iter([n for n in successors(flow, root) if n in inside]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, nexts = work[-1]
            nxt = next(nexts, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter([n for n in successors(flow, nxt) if n in inside])))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(sorted(component, key=order.__getitem__))
    return found


def looped(flow: Flow, component: list[str]) -> bool:
    """A component that is a cycle: several nodes, or one with a route to itself."""
    return len(component) > 1 or component[0] in successors(flow, component[0])


def _reaches_cycle(flow: Flow) -> set[str]:
    """Nodes from which some path enters a cycle."""
    cyclic = [n for c in components(flow) if looped(flow, c) for n in c]
    return reachable(flow, cyclic, backwards=True)


_AHEAD: dict[int, tuple[Flow, dict[str, tuple[int, int | None]]]] = {}


def questions_ahead(flow: Flow) -> dict[str, tuple[int, int | None]]:
    """For each node: the fewest and the most questions on a path from it (itself included)
    to an outcome. The most is None where a cycle makes it unbounded. Worked out once per
    flow (the chat asks after every answer)."""
    cached = _AHEAD.get(id(flow))
    if cached is not None and cached[0] is flow:
        return cached[1]
    result = _questions_ahead(flow)
    _AHEAD[id(flow)] = (flow, result)
    return result


def _questions_ahead(flow: Flow) -> dict[str, tuple[int, int | None]]:
    own = {n: 1 if isinstance(node, Question) else 0 for n, node in flow.nodes.items()}
    infinity = len(flow.nodes) + 1
    # The fewest: a 0-1 breadth-first search back from the outcomes (a node costs 1 when
    # it is a question), so each node is settled once.
    low = {n: infinity for n in flow.nodes}
    before = predecessors(flow)
    queue: deque[str] = deque()
    for outcome in flow.outcomes:
        low[outcome] = 0
        queue.append(outcome)
    while queue:
        node = queue.popleft()
        for prev in before[node]:
            candidate = own[prev] + low[node]
            if candidate < low[prev]:
                low[prev] = candidate
                (queue.append if own[prev] else queue.appendleft)(prev)
    # The most: the longest path, over the nodes no cycle lies ahead of (a DAG), in
    # reverse topological order: the components come out that way, each a single node.
    cyclic = _reaches_cycle(flow)
    high: dict[str, int | None] = dict.fromkeys(cyclic)
    for component in components(flow):
        node = component[0]
        if node in cyclic:
            continue
        ahead = [high[x] or 0 for x in successors(flow, node)]
        high[node] = own[node] + max(ahead, default=0)
    return {n: (min(low[n], infinity), high[n]) for n in flow.nodes}
