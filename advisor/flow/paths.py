"""Every way through a flow, driven through the real engine.

`explore` answers a flow in every way that can make a difference and runs each answer path
through `advisor.engine.Session`, noting where each path ends (an outcome, or a dead end),
which routes were taken, which route conditions held where they were tested, and which
pitfalls fired. `advisor flows check` turns that into findings; `advisor flows cover` picks
a few paths that together reach everything.

What "every way" means. A question's answers are grouped into classes that no route
condition can tell apart, and one representative per class is answered:
- choice and multi-choice: choices that appear in exactly the same condition operands are
  interchangeable; a multi-choice answer is a subset of classes (a class none, part or all
  picked where a condition can tell those apart);
- yes/no: both answers, where a condition reads it;
- number: for every value a condition compares it with, v-1, v and v+1 (integers) or v-ε,
  v and v+ε (real numbers, ε at most half the gap to the next value), plus min and max;
- text: every string a condition compares it with, plus one other;
- a question no route reads: one answer (its default when it has one).
That is exhaustive for routing on answers. Conditions can also read derived facts, which
code computes from the answers (e.g. the cost model's savings); their boundaries cannot be
enumerated from the flow, so when a condition reads one, seeded random paths over the full
answer domains are added. Pitfall conditions do not steer a conversation: each pitfall that
the routing paths leave silent gets its own search, with its condition's values added to
the domains, until it fires or every path is tried.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from advisor.engine.session import Facts, Session
from advisor.errors import AnswerError
from advisor.facts import OUTCOME_FACTS, Context, derived_specs
from advisor.flow.conditions import (
    LIST_OPS,
    ORDER_OPS,
    SCALAR_OPS,
    Compare,
    Condition,
    comparisons,
    evaluate,
)
from advisor.flow.model import Decision, Flow, Question, Value
from advisor.flow.values import coerce

MAX_PATHS = 200_000  # per search; beyond this the check reports itself incomplete
RANDOM_PATHS = 2_000  # added when a condition reads a derived fact
RANDOM_SEED = 20261128
_DONE: Any = object()  # no more answers to try
_CLOCK = datetime(2026, 11, 28, tzinfo=UTC)  # answer times do not matter here

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


Domain = Callable[[Question, Session], list[Value]]


# --- answer domains ------------------------------------------------------------------------


def route_conditions(flow: Flow) -> list[Condition]:
    """The conditions that steer a conversation: those of every route."""
    return [
        route.when
        for node_id in flow.nodes
        for route in flow.routes_of(node_id)
        if route.when is not None
    ]


def compares_by_fact(conditions: Iterable[Condition | None]) -> dict[str, list[Compare]]:
    found: dict[str, list[Compare]] = {}
    for condition in conditions:
        for compare in comparisons(condition):
            found.setdefault(compare.fact, []).append(compare)
    return found


def _operands(compare: Compare) -> set[Any]:
    value = compare.value
    return set(value) if isinstance(value, tuple) else {value}


def _classes(question: Question, compares: list[Compare]) -> list[list[str]]:
    """Choice ids grouped by the operands they appear in: no condition can tell a group apart."""
    tested = [c for c in compares if c.op != "exists"]
    groups: dict[tuple[bool, ...], list[str]] = {}
    for choice in question.choices:
        key = tuple(choice.id in _operands(c) for c in tested)
        groups.setdefault(key, []).append(choice.id)
    return list(groups.values())


def _subsets(question: Question, compares: list[Compare]) -> list[Value]:
    options: list[list[list[str]]] = []
    for group in _classes(question, compares):
        states = [[], group[:1]]
        # With eq, ne or contains_all, "some of a group" and "all of it" can differ.
        if len(group) > 1 and any(
            c.op in ("eq", "ne", "contains_all") and set(group) <= _operands(c)
            for c in compares
        ):
            states.append(group)
        options.append(states)
    order = {c.id: i for i, c in enumerate(question.choices)}
    subsets: list[Value] = []
    for combination in itertools.product(*options):
        picked = sorted((cid for part in combination for cid in part), key=order.__getitem__)
        if picked:
            subsets.append(picked)
    return subsets


def _in_range(question: Question, number: float) -> bool:
    if question.min is not None and number < question.min:
        return False
    if question.max is not None and number > question.max:
        return False
    return abs(number) <= 10**18


def _clean(question: Question, number: Decimal) -> int | float:
    if question.integer or number == number.to_integral_value():
        return int(number)
    return float(number)


def number_points(question: Question, compares: list[Compare]) -> list[int | float]:
    """The boundary values of every comparison on a number question, plus its min and max."""
    values: set[Decimal] = set()
    for compare in compares:
        if compare.op in ORDER_OPS + SCALAR_OPS + LIST_OPS:
            for item in _operands(compare):
                number = isinstance(item, int | float) and not isinstance(item, bool)
                if number and math.isfinite(item):
                    values.add(Decimal(str(item)))
    if not values:
        return []
    bounds = {Decimal(str(b)) for b in (question.min, question.max) if b is not None}
    points: set[Decimal] = set(bounds)
    if question.integer:
        for v in values:
            low, high = math.floor(v), math.ceil(v)
            points.update(Decimal(n) for n in (low - 1, low, high, high + 1))
    else:
        ordered = sorted(values | bounds)
        gaps = [b - a for a, b in itertools.pairwise(ordered)]
        epsilon = min([Decimal(1), *gaps]) / 2
        for v in values:
            points.update((v - epsilon, v, v + epsilon))
    # The compared values themselves first: answer files made from these paths (`flows
    # cover`) then read like real answers (500 examples rather than 499 or 100,000,000).
    ordered = sorted(values) + sorted(points - values)
    return [_clean(question, p) for p in ordered if _in_range(question, float(p))]


def typical(question: Question) -> Value:
    """One ordinary answer, for a question whose answer no route reads and that has no
    default."""
    if question.kind == "choice":
        return question.choices[0].id
    if question.kind == "multi_choice":
        return [question.choices[0].id]
    if question.kind == "yes_no":
        return True
    if question.kind == "text":
        return "example"[: question.max_length]
    for candidate in (1, question.min, question.max, 0):
        if candidate is not None and _in_range(question, candidate):
            return int(candidate) if question.integer else candidate
    return 0


def representatives(question: Question, compares: list[Compare]) -> list[Value] | None:
    """One answer per class that the comparisons can tell apart; None when no comparison
    tells any answers apart (then one ordinary answer will do)."""
    if not [c for c in compares if c.op != "exists"]:
        return None
    if question.kind == "choice":
        return [group[0] for group in _classes(question, compares)]
    if question.kind == "multi_choice":
        return _subsets(question, compares)
    if question.kind == "yes_no":
        return [True, False]
    if question.kind == "number":
        return list(number_points(question, compares)) or None
    strings = sorted(
        {str(v) for c in compares if c.op in SCALAR_OPS + LIST_OPS for v in _operands(c)}
    )
    other = question.default if isinstance(question.default, str) else "something else"
    if other in strings:
        other = "none of these " + "".join(strings)[:20]
    return [s[: question.max_length] for s in [*strings, other]]


def make_domain(flow: Flow, conditions: Iterable[Condition | None]) -> Domain:
    by_fact = compares_by_fact(conditions)
    fixed = {q.id: representatives(q, by_fact.get(q.id, [])) for q in flow.questions.values()}

    def domain(question: Question, session: Session) -> list[Value]:
        values = fixed[question.id]
        if values is not None:
            return values
        default = session.default_for(question)
        if default is not None:
            try:
                return [coerce(question, default)]
            except AnswerError:  # the check reports the bad default; answer around it
                pass
        return [typical(question)]

    return domain


def _round_numbers(question: Question) -> list[int | float]:
    """1, 2, 5, 10, 20, 50 … within the question's bounds: numbers people answer with."""
    found: list[int | float] = []
    for exponent in range(-4, 13):
        for mantissa in (1, 2, 5):
            number = Decimal(mantissa).scaleb(exponent)
            if question.integer and number != number.to_integral_value():
                continue
            if _in_range(question, float(number)):
                found.append(_clean(question, number))
    return found


