"""Replaying transcripts: the recorded answers through today's flow, against the recorded
outcome. The result says, per transcript, whether the advice still holds and if not what
moved (approach, monthly costs, pitfalls, questions now unanswered).

Each file is read, checked and replayed on its own: one unreadable transcript is
reported and the others are still replayed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from advisor.errors import EXIT_BAD_INPUT, EXIT_CHANGED, EXIT_OK, BadInput
from advisor.facts import Context
from advisor.flow import values
from advisor.flow.model import Flow
from advisor.report.build import outcome_summary
from advisor.report.diff import Change, OutcomeSummary, diff_outcomes
from advisor.transcript.format import Transcript
from advisor.transcript.restore import Restorer, flow_changed_note
from advisor.transcript.rules import check_transcript

Status = Literal["same", "changed", "unreadable", "in_progress"]


@dataclass
class ReplayResult:
    name: str  # the file, as given
    status: Status
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # why the file is unreadable: names the file and the field
    flow: dict[str, Any] | None = None
    recorded: OutcomeSummary | None = None
    now: OutcomeSummary | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.name,
            "status": self.status,
            "changes": [change.as_dict() for change in self.changes],
            "notes": self.notes,
            "error": self.error,
            "flow": self.flow,
            "recorded": self.recorded,
            "now": self.now,
        }


def replay_transcript(
    transcript: Transcript, flow: Flow, *, name: str, context: Context | None = None
) -> ReplayResult:
    """Replay one transcript. BadInput when it cannot be the record of a real conversation
    with this flow (advisor.transcript.rules: e.g. an answer the very same flow refuses)."""
    check_transcript(transcript, flow, name)
    complete = transcript.status == "complete"
    restorer = Restorer(transcript, flow, context, fill_defaults=complete)
    for _ in restorer.steps():
        pass
    same_flow = transcript.flow.content_hash == flow.content_hash
    session = restorer.session
    info = {
        "id": flow.id,
        "recorded_version": transcript.flow.version,
        "version": flow.version,
        "changed": not same_flow,
    }
    notes = []
    changed = flow_changed_note(transcript, flow)
    if changed:
        notes.append(changed)
    if transcript.status == "in_progress":
        question = session.current
        where = f"; next question: '{question.id}'" if question is not None else ""
        notes.append(f"in progress ({len(transcript.steps)} answers{where}): nothing to compare")
        return ReplayResult(name, "in_progress", notes=notes, flow=info)
    recorded = transcript.outcome.model_dump() if transcript.outcome else None
    for question_id in restorer.defaulted:
        question = flow.questions[question_id]
        words = values.describe(question, session.answers[question_id])
        notes.append(f"'{question_id}' was not asked then; it took its default ({words})")
    skipped = [s.question_id for s in restorer.not_reached if s.question_id not in restorer.unfit]
    if skipped and session.finished:
        notes.append("answers no longer on the path: " + ", ".join(skipped))
    question = session.current
    if question is not None:
        problem = restorer.unfit.get(question.id)
        why = (
            f"the recorded answer no longer fits ({problem.short()})"
            if problem
            else "there is no recorded answer and no default"
        )
        text = (
            f"now unanswered: '{question.id}' (\"{question.prompt}\"): {why}; "
            "the conversation stops there"
        )
        change = Change("unanswered", question.id, recorded and recorded["approach"], None, text)
        return ReplayResult(name, "changed", [change], notes, flow=info, recorded=recorded)
    now = outcome_summary(session)
    assert recorded is not None  # a complete transcript has an outcome (validated)
    if recorded["monthly_usd"] is None and now["monthly_usd"] is not None:
        notes.append("no monthly costs were recorded, so costs are not compared")
    changes = diff_outcomes(recorded, now)
    changes += _ended(dict(session.answers), transcript.today, session.context.today)
    status: Status = "changed" if changes else "same"
    return ReplayResult(name, status, changes, notes, flow=info, recorded=recorded, now=now)


def _ended(answers: dict[str, Any], since: Any, until: Any) -> list[Change]:
    """A model or fine-tuning platform the decision relied on that has shut down or closed
    since it was recorded: the advice changed, even where its words did not."""
    from advisor.costs.explain.ended import ended_since

    return [
        Change("lifecycle", subject, None, day.isoformat(), words)
        for subject, day, words in ended_since(answers, since, until)
    ]


# --- many files ------------------------------------------------------------------------------


def transcript_files(paths: Iterable[str]) -> Iterator[tuple[str, BadInput | None]]:
    """Each path; a folder stands for its *.json files (not hidden ones), sorted by name.
    A folder that cannot be listed, or holds no transcript, comes with its error."""
    for path in paths:
        if not os.path.isdir(path):
            yield path, None
            continue
        try:
            names = sorted(
                n for n in os.listdir(path) if n.endswith(".json") and not n.startswith(".")
            )
        except OSError as error:
            yield path, BadInput(f"{path}: cannot list the folder: {error.strerror or error}")
            continue
        if not names:
            yield path, BadInput(f"{path}: no transcripts (*.json files) in this folder")
        for name in names:
            yield os.path.join(path, name), None


class FlowShelf:
    """Flows loaded once per replay run (or per worker process): by the transcript's
    recorded id, or the one given; and the context to replay them in."""

    def __init__(self, spec: str | None = None, context: Context | None = None) -> None:
        from advisor.engine.flows import load_flow
        from advisor.flow.library import resolve

        self.context = context or Context()
        self._given = load_flow(resolve(spec)) if spec is not None else None
        self._by_id: dict[str, Flow] = {}

    def for_transcript(self, transcript: Transcript, name: str) -> Flow:
        if self._given is not None:
            return self._given
        flow = self._by_id.get(transcript.flow.id)
        if flow is None:
            from advisor.transcript.restore import flow_for

            flow = self._by_id[transcript.flow.id] = flow_for(transcript, name=name)
        return flow


def replay_files(
    paths: Iterable[str],
    *,
    flow_spec: str | None = None,
    context: Context | None = None,
    jobs: int = 1,
) -> Iterator[ReplayResult]:
    """Replay every transcript in `paths` (files or folders), one result each, in order.

    With `jobs` > 1, a large enough batch is replayed by that many processes
    (advisor.parallel); the results come in the same order either way."""
    return replay_items(list(transcript_files(paths)), flow_spec=flow_spec, context=context,
                        jobs=jobs)


def replay_items(
    items: list[tuple[str, BadInput | None]],
    *,
    flow_spec: str | None = None,
    context: Context | None = None,
    jobs: int = 1,
) -> Iterator[ReplayResult]:
    """replay_files for the files `transcript_files` found (so that a caller can count
    them first). Results come one by one, each as soon as it and those before it are
    ready: nothing is kept here once handed on."""
    context = context or Context()
    shelf = FlowShelf(flow_spec, context)  # a bad --flow is refused here, before any work
    if jobs > 1:
        from advisor.parallel import map_in_order

        parallel = map_in_order(items, replay_one, FlowShelf, (flow_spec, context), jobs)
        if parallel is not None:
            yield from parallel
            return
    for item in items:
        yield replay_one(item, shelf)


def replay_one(item: tuple[str, BadInput | None], shelf: FlowShelf) -> ReplayResult:
    """One file of a batch: its result, or why it is unreadable."""
    from advisor.transcript.store import load_transcript

    path, problem = item
    context = shelf.context
    if problem is not None:
        return ReplayResult(path, "unreadable", error=str(problem))
    try:
        transcript = load_transcript(path)
        flow = shelf.for_transcript(transcript, path)
        return replay_transcript(transcript, flow, name=path, context=context)
    except BadInput as error:
        return ReplayResult(path, "unreadable", error=str(error))


def summary(results: Iterable[ReplayResult]) -> dict[str, int]:
    counts = {"same": 0, "changed": 0, "unreadable": 0, "in_progress": 0}
    for result in results:
        counts[result.status] += 1
    return counts


def exit_code(counts: dict[str, int]) -> int:
    """2 if any transcript was unreadable, else 1 if any outcome changed, else 0."""
    if counts["unreadable"]:
        return EXIT_BAD_INPUT
    if counts["changed"]:
        return EXIT_CHANGED
    return EXIT_OK
