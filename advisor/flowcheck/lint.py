"""`advisor flows check`: every problem in a flow file, each with its node and a fix.

A lint run never stops at the first problem. It reads as much of the file as it can
(a node the file format refuses is left out, and what depends on it is not judged), runs
the loader's cross-reference checks (`advisor.flow.checks`), then checks the flow as a
graph (unreachable nodes, cycles with no way out, facts read where they can never be
known), and finally drives every answer path through the engine (`advisor.flowcheck.paths`):
dead ends, decisions that loop, routes that are never taken, outcomes never reached and
pitfalls that never fire. Before all that, every text is checked for control characters
(advisor.flow.rawtext).

This module runs the check; the parts are lint_read (reading what can be read),
lint_graph (the graph checks) and lint_paths (what the answer paths show).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from advisor.derived import VOCABULARY
from advisor.facts import Context
from advisor.fileio import read_text
from advisor.flow import checks, rawtext
from advisor.flowcheck.findings import FORMAT_HINT, Finding
from advisor.flowcheck.lint_graph import no_way_out, unknown_here, unreachable
from advisor.flowcheck.lint_paths import path_findings, paths_words
from advisor.flowcheck.lint_read import load_partly
from advisor.flowcheck.paths import MAX_PATHS, Exploration
from advisor.flowcheck.spread import explore

__all__ = ["KINDS", "Finding", "LintResult", "describe_counts", "lint_file", "lint_text",
           "path_findings"]

_LABELS = {"flow": 0, "question": 1, "decision": 2, "outcome": 3, "pitfall": 4}
_WHERE = re.compile(
    r"^(flow|question|decision|outcome|pitfall)(?: (?:'([^']*)'|#(\d+)))?"
    r"(?:, (route|reaction|part) (\d+))?"
)

# Every kind of finding, with what it means; docs/flows.md lists them from here.
KINDS: dict[str, str] = {
    "invalid-toml": "the file is not valid TOML",
    "schema": "the file format refuses a key or value (missing, unknown, wrong type)",
    "control-character": "a text holds a control character (ESC, CSI, OSC …), a bidirectional "
    "override or an unpaired surrogate, which would steer the terminal of whoever reads it",
    "duplicate-id": "two nodes, two pitfalls or two choices share an id",
    "missing-node": "a route or the start names a node that does not exist",
    "unknown-fact": "a condition or text reads a fact that is no question and no derived fact",
    "unknown-choice": "a condition compares a choice question with a choice it does not have",
    "bad-comparison": "an operator or value that does not fit the fact's kind",
    "bad-default": "a default that is no valid answer, or default_from or max_from reading a "
    "fact of the wrong kind",
    "unknown-source": "a question takes its choices from a source that does not exist",
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


def describe_counts(exploration: Exploration) -> str:
    counts = exploration.counts
    total = paths_words(exploration.total)
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
    text: str,
    source: str,
    context: Context | None = None,
    *,
    limit: int = MAX_PATHS,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> LintResult:
    """Every finding and note on a flow file; the answer paths on up to `jobs` processes
    (advisor.flowcheck.spread), `progress` told how many are checked as they are."""
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
    unsafe = list(rawtext.unsafe_texts(raw))
    for found in unsafe:
        result.findings.append(
            Finding(source, found.where, "control-character", found.message, rawtext.HINT)
        )
    if unsafe:
        raw = rawtext.cleaned(raw)  # reported: check the rest as if they were not there
    loaded = load_partly(raw, text, source)
    result.findings.extend(loaded.findings)
    flow = loaded.flow
    if flow is None:
        result.skipped = "the file format problems above leave no flow to check"
        result.findings.sort(key=lambda f: _order(f, raw))
        return result
    problems = list(checks.problems(flow, VOCABULARY))
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
        result.findings.extend(unreachable(flow, source))
        for finding, cycle in no_way_out(flow, source):
            result.findings.append(finding)
            trapped.update(cycle)
        for finding, route in unknown_here(flow, source):
            result.findings.append(finding)
            if route is not None:
                explained.add(route)
    runnable = not any(p.kind == "missing-node" for p in problems)
    if not graph_ok or loaded.repaired:
        result.skipped = "fix the file format problems above first"
    elif not runnable:
        result.skipped = "fix the references to missing nodes first"
    else:
        exploration = explore(flow, context, limit=limit, jobs=jobs, progress=progress)
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


def _route_key(where: str) -> tuple[str, int] | None:
    match = _WHERE.match(where)
    if match is None or match.group(4) != "route" or match.group(2) is None:
        return None
    return match.group(2), int(match.group(5)) - 1



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
