"""Every assumption of an estimate, in words: what the report's `assumptions.notes` say."""

from decimal import Decimal
from typing import NamedTuple

from advisor.costs.estimate.caching import Caching
from advisor.costs.estimate.inputs import CUSTOM_SOURCE, Inputs
from advisor.costs.prices.pricer_for import FineTunePrices
from advisor.costs.prices.records import Catalog
from advisor.costs.prices.request_cost import Rates
from advisor.costs.prices.rules import CacheRule


class Extra(NamedTuple):
    """What the notes need beyond the inputs and the plans."""

    custom: bool
    defaulted: tuple[str, ...]
    epochs: int  # the fine-tune's epochs (0: no fine-tune priced)
    base_rates: Rates
    ft_rates: Rates | None
    model_label: str

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


def ratio(price: Decimal | None, base: Decimal) -> str:
    """A price as a multiple of another, as the report prints it (0.1×, 1.25×)."""
    if price is None or not base:
        return ""
    return f"{(price / base).normalize():f}×"


def _cache_prices(rates: Rates | None) -> str:
    """What the price data bills for a cached prefix, as multiples of the input price."""
    if rates is None:
        return ""
    p = rates.prices
    parts = []
    if p.cached is not None:
        parts.append(f"a cache read {ratio(p.cached, p.input)} the input price")
    if p.cache_write is not None:
        parts.append(f"a cache write {ratio(p.cache_write, p.input)}")
    if not parts:
        return ""
    whose = "your prices" if rates.source == CUSTOM_SOURCE else "the price data"
    return "; billed " + " and ".join(parts) + f" ({whose})"


def _caching(
    catalog: Catalog,
    plans: dict[str, Caching],
    rules: dict[str, CacheRule | None],
    rates: dict[str, Rates | None],
) -> list[str]:
    hours = catalog.assumptions.traffic_hours_per_day
    cached = {name: plan for name, plan in plans.items() if plan.cached_tokens}
    if not cached:
        why = plans["prompt_engineering"].why_not
        return [f"No prompt caching is assumed for the table's approaches: {why}."]
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
            + f" cache{_cache_prices(rates.get(which))}; rules from: {name}{unverified}."
        )
        if rules.get("base") == rules.get("fine_tuned"):
            break
    return out


def _serving(catalog: Catalog, inputs: Inputs, ft: FineTunePrices) -> list[str]:
    """How the fine-tune is billed, in words, with the figures."""
    from advisor.costs.estimate import fine_tune_costs as fc
    from advisor.costs.prices.records import SERVING

    a = catalog.assumptions
    hours = a.hours_per_month
    platform = ft.platform
    row = platform.fine_tuning if platform is not None else None
    if row is None:
        return []
    kind = SERVING[row.serving]
    out = [f"{platform.label}: {kind.words}."]
    if kind.fee and not kind.gpus:
        out.append(
            f"The fine-tuned model costs {money(ft.hosting_per_hour)} an hour to host "
            f"({money(ft.hosting_per_hour * hours)} a month), whatever the traffic."
        )
    elif kind.gpus:
        gpus = fc.gpus(inputs, ft, a)
        hourly = ft.hosting_per_hour if row.serving == "dedicated_gpu" else ft.gpu_hour
        extra = (
            f" (the GPU at ${ft.gpu_hour / (1 + a.gpu_overhead_share):,.2f} an hour plus "
            f"{a.gpu_overhead_share * 100:.0f}% for storage, egress and management)"
            if row.serving == "self_hosted"
            else ""
        )
        out.append(
            f"{gpus} × {row.gpu} at {money(hourly)} an hour{extra}, around the clock: "
            f"{money(gpus * hourly * hours)} a month, sized for the busiest hour "
            f"({a.peak_to_average}× the day's average) at {row.gpu_tokens_per_second:,} output "
            "tokens a second per GPU."
        )
    if row.storage_per_month:
        out.append(f"Keeping the fine-tuned model costs {money(row.storage_per_month)} a month.")
    if not row.production:
        out.append(f"{platform.label} is for evaluating a fine-tune, not for production.")
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
        row = ft.platform.fine_tuning if ft.platform is not None else None
        if batch["fine_tuned"]:
            doubt = (
                " (that the platform batches fine-tuned models is not confirmed by a primary "
                "source)"
                if row is not None and "batch" in row.unverified
                else ""
            )
            out.append(f"The fine-tuned model is priced at its batch tier too{doubt}.")
        elif row is not None and not row.batch:
            out.append(
                f"{ft.platform.label} offers no batch tier for fine-tuned models (as far as "
                "the catalog knows): the fine-tune is priced at standard rates."
            )
        else:
            out.append(
                "The price data lists no batch tier for the fine-tuned model: it is priced at "
                "standard rates."
            )
    return out


