"""A transcript of a session as it stands: what was said, and the outcome if there is one.

`transcript_data` builds it as plain data (no pydantic: the chat saves with it, checked by
advisor.transcript.check); `transcript_of` gives the validated pydantic `Transcript`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from advisor.engine.session import Session
from advisor.report.diff import outcome_of
from advisor.transcript.check import FORMAT_VERSION

if TYPE_CHECKING:
    from advisor.transcript.format import Transcript


def now_utc() -> datetime:
    return datetime.now(UTC)


def transcript_data(
    session: Session,
    *,
    report: Mapping[str, Any] | None = None,
    started_at: datetime | None = None,
    saved_at: datetime | None = None,
    draft: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """The session's transcript as plain data (times as datetimes). A finished session
    records its outcome, taken from `report` (built here when not given, so costs are
    recorded once they exist); `draft` is (question id, text typed but not confirmed)."""
    saved_at = saved_at or now_utc()
    if started_at is None:
        started_at = session.steps[0].at if session.steps else saved_at
    outcome = None
    if session.finished:
        if report is None:
            from advisor.report.build import build_report

            report = build_report(session)
        outcome = outcome_of(report)
    flow = session.flow
    reactions = session.reactions
    current = session.current
    return {
        "format_version": FORMAT_VERSION,
        "flow": {"id": flow.id, "version": flow.version, "content_hash": flow.content_hash},
        "status": "complete" if session.finished else "in_progress",
        "started_at": started_at,
        "saved_at": saved_at,
        "today": session.context.today,
        "steps": [
            {
                "question_id": step.question_id,
                "value": step.value,
                "at": step.at,
                "defaulted": step.defaulted,
                "reaction": reactions.get(index),
            }
            for index, step in enumerate(session.steps)
        ],
        "earlier_answers": session.earlier_answers,
        "outcome": outcome,
        "draft": (
            {"question_id": draft[0], "text": draft[1]}
            if draft and draft[1] and current is not None and current.id == draft[0]
            else None
        ),
    }


def transcript_of(
    session: Session,
    *,
    report: Mapping[str, Any] | None = None,
    started_at: datetime | None = None,
    saved_at: datetime | None = None,
) -> Transcript:
    """The session's transcript, validated (pydantic)."""
    from advisor.transcript.format import from_data

    return from_data(
        transcript_data(session, report=report, started_at=started_at, saved_at=saved_at)
    )
