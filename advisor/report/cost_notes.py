"""The costs section's notes after the table, in words, as every view shows them: fine-tuning
against the same model and the move to another apart, caching and batch, where the fine-tune
can be made, what changes in the year, and what the one-time costs are made of."""

from __future__ import annotations

from typing import Any

from advisor.approaches import APPROACH_LABELS, APPROACH_SHORT_LABELS
from advisor.costs.prices.records import SERVING
from advisor.flow import values
from advisor.report.words import average_month, money


def cost_lines(report: dict[str, Any]) -> list[str]:
    """What fine-tuning saves like for like, the move to another model apart, the payback,
    the break-even and a cheaper variant, in words; then caching and batch."""
    return fine_tuning_lines(report) + caching_and_batch_lines(report)


def fine_tuning_lines(report: dict[str, Any]) -> list[str]:
    """Fine-tuning against prompting the very model it is of, and the model switch apart."""
    costs = report["costs"]
    lines: list[str] = []
    savings = costs["fine_tuning_monthly_savings_usd"]
    if savings is None:
        return lines
    target = costs.get("fine_tune_target") or {}
    same = target.get("relation", "same_model") == "same_model"
    name = target.get("name") or costs.get("fine_tune_model_name")
    like = "" if same else "Like for like, "
    what = f"fine-tuning {name} instead of prompting it" if name else (
        "fine-tuning instead of prompting the same model"
    )
    subject = f"{like}{what}"
    subject = subject[0].upper() + subject[1:]
    name = name or "the same model"
    averaged = " on average over the first year as billed" if costs.get("price_changes") else ""
    if savings > 0:
        line = f"{subject} saves {money(savings)} a month{averaged}"
        months = costs["break_even_months"]
        if months is not None:
            line += (f" and, after its upkeep and retraining, repays its one-time cost in "
                     f"{values.months_in_words(months)}")
        else:
            line += (", less than its upkeep and retraining cost: it never repays its "
                     "one-time cost")
        lines.append(line + ".")
    elif savings < 0:
        lines.append(f"{subject} costs {money(-savings)} a month more{averaged}.")
    else:
        lines.append(f"{subject} costs the same per month.")
    lines += _switch_lines(costs, target, same)
    volume = costs["break_even_requests_per_day"]
    if volume is None:
        lines.append(
            f"Break-even volume: none — at no volume does fine-tuning {name} cost less than "
            "prompting it over the first year (training, retraining and upkeep included)."
        )
    else:
        lines.append(
            f"Break-even volume: {volume:,} requests a day, where fine-tuning {name} costs "
            "what prompting it does in the first year (training, retraining and upkeep "
            "included)."
        )
    cheaper = costs.get("cheaper_fine_tune")
    if cheaper:
        lines.append(
            f"Cheaper fine-tune, of a smaller model to test first: {cheaper['name']} "
            f"[{cheaper['model']}], {money(cheaper['monthly_usd'])} a month "
            f"({money(cheaper['monthly_savings_usd'])} a month less than prompting "
            f"{costs['model_name']})."
        )
    return lines


def _switch_lines(costs: dict[str, Any], target: dict[str, Any], same: bool) -> list[str]:
    """The move to another model, with its own figure: never a saving of fine-tuning."""
    split = costs.get("saving_split")
    prompting = target.get("prompting")
    serving = next((p.get("serving") for p in costs.get("fine_tuning_platforms") or []
                    if p.get("id") == target.get("model")), None)
    if not split or not prompting or (same and serving != "self_hosted"):
        return []
    switch, tuned = split["model_switch_usd"], split["fine_tuning_usd"]
    mine, theirs = costs["model_name"], target.get("prompted_name") or target["name"]
    # The year of the model prompted: its successor's too, from the day it shuts down.
    ends = [c["date"] for c in costs.get("price_changes") or []
            if c.get("model") == costs.get("model") and "shuts down" in c.get("what", "")]
    mine_year = f"{mine} (and its successor from {ends[0]})" if ends else mine
    change = f"{money(abs(switch))} {'less' if switch >= 0 else 'more'}"
    ft = (
        f"fine-tuning it would then save a further {money(tuned)} a month"
        if tuned > 0
        else f"fine-tuning it would then add {money(-tuned)} a month"
        if tuned < 0
        else "fine-tuning it would then cost the same a month"
    )
    # Where prices change in the year, the figures are the year's average month (the
    # prompted model's successor priced after it shuts down), as the like-for-like line says.
    averaged = " on average over the first year as billed" if costs.get("price_changes") else ""
    if same:  # the same model on your own GPUs, where the fine-tune is served
        return [
            f"Serving switch: prompting {theirs} instead of {mine} would cost "
            f"{money(average_month(prompting))} a month{averaged}, {change} than {mine_year} — "
            f"a difference of where the same model runs, not of fine-tuning; {ft}."
        ]
    return [
        f"Model switch: prompting {theirs} instead of {mine} would cost "
        f"{money(average_month(prompting))} a month{averaged}, {change} than {mine_year} — a "
        "difference of "
        f"the model, not of fine-tuning; {ft}. {theirs} is another model: its quality on your "
        "task is unknown until it passes your test set."
    ]


