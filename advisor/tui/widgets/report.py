"""The pieces of the report view. Each shows one part of the report dict, literally.

They read the report of the public contract (`advisor.report.build_report`) and format
its numbers as the text and Markdown reports do (advisor.report.render); they decide and
word nothing themselves. The cost pieces appear only when the report has costs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import HorizontalGroup, VerticalGroup
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static

from advisor.approaches import APPROACH_LABELS, APPROACH_SHORT_LABELS, APPROACHES
from advisor.report.view import ReportView
from advisor.report.words import money, per_request
from advisor.tui.widgets.text import one_line

BAR = "█"
Parts = list[str | tuple[str, str]]
FIGURES = ("per_request_usd", "monthly_usd", "one_time_usd", "first_year_usd")


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def figure(key: str, value: Any) -> str:
    """An amount as the text and Markdown reports write it (shared formatting)."""
    if not is_number(value):
        return "—"
    return per_request(value) if key == "per_request_usd" else money(value)


def approach_rows(costs: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any] | None]]:
    """Every approach of the costs, in the usual order; None where it is not available."""
    table = costs.get("approaches") or {}
    known = [a for a in APPROACHES if a in table]
    return [(a, table[a]) for a in known + sorted(set(table) - set(known))]


class SectionTitle(Static):
    def __init__(self, text: str) -> None:
        super().__init__(Content.styled(text, "bold"), classes="section-title")


class Bullets(VerticalGroup):
    """Lines with a bullet and a hanging indent, so wrapped lines stay readable."""

    def __init__(self, lines: list[str], *, mark: str = "•", **options: Any) -> None:
        super().__init__(**options)
        self.add_class("bullets")
        self._lines = lines
        self._mark = mark

    def compose(self) -> ComposeResult:
        for line in self._lines:
            with HorizontalGroup(classes="bullet"):
                yield Static(Content.styled(self._mark, "$accent"), classes="bullet-mark")
                yield Static(Content(one_line(line)), classes="bullet-text")


class RecommendationCard(VerticalGroup):
    """The approach, what to do, and why — the first thing the person reads."""

    def __init__(self, report: ReportView) -> None:
        super().__init__(id="recommendation")
        self.report = report
        self.border_title = "Recommendation"

    def compose(self) -> ComposeResult:
        v = self.report
        yield Static(Content.styled(v.title, "bold"), id="rec-title")
        yield Static(Content.assemble(("Approach: ", "bold"), v.approach), id="rec-approach")
        yield Static(Content(one_line(v.summary)), id="rec-summary")
        if v.reasons:
            yield Static(Content.styled("Why", "bold"), id="rec-why")
            yield Bullets(v.reasons, id="rec-reasons")


class ChangesPanel(VerticalGroup):
    """After a what-if: what the changed answer did to the recommendation."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__(id="changes")
        self._lines = lines
        self.border_title = "What changed"

    def compose(self) -> ComposeResult:
        yield Bullets(self._lines)


def whole_dollars(key: str, value: Any) -> str:
    """An amount for the compact table: from $1,000 up, to the dollar ($48,622); below,
    as the reports write it. Per-request costs keep their three significant digits."""
    if key != "per_request_usd" and is_number(value) and abs(value) >= 1000:
        return money(round(value)).removesuffix(".00")
    return figure(key, value)


