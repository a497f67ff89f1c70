"""The report's `costs` section and lifecycle `warnings`, as JSON-ready data.

Money is rounded here (and for the facts' words): to the cent for amounts, to 1e-8 USD per
request.
Every number is checked finite on the way out — the renderer refuses NaN and infinity.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from advisor.costs.estimate import of_answers as est
from advisor.costs.estimate.arithmetic import reported_totals, rounded
from advisor.costs.prices import lifecycle
from advisor.costs.prices.catalog import load_catalog
from advisor.errors import AdvisorError


def _finite(value: Decimal, what: str) -> Decimal:
    if not value.is_finite():  # a bug, never the user's input: say so plainly
        raise AdvisorError(f"costs: {what} came out as {value}; please report this")
    return value


def _rounded(value: Decimal, places: int, what: str) -> float:
    try:
        return rounded(_finite(value, what), places)
    except ValueError as error:
        raise AdvisorError(f"costs: {what}: {error}; check the prices and volumes") from None


def usd(value: Decimal, what: str = "amount") -> float:
    return _rounded(value, 2, what)


def usd_fine(value: Decimal, what: str = "per request") -> float:
    return _rounded(value, 8, what)


def _items(items: Any, what: str) -> list[dict[str, Any]]:
    return [{"item": item, "usd": usd(amount, what)} for item, amount in items]


def per_request_all_in(cost: Any, requests_a_month: Decimal) -> Decimal:
    """What one request costs with the month's fixed fees shared out over the month's
    requests (a dedicated endpoint is not free per request), as if there were at least one."""
    return cost.per_request + cost.fixed_monthly / max(requests_a_month, Decimal(1))


def _approach(
    cost: Any, name: str, uncached: Any = None, requests: Decimal = Decimal(0)
) -> dict[str, Any]:
    one_time, first_year = reported_totals(cost)
    figures: dict[str, Any] = {
        "per_request_usd": usd_fine(per_request_all_in(cost, requests), f"{name} per request"),
        "monthly_usd": usd(cost.monthly, f"{name} monthly"),
        "one_time_usd": usd(one_time, f"{name} one-time"),
        "first_year_usd": usd(first_year, f"{name} first year"),
        "one_time_items": _items(cost.one_time_items, f"{name} one-time"),
        "first_year_items": _items(cost.first_year_items, f"{name} first year"),
    }
    if uncached is not None:
        figures["monthly_without_caching_usd"] = usd(uncached.monthly, f"{name} uncached")
    if cost.year is not None:  # something changes in the year: the year as billed, month by month
        figures["average_monthly_usd"] = usd(cost.average_month, f"{name} average month")
        figures["months_usd"] = [usd(m, f"{name} month") for m in cost.months]
    return figures


def _cheaper_retrieval(e: est.Estimate, requests: Decimal) -> dict[str, Any]:
    """Retrieval with prompts on a current model that costs less in its first year than RAG
    plus fine-tuning (only where there is one: other reports stay as they were)."""
    found = e.cheaper_retrieval
    if found is None:
        return {}
    return {"cheaper_retrieval": {
        "model": found.model.id,
        "name": found.model.label,
        **_approach(found.cost, "cheaper retrieval", requests=requests),
    }}


def _upkeep(e: est.Estimate, name: str) -> dict[str, Any]:
    """A fine-tuned approach's cost of keeping it, a month beyond its bill: the engineering
    it needs and a month's share of its yearly retraining (what a saving is net of)."""
    if name not in est.FINE_TUNED:
        return {}
    return {"upkeep_monthly_usd": usd(e.upkeep_of(name), f"{name} upkeep")}


def _changes(e: est.Estimate) -> list[dict[str, Any]]:
    """Every dated change inside the first year that the figures include."""
    order = list(e.approaches)
    found = []
    for change in e.changes:
        after = {
            name: usd(change.monthly_after[name], f"{name} after {change.day}")
            for name in order
            if name in change.monthly_after
        }
        found.append(
            {
                "date": _day(change.day),
                "model": change.model,
                "what": change.what,
                "monthly_usd_after": next(iter(after.values()), None),
                "approaches_after": after,
            }
        )
    return found


def _platform(p: Any, requests: Decimal) -> dict[str, Any]:
    figures = _approach(p.cost, p.model.id, requests=requests)
    ft = p.model.fine_tuning
    return {
        "id": p.model.id,
        "provider": ft.provider if ft else p.model.provider,
        "model": p.model.label,
        "serving": ft.serving if ft else "",
        "open_until": _day(p.open_until),
        "monthly_usd": figures["monthly_usd"],
        "one_time_usd": figures["one_time_usd"],
        "first_year_usd": figures["first_year_usd"],
        "unverified": list(p.unverified),
        "production": p.status.production,
        "stops_on": _day(p.stops),
        "then": None if p.then is None else p.then.id,
    }


