"""Going back and what-if in the engine: kept answers, dropped answers, moving defaults."""

from __future__ import annotations

from advisor.engine.flows import load_flow
from advisor.engine.session import Session
from advisor.flow.library import resolve

FLOW = load_flow(resolve("ai_strategy"))


def answer_all(session: Session, answers: dict) -> list[str]:
    """Answer to the end (defaults where `answers` has none); the questions asked."""
    asked = []
    while (question := session.current) is not None:
        asked.append(question.id)
        if question.id in answers:
            session.answer(answers[question.id])
        else:
            session.answer(session.default_for(question), defaulted=True)
    return asked


ANSWERS = {
    "use_case": "",
    "need": ["style", "knowledge"],
    "knowledge_change": "weekly",
    "prompts_work": "partly",
    "examples": 600,
    "data_reviewed": True,
    "test_set": True,
    "requests_per_day": 20_000,
    "requirements_change": "rarely",
    "prompt_tokens": 1000,
}


def test_what_if_keeps_later_answers_and_drops_unreached_ones():
    session = Session(FLOW)
    asked = answer_all(session, ANSWERS)
    assert session.outcome.approach == "rag_fine_tuning"
    assert session.reopen("need")
    session.answer(["style"])
    session.continue_with_suggestions()
    assert session.finished
    assert session.outcome.approach == "fine_tuning"
    assert session.answers["examples"] == 600  # kept
    # Dropped: every earlier answer the new path does not ask, the knowledge ones first.
    assert {"knowledge_change", "knowledge_plan"} <= set(session.dropped)
    assert set(session.dropped) == set(asked) - set(session.answers)


def test_a_kept_default_is_recomputed_from_the_changed_answer():
    session = Session(FLOW)
    answer_all(session, ANSWERS)
    assert session.answers["ft_prompt_tokens"] == 100  # a tenth of 1,000, by default
    assert session.reopen("prompt_tokens")
    question = session.current
    assert session.suggested(question) == 1000
    session.answer(4000)
    assert session.suggested(session.current) == 400  # the default as it is now
    session.continue_with_suggestions()
    assert session.answers["ft_prompt_tokens"] == 400
    defaulted = {s.question_id for s in session.steps if s.defaulted}
    assert {"ft_prompt_tokens", "output_tokens", "model"} <= defaulted


def test_an_answer_typed_by_the_person_is_kept_as_typed():
    session = Session(FLOW)
    answer_all(session, {**ANSWERS, "ft_prompt_tokens": 70})
    assert session.reopen("prompt_tokens")
    session.answer(4000)
    session.continue_with_suggestions()
    assert session.answers["ft_prompt_tokens"] == 70
