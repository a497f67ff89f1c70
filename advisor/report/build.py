"""The report of a finished session, as the JSON-ready dict of the public contract.

Drivers never assemble a report themselves: the chat shows, and `advisor run` prints,
what this function returns for the same answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.engine.drive import unused
from advisor.engine.offers import answers_from
from advisor.engine.session import Session

FORMATS = ("json", "markdown", "text")


def build_report(session: Session, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The report for a finished session; `given` are the raw answers, to list unused ones."""
    from advisor.costs.explain.costs_section import for_answers

    outcome = session.outcome
    if outcome is None:
        raise ValueError("the conversation has not reached an outcome")
    flow = session.flow
    costs, warnings = for_answers(session.answers, session.context.today, outcome.components)
    report: dict[str, Any] = {
        "flow": {"id": flow.id, "version": flow.version, "title": flow.title},
        "answers": dict(session.answers),
        "defaults_used": [s.question_id for s in session.steps if s.defaulted],
        "unused_answers": unused(session, given or {}),
        **_measured(session),
        "path": session.path,
        "recommendation": {
            "outcome": outcome.id,
            "approach": outcome.approach,
            "components": list(outcome.components),
            "title": session.render(outcome.title),
            "summary": session.summary(),
            "reasons": session.reasons(),
        },
    }
    if costs is not None:
        report["costs"] = costs
    report["pitfalls"] = [
        {"id": p.id, "title": p.title, "advice": session.render(p.advice)}
        for p in session.pitfalls()
    ]
    report["warnings"] = warnings
    return report


def _measured(session: Session) -> dict[str, Any]:
    """`measured`: the answers taken as `advisor measure` measured them, with how and
    from which logs — only in a report that has some, so other reports stay as they were."""
    found = {key: o.as_report() for key, o in answers_from(session).items() if o.measured}
    return {"measured": found} if found else {}


def outcome_summary(session: Session) -> dict[str, Any]:
    """What `outcome_of(build_report(session))` gives (advisor.report.diff), without the
    texts, the rest of the costs section or the warnings: replay compares only this, for
    thousands of transcripts."""
    from advisor.costs.explain.costs_section import monthly_for_answers
    from advisor.report.diff import summary

    outcome = session.outcome
    if outcome is None:
        raise ValueError("the conversation has not reached an outcome")
    return summary(
        outcome.id,
        outcome.approach,
        list(outcome.components),
        [p.id for p in session.pitfalls()],
        monthly_for_answers(session.answers, session.context.today),
    )
