"""What changed between two reports: the approach, the monthly cost, pitfalls, answers.

The chat shows it after a what-if (one answer changed after the report) and transcript
replay shows it when an outcome moved, so the comparison and its wording live here, once.
Pure functions of report dicts (the public report contract); no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor.flow import values
from advisor.flow.model import APPROACH_LABELS, Flow


@dataclass(frozen=True)
class AnswerChange:
    """One answer that differs; `None` on a side means the question was not asked there."""

    question_id: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ReportDiff:
    approach_before: str
    approach_after: str
    title_before: str
    title_after: str
    monthly_before: float | None  # the recommended approach's monthly cost, if costed
    monthly_after: float | None
    pitfalls_added: tuple[Mapping[str, Any], ...]
    pitfalls_removed: tuple[Mapping[str, Any], ...]
    answers: tuple[AnswerChange, ...]

    @property
    def approach_changed(self) -> bool:
        return self.approach_before != self.approach_after

    @property
    def monthly_changed(self) -> bool:
        return (
            self.monthly_before is not None
            and self.monthly_after is not None
            and round(self.monthly_before, 2) != round(self.monthly_after, 2)
        )

    @property
    def changed(self) -> bool:
        """Whether anything a reader would notice differs."""
        return bool(
            self.approach_changed
            or self.title_before != self.title_after
            or self.monthly_changed
            or self.pitfalls_added
            or self.pitfalls_removed
            or self.answers
        )


def recommended_monthly_usd(report: Mapping[str, Any]) -> float | None:
    """The monthly cost of the recommended approach, when the report carries costs."""
    costs = report.get("costs")
    if not isinstance(costs, Mapping):
        return None
    approach = report["recommendation"]["approach"]
    row = costs.get("approaches", {}).get(approach)
    if not isinstance(row, Mapping):
        return None
    monthly = row.get("monthly_usd")
    return float(monthly) if isinstance(monthly, int | float) else None


def diff_reports(before: Mapping[str, Any], after: Mapping[str, Any]) -> ReportDiff:
    old_rec, new_rec = before["recommendation"], after["recommendation"]
    old_pitfalls = {p["id"]: p for p in before.get("pitfalls", [])}
    new_pitfalls = {p["id"]: p for p in after.get("pitfalls", [])}
    old_answers, new_answers = before.get("answers", {}), after.get("answers", {})
    order = list(dict.fromkeys([*after.get("path", []), *new_answers, *old_answers]))
    answers = tuple(
        AnswerChange(qid, old_answers.get(qid), new_answers.get(qid))
        for qid in order
        if old_answers.get(qid) != new_answers.get(qid)
    )
    return ReportDiff(
        approach_before=old_rec["approach"],
        approach_after=new_rec["approach"],
        title_before=old_rec.get("title", ""),
        title_after=new_rec.get("title", ""),
        monthly_before=recommended_monthly_usd(before),
        monthly_after=recommended_monthly_usd(after),
        pitfalls_added=tuple(p for i, p in new_pitfalls.items() if i not in old_pitfalls),
        pitfalls_removed=tuple(p for i, p in old_pitfalls.items() if i not in new_pitfalls),
        answers=answers,
    )


def _approach(approach: str) -> str:
    return APPROACH_LABELS.get(approach, approach)


def _answer_words(flow: Flow | None, question_id: str, value: Any) -> str:
    question = flow.questions.get(question_id) if flow else None
    if question is None:
        return str(value)
    words = values.describe(question, value)
    return words if words else "(empty)"


def _question_words(flow: Flow | None, question_id: str) -> str:
    question = flow.questions.get(question_id) if flow else None
    return question.prompt if question else question_id


def describe(diff: ReportDiff, flow: Flow | None = None) -> list[str]:
    """The differences in words, most important first; empty when nothing changed."""
    if not diff.changed:
        return []
    lines: list[str] = []
    if diff.approach_changed:
        lines.append(
            f"Approach: {_approach(diff.approach_before)} → {_approach(diff.approach_after)}"
        )
    elif diff.title_before != diff.title_after:
        lines.append(f"Recommendation: {diff.title_before} → {diff.title_after}")
    else:
        lines.append(f"Approach: unchanged, {_approach(diff.approach_after)}")
    before, after = diff.monthly_before, diff.monthly_after
    if before is not None and after is not None:
        if diff.monthly_changed:
            lines.append(
                "Monthly cost of the recommendation: "
                f"{values.format_number(before, 'usd')} → {values.format_number(after, 'usd')}"
            )
        else:
            lines.append(
                f"Monthly cost of the recommendation: unchanged, "
                f"{values.format_number(after, 'usd')}"
            )
    lines += [f"New pitfall: {p['title']}" for p in diff.pitfalls_added]
    lines += [f"No longer a pitfall: {p['title']}" for p in diff.pitfalls_removed]
    for change in diff.answers:
        question = _question_words(flow, change.question_id)
        if change.before is None:
            lines.append(
                f"Newly asked: {question} {_answer_words(flow, change.question_id, change.after)}"
            )
        elif change.after is None:
            lines.append(
                f"No longer asked: {question} "
                f"(was {_answer_words(flow, change.question_id, change.before)})"
            )
        else:
            lines.append(
                f"Changed: {question} {_answer_words(flow, change.question_id, change.before)}"
                f" → {_answer_words(flow, change.question_id, change.after)}"
            )
    return lines
