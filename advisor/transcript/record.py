"""A transcript of a session as it stands: what was said, and the outcome if there is one."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from advisor.engine.session import Session
from advisor.report.diff import outcome_of
from advisor.transcript.format import FORMAT_VERSION, Transcript, from_data


def now_utc() -> datetime:
    return datetime.now(UTC)


def transcript_of(
    session: Session,
    *,
    report: Mapping[str, Any] | None = None,
    started_at: datetime | None = None,
    saved_at: datetime | None = None,
) -> Transcript:
    """The session's transcript, validated. A finished session records its outcome, taken
    from `report` (built here when not given, so costs are recorded once they exist)."""
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
    return from_data(
        {
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
                }
                for step in session.steps
            ],
            "earlier_answers": session.earlier_answers,
            "outcome": outcome,
        }
    )