def caching_and_batch_lines(report: dict[str, Any]) -> list[str]:
    """What the figures assume about caching and batch, and the recommendation without
    caching, so that no discount has to be taken on trust."""
    costs = report["costs"]
    lines = []
    caching = costs.get("caching") or {}
    chosen = report["recommendation"]["approach"]
    figures = costs["approaches"].get(chosen)
    cached = [
        f"{APPROACH_SHORT_LABELS.get(name, name)} {plan['cached_tokens']:,} tokens"
        for name, plan in (caching.get("approaches") or {}).items()
        if plan.get("cached_tokens")
    ]
    if cached:
        line = "Prompt caching is assumed where a prompt's repeating part is long enough to be "
        line += f"cached: {values.join_words(cached)} (see the assumptions)"
        if figures and figures.get("monthly_without_caching_usd") is not None:
            without = figures["monthly_without_caching_usd"]
            if without != figures["monthly_usd"]:
                line += (
                    f"; without it, {APPROACH_LABELS.get(chosen, chosen)} would cost "
                    f"{money(without)} a month instead of {money(figures['monthly_usd'])}"
                )
                if costs.get("price_changes"):  # the table's month, not the year's average
                    line += f" at the prices in effect on {costs['assumptions']['today']}"
            else:
                line += f"; it does not change what {APPROACH_LABELS.get(chosen, chosen)} costs"
        lines.append(line + ".")
    batch = costs.get("batch") or {}
    if batch.get("asked"):
        if batch.get("base"):
            lines.append("Priced at the provider's batch tier: the answers can wait a day.")
        else:
            lines.append("No batch tier in the price data for this model: standard prices.")
    return lines


def _serving(kind: str) -> str:
    return SERVING[kind].short if kind in SERVING else kind


UNVERIFIED_WORDS = {
    "training_per_1m": "training price",
    "prices": "token prices",
    "hosting_per_hour": "hosting price",
    "lifecycle": "dates",
    "gpu_tokens_per_second": "GPU throughput",
    "training_tokens_per_second": "training throughput",
    "gpu_hour_usd": "GPU price",
    "serving": "how it is billed",
    "closes": "closing date",
    "storage_per_month": "storage price",
    "retires": "retirement date",
    "retires_no_earlier_than": "retirement date",
    "batch": "batch prices for fine-tuned models",
    "epochs": "default epochs",
}


def unverified_words(fields: list[str]) -> str:
    return ", ".join(dict.fromkeys(UNVERIFIED_WORDS.get(f, f) for f in fields))


def platform_lines(report: dict[str, Any]) -> list[str]:
    """Every platform open for fine-tuning on the day, cheapest first, in words."""
    costs = report["costs"]
    lines = []
    for p in costs.get("fine_tuning_platforms") or []:
        if not p.get("production", True):
            continue  # evaluation_lines: no month or year of serving to compare
        line = (
            f"{p['model']} [{p['id']}], {_serving(p['serving'])}: "
            f"{money(p['monthly_usd'])} a month, {money(p['one_time_usd'])} one-time, "
            f"{money(p['first_year_usd'])} in the first year"
        )
        line += f"; open until {p['open_until']}" if p["open_until"] else ""
        if p.get("stops_on"):
            line += (
                f"; its fine-tunes stop working on {p['stops_on']}, so the rest of the year "
                f"is priced on {p['then']}, with a re-tune there"
            )
        if p["unverified"]:
            line += f" (unverified: {unverified_words(p['unverified'])})"
        lines.append(line + ".")
    if lines:
        mine = costs.get("model_name") or "your model"
        lines.append(
            f"Each is a fine-tune of its own model: one of another model than {mine} is a move "
            "to that model, whose quality on your task is unknown until it passes your test set."
        )
    return lines


