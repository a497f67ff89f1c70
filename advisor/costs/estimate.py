"""From a conversation's answers to the cost of every approach, with its assumptions and the
prices used.

The result is plain data: the derived facts and the report both read it, so a figure in a
reason and the same figure in the costs table can never differ. The pieces have modules of
their own: the inputs (`inputs`), where prices come from (`pricers`), prompt caching
(`caching`), each approach's arithmetic (`approaches`) and the assumptions in words
(`notes`).
"""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from advisor.costs import approaches as ap
from advisor.costs import lifecycle, models, notes, platforms, pricers
from advisor.costs import model as cm
from advisor.costs.caching import Caching
from advisor.costs.catalog import load_catalog
from advisor.costs.inputs import (
    CUSTOM,
    CUSTOM_PRICES,
    INPUTS,
    REQUIRED,
    SAME,
    Inputs,
    number,
    read_inputs,
    ready,
)
from advisor.costs.platforms import PlatformCost
from advisor.costs.pricers import FineTunePrices, PriceUsed
from advisor.costs.pricing import Pricer, Rates, per_1k_to_per_1m
from advisor.costs.records import CacheRule, Catalog, CatalogModel, Source
from advisor.errors import BadInput

__all__ = ["CUSTOM", "INPUTS", "SAME", "Estimate", "PriceUsed", "estimate", "ready"]

FINE_TUNED = ("fine_tuning", "hybrid", "rag_fine_tuning")


class Variant(NamedTuple):
    """A smaller model to fine-tune instead (distillation), when it is cheaper."""

    model: CatalogModel
    cost: cm.Cost
    savings: Decimal  # against prompting, per month


class Prompted(NamedTuple):
    """A current model that, prompted, costs less than the fine-tune."""

    model: CatalogModel
    cost: cm.Cost


class Estimate(NamedTuple):
    today: date
    inputs: Inputs
    model: CatalogModel | None  # None: custom prices
    ft_status: lifecycle.FineTuneStatus | None  # None: custom prices (always available)
    approaches: dict[str, cm.Cost | None]
    without_caching: dict[str, cm.Cost | None]
    caching: dict[str, Caching]
    cache_rules: dict[str, CacheRule | None]  # "base", "fine_tuned"
    batch: dict[str, bool]  # "base", "fine_tuned": priced at a batch tier
    unavailable: dict[str, str]
    training_tokens_per_run: int
    training_per_run: Decimal | None
    savings: Decimal | None
    savings_without_caching: Decimal | None
    payback_months: Decimal | None
    break_even_requests_per_day: Decimal | None
    cheaper: Variant | None
    upkeep_monthly: Decimal
    base_rates: Rates  # the prompted model's prices, as the report shows them
    prices_used: tuple[PriceUsed, ...]
    notes: tuple[str, ...]
    defaulted: tuple[str, ...] = ()
    fine_tune_default: str | None = None  # the fine-tune priced when none is named
    fine_tune_elsewhere: str = ""  # why the fine-tune is not what the answers asked for
    platforms: tuple[PlatformCost, ...] = ()  # every open platform, cheapest first
    closed_platforms: tuple[tuple[str, str], ...] = ()  # platform id, why not open
    requested: CatalogModel | None = None  # the fine-tune the answers asked for
    cheaper_prompting: Prompted | None = None

    @property
    def ft_available(self) -> bool:
        return self.ft_status is None or self.ft_status.available


def estimate(facts: Mapping[str, Any], today: date, catalog: Catalog | None = None) -> Estimate:
    """The costs of every approach for these answers, priced as of `today`."""
    key = (today, _inputs_key(facts))
    cached = _MEMO.get(key)
    if cached is not None and catalog is None:
        return cached
    result = _estimate(facts, today, catalog or load_catalog())
    if catalog is None:
        if len(_MEMO) >= 4096:  # the oldest go first: the flow tools revisit recent inputs
            for old in list(_MEMO)[:1024]:
                del _MEMO[old]
        _MEMO[key] = result
    return result


_MEMO: dict[tuple[Any, ...], Estimate] = {}


