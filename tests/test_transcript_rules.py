"""A transcript that breaks its own flow's rules is refused, as an answers file would be:
every answer (on the path or taken back) is checked against the flow that recorded it,
and the recorded outcome must name a real approach (and, with that flow, its own node)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.test_replay_cli import corpus_copy, edit

FLOW_WORDS = "is no question of flow 'ai_strategy'"
APPROACH_WORDS = ("expected one of 'prompt_engineering', 'rag', 'fine_tuning', 'hybrid', "
                  "'rag_fine_tuning'")

CASES: dict[str, tuple[Any, str]] = {
    "an earlier answer out of range": (
        lambda d: d.update(earlier_answers={"examples": -1}),
        "earlier_answers.examples (question 'examples'): expected an integer from 0 to "
        "100,000,000, found -1",
    ),
    "an earlier answer to no question": (
        lambda d: d.update(earlier_answers={"zzz": 1}),
        f"earlier_answers.zzz: 'zzz' {FLOW_WORDS}",
    ),
    "an earlier answer with a typo": (
        lambda d: d.update(earlier_answers={"exampels": 10}),
        f"earlier_answers.exampels: 'exampels' {FLOW_WORDS} (did you mean 'examples'",
    ),
    "an answer on the path out of range": (
        lambda d: d["steps"][3].update(value=-600),
        "steps[3].value (question 'examples'): expected an integer from 0 to 100,000,000, "
        "found -600",
    ),
    "an answer that is not a choice": (
        lambda d: d["steps"][2].update(value="perhaps"),
        "steps[2].value (question 'prompts_work'): expected one of 'yes', 'partly', 'no', "
        "'not_tried', found 'perhaps'",
    ),
    "an approach that does not exist": (
        lambda d: d["outcome"].update(approach="magic"),
        f"outcome.approach: {APPROACH_WORDS}, found 'magic'",
    ),
    "a component that does not exist": (
        lambda d: d["outcome"].update(components=["fine_tuning", "magic"]),
        f"outcome.components[1]: {APPROACH_WORDS}, found 'magic'",
    ),
    "an outcome the flow does not have": (
        lambda d: d["outcome"].update(outcome="nirvana"),
        "outcome.outcome: 'nirvana' is no outcome of flow 'ai_strategy'",
    ),
    "an approach other than its outcome's": (
        lambda d: d["outcome"].update(approach="rag"),
        "outcome.approach: outcome 'hybrid' of flow 'ai_strategy' recommends 'hybrid', "
        "found 'rag'",
    ),
    "a pitfall the flow does not have": (
        lambda d: d["outcome"].update(pitfalls=["nope"]),
        "outcome.pitfalls[0]: 'nope' is no pitfall of flow 'ai_strategy'",
    ),
    "a cost of an approach that does not exist": (
        lambda d: d["outcome"].update(monthly_usd={"magic": 5.0}),
        f"outcome.monthly_usd.magic: {APPROACH_WORDS}, found 'magic'",
    ),
    "a negative cost": (
        lambda d: d["outcome"].update(monthly_usd={"rag": -5.0}),
        "outcome.monthly_usd.rag: expected a cost of at least $0, found -5.0",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_replay_refuses_a_transcript_that_breaks_its_flows_rules(
    tmp_path: Path, case: str
) -> None:
    change, message = CASES[case]
    path = edit(corpus_copy(tmp_path, "hybrid"), change)
    result = run_cli("replay", str(path))
    assert (result.code, result.out) == (2, ""), result
    assert result.err.startswith(f"advisor: {path}: {message}"), result.err
    assert result.err.count("\n") == 1


@pytest.mark.parametrize("case", ["an earlier answer out of range",
                                  "an earlier answer to no question",
                                  "an approach that does not exist"])
def test_resuming_refuses_it_too(tmp_path: Path, case: str) -> None:
    """The chat checks before it opens a screen: the same one line."""
    change, message = CASES[case]
    path = edit(corpus_copy(tmp_path, "hybrid"), change)
    result = run_cli("chat", "--resume", str(path))
    assert result.code == 2, result
    assert result.err == f"advisor: {path}: {message}\n"


def test_an_unfinished_transcript_is_checked_the_same(tmp_path: Path) -> None:
    def unfinished(data: dict[str, Any]) -> None:
        data.update(status="in_progress", outcome=None, steps=data["steps"][:3],
                    earlier_answers={"examples": "lots"})

    path = edit(corpus_copy(tmp_path, "hybrid"), unfinished)
    for args in (["replay", str(path)], ["chat", "--resume", str(path)]):
        result = run_cli(*args)
        assert result.code == 2, result
        assert "earlier_answers.examples (question 'examples'): expected an integer" in result.err


def test_answers_of_an_edited_flow_are_news_not_errors(tmp_path: Path) -> None:
    """Recorded with another version of the flow: an answer today's flow does not know is
    what replay is for — it reports it; the approach must still be a real one."""
    def older(data: dict[str, Any]) -> None:
        data["flow"]["content_hash"] = "0" * 64
        data["earlier_answers"] = {"retired_question": 3}

    path = edit(corpus_copy(tmp_path, "hybrid"), older)
    result = run_cli("replay", str(path))
    assert result.code == 0, result
    assert "has changed since this conversation was saved" in result.out
    edit(path, lambda d: d["outcome"].update(approach="magic"))
    refused = run_cli("replay", str(path))
    assert refused.code == 2 and f"outcome.approach: {APPROACH_WORDS}" in refused.err


def test_the_corpus_itself_passes(tmp_path: Path) -> None:
    result = run_cli("replay", str(Path(__file__).parent / "transcripts"))
    assert result.code == 0, result
    summary = result.out.splitlines()[-1]
    assert summary.endswith("0 changed · 0 unreadable"), summary
    assert json.loads(run_cli("replay", str(Path(__file__).parent / "transcripts"),
                              "--format", "json").out)["summary"]["unreadable"] == 0


def test_a_key_with_a_control_character_is_named_escaped(tmp_path: Path) -> None:
    """Found by the reliability suite: the field path carried the raw character (a record
    separator split the one-line message in two), wherever the message is shown."""
    from advisor.engine.flows import load_flow
    from advisor.errors import BadInput
    from advisor.flow.library import resolve
    from advisor.transcript import load_transcript
    from advisor.transcript.rules import check_transcript

    path = edit(corpus_copy(tmp_path, "hybrid"),
                lambda d: d.update(earlier_answers={"a\x1eb": 1}))
    with pytest.raises(BadInput) as refused:  # read: every text of a transcript is printable
        check_transcript(load_transcript(path), load_flow(resolve(None)), "t.json")
    assert str(refused.value) == (
        f"{path}: earlier_answers.a\\u001eb: expected printable text, found the control "
        "character U+001E at position 2"
    )


def test_every_message_about_bad_input_shows_control_characters_escaped(
    tmp_path: Path,
) -> None:
    """Found by the reliability suite in the file format's messages too: the guarantee
    sits on the error itself, so the chat and any caller get it, not only the terminal."""
    from advisor.errors import BadInput
    from advisor.transcript import load_transcript

    path = edit(corpus_copy(tmp_path, "hybrid"),
                lambda d: d.update(earlier_answers={"\x1e": {}}))
    with pytest.raises(BadInput) as refused:
        load_transcript(path)
    message = str(refused.value)
    assert "\x1e" not in message and "earlier_answers.\\u001e" in message
    assert len(message.splitlines()) == 1
