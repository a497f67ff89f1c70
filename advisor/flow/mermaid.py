"""A flow as a Mermaid flowchart: questions, decisions and outcomes, routes labelled with
their conditions, in the order the engine tries them.

Written by hand rather than with transitions' GraphMachine(graph_engine="mermaid"): that
draws a state diagram whose labels are the trigger and condition-function names (not the
conditions), marks the model's current state, and cannot show route order or tell
questions, decisions and outcomes apart. This output depends only on the flow file, so
the same flow always gives the same text.
"""

from __future__ import annotations

import re

from advisor.approaches import APPROACH_LABELS
from advisor.flow.explain import condition_text
from advisor.flow.model import Flow
from advisor.textsafe import visible

# Words Mermaid reads as syntax when used as a node id.
_RESERVED = {"end", "graph", "flowchart", "subgraph", "style", "class", "classdef", "click",
             "linkstyle", "direction", "default"}
_SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _node_id(node_id: str) -> str:
    if node_id.lower() in _RESERVED or not _SAFE_ID.match(node_id):
        return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", node_id)
    return node_id


def _label(text: str) -> str:
    """Text inside a quoted Mermaid label: quotes and angle brackets as entity codes."""
    return (
        text.replace("#", "#35;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
    )


def to_mermaid(flow: Flow) -> str:
    lines = ["flowchart TD"]
    for question in flow.questions.values():
        lines.append(f'    {_node_id(question.id)}["{_label(question.id)}"]')
    for decision in flow.decisions.values():
        lines.append(f'    {_node_id(decision.id)}{{"{_label(decision.id)}"}}')
    for outcome in flow.outcomes.values():
        words = APPROACH_LABELS.get(outcome.approach, outcome.approach)
        lines.append(
            f'    {_node_id(outcome.id)}(["{_label(outcome.id)}<br/>{_label(words)}"])'
        )
    for node_id in flow.nodes:
        routes = flow.routes_of(node_id)
        for number, route in enumerate(routes, start=1):
            if len(routes) == 1:
                arrow = "-->"
            else:
                words = "otherwise" if route.when is None else condition_text(route.when)
                arrow = f'-->|"{number}. {_label(words)}"|'
            lines.append(f"    {_node_id(node_id)} {arrow} {_node_id(route.to)}")
    lines.append("    classDef question fill:#e8f0fe,stroke:#4a6fa5")
    lines.append("    classDef decision fill:#fff4d6,stroke:#b08900")
    lines.append("    classDef outcome fill:#e3f5e1,stroke:#3c8a34")
    for kind, ids in (
        ("question", flow.questions),
        ("decision", flow.decisions),
        ("outcome", flow.outcomes),
    ):
        if ids:
            lines.append(f"    class {','.join(_node_id(i) for i in ids)} {kind}")
    return visible("\n".join(lines) + "\n")  # no control character from a condition's text
