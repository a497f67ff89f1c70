"""Whether a transcript could be the record of a real conversation with its flow.

The file format (advisor.transcript.format) says what a transcript looks like; these are
the rules its content must keep, checked wherever a transcript is replayed or resumed:

- the recorded outcome names real approaches (and non-negative costs of real approaches);
- with the very flow that recorded it (the same content hash), every answer — on the
  path or taken back — is one that flow accepts, exactly as an answers file is checked
  (advisor.flow.values; an answer on the path also within the bound an earlier answer
  sets, e.g. `fixed_prompt_tokens` ≤ `prompt_tokens`), and the outcome is one of its
  outcomes, with its approach and pitfalls. A refusal there means the file was edited
  or damaged, not that advice changed. With another version of the flow, answers that
  no longer fit are what replay reports as changes.

Each refusal is BadInput naming the file, the field (as a JSON path), expected and found.
"""

from __future__ import annotations

from typing import Any

from advisor.approaches import APPROACHES
from advisor.errors import AnswerError, BadInput
from advisor.flow import values
from advisor.flow.model import Flow, Question
from advisor.suggest import did_you_mean
from advisor.transcript.format import OutcomeRecord, Transcript

_APPROACHES = "one of " + ", ".join(f"'{a}'" for a in APPROACHES)


def check_transcript(transcript: Transcript, flow: Flow, name: str) -> None:
    """BadInput if `transcript` breaks a rule of its flow (see the module docstring)."""
    if flow.id != transcript.flow.id:
        raise BadInput(
            f"{name}: flow.id: the transcript is for flow '{transcript.flow.id}', "
            f"but the flow given is '{flow.id}' ({flow.source})"
        )
    outcome = transcript.outcome
    if outcome is not None:
        _check_approaches(outcome, name)
    if transcript.flow.content_hash != flow.content_hash:
        return
    questions = flow.questions
    given: dict[str, Any] = {}  # the answers so far, as the flow took them
    for index, step in enumerate(transcript.steps):
        question = questions.get(step.question_id)
        if question is None:
            raise BadInput(f"{name}: steps[{index}].question_id: "
                           f"{_no_question(step.question_id, flow)}")
        given[question.id] = _check_answer(question, step.value, f"steps[{index}].value", name,
                                           given)
    for question_id, value in transcript.earlier_answers.items():
        question = questions.get(question_id)
        if question is None:
            raise BadInput(f"{name}: earlier_answers.{question_id}: "
                           f"{_no_question(question_id, flow)}")
        _check_answer(question, value, f"earlier_answers.{question_id}", name)
    if outcome is not None:
        _check_outcome(outcome, flow, name)


def _no_question(question_id: str, flow: Flow) -> str:
    return (f"{values.found(question_id)} is no question of flow '{flow.id}'"
            f"{did_you_mean(question_id, flow.questions)}")


def _check_answer(
    question: Question, value: Any, field: str, name: str, given: dict[str, Any] | None = None
) -> Any:
    """The answer as the flow takes it; with the answers before it (`given`), also within
    a bound an earlier answer sets (`max_from`: the fixed part of a prompt within it)."""
    try:
        taken = values.coerce(question, value)
        if given is not None and question.max_from:
            values.check_bound(question, taken, given.get(question.max_from))
    except AnswerError as error:
        raise BadInput(f"{name}: {field} (question '{question.id}'): {error.short()}") from None
    return taken


def _check_approaches(outcome: OutcomeRecord, name: str) -> None:
    def refuse(field: str, found: str) -> BadInput:
        return BadInput(f"{name}: outcome.{field}: expected {_APPROACHES}, "
                        f"found {values.found(found)}")

    if outcome.approach not in APPROACHES:
        raise refuse("approach", outcome.approach)
    for index, component in enumerate(outcome.components):
        if component not in APPROACHES:
            raise refuse(f"components[{index}]", component)
    for approach, usd in (outcome.monthly_usd or {}).items():
        if approach not in APPROACHES:
            raise refuse(f"monthly_usd.{approach}", approach)
        if usd < 0:
            raise BadInput(f"{name}: outcome.monthly_usd.{approach}: expected a cost of at "
                           f"least $0, found {usd!r}")


def _check_outcome(outcome: OutcomeRecord, flow: Flow, name: str) -> None:
    pitfalls = {p.id for p in flow.pitfalls}
    for index, pitfall in enumerate(outcome.pitfalls):
        if pitfall not in pitfalls:
            raise BadInput(f"{name}: outcome.pitfalls[{index}]: {values.found(pitfall)} is no "
                           f"pitfall of flow '{flow.id}'{did_you_mean(pitfall, pitfalls)}")
    if outcome.outcome is None:
        return
    node = flow.outcomes.get(outcome.outcome)
    if node is None:
        raise BadInput(f"{name}: outcome.outcome: {values.found(outcome.outcome)} is no "
                       f"outcome of flow '{flow.id}'{did_you_mean(outcome.outcome, flow.outcomes)}")
    said = f"outcome '{node.id}' of flow '{flow.id}'"
    if outcome.approach != node.approach:
        raise BadInput(f"{name}: outcome.approach: {said} recommends '{node.approach}', "
                       f"found {values.found(outcome.approach)}")
    if list(outcome.components) != list(node.components):
        raise BadInput(f"{name}: outcome.components: {said} combines "
                       f"{list(node.components)}, found {list(outcome.components)}")
