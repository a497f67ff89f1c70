"""`advisor flows check`: every problem in a flow file, each with its node and a fix.

A lint run never stops at the first problem. It reads as much of the file as it can
(a node the file format refuses is left out, and what depends on it is not judged), runs
the loader's cross-reference checks (`advisor.flow.checks`), then checks the flow as a
graph (unreachable nodes, cycles with no way out, facts read where they can never be
known), and finally drives every answer path through the engine (`advisor.flow.paths`):
dead ends, decisions that loop, routes that are never taken, outcomes never reached and
pitfalls that never fire.
"""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from advisor.engine.wording import PLACEHOLDER
from advisor.facts import OUTCOME_FACTS, Context, derived_specs
from advisor.fileio import read_text
from advisor.flow import checks
from advisor.flow.conditions import Condition, facts_read
from advisor.flow.explain import condition_text, value_text
from advisor.flow.graph import successors
from advisor.flow.model import ITEMS, Decision, Flow, Outcome, Question
from advisor.flow.paths import MAX_PATHS, Exploration, explore

SECTIONS = ("questions", "decisions", "outcomes", "pitfalls")
_LABELS = {"flow": 0, "question": 1, "decision": 2, "outcome": 3, "pitfall": 4}
_WHERE = re.compile(
    r"^(flow|question|decision|outcome|pitfall)(?: (?:'([^']*)'|#(\d+)))?"
    r"(?:, (route|reaction|part) (\d+))?"
)
_TEXT_KEYS = {"prompt", "help", "title", "summary", "advice", "label", "version", "say"}
_PLACEHOLDER = "(missing)"
FORMAT_HINT = "see the file format in docs/flows.md"

# Every kind of finding, with what it means; docs/flows.md lists them from here.
KINDS: dict[str, str] = {
    "invalid-toml": "the file is not valid TOML",
    "schema": "the file format refuses a key or value (missing, unknown, wrong type)",
    "duplicate-id": "two nodes, two pitfalls or two choices share an id",
    "missing-node": "a route or the start names a node that does not exist",
    "unknown-fact": "a condition or text reads a fact that is no question and no derived fact",
    "unknown-choice": "a condition compares a choice question with a choice it does not have",
    "bad-comparison": "an operator or value that does not fit the fact's kind",
    "bad-default": "a default that is no valid answer, or default_from a fact that is no number",
    "no-fallback": "the last route has a condition, so some answers may lead nowhere",
    "unknown-here": "a condition or text reads a question never asked before that point",
    "unreachable": "no route leads to the node from the start",
    "no-way-out": "a cycle of nodes from which no route leads to an outcome",
    "dead-end": "for some answers no route of the node applies",
    "endless-loop": "decisions route in a circle: they ask nothing, so it never ends",
    "loops-back": "a route leads back to a question already answered",
    "never-reached": "routes lead to the node, but no answers make them all hold",
    "shadowed-route": "a route never taken because earlier routes always win",
    "dead-route": "a route whose condition never holds where it is tested",
    "never-fires": "a pitfall whose condition holds at no outcome",
    "too-many-paths": "the path check stopped before trying every path",
    "engine-error": "the engine failed on a path (a bug, or a derived fact that fails)",
}


@dataclass(frozen=True)
class Finding:
    source: str
    where: str  # "flow", "question 'x'", "decision 'd', route 2", …
    kind: str  # a stable code: "missing-node", "dead-end", …
    message: str
    hint: str
    # A note is true of today's derived facts (prices, dates), not of the flow alone:
    # shown, but it does not make the check fail, since another day may differ.
    note: bool = False

    def __str__(self) -> str:
        label = "note: " if self.note else ""
        return (
            f"{self.source}: {self.where}: {label}{self.message} [{self.kind}]\n"
            f"    fix: {self.hint}"
        )


@dataclass
class LintResult:
    source: str
    findings: list[Finding] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)
    exploration: Exploration | None = None
    skipped: str = ""  # why the path check did not run, if it did not

    @property
    def clean(self) -> bool:
        return not self.findings

    def summary(self) -> str:
        paths = describe_counts(self.exploration) if self.exploration else ""
        notes = len(self.notes)
        tail = f"; {notes} note{'s' if notes != 1 else ''} on today's data" if notes else ""
        if self.clean:
            return f"{self.source}: clean — {paths}, every one ends in an outcome{tail}"
        count = len(self.findings)
        found = paths if self.exploration else f"path check skipped: {self.skipped}"
        return f"{self.source}: {count} finding{'s' if count != 1 else ''} — {found}{tail}"