def random_value(
    question: Question,
    rng: random.Random,
    points: list[int | float],
    *,
    round_numbers: bool = False,
) -> Value:
    """A random valid answer over the question's whole domain; numbers favour the boundary
    `points` and otherwise spread over orders of magnitude (with `round_numbers`, only
    over 1, 2, 5, 10, …, and plain text, so that the answers read like real ones)."""
    ids = [c.id for c in question.choices]
    if question.kind == "choice":
        return rng.choice(ids)
    if question.kind == "multi_choice":
        picked = set(rng.sample(ids, rng.randint(1, len(ids))))
        return [cid for cid in ids if cid in picked]
    if question.kind == "yes_no":
        return rng.random() < 0.5
    if question.kind == "text":
        if round_numbers:  # text steers nothing here: keep it plain
            default = question.default if isinstance(question.default, str) else "example"
            return default[: question.max_length]
        text = rng.choice(["", "example", "Answer [/bold] tickets {examples} $5 <b>", "é" * 3])
        return text[: question.max_length]
    if points and rng.random() < 0.4:
        return rng.choice(points)
    if round_numbers:
        return rng.choice(_round_numbers(question) or points or [typical(question)])
    low = question.min if question.min is not None else 0.0
    high = question.max if question.max is not None else max(low, 0) + 1e7
    if rng.random() < 0.1 or high <= low:
        number: float = low
    else:
        floor = max(low, 1.0 if question.integer else 1e-3)
        if high > floor > 0 and rng.random() < 0.8:
            number = math.exp(rng.uniform(math.log(floor), math.log(high)))
        else:
            number = rng.uniform(low, high)
    number = min(max(number, low), high)
    if question.integer:
        whole = round(number)
        return whole if _in_range(question, whole) else int(low)
    return number