def _rule(rule: Any) -> dict[str, Any] | None:
    if rule is None:
        return None
    origin = load_catalog().source(rule.source)
    return {
        "min_prefix_tokens": rule.min_prefix_tokens,
        "retention_minutes": [r.minutes for r in rule.retention],
        "source": None if origin is None else origin.name,
        "url": None if origin is None else origin.url,
        "as_of": None if origin is None else _day(origin.as_of),
        "unverified": list(rule.unverified),
    }


def _caching(e: est.Estimate) -> dict[str, Any]:
    plans = {}
    for name, plan in e.caching.items():
        plans[name] = {
            "cached_tokens": plan.cached_tokens,
            "hit_rate": rounded(plan.hit_rate, 4),
            "retention_minutes": None if plan.retention is None else plan.retention.minutes,
            "not_cached_because": plan.why_not or None,
        }
    return {
        "assumed": any(plan.cached_tokens for plan in e.caching.values()),
        "traffic_hours_per_day": load_catalog().assumptions.traffic_hours_per_day,
        "approaches": plans,
        "rules": {which: _rule(rule) for which, rule in e.cache_rules.items()},
    }


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()  # %Y drops zeros: year 1 is "1"


def _target(e: est.Estimate, requests: Decimal) -> dict[str, Any] | None:
    """The model fine-tuned, what it is to the model prompted, the rule that chose it, and
    what prompting it would cost: fine-tuning's like-for-like baseline."""
    target, c = e.target, e.comparison
    if target is None:
        return None
    model = target.model
    baseline = {} if c is None else c.baseline.costs
    return {
        "model": "custom" if model is None else model.id,
        "name": "your model" if model is None else model.label,
        "prompted_name": "your model" if model is None else model.as_prompted,
        "relation": target.relation,
        "why": target.why,
        # The same model without a fine-tune: each fine-tuned approach's baseline.
        **{
            key: None if name not in baseline else _approach(baseline[name], key, None, requests)
            for key, name in (("prompting", "prompt_engineering"), ("rag", "rag"))
        },
    }


def _prices_data() -> dict[str, Any]:
    from advisor.costs.prices import genai_data

    info = load_catalog().price_data
    released = None if info is None else info.releases.get(genai_data.package_version())
    return genai_data.describe(released)


def _split(e: est.Estimate) -> dict[str, float] | None:
    c = e.comparison
    if c is None:
        return None
    return {
        "model_switch_usd": usd(c.model_switch, "model switch"),
        "fine_tuning_usd": usd(c.savings, "fine-tuning's saving"),
    }


def costs_section(e: est.Estimate) -> dict[str, Any]:
    i = e.inputs
    status = e.ft_status
    requests = i.requests_per_day * load_catalog().assumptions.days_per_month
    assumptions: dict[str, Any] = {
        "today": _day(e.today),
        "days_per_month": load_catalog().assumptions.days_per_month,
        "hours_per_month": load_catalog().assumptions.hours_per_month,
        "requests_per_day": float(i.requests_per_day)
        if i.requests_per_day != i.requests_per_day.to_integral_value()
        else int(i.requests_per_day),
        "prompt_tokens": i.prompt_tokens,
        "ft_prompt_tokens": i.ft_prompt_tokens,
        "hybrid_prompt_tokens": i.hybrid_prompt_tokens,
        "output_tokens": i.output_tokens,
        "retrieved_tokens": i.retrieved_tokens,
        "query_embedding_tokens": i.query_tokens,
        "documents_tokens": i.documents_tokens,
        "reembed_every_days": i.reembed_every_days,
        "vector_store": i.vector_store,
        "training_examples": i.examples_priced,
        "tokens_per_example": i.tokens_per_example,
        "epochs": e.training_epochs or i.epochs,  # the platform's own default where it has one
        "training_runs": i.training_runs,
        "fixed_prompt_tokens": i.fixed_prompt_tokens,
        "batch": i.batch,
        "training_tokens_per_run": e.training_tokens_per_run,
        "training_usd_per_run": None
        if e.training_per_run is None
        else usd(e.training_per_run, "training per run"),
        "prompt_caching": any(plan.cached_tokens for plan in e.caching.values()),
        "ft_upkeep_monthly_usd": usd(e.upkeep_monthly, "upkeep"),
        "from_catalog_defaults": list(e.defaulted),
        "notes": list(e.notes),
    }
    cheaper = None
    if e.cheaper is not None:
        cheaper = {
            "model": e.cheaper.model.id,
            "name": e.cheaper.model.label,
            **_approach(e.cheaper.cost, "cheaper fine-tune", requests=requests),
            "monthly_savings_usd": usd(e.cheaper.savings, "cheaper fine-tune savings"),
        }
    return {
        "model": "custom" if e.model is None else e.model.id,
        "model_name": "custom prices" if e.model is None else e.model.label,
        "fine_tune_model": "custom" if status is None else status.model.id,
        "fine_tune_model_name": "custom prices" if status is None else status.model.label,
        "prices_as_of": _day(e.today),
        "assumptions": assumptions,
        "prices_used": [
            {
                "item": p.item,
                "usd": float(_finite(p.usd, p.item)),
                "per": p.per,
                "source": p.source,
                "url": p.url,
                "as_of": _day(p.as_of),
                **({"note": p.note} if p.note else {}),
                **({} if p.verified else {"unverified": True}),
            }
            for p in e.prices_used
        ],
        "approaches": {
            name: None if cost is None else {
                **_approach(cost, name, e.without_caching.get(name), requests),
                **_upkeep(e, name),
            }
            for name, cost in e.approaches.items()
        },
        "caching": _caching(e),
        "batch": {"asked": i.batch, **e.batch},
        "unavailable": {**dict(e.unavailable), **dict(e.closed_platforms)},
        "platforms_not_priced": [
            key for key, _ in e.closed_platforms if _open_but_not_priced(key, e)
        ],
        "fine_tuning_platforms": [_platform(p, requests) for p in e.platforms],
        "fine_tune_priced_on": None
        if not e.fine_tune_elsewhere
        else {"asked_for": e.requested.id if e.requested else None, "why": e.fine_tune_elsewhere},
        "cheaper_prompting": None
        if e.cheaper_prompting is None
        else {
            "model": e.cheaper_prompting.model.id,
            "name": e.cheaper_prompting.model.label,
            **_approach(e.cheaper_prompting.cost, "cheaper prompting", requests=requests),
        },
        **_cheaper_retrieval(e, requests),
        "prices_data": _prices_data(),
        "fine_tune_target": _target(e, requests),
        "price_changes": _changes(e),
        "saving_split": _split(e),
        "fine_tuning_monthly_savings_usd": None
        if e.savings is None
        else usd(e.savings, "fine-tuning savings"),
        "fine_tuning_monthly_savings_without_caching_usd": None
        if e.savings_without_caching is None
        else usd(e.savings_without_caching, "fine-tuning savings without caching"),
        "break_even_months": None
        if e.payback_months is None
        else _rounded(e.payback_months, 2, "break-even months"),
        "break_even_requests_per_day": None
        if e.break_even_requests_per_day is None
        else int(_finite(e.break_even_requests_per_day, "break-even volume")),
        "cheaper_fine_tune": cheaper,
    }


