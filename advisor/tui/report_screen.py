"""The report view: the recommendation, costs, pitfalls and warnings of one finished session.

It shows exactly the dict `advisor.report.build_report` returns — the same report
`advisor run` prints for the same answers — and nothing it does not contain.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header

from advisor.flow.model import Flow
from advisor.tui.widgets.footer import ChatFooter
from advisor.tui.widgets.report import (
    AnswersList,
    BreakEven,
    ChangesPanel,
    CostTable,
    MonthlyBars,
    PitfallCard,
    RecommendationCard,
    SectionTitle,
    WarningLine,
)


class ReportScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "app.export", "Export"),
        Binding("c", "app.copy_summary", "Copy"),
        Binding("b", "app.pop_report", "Change answers"),
        Binding("escape", "app.pop_report", "Change answers", show=False),
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
        report = self.report
        approach = report["recommendation"]["approach"]
        yield Header(icon="◆")
        with VerticalScroll(id="report"):
            if self.changes:
                yield ChangesPanel(self.changes)
            yield RecommendationCard(report)
            costs = report.get("costs")
            if isinstance(costs, dict) and costs.get("approaches"):
                yield SectionTitle("Costs")
                yield CostTable(costs, approach)
                yield SectionTitle("Monthly cost per approach")
                yield MonthlyBars(costs, approach)
                if BreakEven.present(costs):
                    yield SectionTitle("Fine-tuning break-even")
                    yield BreakEven(costs)
            if report["pitfalls"]:
                yield SectionTitle("Pitfalls to avoid")
                for pitfall in report["pitfalls"]:
                    yield PitfallCard(pitfall)
            if report["warnings"]:
                yield SectionTitle("Warnings")
                for warning in report["warnings"]:
                    yield WarningLine(warning)
            yield SectionTitle("Your answers")
            yield AnswersList(report, self.flow)
        yield ChatFooter()

    def on_mount(self) -> None:
        self.query_one("#report").focus()
