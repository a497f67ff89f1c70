"""The money facts of one estimate, as the flow routes on and quotes them: what prompting,
retrieval and the fine-tune cost, like for like, with the move to another model apart, and
the recommended approach's own figures (advisor.costs.flow_facts.provider says when they
are worked out)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def _usd(value: Decimal) -> float:
    from advisor.costs.estimate.arithmetic import rounded

    return rounded(value, 2)


def money_facts(e: Any, late: bool = True) -> dict[str, Any]:
    """The derived facts of an estimate (the LATE ones only when `late`)."""
    from advisor.costs.prices import lifecycle
    from advisor.costs.prices.catalog import load_catalog

    catalog = load_catalog()
    out: dict[str, Any] = {}
    model = e.model
    if model is None:
        out["model_name"] = out["model_in_year"] = "your model"
        out["model_retired"] = False
    else:
        from advisor.costs.prices.model_lookup import successor as find_successor

        out["model_name"] = model.label
        out["model_in_year"] = _with_successor(e)
        out["model_retired"] = lifecycle.is_retired(model, e.today)
        if model.retires is not None:
            out["model_retires_on"] = f"{model.retires.isoformat()}"
        successor = find_successor(model, catalog, e.today)
        if successor is not None:
            out["model_successor"] = successor.label
    if e.fine_tune_default is not None:
        out["default_ft_model"] = e.fine_tune_default
    out["ft_priced_elsewhere"] = bool(e.fine_tune_elsewhere)
    if e.fine_tune_elsewhere:
        out["ft_elsewhere_reason"] = e.fine_tune_elsewhere.rstrip(".")
    out.update(_prompting_facts(e))
    out.update(_knowledge_facts(e))
    out["ft_upkeep_monthly_usd"] = _usd(e.upkeep_of("fine_tuning"))
    out.update(_status_facts(e, catalog))
    tuned = e.approaches.get("fine_tuning")
    if tuned is None or e.comparison is None:
        return out
    out.update(_fine_tune_facts(e, tuned, catalog, late))
    return out


def _prompting_facts(e: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    # Every "a month" of the reasons is a month of the first year as billed: this month's
    # figure where nothing changes in the year, the year's average where something does.
    prompting = e.approaches["prompt_engineering"]
    out["monthly_prompting_usd"] = _usd(prompting.average_month)
    out["monthly_rag_usd"] = _usd(e.approaches["rag"].average_month)
    uncached = e.without_caching["prompt_engineering"]
    out["monthly_prompting_uncached_usd"] = _usd(uncached.average_month)
    saved = uncached.average_month - prompting.average_month
    out["prompt_caching_saves_usd"] = _usd(max(saved, Decimal(0)))
    out["prices_change_in_year"] = bool(e.changes)
    plan = e.caching["prompt_engineering"]
    out["prompt_caching"] = any(p.cached_tokens for p in e.caching.values())
    out["cached_prompt_tokens"] = plan.cached_tokens
    out["cache_hit_rate_percent"] = round(float(plan.hit_rate) * 100, 1)
    if e.prompting_all_misses is not None:
        out["monthly_prompting_all_misses_usd"] = _usd(e.prompting_all_misses)
    rates = e.base_rates
    out["input_price_per_1m"] = float(rates.prices.input)
    if rates.prices.cached is not None:
        out["cached_input_price_per_1m"] = float(rates.prices.cached)
    out["batch_priced"] = e.batch["base"]
    return out


def _knowledge_facts(e: Any) -> dict[str, Any]:
    i = e.inputs
    if not i.knowledge_needed:
        return {}
    out: dict[str, Any] = {
        "collection_tokens": i.documents_tokens,
        "knowledge_fits_prompt": i.knowledge_fits,
    }
    costs = e.approaches
    prompting, rag = costs["prompt_engineering"], costs["rag"]
    out["knowledge_prompt_cheaper"] = prompting.average_month <= rag.average_month
    tuned, rag_tuned = costs.get("fine_tuning"), costs.get("rag_fine_tuning")
    if tuned is not None and rag_tuned is not None:
        out["ft_knowledge_prompt_cheaper"] = tuned.average_month <= rag_tuned.average_month
    return out


def _status_facts(e: Any, catalog: Any) -> dict[str, Any]:
    from advisor.costs.prices import lifecycle

    out: dict[str, Any] = {}
    status = e.ft_status
    if status is None:
        out["ft_model_name"] = "model at your prices"  # read as "a fine-tuned {ft_model_name}"
        out["ft_prompted_name"] = "your model"
        out["ft_provider"] = "your provider"
        out["ft_available"] = True
        provider = ""
    else:
        ft = status.model.fine_tuning
        provider = ft.provider if ft else status.model.provider
        out["ft_model_name"] = status.model.label
        out["ft_prompted_name"] = status.model.as_prompted
        out["ft_provider"] = provider
        out["ft_available"] = status.available
        out["ft_open_weights"] = status.model.open_weights
        if status.reason:
            out["ft_unavailable_reason"] = status.reason
        if status.closes is not None:
            out["ft_closes_on"] = f"{status.closes.isoformat()}"
            out["ft_days_to_close"] = status.days_to_close
        if status.retires is not None:
            out["ft_retires_on"] = f"{status.retires.isoformat()}"
            out["ft_days_to_retire"] = status.days_to_retire
    if e.target is not None:
        out["ft_target_relation"] = e.target.relation
        out["ft_same_model"] = e.same_model
    out["ft_alternatives"] = lifecycle.describe_places(
        lifecycle.open_elsewhere(catalog, e.today, provider, e.inputs.access)
    )
    return out


def _fine_tune_facts(e: Any, tuned: Any, catalog: Any, late: bool) -> dict[str, Any]:
    from advisor.costs.estimate.arithmetic import reported_totals, rounded

    out: dict[str, Any] = {}
    c = e.comparison
    out["monthly_fine_tuned_usd"] = _usd(tuned.average_month)
    one_time, first_year = reported_totals(tuned)
    out["ft_first_year_usd"] = _usd(first_year)
    prompted = e.cheaper_prompting if late else None
    if prompted is not None:
        out["cheaper_prompting_model"] = prompted.model.label
        out["cheaper_prompting_first_year_usd"] = _usd(reported_totals(prompted.cost)[1])
    out["ft_one_time_usd"] = _usd(one_time)
    platform = e.ft_status.model if e.ft_status is not None else None
    storage = platform.fine_tuning.storage_per_month if platform and platform.fine_tuning else 0
    out["ft_hosting_monthly_usd"] = _usd(tuned.fixed_monthly - storage)  # storage is no hosting
    if e.training_per_run is not None:
        out["training_usd_per_run"] = _usd(e.training_per_run)
    savings = c.savings
    base = c.baseline.costs["prompt_engineering"]
    out["target_prompting_monthly_usd"] = _usd(base.average_month)
    out["model_switch_usd"] = _usd(c.model_switch)
    out["model_switch_saves_usd"] = _usd(max(c.model_switch, Decimal(0)))
    out["model_switch_costs_usd"] = _usd(max(-c.model_switch, Decimal(0)))
    out["ft_total_savings_usd"] = _usd(c.model_switch + savings)
    out["ft_monthly_savings_usd"] = _usd(savings)
    out["ft_extra_monthly_usd"] = _usd(max(-savings, Decimal(0)))
    upkeep = e.upkeep_of("fine_tuning")
    out["ft_net_monthly_savings_usd"] = _usd(savings - upkeep)
    out["ft_monthly_savings_uncached_usd"] = _usd(c.savings_without_caching)
    out["ft_saving_lost_to_caching"] = c.savings_without_caching > upkeep >= savings
    if c.payback_months is not None:
        out["break_even_months"] = rounded(c.payback_months, 2)
    if late and c.break_even_requests_per_day is not None:
        out["break_even_requests_per_day"] = int(c.break_even_requests_per_day)
        volume = e.inputs.requests_per_day
        if volume > 0:
            out["break_even_times_volume"] = int(c.break_even_requests_per_day / volume)
    out["ft_pays_back"] = pays_back(e, catalog.assumptions.payback_months)
    if e.cheaper is not None:
        out["ft_cheaper_model"] = e.cheaper.model.label
        out["ft_cheaper_monthly_usd"] = _usd(e.cheaper.cost.monthly)
        out["ft_cheaper_savings_usd"] = _usd(e.cheaper.savings)
    return out


REC_LABELS = {
    "fine_tuning": ("the fine-tune", "prompting"),
    "hybrid": ("the hybrid (a fine-tune with the task's instructions in its prompt)", "prompting"),
    "rag_fine_tuning": ("RAG plus fine-tuning", "retrieval with prompts on"),
}


def recommended_facts(e: Any, approach: str, late: bool = True) -> dict[str, Any]:
    """The recommended fine-tuned approach's own figures, each against its like-for-like
    baseline (prompting, or retrieval, on the model it fine-tunes): what a reason or a
    summary about that approach quotes, never the plain fine-tune's."""
    from advisor.costs.estimate.arithmetic import payback_months, reported_totals, rounded
    from advisor.costs.estimate.comparison import BASELINE

    cost = e.approaches.get(approach)
    c = e.comparison
    if approach not in REC_LABELS or cost is None or c is None:
        return {}
    label, verb = REC_LABELS[approach]
    tuned_on = (
        "your model" if e.target is None or e.target.model is None else e.target.model.as_prompted
    )
    yours = "your model" if e.model is None else _with_successor(e)
    baseline = c.baseline.costs[BASELINE[approach]]
    mine = e.approaches[BASELINE[approach]]
    savings = baseline.average_month - cost.average_month
    upkeep = e.upkeep_of(approach)
    one_time, first_year = reported_totals(cost)
    switch = mine.average_month - baseline.average_month
    out: dict[str, Any] = {
        "rec_label": label,
        "rec_baseline": f"{verb} {tuned_on}",
        "rec_baseline_yours": f"{verb} {yours}",
        "rec_monthly_usd": _usd(cost.average_month),
        "rec_baseline_monthly_usd": _usd(baseline.average_month),
        "rec_savings_usd": _usd(savings),
        "rec_extra_monthly_usd": _usd(max(-savings, Decimal(0))),
        "rec_upkeep_monthly_usd": _usd(upkeep),
        "rec_net_savings_usd": _usd(savings - upkeep),
        "rec_one_time_usd": _usd(one_time),
        "rec_model_switch_usd": _usd(switch),
        "rec_model_switch_saves_usd": _usd(max(switch, Decimal(0))),
        "rec_model_switch_costs_usd": _usd(max(-switch, Decimal(0))),
        "rec_total_savings_usd": _usd(switch + savings),
        "rec_total_extra_usd": _usd(max(-(switch + savings), Decimal(0))),
        "rec_first_year_usd": _usd(first_year),
    }
    # Like for like: a fine-tune that retrieves is weighed against retrieval on the cheaper
    # model, never against prompting it without the documents.
    retrieves = BASELINE[approach] == "rag"
    prompted = (e.cheaper_retrieval if retrieves else e.cheaper_prompting) if late else None
    if prompted is not None:
        theirs = reported_totals(prompted.cost)[1]
        if theirs < first_year:
            out["rec_cheaper_prompting_model"] = prompted.model.label
            out["rec_cheaper_prompting_how"] = f"{verb} {prompted.model.label}"
            out["rec_cheaper_prompting_first_year_usd"] = _usd(theirs)
    months = payback_months(cost.one_time, savings - upkeep)  # what is left after upkeep
    if months is not None:
        out["rec_break_even_months"] = rounded(months, 2)
    return out


