"""Checks a skeptical reader makes of a report's sentences: every amount is a figure the
report computed, a figure quoted for a model or approach is that one's, no sentence says
"$X …, not $X", and every heading agrees with its items.

Used by the reliability suite on random conversations and by the like-for-like tests on the
cover answer sets: a sentence that contradicts the figures fails wherever it appears.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from advisor.report.cost_notes import cost_sections
from advisor.report.words import money

AMOUNT = re.compile(r"\$[0-9][0-9,]*\.[0-9]{2}\b")
ECHO = re.compile(r"(\$[0-9][0-9,]*\.[0-9]{2})\b[^.]*?, not \1\b")
PROMPTING = re.compile(
    r"[Pp]rompting (?P<model>[A-Z][^$,;:]*?) (?:instead(?: of [^$,;:]+?)? )?would "
    r"(?:itself )?cost (?P<usd>\$[0-9][0-9,]*\.[0-9]{2}) a month(?! (?:less|more))"
)


def _numbers(value: Any) -> Iterator[float]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield value


def cents(amount: str) -> int:
    return round(float(amount.strip("$").replace(",", "")) * 100)


def _near(amount: str, known: set[int]) -> bool:
    """Known to the cent, give or take the cent that rounding two figures apart can cost."""
    value = cents(amount)
    return any(v in known for v in (value - 1, value, value + 1))


def _monthlies(costs: dict[str, Any]) -> list[float]:
    rows = [f for f in costs["approaches"].values() if f]
    target = costs.get("fine_tune_target") or {}
    rows += [target[key] for key in ("prompting", "rag") if target.get(key)]
    found = [r["monthly_usd"] for r in rows] + [r["average_monthly_usd"] for r in rows
                                                if "average_monthly_usd" in r]
    for key in ("cheaper_prompting", "cheaper_fine_tune"):
        if costs.get(key):
            found.append(costs[key]["monthly_usd"])
    return found


def known_amounts(report: dict[str, Any]) -> set[int]:
    """Every amount a sentence may quote, in cents: a figure of the report, a difference of
    two monthly figures (what one costs more or less than another), or an amount the
    assumptions state."""
    costs = report.get("costs") or {}
    known = {round(n * 100) for n in _numbers(costs)}
    monthly = _monthlies(costs) if costs else []
    differences = {abs(a - b) for a in monthly for b in monthly}
    known |= {round(d * 100) for d in differences}
    # A saving after a fine-tune's upkeep: a difference less a fine-tuned approach's own
    # upkeep (its engineering and its retraining), which the report gives beside it.
    upkeeps = {f["upkeep_monthly_usd"] for f in (costs.get("approaches") or {}).values()
               if f and "upkeep_monthly_usd" in f} if costs else set()
    for upkeep in upkeeps:
        known |= {round(abs(d - upkeep) * 100) for d in differences}
    for note in costs.get("assumptions", {}).get("notes", []) if costs else []:
        known |= {cents(a) for a in AMOUNT.findall(note)}
    return known


def _figures(row: dict[str, Any]) -> set[str]:
    """A row's monthly figure: this month's, or the first year's average month."""
    return {money(row["monthly_usd"]), money(row.get("average_monthly_usd", row["monthly_usd"]))}


def _prompting_figures(costs: dict[str, Any]) -> dict[str, set[str]]:
    """Each model's prompting figures, by its name as the sentences write it."""
    found = {costs["model_name"]: _figures(costs["approaches"]["prompt_engineering"])}
    target = costs.get("fine_tune_target") or {}
    if target.get("prompting"):
        found[target["name"]] = _figures(target["prompting"])
    if costs.get("cheaper_prompting"):
        found[costs["cheaper_prompting"]["name"]] = _figures(costs["cheaper_prompting"])
    return found


def problems(report: dict[str, Any]) -> list[str]:
    """What a skeptical reader would object to in the summary, reasons and cost sections."""
    found = []
    rec = report["recommendation"]
    sentences = [rec["summary"], *rec["reasons"]]
    costs = report.get("costs")
    if costs:
        from advisor.report.cost_notes import fine_tuning_lines

        sentences += fine_tuning_lines(report)
    known = known_amounts(report)
    for text in sentences:
        for amount in AMOUNT.findall(text):
            if costs and not _near(amount, known):
                found.append(f"{amount} is no figure of the report: {text}")
        echo = ECHO.search(text)
        if echo:
            found.append(f"says '{echo.group(0)}'")
        if "the same behaviour" in text:
            found.append(f"claims what nobody measured: {text}")
    if costs:
        found += _quoted_prompting(sentences, costs)
        found += _recommended_figures(report, sentences)
        found += _headings(report)
    return found


def _quoted_prompting(sentences: list[str], costs: dict[str, Any]) -> list[str]:
    """"prompting X would cost $A a month": A is X's own prompting figure."""
    figures = _prompting_figures(costs)
    found = []
    for text in sentences:
        for match in PROMPTING.finditer(text):
            model = match.group("model").strip()
            if model in figures and match.group("usd") not in figures[model]:
                found.append(
                    f"quotes {match.group('usd')} for prompting {model}, whose figures are "
                    f"{sorted(figures[model])}: {text}"
                )
    return found


def _recommended_figures(report: dict[str, Any], sentences: list[str]) -> list[str]:
    """A hybrid or RAG-plus-fine-tuning recommendation never quotes the plain fine-tune's
    monthly cost or saving as its own."""
    approach = report["recommendation"]["approach"]
    costs = report["costs"]
    plain = costs["approaches"].get("fine_tuning")
    mine = costs["approaches"].get(approach)
    if approach not in ("hybrid", "rag_fine_tuning") or not plain or not mine:
        return []
    own = {round(n * 100) for n in _numbers(mine)}
    own |= {round(abs(a - mine["monthly_usd"]) * 100) for a in _monthlies(costs)}
    for note in costs["assumptions"].get("notes", []):  # a hosting fee every fine-tune pays
        own |= {cents(a) for a in AMOUNT.findall(note)}
    others = {round(plain["monthly_usd"] * 100)}
    if costs.get("fine_tuning_monthly_savings_usd") is not None:
        others.add(round(abs(costs["fine_tuning_monthly_savings_usd"]) * 100))
    found = []
    for text in sentences[: 1 + len(report["recommendation"]["reasons"])]:
        for amount in AMOUNT.findall(text):
            if cents(amount) in others and not _near(amount, own):
                found.append(f"quotes the plain fine-tune's {amount} for the {approach}: {text}")
    return found


def _headings(report: dict[str, Any]) -> list[str]:
    found = []
    for title, lines in cost_sections(report):
        for line in lines:
            if title.startswith("Not open") and "is open to fine-tune" in line:
                found.append(f"under '{title}': {line}")
            if title.startswith("Open, but") and "price" not in line:
                found.append(f"under '{title}': {line}")
        if title.startswith("Where to fine-tune"):
            years = [p["first_year_usd"] for p in report["costs"]["fine_tuning_platforms"]]
            if years != sorted(years):
                found.append(f"'{title}' is not cheapest first year first: {years}")
    return found
