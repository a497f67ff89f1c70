"""Every way through a flow, driven through the real engine.

`explore` answers a flow in every way that can make a difference and runs each answer path
through `advisor.engine.Session`, noting where each path ends (an outcome, or a dead end),
which routes were taken, which route conditions held where they were tested, and which
pitfalls fired. `advisor flows check` turns that into findings; `advisor flows cover` picks
a few paths that together reach everything.

What "every way" means is said in advisor.flowcheck.domains: one answer per class of answers
that no route condition can tell apart. That is exhaustive for routing on answers.
Conditions can also read derived facts, which code computes from the answers (e.g. the
cost model's savings); their boundaries cannot be
enumerated from the flow, so when a condition reads one, seeded random paths over the full
answer domains are added. Pitfall conditions do not steer a conversation: each pitfall that
the routing paths leave silent gets its own search, with its condition's values added to
the domains, until it fires or every path is tried.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

from advisor.engine.known_facts import SessionFacts
from advisor.engine.session import Session
from advisor.errors import AnswerError
from advisor.facts import Context
from advisor.flow.conditions import test_for
from advisor.flow.model import Decision, Flow, Value
from advisor.flowcheck.domains import (
    Domain,
    derived_facts_read,
    make_domain,
    random_points,
    random_value,
    route_conditions,
    within_bounds,
)
from advisor.flowcheck.path_types import Answers, Exploration, Finished, Item, Stuck

MAX_PATHS = 200_000  # per search; beyond this the check reports itself incomplete
RANDOM_PATHS = 2_000  # added when a condition reads a derived fact
RANDOM_SEED = 20261128
PRICED_KEPT = 4096  # the search comes back to inputs it priced thousands of paths before
_DONE: Any = object()  # no more answers to try
_CLOCK = datetime(2026, 11, 28, tzinfo=UTC)  # answer times do not matter here

# --- the search ----------------------------------------------------------------------------


class _Explorer:
    def __init__(self, flow: Flow, context: Context, limit: int) -> None:
        from advisor.costs.estimate.of_answers import keep

        keep(PRICED_KEPT)
        self.flow = flow
        self.context = context
        self.limit = limit
        self.result = Exploration(flow)
        self._reached: set[frozenset[Item]] = set()
        self._count = 0
        self._stop: Callable[[Finished], bool] | None = None
        self._stopped = False
        self.defer_at: int | None = None  # see advisor.flowcheck.spread
        self._tests: dict[str, list[Callable[[Mapping[str, Any]], bool] | None]] = {}
        self._noted: dict[tuple[str, tuple[bool, ...]], list[tuple[str, int]]] = {}
        self.progress: Callable[[int], None] | None = None

    # Routes are followed here exactly as the engine follows them (first route whose
    # condition holds), to note every condition's truth; the engine's own landing node is
    # compared with ours on every step, so the two can never silently disagree.
    def walk(self, node: str, facts: Mapping[str, Any]) -> tuple[list[tuple[str, int]], str, str]:
        taken: list[tuple[str, int]] = []
        seen: set[str] = set()
        nodes = self.flow.nodes
        while True:
            routes = self.flow.routes_of(node)
            tests = self._tests.get(node)
            if tests is None:
                tests = self._tests[node] = [
                    None if route.when is None else test_for(route.when) for route in routes
                ]
            truth = [True if test is None else test(facts) for test in tests]
            self._note(node, truth)
            if True not in truth:
                return taken, node, "dead-end"
            index = truth.index(True)
            taken.append((node, index))
            self.result.taken.add((node, index))
            node = routes[index].to
            self.result.visited.add(node)
            if not isinstance(nodes.get(node), Decision):
                return taken, node, ""
            if node in seen:
                return taken, node, "endless-loop"
            seen.add(node)

    def _note(self, node: str, truth: list[bool]) -> None:
        result = self.result
        result.visited.add(node)
        # The routes before each one that held: the same every time a node is met with the
        # same truths, and noting them again changes nothing (an intersection and a union
        # with the same set), so they are worked out and noted once per node and truths.
        seen = (node, tuple(truth))
        held = self._noted.get(seen)
        if held is None:
            held = self._noted[seen] = []
            for index, holds in enumerate(truth):
                if not holds:
                    continue
                key = (node, index)
                held.append(key)
                earlier = frozenset(i for i in range(index) if truth[i])
                previous = result.always_before.get(key)
                result.always_before[key] = earlier if previous is None else previous & earlier
                result.sometimes_before[key] = (
                    result.sometimes_before.get(key, frozenset()) | earlier
                )
        counts = result.held
        for key in held:
            counts[key] = counts.get(key, 0) + 1

    def _answers(self, session: Session) -> Answers:
        return tuple((step.question_id, step.value) for step in session.steps)

    def _stuck(self, kind: str, node: str, session: Session | None, detail: str = "") -> None:
        self._tick()
        self.result.stuck_count += 1
        key = (kind, node)
        if key not in self._stuck_kept():
            answers = self._answers(session) if session is not None else ()
            facts: dict[str, Any] = {}
            if session is not None:
                try:
                    facts = dict(session.facts)
                except Exception:  # a derived fact fails: the answers still tell the story
                    facts = dict(session.answers)
            self._stuck_kept()[key] = Stuck(kind, node, answers, facts, detail)

    def _tick(self) -> None:
        """One more path; every 512, `progress` is told how many so far."""
        self._count += 1
        if self.progress is not None and not self._count % 512:
            self.progress(sum(self.result.counts.values()) + self._count)

    # Where paths are kept; a search split over processes (advisor.flowcheck.spread) keeps
    # them per part, and joins the parts in the order one search would have met them.
    def _stuck_kept(self) -> dict[tuple[str, str], Stuck]:
        return self.result.stuck

    def _keep(self, done: Finished) -> None:
        if done.reaches not in self._reached:
            self._reached.add(done.reaches)
            self.result.finished.append(done)

    def _defer(self, session: Session, passed: list[tuple[str, int]]) -> None:
        """Leave the answers below this question (at depth `defer_at`) to another process."""
        raise NotImplementedError

    def _finish(self, session: Session, routes: list[tuple[str, int]]) -> None:
        self._tick()
        outcome = session.state
        try:
            fired = [p.id for p in session.pitfalls()]
        except Exception as error:  # a derived fact that fails: report, don't crash
            self._stuck("engine-error", outcome, session, _error_text(error))
            return
        result = self.result
        result.outcomes.add(outcome)
        result.pitfalls.update(fired)
        reaches = frozenset(
            [("outcome", outcome, -1)]
            + [("route", node, index) for node, index in routes]
            + [("pitfall", pid, -1) for pid in fired]
        )
        done = Finished(self._answers(session), outcome, reaches)
        self._keep(done)
        if self._stop is not None and self._stop(done):
            self._stopped = True

    def start(self) -> tuple[Session | None, list[tuple[str, int]]]:
        """A new session, and the routes it passed before the first question."""
        try:
            session = Session(self.flow, self.context, clock=lambda: _CLOCK)
        except Exception as error:
            stand_in = SimpleNamespace(
                state=self.flow.start, answers={}, context=self.context, outcome=None
            )
            _, node, problem = self.walk(self.flow.start, SessionFacts(stand_in))  # type: ignore[arg-type]
            self._stuck(problem or "engine-error", node, None, _error_text(error))
            return None, []
        routes: list[tuple[str, int]] = []
        self.result.visited.add(self.flow.start)
        if isinstance(self.flow.nodes[self.flow.start], Decision):
            routes, _, _ = self.walk(self.flow.start, session.facts)
        return session, routes

    def step(self, session: Session, value: Value) -> list[tuple[str, int]] | None:
        """Answer the current question. The routes passed, or None when the path ended
        without an outcome (recorded) and the session was put back."""
        question = session.current
        assert question is not None
        before = len(session.steps)
        try:
            session.answer(value)
        except AnswerError:
            raise
        except Exception as error:
            answered = len(session.steps) > before
            if answered:
                _, node, problem = self._safe_walk(question.id, session)
                self._stuck(problem or "engine-error", node, session, _error_text(error))
                session.back()
            else:
                self._stuck("engine-error", question.id, session, _error_text(error))
            return None
        taken, node, problem = self._safe_walk(question.id, session)
        if problem or node != session.state:
            detail = (
                f"the engine went to '{session.state}', the routes lead to '{node}'"
                if not problem
                else ""
            )
            self._stuck(problem or "engine-error", node, session, detail)
            session.back()
            return None
        return taken

    def _safe_walk(self, node: str, session: Session) -> tuple[list[tuple[str, int]], str, str]:
        try:
            return self.walk(node, session.facts)
        except Exception:
            return [], node, ""

    def _full(self) -> bool:
        if self._count >= self.limit:
            self.result.truncated = True
        return self.result.truncated or self._stopped

    # --- exhaustive -------------------------------------------------------------------

    def exhaustive(self, domain: Domain, stop: Callable[[Finished], bool] | None = None) -> int:
        self._count, self._stop, self._stopped = 0, stop, False
        session, routes = self.start()
        if session is not None:
            self._visit(session, domain, routes)
        return self._count

    def _visit(self, session: Session, domain: Domain, routes: list[tuple[str, int]]) -> None:
        """Depth first over every answer of every question reached, with a stack of its
        own (a path is as deep as the flow is long). A frame is a question being answered:
        the answers left to try, and the routes passed on the way to it."""
        frames: list[tuple[Iterator[Value], list[tuple[str, int]]]] = []

        def enter(passed: list[tuple[str, int]]) -> bool:
            question = session.current
            if question is None:
                self._finish(session, [r for _, before in frames for r in before] + passed)
                return False
            if question.id in session.answers:
                self._stuck("loops-back", question.id, session)
                return False
            if len(frames) == self.defer_at:  # another process answers the rest
                self._defer(session, [r for _, before in frames for r in before] + passed)
                return False
            frames.append((iter(within_bounds(question, session, domain(question, session))),
                           passed))
            return True

        enter(routes)
        while frames and not self._full():
            value = next(frames[-1][0], _DONE)
            if value is _DONE:
                frames.pop()
                if frames:
                    session.back()  # the answer that led to the question just finished
                continue
            question = session.current
            try:
                taken = self.step(session, value)
            except AnswerError as error:  # a representative the question refuses
                assert question is not None
                self._stuck("engine-error", question.id, session, str(error))
                continue
            if taken is not None and not enter(taken):
                session.back()

    # --- random -----------------------------------------------------------------------

    def random_paths(self, count: int, points: Mapping[str, list[int | float]]) -> int:
        self._count, self._stop, self._stopped = 0, None, False
        rng = random.Random(RANDOM_SEED)
        for _ in range(count):
            session, routes = self.start()
            while session is not None:
                question = session.current
                if question is None:
                    self._finish(session, routes)
                    break
                if question.id in session.answers:
                    self._stuck("loops-back", question.id, session)
                    break
                value = random_value(
                    question, rng, points.get(question.id, []), round_numbers=True
                )
                value = within_bounds(question, session, [value])[0]
                try:
                    taken = self.step(session, value)
                except AnswerError as error:
                    self._stuck("engine-error", question.id, session, str(error))
                    break
                if taken is None:
                    break
                routes = routes + taken
        return self._count


def _error_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def explore(
    flow: Flow,
    context: Context | None = None,
    *,
    limit: int = MAX_PATHS,
    random_count: int = RANDOM_PATHS,
    progress: Callable[[int], None] | None = None,
) -> Exploration:
    """Every answer path that can make a difference (see the module's docstring), in this
    process (advisor.flowcheck.spread shares the same search among processes); `progress` is
    told the paths checked so far, now and then."""
    explorer = _Explorer(flow, context or Context(), limit)
    explorer.progress = progress
    result = explorer.result
    routing = route_conditions(flow)
    result.counts["exhaustive"] = explorer.exhaustive(make_domain(flow, routing))
    result.derived_read = derived_facts_read(flow)
    if result.derived_read and not result.truncated:
        result.counts["random"] = explorer.random_paths(random_count, random_points(flow, routing))
    return pitfall_searches(explorer, routing)


def pitfall_searches(explorer: _Explorer, routing: list[Any]) -> Exploration:
    """A search of its own for each pitfall the routing paths left silent."""
    flow, result = explorer.flow, explorer.result
    targeted = 0
    for pitfall in flow.pitfalls:
        if pitfall.id in result.pitfalls or result.truncated:
            continue
        domain = make_domain(flow, [*routing, pitfall.when])
        pid = pitfall.id
        targeted += explorer.exhaustive(domain, stop=lambda done, pid=pid: ("pitfall", pid, -1)
                                        in done.reaches)
    if targeted:
        result.counts["pitfalls"] = targeted
    return result


def trace(flow: Flow, answers: Mapping[str, Any], context: Context | None = None) -> Finished:
    """What one set of answers reaches, through the engine: questions without an answer
    take their default, as in `advisor run`. ValueError when the path does not end in an
    outcome (with the reason)."""
    explorer = _Explorer(flow, context or Context(), limit=1)
    session, routes = explorer.start()
    while session is not None and (question := session.current) is not None:
        value = answers.get(question.id, session.default_for(question))
        if value is None or question.id in session.answers:
            break
        taken = explorer.step(session, value)
        if taken is None:
            break
        routes = routes + taken
    if session is None or not session.finished:
        stuck = next(iter(explorer.result.stuck.values()), None)
        where = f"{stuck.kind} at '{stuck.node}' {stuck.detail}".strip() if stuck else (
            f"no answer for '{session.current.id}'" if session and session.current else "stuck"
        )
        raise ValueError(f"the answers do not reach an outcome: {where}")
    explorer._finish(session, routes)
    return explorer.result.finished[0]
