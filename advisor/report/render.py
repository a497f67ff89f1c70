"""A report as JSON, Markdown or plain text: the JSON is the data; Markdown and text lay
out its one view (advisor.report.view). Pure functions of the report dict."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from advisor.flow.model import Flow
from advisor.textsafe import visible

if TYPE_CHECKING:
    from advisor.report.view import CostsView

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def render(report: dict[str, Any], fmt: str, flow: Flow | None = None) -> str:
    """The report in `fmt` (json, markdown or text); `flow` lets answers read as words.

    Whatever the data holds, the result carries no control character but newline and tab
    (advisor.textsafe): a report may go to a terminal, a file someone `cat`s, a clipboard.
    In JSON the escapes are the same characters."""
    renderers: dict[str, Callable[[dict[str, Any], Flow | None], str]] = {
        "json": to_json,
        "markdown": to_markdown,
        "text": to_text,
    }
    return visible(renderers[fmt](report, flow))


def to_json(report: dict[str, Any], flow: Flow | None = None) -> str:
    # allow_nan=False: a NaN or infinity reaching the output is a bug, never valid JSON.
    return json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _md(text: str) -> str:
    """User and flow text made literal in Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def to_markdown(report: dict[str, Any], flow: Flow | None = None) -> str:
    from advisor.report.view import ANSWERS, view  # not needed for JSON: a headless run's

    v = view(report, flow)
    out = [f"# {_md(v.title)}", "", f"**Approach:** {v.approach}  "]
    if v.combines:
        out.append(f"**Combines:** {', '.join(v.combines)}")
    out += ["", _md(v.summary), ""]
    out += ["## Why", ""] + [f"- {_md(reason)}" for reason in v.reasons] + [""]
    if v.costs is not None:
        out += _costs_markdown(v.costs)
    for part in v.parts:
        out += [f"## {part.title}", ""]
        out += [f"- {_md(line)}" for line in part.lines]
        if part.title == ANSWERS:
            out += ["| Question | Answer |", "|---|---|"]
            out += [f"| {_md(q)} | {_md(a)} |" for q, a in part.pairs]
        else:
            out += [f"- **{_md(title)}** — {_md(text)}" for title, text in part.pairs]
        if part.title == ANSWERS and v.unused:
            out += ["", "Answers not used on this path: " + ", ".join(f"`{u}`" for u in v.unused)]
        out.append("")
    title, flow_id, version = v.flow
    out += [f"_Flow: {_md(title)} ({flow_id} {version})_", ""]
    return "\n".join(out)


def _costs_markdown(c: CostsView) -> list[str]:
    from advisor.report.view import MONTHS

    out = [
        "## Costs",
        "",
        _md(c.heading),
        "",
        "| Approach | Per request | Per month | One-time | First year |",
        "|---|--:|--:|--:|--:|",
    ]
    for row in c.rows:
        cells = [_md(cell) for cell in row] + [""] * (5 - len(row))
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out += [f"- {_md(line)}" for line in c.fine_tuning + c.caching]
    for title, lines in c.sections:
        out += ["", f"### {_md(title)}", ""]
        out += [f"- {_md(line)}" for line in lines]
    if c.months:
        out += ["", f"### {MONTHS}", ""]
        out.append("| Month | " + " | ".join(_md(name) for name in c.month_names) + " |")
        out.append("|---|" + "--:|" * len(c.month_names))
        out += ["| " + " | ".join(row) + " |" for row in c.months]
    return [*out, ""]


def _wrap(text: str, indent: str = "", first: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        width=88,
        initial_indent=first or indent,
        subsequent_indent=indent,
        break_on_hyphens=False,  # keeps URLs, ids and "fine-tune" whole
        break_long_words=False,
    ) or [first.rstrip()]


def _aligned(rows: list[tuple[str, ...]]) -> list[str]:
    """A table in columns: the first left, the figures right."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        amounts = zip(row[1:], widths[1:], strict=True)
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in amounts]
        out.append("  " + "  ".join(cells).rstrip())
    return out


def to_text(report: dict[str, Any], flow: Flow | None = None) -> str:
    from advisor.report.view import ANSWERS, WARNINGS, view

    v = view(report, flow)
    out = [v.title, "=" * min(len(v.title), 88), f"Approach: {v.approach}"]
    if v.combines:
        out.append(f"Combines: {', '.join(v.combines)}")
    out += ["", *_wrap(v.summary), "", "Why:"]
    for reason in v.reasons:
        out += _wrap(reason, "    ", "  - ")
    if v.costs is not None:
        out += _costs_text(v.costs)
    for part in v.parts:
        out += ["", f"{part.title}:"]
        mark = "  ! " if part.title == WARNINGS else "  - "
        for line in part.lines:
            out += _wrap(line, "    ", mark)
        joint = " " if part.title == ANSWERS else ": "
        for title, text in part.pairs:
            out += _wrap(f"{title}{joint}{text}", "    ", "  - ")
        if part.title == ANSWERS and v.unused:
            out += ["", "Not used on this path: " + ", ".join(v.unused)]
    return "\n".join(out) + "\n"


def _costs_text(c: CostsView) -> list[str]:
    from advisor.report.view import MONTHS

    out = ["", "Costs:", *_wrap(c.heading, "  ", "  ")]
    header = ("Approach", "Per request", "Per month", "One-time", "First year")
    full = [header, *[r for r in c.rows if len(r) == 5]]
    table = _aligned(full)
    out.append(table[0])
    figures = iter(table[1:])
    for row in c.rows:
        if len(row) < 5:
            out += _wrap(f"{row[0]}: {row[1]}", "      ", "  ")
        else:
            out.append(next(figures))
    for line in c.fine_tuning + c.caching:
        out += _wrap(line, "    ", "  - ")
    for title, lines in c.sections:
        out += ["", f"{title}:"]
        for line in lines:
            out += _wrap(line, "    ", "  - ")
    if c.months:
        out += ["", f"{MONTHS}:"]
        out += _aligned([("Month", *c.month_names), *c.months])
    return out