def _paths_words(count: int) -> str:
    return f"{count:,} answer path{'s' if count != 1 else ''} checked"


def describe_counts(exploration: Exploration) -> str:
    counts = exploration.counts
    total = _paths_words(exploration.total)
    parts = [f"{counts.get('exhaustive', 0):,} exhaustive"]
    if counts.get("random"):
        parts.append(f"{counts['random']:,} random for derived facts")
    if counts.get("pitfalls"):
        parts.append(f"{counts['pitfalls']:,} to make pitfalls fire")
    return f"{total} ({' + '.join(parts)})" if len(parts) > 1 else total


def lint_file(path: str, context: Context | None = None) -> LintResult:
    """Lint a flow file. A file that cannot be read at all raises BadInput."""
    from advisor.flow.loader import MAX_FLOW_BYTES

    return lint_text(read_text(path, MAX_FLOW_BYTES, "flow"), path, context)


def lint_text(
    text: str, source: str, context: Context | None = None, *, limit: int = MAX_PATHS
) -> LintResult:
    result = LintResult(source)
    context = context or Context()
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        result.findings.append(
            Finding(source, "flow", "invalid-toml", f"not valid TOML: {error}",
                    "fix the TOML syntax at that line and column")
        )
        result.skipped = "the file is not valid TOML"
        return result
    except RecursionError:
        result.findings.append(
            Finding(source, "flow", "invalid-toml", "not valid TOML: nested too deeply",
                    "flatten the nesting")
        )
        result.skipped = "the file is not valid TOML"
        return result
    loaded = _load_partly(raw, text, source)
    result.findings.extend(loaded.findings)
    flow = loaded.flow
    if flow is None:
        result.skipped = "the file format problems above leave no flow to check"
        result.findings.sort(key=lambda f: _order(f, raw))
        return result
    problems = list(checks.problems(flow))
    for problem in problems:
        if problem.kind in ("missing-node", "unknown-fact") and problem.subject in loaded.dropped:
            continue  # the schema finding on that node says it already
        result.findings.append(
            Finding(source, problem.where, problem.kind, problem.message,
                    problem.hint or FORMAT_HINT)
        )
    graph_ok = not loaded.dropped and not loaded.routes_changed and not loaded.duplicates
    # Routes whose condition already has a finding: "never taken" would only repeat it.
    explained = {key for p in problems if (key := _route_key(p.where)) is not None}
    trapped: set[str] = set()
    if graph_ok:
        result.findings.extend(_unreachable(flow, source))
        for finding, cycle in _no_way_out(flow, source):
            result.findings.append(finding)
            trapped.update(cycle)
        for finding, route in _unknown_here(flow, source):
            result.findings.append(finding)
            if route is not None:
                explained.add(route)
    runnable = not any(p.kind == "missing-node" for p in problems)
    if not graph_ok or loaded.repaired:
        result.skipped = "fix the file format problems above first"
    elif not runnable:
        result.skipped = "fix the references to missing nodes first"
    else:
        exploration = explore(flow, context, limit=limit)
        result.exploration = exploration
        static_loops = any(p.kind == "endless-loop" for p in problems)
        for finding in path_findings(flow, source, exploration, explained, trapped,
                                      context.today.isoformat()):
            if finding.kind == "endless-loop" and static_loops:
                continue  # the loader's check names the whole circle already
            (result.notes if finding.note else result.findings).append(finding)
    result.findings.sort(key=lambda f: _order(f, raw))
    result.notes.sort(key=lambda f: _order(f, raw))
    return result


# --- reading what can be read --------------------------------------------------------------


@dataclass
class _Loaded:
    flow: Flow | None
    findings: list[Finding]
    dropped: set[str]  # ids of nodes left out because the file format refuses them
    repaired: bool  # anything was changed to make the rest readable
    routes_changed: bool  # a route was left out or lost its condition
    duplicates: bool
    deleted: list[list[Any]] = field(default_factory=list)  # this round's deletions


