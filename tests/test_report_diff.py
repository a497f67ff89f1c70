"""What changed between two reports: the words replay prints and the chat's what-if shows."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from advisor.engine.drive import run_answers
from advisor.engine.flows import load_flow
from advisor.flow.library import resolve
from advisor.flow.model import Flow
from advisor.report import build_report
from advisor.report.diff import diff_outcomes, diff_reports, outcome_of
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def flow() -> Flow:
    return load_flow(resolve(None))


def report_for(flow: Flow, name: str, **changes: object) -> dict[str, Any]:
    answers = json.loads((ROOT / f"tests/transcripts/answers/{name}.json").read_text())
    answers.update(changes)
    return build_report(run_answers(flow, answers), answers)


def with_costs(report: dict[str, Any], monthly: dict[str, float]) -> dict[str, Any]:
    """The report with a costs section as the report contract describes it."""
    priced = copy.deepcopy(report)
    priced["costs"] = {
        "assumptions": {},
        "approaches": {
            approach: {"per_request_usd": usd / 30 / 1000, "monthly_usd": usd,
                       "one_time_usd": 0, "first_year_usd": usd * 12}
            for approach, usd in monthly.items()
        },
    }
    return priced


def test_same_report_has_no_changes(flow: Flow) -> None:
    report = report_for(flow, "fine_tuning")
    assert diff_reports(report, copy.deepcopy(report)) == []


def test_what_if_fewer_examples_changes_approach_and_pitfalls(flow: Flow) -> None:
    before = report_for(flow, "fine_tuning")
    after = report_for(flow, "fine_tuning", examples=120)
    texts = [change.text for change in diff_reports(before, after)]
    assert texts == [
        "approach: fine_tuning → prompt_engineering",
        # Under 500 examples the short prompt is not asked: it takes its default, a tenth,
        # so less of the full prompt counts as the fixed part a provider caches.
        "monthly cost of prompt_engineering: $4,837.50 → $4,950.00 (+2.3%)",
        "monthly cost of rag: $9,642.02 → $9,756.02 (+1.2%)",
        "monthly cost of fine_tuning: $1,381.95 → $1,441.95 (+4.3%)",
        "monthly cost of hybrid: $2,491.95 → $2,521.95 (+1.2%)",
        "monthly cost of rag_fine_tuning: $3,306.47 → $3,367.97 (+1.9%)",
        "pitfall added: insufficient_data",
        "pitfall removed: poor_quality_data",
        "pitfall removed: base_model_retirement",
    ]


def test_same_approach_different_advice_is_a_change(flow: Flow) -> None:
    before = report_for(flow, "prompt_engineering")
    after = report_for(flow, "prompt_engineering", prompts_work="not_tried")
    [outcome, *pitfalls] = diff_reports(before, after)
    assert outcome.kind == "outcome"
    assert (outcome.before, outcome.after) == ("prompt_engineering", "try_prompts_first")
    assert [p.text for p in pitfalls] == ["pitfall added: fine_tuning_too_early"]


def test_monthly_cost_counts_only_when_it_moves_more_than_one_percent(flow: Flow) -> None:
    report = report_for(flow, "rag_fine_tuning")
    before = with_costs(report, {"rag": 1000.0, "fine_tuning": 200.0, "prompt_engineering": 0})
    nudged = with_costs(report, {"rag": 1009.0, "fine_tuning": 198.5, "prompt_engineering": 0})
    assert diff_reports(before, nudged) == []
    moved = with_costs(report, {"rag": 1020.0, "fine_tuning": 200.0, "prompt_engineering": 5})
    changes = diff_reports(before, moved)
    assert [(c.kind, c.subject, c.before, c.after) for c in changes] == [
        ("monthly_cost", "rag", 1000.0, 1020.0),
        ("monthly_cost", "prompt_engineering", 0, 5),
    ]
    assert changes[0].text == "monthly cost of rag: $1,000.00 → $1,020.00 (+2.0%)"


def test_costs_missing_on_one_side(flow: Flow) -> None:
    report = report_for(flow, "rag_fine_tuning")
    report.pop("costs")  # as a flow that asks nothing to price reports
    priced = with_costs(report, {"rag": 100.0})
    assert outcome_of(report)["monthly_usd"] is None
    assert diff_reports(report, priced) == []  # nothing was recorded to compare with
    [change] = diff_reports(priced, report)
    assert change.kind == "costs"
    fewer = with_costs(report, {"fine_tuning": 90.0})
    assert [c.text for c in diff_reports(priced, fewer)] == [
        "monthly cost of rag: $100.00 → not costed",
        "monthly cost of fine_tuning: not costed → $90.00",
    ]


def test_outcomes_compare_as_plain_dicts() -> None:
    recorded = {"outcome": "rag", "approach": "rag", "components": ["rag"],
                "pitfalls": ["noisy_retrieval"], "monthly_usd": None}
    assert diff_outcomes(recorded, dict(recorded)) == []