class CostTable(DataTable[Text]):
    """Every approach's cost side by side; the recommended one marked.

    Three layouts, the first that fits the width it has: `wide`, the four figures as the
    reports write them under one-line headings; `compact` (60 columns), two-line
    headings and amounts from $1,000 to the dollar, one row per approach still (a note
    under the table says so: CostTableView); and `stacked`, for amounts too large even
    for that, each row on two lines — per request over one-time, per month over first
    year — so every figure stays in view, with no hidden column to scroll to.
    """

    HEADERS = ("Per request", "Per month", "One-time", "First year")
    SHORT_HEADERS = ("Per\nrequest", "Per\nmonth", "One-\ntime", "First\nyear")

    class Rounded(Message):
        """The layout changed; `rounded`: amounts are shown to the dollar."""

        def __init__(self, rounded: bool) -> None:
            super().__init__()
            self.rounded = rounded

    def __init__(self, costs: Mapping[str, Any], recommended: str) -> None:
        super().__init__(
            id="cost-table", show_cursor=False, zebra_stripes=True, cell_padding=1
        )
        self.can_focus = False
        self._costs = costs
        self._recommended = recommended
        self.layout_name: str | None = None

    def _rows(self, compact: bool = False) -> list[tuple[Text, list[str] | None]]:
        shown = whole_dollars if compact else figure
        rows = []
        for approach, row in approach_rows(self._costs):
            style = "bold" if approach == self._recommended else ""
            mark = "▶ " if approach == self._recommended else "  "
            label = Text(mark + APPROACH_SHORT_LABELS.get(approach, approach), style=style)
            figures = None if row is None else [shown(key, row.get(key)) for key in FIGURES]
            rows.append((label, figures))
        return rows

    def width_of(self, layout: str) -> int:
        """The width the table needs in `layout` ('wide' or 'compact')."""
        compact = layout == "compact"
        rows = self._rows(compact)
        widths = [max([len("Approach"), *(label.cell_len for label, _ in rows)])]
        headers = self.SHORT_HEADERS if compact else self.HEADERS
        for index, header in enumerate(headers):
            longest = max(len(line) for line in header.splitlines())
            widths.append(max([longest, *(len(f[index]) for _, f in rows if f)]))
        if compact:  # no cell padding: one space before each figure
            return sum(widths) + len(FIGURES)
        return sum(widths) + 2 * len(widths)

    @property
    def rounded(self) -> bool:
        """Whether the compact layout shows some amount to the dollar that has cents."""
        if self.layout_name != "compact":
            return False
        return any(
            whole_dollars(key, row.get(key)) != figure(key, row.get(key))
            for _, row in approach_rows(self._costs) if row is not None for key in FIGURES
        )

    def on_resize(self) -> None:
        width = self.size.width
        fits = [name for name in ("wide", "compact") if self.width_of(name) <= width]
        self._lay_out(fits[0] if fits else "stacked")

    def on_mount(self) -> None:
        self._lay_out("wide")

    def _lay_out(self, layout: str) -> None:
        if layout == self.layout_name:
            return
        self.layout_name = layout
        self.clear(columns=True)
        stacked, compact = layout == "stacked", layout == "compact"
        self.cell_padding = 0 if compact else 1
        self.header_height = 1 if layout == "wide" else 2
        self.add_column(Text("Approach"), key="approach")
        headers: tuple[str, ...] = self.SHORT_HEADERS if compact else self.HEADERS
        if stacked:
            headers = (f"{headers[0]}\n{headers[2]}", f"{headers[1]}\n{headers[3]}")
        for key, label in zip(FIGURES, headers, strict=False):
            self.add_column(Text(label, justify="right"), key=key)
        lead = " " if compact else ""
        for approach, (label, figures) in zip(
            [a for a, _ in approach_rows(self._costs)], self._rows(compact), strict=True
        ):
            style = label.style
            if figures is None:
                cells = [Text(f"{lead}not available", style="italic")]
                cells += [Text("")] * (len(headers) - 1)
            elif stacked:
                pairs = ((figures[0], figures[2]), (figures[1], figures[3]))
                cells = [Text(f"{a}\n{b}", style=style, justify="right") for a, b in pairs]
            else:
                cells = [Text(lead + f, style=style, justify="right") for f in figures]
            self.add_row(label, *cells, key=approach, height=2 if stacked else 1)
        self.post_message(self.Rounded(self.rounded))


class CostTableView(VerticalGroup):
    """The cost table, and under it, when the narrow layout rounds amounts to the dollar,
    a line that says so (the exported report has the cents)."""

    DEFAULT_CSS = "CostTableView { height: auto; } CostTableView > .rounding { display: none; }"

    def __init__(self, costs: Mapping[str, Any], recommended: str) -> None:
        super().__init__(id="cost-table-view")
        self._costs, self._recommended = costs, recommended

    def compose(self) -> ComposeResult:
        yield CostTable(self._costs, self._recommended)
        yield Static(
            Content.styled("Amounts from $1,000 rounded to the dollar to fit; export (e) "
                           "for the cents.", "italic $text-muted"),
            classes="rounding",
        )

    def on_cost_table_rounded(self, event: CostTable.Rounded) -> None:
        self.query_one(".rounding").display = event.rounded


def unavailable_lines(costs: Mapping[str, Any]) -> list[str]:
    """Why an approach has no figures, as the cost model says it."""
    reasons = costs.get("unavailable") or {}
    return [
        f"{APPROACH_LABELS.get(approach, approach)}: not available — {reasons[approach]}"
        for approach, row in approach_rows(costs)
        if row is None and reasons.get(approach)
    ]


