"""The price catalog as plain, immutable records.

NamedTuples rather than dataclasses: their classes are defined on every headless run, where
a frozen dataclass costs several times as much to define. For the same reason the cost
modules that define records do without `from __future__ import annotations`: string
annotations make each NamedTuple compile them at definition.
"""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from advisor.costs.prices.per_catalog import kept
from advisor.costs.prices.rules import (
    Assumptions,
    BatchRule,
    CacheRule,
    Embedding,
    EpochRule,
    Maker,
    PriceData,
    Shutdown,
    SizeBands,
    VectorStore,
)
from advisor.errors import BadInput
from advisor.suggest import closest


class Source(NamedTuple):
    id: str
    name: str
    as_of: date
    url: str = ""
    verified: bool = True  # False: no primary source; figures from it are unverified


class TokenPrices(NamedTuple):
    """USD per 1M tokens."""

    input: Decimal
    output: Decimal
    cached: Decimal | None = None  # a cached prompt prefix, read back
    cache_write: Decimal | None = None  # writing that prefix, where it is billed apart


class Serving(NamedTuple):
    """How a platform bills a fine-tune it serves: the one home of the serving kinds, which
    the catalog's schema, the cost model, the notes, the listing and the report read."""

    words: str  # in a sentence
    short: str  # in a table's row
    fee: str  # the fixed fee's name where one is billed by the hour ("" for none)
    gpus: bool  # the fee is per GPU, sized for the busiest hour


SERVING = {
    "per_token_base": Serving(
        "billed per token at the base model's prices, no hosting fee",
        "per token, base prices", "", False,
    ),
    "per_token_premium": Serving(
        "billed per token at fine-tuned prices above the base model's",
        "per token, fine-tuned prices", "", False,
    ),
    "hourly_hosting": Serving(
        "billed per token plus an hourly hosting fee, whatever the traffic",
        "per token + hosting by the hour", "hosting", False,
    ),
    "dedicated_gpu": Serving(
        "served on a dedicated GPU endpoint billed by the hour",
        "dedicated GPUs by the hour", "endpoint", True,
    ),
    "provisioned_throughput": Serving(
        "served only on provisioned throughput, billed by the hour",
        "provisioned throughput", "Provisioned Throughput", False,
    ),
    "self_hosted": Serving(
        "a LoRA you serve on rented GPUs, billed around the clock",
        "your rented GPUs", "", True,
    ),
}


class AccessRule(NamedTuple):
    """Who may still train on a platform closed to new customers: those that ran fine-tuned
    inference there within a window, which the flow's question asks."""

    id: str
    provider: str
    window_days: int
    question: str  # the flow question that asks it
    qualifying_choice: str  # the answer that qualifies
    source: str


class FineTuning(NamedTuple):
    """Where and how a model can be fine-tuned (a platform), what the fine-tune costs, and
    until when it can be made."""

    provider: str
    method: str
    serving: str  # a key of SERVING
    training_per_1m: Decimal | None  # None: no training price found (not priced)
    hosting_per_hour: Decimal | None  # per deployment, GPU or unit; None: no price found
    source: str
    prices: TokenPrices | None = None  # None: `price_ref` in genai-prices
    price_ref: str | None = None
    price_provider: str | None = None
    closes: date | None = None  # no new training jobs from this day, for anyone
    closing_source: str | None = None
    closed_to_new: date | None = None  # from this day no new customer may start
    access: AccessRule | None = None  # who may still train between closed_to_new and closes
    access_from: date | None = None  # the access rule applies from this day
    access_source: str | None = None
    hosting_source: str | None = None
    inference_source: str | None = None  # for `prices`, when not `source`
    storage_per_month: Decimal = Decimal(0)  # keeping the fine-tuned model
    gpu: str = ""  # dedicated and self-hosted serving: the GPU
    gpu_tokens_per_second: int = 0  # output tokens a second one GPU serves
    training_tokens_per_second: int = 0  # self-hosted training throughput on one GPU
    production: bool = True  # False: for evaluations only (no SLA, a fixed lifetime)
    unverified: tuple[str, ...] = ()  # figures of this row with no primary source
    note: str = ""
    epochs: int = 0  # the platform's default epochs; 0: OpenAI's automatic rule
    epochs_source: str | None = None
    batch: bool = False  # tuned models can be sent through the platform's batch tier
    retires: date | None = None  # fine-tunes stop being served, when not with the model
    retires_source: str | None = None

    @property
    def priced(self) -> bool:
        if SERVING[self.serving].fee and self.hosting_per_hour is None:
            return False
        return self.training_per_1m is not None or self.serving == "self_hosted"