def _inputs_key(facts: Mapping[str, Any]) -> tuple[Any, ...]:
    """The inputs as a dict key that tells 1, 1.0 and True apart (they hash alike)."""
    key = []
    get = facts.get
    for name in INPUTS:
        value = get(name)
        kind = type(value)
        if value is None or kind is str:
            key.append(value)
        elif kind is int or kind is float or kind is bool:
            key.append((kind, value))
        else:  # lists (a multi-choice) and anything else: by what they hold
            key.append((kind, repr(value)))
    return tuple(key)


class _Prices(NamedTuple):
    """The prices one estimate is made of."""

    base: Pricer
    base_rule: CacheRule | None
    embed: Pricer
    model: CatalogModel | None
    status: lifecycle.FineTuneStatus | None
    ft: FineTunePrices | None
    ft_rule: CacheRule | None
    fine_tune_default: str | None
    used: list[PriceUsed]
    notes: list[str]
    elsewhere: str = ""
    platforms: tuple[PlatformCost, ...] = ()
    closed: tuple[tuple[str, str], ...] = ()  # platform id, why it is not open
    requested: CatalogModel | None = None  # the fine-tune the answers asked for


def _context(inputs: Inputs, catalog: Catalog, embed: Pricer, today: date) -> ap.Context:
    a = catalog.assumptions
    store = catalog.vector_stores[inputs.vector_store]
    days = a.days_per_month
    store_monthly = cm.vector_store_monthly(
        inputs.requests_per_day,
        days,
        store.reads_per_query,
        store.per_1m_reads,
        store.monthly_minimum,
    )
    documents_once = embed.request(inputs.documents_tokens, 0)
    reembed_per_month = Decimal(days) / Decimal(inputs.reembed_every_days)
    return ap.Context(
        inputs=inputs,
        embed=embed,
        rag_fixed=store_monthly + documents_once * reembed_per_month,
        rag_one_time=documents_once,
        days=days,
        hours=a.hours_per_month,
        traffic_hours=a.traffic_hours_per_day,
        today=today,
        assumptions=a,
    )


def _custom_prices(facts: Mapping[str, Any], today: date, catalog: Catalog) -> _Prices:
    given = {name: number(facts, name) or Decimal(0) for name in CUSTOM_PRICES}

    def per_1m(name: str, fallback: str) -> Decimal:
        value = number(facts, name)
        return per_1k_to_per_1m(value if value is not None else given[fallback])

    base = pricers.custom_pricer(
        per_1k_to_per_1m(given["price_input_per_1k"]),
        per_1k_to_per_1m(given["price_output_per_1k"]),
        per_1m("price_cached_input_per_1k", "price_input_per_1k"),
        today,
    )
    tuned = pricers.custom_pricer(
        per_1k_to_per_1m(given["ft_price_input_per_1k"]),
        per_1k_to_per_1m(given["ft_price_output_per_1k"]),
        per_1m("ft_price_cached_input_per_1k", "ft_price_input_per_1k"),
        today,
    )
    mine = Source(CUSTOM, "your answers (custom prices)", today)
    rule = catalog.cache_rule(CUSTOM, CUSTOM)
    used = pricers.rates_used("Your model", base.rates())
    used += pricers.rates_used("Your fine-tuned model", tuned.rates())
    used.append(
        pricers.used(
            "Your fine-tuning, training", given["training_price_per_1m"], "1M tokens", mine
        )
    )
    emb = catalog.embedding
    return _Prices(
        base=base,
        base_rule=rule,
        embed=pricers.embedding_pricer(catalog, today, custom=True),
        model=None,
        status=None,
        ft=FineTunePrices(tuned, given["training_price_per_1m"], Decimal(0), mine, None),
        ft_rule=rule,
        fine_tune_default=None,
        used=used,
        notes=[
            "Prices are the ones you entered; embeddings for retrieval are priced at the "
            f"catalog's {emb.label} list price, and no hosting fee is assumed."
        ],
    )


def _rule(catalog: Catalog, model: CatalogModel) -> CacheRule | None:
    return catalog.cache_rule(model.price_provider, model.price_ref)


def _requested(
    facts: Mapping[str, Any], model: CatalogModel, catalog: Catalog
) -> tuple[CatalogModel | None, CatalogModel]:
    """The platform the answers ask to fine-tune on (None: the model named cannot be
    fine-tuned anywhere in the catalog), and the model they name for it."""
    choice = facts.get("ft_model")
    named = model if choice in (None, SAME) else models.model_for(str(choice), catalog, "ft_model")
    return platforms.platform_for(named, catalog), named