# --- the search ----------------------------------------------------------------------------


class _Explorer:
    def __init__(self, flow: Flow, context: Context, limit: int) -> None:
        self.flow = flow
        self.context = context
        self.limit = limit
        self.result = Exploration(flow)
        self._reached: set[frozenset[Item]] = set()
        self._count = 0
        self._stop: Callable[[Finished], bool] | None = None
        self._stopped = False

    # Routes are followed here exactly as the engine follows them (first route whose
    # condition holds), to note every condition's truth; the engine's own landing node is
    # compared with ours on every step, so the two can never silently disagree.
    def walk(self, node: str, facts: Mapping[str, Any]) -> tuple[list[tuple[str, int]], str, str]:
        taken: list[tuple[str, int]] = []
        seen: set[str] = set()
        nodes = self.flow.nodes
        while True:
            routes = self.flow.routes_of(node)
            truth = [evaluate(route.when, facts) for route in routes]
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
        for index, holds in enumerate(truth):
            if not holds:
                continue
            key = (node, index)
            result.held[key] = result.held.get(key, 0) + 1
            earlier = frozenset(i for i in range(index) if truth[i])
            previous = result.always_before.get(key)
            result.always_before[key] = earlier if previous is None else previous & earlier
            result.sometimes_before[key] = result.sometimes_before.get(key, frozenset()) | earlier

    def _answers(self, session: Session) -> Answers:
        return tuple((step.question_id, step.value) for step in session.steps)

    def _stuck(self, kind: str, node: str, session: Session | None, detail: str = "") -> None:
        self._count += 1
        self.result.stuck_count += 1
        key = (kind, node)
        if key not in self.result.stuck:
            answers = self._answers(session) if session is not None else ()
            facts: dict[str, Any] = {}
            if session is not None:
                try:
                    facts = dict(session.facts)
                except Exception:  # a derived fact fails: the answers still tell the story
                    facts = dict(session.answers)
            self.result.stuck[key] = Stuck(kind, node, answers, facts, detail)

    def _finish(self, session: Session, routes: list[tuple[str, int]]) -> None:
        self._count += 1
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
        if reaches not in self._reached:
            self._reached.add(reaches)
            result.finished.append(done)
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
            _, node, problem = self.walk(self.flow.start, Facts(stand_in))  # type: ignore[arg-type]
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
            frames.append((iter(domain(question, session)), passed))
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


def derived_facts_read(flow: Flow) -> tuple[str, ...]:
    """Derived facts (computed by code from the answers) that routes or pitfalls read."""
    derived = set(derived_specs()) - {spec.name for spec in OUTCOME_FACTS}
    conditions = [*route_conditions(flow), *(p.when for p in flow.pitfalls)]
    read = {c.fact for cond in conditions for c in comparisons(cond)}
    return tuple(sorted(read & derived))


def explore(
    flow: Flow,
    context: Context | None = None,
    *,
    limit: int = MAX_PATHS,
    random_count: int = RANDOM_PATHS,
) -> Exploration:
    """Every answer path that can make a difference (see the module's docstring)."""
    explorer = _Explorer(flow, context or Context(), limit)
    result = explorer.result
    routing = route_conditions(flow)
    result.counts["exhaustive"] = explorer.exhaustive(make_domain(flow, routing))
    result.derived_read = derived_facts_read(flow)
    if result.derived_read and not result.truncated:
        by_fact = compares_by_fact([*routing, *(p.when for p in flow.pitfalls)])
        points = {
            q.id: number_points(q, by_fact.get(q.id, []))
            for q in flow.questions.values()
            if q.kind == "number"
        }
        result.counts["random"] = explorer.random_paths(random_count, points)
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
