"""A finding of `advisor flows check`: where in the flow, what kind, what, and how to fix it.

Shared by the parts of the check (advisor.flowcheck.lint and its lint_* modules)."""

from __future__ import annotations

from dataclasses import dataclass

from advisor.flow.model import Decision, Flow, Outcome, Question

FORMAT_HINT = "see the file format in docs/flows.md"


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



def where_of(flow: Flow, node_id: str) -> str:
    node = flow.nodes[node_id]
    label = {Question: "question", Decision: "decision", Outcome: "outcome"}[type(node)]
    return f"{label} '{node_id}'"