def _catalog_prices(
    facts: Mapping[str, Any], today: date, catalog: Catalog, inputs: Inputs
) -> _Prices:
    model = models.model_for(str(facts.get("model")), catalog, "model")
    base = pricers.base_pricer(model, today, inputs.batch)
    embed = pricers.embedding_pricer(catalog, today, custom=False)
    used = pricers.rates_used(model.label, base.rates())
    ctx = _context(inputs, catalog, embed, today)
    # A GPU price is the user's own unless it is the catalog's, taken as the default.
    gpu_hour = number(facts, "gpu_hour_usd")
    given_gpu_hour = gpu_hour is not None and gpu_hour != catalog.assumptions.gpu_hour_usd
    priced, closed = platforms.price_all(ctx, catalog, given_gpu_hour)
    requested, named = _requested(facts, model, catalog)
    choice = platforms.choose(requested, named, priced, catalog, today, inputs.access)
    own = platforms.platform_for(model, catalog)
    default = platforms.choose(own, model, priced, catalog, today, inputs.access).chosen
    chosen = choice.chosen
    if chosen is not None:
        status = chosen.status
        ft_prices: FineTunePrices | None = chosen.prices
        ft_rule = chosen.rule
    else:
        status = lifecycle.fine_tune_status(requested or named, today, inputs.access)
        if status.available:  # open, but not for production or not lasting: say why
            status = status._replace(available=False, reason=choice.moved)
        ft_prices, ft_rule = None, None
    moved = choice.moved if chosen is not None else ""
    own_choice = platforms.choose(own, model, priced, catalog, today, inputs.access)
    if not moved and chosen is not None and own_choice.why and chosen.model.id != model.id:
        # What was asked for is open, but the model prompted cannot be fine-tuned: say so.
        how = own_choice.pick if own_choice.chosen is chosen else "as you chose"
        moved = f"{own_choice.why}. {platforms.priced_on(chosen.model)}, {how}"
    return _Prices(
        base=base,
        base_rule=_rule(catalog, model),
        embed=embed,
        model=model,
        status=status,
        ft=ft_prices,
        ft_rule=ft_rule,
        fine_tune_default=None
        if default is None
        else (SAME if default.model.id == model.id else default.model.id),
        used=used,
        notes=[moved + "."] if moved else [],
        elsewhere=moved + "." if moved else "",
        platforms=tuple(priced),
        closed=tuple(closed.items()),
        requested=requested or named,
    )


def _fine_tune_prices_used(p: _Prices, catalog: Catalog, used: list[PriceUsed]) -> None:
    if p.model is None or p.status is None or p.ft is None:
        return
    platform = p.status.model
    label = platform.label
    unverified = platform.fine_tuning.unverified if platform.fine_tuning else ()
    if p.ft.pricer is not p.base or platform is not p.model:
        used += pricers.rates_used(f"{label} fine-tuned", p.ft.pricer.rates())
    if p.ft.serving == "self_hosted":
        gpu = pricers.source(catalog, catalog.assumptions.gpu_hour_source)
        used.append(
            pricers.used(
                f"{label}, a rented GPU with overhead",
                p.ft.gpu_hour,
                "hour",
                gpu,
                verified="gpu_hour_usd" not in unverified,
            )
        )
        return
    used.append(
        pricers.used(
            f"{label} fine-tuning, training",
            p.ft.training_per_1m,
            "1M tokens",
            p.ft.training_source,
            verified="training_per_1m" not in unverified,
        )
    )
    if p.ft.hosting_source is not None:
        used.append(
            pricers.used(
                f"{label} fine-tuned, hosting",
                p.ft.hosting_per_hour,
                "hour",
                p.ft.hosting_source,
                verified="hosting_per_hour" not in unverified,
            )
        )


