"""One report as people read it: its parts in their order, each titled and in words.

Markdown and text (advisor.report.render) and the chat's report screen all lay out this one
model, so no view orders, titles or words a part itself: the chat draws the same parts as
cards and charts, the documents as headings, bullets and tables. The JSON report is the
data it is made from.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from advisor.approaches import APPROACH_LABELS, APPROACH_SHORT_LABELS
from advisor.flow.model import Flow
from advisor.report.cost_notes import caching_and_batch_lines, cost_sections, fine_tuning_lines
from advisor.report.measured import MEASURED_TITLE, measured_lines
from advisor.report.words import answer_rows, cost_rows, costs_heading, month_rows, price_line

# The parts after the costs, in the order every view shows them: the advice to act on,
# then what the figures rest on, then the person's own answers.
PITFALLS = "Pitfalls to avoid"
WARNINGS = "Warnings"
ASSUMPTIONS = "Cost assumptions"
PRICES = "Prices used"
ANSWERS = "Your answers"
MONTHS = "Month by month, where the first year changes"


class Part(NamedTuple):
    """A titled list: `lines` in words, or `pairs` (a pitfall's title and advice, a
    question and its answer)."""

    title: str
    lines: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()


class CostsView(NamedTuple):
    heading: str  # the prices' day and the models priced
    rows: list[tuple[str, ...]]  # per approach: label and four figures, or label and why not
    fine_tuning: list[str]  # like for like, the model switch apart, payback, break-even
    caching: list[str]  # prompt caching and batch
    sections: list[tuple[str, list[str]]]  # titled notes after the table
    month_names: list[str]  # the approaches of the month-by-month table
    months: list[tuple[str, ...]]  # its rows: only the months whose costs change


class ReportView(NamedTuple):
    title: str
    approach: str  # in words
    combines: list[str]  # the components in words, when more than the approach
    summary: str
    reasons: list[str]
    costs: CostsView | None
    parts: list[Part]  # after the costs, in order; a part with nothing in it is left out
    unused: list[str]  # answers given but not asked on this path
    flow: tuple[str, str, str]  # title, id, version


def view(report: dict[str, Any], flow: Flow | None = None) -> ReportView:
    """The report's parts; `flow` lets answers read as words (its questions, their units)."""
    rec = report["recommendation"]
    combines = []
    if rec["components"] != [rec["approach"]]:
        combines = [APPROACH_LABELS.get(c, c) for c in rec["components"]]
    costs = report.get("costs") or None
    parts = [
        Part(PITFALLS, pairs=tuple((p["title"], p["advice"]) for p in report["pitfalls"])),
        Part(WARNINGS, tuple(report["warnings"])),
        Part(ASSUMPTIONS, tuple((costs or {}).get("assumptions", {}).get("notes") or ())),
        Part(PRICES, tuple(price_line(p) for p in (costs or {}).get("prices_used") or ())),
        Part(ANSWERS, pairs=tuple(answer_rows(report, flow))),
        Part(MEASURED_TITLE, tuple(measured_lines(report))),
    ]
    info = report["flow"]
    return ReportView(
        title=rec["title"],
        approach=APPROACH_LABELS.get(rec["approach"], rec["approach"]),
        combines=combines,
        summary=rec["summary"],
        reasons=list(rec["reasons"]),
        costs=_costs(report) if costs else None,
        parts=[part for part in parts if part.lines or part.pairs],
        unused=list(report["unused_answers"]),
        flow=(info["title"], info["id"], info["version"]),
    )


def _costs(report: dict[str, Any]) -> CostsView:
    costs = report["costs"]
    months = month_rows(report)
    names = [n for n, f in costs["approaches"].items() if f] if months else []
    return CostsView(
        heading=costs_heading(costs) if "prices_as_of" in costs and "model_name" in costs else "",
        rows=cost_rows(report),
        fine_tuning=fine_tuning_lines(report),
        caching=caching_and_batch_lines(report),
        sections=cost_sections(report),
        month_names=[APPROACH_SHORT_LABELS.get(n, n) for n in names],
        months=months,
    )
