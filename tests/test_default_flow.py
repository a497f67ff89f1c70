"""The default flow's required behaviours, through the real `advisor run` in a subprocess."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli, write_answers

STYLE_AT_SCALE: dict[str, Any] = {
    "use_case": "Reply to support tickets in our voice",
    "need": ["style"],
    "prompts_work": "no",
    "examples": 800,
    "data_reviewed": True,
    "test_set": True,
    "requests_per_day": 20_000,
    "requirements_change": "rarely",
    "prompt_tokens": 500,
    "output_tokens": 200,
    "model": "gpt-4.1-mini",
}


def report(tmp_path: Path, answers: dict[str, Any]) -> dict[str, Any]:
    result = run_cli("run", "--answers", str(write_answers(tmp_path, answers)), "--format", "json")
    assert result.code == 0, result
    return result.json()


def pitfall_ids(data: dict[str, Any]) -> list[str]:
    return [p["id"] for p in data["pitfalls"]]


def test_no_examples_means_prompts_and_no_data_question(tmp_path: Path) -> None:
    data = report(tmp_path, {**STYLE_AT_SCALE, "examples": 0})
    assert data["recommendation"]["approach"] == "prompt_engineering"
    assert "examples" in data["path"]
    assert "data_reviewed" not in data["path"]
    assert "data_reviewed" in data["unused_answers"]
    assert any("no training examples" in r for r in data["recommendation"]["reasons"])


def test_fast_changing_knowledge_means_rag_without_fine_tuning(tmp_path: Path) -> None:
    answers = {
        "need": ["knowledge"],
        "knowledge_change": "weekly",
        "prompts_work": "partly",
        "test_set": True,
        "requests_per_day": 5_000,
        "model": "gpt-4.1-mini",
    }
    data = report(tmp_path, answers)
    rec = data["recommendation"]
    assert rec["approach"] == "rag"
    assert "fine_tuning" not in rec["components"]
    assert "examples" not in data["path"], "knowledge-only needs skip the training-data questions"
    assert any("changes every week or so" in r for r in rec["reasons"])


def test_stable_style_at_high_volume_with_reviewed_data_means_fine_tuning(tmp_path: Path) -> None:
    data = report(tmp_path, STYLE_AT_SCALE)
    rec = data["recommendation"]
    assert rec["approach"] in ("fine_tuning", "hybrid")
    assert "fine_tuning" in rec["components"]
    assert any("20,000 requests a day" in r for r in rec["reasons"])
    assert "not_validating" not in pitfall_ids(data)
    assert "poor_quality_data" not in pitfall_ids(data)


def test_twenty_examples_is_insufficient_data(tmp_path: Path) -> None:
    data = report(tmp_path, {**STYLE_AT_SCALE, "examples": 20})
    assert data["recommendation"]["approach"] == "prompt_engineering"
    assert "insufficient_data" in pitfall_ids(data)
    assert "requirements_change" not in data["path"]


def test_prompts_not_tried_means_prompts_first(tmp_path: Path) -> None:
    data = report(tmp_path, {**STYLE_AT_SCALE, "prompts_work": "not_tried"})
    assert data["recommendation"]["approach"] == "prompt_engineering"
    assert "fine_tuning_too_early" in pitfall_ids(data)
    assert "examples" not in data["path"]


def test_requirements_that_change_often_keep_prompts_despite_data_and_volume(
    tmp_path: Path,
) -> None:
    data = report(tmp_path, {**STYLE_AT_SCALE, "requirements_change": "often"})
    assert data["recommendation"]["approach"] == "prompt_engineering"
    assert any("change often" in r for r in data["recommendation"]["reasons"])


@pytest.mark.parametrize(
    ("answers", "approach"),
    [
        (STYLE_AT_SCALE, "fine_tuning"),
        (
            {
                "need": ["knowledge"],
                "knowledge_change": "daily",
                "prompts_work": "no",
                "requests_per_day": 100,
                "model": "gpt-4.1",
            },
            "rag",
        ),
    ],
)
def test_no_test_set_on_a_fine_tuning_or_rag_path_is_not_validating(
    tmp_path: Path, answers: dict[str, Any], approach: str
) -> None:
    data = report(tmp_path, {**answers, "test_set": False})
    assert data["recommendation"]["approach"] == approach
    assert "not_validating" in pitfall_ids(data)


def test_unreviewed_examples_for_a_fine_tune_are_poor_quality_data(tmp_path: Path) -> None:
    data = report(tmp_path, {**STYLE_AT_SCALE, "data_reviewed": False})
    assert "fine_tuning" in data["recommendation"]["components"]
    assert "poor_quality_data" in pitfall_ids(data)


def test_fine_tuning_for_facts_is_the_wrong_task(tmp_path: Path) -> None:
    answers = {
        "need": ["knowledge"],
        "knowledge_change": "rarely",
        "knowledge_plan": "fine_tune",
        "prompts_work": "no",
        "test_set": True,
        "requests_per_day": 2_000,
        "model": "gpt-4.1-mini",
    }
    data = report(tmp_path, answers)
    assert data["recommendation"]["approach"] == "rag"
    assert "wrong_task" in pitfall_ids(data)


def test_facts_and_behaviour_together_mean_rag_plus_fine_tuning(tmp_path: Path) -> None:
    answers = {**STYLE_AT_SCALE, "need": ["style", "knowledge"], "knowledge_change": "weekly"}
    data = report(tmp_path, answers)
    assert data["recommendation"]["approach"] == "rag_fine_tuning"
    assert "train_serve_mismatch" in pitfall_ids(data)


def test_markdown_and_text_reports_say_the_same_thing(tmp_path: Path) -> None:
    path = str(write_answers(tmp_path, {**STYLE_AT_SCALE, "use_case": "[/bold] *not bold* [USD]"}))
    markdown = run_cli("run", "--answers", path, "--format", "markdown")
    text = run_cli("run", "--answers", path, "--format", "text")
    assert markdown.code == text.code == 0
    assert markdown.out.startswith("# Fine-tune a model")
    assert "## Why" in markdown.out and "## Pitfalls to avoid" in markdown.out
    assert r"\[/bold\] \*not bold\* \[USD\]" in markdown.out
    assert text.out.startswith("Fine-tune a model\n")
    assert "[/bold] *not bold* [USD]" in text.out
