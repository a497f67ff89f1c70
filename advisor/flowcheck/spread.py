"""The answer paths of `advisor flows check` and `flows cover`, shared among processes.

The search of advisor.flowcheck.paths, exactly: this process answers the first questions of
the flow itself and leaves everything below a given depth to worker processes, one part
per branch there; the random paths (one seeded sequence, which cannot be cut) are one
more part. The parts are joined in the order one search would have met them — the first
path reaching each set of items, the first of each kind of stuck path — so what the check
reports and the files the cover writes are those of the search in one process, byte for
byte. A flow too small to share, a search that hits its limit, and one core do it all in
this process (advisor.flowcheck.paths.explore).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from advisor.engine.session import Session
from advisor.facts import Context
from advisor.flow.model import Flow
from advisor.flowcheck import paths
from advisor.flowcheck.domains import (
    Domain,
    derived_facts_read,
    make_domain,
    random_points,
    route_conditions,
)
from advisor.flowcheck.paths import Answers, Exploration, Finished, Stuck

PARTS_PER_JOB = 6  # enough parts that a slow one does not leave a core idle for long
MAX_DEPTH = 8  # the deepest question the parts may start at


class _Own(NamedTuple):
    """Paths this process met itself, between two parts left to workers."""

    finished: list[Finished]
    stuck: dict[tuple[str, str], Stuck]


class Part(NamedTuple):
    """What a worker found: the paths in the order met, and the rest (order-free)."""

    count: int
    finished: list[Finished]
    stuck: dict[tuple[str, str], Stuck]
    stuck_count: int
    visited: set[str]
    held: dict[tuple[str, int], int]
    taken: set[tuple[str, int]]
    always_before: dict[tuple[str, int], frozenset[int]]
    sometimes_before: dict[tuple[str, int], frozenset[int]]
    outcomes: set[str]
    pitfalls: set[str]
    truncated: bool


class _Splitter(paths._Explorer):
    """The search down to `defer_at` answers; below that, a part for a worker."""

    def __init__(self, flow: Flow, context: Context, limit: int, depth: int) -> None:
        super().__init__(flow, context, limit)
        self.defer_at = depth
        self.order: list[_Own | int] = [_Own([], {})]  # int: the index of a part
        self.parts: list[tuple[Answers, list[tuple[str, int]]]] = []

    def _own(self) -> _Own:
        last = self.order[-1]
        assert isinstance(last, _Own)
        return last

    def _stuck_kept(self) -> dict[tuple[str, str], Stuck]:
        return self._own().stuck

    def _keep(self, done: Finished) -> None:
        self._own().finished.append(done)

    def _defer(self, session: Session, passed: list[tuple[str, int]]) -> None:
        self.order += [len(self.parts), _Own([], {})]
        self.parts.append((self._answers(session), passed))


# --- in a worker ---------------------------------------------------------------------------


class _State(NamedTuple):
    flow: Flow
    context: Context
    limit: int
    domain: Domain


def _state(flow: Flow, context: Context, limit: int) -> _State:
    return _State(flow, context, limit, make_domain(flow, route_conditions(flow)))


def _part(task: tuple[str, Any], state: _State) -> Part:
    """One part of the search: the answers below a branch, or the random paths."""
    explorer = paths._Explorer(state.flow, state.context, state.limit)
    kind, payload = task
    if kind == "random":
        count, points = payload
        found = explorer.random_paths(count, points)
    else:
        answers, routes = payload
        session = Session(state.flow, state.context, clock=lambda: paths._CLOCK)
        for _, value in answers:  # where the branch starts, noting nothing on the way
            session.answer(value)
        explorer._count = 0
        explorer._visit(session, state.domain, routes)
        found = explorer._count
    r = explorer.result
    return Part(found, r.finished, r.stuck, r.stuck_count, r.visited, r.held, r.taken,
                r.always_before, r.sometimes_before, r.outcomes, r.pitfalls, r.truncated)


# --- joining -------------------------------------------------------------------------------


def _join(result: Exploration, part: Part | Exploration) -> None:
    """The order-free findings of a part, added to the search's."""
    result.stuck_count += part.stuck_count
    result.visited |= part.visited
    result.taken |= part.taken
    result.outcomes |= part.outcomes
    result.pitfalls |= part.pitfalls
    for key, times in part.held.items():
        result.held[key] = result.held.get(key, 0) + times
    for key, earlier in part.always_before.items():
        previous = result.always_before.get(key)
        result.always_before[key] = earlier if previous is None else previous & earlier
    for key, earlier in part.sometimes_before.items():
        result.sometimes_before[key] = result.sometimes_before.get(key, frozenset()) | earlier


def explore(
    flow: Flow,
    context: Context | None = None,
    *,
    limit: int = paths.MAX_PATHS,
    random_count: int = paths.RANDOM_PATHS,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Exploration:
    """advisor.flowcheck.paths.explore on up to `jobs` processes; `progress(paths)` is told the
    paths checked so far as parts finish."""
    context = context or Context()
    if jobs < 2:
        return paths.explore(flow, context, limit=limit, random_count=random_count,
                             progress=progress)
    routing = route_conditions(flow)
    domain = make_domain(flow, routing)
    for depth in range(1, MAX_DEPTH + 1):
        splitter = _Splitter(flow, context, limit, depth)
        own = splitter.exhaustive(domain)
        if splitter.result.truncated or len(splitter.parts) >= PARTS_PER_JOB * jobs:
            break
        if not splitter.parts:
            break
    if splitter.result.truncated:
        return paths.explore(flow, context, limit=limit, random_count=random_count,
                             progress=progress)
    derived = derived_facts_read(flow)
    tasks: list[tuple[str, Any]] = [("branch", part) for part in splitter.parts]
    if derived:  # the longest part first, so that it is not the last to start
        tasks.insert(0, ("random", (random_count, random_points(flow, routing))))
    found: list[Part] = []
    if len(tasks) > 1:
        from advisor.parallel import map_large

        checked = [own]

        def finished(part: Part) -> None:
            checked[0] += part.count
            if progress is not None:
                progress(checked[0])

        found = list(map_large(tasks, _part, _state, (flow, context, limit), jobs, finished))
    elif tasks:
        found = [_part(task, _state(flow, context, limit)) for task in tasks]
    randomly = found.pop(0) if derived else None
    exhaustive = own + sum(p.count for p in found)
    if exhaustive >= limit or any(p.truncated for p in found) or (
        randomly is not None and randomly.truncated
    ):
        return paths.explore(flow, context, limit=limit, random_count=random_count,
                             progress=progress)

    explorer = paths._Explorer(flow, context, limit)
    explorer.progress = progress
    result = explorer.result
    result.counts["exhaustive"] = exhaustive
    result.derived_read = derived
    _join(result, splitter.result)
    in_order: list[_Own | Part] = [
        item if isinstance(item, _Own) else found[item] for item in splitter.order
    ]
    if randomly is not None:
        result.counts["random"] = randomly.count
        in_order.append(randomly)
    for piece in in_order:
        if isinstance(piece, Part):
            _join(result, piece)
        for done in piece.finished:
            explorer._keep(done)
        for key, stuck in piece.stuck.items():
            result.stuck.setdefault(key, stuck)
    return paths.pitfall_searches(explorer, routing)
