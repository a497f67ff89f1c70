"""The report's `measured` section in words, shared by the text and Markdown reports and
the chat's report view: which answers came from usage logs, how, and from which logs."""

from __future__ import annotations

from typing import Any

MEASURED_TITLE = "Measured from your logs"
MARK = " (measured)"


def measured_lines(report: dict[str, Any]) -> list[str]:
    lines = []
    for question_id, origin in (report.get("measured") or {}).items():
        where = ", ".join(origin.get("logs") or []) or "logs"
        when = f", on {origin['measured_on']}" if origin.get("measured_on") else ""
        lines.append(
            f"{question_id}: {origin.get('how')} (from {where}{when}; "
            f"answers file {origin.get('answers_file')})"
        )
    return lines


def mark(report: dict[str, Any], question_id: str) -> str:
    """" (measured)" after an answer that was measured, else nothing."""
    return MARK if question_id in (report.get("measured") or {}) else ""