class CatalogModel(NamedTuple):
    id: str
    label: str
    provider: str
    price_ref: str
    price_provider: str
    retires: date | None = None  # the model (and every fine-tune of it) stops working
    lifecycle_source: str | None = None
    smaller: str | None = None  # the cheaper model of the same family, to distil into
    note: str = ""
    fine_tuning: FineTuning | None = None
    retires_no_earlier_than: date | None = None  # a floor the provider promises, no date
    fine_tune_only: bool = False  # a platform to fine-tune on, not a model to prompt
    unverified: tuple[str, ...] = ()  # figures of this row with no primary source
    open_weights: bool = False  # weights anyone can run: a fine-tune outlives any provider
    same_model: tuple[str, ...] = ()  # genai-prices ids of this model elsewhere (patterns)
    successor: str = ""  # the replacement its provider names (a genai-prices id of it)
    successor_source: str | None = None
    prompted_label: str = ""  # the model prompted without a fine-tune ("" : its label)

    @property
    def as_prompted(self) -> str:
        return self.prompted_label or self.label


def tuned_until(platform: CatalogModel) -> date | None:
    """The day fine-tunes made on a platform stop being served: their own retirement where
    the platform keeps them past the base model's (Azure), else the base model's."""
    ft = platform.fine_tuning
    if ft is not None and ft.retires is not None:
        return ft.retires
    return platform.retires


def same_model(model: CatalogModel, platform: CatalogModel) -> bool:
    """Whether `platform` fine-tunes the very model `model` is, wherever each is served."""
    if model.id == platform.id:
        return True
    if (model.price_provider, model.price_ref) == (platform.price_provider, platform.price_ref):
        return True
    if not platform.same_model:
        return False
    key = (model.price_ref, platform.same_model)
    found = _SAME.get(key)
    if found is None:  # the pricing of every platform asks this, for every estimate
        from fnmatch import fnmatchcase

        ref = model.price_ref.lower()
        found = any(fnmatchcase(ref, pattern) for pattern in platform.same_model)
        if len(_SAME) > 65536:
            _SAME.clear()
        _SAME[key] = found
    return found


_SAME: dict[tuple[str, tuple[str, ...]], bool] = {}


class Catalog(NamedTuple):
    checked: date
    assumptions: Assumptions
    epochs: EpochRule
    embedding: Embedding
    vector_stores: dict[str, VectorStore]
    sources: dict[str, Source]
    models: dict[str, CatalogModel]
    shutdowns: dict[tuple[str, str], Shutdown]  # by (provider, model), lower case
    caching: tuple[CacheRule, ...]
    featured: tuple[str, ...]
    featured_source: str
    size_bands: SizeBands
    makers: tuple[Maker, ...]
    batch_rules: tuple[BatchRule, ...] = ()
    price_data: PriceData | None = None
    source_file: str = ""
    access_rules: dict[str, AccessRule] = {}  # noqa: RUF012 (a NamedTuple default, never mutated)

    def shutdown(self, provider: str, model: str) -> Shutdown | None:
        return self.shutdowns.get((provider.lower(), model.lower()))

    def cache_rule(self, provider: str, model: str) -> CacheRule | None:
        return kept(_RULES, self, (provider, model),
                    lambda: next((r for r in self.caching if r.matches(provider, model)), None))


    def model(self, model_id: str, what: str = "model") -> CatalogModel:
        """The catalog row, or BadInput naming the closest ids."""
        found = self.models.get(model_id)
        if found is not None:
            return found
        near = closest(model_id, self.models, n=3)
        hint = f"; closest: {', '.join(near)}" if near else ""
        raise BadInput(
            f"{what}: no model '{model_id}' in the price catalog{hint}. "
            f"Catalog models: {', '.join(self.models)}"
        )

    def batch_rule(self, provider: str, model: str) -> BatchRule | None:
        return next((r for r in self.batch_rules if r.matches(provider, model)), None)

    def maker(self, model: CatalogModel) -> str | None:
        """The maker of a model (who trains it), whoever serves it; None if not known."""
        key = (model.price_ref, model.id, id(self.makers))
        kept = _MAKERS.get(key)
        if kept is not None and kept[0] is self.makers:  # asked of every platform, often
            return kept[1]
        found = None
        for ref in (model.price_ref, model.id):
            found = next((maker.name for maker in self.makers if maker.makes(ref)), None)
            if found is not None:
                break
        if len(_MAKERS) > 65536:
            _MAKERS.clear()
        _MAKERS[key] = (self.makers, found)
        return found

    def published_weights(self, model_id: str) -> bool:
        """The model's weights are published, by its maker's catalog entry (sourced)."""
        return any(maker.publishes(model_id) for maker in self.makers)

    def source(self, source_id: str | None) -> Source | None:
        return None if source_id is None else self.sources.get(source_id)

    def fine_tunable(self) -> list[CatalogModel]:
        return [m for m in self.models.values() if m.fine_tuning is not None]


# A model's maker, per catalog's makers (kept alive with the answer, so an id is theirs).
_MAKERS: dict[tuple[str, str, int], tuple[tuple[Maker, ...], str | None]] = {}

# Per catalog object (advisor.costs.prices.per_catalog), looked up many times per estimate.
_RULES: dict[tuple[object, ...], tuple[object, object]] = {}