class MonthlyBars(Widget):
    """Monthly cost per approach as bars: the differences at a glance."""

    DEFAULT_CSS = "MonthlyBars { width: 1fr; height: auto; text-wrap: nowrap; }"

    def __init__(self, costs: Mapping[str, Any], recommended: str) -> None:
        super().__init__(id="monthly-bars")
        self._rows = [
            (approach, row.get("monthly_usd") if row is not None else None)
            for approach, row in approach_rows(costs)
        ]
        self._recommended = recommended

    def on_resize(self) -> None:
        self.refresh()  # the bars fill the width, whatever it is now

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows)  # one line per approach, however wide

    def render(self) -> Content:
        width = max(self.content_size.width, 40)
        labels = [APPROACH_SHORT_LABELS.get(a, a) for a, _ in self._rows]
        amounts = [money(m) if is_number(m) else "not available" for _, m in self._rows]
        label_width = max((len(label) for label in labels), default=0)
        amount_width = max((len(a) for a in amounts), default=0)
        room = max(width - label_width - amount_width - 4, 5)
        numbers = [m for _, m in self._rows if is_number(m)]
        top = max(numbers, default=0)
        lines: list[Content] = []
        for (approach, monthly), label, amount in zip(
            self._rows, labels, amounts, strict=True
        ):
            length = 0
            if is_number(monthly) and top > 0:
                length = max(1, round(room * monthly / top)) if monthly > 0 else 0
            colour = "$success" if approach == self._recommended else "$primary"
            lines.append(
                Content.assemble(
                    (label.ljust(label_width), "bold" if approach == self._recommended else ""),
                    "  ",
                    (BAR * length, colour),
                    " " * (room - length + 1),
                    amount.rjust(amount_width),
                )
            )
        return Content("\n").join(lines)


def payback_horizon(months: float) -> int:
    """The months the payback line spans: a year, or whole years up to five."""
    return 12 if months <= 12 else min(12 * math.ceil(months / 12), 60)


class PaybackLine(Widget):
    """The line of months, with ▲ where the fine-tune has repaid its one-time cost (▶ at
    the end when that is past the line)."""

    DEFAULT_CSS = "PaybackLine { width: 1fr; height: 1; text-wrap: nowrap; }"

    def __init__(self, months: float) -> None:
        super().__init__(classes="payback-line")
        self._months = float(months)

    def on_resize(self) -> None:
        self.refresh()

    def render(self) -> Content:
        width = max(self.content_size.width, 40)
        months = self._months
        horizon = payback_horizon(months)
        left, right = "0 ", f" {horizon} months"
        room = max(width - len(left) - len(right), 10)
        beyond = months > horizon
        mark = room - 1 if beyond else min(round(room * months / horizon), room - 1)
        return Content.assemble(
            left,
            ("━" * mark, "$warning"),
            ("▶" if beyond else "▲", "bold $error" if beyond else "bold $success"),
            ("━" * (room - mark - 1), "$success"),
            right,
        )


class BreakEven(VerticalGroup):
    """Where fine-tuning pays back its one-time cost: the line, and a legend that says in
    words what its marks mean (not in colour alone)."""

    def __init__(self, months: float) -> None:
        super().__init__(id="break-even")
        self._months = float(months)

    @staticmethod
    def applies(costs: Mapping[str, Any]) -> bool:
        """A payback time to draw: fine-tuning saves money and the cost model says when."""
        savings = costs.get("fine_tuning_monthly_savings_usd")
        return is_number(costs.get("break_even_months")) and is_number(savings) and savings > 0

    def legend(self) -> str:
        months, horizon = self._months, payback_horizon(self._months)
        if months > horizon:
            return (f"▶ not repaid on this line: what the monthly saving leaves after upkeep and "
                    f"retraining repays the one-time cost only after {months:,.2f} months (the "
                    f"line ends at {horizon}).")
        return (f"0 is today. ▲ repaid: after {months:,.2f} months what the monthly saving "
                "leaves after upkeep and retraining has paid back the one-time cost; ━ before ▲ "
                "it is paying back, after ▲ it is saved.")

    def compose(self) -> ComposeResult:
        yield PaybackLine(self._months)
        yield Static(Content.styled(self.legend(), "$text-muted"), classes="payback-legend")


class PitfallCard(Static):
    def __init__(self, title: str, advice: str) -> None:
        super().__init__(
            Content.assemble(
                ("⚠ ", "bold $warning"),
                (title, "bold"),
                "\n",
                one_line(advice),
            ),
            classes="pitfall",
        )


class WarningLine(Static):
    def __init__(self, warning: str) -> None:
        super().__init__(
            Content.assemble(("! ", "bold $error"), one_line(warning)), classes="warning"
        )


class AnswersList(Static):
    """The answers the recommendation rests on, as the person gave them: the report's
    rows (advisor.report.view), each question muted with its answer under it."""

    def __init__(self, rows: Sequence[tuple[str, str]]) -> None:
        parts: Parts = []
        for prompt, words in rows:
            if parts:
                parts.append("\n")
            parts += [(prompt, "$text-muted"), "\n", ("  → ", "$accent"), words]
        super().__init__(Content.assemble(*parts), id="answers")
