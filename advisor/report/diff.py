"""What changed between two results: approach, monthly costs, pitfalls (and, for people,
answers).

Plain functions over plain dicts, so every driver compares results the same way: `advisor
replay` (a recorded outcome against today's), and the chat's what-if view (the report
before an answer changed against the report after). An outcome summary is the part of a
report that a decision rests on; transcripts record exactly that summary.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor.approaches import APPROACH_LABELS
from advisor.flow.model import Flow
from advisor.flow.values import describe, format_number

# A monthly cost moving by more than this fraction of its old value is a change.
COST_TOLERANCE = 0.01
# ...and by more than this many dollars (so a cost of $0 that becomes $0.001 is no news).
COST_FLOOR_USD = 0.005

OutcomeSummary = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """One difference a person would notice, with its words ready to show.

    kind: outcome · approach · components · monthly_cost · costs · pitfall_added ·
    pitfall_removed · unanswered. `subject` is the approach, pitfall or question concerned
    (empty when the kind says it all). `text` has no markup: show it literally.
    """

    kind: str
    subject: str
    before: Any
    after: Any
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "before": self.before,
            "after": self.after,
            "text": self.text,
        }


def summary(
    outcome: str | None,
    approach: str,
    components: list[str],
    pitfalls: list[str],
    monthly_usd: dict[str, float] | None,
) -> OutcomeSummary:
    """What outcomes are compared on: of a report (outcome_of), or of a session straight
    away (advisor.report.build.outcome_summary), which replay takes for speed."""
    return {
        "outcome": outcome,
        "approach": approach,
        "components": list(components),
        "pitfalls": list(pitfalls),
        "monthly_usd": monthly_usd,
    }


def outcome_of(report: Mapping[str, Any]) -> OutcomeSummary:
    """The summary of a report (the report JSON contract) that outcomes are compared on.

    `monthly_usd` is None when the report has no costs section.
    """
    recommendation = report["recommendation"]
    costs = report.get("costs")
    monthly: dict[str, float] | None = None
    if isinstance(costs, Mapping) and isinstance(costs.get("approaches"), Mapping):
        monthly = {}
        for approach, figures in costs["approaches"].items():
            value = figures.get("monthly_usd") if isinstance(figures, Mapping) else None
            if isinstance(value, int | float) and not isinstance(value, bool):
                monthly[approach] = value
    return summary(
        recommendation.get("outcome"),
        recommendation["approach"],
        recommendation["components"],
        [pitfall["id"] for pitfall in report["pitfalls"]],
        monthly,
    )


def diff_reports(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """What changed from one report to another (e.g. before and after a what-if)."""
    return diff_outcomes(outcome_of(before), outcome_of(after))


def diff_outcomes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """What changed from one outcome summary to another, most important first.

    Costs recorded on one side only (e.g. a transcript saved before costs existed) are not
    compared: the caller can say so, but a missing figure is not a changed one.
    """
    changes: list[Change] = []
    if before["approach"] != after["approach"]:
        changes.append(
            Change(
                "approach",
                "",
                before["approach"],
                after["approach"],
                f"approach: {before['approach']} → {after['approach']}",
            )
        )
    else:
        if list(before["components"]) != list(after["components"]):
            changes.append(
                Change(
                    "components",
                    "",
                    list(before["components"]),
                    list(after["components"]),
                    f"combines: {' + '.join(before['components'])} → "
                    f"{' + '.join(after['components'])}",
                )
            )
        old_id, new_id = before.get("outcome"), after.get("outcome")
        if old_id and new_id and old_id != new_id:
            changes.append(
                Change(
                    "outcome",
                    "",
                    old_id,
                    new_id,
                    f"recommendation: {old_id} → {new_id} (same approach, different advice)",
                )
            )
    changes += _cost_changes(before.get("monthly_usd"), after.get("monthly_usd"))
    old_pitfalls, new_pitfalls = list(before["pitfalls"]), list(after["pitfalls"])
    for pitfall in new_pitfalls:
        if pitfall not in old_pitfalls:
            changes.append(
                Change("pitfall_added", pitfall, None, pitfall, f"pitfall added: {pitfall}")
            )
    for pitfall in old_pitfalls:
        if pitfall not in new_pitfalls:
            changes.append(
                Change("pitfall_removed", pitfall, pitfall, None, f"pitfall removed: {pitfall}")
            )
    return changes


def cost_moved(before: float, after: float) -> bool:
    """More than COST_TOLERANCE of the old value, and more than half a cent."""
    if math.isnan(before) or math.isnan(after):
        return True
    return abs(after - before) > max(COST_TOLERANCE * abs(before), COST_FLOOR_USD)


def _usd(value: float) -> str:
    return format_number(value, "usd")


def _cost_changes(
    before: Mapping[str, float] | None, after: Mapping[str, float] | None
) -> list[Change]:
    if before is None:
        return []
    if after is None:
        return [Change("costs", "", dict(before), None, "costs: recorded, but none now")]
    changes = []
    for approach in [*before, *(a for a in after if a not in before)]:
        old, new = before.get(approach), after.get(approach)
        if old is not None and new is not None:
            if not cost_moved(old, new):
                continue
            percent = f" ({(new - old) / old:+.1%})" if old else ""
            text = f"monthly cost of {approach}: {_usd(old)} → {_usd(new)}{percent}"
        elif old is not None:
            text = f"monthly cost of {approach}: {_usd(old)} → not costed"
        else:
            text = f"monthly cost of {approach}: not costed → {_usd(new)}"  # type: ignore[arg-type]
        changes.append(Change("monthly_cost", approach, old, new, text))
    return changes


# --- In words for people: the chat's what-if --------------------------------------------
# The Changes above name ids, as replay reports them; a person who just changed an answer
# reads labels and titles, and also wants to see which answers moved.


@dataclass(frozen=True)
class AnswerChange:
    """One answer that differs; `None` on a side means the question was not asked there."""

    question_id: str
    before: Any
    after: Any


def answer_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[AnswerChange]:
    """Answers given, changed or no longer asked, in the order of the newer path."""
    old, new = before.get("answers", {}), after.get("answers", {})
    order = list(dict.fromkeys([*after.get("path", []), *new, *before.get("path", []), *old]))
    return [
        AnswerChange(qid, old.get(qid), new.get(qid))
        for qid in order
        if old.get(qid) != new.get(qid)
    ]


def recommended_monthly_usd(report: Mapping[str, Any]) -> float | None:
    """The monthly cost of the recommended approach, when the report carries costs."""
    monthly = outcome_of(report)["monthly_usd"]
    if monthly is None:
        return None
    return monthly.get(report["recommendation"]["approach"])


def what_changed(
    before: Mapping[str, Any], after: Mapping[str, Any], flow: Flow | None = None
) -> list[str]:
    """The differences between two reports in words, most important first: the approach
    (said to be unchanged when it is), the recommendation's monthly cost, pitfalls by
    title, then the answers. Empty when nothing a person would notice changed."""
    changes = diff_reports(before, after)
    answers = answer_changes(before, after)
    if not changes and not answers:
        return []
    old_rec, new_rec = before["recommendation"], after["recommendation"]
    lines: list[str] = []
    kinds = {change.kind for change in changes}
    if "approach" in kinds:
        lines.append(
            f"Approach: {_label(old_rec['approach'])} → {_label(new_rec['approach'])}"
        )
    elif "outcome" in kinds or old_rec.get("title") != new_rec.get("title"):
        lines.append(f"Recommendation: {old_rec['title']} → {new_rec['title']}")
    else:
        lines.append(f"Approach: unchanged, {_label(new_rec['approach'])}")
    old_cost, new_cost = recommended_monthly_usd(before), recommended_monthly_usd(after)
    if old_cost is not None and new_cost is not None:
        if "approach" in kinds or cost_moved(old_cost, new_cost):
            lines.append(
                f"Monthly cost of the recommendation: {_usd(old_cost)} → {_usd(new_cost)}"
            )
        else:
            lines.append(f"Monthly cost of the recommendation: unchanged, {_usd(new_cost)}")
    titles = {p["id"]: p["title"] for p in [*before["pitfalls"], *after["pitfalls"]]}
    for change in changes:
        if change.kind == "pitfall_added":
            lines.append(f"New pitfall: {titles.get(change.subject, change.subject)}")
        elif change.kind == "pitfall_removed":
            lines.append(f"No longer a pitfall: {titles.get(change.subject, change.subject)}")
    for answer in answers:
        question = _question(flow, answer.question_id)
        if answer.before is None:
            words = _answer(flow, answer.question_id, answer.after)
            lines.append(f"Newly asked: {question} {words}")
        elif answer.after is None:
            words = _answer(flow, answer.question_id, answer.before)
            lines.append(f"No longer asked: {question} (was {words})")
        else:
            old = _answer(flow, answer.question_id, answer.before)
            new = _answer(flow, answer.question_id, answer.after)
            lines.append(f"Changed: {question} {old} → {new}")
    return lines


def _label(approach: str) -> str:
    return APPROACH_LABELS.get(approach, approach)


def _question(flow: Flow | None, question_id: str) -> str:
    question = flow.questions.get(question_id) if flow else None
    return question.prompt if question else question_id


def _answer(flow: Flow | None, question_id: str, value: Any) -> str:
    question = flow.questions.get(question_id) if flow else None
    if question is None:
        return str(value)
    return describe(question, value) or "(empty)"