def evaluation_lines(report: dict[str, Any]) -> list[str]:
    """Platforms open for evaluating a fine-tune, never for serving it in production: what
    making and testing one there costs, and no month or year of serving."""
    lines = []
    for p in report["costs"].get("fine_tuning_platforms") or []:
        if p.get("production", True):
            continue
        line = (
            f"{p['model']} [{p['id']}], {_serving(p['serving'])}: "
            f"{money(p['one_time_usd'])} one-time to make and test a fine-tune there"
        )
        line += f"; open until {p['open_until']}" if p["open_until"] else ""
        line += (". Its deployments are for evaluation, not production, so no month of serving "
                 "is priced")
        if p["unverified"]:
            line += f" (unverified: {unverified_words(p['unverified'])})"
        lines.append(line + ".")
    return lines


def closed_lines(report: dict[str, Any]) -> list[str]:
    """Platforms not open to this user on the day, with the reason."""
    costs = report["costs"]
    skip = set(costs["approaches"]) | set(costs.get("platforms_not_priced") or [])
    return [
        f"{key}: {why}."
        for key, why in (costs.get("unavailable") or {}).items()
        if key not in skip
    ]


def unpriced_lines(report: dict[str, Any]) -> list[str]:
    """Platforms open to fine-tune on the day whose price is not known: not priced."""
    costs = report["costs"]
    reasons = costs.get("unavailable") or {}
    return [f"{key}: {reasons.get(key, '')}." for key in costs.get("platforms_not_priced") or []]


def cost_sections(report: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The costs' sections after the table, each with its title, as every view shows
    them (text, Markdown, the chat); a section with nothing to say is left out."""
    sections = [
        ("What changes during the first year", change_lines(report)),
        ("What the recommendation's one-time and first-year costs are made of",
         one_time_lines(report)),
        ("Where to fine-tune, for your answers (cheapest first year first)",
         platform_lines(report)),
        ("For evaluating a fine-tune only, not for production", evaluation_lines(report)),
        ("Not open to you on this day", closed_lines(report)),
        ("Open, but no price found", unpriced_lines(report)),
    ]
    return [(title, lines) for title, lines in sections if lines]


def change_lines(report: dict[str, Any]) -> list[str]:
    """Each dated change the first year's figures include, with the monthly costs after it."""
    lines = []
    for change in report["costs"].get("price_changes") or []:
        after = "; ".join(
            f"{APPROACH_LABELS.get(name, name)} {money(usd)} a month"
            for name, usd in change.get("approaches_after", {}).items()
        )
        said = f"{change['date']}: {change['what']}"
        lines.append(said + (f". From then: {after}" if after else ""))
    if lines:
        assumed = report["costs"]["assumptions"]
        today, days = assumed["today"], assumed.get("days_per_month", 30)
        lines.append(
            f"The table's per-month figures are a {days}-day month at the prices in effect on "
            f"{today}, before any of these changes; its first-year figures are the year as "
            "billed, day by day from these dates, and the monthly figures in the reasons (Why) "
            "and the pitfalls are that year's average month."
        )
    return lines


def one_time_lines(report: dict[str, Any]) -> list[str]:
    """What the recommendation's one-time and first-year costs are made of."""
    chosen = report["recommendation"]["approach"]
    figures = report["costs"]["approaches"].get(chosen)
    if not figures:
        return []
    lines = [f"{i['item']}: {money(i['usd'])}" for i in figures.get("one_time_items", [])]
    lines += [
        f"first year: {i['item']}: {money(i['usd'])}" for i in figures.get("first_year_items", [])
    ]
    return lines
