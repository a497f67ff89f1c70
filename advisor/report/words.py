"""The report in words, for every way it is shown: the figures as money, each cost line,
section and table row, each answer as the person gave it. The Markdown and text renderers
(advisor.report.render) and the chat's report screen lay these out; none words a figure
itself, so all three say the same thing in the same words."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

from advisor.approaches import APPROACH_LABELS
from advisor.flow import values
from advisor.flow.model import Flow, Question, Value
from advisor.report.measured import mark


def with_unit(question: Question, value: Value) -> str:
    """An answer in words, with its unit where the number alone would be ambiguous."""
    words = values.describe(question, value)
    if question.kind == "number" and question.unit and question.unit != "usd":
        words = f"{words} {question.unit}"
    return words


def answer_words(question: Question, value: Value, defaulted: bool = False) -> str:
    """An answer as the conversation and the report's "Your answers" say it."""
    if question.kind == "text" and value == "":
        return "(skipped)"
    words = with_unit(question, value)
    return f"{words} (default)" if defaulted else words


def answer_rows(report: dict[str, Any], flow: Flow | None) -> list[tuple[str, str]]:
    """Each answer the report rests on: the question (its id without the flow) and the
    answer in words, marked when it was the default or measured."""
    rows = []
    defaults = set(report.get("defaults_used", []))
    for question_id, value in report["answers"].items():
        question = flow.questions.get(question_id) if flow else None
        defaulted = question_id in defaults
        if question is None:
            label, words = question_id, str(value) + (" (default)" if defaulted else "")
        else:
            label, words = question.prompt, answer_words(question, value, defaulted)
        rows.append((label, words + mark(report, question_id)))
    return rows


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


def cost_rows(report: dict[str, Any]) -> list[tuple[str, ...]]:
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


def costs_heading(costs: dict[str, Any]) -> str:
    """Which prices and models the figures are for."""
    return (
        f"Prices in effect on {costs['prices_as_of']}. Model: {costs['model_name']}; "
        f"fine-tuned: {costs['fine_tune_model_name']}."
    )


def month_rows(report: dict[str, Any]) -> list[tuple[str, ...]]:
    """The months of the first year whose costs differ from the month before, as rows of
    (month, approach figures …): what the first year is made of when it is not 12 alike."""
    costs = report["costs"]
    if not costs.get("price_changes"):
        return []
    names = [n for n, f in costs["approaches"].items() if f]
    series = {n: months_of(costs["approaches"][n]) for n in names}
    start = date.fromisoformat(costs["assumptions"]["today"])
    days = costs["assumptions"].get("days_per_month", 30)
    rows = []
    for month in range(12):
        figures = [series[n][month] for n in names]
        if month and figures == [series[n][month - 1] for n in names]:
            continue
        first = (start + timedelta(days=month * days)).isoformat()
        rows.append((f"{month + 1} (from {first})", *(money(f) for f in figures)))
    return rows


def months_of(figures: dict[str, Any]) -> list[float]:
    """An approach's twelve months as billed (all alike where nothing changes)."""
    return list(figures.get("months_usd") or [figures["monthly_usd"]] * 12)


def average_month(figures: dict[str, Any]) -> float:
    """A month of the first year as billed: this month where nothing changes in it."""
    return figures.get("average_monthly_usd", figures["monthly_usd"])


def price_line(price: dict[str, Any]) -> str:
    per = price["per"]
    text = f"{price['item']}: {exact_usd(price['usd'])} per {per} — {price['source']}"
    if price.get("as_of"):
        text += f", as of {price['as_of']}"
    if price.get("url"):
        text += f" ({price['url']})"
    if price.get("note"):
        text += f"; {price['note']}"
    if price.get("unverified"):
        text += " (unverified: no primary source)"
    return text
