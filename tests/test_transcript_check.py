"""The chat's plain-Python transcript check agrees with the pydantic format.

The chat saves and scans transcripts with advisor.transcript.check so it never loads
pydantic; `advisor replay` and resuming read them with advisor.transcript.format. Two
descriptions of one format can drift apart, so here both judge the same transcripts —
real ones from real conversations, then the same broken in every way hypothesis finds —
and must give the same verdict; and both write the same text.
"""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from advisor.engine.drive import run_answers
from advisor.engine.flows import load_flow
from advisor.engine.session import Session
from advisor.facts import Context
from advisor.flow.library import resolve
from advisor.transcript.check import FormatError, check_data, to_json_text
from advisor.transcript.format import from_data, to_json
from advisor.transcript.record import transcript_data
from tests.conftest import ROOT

FLOW = load_flow(resolve(None))
CONTEXT = Context()


def _clock() -> Any:
    ticks = iter(range(100_000))
    start = datetime(2026, 11, 28, 9, tzinfo=UTC)
    return lambda: start + timedelta(seconds=next(ticks), microseconds=250)


def _samples() -> list[dict[str, Any]]:
    """Transcripts of real conversations: finished ones, and one left in the middle with
    reactions, an answer taken back and text typed but not confirmed."""
    samples = []
    for path in sorted((ROOT / "tests/transcripts/answers").glob("*.json")):
        answers = json.loads(path.read_text(encoding="utf-8"))
        session = run_answers(FLOW, answers, context=CONTEXT, clock=_clock())
        samples.append(transcript_data(session))
    session = Session(FLOW, CONTEXT, _clock())
    for value in ("Support bot", ["style", "knowledge"], "weekly"):
        session.answer(value)
        session.reaction()
    session.answer("retrieval")
    session.back()
    samples.append(transcript_data(session, draft=(session.current.id, "paste it")))
    return samples


SAMPLES = _samples()
ODD = [None, True, False, 0, 1, -1, 2.5, float("nan"), float("inf"), "", "x", "a" * 201,
       "0" * 64, "in_progress", "complete", "2026-11-28", "2026-11-28T10:00:00Z",
       "2026-11-28T10:00:00", "2026-11-28T10:00:00+05:30", [], ["a"], [1], {}, {"a": 1},
       # text that steers a terminal: an OSC 52 clipboard write and a clear screen, a C1
       # CSI, a bidirectional override — refused in every text field, as in answers
       "\x1b]52;c;aGk=\x07\x1b[2J", "a\x9b2Jb", "pay\u202eevil", ["ok", "\x1b[31m"]]


def verdict_of_check(data: Any) -> bool:
    try:
        check_data(data)
    except FormatError:
        return False
    return True


def verdict_of_pydantic(data: Any) -> bool:
    try:
        from_data(data)
    except (ValidationError, TypeError, ValueError):
        return False
    return True


def as_json(data: dict[str, Any]) -> Any:
    """The data as it comes back from a file (times as text)."""
    return json.loads(to_json_text(data))


def places(node: Any, path: tuple = ()) -> list[tuple]:
    """Every place in the data: dict keys and list items, all the way down."""
    found = [path] if path else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += places(value, (*path, index))
    return found


@pytest.mark.parametrize("index", range(len(SAMPLES)))
def test_real_transcripts_pass_both_and_are_written_alike(index):
    data = SAMPLES[index]
    assert verdict_of_check(data) and verdict_of_check(as_json(data))
    assert to_json_text(data) == to_json(from_data(data))  # the chat's file = replay's file


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_broken_transcripts_get_the_same_verdict(data):
    sample = as_json(data.draw(st.sampled_from(SAMPLES)))
    broken = copy.deepcopy(sample)
    where = data.draw(st.sampled_from(places(broken)))
    parent = broken
    for part in where[:-1]:
        parent = parent[part]
    how = data.draw(st.sampled_from(["replace", "drop", "add"]))
    if how == "replace":
        parent[where[-1]] = data.draw(st.sampled_from(ODD))
    elif how == "drop":
        del parent[where[-1]]
    elif isinstance(parent, dict):
        parent[data.draw(st.sampled_from(["extra", "reaction", "draft", "outcome"]))] = (
            data.draw(st.sampled_from(ODD))
        )
    else:
        parent.append(data.draw(st.sampled_from(ODD)))
    assert verdict_of_check(broken) == verdict_of_pydantic(broken), (how, where)


def test_a_repeated_answer_and_an_outcome_out_of_step_are_refused_by_both():
    twice = as_json(SAMPLES[0])
    twice["steps"].append(copy.deepcopy(twice["steps"][0]))
    unfinished_with_outcome = as_json(SAMPLES[0])
    unfinished_with_outcome["status"] = "in_progress"
    for broken in (twice, unfinished_with_outcome):
        assert not verdict_of_check(broken) and not verdict_of_pydantic(broken)
