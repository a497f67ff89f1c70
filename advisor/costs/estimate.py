"""From a conversation's answers to the cost of every approach, with its assumptions and the
prices used.

The answers are read by their public question ids; a question the path skipped is priced
with the catalog's assumption (which the flow's defaults agree with). The result is plain
data: the derived facts and the report both read it, so a figure in a reason and the same
figure in the costs table can never differ.
"""

import math
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from advisor.costs import lifecycle
from advisor.costs import model as cm
from advisor.costs.catalog import Catalog, CatalogModel, Source, TokenPrices, load_catalog
from advisor.costs.pricing import FlatPricer, GenaiPricer, Pricer, Rates, per_1k_to_per_1m
from advisor.errors import BadInput

CUSTOM = "custom"
SAME = "same"
CUSTOM_PRICES = (
    "price_input_per_1k",
    "price_output_per_1k",
    "ft_price_input_per_1k",
    "ft_price_output_per_1k",
    "training_price_per_1m",
)
REQUIRED = ("requests_per_day", "prompt_tokens", "model")
INPUTS = (
    *REQUIRED,
    *CUSTOM_PRICES,
    "ft_prompt_tokens",
    "output_tokens",
    "ft_model",
    "examples",
    "example_tokens",
    "training_runs",
    "retrieved_tokens",
    "documents_tokens",
    "vector_store",
    "knowledge_change",
)
FINE_TUNED = ("fine_tuning", "hybrid", "rag_fine_tuning")


class PriceUsed(NamedTuple):
    item: str
    usd: Decimal
    per: str  # "1M tokens", "hour", "month"
    source: str
    url: str = ""
    as_of: date | None = None
    note: str = ""


class Variant(NamedTuple):
    """A smaller model to fine-tune instead (distillation), when it is cheaper."""

    model: CatalogModel
    cost: cm.Cost
    savings: Decimal  # against prompting, per month


class Inputs(NamedTuple):
    requests_per_day: Decimal
    prompt_tokens: int
    ft_prompt_tokens: int
    hybrid_prompt_tokens: int
    output_tokens: int
    retrieved_tokens: int
    query_tokens: int
    documents_tokens: int
    reembed_every_days: int
    knowledge_change: str
    examples_given: int | None
    examples_priced: int
    tokens_per_example: int
    epochs: int
    training_runs: int
    vector_store: str


class Estimate(NamedTuple):
    today: date
    inputs: Inputs
    model: CatalogModel | None  # None: custom prices
    ft_status: lifecycle.FineTuneStatus | None  # None: custom prices (always available)
    approaches: dict[str, cm.Cost | None]
    unavailable: dict[str, str]
    training_tokens_per_run: int
    training_per_run: Decimal | None
    savings: Decimal | None
    payback_months: Decimal | None
    break_even_requests_per_day: Decimal | None
    cheaper: Variant | None
    prices_used: tuple[PriceUsed, ...]
    notes: tuple[str, ...]
    defaulted: tuple[str, ...] = ()

    @property
    def ft_available(self) -> bool:
        return self.ft_status is None or self.ft_status.available


# --- reading answers --------------------------------------------------------------------


