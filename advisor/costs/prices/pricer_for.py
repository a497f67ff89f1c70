"""Where each price of an estimate comes from: the user's own prices, the catalog, or
genai-prices — at the batch tier when the answers can wait and the data has one — with a
record of every price used and its source."""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from advisor.costs.prices.records import Catalog, CatalogModel, Source, TokenPrices
from advisor.costs.prices.request_cost import (
    FlatPricer,
    GenaiPricer,
    Pricer,
    Rates,
    Tokens,
    UnitPrices,
    cost,
)

_PRICERS: dict[tuple[str, str, date, bool], GenaiPricer] = {}


class PriceUsed(NamedTuple):
    item: str
    usd: Decimal
    per: str  # "1M tokens", "hour", "month"
    source: str
    url: str = ""
    as_of: date | None = None
    note: str = ""
    verified: bool = True


class FineTunePrices(NamedTuple):
    pricer: Pricer
    training_per_1m: Decimal  # 0 for a self-hosted platform: its training is GPU hours
    hosting_per_hour: Decimal  # per deployment, GPU or unit
    training_source: Source
    hosting_source: Source | None
    platform: CatalogModel | None = None  # None: the user's own prices
    gpu_hour: Decimal = Decimal(0)  # self-hosting: a rented GPU, overhead included

    @property
    def serving(self) -> str:
        ft = self.platform.fine_tuning if self.platform is not None else None
        return ft.serving if ft is not None else "per_token_premium"


def genai(ref: str, provider: str, today: date, batch: bool = False) -> GenaiPricer:
    """One pricer per model, day and tier, shared by every estimate in this process."""
    key = (ref, provider, today, batch)
    pricer = _PRICERS.get(key)
    if pricer is None:
        pricer = _PRICERS[key] = GenaiPricer(ref, provider, today, batch)
    return pricer


def source(catalog: Catalog, source_id: str | None) -> Source:
    """A catalog source; the catalog itself, as of its check, if the row names none."""
    found = catalog.source(source_id)
    return found or Source("catalog", "advisor's price catalog", catalog.checked)


def used(
    item: str, usd: Decimal, per: str, origin: Source, note: str = "", verified: bool = True
) -> PriceUsed:
    return PriceUsed(
        item, usd, per, origin.name, origin.url, origin.as_of, note, verified and origin.verified
    )


def rates_used(label: str, rates: Rates) -> list[PriceUsed]:
    tier = " (batch)" if rates.batch else ""
    items = [(f"{label}, input tokens{tier}", rates.prices.input)]
    if rates.prices.cached is not None:
        items.append((f"{label}, cached input tokens{tier}", rates.prices.cached))
    if rates.prices.cache_write is not None:
        items.append((f"{label}, cache writes{tier}", rates.prices.cache_write))
    items.append((f"{label}, output tokens{tier}", rates.prices.output))
    return [  # the note (long-context prices) is about the whole table: said once, first
        PriceUsed(
            item, usd, "1M tokens", rates.source, rates.url, rates.as_of,
            rates.note if index == 0 else "", rates.verified,
        )
        for index, (item, usd) in enumerate(items)
    ]


def base_pricer(model: CatalogModel, today: date, batch: bool) -> Pricer:
    pricer = genai(model.price_ref, model.price_provider, today, batch)
    return with_batch(pricer, model.price_provider, model.price_ref) if batch else pricer


