"""The first year month by month: a row per approach, a block a month whose height is the
month's cost, the first and last month in figures, and the days things change under it.

Drawn with characters only (block heights, ▼ under a month that changes), so it reads the
same in monochrome; the figures are the report's own (`costs.approaches.*.months_usd`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from advisor.approaches import APPROACH_SHORT_LABELS
from advisor.report.words import money, months_of
from advisor.tui.widgets.report import approach_rows, is_number

LEVELS = " ▁▂▃▄▅▆▇█"


class YearView(Widget):
    """Twelve months per approach, where something changes in the first year."""

    DEFAULT_CSS = "YearView { width: 1fr; height: auto; text-wrap: nowrap; }"

    def __init__(self, costs: Mapping[str, Any], recommended: str) -> None:
        super().__init__(id="year-view")
        self._rows = [
            (approach, months_of(row)) for approach, row in approach_rows(costs) if row is not None
        ]
        self._changes = list(costs.get("price_changes") or [])
        self._today = str(costs.get("assumptions", {}).get("today", ""))
        self._recommended = recommended

    @staticmethod
    def applies(costs: Mapping[str, Any]) -> bool:
        return bool(costs.get("price_changes"))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._rows) + 1 + len(self._changes)

    def render(self) -> Content:
        labels = [APPROACH_SHORT_LABELS.get(a, a) for a, _ in self._rows]
        width = max((len(label) for label in labels), default=0)
        top = max((m for _, months in self._rows for m in months if is_number(m)), default=0)
        lines: list[Content] = []
        for (approach, months), label in zip(self._rows, labels, strict=True):
            blocks = "".join(
                LEVELS[max(1, round(m / top * (len(LEVELS) - 1)))] if top and m > 0 else "·"
                for m in months
            )
            style = "bold" if approach == self._recommended else ""
            lines.append(
                Content.assemble(
                    (label.ljust(width), style),
                    "  ",
                    (blocks, "$success" if approach == self._recommended else "$primary"),
                    f"  {money(months[0])} → {money(months[-1])} a month",
                )
            )
        marks = set()
        for change in self._changes:
            marks.add(_month_of(self._today, change["date"]))
        ruler = "".join("▲" if i in marks else " " for i in range(12))
        lines.append(Content(" " * width + "  " + ruler + "  month 1 to 12, from " + self._today))
        for change in self._changes:
            lines.append(Content(f"▲ {change['date']}: {change['what']}"))
        return Content("\n").join(lines)


def _month_of(today: str, day: str) -> int:
    """Which 30-day month of the year a date falls in, counting from 0."""
    from datetime import date

    try:
        return min(11, max(0, (date.fromisoformat(day) - date.fromisoformat(today)).days // 30))
    except ValueError:
        return 0
