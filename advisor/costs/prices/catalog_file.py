"""The catalog file format, as pydantic models, and its translation into the records of
`advisor.costs.prices.records`.

Only a cache miss (or a test) imports this module. Every price must be a finite number
≥ 0. The rows (sources, models, platforms) and the value types are in
`advisor.costs.prices.catalog_rows`; reading a file and the cross-references the format
alone cannot check are in `advisor.costs.prices.catalog_read`.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, StrictFloat, StrictInt

from advisor.costs.prices import records as c
from advisor.costs.prices import rules as r
from advisor.costs.prices.catalog_rows import (
    AccessRuleIn,
    Amount,
    Count,
    ModelId,
    ModelIn,
    PositiveCount,
    Share,
    SourceId,
    SourceIn,
    Text,
    _decimal,
    _Strict,
)


class ReembedIn(_Strict):
    daily: PositiveCount
    weekly: PositiveCount
    monthly: PositiveCount
    rarely: PositiveCount


class RetrainsIn(_Strict):
    often: Count
    sometimes: Count
    rarely: Count


class AssumptionsIn(_Strict):
    days_per_month: PositiveCount
    hours_per_month: PositiveCount
    ft_prompt_share: Share
    hybrid_prompt_share: Share
    output_tokens: Count
    retrieved_chunks: Count
    chunk_tokens: Count
    documents_tokens: Count
    training_runs: PositiveCount
    min_priced_examples: PositiveCount
    closing_soon_days: Count
    retiring_soon_days: Count
    payback_months: PositiveCount
    vector_store: Text
    reembed_every_days: ReembedIn
    ft_upkeep_hours_per_month: Count
    engineering_hour_usd: Amount
    traffic_hours_per_day: Annotated[StrictInt, Field(ge=1, le=24)]
    peak_to_average: Annotated[StrictFloat | StrictInt, Field(ge=1, le=100)]
    gpu_overhead_share: Share
    eval_cases: Count
    eval_judge_share: Share
    recommended_examples: PositiveCount
    retrains_per_year: RetrainsIn
    retrain_relabel_share: Share
    example_cost_usd: Amount
    expert_example_cost_usd: Amount
    example_cost_source: SourceId
    gpu_hour_usd: Amount
    gpu_hour_source: SourceId
    knowledge_in_prompt_max_tokens: PositiveCount
    knowledge_in_prompt_source: SourceId
    pasted_knowledge_share: Share

    def to_domain(self) -> r.Assumptions:
        values = self.model_dump()
        for name in (
            "ft_prompt_share",
            "hybrid_prompt_share",
            "engineering_hour_usd",
            "peak_to_average",
            "gpu_overhead_share",
            "eval_judge_share",
            "retrain_relabel_share",
            "example_cost_usd",
            "expert_example_cost_usd",
            "gpu_hour_usd",
            "pasted_knowledge_share",
        ):
            values[name] = _decimal(getattr(self, name))
        values["retrains_per_year"] = self.retrains_per_year.model_dump()
        values["reembed_every_days"] = self.reembed_every_days.model_dump()
        return r.Assumptions(**values)


class EpochsIn(_Strict):
    target: PositiveCount
    min_target_examples: PositiveCount
    max_target_examples: PositiveCount
    min: PositiveCount
    max: PositiveCount
    source: SourceId


class EmbeddingIn(_Strict):
    id: Text
    label: Text
    price_ref: Text
    price_provider: Text
    per_1m: Amount
    source: SourceId


class VectorStoreIn(_Strict):
    label: Text
    monthly_minimum: Amount
    per_1m_reads: Amount
    reads_per_query: Amount
    source: SourceId


class ShutdownIn(_Strict):
    provider: Text
    models: list[Text] = Field(min_length=1)
    on: date
    source: SourceId
    successor: Text | None = None
    successor_source: SourceId | None = None


PriceKey = Literal["cache_write_mtok", "cache_write_1h_mtok"]


class RetentionIn(_Strict):
    minutes: Annotated[StrictInt, Field(ge=1, le=7 * 24 * 60)]
    write: PriceKey | None = None
    write_premium: Amount

    def to_domain(self) -> r.Retention:
        return r.Retention(self.minutes, self.write or "", _decimal(self.write_premium))


class CacheRuleIn(_Strict):
    providers: list[Text] = Field(min_length=1)
    models: list[Text] = Field(min_length=1)
    min_prefix_tokens: Count
    retention: list[RetentionIn] = Field(min_length=1)
    source: SourceId
    unverified: list[Literal["min_prefix_tokens", "retention"]] = Field(default_factory=list)

    def to_domain(self) -> r.CacheRule:
        return r.CacheRule(
            providers=tuple(self.providers),
            models=tuple(self.models),
            min_prefix_tokens=self.min_prefix_tokens,
            retention=tuple(r.to_domain() for r in self.retention),
            source=self.source,
            unverified=tuple(self.unverified),
        )


class FeaturedIn(_Strict):
    source: SourceId
    models: list[Text] = Field(min_length=1)


class SizeBandsIn(_Strict):
    input_weight: PositiveCount
    output_weight: PositiveCount
    small_below: Amount
    large_from: Amount
    source: SourceId

    def to_domain(self) -> r.SizeBands:
        return r.SizeBands(
            self.input_weight,
            self.output_weight,
            _decimal(self.small_below),
            _decimal(self.large_from),
            self.source,
        )


class BatchRuleIn(_Strict):
    providers: list[Text] = Field(min_length=1)
    models: list[Text] = Field(min_length=1)
    share: Share
    source: SourceId

    def to_domain(self) -> r.BatchRule:
        return r.BatchRule(
            tuple(self.providers), tuple(self.models), _decimal(self.share), self.source
        )


class PriceDataIn(_Strict):
    max_age_days: PositiveCount
    source: SourceId
    releases: dict[Text, date] = Field(min_length=1)

    def to_domain(self) -> r.PriceData:
        return r.PriceData(self.max_age_days, self.source, dict(self.releases))


class MakerIn(_Strict):
    name: Text
    models: list[Text] = Field(min_length=1)
    # Its models whose weights are published (genai-prices id patterns), with the source
    # that says so: a model among them can be fine-tuned even where no platform prices it.
    open_weights: list[Text] = Field(default_factory=list)
    open_weights_source: SourceId | None = None


class CatalogIn(_Strict):
    checked: date
    assumptions: AssumptionsIn
    epochs: EpochsIn
    embedding: EmbeddingIn
    vector_stores: dict[Text, VectorStoreIn] = Field(min_length=1)
    sources: dict[SourceId, SourceIn] = Field(min_length=1)
    shutdowns: list[ShutdownIn] = Field(default_factory=list)
    caching: list[CacheRuleIn] = Field(min_length=1)
    featured: FeaturedIn
    size_bands: SizeBandsIn
    makers: list[MakerIn] = Field(min_length=1)
    batch: list[BatchRuleIn] = Field(default_factory=list)
    price_data: PriceDataIn
    access_rules: dict[Text, AccessRuleIn] = Field(default_factory=dict)
    models: dict[ModelId, ModelIn] = Field(min_length=1)

    def shutdown_table(self) -> dict[tuple[str, str], r.Shutdown]:
        return {
            (entry.provider.lower(), model.lower()): r.Shutdown(
                entry.provider,
                model,
                entry.on,
                entry.source,
                entry.successor or "",
                entry.successor_source or "",
            )
            for entry in self.shutdowns
            for model in entry.models
        }

    def to_domain(self, source_file: str) -> c.Catalog:
        shutdowns = self.shutdown_table()
        rules = {key: rule.to_domain(key) for key, rule in self.access_rules.items()}
        return c.Catalog(
            checked=self.checked,
            assumptions=self.assumptions.to_domain(),
            epochs=r.EpochRule(**self.epochs.model_dump()),
            embedding=r.Embedding(
                **{**self.embedding.model_dump(), "per_1m": _decimal(self.embedding.per_1m)}
            ),
            vector_stores={
                key: r.VectorStore(
                    id=key,
                    label=store.label,
                    monthly_minimum=_decimal(store.monthly_minimum),
                    per_1m_reads=_decimal(store.per_1m_reads),
                    reads_per_query=_decimal(store.reads_per_query),
                    source=store.source,
                )
                for key, store in self.vector_stores.items()
            },
            sources={
                key: c.Source(id=key, name=s.name, url=s.url, as_of=s.as_of, verified=s.verified)
                for key, s in self.sources.items()
            },
            models={key: m.to_domain(key, shutdowns, rules) for key, m in self.models.items()},
            access_rules=rules,
            shutdowns=shutdowns,
            caching=tuple(rule.to_domain() for rule in self.caching),
            featured=tuple(self.featured.models),
            featured_source=self.featured.source,
            size_bands=self.size_bands.to_domain(),
            makers=tuple(
                r.Maker(m.name, tuple(p.lower() for p in m.models),
                        tuple(p.lower() for p in m.open_weights), m.open_weights_source)
                for m in self.makers
            ),
            batch_rules=tuple(rule.to_domain() for rule in self.batch),
            price_data=self.price_data.to_domain(),
            source_file=source_file,
        )
