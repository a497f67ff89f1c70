"""The price catalog as plain, immutable records.

NamedTuples rather than dataclasses: their classes are defined on every headless run, where
a frozen dataclass costs several times as much to define. For the same reason the cost
modules that define records do without `from __future__ import annotations`: string
annotations make each NamedTuple compile them at definition.
"""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from advisor.errors import BadInput
from advisor.suggest import closest


class Source(NamedTuple):
    id: str
    name: str
    as_of: date
    url: str = ""


class TokenPrices(NamedTuple):
    """USD per 1M tokens."""

    input: Decimal
    output: Decimal
    cached: Decimal | None = None  # a cached prompt prefix, read back
    cache_write: Decimal | None = None  # writing that prefix, where it is billed apart


class FineTuning(NamedTuple):
    """Where and how a model can be fine-tuned, and what the fine-tune costs."""

    provider: str
    method: str
    training_per_1m: Decimal
    hosting_per_hour: Decimal
    source: str
    prices: TokenPrices | None = None  # None: `price_ref` in genai-prices
    price_ref: str | None = None
    price_provider: str | None = None
    closes: date | None = None  # no new training jobs from this day
    closing_source: str | None = None
    hosting_source: str | None = None
    inference_source: str | None = None  # for `prices`, when not `source`
    note: str = ""


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


class Embedding(NamedTuple):
    id: str
    label: str
    price_ref: str
    price_provider: str
    per_1m: Decimal  # used with custom prices, when genai-prices is not consulted
    source: str


class VectorStore(NamedTuple):
    id: str
    label: str
    monthly_minimum: Decimal
    per_1m_reads: Decimal
    reads_per_query: Decimal
    source: str


class EpochRule(NamedTuple):
    """OpenAI's automatic number of epochs, from the number of training examples."""

    target: int
    min_target_examples: int
    max_target_examples: int
    min: int
    max: int
    source: str

    def epochs(self, examples: int) -> int:
        if examples <= 0:
            return self.target
        if examples * self.target < self.min_target_examples:
            return min(self.max, self.min_target_examples // examples)
        if examples * self.target > self.max_target_examples:
            return max(self.min, self.max_target_examples // examples)
        return self.target


class Assumptions(NamedTuple):
    days_per_month: int
    hours_per_month: int
    ft_prompt_share: Decimal
    hybrid_prompt_share: Decimal
    output_tokens: int
    retrieved_chunks: int
    chunk_tokens: int
    documents_tokens: int
    training_runs: int
    min_priced_examples: int
    closing_soon_days: int
    retiring_soon_days: int
    payback_months: int
    vector_store: str
    reembed_every_days: dict[str, int]
    ft_upkeep_hours_per_month: int
    engineering_hour_usd: Decimal
    traffic_hours_per_day: int

    @property
    def ft_upkeep_monthly(self) -> Decimal:
        return self.ft_upkeep_hours_per_month * self.engineering_hour_usd


class Shutdown(NamedTuple):
    """The day a model stops being served, with the source that says so."""

    provider: str  # genai-prices provider id
    model: str  # genai-prices model id
    on: date
    source: str


class Retention(NamedTuple):
    """One cache lifetime a provider sells, and what writing the prefix for it costs."""

    minutes: int
    write: str  # genai-prices' price key for the write, if it lists one
    write_premium: Decimal  # otherwise: this times the input price


class CacheRule(NamedTuple):
    """How a provider bills a prompt prefix that repeats on every request."""

    providers: tuple[str, ...]  # shell-style patterns of genai-prices provider ids
    models: tuple[str, ...]  # shell-style patterns of model ids
    min_prefix_tokens: int
    retention: tuple[Retention, ...]
    source: str
    unverified: tuple[str, ...] = ()

    def matches(self, provider: str, model: str) -> bool:
        from fnmatch import fnmatchcase

        provider, model = provider.lower(), model.lower()
        return any(fnmatchcase(provider, p) for p in self.providers) and any(
            fnmatchcase(model, m) for m in self.models
        )


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
    tiers: dict[str, tuple[str, ...]]  # tier name → words of a model id
    source_file: str = ""

    def shutdown(self, provider: str, model: str) -> Shutdown | None:
        return self.shutdowns.get((provider.lower(), model.lower()))

    def cache_rule(self, provider: str, model: str) -> CacheRule | None:
        return next((r for r in self.caching if r.matches(provider, model)), None)

    def tier(self, model_id: str) -> str:
        """small, medium or large, from the words of a model id."""
        import re

        words = set(re.split(r"[-._:/ ]+", model_id.lower()))
        for tier, markers in self.tiers.items():
            if words & set(markers):
                return tier
        return "medium"

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

    def source(self, source_id: str | None) -> Source | None:
        return None if source_id is None else self.sources.get(source_id)

    def fine_tunable(self) -> list[CatalogModel]:
        return [m for m in self.models.values() if m.fine_tuning is not None]