def _retrieval(catalog: Catalog, inputs: Inputs, defaulted: tuple[str, ...]) -> list[str]:
    """Where the knowledge goes in each approach, in words."""
    a = catalog.assumptions
    asked = inputs.retrieved_asked
    how = (
        f" ({a.retrieved_chunks} passages of {a.chunk_tokens} tokens, the default)"
        if asked == a.retrieved_chunks * a.chunk_tokens
        else ""
    )
    if inputs.retrieved_tokens < asked:
        how += (
            f", capped at the collection's {inputs.documents_tokens:,} tokens: {asked:,} were "
            "asked, and nothing more can be retrieved than the collection holds"
        )
    replaces = ""
    if inputs.knowledge_in_prompt and not inputs.knowledge_added:
        replaces = (
            f" in place of the {inputs.knowledge_in_prompt:,} tokens of knowledge pasted into "
            "the prompt"
        )
    out = [
        f"RAG sends {inputs.retrieved_tokens:,} tokens of retrieved context with every "
        f"request{replaces}{how}, embeds each query ({inputs.query_tokens:,} tokens, the "
        f"short prompt) and the {inputs.documents_tokens:,}-token document collection, "
        f"re-embedded in full every {inputs.reembed_every_days} "
        f"day{'s' if inputs.reembed_every_days != 1 else ''} (knowledge that changes "
        f"{inputs.knowledge_change})."
    ]
    if inputs.knowledge_added:
        out.append(
            f"The {inputs.documents_tokens:,}-token collection fits in the prompt (up to "
            f"{a.knowledge_in_prompt_max_tokens:,} tokens): prompt engineering and the "
            "fine-tuned approaches carry it whole, first in the prompt where it is cached; "
            "RAG and RAG plus fine-tuning retrieve from it instead."
        )
    elif inputs.knowledge_in_prompt:
        out.append(
            f"The prompt carries {inputs.knowledge_in_prompt:,} tokens of pasted knowledge; a "
            "fine-tuned model keeps it in its prompt too, since a fine-tune does not learn "
            "facts reliably."
        )
    return out


def _training(catalog: Catalog, inputs: Inputs, ft: FineTunePrices | None, epochs: int) -> str:
    platform = ft.platform if ft is not None else None
    row = platform.fine_tuning if platform is not None else None
    rule = catalog.epochs
    if row is not None and row.epochs:
        source = catalog.source(row.epochs_source)
        why = f"{platform.label}'s default" + (f", from: {source.name}" if source else "")
    else:
        where = "" if platform is None else f"; {platform.label} publishes no default"
        why = (
            f"OpenAI's automatic rule: {rule.target}, more for small data sets, fewer above "
            f"{rule.max_target_examples // rule.target:,} examples{where}"
        )
    return (
        f"Training: {inputs.examples_priced:,} examples × {inputs.tokens_per_example:,} "
        f"tokens × {epochs or inputs.epochs} epochs ({why}) per run, and "
        f"{inputs.training_runs} training runs (real projects run 3–5). RAG plus fine-tuning "
        "trains on examples that carry the retrieved context."
    )


def assumptions(
    catalog: Catalog,
    inputs: Inputs,
    ft: FineTunePrices | None,
    plans: dict[str, Caching],
    rules: dict[str, CacheRule | None],
    batch: dict[str, bool],
    store_monthly: Decimal,
    extra: Extra,
) -> list[str]:
    a = catalog.assumptions
    days, hours = a.days_per_month, a.hours_per_month
    store = catalog.vector_stores[inputs.vector_store]
    knowledge = inputs.knowledge_in_prompt
    kept = f", plus the {knowledge:,} tokens of knowledge in the prompt" if knowledge else ""
    notes = [
        f"A month is {days} days, as in the source article; hourly fees run {hours} hours "
        "a month. First year = one-time costs + 12 months.",
        f"Prompt engineering sends the full prompt ({inputs.prompt_tokens:,} tokens, of which "
        f"{inputs.fixed_prompt_tokens:,} are the same on every request) with every request; "
        f"every approach gets {inputs.output_tokens:,} output tokens back.",
        f"A fine-tuned model gets a short prompt of {inputs.ft_prompt_tokens:,} tokens{kept}; "
        f"the hybrid keeps the task-specific instructions in it: "
        f"{inputs.hybrid_prompt_tokens:,} tokens, halfway between the short prompt and the "
        "full prompt's instructions. A fine-tune removes the fixed instructions and examples "
        "first.",
        *_retrieval(catalog, inputs, extra.defaulted),
        f"Vector store and re-embedding: {store.label}; {money(store_monthly)} a month at "
        "this volume.",
        _training(catalog, inputs, ft, extra.epochs),
    ]
    if inputs.examples_given is not None and inputs.examples_given < a.min_priced_examples:
        notes.append(
            f"You have {inputs.examples_given:,} examples; fine-tuning is priced for "
            f"{a.min_priced_examples:,}, the recommended minimum."
        )
    if ft is not None:
        notes += _serving(catalog, inputs, ft)
    notes.append(
        f"A fine-tune's one-time cost counts the data (examples not yet reviewed, and those "
        f"missing to reach {a.recommended_examples:,}, at ${inputs.example_cost:,.2f} each), "
        f"an evaluation after every training run ({a.eval_cases:,} test cases at the "
        "fine-tuned model's prices, each read by an LLM judge priced as "
        f"{extra.model_label}) and the runs themselves; its first "
        f"year adds retraining {inputs.retrains_per_year}× (requirements change "
        f"{inputs.requirements_change}; {a.retrain_relabel_share * 100:.0f}% of the examples "
        "redone each time) and a re-tune when the base model retires within the year."
    )
    notes += _caching(
        catalog, plans, rules, {"base": extra.base_rates, "fine_tuned": extra.ft_rates}
    )
    notes += _batch(inputs, batch, ft, extra.custom)
    notes.append(
        f"A fine-tune in production is budgeted {a.ft_upkeep_hours_per_month} hours of "
        f"engineering a month at {money(a.engineering_hour_usd)} an hour "
        f"({money(a.ft_upkeep_monthly)}) for re-testing, retraining and watching its base "
        "model: a fine-tune chosen to save money must save more than that. It is not in the "
        "table's figures."
    )
    notes.append(
        "Like for like: fine-tuning's saving, payback and break-even volume are measured "
        "against prompting the model that is fine-tuned (with the same caching and batch "
        "rules); a move to another model is shown apart. Break-even volume: the requests a "
        "day at which the fine-tune's first-year cost (training, retraining and upkeep "
        "included) equals prompting "
        "that model's."
    )
    return notes
