"""Where an estimate's prices come from: the user's own (custom) prices, or the model
prompted and the platform its fine-tune is priced on — chosen by `advisor.costs.estimate.targets`
— with a record of every price used and its source."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from advisor.costs.estimate import approach_costs as ap
from advisor.costs.estimate import arithmetic as cm
from advisor.costs.estimate import platforms, targets
from advisor.costs.estimate.inputs import CUSTOM_PRICES, CUSTOM_SOURCE, SAME, Inputs, number
from advisor.costs.estimate.platforms import PlatformCost, Platforms
from advisor.costs.prices import lifecycle, model_lookup, pricer_for
from advisor.costs.prices.pricer_for import FineTunePrices, PriceUsed
from advisor.costs.prices.records import Catalog, CatalogModel, Source
from advisor.costs.prices.request_cost import Pricer, per_1k_to_per_1m
from advisor.costs.prices.rules import CacheRule


class Target(NamedTuple):
    """The model a fine-tune would be of, what it is to the model prompted, and the rule
    that chose it, in words."""

    model: CatalogModel | None  # the platform row; None: custom prices (the user's model)
    relation: str  # targets.SAME_MODEL, SAME_VENDOR or OTHER_FAMILY
    why: str
    base: Pricer  # prompting that model: the like-for-like baseline of its fine-tune
    rule: CacheRule | None
    not_usable: str = ""  # why the fine-tune asked for (or of the model prompted) is not it


class Prices(NamedTuple):
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
    target: Target | None = None  # None: nowhere to fine-tune
    elsewhere: str = ""  # why the fine-tune is not of the model prompted, as asked
    platforms: Platforms | None = None  # every open platform, priced when first asked
    closed: tuple[tuple[str, str], ...] = ()  # platform id, why it is not open
    requested: CatalogModel | None = None  # the fine-tune the answers asked for
    asked: bool = False  # the answers name a model to fine-tune (not the one prompted)
    gpu_given: bool = False  # the GPU price is the user's own, not the catalog's


def context(
    inputs: Inputs, catalog: Catalog, embed: Pricer, today: date, judge: Pricer
) -> ap.Context:
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
        judge=judge,
    )


def custom_prices(facts: Mapping[str, Any], today: date, catalog: Catalog) -> Prices:
    given = {name: number(facts, name) or Decimal(0) for name in CUSTOM_PRICES}

    def per_1m(name: str, fallback: str) -> Decimal:
        value = number(facts, name)
        return per_1k_to_per_1m(value if value is not None else given[fallback])

    base = pricer_for.custom_pricer(
        per_1k_to_per_1m(given["price_input_per_1k"]),
        per_1k_to_per_1m(given["price_output_per_1k"]),
        per_1m("price_cached_input_per_1k", "price_input_per_1k"),
        today,
    )
    tuned = pricer_for.custom_pricer(
        per_1k_to_per_1m(given["ft_price_input_per_1k"]),
        per_1k_to_per_1m(given["ft_price_output_per_1k"]),
        per_1m("ft_price_cached_input_per_1k", "ft_price_input_per_1k"),
        today,
    )
    mine = Source("custom", CUSTOM_SOURCE, today)
    rule = catalog.cache_rule("custom", "custom")
    used = pricer_for.rates_used("Your model", base.rates())
    used += pricer_for.rates_used("Your fine-tuned model", tuned.rates())
    used.append(
        pricer_for.used(
            "Your fine-tuning, training", given["training_price_per_1m"], "1M tokens", mine
        )
    )
    emb = catalog.embedding
    return Prices(
        base=base,
        base_rule=rule,
        embed=pricer_for.embedding_pricer(catalog, today, custom=True),
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
        target=Target(None, targets.SAME_MODEL, "your fine-tuned prices", base, rule),
    )


def rule_for(catalog: Catalog, model: CatalogModel) -> CacheRule | None:
    return catalog.cache_rule(model.price_provider, model.price_ref)


def _requested(
    facts: Mapping[str, Any], model: CatalogModel, catalog: Catalog
) -> tuple[CatalogModel | None, CatalogModel, bool]:
    """The platform the answers ask to fine-tune on (None: the model named cannot be
    fine-tuned anywhere in the catalog), the model they name for it, and whether they
    named one (rather than the model prompted)."""
    choice = facts.get("ft_model")
    named_one = choice not in (None, SAME)
    named = model_lookup.model_for(str(choice), catalog, "ft_model") if named_one else model
    return platforms.platform_for(named, catalog), named, named_one


def _target_why(
    model: CatalogModel,
    asked: targets.Target,
    own: targets.Target,
    chosen: PlatformCost,
    catalog: Catalog,
) -> str:
    """Which rule chose the fine-tune's model, in words: the report's fine_tune_target."""
    if asked.why:
        return asked.why
    if own.chosen is not None and own.chosen.model.id == chosen.model.id:
        if own.why:
            return own.why
        return f"{model.label} can be fine-tuned on {chosen.model.label} [{chosen.model.id}]"
    words = targets.relation_words(targets.relation(model, chosen.model, catalog), model.label)
    return f"You chose to fine-tune {chosen.model.label} [{chosen.model.id}], {words}"


def catalog_prices(
    facts: Mapping[str, Any], today: date, catalog: Catalog, inputs: Inputs
) -> Prices:
    model = model_lookup.model_for(str(facts.get("model")), catalog, "model")
    base = pricer_for.base_pricer(model, today, inputs.batch)
    embed = pricer_for.embedding_pricer(catalog, today, custom=False)
    used = pricer_for.rates_used(model.label, base.rates())
    ctx = context(inputs, catalog, embed, today, base)
    # A GPU price is the user's own unless it is the catalog's, taken as the default.
    gpu_hour = number(facts, "gpu_hour_usd")
    given_gpu_hour = gpu_hour is not None and gpu_hour != catalog.assumptions.gpu_hour_usd
    priced = platforms.price_all(ctx, catalog, given_gpu_hour)
    requested, named, named_one = _requested(facts, model, catalog)
    own_platform = platforms.platform_for(model, catalog)
    access = inputs.access
    asked = targets.choose(requested, named, model, priced, catalog, today, access)
    own = targets.choose(own_platform, model, model, priced, catalog, today, access)
    default = own.chosen
    chosen = asked.chosen
    target = None
    elsewhere = ""
    if chosen is not None:
        status = chosen.status
        ft_prices: FineTunePrices | None = chosen.prices
        ft_rule = chosen.rule
        why = _target_why(model, asked, own, chosen, catalog)
        relation = targets.relation(model, chosen.model, catalog)
        same_base = relation == targets.SAME_MODEL
        target = Target(
            chosen.model,
            relation,
            why,
            base if same_base else pricer_for.base_pricer(chosen.model, today, inputs.batch),
            _rule(catalog, model) if same_base else rule_for(catalog, chosen.model),
            asked.not_usable or own.not_usable,
        )
        if asked.why or own.why or relation != targets.SAME_MODEL:
            elsewhere = why
    else:
        status = lifecycle.fine_tune_status(requested or named, today, access)
        if status.available:  # open, but not for production or not lasting: say why
            status = status._replace(available=False, reason=asked.not_usable)
        ft_prices, ft_rule = None, None
    return Prices(
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
        notes=[elsewhere.rstrip(".") + "."] if elsewhere else [],
        target=target,
        elsewhere=elsewhere.rstrip(".") + "." if elsewhere else "",
        platforms=priced,
        closed=tuple(priced.closed.items()),
        requested=requested or named,
        asked=named_one,
        gpu_given=given_gpu_hour,
    )


def _rule(catalog: Catalog, model: CatalogModel) -> CacheRule | None:
    return rule_for(catalog, model)


def fine_tune_prices_used(p: Prices, catalog: Catalog, used: list[PriceUsed]) -> None:
    if p.model is None or p.status is None or p.ft is None:
        return
    platform = p.status.model
    label = platform.label
    unverified = platform.fine_tuning.unverified if platform.fine_tuning else ()
    target = p.target
    self_hosted = p.ft.serving == "self_hosted"  # prompted on the same GPUs, not an API
    if target is not None and target.relation != targets.SAME_MODEL and not self_hosted:
        used += pricer_for.rates_used(label, target.base.rates())
    if p.ft.pricer is not p.base or platform is not p.model:
        used += pricer_for.rates_used(f"{label} fine-tuned", p.ft.pricer.rates())
    if p.ft.serving == "self_hosted":
        gpu = pricer_for.source(catalog, catalog.assumptions.gpu_hour_source)
        used.append(
            pricer_for.used(
                f"{label}, a rented GPU with overhead",
                p.ft.gpu_hour,
                "hour",
                gpu,
                verified="gpu_hour_usd" not in unverified,
            )
        )
        return
    used.append(
        pricer_for.used(
            f"{label} fine-tuning, training",
            p.ft.training_per_1m,
            "1M tokens",
            p.ft.training_source,
            verified="training_per_1m" not in unverified,
        )
    )
    if p.ft.hosting_source is not None:
        used.append(
            pricer_for.used(
                f"{label} fine-tuned, hosting",
                p.ft.hosting_per_hour,
                "hour",
                p.ft.hosting_source,
                verified="hosting_per_hour" not in unverified,
            )
        )


def retrieval_prices_used(
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
    origin = pricer_for.source(catalog, store.source)
    used.append(
        pricer_for.used(f"{store.label}, monthly minimum", store.monthly_minimum, "month", origin)
    )
    if store.per_1m_reads:
        used.append(
            pricer_for.used(
                f"{store.label}, read units", store.per_1m_reads, "1M read units", origin
            )
        )