class BatchPricer(NamedTuple):
    """A model's prices at its provider's batch discount, where the price data lists no
    batch tier for it: every price times the catalog rule's share."""

    inner: Pricer
    share: Decimal
    origin: Source

    def unit_prices(self, input_tokens: int) -> UnitPrices:
        u, k = self.inner.unit_prices(input_tokens), self.share
        return UnitPrices(
            input=u.input * k,
            output=u.output * k,
            cache_read=None if u.cache_read is None else u.cache_read * k,
            cache_write=None if u.cache_write is None else u.cache_write * k,
            cache_write_1h=None if u.cache_write_1h is None else u.cache_write_1h * k,
            per_request=u.per_request * k,
        )

    def request(self, input_tokens: int, output_tokens: int) -> Decimal:
        return cost(self.unit_prices(input_tokens), Tokens(input_tokens, output_tokens))

    def rates(self) -> Rates:
        r, k = self.inner.rates(), self.share
        p = r.prices
        scaled = TokenPrices(
            p.input * k,
            p.output * k,
            None if p.cached is None else p.cached * k,
            None if p.cache_write is None else p.cache_write * k,
        )
        note = f"{k * 100:.0f}% of the standard prices: {self.origin.name}"
        return r._replace(
            prices=scaled,
            source=f"{r.source}; batch discount from the catalog",
            note="; ".join(n for n in (r.note, note) if n),
            batch=True,
            verified=r.verified and self.origin.verified,
        )


def with_batch(pricer: Pricer, provider: str, ref: str) -> Pricer:
    """The batch tier: genai-prices' own where it lists one, else the catalog's rule for the
    provider (dated and sourced), else standard prices (the report says so)."""
    if pricer.rates().batch:
        return pricer
    from advisor.costs.prices.catalog import load_catalog

    catalog = load_catalog()
    rule = catalog.batch_rule(provider, ref)
    if rule is None:
        return pricer
    return BatchPricer(pricer, rule.share, source(catalog, rule.source))


def fine_tune_prices(
    catalog: Catalog,
    model: CatalogModel,
    today: date,
    batch: bool = False,
    gpu_hour: Decimal | None = None,
) -> FineTunePrices:
    """What fine-tuning on the platform `model` costs: the catalog's prices, or
    genai-prices' for the fine-tuned model it names. Catalog prices have no batch tier.
    Only for a priced platform (`FineTuning.priced`)."""
    ft = model.fine_tuning
    assert ft is not None and ft.priced
    training = source(catalog, ft.source)
    pricer: Pricer
    batched = batch and ft.batch  # the platform sends fine-tuned models through its batch tier
    if ft.prices is not None:
        tokens = source(catalog, ft.inference_source or ft.source)
        verified = tokens.verified and "prices" not in ft.unverified
        pricer = FlatPricer(ft.prices, tokens.name, tokens.url, tokens.as_of, verified)
    else:
        pricer = genai(ft.price_ref or model.price_ref, ft.price_provider or "", today, batched)
    if batched:
        provider = ft.price_provider or model.price_provider
        pricer = with_batch(pricer, provider, ft.price_ref or model.price_ref)
    a = catalog.assumptions
    hourly = ft.hosting_per_hour or Decimal(0)
    rented = Decimal(0)
    hosting = None
    if ft.serving == "self_hosted":
        rented = (gpu_hour if gpu_hour is not None else a.gpu_hour_usd) * (1 + a.gpu_overhead_share)
        hosting = source(catalog, a.gpu_hour_source)
    elif hourly:
        hosting = source(catalog, ft.hosting_source or ft.source)
    return FineTunePrices(
        pricer, ft.training_per_1m or Decimal(0), hourly, training, hosting, model, rented
    )


def is_batch(pricer: Pricer) -> bool:
    return pricer.rates().batch


def custom_pricer(
    input_per_1m: Decimal, output_per_1m: Decimal, cached_per_1m: Decimal, today: date
) -> FlatPricer:
    return FlatPricer(
        TokenPrices(input_per_1m, output_per_1m, cached_per_1m),
        "your answers (custom prices)",
        as_of=today,
    )


def embedding_pricer(catalog: Catalog, today: date, custom: bool) -> Pricer:
    """With custom prices genai-prices is not consulted: the catalog's list price."""
    emb = catalog.embedding
    if not custom:
        return genai(emb.price_ref, emb.price_provider, today)
    origin = source(catalog, emb.source)
    return FlatPricer(TokenPrices(emb.per_1m, Decimal(0)), origin.name, origin.url, origin.as_of)
