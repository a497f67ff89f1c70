"""A report as JSON, Markdown or plain text. Pure functions of the report dict."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from typing import Any

from advisor.approaches import APPROACH_LABELS, APPROACH_SHORT_LABELS
from advisor.flow.model import Flow
from advisor.report.measured import MEASURED_TITLE, measured_section
from advisor.report.words import (
    answer_rows,
    cost_lines,
    cost_rows,
    cost_sections,
    costs_heading,
    month_rows,
    price_line,
)
from advisor.textsafe import visible

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


def _costs_markdown(report: dict[str, Any]) -> list[str]:
    costs = report.get("costs")
    if not costs:
        return []
    out = [
        "## Costs",
        "",
        _md(costs_heading(costs)),
        "",
        "| Approach | Per request | Per month | One-time | First year |",
        "|---|--:|--:|--:|--:|",
    ]
    for row in cost_rows(report):
        cells = [_md(cell) for cell in row] + [""] * (5 - len(row))
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out += [f"- {_md(line)}" for line in cost_lines(report)]
    for title, lines in cost_sections(report):
        out += ["", f"### {_md(title)}", ""]
        out += [f"- {_md(line)}" for line in lines]
    months = month_rows(report)
    if months:
        names = [n for n, f in costs["approaches"].items() if f]
        out += ["", "### Month by month, where the first year changes", ""]
        heads = " | ".join(_md(APPROACH_SHORT_LABELS.get(n, n)) for n in names)
        out.append(f"| Month | {heads} |")
        out.append("|---|" + "--:|" * len(names))
        out += ["| " + " | ".join(row) + " |" for row in months]
    out += ["", "### Assumptions", ""]
    out += [f"- {_md(note)}" for note in costs["assumptions"]["notes"]]
    out += ["", "### Prices used", ""]
    out += [f"- {_md(price_line(price))}" for price in costs["prices_used"]]
    return [*out, ""]


def _costs_text(report: dict[str, Any]) -> list[str]:
    costs = report.get("costs")
    if not costs:
        return []
    out = [
        "",
        f"Costs (prices in effect on {costs['prices_as_of']}; model: {costs['model_name']}; "
        f"fine-tuned: {costs['fine_tune_model_name']}):",
    ]
    header = ("Approach", "Per request", "Per month", "One-time", "First year")
    rows = cost_rows(report)
    full = [header, *[r for r in rows if len(r) == 5]]
    widths = [max(len(r[i]) for r in full) for i in range(5)]
    for row in [header, *rows]:
        if len(row) < 5:
            out += _wrap(f"{row[0]}: {row[1]}", "      ", "  ")
            continue
        amounts = zip(row[1:], widths[1:], strict=True)
        cells = [row[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in amounts]
        out.append("  " + "  ".join(cells).rstrip())
    for line in cost_lines(report):
        out += _wrap(line, "    ", "  - ")
    for title, lines in cost_sections(report):
        out += ["", f"{title}:"]
        for line in lines:
            out += _wrap(line, "    ", "  - ")
    months = month_rows(report)
    if months:
        names = [n for n, f in costs["approaches"].items() if f]
        out += ["", "Month by month, where the first year changes:"]
        head = ("Month", *(APPROACH_SHORT_LABELS.get(n, n) for n in names))
        widths = [max(len(r[i]) for r in (head, *months)) for i in range(len(head))]
        for row in (head, *months):
            amounts = zip(row[1:], widths[1:], strict=True)
            cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in amounts]
            out.append("  " + "  ".join(cells).rstrip())
    out += ["", "Cost assumptions:"]
    for note in costs["assumptions"]["notes"]:
        out += _wrap(note, "    ", "  - ")
    out += ["", "Prices used:"]
    for price in costs["prices_used"]:
        out += _wrap(price_line(price), "    ", "  - ")
    return out


def _md(text: str) -> str:
    """User and flow text made literal in Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def to_markdown(report: dict[str, Any], flow: Flow | None = None) -> str:
    rec = report["recommendation"]
    out = [f"# {_md(rec['title'])}", ""]
    approach = APPROACH_LABELS.get(rec["approach"], rec["approach"])
    out.append(f"**Approach:** {approach}  ")
    if rec["components"] != [rec["approach"]]:
        parts = ", ".join(APPROACH_LABELS.get(c, c) for c in rec["components"])
        out.append(f"**Combines:** {parts}")
    out.append("")
    out += [_md(rec["summary"]), ""]
    out += ["## Why", ""] + [f"- {_md(reason)}" for reason in rec["reasons"]] + [""]
    out += _costs_markdown(report)
    if report["pitfalls"]:
        out += ["## Pitfalls to avoid", ""]
        out += [f"- **{_md(p['title'])}** — {_md(p['advice'])}" for p in report["pitfalls"]]
        out.append("")
    if report["warnings"]:
        out += ["## Warnings", ""] + [f"- {_md(w)}" for w in report["warnings"]] + [""]
    out += ["## Your answers", "", "| Question | Answer |", "|---|---|"]
    out += [f"| {_md(q)} | {_md(a)} |" for q, a in answer_rows(report, flow)]
    if report["unused_answers"]:
        unused = ", ".join(f"`{u}`" for u in report["unused_answers"])
        out += ["", f"Answers not used on this path: {unused}"]
    out += measured_section(report, lambda line: [f"- {_md(line)}"], f"## {MEASURED_TITLE}")
    info = report["flow"]
    out += ["", f"_Flow: {_md(info['title'])} ({info['id']} {info['version']})_", ""]
    return "\n".join(out)


def _wrap(text: str, indent: str = "", first: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        width=88,
        initial_indent=first or indent,
        subsequent_indent=indent,
        break_on_hyphens=False,  # keeps URLs, ids and "fine-tune" whole
        break_long_words=False,
    ) or [first.rstrip()]


def to_text(report: dict[str, Any], flow: Flow | None = None) -> str:
    rec = report["recommendation"]
    approach = APPROACH_LABELS.get(rec["approach"], rec["approach"])
    out = [rec["title"], "=" * min(len(rec["title"]), 88), f"Approach: {approach}", ""]
    out += [*_wrap(rec["summary"]), "", "Why:"]
    for reason in rec["reasons"]:
        out += _wrap(reason, "    ", "  - ")
    out += _costs_text(report)
    if report["pitfalls"]:
        out += ["", "Pitfalls to avoid:"]
        for p in report["pitfalls"]:
            out += _wrap(f"{p['title']}: {p['advice']}", "    ", "  - ")
    if report["warnings"]:
        out += ["", "Warnings:"]
        for warning in report["warnings"]:
            out += _wrap(warning, "    ", "  ! ")
    out += ["", "Your answers:"]
    for question, answer in answer_rows(report, flow):
        out += _wrap(f"{question} {answer}", "    ", "  - ")
    if report["unused_answers"]:
        out += ["", "Not used on this path: " + ", ".join(report["unused_answers"])]
    out += measured_section(report, lambda line: _wrap(line, "    ", "  - "), f"{MEASURED_TITLE}:")
    return "\n".join(out) + "\n"