def _open_but_not_priced(platform_id: str, e: est.Estimate) -> bool:
    """A platform open to fine-tune whose price is not known: listed apart from closed ones."""
    model = load_catalog().models.get(platform_id)
    if model is None or model.fine_tuning is None or model.fine_tuning.priced:
        return False
    return lifecycle.fine_tune_status(model, e.today, e.inputs.access).open


def target_warning(e: est.Estimate) -> str:
    """When the fine-tune priced is not of the model prompted, or not where it was asked
    for: what it is instead, and why, in a sentence or two."""
    from advisor.costs.estimate import targets

    target = e.target
    if target is None or target.model is None or not e.fine_tune_elsewhere:
        return ""
    chosen, requested, reason = target.model, e.requested, target.not_usable
    said = []
    if e.ft_asked and requested is not None and requested.id != chosen.id:
        said.append(f"Fine-tuning {requested.label}, as you asked, is not an option: {reason}.")
    elif reason:
        names = [m.label for m in (e.model, requested) if m is not None]
        named = any(reason.startswith(name) for name in names)  # 'gpt-oss-120b' stays so
        said.append((reason if named else reason[0].upper() + reason[1:]) + ".")
    if target.relation == targets.SAME_MODEL:
        said.append(f"The fine-tune in these figures is of the same model, on {chosen.label}.")
    else:
        model = "your model" if e.model is None else e.model.label
        said.append(
            f"The fine-tune in these figures is of {chosen.label} [{chosen.id}], "
            f"{targets.relation_words(target.relation, model)}: its quality on your task is "
            "unknown until it passes your test set."
        )
    return " ".join(said)


def monthly_for_answers(answers: Mapping[str, Any], today: date) -> dict[str, float] | None:
    """Each approach's `monthly_usd` exactly as the costs section gives it (None when the
    flow asks nothing to price): what `advisor replay` compares, without building the
    rest of the section or the warnings."""
    if not est.ready(answers):
        return None
    return dict(est.priced(answers, today).kept("monthly_usd", _monthly))


def _monthly(e: est.Estimate) -> dict[str, float]:
    return {
        name: usd(cost.monthly, f"{name} monthly")
        for name, cost in e.approaches.items()
        if cost is not None
    }


def for_answers(
    answers: Mapping[str, Any], today: date, components: Sequence[str]
) -> tuple[dict[str, Any] | None, list[str]]:
    """The costs section (None when the flow asks nothing to price) and the warnings."""
    if not est.ready(answers):
        return None, []
    e = est.estimate(answers, today)
    catalog = load_catalog()
    examples = answers.get("examples")
    considered = "fine_tuning" in components or (
        isinstance(examples, int) and examples >= catalog.assumptions.min_priced_examples
    )
    warnings = lifecycle.warnings(
        catalog,
        today,
        e.model,
        e.ft_status,
        considered,
        access=e.inputs.access,
        moved=target_warning(e),
    )
    from advisor.costs.prices.genai_data import staleness

    old = staleness(today)
    if old:
        warnings.append(old)
    return costs_section(e), list(dict.fromkeys(warnings))
