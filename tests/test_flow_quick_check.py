"""The quick_check flow: the article's four questions, each deciding as the article says."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.engine.drive import run_answers
from advisor.engine.flows import load_flow
from advisor.engine.session import Session
from advisor.flow.library import shipped
from advisor.flow.model import Flow
from advisor.report import build_report

from .conftest import ROOT, run_cli, write_answers

ARTICLE_PITFALLS = {
    "fine_tuning_too_early",
    "insufficient_data",
    "poor_quality_data",
    "wrong_task",
    "not_validating",
}


@pytest.fixture(scope="module")
def flow() -> Flow:
    return load_flow(shipped()["quick_check"])


def _run(flow: Flow, **answers: bool) -> Session:
    return run_answers(flow, answers)


def test_it_asks_the_four_questions_in_the_articles_order(flow: Flow) -> None:
    session = Session(flow)
    prompts = []
    for answer in (False, True, False, False):  # the answers that ask all four
        prompts.append(session.current.prompt)
        session.answer(answer)
    assert session.finished
    assert prompts == [
        "Can prompts achieve acceptable results?",
        "Do you have 500+ quality training examples?",
        "Is this high volume — 10,000 or more requests a day?",
        "Do your requirements change frequently?",
    ]
    for question in flow.questions.values():
        assert question.kind == "yes_no"
        assert len(question.help) > 100  # a real explanation, not a stub


def test_question_1_prompts_work_means_use_prompts(flow: Flow) -> None:
    session = _run(flow, prompts_work=True)
    assert session.outcome.id == "use_prompts"
    assert session.outcome.approach == "prompt_engineering"
    assert session.path == ["prompts_work"]  # nothing more to ask
    assert session.reasons()[0].startswith("Prompts achieve acceptable results, so use prompts")
    no = Session(flow)
    no.answer(False)
    assert no.current.id == "quality_examples"
    assert "fine-tuning is worth considering" in no.reasons()[0]


def test_question_2_without_500_quality_examples_stick_with_prompts(flow: Flow) -> None:
    session = _run(flow, prompts_work=False, quality_examples=False)
    assert session.outcome.id == "stick_with_prompts"
    assert session.outcome.approach == "prompt_engineering"
    assert "stick with prompts" in session.reasons()[1]
    assert "only option" in session.reasons()[1]
    assert [p.id for p in session.pitfalls()] == ["insufficient_data"]
    viable = Session(flow)
    viable.answer(False)
    viable.answer(True)
    assert viable.current.id == "high_volume"
    assert "fine-tuning is viable" in viable.reasons()[1]


@pytest.mark.parametrize("changes", [True, False])
def test_question_3_high_volume_tips_towards_fine_tuning(flow: Flow, changes: bool) -> None:
    common = {"prompts_work": False, "quality_examples": True, "requirements_change": changes}
    high = _run(flow, high_volume=True, **common)
    low = _run(flow, high_volume=False, **common)
    assert "fine-tuning will save money" in high.reasons()[2]
    assert "prompts are more cost-effective" in low.reasons()[2]
    assert "fine_tuning" in high.outcome.components
    assert high.outcome.id != low.outcome.id
    if changes:  # volume pays for a fine-tune; churn keeps a prompt: the article's hybrid
        assert (high.outcome.id, low.outcome.id) == ("hybrid", "prompts_flexible")
        assert low.outcome.components == ("prompt_engineering",)
    else:  # stable: fine-tune either way, but only high volume saves money
        assert (high.outcome.id, low.outcome.id) == ("fine_tuning", "fine_tune_for_consistency")
        assert "will not save money" in low.outcome.summary


@pytest.mark.parametrize("volume", [True, False])
def test_question_4_changing_requirements_favour_prompts(flow: Flow, volume: bool) -> None:
    common = {"prompts_work": False, "quality_examples": True, "high_volume": volume}
    changing = _run(flow, requirements_change=True, **common)
    stable = _run(flow, requirements_change=False, **common)
    assert "prompts are more flexible" in changing.reasons()[3]
    assert "fine-tuning provides consistency" in stable.reasons()[3]
    assert "prompt_engineering" in changing.outcome.components
    assert stable.outcome.approach == "fine_tuning"


def test_fine_tuning_outcomes_warn_with_the_articles_mistakes(flow: Flow) -> None:
    assert {p.id for p in flow.pitfalls} == ARTICLE_PITFALLS
    session = _run(flow, prompts_work=False, quality_examples=True, high_volume=True,
                   requirements_change=False)
    fired = {p.id for p in session.pitfalls()}
    assert fired == ARTICLE_PITFALLS - {"insufficient_data"}
    prompts = _run(flow, prompts_work=True)
    assert prompts.pitfalls() == []
    report = build_report(session, {})
    assert report["recommendation"]["title"] == "Fine-tune"


def test_it_runs_headless_by_its_id(tmp_path: Path) -> None:
    answers = write_answers(
        tmp_path,
        {"prompts_work": "no", "quality_examples": "yes", "high_volume": True,
         "requirements_change": False},
    )
    result = run_cli("run", "--flow", "quick_check", "--answers", str(answers))
    assert result.code == 0, result
    report = result.json()
    assert report["flow"]["id"] == "quick_check"
    assert report["recommendation"]["approach"] == "fine_tuning"
    listing = run_cli("flows", "list")
    assert "quick_check  1.0.0  4 questions" in listing.out


def test_adding_it_needed_no_code() -> None:
    """Flows are data: no module of the program names this flow."""
    for source in (ROOT / "advisor").rglob("*.py"):
        assert "quick_check" not in source.read_text(encoding="utf-8"), source
