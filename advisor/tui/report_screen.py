"""The report view: the recommendation, costs, pitfalls and warnings of one finished session.

It shows exactly the dict `advisor.report.build_report` returns — the same report
`advisor run` prints for the same answers — and nothing it does not contain.

The first frame holds the top of the report (what changed, the recommendation and the
cost table); the rest is mounted right after it is drawn. Laying out the whole report
(a few hundred widgets) before the first frame kept the person waiting ten answers'
time for a screen whose first screenful was ready long before.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from advisor.flow.model import Flow
from advisor.report.measured import MEASURED_TITLE, measured_lines
from advisor.report.words import (
    caching_and_batch_lines,
    cost_sections,
    costs_heading,
    fine_tuning_lines,
    price_line,
)
from advisor.tui.widgets.footer import ChatFooter
from advisor.tui.widgets.header import ChatHeader
from advisor.tui.widgets.report import (
    AnswersList,
    BreakEven,
    Bullets,
    ChangesPanel,
    CostTableView,
    MonthlyBars,
    PitfallCard,
    RecommendationCard,
    SectionTitle,
    WarningLine,
    unavailable_lines,
)
from advisor.tui.widgets.year import YearView


class ReportScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "app.export", "Export"),
        Binding("c", "app.copy_report", "Copy"),
        Binding("b", "app.pop_report", "Change answers"),
        Binding("escape", "app.pop_report", "Change answers", show=False),
        Binding("shift+tab", "app.pick_earlier", "Pick an earlier answer", show=False),
        Binding("r", "app.restart", "Start over"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(
        self, report: dict[str, Any], flow: Flow, changes: list[str] | None = None
    ) -> None:
        super().__init__()
        self.report = report
        self.flow = flow
        self.changes = changes or []

    def compose(self) -> ComposeResult:
        parts = list(self._parts())
        top = max(i for i, part in enumerate(parts)
                  if isinstance(part, RecommendationCard | CostTableView))
        self._rest = parts[top + 1 :]  # mounted once the top has been drawn
        yield ChatHeader()
        with VerticalScroll(id="report"):
            yield from parts[: top + 1]
        yield ChatFooter()

    def _parts(self) -> Iterator[Widget]:
        """The report's pieces, top to bottom."""
        report = self.report
        approach = report["recommendation"]["approach"]
        if self.changes:
            yield ChangesPanel(self.changes)
        yield RecommendationCard(report)
        costs = report.get("costs")
        if isinstance(costs, dict) and costs.get("approaches"):
            yield SectionTitle("Costs")
            if "prices_as_of" in costs and "model_name" in costs:
                yield Static(Content(costs_heading(costs)), classes="costs-heading")
            yield CostTableView(costs, approach)
            if unavailable_lines(costs):
                yield Bullets(unavailable_lines(costs), classes="cost-notes")
            yield SectionTitle("Monthly cost per approach")
            yield MonthlyBars(costs, approach)
            if YearView.applies(costs):
                yield SectionTitle("The first year, month by month")
                yield YearView(costs, approach)
            lines = fine_tuning_lines(report)
            if BreakEven.applies(costs) or lines:
                yield SectionTitle("Fine-tuning, like for like, and the model it is of")
                if BreakEven.applies(costs):
                    yield BreakEven(costs["break_even_months"])
                yield Bullets(lines, classes="cost-notes")
            pricing = caching_and_batch_lines(report)
            if pricing:
                yield SectionTitle("Prompt caching and batch")
                yield Bullets(pricing, classes="cost-notes")
            for title, lines in cost_sections(report):
                yield SectionTitle(title)
                yield Bullets(lines, classes="cost-notes")
        if report["pitfalls"]:
            yield SectionTitle("Pitfalls to avoid")
            for pitfall in report["pitfalls"]:
                yield PitfallCard(pitfall)
        if report["warnings"]:
            yield SectionTitle("Warnings")
            for warning in report["warnings"]:
                yield WarningLine(warning)
        if isinstance(costs, dict) and costs.get("assumptions", {}).get("notes"):
            yield SectionTitle("Cost assumptions")
            yield Bullets(costs["assumptions"]["notes"], classes="cost-notes")
        if isinstance(costs, dict) and costs.get("prices_used"):
            yield SectionTitle("Prices used")
            yield Bullets([price_line(p) for p in costs["prices_used"]], classes="prices")
        yield SectionTitle("Your answers")
        yield AnswersList(report, self.flow)
        if measured_lines(report):
            yield SectionTitle(MEASURED_TITLE)
            yield Bullets(measured_lines(report), classes="cost-notes")

    def on_mount(self) -> None:
        self.query_one("#report").focus()
        if self._rest:
            self.call_after_refresh(self._mount_rest)

    def _mount_rest(self) -> None:
        rest, self._rest = self._rest, []
        self.query_one("#report").mount_all(rest)  # not awaited: the frame goes out first
