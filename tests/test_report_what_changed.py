"""What changed between two reports, in the words the chat shows after a what-if."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from advisor.engine import run_answers
from advisor.engine.flows import load_flow
from advisor.facts import Context
from advisor.flow.library import resolve
from advisor.report import build_report
from advisor.report.diff import recommended_monthly_usd, what_changed

BASE = {
    "need": ["style", "knowledge"],
    "knowledge_change": "weekly",
    "prompts_work": "partly",
    "examples": 600,
    "data_reviewed": True,
    "test_set": False,
    "requests_per_day": 20_000,
    "requirements_change": "rarely",
}


@pytest.fixture(scope="module")
def flow():
    return load_flow(resolve("ai_strategy"))


def report(flow, answers):
    session = run_answers(flow, answers, context=Context(today=date(2026, 11, 28)))
    return build_report(session, answers)


def test_the_same_report_has_no_changes(flow):
    first = report(flow, BASE)
    assert what_changed(first, copy.deepcopy(first), flow) == []


def test_changing_one_answer_names_approach_pitfalls_and_answers(flow):
    before = report(flow, BASE)
    changed = {**BASE, "need": ["style"]}
    del changed["knowledge_change"]
    after = report(flow, changed)
    lines = what_changed(before, after, flow)
    assert lines[0] == "Approach: RAG plus fine-tuning → fine-tuning"
    assert "No longer a pitfall: Too much or noisy retrieved context" in lines
    assert "No longer a pitfall: Training data that doesn't match production" in lines
    assert (
        "Changed: What does the model get wrong today, or need that it doesn't have? "
        "tone and style and factual knowledge → tone and style" in lines
    )
    assert (
        "No longer asked: How often does that knowledge change? (was every week or so)"
        in lines
    )
    # the other way round, the same facts reversed
    back = what_changed(after, before, flow)
    assert back[0] == "Approach: fine-tuning → RAG plus fine-tuning"
    assert "New pitfall: Too much or noisy retrieved context" in back
    assert "Newly asked: How often does that knowledge change? every week or so" in back


def test_monthly_cost_is_compared_only_when_both_reports_are_costed(flow):
    before, after = report(flow, BASE), report(flow, {**BASE, "requests_per_day": 40_000})
    # The figures are the cost model's; what is tested here is how two are compared.
    for rep, monthly in ((before, 1200.0), (after, 2400.0)):
        rep["costs"] = {"approaches": {"rag_fine_tuning": {"monthly_usd": monthly}}}
    assert recommended_monthly_usd(before) == 1200.0
    lines = what_changed(before, after, flow)
    assert lines[:2] == [
        "Approach: unchanged, RAG plus fine-tuning",
        "Monthly cost of the recommendation: $1,200.00 → $2,400.00",
    ]
    uncosted = {k: v for k, v in after.items() if k != "costs"}
    lines = what_changed(before, uncosted, flow)
    assert not any(line.startswith("Monthly cost") for line in lines)


def test_an_unchanged_approach_is_said_to_be_unchanged(flow):
    before = report(flow, BASE)
    after = report(flow, {**BASE, "test_set": True})
    lines = what_changed(before, after, flow)
    assert lines[0] == "Approach: unchanged, RAG plus fine-tuning"
    assert "No longer a pitfall: No test set to measure improvement" in lines