def _estimate(facts: Mapping[str, Any], today: date, catalog: Catalog) -> Estimate:
    if not ready(facts):
        missing = [n for n in REQUIRED if facts.get(n) is None]
        raise BadInput(f"costs: missing answers: {', '.join(missing) or 'custom prices'}")
    inputs, defaulted = read_inputs(facts, catalog)
    if facts.get("model") == CUSTOM:
        p = _custom_prices(facts, today, catalog)
    else:
        p = _catalog_prices(facts, today, catalog, inputs)
    ctx = _context(inputs, catalog, p.embed, today)
    used = list(p.used)

    priced = ap.prompting(ctx, p.base, p.base_rule)
    approaches: dict[str, cm.Cost | None] = dict(priced.costs)
    without: dict[str, cm.Cost | None] = dict(priced.uncached)
    plans = dict(priced.caching)
    unavailable: dict[str, str] = {}
    trained: ap.Training | None = None
    savings = savings_uncached = payback = volume = None
    cheaper: Variant | None = None
    if p.ft is not None:
        tuned_priced, trained = ap.fine_tuned(ctx, p.ft, p.ft_rule)
        approaches.update(tuned_priced.costs)
        without.update(tuned_priced.uncached)
        plans.update(tuned_priced.caching)
        prompting, tuned = priced.costs["prompt_engineering"], tuned_priced.costs["fine_tuning"]
        savings = prompting.monthly - tuned.monthly
        savings_uncached = (
            priced.uncached["prompt_engineering"].monthly
            - tuned_priced.uncached["fine_tuning"].monthly
        )
        payback = cm.payback_months(tuned.one_time, savings)
        volume = _break_even(ctx, p, prompting, tuned, priced.caching, tuned_priced.caching)
        _fine_tune_prices_used(p, catalog, used)
        if p.status is not None:
            cheaper = _cheaper_variant(catalog, p.status.model, today, ctx, tuned, prompting, used)
    else:
        assert p.status is not None
        for name in FINE_TUNED:
            approaches[name] = without[name] = None
            unavailable[name] = p.status.reason

    prompted = None
    tuned_cost = approaches.get("fine_tuning")
    if p.model is not None and p.status is not None and tuned_cost is not None:
        prompted = _cheaper_prompting(catalog, ctx, p.status.model, tuned_cost, used)
    _record_retrieval_prices(catalog, ctx, inputs, used)
    batch = {
        "base": pricers.is_batch(p.base),
        "fine_tuned": p.ft is not None and pricers.is_batch(p.ft.pricer),
    }
    cache_rules = {"base": p.base_rule, "fine_tuned": p.ft_rule}
    written = notes.assumptions(
        catalog, inputs, p.ft, plans, cache_rules, batch, ctx.rag_fixed, p.model is None
    )
    return Estimate(
        today=today,
        inputs=inputs,
        model=p.model,
        ft_status=p.status,
        approaches=approaches,
        without_caching=without,
        caching=plans,
        cache_rules=cache_rules,
        batch=batch,
        unavailable=unavailable,
        training_tokens_per_run=0 if trained is None else trained.tokens_per_run,
        training_per_run=None if trained is None else trained.per_run,
        savings=savings,
        savings_without_caching=savings_uncached,
        payback_months=payback,
        break_even_requests_per_day=volume,
        cheaper=cheaper,
        upkeep_monthly=catalog.assumptions.ft_upkeep_monthly,
        base_rates=p.base.rates(),
        prices_used=tuple(_unique(used)),
        notes=tuple(p.notes + written),
        defaulted=tuple(defaulted),
        fine_tune_default=p.fine_tune_default,
        fine_tune_elsewhere=p.elsewhere,
        platforms=p.platforms,
        closed_platforms=p.closed,
        requested=p.requested,
        cheaper_prompting=prompted,
    )


def _break_even(
    ctx: ap.Context,
    p: _Prices,
    prompting: cm.Cost,
    tuned: cm.Cost,
    *plans: dict[str, Caching],
) -> Decimal | None:
    """The daily volume at which fine-tuning's first year costs what prompting's does.

    Cached requests cost less the busier the traffic (the cache stays warm), so where
    anything is cached the volume is searched for with the costs at each volume tried,
    not solved from today's per-request costs."""
    volume = cm.break_even_requests_per_day(prompting, tuned, ctx.days)
    ft = p.ft
    if ft is None or not any(plan.cached_tokens for found in plans for plan in found.values()):
        return volume

    def ft_wins(requests: Decimal) -> bool:
        at = ctx._replace(inputs=ctx.inputs._replace(requests_per_day=requests))
        base = ap.prompting(at, p.base, p.base_rule).costs["prompt_engineering"]
        trained = ap.fine_tuned(at, ft, p.ft_rule)[0].costs["fine_tuning"]
        return trained.first_year <= base.first_year

    if ft_wins(Decimal(0)):
        return Decimal(0)
    high = max(volume or Decimal(1), Decimal(1))
    while not ft_wins(high):
        high *= 4
        if high > cm.MAX_VOLUME:
            return None
    low = Decimal(0)
    while high - low > 1:  # the fewest whole requests a day at which fine-tuning wins
        middle = ((low + high) / 2).to_integral_value()
        if ft_wins(middle):
            high = middle
        else:
            low = middle
    return high


