"""Every assumption of an estimate, in words: what the report's `assumptions.notes` say."""

from decimal import Decimal

from advisor.costs.caching import Caching
from advisor.costs.inputs import Inputs
from advisor.costs.pricers import FineTunePrices
from advisor.costs.records import CacheRule, Catalog

_NAMES = {
    "prompt_engineering": "prompt engineering",
    "rag": "RAG",
    "fine_tuning": "fine-tuning",
    "hybrid": "the hybrid",
    "rag_fine_tuning": "RAG plus fine-tuning",
}


def money(value: Decimal) -> str:
    return f"${value:,.2f}"


def percent(share: Decimal) -> str:
    """A share in words, never rounding a near-certainty up to "100%" or a chance to 0%."""
    value = share * 100
    if 99 < value < 100:
        return "over 99%"
    if 0 < value < 1:
        return "under 1%"
    return f"{value:.0f}%"


def _caching(
    catalog: Catalog, plans: dict[str, Caching], rules: dict[str, CacheRule | None]
) -> list[str]:
    hours = catalog.assumptions.traffic_hours_per_day
    cached = {name: plan for name, plan in plans.items() if plan.cached_tokens}
    if not cached:
        why = plans["prompt_engineering"].why_not
        return [f"No prompt caching is assumed: {why}."]
    parts = []
    for name, plan in cached.items():
        minutes = plan.retention.minutes if plan.retention else 0
        parts.append(
            f"{_NAMES[name]} {plan.cached_tokens:,} tokens, read from the cache on "
            f"{percent(plan.hit_rate)} of requests ({minutes}-minute cache)"
        )
    out = [
        "Prompt caching: the part of each prompt that repeats on every request is billed "
        "at the provider's cached-input price when it is read back from the cache, and as "
        "a cache write when it has expired; requests are taken as spread evenly over "
        f"{hours} hours a day. Cached: " + "; ".join(parts) + "."
    ]
    uncached = [name for name in plans if name not in cached]
    if uncached:
        out.append(
            "Not cached: " + "; ".join(f"{_NAMES[n]} ({plans[n].why_not})" for n in uncached) + "."
        )
    for which, rule in rules.items():
        if rule is None:
            continue
        source = catalog.source(rule.source)
        name = source.name if source else rule.source
        unverified = (
            f" (not confirmed by a primary source: {', '.join(rule.unverified)})"
            if rule.unverified
            else ""
        )
        label = "the base model" if which == "base" else "the fine-tuned model"
        out.append(
            f"Caching rules for {label}: at least {rule.min_prefix_tokens:,} tokens, "
            + " or ".join(f"{r.minutes}-minute" for r in rule.retention)
            + f" cache; {name}{unverified}."
        )
        if rules.get("base") == rules.get("fine_tuned"):
            break
    return out


def _batch(
    inputs: Inputs, batch: dict[str, bool], ft: FineTunePrices | None, custom: bool
) -> list[str]:
    if not inputs.batch:
        return []
    if custom:
        return ["The answers can wait, but the prices are the ones you entered: no batch tier."]
    out = []
    if batch["base"]:
        out.append("The answers can wait: prompting is priced at the provider's batch tier.")
    else:
        out.append(
            "The answers can wait, but the price data lists no batch tier for this model: "
            "prompting is priced at standard rates."
        )
    if ft is not None:
        if batch["fine_tuned"]:
            out.append("The fine-tuned model is priced at its batch tier too.")
        else:
            out.append(
                "The price data lists no batch tier for the fine-tuned model: it is priced at "
                "standard rates."
            )
    return out


def assumptions(
    catalog: Catalog,
    inputs: Inputs,
    ft: FineTunePrices | None,
    plans: dict[str, Caching],
    rules: dict[str, CacheRule | None],
    batch: dict[str, bool],
    store_monthly: Decimal,
    custom: bool,
) -> list[str]:
    a = catalog.assumptions
    days, hours = a.days_per_month, a.hours_per_month
    store = catalog.vector_stores[inputs.vector_store]
    notes = [
        f"A month is {days} days, as in the source article; hourly fees run {hours} hours "
        "a month. First year = one-time costs + 12 months.",
        f"Prompt engineering sends the full prompt ({inputs.prompt_tokens:,} tokens, of which "
        f"{inputs.fixed_prompt_tokens:,} are the same on every request) with every request; "
        f"every approach gets {inputs.output_tokens:,} output tokens back.",
        f"A fine-tuned model gets a short prompt of {inputs.ft_prompt_tokens:,} tokens; the "
        f"hybrid keeps the task-specific instructions in it: {inputs.hybrid_prompt_tokens:,} "
        "tokens, halfway between the short and the full prompt. A fine-tune removes the "
        "fixed instructions and examples first.",
        f"RAG adds {inputs.retrieved_tokens:,} tokens of retrieved context to every prompt "
        f"(default: {a.retrieved_chunks} passages of {a.chunk_tokens} tokens), embeds each "
        f"query ({inputs.query_tokens:,} tokens, the short prompt) and the "
        f"{inputs.documents_tokens:,}-token document collection, re-embedded in full every "
        f"{inputs.reembed_every_days} day{'s' if inputs.reembed_every_days != 1 else ''} "
        f"(knowledge that changes {inputs.knowledge_change}).",
        f"Vector store and re-embedding: {store.label}; {money(store_monthly)} a month at "
        "this volume.",
        f"Training: {inputs.examples_priced:,} examples × {inputs.tokens_per_example:,} "
        f"tokens × {inputs.epochs} epochs (OpenAI's automatic rule: 3, more for small data "
        f"sets, fewer above {catalog.epochs.max_target_examples // catalog.epochs.target:,} "
        f"examples) per run, and {inputs.training_runs} training runs (real projects run "
        "3–5). RAG plus fine-tuning trains on examples that carry the retrieved context.",
    ]
    if inputs.examples_given is not None and inputs.examples_given < a.min_priced_examples:
        notes.append(
            f"You have {inputs.examples_given:,} examples; fine-tuning is priced for "
            f"{a.min_priced_examples:,}, the recommended minimum."
        )
    if ft is not None and ft.hosting_per_hour:
        notes.append(
            f"The fine-tuned model costs {money(ft.hosting_per_hour)} an hour to host "
            f"({money(ft.hosting_per_hour * hours)} a month), whatever the traffic."
        )
    notes += _caching(catalog, plans, rules)
    notes += _batch(inputs, batch, ft, custom)
    notes.append(
        f"A fine-tune in production is budgeted {a.ft_upkeep_hours_per_month} hours of "
        f"engineering a month at {money(a.engineering_hour_usd)} an hour "
        f"({money(a.ft_upkeep_monthly)}) for re-testing, retraining and watching its base "
        "model: a fine-tune chosen to save money must save more than that. It is not in the "
        "table's figures."
    )
    notes.append(
        "Break-even volume: the requests a day at which fine-tuning's first-year cost "
        "(training included) equals prompt engineering's."
    )
    return notes
