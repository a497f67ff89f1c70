"""Transcripts in process: saving, loading, resuming and replaying real conversations with
the real default flow."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from advisor.engine.drive import run_answers
from advisor.engine.flows import load_flow
from advisor.engine.session import Session
from advisor.errors import BadInput
from advisor.facts import Context
from advisor.flow.library import resolve, shipped
from advisor.flow.model import Flow
from advisor.report import build_report
from advisor.transcript import (
    Autosaver,
    Restorer,
    load_transcript,
    parse_transcript,
    restore_session,
    save_transcript,
    to_json,
    transcript_of,
    unfinished_sessions,
)
from advisor.transcript.replay import replay_transcript
from tests.conftest import ROOT

ANSWERS_DIR = ROOT / "tests/transcripts/answers"


def answers(name: str) -> dict[str, Any]:
    return json.loads((ANSWERS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def ticking(start: datetime = datetime(2026, 11, 28, 9, tzinfo=UTC)) -> Callable[[], datetime]:
    ticks = iter(range(100_000))
    return lambda: start + timedelta(seconds=next(ticks))


@pytest.fixture(scope="module")
def flow() -> Flow:
    return load_flow(resolve(None))


def edited_flow(tmp_path: Path, old: str, new: str, name: str = "edited.toml") -> Flow:
    text = Path(shipped()["ai_strategy"]).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_flow(path)


def test_round_trip_save_load_replay_is_equal(flow: Flow, tmp_path: Path) -> None:
    given = answers("hybrid")
    session = run_answers(flow, given, clock=ticking())
    report = build_report(session, given)
    path = tmp_path / "hybrid.json"
    save_transcript(path, transcript_of(session, report=report))

    loaded = load_transcript(path)
    assert loaded == parse_transcript(to_json(loaded), "again")
    assert loaded.status == "complete"
    assert loaded.flow.content_hash == flow.content_hash
    assert [(s.question_id, s.value, s.at, s.defaulted) for s in loaded.steps] == [
        (s.question_id, s.value, s.at, s.defaulted) for s in session.steps
    ]
    assert loaded.outcome is not None
    assert loaded.outcome.outcome == "hybrid"
    assert loaded.outcome.pitfalls == [p["id"] for p in report["pitfalls"]]

    result = replay_transcript(loaded, flow, name=str(path))
    assert (result.status, result.changes, result.notes) == ("same", [], [])
    restored = restore_session(loaded, flow).session
    assert build_report(restored, loaded.answers) == report


def test_resume_mid_conversation_with_an_answer_taken_back(flow: Flow, tmp_path: Path) -> None:
    session = Session(flow, clock=ticking())
    autosaver = Autosaver(session, folder=tmp_path)
    for value in ["Tag incoming invoices", ["format", "task"], "partly", 900]:
        session.answer(value)
        autosaver.save()
    session.back()  # the 900 examples become a suggestion
    autosaver.save()

    [entry] = unfinished_sessions(str(tmp_path))
    assert entry.path == autosaver.path
    later = ticking(datetime(2027, 1, 1, tzinfo=UTC))
    restored = restore_session(entry.transcript, flow, clock=later)
    again = restored.session
    assert restored.notes == []
    assert again.current is not None and again.current.id == "examples"
    assert again.suggested(again.current) == 900
    assert [(s.question_id, s.value, s.at) for s in again.steps] == [
        (s.question_id, s.value, s.at) for s in session.steps
    ]

    again.answer(again.suggested(again.current))
    assert again.steps[-1].at == datetime(2027, 1, 1, tzinfo=UTC)  # new answers: new times
    for value in [True, True, "30k", "rarely"]:
        again.answer(value)
    while (question := again.current) is not None:
        again.answer(again.default_for(question), defaulted=True)
    direct = run_answers(
        flow,
        {"use_case": "Tag incoming invoices", "need": ["format", "task"], "prompts_work": "partly",
         "examples": 900, "data_reviewed": True, "test_set": True, "requests_per_day": 30_000,
         "requirements_change": "rarely"},
    )
    assert again.outcome == direct.outcome
    assert [p.id for p in again.pitfalls()] == [p.id for p in direct.pitfalls()]


def test_finished_sessions_are_not_offered_for_resuming(flow: Flow, tmp_path: Path) -> None:
    done = Session(flow)
    Autosaver(done, folder=tmp_path).save()  # nothing answered yet: nothing to offer
    for value in ["", ["style"], "not_tried", False, 100]:
        done.answer(value)
    while (question := done.current) is not None:
        done.answer(done.default_for(question), defaulted=True)
    Autosaver(done, folder=tmp_path).save()
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert unfinished_sessions(str(tmp_path)) == []


def test_restorer_steps_one_answer_at_a_time(flow: Flow, tmp_path: Path) -> None:
    given = answers("rag_daily_knowledge")
    session = run_answers(flow, given)
    transcript = transcript_of(session)
    restorer = Restorer(transcript, flow)
    shown = []
    for step in restorer.steps():
        shown.append(step.question_id)
        if len(shown) == 3:
            break
    assert shown == session.path[:3]
    assert not restorer.session.finished
    assert restorer.finish().session.path == session.path  # skip to the end


def test_resume_under_an_edited_flow_keeps_what_no_longer_fits(flow: Flow, tmp_path: Path) -> None:
    session = Session(flow, clock=ticking())
    for value in ["", ["knowledge"], "rarely", "prompt"]:
        session.answer(value)
    transcript = transcript_of(session)
    edited = edited_flow(
        tmp_path,
        '    { id = "rarely", label = "rarely (a few times a year or less)" },\n',
        "",
    )
    restored = restore_session(transcript, edited)
    assert restored.session.path == ["use_case", "need"]
    assert restored.session.current.id == "knowledge_change"
    assert any("'knowledge_change' no longer fits" in note for note in restored.notes)
    assert any("has changed since" in note for note in restored.notes)
    # The later answer is not lost: it waits as a suggestion for its question.
    assert restored.session.earlier_answers == {"knowledge_plan": "prompt"}


def test_replay_notices_a_new_question_without_a_default(flow: Flow, tmp_path: Path) -> None:
    given = answers("fine_tuning")
    transcript = transcript_of(run_answers(flow, given))
    edited = edited_flow(
        tmp_path,
        '[[questions.routes]]\nto = "requests_per_day"\n',
        '[[questions.routes]]\nto = "team_size"\n\n'
        '[[questions]]\nid = "team_size"\nkind = "number"\nmin = 0\n'
        'prompt = "How many people will maintain it?"\nhelp = "Engineers."\n\n'
        '[[questions.routes]]\nto = "requests_per_day"\n',
    )
    result = replay_transcript(transcript, edited, name="t.json")
    assert result.status == "changed"
    [change] = result.changes
    assert change.kind == "unanswered" and change.subject == "team_size"
    assert "How many people will maintain it?" in change.text


def test_replay_fills_a_new_default_and_says_so(flow: Flow, tmp_path: Path) -> None:
    transcript = transcript_of(run_answers(flow, answers("fine_tuning")))
    edited = edited_flow(
        tmp_path,
        '[[questions.routes]]\nto = "requests_per_day"\n',
        '[[questions.routes]]\nto = "team_size"\n\n'
        '[[questions]]\nid = "team_size"\nkind = "number"\nmin = 0\ndefault = 2\n'
        'prompt = "How many people will maintain it?"\nhelp = "Engineers."\n\n'
        '[[questions.routes]]\nto = "requests_per_day"\n',
    )
    result = replay_transcript(transcript, edited, name="t.json")
    assert result.status == "same"
    assert any("'team_size' was not asked then; it took its default (2)" in n for n in result.notes)


def test_same_flow_refuses_an_answer_it_never_accepted(flow: Flow) -> None:
    transcript = transcript_of(run_answers(flow, answers("fine_tuning")))
    data = json.loads(to_json(transcript))
    index = [s["question_id"] for s in data["steps"]].index("examples")
    data["steps"][index]["value"] = -5
    tampered = parse_transcript(json.dumps(data), "t.json")
    with pytest.raises(BadInput) as caught:
        replay_transcript(tampered, flow, name="t.json")
    assert str(caught.value) == (
        f"t.json: steps[{index}].value (question 'examples'): "
        "expected an integer from 0 to 100,000,000, found -5"
    )


def test_transcript_records_the_date_it_advised_on(flow: Flow) -> None:
    context = Context(today=date(2026, 11, 28))
    session = run_answers(flow, answers("rag_fine_tuning"), context=context)
    assert transcript_of(session).today == date(2026, 11, 28)
