"""Long flows: no recursion on a flow's size anywhere, so `flows check`, `flows cover`, a
run and the chat's progress are right however many questions a flow has.

Sizes here pass Python's recursion limit (1,000 frames) with room to spare and stay quick;
`benchmarks/bench_long_flows.py` times 10,000 questions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from advisor.engine.drive import run_answers
from advisor.engine.flows import parse_flow
from advisor.engine.session import Session
from advisor.errors import FlowError
from advisor.facts import Context
from advisor.flowcheck.cover import cover
from advisor.flowcheck.lint import lint_text
from tests.conftest import run_cli
from tests.longflows import chain_flow, wide_flow

DEEP = 2_500
assert 2 * sys.getrecursionlimit() < DEEP


@pytest.mark.parametrize("length", [990, 1_100, DEEP])
def test_flows_check_finds_a_long_chain_clean(length: int) -> None:
    """At 990 questions it used to report a false engine-error and ten false never-reached
    findings; at 1,100 it died with RecursionError."""
    result = lint_text(chain_flow(length), "chain.toml")
    assert result.findings == [], "\n".join(map(str, result.findings))
    assert result.summary() == (
        "chain.toml: clean — 6 answer paths checked, every one ends in an outcome"
    )


def test_flows_check_and_cover_on_a_long_chain_through_the_command(tmp_path: Path) -> None:
    path = tmp_path / "chain.toml"
    path.write_text(chain_flow(DEEP), encoding="utf-8")
    check = run_cli("flows", "check", str(path))
    assert check.code == 0, check
    covered = run_cli("flows", "cover", str(path), "--out", str(tmp_path / "cover"))
    assert covered.code == 0, covered
    assert covered.out.splitlines()[-1] == (
        f"together they reach 3 outcomes, {DEEP + 3:,} routes and 1 pitfall"
    )
    files = sorted((tmp_path / "cover").glob("*.json"))
    assert [f.name for f in files] == ["01-prompt_engineering.json", "02-rag.json",
                                       "03-fine_tuning.json"]
    answers = json.loads(files[1].read_text())
    assert len(answers) == DEEP and answers["q00001"] is True and answers["pick"] == "b"
    run = run_cli("run", "--flow", str(path), "--answers", str(files[1]))
    assert run.code == 0, run
    assert run.json()["recommendation"]["outcome"] == "rag"


def test_a_wide_flow_is_checked_and_covered_whole() -> None:
    flow = parse_flow(wide_flow(30, 60), "wide.toml")
    result = lint_text(wide_flow(30, 60), "wide.toml")
    assert result.findings == [], "\n".join(map(str, result.findings))
    assert result.exploration is not None and result.exploration.total == 30
    found = cover(flow, Context())
    assert found.missing == frozenset() and found.unreached_today == frozenset()
    assert len(found.paths) == 30  # each branch has routes no other path takes
    assert {path.outcome for path in found.paths} == set(flow.outcomes)


def test_a_long_run_and_the_chat_progress_count_every_question_ahead() -> None:
    flow = parse_flow(chain_flow(DEEP), "chain.toml")
    session = Session(flow, Context())
    progress = session.progress()
    assert (progress.number, progress.low, progress.high) == (1, DEEP - 1, DEEP - 1)
    answers = {q: True for q in flow.questions if q != "pick"} | {"pick": "c"}
    finished = run_answers(flow, answers, context=Context())
    assert finished.outcome is not None and finished.outcome.id == "fine_tuning"
    while finished.back():  # all the way back: every route taken is forgotten
        pass
    assert finished.state == flow.start and finished.reasons() == []


def _decision_circle(length: int) -> str:
    decisions = "".join(
        f'[[decisions]]\nid="d{i:04d}"\nroutes=[{{to="d{(i + 1) % length:04d}"}}]\n'
        for i in range(length)
    )
    return (
        'id="circle"\ntitle="T"\nversion="1"\n'
        '[[questions]]\nid="q"\nkind="yes_no"\nprompt="Q?"\nhelp="H."\n'
        'routes=[{when={fact="q",eq=true},to="d0000"},{to="done"}]\n'
        + decisions
        + '[[outcomes]]\nid="done"\napproach="rag"\ncomponents=["rag"]\ntitle="T"\n'
        'summary="S."\n'
    )


def test_a_long_circle_of_decisions_is_named_once() -> None:
    with pytest.raises(FlowError, match=r"decision 'd0000': decisions route in a circle "
                       r"without asking anything \(d0000 → d0001 → .* → d1499 → d0000\)"):
        parse_flow(_decision_circle(1_500), "circle.toml")
    result = lint_text(_decision_circle(1_500), "circle.toml")
    assert [f.kind for f in result.findings].count("endless-loop") == 1
