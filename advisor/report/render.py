"""A report as JSON, Markdown or plain text. Pure functions of the report dict."""

from __future__ import annotations

import json
import math
import re
import textwrap
from collections.abc import Callable
from typing import Any

from advisor.flow import values
from advisor.flow.model import APPROACH_LABELS, Flow

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def render(report: dict[str, Any], fmt: str, flow: Flow | None = None) -> str:
    """The report in `fmt` (json, markdown or text); `flow` lets answers read as words."""
    renderers: dict[str, Callable[[dict[str, Any], Flow | None], str]] = {
        "json": to_json,
        "markdown": to_markdown,
        "text": to_text,
    }
    return renderers[fmt](report, flow)


def to_json(report: dict[str, Any], flow: Flow | None = None) -> str:
    # allow_nan=False: a NaN or infinity reaching the output is a bug, never valid JSON.
    return json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _answer_rows(report: dict[str, Any], flow: Flow | None) -> list[tuple[str, str]]:
    rows = []
    defaults = set(report.get("defaults_used", []))
    for question_id, value in report["answers"].items():
        question = flow.questions.get(question_id) if flow else None
        label = question.prompt if question else question_id
        words = values.describe(question, value) if question else str(value)
        if question_id in defaults:
            words += " (default)"
        rows.append((label, words))
    return rows


# money, per_request, cost_lines and price_line are shared with the chat's report view,
# so both say the same figures in the same words.


def money(value: float | None) -> str:
    return "—" if value is None else f"${value:,.2f}"


PER_REQUEST_DIGITS = 3  # significant digits of a per-request cost


def per_request(value: float) -> str:
    """A per-request cost, a fraction of a cent: three significant digits ($0.000520,
    $0.00116), so the figures of one column carry the same precision and compare; never
    fewer than the cents."""
    if value == 0:
        return "$0.00"
    magnitude = math.floor(math.log10(abs(value)))
    decimals = min(max(2, PER_REQUEST_DIGITS - 1 - magnitude), 10)
    return f"${value:,.{decimals}f}"


def exact_usd(value: float) -> str:
    """A price as the catalog gives it: up to 8 decimals, at least 2, no rounding of
    what it says."""
    text = f"{value:,.8f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    return f"${whole}.{decimals.ljust(2, '0')}"


def _cost_rows(report: dict[str, Any]) -> list[tuple[str, ...]]:
    """One row per approach: label, per request, per month, one-time, first year."""
    costs = report["costs"]
    chosen = report["recommendation"]["approach"]
    rows = []
    for name, figures in costs["approaches"].items():
        label = APPROACH_LABELS.get(name, name) + (" (recommended)" if name == chosen else "")
        if figures is None:
            reason = costs.get("unavailable", {}).get(name, "")
            rows.append((label, "not available" + (f": {reason}" if reason else "")))
            continue
        rows.append(
            (
                label,
                per_request(figures["per_request_usd"]),
                money(figures["monthly_usd"]),
                money(figures["one_time_usd"]),
                money(figures["first_year_usd"]),
            )
        )
    return rows


def cost_lines(report: dict[str, Any]) -> list[str]:
    """The saving, payback, break-even and cheaper variant, in words."""
    costs = report["costs"]
    lines = []
    savings = costs["fine_tuning_monthly_savings_usd"]
    if savings is not None:
        if savings > 0:
            line = f"Fine-tuning instead of prompt engineering saves {money(savings)} a month"
            months = costs["break_even_months"]
            if months is not None:
                line += f" and repays its one-time cost in {months:,.2f} months"
            lines.append(line + ".")
        elif savings < 0:
            lines.append(
                f"Fine-tuning costs {money(-savings)} a month more than prompt engineering."
            )
        else:
            lines.append("Fine-tuning costs the same per month as prompt engineering.")
        volume = costs["break_even_requests_per_day"]
        if volume is None:
            lines.append(
                "Break-even volume: none — each fine-tuned request costs at least as much as "
                "a prompted one."
            )
        else:
            lines.append(
                f"Break-even volume: {volume:,} requests a day (first-year costs equal, "
                "training included)."
            )
    cheaper = costs.get("cheaper_fine_tune")
    if cheaper:
        lines.append(
            f"Cheaper fine-tune: {cheaper['name']} [{cheaper['model']}], "
            f"{money(cheaper['monthly_usd'])} a month "
            f"({money(cheaper['monthly_savings_usd'])} a month less than prompting)."
        )
    return lines


def costs_heading(costs: dict[str, Any]) -> str:
    """Which prices and models the figures are for."""
    return (
        f"Prices in effect on {costs['prices_as_of']}. Model: {costs['model_name']}; "
        f"fine-tuned: {costs['fine_tune_model_name']}."
    )


def price_line(price: dict[str, Any]) -> str:
    per = price["per"]
    text = f"{price['item']}: {exact_usd(price['usd'])} per {per} — {price['source']}"
    if price.get("as_of"):
        text += f", as of {price['as_of']}"
    if price.get("url"):
        text += f" ({price['url']})"
    if price.get("note"):
        text += f"; {price['note']}"
    return text


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
    for row in _cost_rows(report):
        cells = [_md(cell) for cell in row] + [""] * (5 - len(row))
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out += [f"- {_md(line)}" for line in cost_lines(report)]
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
    rows = _cost_rows(report)
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
    out += [f"| {_md(q)} | {_md(a)} |" for q, a in _answer_rows(report, flow)]
    if report["unused_answers"]:
        unused = ", ".join(f"`{u}`" for u in report["unused_answers"])
        out += ["", f"Answers not used on this path: {unused}"]
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
    for question, answer in _answer_rows(report, flow):
        out += _wrap(f"{question} {answer}", "    ", "  - ")
    if report["unused_answers"]:
        out += ["", "Not used on this path: " + ", ".join(report["unused_answers"])]
    return "\n".join(out) + "\n"