def _cheaper_prompting(
    catalog: Catalog,
    ctx: ap.Context,
    tuned_on: CatalogModel,
    tuned: cm.Cost,
    used: list[PriceUsed],
) -> Prompted | None:
    """The current model of the fine-tune's tier or above that, prompted with the full
    prompt, costs least, when it costs less than the fine-tune in its first year."""
    level = platforms.TIERS.get(catalog.tier(tuned_on.price_ref), 1)
    best: Prompted | None = None
    for found in _featured_prompting(catalog, ctx):
        if platforms.TIERS.get(catalog.tier(found.model.price_ref), 1) < level:
            continue
        if best is None or found.cost.first_year < best.cost.first_year:
            best = found
    if best is None or best.cost.first_year >= tuned.first_year:
        return None
    used += pricers.rates_used(
        best.model.label, pricers.base_pricer(best.model, ctx.today, ctx.inputs.batch).rates()
    )
    return best


_PROMPTED: dict[tuple[object, ...], list[Prompted]] = {}


def _featured_prompting(catalog: Catalog, ctx: ap.Context) -> list[Prompted]:
    """Prompting each current, lasting featured model for these inputs (kept per inputs)."""
    key = (id(catalog), ctx.today, ctx.inputs)
    if key not in _PROMPTED:
        if len(_PROMPTED) > 1024:
            _PROMPTED.clear()
        found = []
        for model in models.featured(catalog, ctx.today):
            if not models.lasting(model, ctx.today, catalog):
                continue
            base = pricers.base_pricer(model, ctx.today, ctx.inputs.batch)
            cost = ap.prompting(ctx, base, _rule(catalog, model)).costs["prompt_engineering"]
            found.append(Prompted(model, cost))
        _PROMPTED[key] = found
    return _PROMPTED[key]


def _record_retrieval_prices(
    catalog: Catalog, ctx: ap.Context, inputs: Inputs, used: list[PriceUsed]
) -> None:
    """Embeddings and the vector store, for the record."""
    emb_rates = ctx.embed.rates()
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
    store = catalog.vector_stores[inputs.vector_store]
    origin = pricers.source(catalog, store.source)
    used.append(
        pricers.used(f"{store.label}, monthly minimum", store.monthly_minimum, "month", origin)
    )
    if store.per_1m_reads:
        used.append(
            pricers.used(f"{store.label}, read units", store.per_1m_reads, "1M read units", origin)
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
    ctx: ap.Context,
    tuned: cm.Cost,
    prompting: cm.Cost,
    used: list[PriceUsed],
) -> Variant | None:
    """The smaller model of the family, fine-tuned, when it can be and costs less."""
    smaller = catalog.models.get(ft_model.smaller or "")
    if smaller is None:
        return None
    status = lifecycle.fine_tune_status(smaller, today, ctx.inputs.access)
    if not status.available or not lifecycle.lasts(status, catalog):
        return None
    prices = pricers.fine_tune_prices(catalog, smaller, today, ctx.inputs.batch)
    priced, _ = ap.fine_tuned(ctx, prices, _rule(catalog, smaller))
    cost = priced.costs["fine_tuning"]
    if cost.monthly >= tuned.monthly:
        return None
    used += pricers.rates_used(f"{smaller.label} fine-tuned", prices.pricer.rates())
    used.append(
        pricers.used(
            f"{smaller.label} fine-tuning, training",
            prices.training_per_1m,
            "1M tokens",
            prices.training_source,
        )
    )
    return Variant(smaller, cost, prompting.monthly - cost.monthly)