def _with_successor(e: Any) -> str:
    """The model prompted, and the successor its first year is billed on from the day it
    shuts down, if that is inside the year: what its year's figures are of."""
    from advisor.costs.estimate.firstyear import prompted_in_year
    from advisor.costs.estimate.yearplan import horizon
    from advisor.costs.prices.catalog import load_catalog

    catalog = load_catalog()
    end = horizon(e.today, catalog.assumptions.days_per_month)
    schedule = prompted_in_year(e.model, catalog, e.today, end)
    if len(schedule) < 2 or schedule[1][1] is None:
        return e.model.label
    day, successor = schedule[1]
    return f"{e.model.label} and, from {day.isoformat()}, {successor.label}"


def pays_back(e: Any, within_months: int) -> bool:
    """Saves more than its upkeep (like for like), repays its one-time cost from what is
    left within `within_months`, and before the fine-tune dies with its base model."""
    if e.savings is None:
        return False
    net = e.savings - e.upkeep_of("fine_tuning")
    if net <= 0:
        return False
    tuned = e.approaches.get("fine_tuning")
    months = tuned.one_time / net if tuned is not None else Decimal(0)
    if months > within_months:
        return False
    status = e.ft_status
    if status is not None and status.days_to_retire is not None:
        return months * 30 < status.days_to_retire
    return True
