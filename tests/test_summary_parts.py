"""Outcome summary parts: sentences the flow adds to a summary where they hold, and lists
of only the items that hold — data, checked by the loader and by `flows check`."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.engine import run_answers
from advisor.engine.flows import load_flow, parse_flow
from advisor.errors import FlowError
from advisor.flow.library import resolve
from advisor.flowcheck.lint import lint_text
from advisor.report import build_report
from tests.flowtext import broken

PARTS = '''summary = "It is small."

[[outcomes.summary_parts]]
when = { fact = "color", eq = "blue" }
say = "Blue suits it."

[[outcomes.summary_parts]]
say = "Check again once you have {items}."

[[outcomes.summary_parts.items]]
when = { fact = "sure", eq = false }
say = "made sure"

[[outcomes.summary_parts.items]]
when = { not = { fact = "color", eq = "red" } }
say = "a red {color} one"
'''


def small_with_parts(parts: str = PARTS) -> str:
    return broken('summary = "It is small."', parts)


def summary(answers: dict[str, Any], text: str | None = None) -> str:
    flow = parse_flow(text or small_with_parts(), "parts.toml")
    return build_report(run_answers(flow, answers), answers)["recommendation"]["summary"]


def test_a_part_is_said_where_it_holds_and_its_list_names_only_items_that_hold():
    assert summary({"color": "blue", "sure": False}) == (
        "It is small. Blue suits it. Check again once you have made sure and a red blue one."
    )
    assert summary({"color": "blue", "sure": True}) == (
        "It is small. Blue suits it. Check again once you have a red blue one."
    )
    # Every item passed: the sentence goes, rather than an empty list.
    assert summary({"color": "red", "size": 10, "scaled": 1}) == "It is small."


def test_the_loader_wants_a_place_for_the_items():
    text = small_with_parts(PARTS.replace("Check again once you have {items}.", "Check again."))
    with pytest.raises(FlowError) as caught:
        parse_flow(text, "parts.toml")
    assert "outcome 'small_end'" in str(caught.value)
    assert "{items}" in str(caught.value)


def test_flows_check_reads_the_parts_conditions_and_texts():
    text = small_with_parts(PARTS.replace('fact = "sure", eq', 'fact = "shure", eq')
                            .replace("a red {color} one", "a red {colour} one"))
    result = lint_text(text, "parts.toml")
    words = [f.where + ": " + f.message for f in result.findings]
    assert any("outcome 'small_end', part 2" in w and "'shure'" in w for w in words), words
    assert any("outcome 'small_end', part 2" in w and "{colour}" in w for w in words), words
    assert lint_text(small_with_parts(), "parts.toml").clean


# --- the default flow: "what would change it" names only thresholds not passed ----------

FLOW = load_flow(resolve(None))


@settings(max_examples=150, deadline=None)
@given(
    need=st.sampled_from([["style"], ["style", "format"], ["task"], ["style", "task"]]),
    prompts_work=st.sampled_from(["yes", "partly", "no"]),
    examples=st.sampled_from([0, 40, 300, 499, 500, 800, 5000]),
    reviewed=st.booleans(),
    requests=st.sampled_from([5, 200, 900, 3000, 20_000, 400_000]),
    change=st.sampled_from(["often", "sometimes", "rarely"]),
    model=st.sampled_from(["gpt-4.1-mini", "gpt-4.1", "gpt-4o"]),
)
def test_prompt_engineering_names_no_threshold_already_passed(
    need, prompts_work, examples, reviewed, requests, change, model
):
    answers = {"need": need, "prompts_work": prompts_work, "examples": examples,
               "data_reviewed": reviewed, "test_set": True, "requests_per_day": requests,
               "requirements_change": change, "model": model}
    session = run_answers(FLOW, answers)
    report = build_report(session, answers)
    said = " ".join(report["recommendation"]["summary"].split())
    known = session.answers
    if known.get("examples", 0) >= 500:
        assert "500+ reviewed examples" not in said
        if known.get("data_reviewed") is True:
            assert "reviewed for quality" not in said
    if known.get("requirements_change") == "rarely":
        assert "requirements that change rarely" not in said
    volume = report.get("costs", {}).get("break_even_requests_per_day")
    if f"{volume:,}+ requests a day" in said if volume else False:
        assert requests < volume


def test_requirements_that_change_sometimes_are_named_as_what_a_saving_needs() -> None:
    """The reasons accept 'sometimes' for a fine-tune made for quality; the summary's
    'revisit fine-tuning once' says why a fine-tune meant to save money needs 'rarely'."""
    answers = {"need": ["style", "domain"], "prompts_work": "partly", "examples": 600,
               "data_reviewed": True, "test_set": True, "requests_per_day": 300,
               "requirements_change": "sometimes", "model": "claude-opus-4-5"}
    session = run_answers(FLOW, answers)
    said = " ".join(build_report(session, answers)["recommendation"]["summary"].split())
    assert "requirements that change rarely, as each change means new examples and a new" in said
    assert "steady requirements" not in said