def _load_partly(raw: dict[str, Any], text: str, source: str) -> _Loaded:
    from pydantic import ValidationError

    from advisor.flow import schema
    from advisor.flow.loader import content_hash, describe_error_item, error_location

    data = copy.deepcopy(raw)
    loaded = _Loaded(None, [], set(), False, False, False)
    reported: set[tuple[str, tuple[Any, ...]]] = set()
    parsed = None
    for _ in range(25):
        try:
            parsed = schema.FlowIn.model_validate(data)
            break
        except ValidationError as error:
            errors = error.errors()
            repairs = []
            for item in errors:
                location = error_location(item)
                if not loaded.repaired:  # the first pass shows the file as written
                    where, message = describe_error_item(item, raw)
                    key = (where, tuple(location))
                    if key not in reported:
                        reported.add(key)
                        loaded.findings.append(
                            Finding(source, where, "schema", message, _schema_hint(item))
                        )
                repairs.append((location, item["type"]))
            if not _repair(data, repairs, loaded):
                return loaded
    if parsed is None:
        return loaded
    for problem in checks.duplicate_ids(parsed.ids_by_section()):
        loaded.duplicates = True
        loaded.findings.append(
            Finding(source, problem.where, problem.kind, problem.message, problem.hint)
        )
    loaded.flow = parsed.to_domain(source, content_hash(text))
    return loaded


