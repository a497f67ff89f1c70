"""The session: answering, validation, going back, reopening, defaults, progress."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from advisor.engine import Session, run_answers
from advisor.engine.flows import load_flow
from advisor.errors import AnswerError, BadInput, Incomplete
from advisor.flow.model import Flow
from tests.flowtext import write_flow


@pytest.fixture
def flow(tmp_path: Path) -> Flow:
    return load_flow(write_flow(tmp_path))


def test_answers_follow_the_first_route_that_holds(flow: Flow) -> None:
    session = Session(flow)
    assert session.current is not None and session.current.id == "color"
    session.answer("red")
    assert session.current.id == "size"
    session.answer(60)
    session.answer(6)
    assert session.finished
    assert session.outcome is not None and session.outcome.id == "big"
    assert session.path == ["color", "size", "scaled"]
    assert session.reasons() == ["You chose red.", "60 is big."]


def test_the_fallback_route_is_taken_when_nothing_else_holds(flow: Flow) -> None:
    session = Session(flow)
    session.answer("blue")
    assert session.current is not None and session.current.id == "sure"
    session.answer("no")
    assert session.outcome is not None and session.outcome.id == "small_end"
    assert [p.id for p in session.pitfalls()] == ["blue_big"]
    assert session.render(session.pitfalls()[0].advice) == "Careful with blue."


def test_a_bad_answer_names_the_question_and_changes_nothing(flow: Flow) -> None:
    session = Session(flow)
    session.answer("red")
    with pytest.raises(AnswerError) as caught:
        session.answer(101)
    assert str(caught.value) == "question 'size': expected an integer from 0 to 100, found 101"
    assert session.current is not None and session.current.id == "size"
    assert session.answers == {"color": "red"}
    assert len(session.steps) == 1


def test_back_undoes_the_last_answer_and_offers_it_again(flow: Flow) -> None:
    session = Session(flow)
    session.answer("red")
    session.answer(60)
    assert session.back()
    assert session.current is not None and session.current.id == "size"
    assert "size" not in session.answers
    assert session.suggested(session.current) == 60
    assert session.reasons() == ["You chose red."]
    assert session.back() and session.back() is False
    assert session.current.id == "color"


def test_reopen_keeps_later_answers_that_still_apply_and_drops_the_rest(flow: Flow) -> None:
    session = Session(flow)
    for value in ("red", 60, 6):
        session.answer(value)
    assert session.reopen("color")
    assert session.current is not None and session.current.id == "color"
    session.answer("red")
    session.continue_with_suggestions()
    assert session.finished and session.answers == {"color": "red", "size": 60, "scaled": 6}

    assert session.reopen("color")
    session.answer("blue")
    session.continue_with_suggestions()
    # 'sure' was never answered, so the conversation waits there; size/scaled no longer apply.
    assert session.current is not None and session.current.id == "sure"
    session.answer(True)
    assert session.finished
    assert session.dropped == {"size": 60, "scaled": 6}


def test_default_from_computes_from_an_earlier_answer(flow: Flow) -> None:
    session = Session(flow)
    session.answer("red")
    session.answer(55)
    assert session.current is not None and session.current.id == "scaled"
    assert session.default_for(session.current) == 6  # 5.5 rounds to 6
    session.back()
    session.answer(3)
    assert session.default_for(session.current) == 1  # never below the question's min


def test_reactions_speak_after_an_answer(flow: Flow) -> None:
    session = Session(flow)
    assert session.reaction() is None
    session.answer("red")
    assert session.reaction() == "Red, a bold red choice."


def test_progress_counts_questions_on_the_paths_ahead(flow: Flow) -> None:
    session = Session(flow)
    first = session.progress()
    assert (first.number, first.low, first.high) == (1, 1, 2)
    session.answer("blue")
    second = session.progress()
    assert (second.number, second.low, second.high) == (2, 0, 0)


def test_answer_times_come_from_the_injected_clock(flow: Flow) -> None:
    moment = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    session = Session(flow, clock=lambda: moment)
    session.answer("blue")
    assert session.steps[0].at == moment


def test_sessions_share_one_machine_and_do_not_disturb_each_other(flow: Flow) -> None:
    first, second = Session(flow), Session(flow)
    first.answer("red")
    second.answer("blue")
    assert first.current is not None and first.current.id == "size"
    assert second.current is not None and second.current.id == "sure"


def test_run_answers_uses_defaults_and_reports_the_first_gap(flow: Flow) -> None:
    session = run_answers(flow, {"color": "blue"})
    assert session.finished and session.answers["sure"] is True
    assert session.steps[-1].defaulted
    with pytest.raises(Incomplete) as caught:
        run_answers(flow, {"color": "red"}, source="a.toml")
    assert str(caught.value) == (
        "a.toml: incomplete: the conversation reached question 'size' (\"How big?\") "
        "and found no answer; it expects an integer from 0 to 100"
    )


def test_run_answers_refuses_unknown_ids_even_off_the_path(flow: Flow) -> None:
    with pytest.raises(
        BadInput, match="'colour' is no question of flow 'small' \\(did you mean 'color'"
    ):
        run_answers(flow, {"colour": "red"}, source="a.toml")
    with pytest.raises(BadInput, match=r"a\.toml: question 'size'"):
        run_answers(flow, {"color": "blue", "size": -1}, source="a.toml")
