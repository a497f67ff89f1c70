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
from advisor.report.view import ANSWERS, PITFALLS, PRICES, WARNINGS, view
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
    CSS_PATH = "report.tcss"  # loaded with the first report: the chat starts without it
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
        v = view(report, self.flow)
        approach = report["recommendation"]["approach"]
        if self.changes:
            yield ChangesPanel(self.changes)
        yield RecommendationCard(v)
        costs = report.get("costs")
        if v.costs is not None and isinstance(costs, dict) and costs.get("approaches"):
            yield SectionTitle("Costs")
            if v.costs.heading:
                yield Static(Content(v.costs.heading), classes="costs-heading")
            yield CostTableView(costs, approach)
            if unavailable_lines(costs):
                yield Bullets(unavailable_lines(costs), classes="cost-notes")
            yield SectionTitle("Monthly cost per approach")
            yield MonthlyBars(costs, approach)
            if YearView.applies(costs):
                yield SectionTitle("The first year, month by month")
                yield YearView(costs, approach)
            lines = v.costs.fine_tuning
            if BreakEven.applies(costs) or lines:
                yield SectionTitle("Fine-tuning, like for like, and the model it is of")
                if BreakEven.applies(costs):
                    yield BreakEven(costs["break_even_months"])
                yield Bullets(lines, classes="cost-notes")
            if v.costs.caching:
                yield SectionTitle("Prompt caching and batch")
                yield Bullets(v.costs.caching, classes="cost-notes")
            for title, lines in v.costs.sections:
                yield SectionTitle(title)
                yield Bullets(lines, classes="cost-notes")
        for part in v.parts:
            yield SectionTitle(part.title)
            if part.title == PITFALLS:
                yield from (PitfallCard(title, advice) for title, advice in part.pairs)
            elif part.title == WARNINGS:
                yield from (WarningLine(warning) for warning in part.lines)
            elif part.title == ANSWERS:
                yield AnswersList(part.pairs)
            else:
                yield Bullets(list(part.lines),
                              classes="prices" if part.title == PRICES else "cost-notes")

    def on_mount(self) -> None:
        self.query_one("#report").focus()
        if self._rest:
            self.call_after_refresh(self._mount_rest)

    def _mount_rest(self) -> None:
        rest, self._rest = self._rest, []
        self.query_one("#report").mount_all(rest)  # not awaited: the frame goes out first