def _schema_hint(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"remove the key or correct its spelling; {FORMAT_HINT}"
    if kind == "missing":
        return f"add the key; {FORMAT_HINT}"
    return FORMAT_HINT


_REQUIRED_TOP = {"id": "flow", "title": _PLACEHOLDER, "version": _PLACEHOLDER}


def _repair(data: dict[str, Any], repairs: list[tuple[list[Any], str]], loaded: _Loaded) -> bool:
    """Change `data` so that the parts the file format refuses are left out; deepest and
    last first, so that list positions stay valid. False when nothing could be done."""
    changed = False
    loaded.deleted = []
    for location, kind in sorted(repairs, key=lambda r: _sortable(r[0]), reverse=True):
        if any(location[: len(gone)] == gone for gone in loaded.deleted):
            continue  # inside something already left out (its place may hold another node)
        changed |= _repair_one(data, location, kind, loaded)
    loaded.repaired = loaded.repaired or changed
    return changed


def _sortable(location: list[Any]) -> tuple[tuple[int, Any], ...]:
    return tuple((0, part) if isinstance(part, int) else (1, str(part)) for part in location)


def _get(data: Any, location: list[Any]) -> Any:
    for part in location:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _delete(data: Any, location: list[Any], loaded: _Loaded) -> bool:
    parent = _get(data, location[:-1])
    key = location[-1]
    in_table = isinstance(parent, dict) and key in parent
    in_list = isinstance(parent, list) and isinstance(key, int) and key < len(parent)
    if not (in_table or in_list):
        return False
    del parent[key]
    loaded.deleted.append(list(location))
    return True


def _drop_node(data: dict[str, Any], location: list[Any], loaded: _Loaded) -> bool:
    node = _get(data, location[:2])
    if isinstance(node, dict) and isinstance(node.get("id"), str) and location[0] != "pitfalls":
        loaded.dropped.add(node["id"])
    return _delete(data, location[:2], loaded)


def _repair_one(data: dict[str, Any], location: list[Any], kind: str, loaded: _Loaded) -> bool:
    if not location:
        return False
    top = location[0]
    if len(location) == 1:  # a top-level key
        if kind == "extra_forbidden" or top in ("description", "start"):
            return _delete(data, location, loaded)
        if top in _REQUIRED_TOP:
            data[top] = _REQUIRED_TOP[top]
            return True
        if top in SECTIONS and not isinstance(data.get(top), list):
            data[top] = []
            return True
        return False
    if top not in SECTIONS or not isinstance(location[1], int):
        return _delete(data, location, loaded)
    if len(location) == 2:  # a node that is not a table, or of an unknown kind
        return _drop_node(data, location, loaded)
    key = location[2]
    if kind == "extra_forbidden":
        return _delete(data, location, loaded)
    if kind == "missing" and location[-1] in _TEXT_KEYS:
        parent = _get(data, location[:-1])
        if isinstance(parent, dict):
            parent[location[-1]] = _PLACEHOLDER
            return True
    if "when" in location[2:]:
        cut = location.index("when", 2) + 1
        if cut == 3:  # a pitfall's condition: the pitfall cannot be judged
            return _delete(data, location[:2], loaded)
        loaded.routes_changed = True
        return _delete(data, location[:cut], loaded)
    inner = next((i for i in range(3, len(location)) if isinstance(location[i], int)), None)
    if inner is not None:  # an item of a list inside the node: a route, choice, reaction
        if key == "routes":
            loaded.routes_changed = True
        return _delete(data, location[: inner + 1], loaded)
    if key in ("id", "kind", "routes", "choices", "approach", "components", "when", "to"):
        if key == "routes":
            loaded.routes_changed = True
        return _drop_node(data, location, loaded)
    node = _get(data, location[:2])
    if key in _TEXT_KEYS and len(location) == 3 and isinstance(node, dict):
        node[key] = _PLACEHOLDER
        return True
    return _delete(data, location[:3], loaded)


# --- the flow as a graph -------------------------------------------------------------------


def _where(flow: Flow, node_id: str) -> str:
    node = flow.nodes[node_id]
    label = {Question: "question", Decision: "decision", Outcome: "outcome"}[type(node)]
    return f"{label} '{node_id}'"


def reachable_from_start(flow: Flow) -> set[str]:
    seen = {flow.start} if flow.start in flow.nodes else set()
    todo = list(seen)
    while todo:
        for nxt in successors(flow, todo.pop()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _unreachable(flow: Flow, source: str) -> Iterator[Finding]:
    if flow.start not in flow.nodes:
        return
    reachable = reachable_from_start(flow)
    for node_id in flow.nodes:
        if node_id not in reachable:
            yield Finding(
                source, _where(flow, node_id), "unreachable",
                f"no route leads here from the start ('{flow.start}')",
                "route to it from a node that is reached, or delete it",
            )


def _components(flow: Flow) -> list[list[str]]:
    """Strongly connected components (Tarjan), each in file order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    order = {n: i for i, n in enumerate(flow.nodes)}

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in successors(flow, node):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            found.append(sorted(component, key=order.__getitem__))

    for node in flow.nodes:
        if node not in index:
            visit(node)
    return found


def _route_key(where: str) -> tuple[str, int] | None:
    match = _WHERE.match(where)
    if match is None or match.group(4) != "route" or match.group(2) is None:
        return None
    return match.group(2), int(match.group(5)) - 1


def _no_way_out(flow: Flow, source: str) -> Iterator[tuple[Finding, list[str]]]:
    can_finish = set(flow.outcomes)
    changed = True
    while changed:
        changed = False
        for node_id in flow.nodes:
            if node_id not in can_finish and any(
                nxt in can_finish for nxt in successors(flow, node_id)
            ):
                can_finish.add(node_id)
                changed = True
    for component in _components(flow):
        looped = len(component) > 1 or component[0] in successors(flow, component[0])
        if looped and not can_finish.intersection(component):
            circle = " → ".join([*component, component[0]])
            yield Finding(
                source, _where(flow, component[0]), "no-way-out",
                f"a cycle with no way out: {circle}; no route from it leads to an outcome, "
                "so a conversation that gets here never ends",
                "add a route out of the cycle that leads (eventually) to an outcome",
            ), component


def _known_before(flow: Flow) -> dict[str, set[str]]:
    """For each node, the questions some path from the start may have asked before it."""
    known: dict[str, set[str]] = {n: set() for n in flow.nodes}
    changed = True
    while changed:
        changed = False
        for node_id, node in flow.nodes.items():
            out = known[node_id] | ({node_id} if isinstance(node, Question) else set())
            for nxt in successors(flow, node_id):
                if not out <= known[nxt]:
                    known[nxt] |= out
                    changed = True
    return known


def _descendants(flow: Flow, node_id: str) -> set[str]:
    seen: set[str] = set()
    todo = successors(flow, node_id)
    while todo:
        nxt = todo.pop()
        if nxt not in seen:
            seen.add(nxt)
            todo.extend(successors(flow, nxt))
    return seen


def _unknown_here(
    flow: Flow, source: str
) -> Iterator[tuple[Finding, tuple[str, int] | None]]:
    """Conditions and texts that read a question never asked before they are used."""
    if flow.start not in flow.nodes:
        return
    reachable = reachable_from_start(flow)
    known = _known_before(flow)
    outcome_facts = {spec.name for spec in OUTCOME_FACTS}
    at_outcomes = set().union(*(known[o] for o in flow.outcomes if o in reachable))

    def problem(fact: str, node_id: str | None, available: set[str]) -> str | None:
        if fact in outcome_facts:
            if node_id is None:
                return None
            return (f"reads '{fact}', which is known only once an outcome is reached "
                    "(pitfalls may read it; routes and reactions cannot)")
        if fact not in flow.questions or fact in available:
            return None
        if node_id is not None and fact in _descendants(flow, node_id) | {node_id}:
            return f"reads '{fact}', which is never known here: it is asked only later"
        where = "here" if node_id is not None else "at any outcome"
        return f"reads '{fact}', which is never known {where}: no path to it asks '{fact}'"

    def check(condition: Condition | None, texts: list[str], node_id: str | None,
              available: set[str], where: str, route: tuple[str, int] | None):
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
        available = known[node_id] | ({node_id} if isinstance(node, Question) else set())
        base = _where(flow, node_id)
        for number, route in enumerate(flow.routes_of(node_id), start=1):
            yield from check(route.when, [route.why], node_id, available,
                             f"{base}, route {number}", (node_id, number - 1))
        if isinstance(node, Question):
            for number, reaction in enumerate(node.reactions, start=1):
                yield from check(reaction.when, [reaction.say], node_id, available,
                                 f"{base}, reaction {number}", None)
            source_fact = node.default_from.fact if node.default_from else None
            if source_fact and source_fact in flow.questions and source_fact not in known[node_id]:
                yield Finding(
                    source, base, "unknown-here",
                    f"default_from reads '{source_fact}', which is never asked before it",
                    "take the default from a question asked earlier on every path",
                ), None
    for outcome in flow.outcomes.values():
        if outcome.id in reachable:
            yield from check(None, [outcome.title, outcome.summary, outcome.why], outcome.id,
                             known[outcome.id], _where(flow, outcome.id), None)
            for number, part in enumerate(outcome.parts, start=1):
                where = f"{_where(flow, outcome.id)}, part {number}"
                for line in (part, *part.items):
                    yield from check(line.when, [line.say.replace(ITEMS, "")], outcome.id,
                                     known[outcome.id], where, None)
    for pitfall in flow.pitfalls:
        yield from check(pitfall.when, [pitfall.advice], None, at_outcomes,
                         f"pitfall '{pitfall.id}'", None)


# --- what the answer paths show ------------------------------------------------------------


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
    found: dict[str, list[str]] = {}
    changed = True
    while changed:
        changed = False
        for node_id in flow.nodes:
            if node_id in exploration.visited:
                continue
            for route in flow.routes_of(node_id):
                target = route.to
                if target in exploration.visited or target in found:
                    continue
                names = _derived_read(route.when) if node_id in exploration.visited else []
                inherited = found.get(node_id, [])
                if names or inherited:
                    found[target] = names or inherited
                    changed = True
        for node_id in exploration.visited:
            for route in flow.routes_of(node_id):
                names = _derived_read(route.when)
                if names and route.to not in exploration.visited and route.to not in found:
                    found[route.to] = names
                    changed = True
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
    checked = _paths_words(exploration.total)
    dependent = _depends_on_derived(flow, exploration)
    for (kind, node_id), stuck in sorted(exploration.stuck.items()):
        if kind in ("endless-loop", "loops-back") and node_id in trapped:
            continue  # the no-way-out finding on the cycle says it already
        where = _where(flow, node_id) if node_id in flow.nodes else "flow"
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
                source, _where(flow, node_id), "never-reached",
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
            where = f"{_where(flow, node_id)}, route {index + 1}"
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


def _order(finding: Finding, raw: dict[str, Any]) -> tuple[Any, ...]:
    """File order: the flow, then nodes as written, then routes and reactions by number."""
    match = _WHERE.match(finding.where)
    if match is None:
        return (9, 0, 0, 0, finding.where, finding.kind, finding.message)
    label, node_id, number, sub, sub_number = match.groups()
    section = label + "s"
    position = 0
    if node_id is not None:
        items = raw.get(section) if isinstance(raw.get(section), list) else []
        ids = [item.get("id") if isinstance(item, dict) else None for item in items]
        position = ids.index(node_id) if node_id in ids else len(ids)
    elif number is not None:
        position = int(number) - 1
    sub_rank = {None: 0, "route": 1, "reaction": 2, "part": 3}[sub]
    return (_LABELS[label], position, sub_rank, int(sub_number or 0), finding.where,
            finding.kind, finding.message)