def _number(facts: Mapping[str, Any], name: str) -> Decimal | None:
    """An answer as a Decimal; BadInput naming the field for anything that is not a finite
    number ≥ 0 (the flow already refuses those; other callers may not)."""
    value = facts.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise BadInput(f"{name}: expected a number ≥ 0, found {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise BadInput(f"{name}: expected a finite number ≥ 0, found {value}")
    number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite() or number < 0:
        raise BadInput(f"{name}: expected a finite number ≥ 0, found {value}")
    return number


def _tokens(facts: Mapping[str, Any], name: str, default: int) -> int:
    number = _number(facts, name)
    if number is None:
        return default
    if number != number.to_integral_value():
        raise BadInput(f"{name}: expected a whole number of tokens, found {facts.get(name)}")
    return int(number)


def ready(facts: Mapping[str, Any]) -> bool:
    """Whether the answers so far are enough to price anything."""
    if any(facts.get(name) is None for name in REQUIRED):
        return False
    if facts.get("model") == CUSTOM:
        return all(facts.get(name) is not None for name in CUSTOM_PRICES)
    return True


def read_inputs(facts: Mapping[str, Any], catalog: Catalog) -> tuple[Inputs, list[str]]:
    """The cost model's inputs, and the names of those taken from the catalog's assumptions."""
    a = catalog.assumptions
    defaulted: list[str] = []

    def tokens(name: str, default: int) -> int:
        if facts.get(name) is None:
            defaulted.append(name)
        return _tokens(facts, name, default)

    requests = _number(facts, "requests_per_day") or Decimal(0)
    prompt = _tokens(facts, "prompt_tokens", 0)
    if prompt <= 0:
        raise BadInput(f"prompt_tokens: expected a whole number > 0, found {prompt}")
    short = tokens("ft_prompt_tokens", cm.share_of(prompt, a.ft_prompt_share))
    output = tokens("output_tokens", a.output_tokens)
    hybrid = short + cm.share_of(max(prompt - short, 0), a.hybrid_prompt_share)
    if prompt <= short:
        hybrid = short
    retrieved = tokens("retrieved_tokens", a.retrieved_chunks * a.chunk_tokens)
    documents = tokens("documents_tokens", a.documents_tokens)
    change = facts.get("knowledge_change")
    if change not in a.reembed_every_days:
        defaulted.append("knowledge_change")
        change = "monthly"
    given = _number(facts, "examples")
    examples_given = None if given is None else int(given)
    priced = examples_given if (examples_given or 0) >= a.min_priced_examples else None
    examples = priced if priced is not None else a.min_priced_examples
    per_example = tokens("example_tokens", short + output)
    runs = tokens("training_runs", a.training_runs)
    store = facts.get("vector_store")
    if store not in catalog.vector_stores:
        defaulted.append("vector_store")
        store = a.vector_store
    inputs = Inputs(
        requests_per_day=requests,
        prompt_tokens=prompt,
        ft_prompt_tokens=short,
        hybrid_prompt_tokens=hybrid,
        output_tokens=output,
        retrieved_tokens=retrieved,
        query_tokens=short,
        documents_tokens=documents,
        reembed_every_days=a.reembed_every_days[change],
        knowledge_change=change,
        examples_given=examples_given,
        examples_priced=examples,
        tokens_per_example=per_example,
        epochs=catalog.epochs.epochs(examples),
        training_runs=max(1, runs),
        vector_store=store,
    )
    return inputs, defaulted


# --- prices -----------------------------------------------------------------------------


class FineTunePrices(NamedTuple):
    pricer: Pricer
    training_per_1m: Decimal
    hosting_per_hour: Decimal
    training_source: Source
    hosting_source: Source | None


def _source(catalog: Catalog, source_id: str | None) -> Source:
    """A catalog source; the catalog itself, as of its check, if the row names none."""
    found = catalog.source(source_id)
    return found or Source("catalog", "advisor's price catalog", catalog.checked)


def _used(item: str, usd: Decimal, per: str, source: Source, note: str = "") -> PriceUsed:
    return PriceUsed(item, usd, per, source.name, source.url, source.as_of, note)


_PRICERS: dict[tuple[str, str, date], GenaiPricer] = {}


def _genai(ref: str, provider: str, today: date) -> GenaiPricer:
    """One pricer per model and day, shared by every estimate in this process."""
    key = (ref, provider, today)
    pricer = _PRICERS.get(key)
    if pricer is None:
        pricer = _PRICERS[key] = GenaiPricer(ref, provider, today)
    return pricer


def _fine_tune_prices(catalog: Catalog, model: CatalogModel, today: date) -> FineTunePrices:
    ft = model.fine_tuning
    assert ft is not None
    training = _source(catalog, ft.source)
    pricer: Pricer
    if ft.prices is not None:
        tokens = _source(catalog, ft.inference_source or ft.source)
        pricer = FlatPricer(ft.prices, tokens.name, tokens.url, tokens.as_of)
    else:
        pricer = _genai(ft.price_ref or model.price_ref, ft.price_provider or "", today)
    hosting = None
    if ft.hosting_per_hour:
        hosting = _source(catalog, ft.hosting_source or ft.source)
    return FineTunePrices(pricer, ft.training_per_1m, ft.hosting_per_hour, training, hosting)


# --- the estimate -----------------------------------------------------------------------


def _fine_tuned_costs(
    inputs: Inputs,
    prices: FineTunePrices,
    embed: Pricer,
    rag_fixed: Decimal,
    rag_one_time: Decimal,
    days: int,
    hours: int,
) -> tuple[dict[str, cm.Cost], Decimal, int]:
    """fine_tuning, hybrid and rag_fine_tuning on one fine-tuned model."""
    hosting = cm.hosting_monthly(prices.hosting_per_hour, hours)
    per_run_tokens = cm.training_tokens(
        inputs.examples_priced, inputs.tokens_per_example, inputs.epochs
    )
    per_run = cm.tokens_cost(per_run_tokens, prices.training_per_1m)
    training = per_run * inputs.training_runs
    rag_tokens = cm.training_tokens(
        inputs.examples_priced, inputs.tokens_per_example + inputs.retrieved_tokens, inputs.epochs
    )
    rag_training = cm.tokens_cost(rag_tokens, prices.training_per_1m) * inputs.training_runs
    rpd = inputs.requests_per_day
    out = inputs.output_tokens
    ft = prices.pricer
    costs = {
        "fine_tuning": cm.approach_cost(
            ft.request(inputs.ft_prompt_tokens, out),
            rpd,
            days,
            fixed_monthly=hosting,
            one_time=training,
        ),
        "hybrid": cm.approach_cost(
            ft.request(inputs.hybrid_prompt_tokens, out),
            rpd,
            days,
            fixed_monthly=hosting,
            one_time=training,
        ),
        "rag_fine_tuning": cm.approach_cost(
            ft.request(inputs.ft_prompt_tokens + inputs.retrieved_tokens, out)
            + embed.request(inputs.query_tokens, 0),
            rpd,
            days,
            fixed_monthly=hosting + rag_fixed,
            one_time=rag_training + rag_one_time,
        ),
    }
    return costs, per_run, per_run_tokens


def _rates_used(label: str, rates: Rates) -> list[PriceUsed]:
    items = [(f"{label}, input tokens", rates.prices.input)]
    if rates.prices.cached is not None:
        items.append((f"{label}, cached input tokens", rates.prices.cached))
    items.append((f"{label}, output tokens", rates.prices.output))
    return [
        PriceUsed(item, usd, "1M tokens", rates.source, rates.url, rates.as_of, rates.note)
        for item, usd in items
    ]


def estimate(facts: Mapping[str, Any], today: date, catalog: Catalog | None = None) -> Estimate:
    """The costs of every approach for these answers, priced as of `today`."""
    key = (today, tuple((name, repr(facts.get(name))) for name in INPUTS))
    cached = _MEMO.get(key)
    if cached is not None and catalog is None:
        return cached
    result = _estimate(facts, today, catalog or load_catalog())
    if catalog is None:
        if len(_MEMO) > 64:
            _MEMO.clear()
        _MEMO[key] = result
    return result


_MEMO: dict[tuple[Any, ...], Estimate] = {}


def _estimate(facts: Mapping[str, Any], today: date, catalog: Catalog) -> Estimate:
    if not ready(facts):
        missing = [n for n in REQUIRED if facts.get(n) is None]
        raise BadInput(f"costs: missing answers: {', '.join(missing) or 'custom prices'}")
    a = catalog.assumptions
    days, hours = a.days_per_month, a.hours_per_month
    inputs, defaulted = read_inputs(facts, catalog)
    used: list[PriceUsed] = []
    notes: list[str] = []
    model_id = facts.get("model")

    # The model prompted, the fine-tune, and the embeddings.
    model: CatalogModel | None = None
    status: lifecycle.FineTuneStatus | None = None
    ft_prices: FineTunePrices | None = None
    base: Pricer
    embed: Pricer
    if model_id == CUSTOM:
        prices = {name: _number(facts, name) or Decimal(0) for name in CUSTOM_PRICES}
        base = FlatPricer(
            TokenPrices(
                per_1k_to_per_1m(prices["price_input_per_1k"]),
                per_1k_to_per_1m(prices["price_output_per_1k"]),
            ),
            "your answers (custom prices)",
            as_of=today,
        )
        ft_pricer = FlatPricer(
            TokenPrices(
                per_1k_to_per_1m(prices["ft_price_input_per_1k"]),
                per_1k_to_per_1m(prices["ft_price_output_per_1k"]),
            ),
            "your answers (custom prices)",
            as_of=today,
        )
        mine = Source(CUSTOM, "your answers (custom prices)", today)
        ft_prices = FineTunePrices(
            ft_pricer, prices["training_price_per_1m"], Decimal(0), mine, None
        )
        emb = catalog.embedding
        embed_source = _source(catalog, emb.source)
        embed = FlatPricer(
            TokenPrices(emb.per_1m, Decimal(0)),
            embed_source.name,
            embed_source.url,
            embed_source.as_of,
        )
        used += _rates_used("Your model", base.rates())
        used += _rates_used("Your fine-tuned model", ft_pricer.rates())
        used.append(
            _used("Your fine-tuning, training", ft_prices.training_per_1m, "1M tokens", mine)
        )
        notes.append(
            "Prices are the ones you entered; embeddings for retrieval are priced at the "
            f"catalog's {emb.label} list price, and no hosting fee is assumed."
        )
    else:
        model = catalog.model(str(model_id), "model")
        base = _genai(model.price_ref, model.price_provider, today)
        used += _rates_used(model.label, base.rates())
        ft_choice = facts.get("ft_model") or SAME
        ft_model = model if ft_choice == SAME else catalog.model(str(ft_choice), "ft_model")
        status = lifecycle.fine_tune_status(ft_model, today)
        if status.available:
            ft_prices = _fine_tune_prices(catalog, ft_model, today)
        emb = catalog.embedding
        embed = _genai(emb.price_ref, emb.price_provider, today)

    # Prompting and retrieval.
    rpd, out = inputs.requests_per_day, inputs.output_tokens
    store = catalog.vector_stores[inputs.vector_store]
    store_monthly = cm.vector_store_monthly(
        rpd, days, store.reads_per_query, store.per_1m_reads, store.monthly_minimum
    )
    reembed_per_month = Decimal(days) / Decimal(inputs.reembed_every_days)
    documents_once = embed.request(inputs.documents_tokens, 0)
    rag_fixed = store_monthly + documents_once * reembed_per_month
    approaches: dict[str, cm.Cost | None] = {
        "prompt_engineering": cm.approach_cost(base.request(inputs.prompt_tokens, out), rpd, days),
        "rag": cm.approach_cost(
            base.request(inputs.prompt_tokens + inputs.retrieved_tokens, out)
            + embed.request(inputs.query_tokens, 0),
            rpd,
            days,
            fixed_monthly=rag_fixed,
            one_time=documents_once,
        ),
    }
    unavailable: dict[str, str] = {}
    per_run: Decimal | None = None
    per_run_tokens = 0
    savings = payback = volume = None
    cheaper: Variant | None = None
    if ft_prices is not None:
        fine_tuned, per_run, per_run_tokens = _fine_tuned_costs(
            inputs, ft_prices, embed, rag_fixed, documents_once, days, hours
        )
        approaches.update(fine_tuned)
        prompting, tuned = approaches["prompt_engineering"], fine_tuned["fine_tuning"]
        assert prompting is not None
        savings = prompting.monthly - tuned.monthly
        payback = cm.payback_months(tuned.one_time, savings)
        volume = cm.break_even_requests_per_day(prompting, tuned, days)
        if model is not None and status is not None:
            label = status.model.label
            if ft_prices.pricer is not base or status.model is not model:
                used += _rates_used(f"{label} fine-tuned", ft_prices.pricer.rates())
            used.append(
                _used(
                    f"{label} fine-tuning, training",
                    ft_prices.training_per_1m,
                    "1M tokens",
                    ft_prices.training_source,
                )
            )
            if ft_prices.hosting_source is not None:
                used.append(
                    _used(
                        f"{label} fine-tuned, hosting",
                        ft_prices.hosting_per_hour,
                        "hour",
                        ft_prices.hosting_source,
                    )
                )
            cheaper = _cheaper_variant(
                catalog, status.model, today, inputs, embed, rag_fixed, documents_once, tuned,
                prompting, days, hours, used,
            )
    else:
        assert status is not None
        for name in FINE_TUNED:
            approaches[name] = None
            unavailable[name] = status.reason

    # Embeddings and the vector store, for the record.
    emb_rates = embed.rates()
    used.append(
        PriceUsed(
            f"{catalog.embedding.label}, embeddings",
            emb_rates.prices.input,
            "1M tokens",
            emb_rates.source,
            emb_rates.url,
            emb_rates.as_of,
        )
    )
    store_source = _source(catalog, store.source)
    minimum = store.monthly_minimum
    used.append(_used(f"{store.label}, monthly minimum", minimum, "month", store_source))
    if store.per_1m_reads:
        used.append(
            _used(f"{store.label}, read units", store.per_1m_reads, "1M read units", store_source)
        )

    notes += _notes(catalog, inputs, base, ft_prices, store.label, store_monthly, hours, days)
    return Estimate(
        today=today,
        inputs=inputs,
        model=model,
        ft_status=status,
        approaches=approaches,
        unavailable=unavailable,
        training_tokens_per_run=per_run_tokens,
        training_per_run=per_run,
        savings=savings,
        payback_months=payback,
        break_even_requests_per_day=volume,
        cheaper=cheaper,
        prices_used=tuple(_unique(used)),
        notes=tuple(notes),
        defaulted=tuple(defaulted),
    )


def _unique(items: list[PriceUsed]) -> list[PriceUsed]:
    seen: dict[str, PriceUsed] = {}
    for item in items:
        seen.setdefault(item.item, item)
    return list(seen.values())


def _cheaper_variant(
    catalog: Catalog,
    ft_model: CatalogModel,
    today: date,
    inputs: Inputs,
    embed: Pricer,
    rag_fixed: Decimal,
    rag_one_time: Decimal,
    tuned: cm.Cost,
    prompting: cm.Cost,
    days: int,
    hours: int,
    used: list[PriceUsed],
) -> Variant | None:
    """The smaller model of the family, fine-tuned, when it can be and costs less."""
    smaller = catalog.models.get(ft_model.smaller or "")
    if smaller is None or not lifecycle.fine_tune_status(smaller, today).available:
        return None
    prices = _fine_tune_prices(catalog, smaller, today)
    costs, _, _ = _fine_tuned_costs(inputs, prices, embed, rag_fixed, rag_one_time, days, hours)
    cost = costs["fine_tuning"]
    if cost.monthly >= tuned.monthly:
        return None
    used += _rates_used(f"{smaller.label} fine-tuned", prices.pricer.rates())
    used.append(
        _used(
            f"{smaller.label} fine-tuning, training",
            prices.training_per_1m,
            "1M tokens",
            prices.training_source,
        )
    )
    return Variant(smaller, cost, prompting.monthly - cost.monthly)


def _money(value: Decimal) -> str:
    return f"${value:,.2f}"


def _notes(
    catalog: Catalog,
    inputs: Inputs,
    base: Pricer,
    ft_prices: FineTunePrices | None,
    store_label: str,
    store_monthly: Decimal,
    hours: int,
    days: int,
) -> list[str]:
    """Every assumption, in words."""
    a = catalog.assumptions
    notes = [
        f"A month is {days} days, as in the source article; hourly fees run {hours} hours "
        "a month. First year = one-time costs + 12 months.",
        f"Prompt engineering sends the full prompt ({inputs.prompt_tokens:,} tokens) with "
        f"every request; every approach gets {inputs.output_tokens:,} output tokens back.",
        f"A fine-tuned model gets a short prompt of {inputs.ft_prompt_tokens:,} tokens; the "
        f"hybrid keeps the task-specific instructions in it: {inputs.hybrid_prompt_tokens:,} "
        "tokens, halfway between the short and the full prompt.",
        f"RAG adds {inputs.retrieved_tokens:,} tokens of retrieved context to every prompt "
        f"(default: {a.retrieved_chunks} passages of {a.chunk_tokens} tokens), embeds each "
        f"query ({inputs.query_tokens:,} tokens, the short prompt) and the "
        f"{inputs.documents_tokens:,}-token document collection, re-embedded in full every "
        f"{inputs.reembed_every_days} day{'s' if inputs.reembed_every_days != 1 else ''} "
        f"(knowledge that changes {inputs.knowledge_change}).",
        f"Vector store: {store_label}, {_money(store_monthly)} a month at this volume.",
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
    if ft_prices is not None and ft_prices.hosting_per_hour:
        hosting = ft_prices.hosting_per_hour * hours
        notes.append(
            f"The fine-tuned model costs {_money(ft_prices.hosting_per_hour)} an hour to host "
            f"({_money(hosting)} a month), whatever the traffic."
        )
    cached = base.rates().prices.cached
    if cached is not None:
        notes.append(
            "No prompt caching is assumed. A prompt prefix that repeats on every request "
            f"would bill at {_money(cached)} instead of {_money(base.rates().prices.input)} "
            "per 1M tokens, which narrows the gap between a long prompt and a fine-tune."
        )
    notes.append(
        "Break-even volume: the requests a day at which fine-tuning's first-year cost "
        "(training included) equals prompt engineering's."
    )
    return notes
