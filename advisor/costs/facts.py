"""Money and lifecycle as facts the flow can route on and quote.

The flow only names these facts (`{ft_monthly_savings_usd}` in a reason, a route `when`
`ft_monthly_savings_usd > 0`); this provider computes them from the answers with the same
estimate the report's costs table shows. Importing this module is cheap: the catalog and
prices are read only once the answers reach the model question.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from advisor.facts import Context, FactSpec

SPECS: tuple[FactSpec, ...] = (
    FactSpec(
        "example_tokens_estimate",
        "number",
        "tokens in one training example if it holds the short prompt and the answer",
    ),
    FactSpec(
        "fixed_prompt_estimate",
        "number",
        "tokens of the prompt that repeat on every request, if they are what a fine-tune "
        "would remove",
    ),
    FactSpec("default_model", "text", "the model offered first: current, and lasting"),
    FactSpec(
        "example_cost_estimate",
        "usd",
        "what collecting or reviewing one training example costs: more where the need is "
        "domain knowledge",
    ),
    FactSpec(
        "ft_access_rule_applies",
        "bool",
        "the platform asked for takes only some customers today (OpenAI: those that ran "
        "fine-tuned inference in the last 60 days)",
    ),
    FactSpec("ft_self_hosted", "bool", "the platform asked for is self-hosting on rented GPUs"),
    FactSpec("gpu_hour_estimate", "usd", "a rented GPU by the hour, from the catalog"),
    FactSpec("ft_first_year_usd", "usd", "the fine-tune's first year, every cost included"),
    FactSpec("cheaper_prompting_model", "text", "a current model that, prompted, costs less"),
    FactSpec("cheaper_prompting_first_year_usd", "usd", "that model's first year, prompted"),
    FactSpec(
        "default_ft_model",
        "text",
        "the fine-tune offered first: the model itself where it can be fine-tuned, else the "
        "open platform that costs least for these answers",
    ),
    FactSpec("model_name", "text", "the model prompted, by name"),
    FactSpec("model_retired", "bool", "whether that model is shut down as of today"),
    FactSpec("model_retires_on", "text", "the day that model shuts down, if announced"),
    FactSpec("model_successor", "text", "the model suggested in its place"),
    FactSpec("today", "text", "the date the advice is for (advisor run --today)"),
    FactSpec("monthly_prompting_usd", "usd", "prompt engineering, per month"),
    FactSpec("monthly_rag_usd", "usd", "retrieval (RAG), per month"),
    FactSpec("monthly_fine_tuned_usd", "usd", "the fine-tuned model, per month"),
    FactSpec(
        "ft_monthly_savings_usd",
        "usd",
        "what fine-tuning saves a month against prompting (negative: it costs more)",
    ),
    FactSpec("ft_extra_monthly_usd", "usd", "what fine-tuning costs a month more than prompting"),
    FactSpec("ft_one_time_usd", "usd", "data, evaluation and training, all runs"),
    FactSpec(
        "ft_monthly_savings_uncached_usd",
        "usd",
        "what fine-tuning would save a month if nothing were cached",
    ),
    FactSpec("ft_upkeep_monthly_usd", "usd", "engineering a fine-tune in production needs a month"),
    FactSpec(
        "ft_net_monthly_savings_usd", "usd", "fine-tuning's monthly saving less its upkeep"
    ),
    FactSpec(
        "ft_saving_lost_to_caching",
        "bool",
        "fine-tuning would pay for its upkeep at list prices but not once the provider "
        "caches the repeated prompt",
    ),
    FactSpec("prompt_caching", "bool", "whether any part of the prompt is billed as cached"),
    FactSpec("cached_prompt_tokens", "number", "tokens of each prompt billed as cached"),
    FactSpec("cache_hit_rate_percent", "number", "requests that read the prefix from the cache"),
    FactSpec("input_price_per_1m", "usd", "the model's input price per 1M tokens"),
    FactSpec("cached_input_price_per_1m", "usd", "its cached-input price per 1M tokens"),
    FactSpec(
        "prompt_caching_saves_usd", "usd", "what caching saves prompt engineering a month"
    ),
    FactSpec("monthly_prompting_uncached_usd", "usd", "prompt engineering, nothing cached"),
    FactSpec("batch_priced", "bool", "prompting is priced at the provider's batch tier"),
    FactSpec("training_usd_per_run", "usd", "one training run"),
    FactSpec("ft_hosting_monthly_usd", "usd", "the fine-tuned model's hosting fee per month"),
    FactSpec("break_even_months", "months", "months until fine-tuning repays its training"),
    FactSpec(
        "break_even_requests_per_day",
        "number",
        "daily volume at which fine-tuning's first year costs what prompting's does",
    ),
    FactSpec(
        "break_even_times_volume",
        "number",
        "that volume as a multiple of today's (whole times; none at no volume)",
    ),
    FactSpec(
        "ft_pays_back",
        "bool",
        "fine-tuning saves more than its upkeep, repays its training from that within a year, "
        "and before its base model retires",
    ),
    FactSpec("ft_model_name", "text", "the model to fine-tune, by name"),
    FactSpec("ft_provider", "text", "where it would be fine-tuned"),
    FactSpec("ft_available", "bool", "whether that model can be fine-tuned there today"),
    FactSpec("ft_unavailable_reason", "text", "why it cannot, in words"),
    FactSpec("ft_closes_on", "text", "the last day new fine-tuning jobs are taken"),
    FactSpec("ft_days_to_close", "number", "days from today until then"),
    FactSpec("ft_retires_on", "text", "the day the fine-tune stops working with its base model"),
    FactSpec("ft_days_to_retire", "number", "days from today until then"),
    FactSpec("ft_alternatives", "text", "where fine-tuning remains available"),
    FactSpec(
        "ft_priced_elsewhere",
        "bool",
        "the model prompted cannot be fine-tuned, so another is priced as the fine-tune",
    ),
    FactSpec("ft_elsewhere_reason", "text", "why, and which model is priced instead"),
    FactSpec("ft_cheaper_model", "text", "a smaller model whose fine-tune costs less"),
    FactSpec("ft_cheaper_monthly_usd", "usd", "that fine-tune, per month"),
    FactSpec(
        "ft_cheaper_savings_usd", "usd", "what that fine-tune saves a month against prompting"
    ),
)

def _usd(value: Decimal) -> float:
    from advisor.costs.model import rounded

    return rounded(value, 2)


def _requested_platform(facts: Mapping[str, Any], catalog: Any) -> Any:
    """The platform the answers so far ask to fine-tune on, if any (no pricing needed)."""
    from advisor.costs import models, platforms
    from advisor.errors import BadInput

    choice = facts.get("ft_model")
    named = facts.get("model") if choice in (None, "same") else choice
    if not isinstance(named, str) or named == "custom":
        return None
    try:
        return platforms.platform_for(models.model_for(named, catalog), catalog)
    except BadInput:
        return None


class CostFacts:
    specs = SPECS

    def compute(self, facts: Mapping[str, Any], context: Context) -> Mapping[str, Any]:
        from advisor.costs import estimate as est
        from advisor.costs.catalog import load_catalog
        from advisor.costs.models import default_model

        catalog = load_catalog()
        out: dict[str, Any] = {"today": f"{context.today.isoformat()}"}
        default = default_model(catalog, context.today)
        if default is not None:
            out["default_model"] = default
        need = facts.get("need")
        a = catalog.assumptions
        expert = isinstance(need, list) and "domain" in need
        out["example_cost_estimate"] = float(
            a.expert_example_cost_usd if expert else a.example_cost_usd
        )
        from advisor.costs import lifecycle

        requested = _requested_platform(facts, catalog)
        own = _requested_platform({**facts, "ft_model": None}, catalog)
        out["ft_access_rule_applies"] = any(
            lifecycle.access_rule_applies(p, context.today) for p in (requested, own)
        )
        ft = requested.fine_tuning if requested is not None else None
        out["ft_self_hosted"] = ft is not None and ft.serving == "self_hosted"
        out["gpu_hour_estimate"] = float(a.gpu_hour_usd)
        prompt = facts.get("prompt_tokens")
        if isinstance(prompt, int) and not isinstance(prompt, bool) and prompt > 0:
            from advisor.costs.model import share_of

            a = catalog.assumptions
            short = facts.get("ft_prompt_tokens") or share_of(prompt, a.ft_prompt_share)
            output = facts.get("output_tokens")
            out["example_tokens_estimate"] = short + (a.output_tokens if output is None else output)
            out["fixed_prompt_estimate"] = max(prompt - short, 0)
        if not est.ready(facts):
            return out
        e = est.estimate(facts, context.today)
        found = _MONEY.get(id(e))
        if found is None or found[0] is not e:  # the estimate is kept, so its id is its own
            if len(_MONEY) > 4096:
                _MONEY.clear()
            found = _MONEY[id(e)] = (e, money_facts(e))
        out.update(found[1])
        return out


_MONEY: dict[int, tuple[Any, dict[str, Any]]] = {}


def money_facts(e: Any) -> dict[str, Any]:
    """The derived facts of an estimate."""
    from advisor.costs import lifecycle
    from advisor.costs.catalog import load_catalog

    catalog = load_catalog()
    out: dict[str, Any] = {}
    model = e.model
    if model is None:
        out["model_name"] = "your model"
        out["model_retired"] = False
    else:
        from advisor.costs.models import successor as find_successor

        out["model_name"] = model.label
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
    prompting = e.approaches["prompt_engineering"]
    out["monthly_prompting_usd"] = _usd(prompting.monthly)
    out["monthly_rag_usd"] = _usd(e.approaches["rag"].monthly)
    uncached = e.without_caching["prompt_engineering"]
    out["monthly_prompting_uncached_usd"] = _usd(uncached.monthly)
    out["prompt_caching_saves_usd"] = _usd(max(uncached.monthly - prompting.monthly, Decimal(0)))
    plan = e.caching["prompt_engineering"]
    out["prompt_caching"] = any(p.cached_tokens for p in e.caching.values())
    out["cached_prompt_tokens"] = plan.cached_tokens
    out["cache_hit_rate_percent"] = round(float(plan.hit_rate) * 100, 1)
    rates = e.base_rates
    out["input_price_per_1m"] = float(rates.prices.input)
    if rates.prices.cached is not None:
        out["cached_input_price_per_1m"] = float(rates.prices.cached)
    out["batch_priced"] = e.batch["base"]
    out["ft_upkeep_monthly_usd"] = _usd(e.upkeep_monthly)

    status = e.ft_status
    if status is None:
        out["ft_model_name"] = "model at your prices"  # read as "a fine-tuned {ft_model_name}"
        out["ft_provider"] = "your provider"
        out["ft_available"] = True
        provider = ""
    else:
        ft = status.model.fine_tuning
        provider = ft.provider if ft else status.model.provider
        out["ft_model_name"] = status.model.label
        out["ft_provider"] = provider
        out["ft_available"] = status.available
        if status.reason:
            out["ft_unavailable_reason"] = status.reason
        if status.closes is not None:
            out["ft_closes_on"] = f"{status.closes.isoformat()}"
            out["ft_days_to_close"] = status.days_to_close
        if status.retires is not None:
            out["ft_retires_on"] = f"{status.retires.isoformat()}"
            out["ft_days_to_retire"] = status.days_to_retire
    out["ft_alternatives"] = lifecycle.describe_places(
        lifecycle.open_elsewhere(catalog, e.today, provider, e.inputs.access)
    )

    tuned = e.approaches.get("fine_tuning")
    if tuned is None:
        return out
    from advisor.costs.model import reported_totals

    out["monthly_fine_tuned_usd"] = _usd(tuned.monthly)
    one_time, first_year = reported_totals(tuned)
    out["ft_first_year_usd"] = _usd(first_year)
    if e.cheaper_prompting is not None:
        out["cheaper_prompting_model"] = e.cheaper_prompting.model.label
        out["cheaper_prompting_first_year_usd"] = _usd(
            reported_totals(e.cheaper_prompting.cost)[1]
        )
    out["ft_one_time_usd"] = _usd(one_time)
    platform = e.ft_status.model if e.ft_status is not None else None
    storage = platform.fine_tuning.storage_per_month if platform and platform.fine_tuning else 0
    out["ft_hosting_monthly_usd"] = _usd(tuned.fixed_monthly - storage)  # storage is no hosting
    if e.training_per_run is not None:
        out["training_usd_per_run"] = _usd(e.training_per_run)
    savings = e.savings
    out["ft_monthly_savings_usd"] = _usd(savings)
    out["ft_extra_monthly_usd"] = _usd(max(-savings, Decimal(0)))
    out["ft_net_monthly_savings_usd"] = _usd(savings - e.upkeep_monthly)
    if e.savings_without_caching is not None:
        out["ft_monthly_savings_uncached_usd"] = _usd(e.savings_without_caching)
        out["ft_saving_lost_to_caching"] = (
            e.savings_without_caching > e.upkeep_monthly >= savings
        )
    if e.payback_months is not None:
        from advisor.costs.model import rounded

        out["break_even_months"] = rounded(e.payback_months, 2)
    if e.break_even_requests_per_day is not None:
        out["break_even_requests_per_day"] = int(e.break_even_requests_per_day)
        volume = e.inputs.requests_per_day
        if volume > 0:
            out["break_even_times_volume"] = int(e.break_even_requests_per_day / volume)
    out["ft_pays_back"] = pays_back(e, catalog.assumptions.payback_months)
    if e.cheaper is not None:
        out["ft_cheaper_model"] = e.cheaper.model.label
        out["ft_cheaper_monthly_usd"] = _usd(e.cheaper.cost.monthly)
        out["ft_cheaper_savings_usd"] = _usd(e.cheaper.savings)
    return out


def pays_back(e: Any, within_months: int) -> bool:
    """Saves more than its upkeep, repays its one-time cost from what is left within
    `within_months`, and before the fine-tune dies with its base model."""
    if e.savings is None:
        return False
    net = e.savings - e.upkeep_monthly
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


PROVIDER = CostFacts()
