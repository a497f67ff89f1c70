"""`advisor flows graph`: a Mermaid diagram that is the same on every run, labels each
route with its number and condition, and is the diagram the README shows."""

from __future__ import annotations

import re
from pathlib import Path

from advisor.engine.flows import load_flow, parse_flow
from advisor.flow.explain import condition_text
from advisor.flow.library import shipped
from advisor.flow.mermaid import to_mermaid

from .conftest import run_cli
from .golden import HOW, ROOT, UPDATE

README = ROOT / "README.md"
START = "<!-- flow-graph: ai_strategy -->\n"
END = "<!-- /flow-graph -->"


def _readme_block(diagram: str) -> str:
    return f"{START}```mermaid\n{diagram}```\n{END}"


def test_readme_shows_the_default_flow_exactly_as_the_command_draws_it() -> None:
    result = run_cli("flows", "graph")
    assert result.code == 0, result
    text = README.read_text(encoding="utf-8")
    found = re.search(re.escape(START) + r".*?" + re.escape(END), text, re.DOTALL)
    assert found, "README.md lost its flow-graph markers"
    expected = _readme_block(result.out)
    if found.group(0) != expected:
        if UPDATE:
            from advisor.fileio import atomic_write_text

            atomic_write_text(README, text.replace(found.group(0), expected))
            return
        raise AssertionError(f"the README diagram is stale; {HOW}")


def test_the_diagram_is_the_same_on_every_run() -> None:
    first = run_cli("flows", "graph", "ai_strategy")
    second = run_cli("flows", "graph", "ai_strategy")
    assert first.code == second.code == 0
    assert first.out == second.out
    path = shipped()["ai_strategy"]
    fresh = parse_flow(Path(path).read_text(encoding="utf-8"), path)  # not from the cache
    assert to_mermaid(fresh) == first.out


def test_every_node_and_every_route_is_drawn_with_its_condition() -> None:
    flow = load_flow(shipped()["ai_strategy"])
    diagram = to_mermaid(flow)
    for question in flow.questions:
        assert f'    {question}["{question}"]' in diagram
    for decision in flow.decisions:
        assert f'    {decision}{{"{decision}"}}' in diagram
    for outcome in flow.outcomes.values():
        assert f"    {outcome.id}([\"{outcome.id}<br/>" in diagram
    edges = [line for line in diagram.splitlines() if " --> " in line or " -->|" in line]
    assert len(edges) == sum(len(flow.routes_of(n)) for n in flow.nodes)
    assert '    need -->|"1. need has knowledge"| knowledge_change' in diagram
    assert '    need -->|"2. otherwise"| prompts_work' in diagram
    assert "    use_case --> need" in diagram  # a single route needs no label
    route = flow.decisions["decide_volume"].routes[0]
    label = condition_text(route.when).replace("<", "#lt;")
    assert f'    decide_volume -->|"1. {label}"| knowledge_where' in diagram


def test_mermaid_syntax_is_escaped(tmp_path: Path) -> None:
    flow_file = tmp_path / "tricky.toml"
    flow_file.write_text(
        """
id = "tricky"
title = "t"
version = "1"
[[questions]]
id = "size"
kind = "number"
prompt = "Size?"
help = "A number."
[[questions.routes]]
when = { fact = "size", lt = 10 }
to = "end"
[[questions.routes]]
to = "graph"
[[outcomes]]
id = "end"
approach = "rag"
components = ["rag"]
title = "E"
summary = "E."
[[outcomes]]
id = "graph"
approach = "rag"
components = ["rag"]
title = "G"
summary = "G."
""",
        encoding="utf-8",
    )
    result = run_cli("flows", "graph", str(flow_file))
    assert result.code == 0, result
    assert '    size -->|"1. size #lt; 10"| n_end' in result.out  # 'end' would end the chart
    assert '    size -->|"2. otherwise"| n_graph' in result.out
    assert '    n_end(["end<br/>' in result.out


def test_graph_writes_to_a_file_and_refuses_a_broken_flow(tmp_path: Path) -> None:
    out = tmp_path / "flow.mmd"
    result = run_cli("flows", "graph", "quick_check", "--output", str(out))
    assert result.code == 0 and result.out == ""
    assert out.read_text(encoding="utf-8").startswith("flowchart TD\n")
    broken = ROOT / "tests" / "flows_broken" / "missing_node.toml"
    result = run_cli("flows", "graph", str(broken))
    assert result.code == 2
    assert "goes to 'stpo', which is not a node of this flow" in result.err
    assert "Traceback" not in result.err
