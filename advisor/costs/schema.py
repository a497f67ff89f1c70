"""The catalog file format, as pydantic models, and its translation into `advisor.costs.catalog`.

Only a cache miss (or a test) imports this module. Every price must be a finite number
≥ 0, every row must name a source that exists, and every model it points to (a
smaller model) must be in the catalog: one message names the file and the field. The rows
(sources, models, platforms) and the value types are in `advisor.costs.schema_rows`.
"""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field, StrictFloat, StrictInt, ValidationError

from advisor.costs import records as c
from advisor.costs.schema_rows import (
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
from advisor.error_words import key_problem, reworded
from advisor.errors import BadInput


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

    def to_domain(self) -> c.Assumptions:
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
        return c.Assumptions(**values)


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

    def to_domain(self) -> c.Retention:
        return c.Retention(self.minutes, self.write or "", _decimal(self.write_premium))


class CacheRuleIn(_Strict):
    providers: list[Text] = Field(min_length=1)
    models: list[Text] = Field(min_length=1)
    min_prefix_tokens: Count
    retention: list[RetentionIn] = Field(min_length=1)
    source: SourceId
    unverified: list[Literal["min_prefix_tokens", "retention"]] = Field(default_factory=list)

    def to_domain(self) -> c.CacheRule:
        return c.CacheRule(
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

    def to_domain(self) -> c.SizeBands:
        return c.SizeBands(
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

    def to_domain(self) -> c.BatchRule:
        return c.BatchRule(
            tuple(self.providers), tuple(self.models), _decimal(self.share), self.source
        )


class PriceDataIn(_Strict):
    max_age_days: PositiveCount
    source: SourceId
    releases: dict[Text, date] = Field(min_length=1)

    def to_domain(self) -> c.PriceData:
        return c.PriceData(self.max_age_days, self.source, dict(self.releases))


class MakerIn(_Strict):
    name: Text
    models: list[Text] = Field(min_length=1)


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

    def shutdown_table(self) -> dict[tuple[str, str], c.Shutdown]:
        return {
            (entry.provider.lower(), model.lower()): c.Shutdown(
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
            epochs=c.EpochRule(**self.epochs.model_dump()),
            embedding=c.Embedding(
                **{**self.embedding.model_dump(), "per_1m": _decimal(self.embedding.per_1m)}
            ),
            vector_stores={
                key: c.VectorStore(
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
            makers=tuple(c.Maker(m.name, tuple(p.lower() for p in m.models)) for m in self.makers),
            batch_rules=tuple(rule.to_domain() for rule in self.batch),
            price_data=self.price_data.to_domain(),
            source_file=source_file,
        )


def _path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if not (isinstance(p, str) and p.startswith(("int", "float")))]
    return ".".join(parts) or "catalog"


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = tuple(first["loc"])
    problem = key_problem(first, f"'{loc[-1]}'") if loc else None
    if problem is not None:
        parent = _path(loc[:-1])
        return problem + (f" in {parent}" if parent != "catalog" else "")
    return f"{_path(loc)}: {reworded(first, 'toml')}"


def _references(raw: CatalogIn) -> list[str]:
    """Cross-references the file format alone cannot check."""
    problems = []
    known_sources = set(raw.sources)

    def need_source(where: str, source_id: str | None) -> None:
        if source_id is not None and source_id not in known_sources:
            problems.append(f"{where}: names the source '{source_id}', which is not in [sources]")

    need_source("epochs.source", raw.epochs.source)
    need_source("embedding.source", raw.embedding.source)
    for key, store in raw.vector_stores.items():
        need_source(f"vector_stores.{key}.source", store.source)
    if raw.assumptions.vector_store not in raw.vector_stores:
        problems.append(
            f"assumptions.vector_store: '{raw.assumptions.vector_store}' is not in [vector_stores]"
        )
    listed: dict[tuple[str, str], int] = {}
    for number, entry in enumerate(raw.shutdowns, start=1):
        need_source(f"shutdowns[{number}].source", entry.source)
        need_source(f"shutdowns[{number}].successor_source", entry.successor_source)
        if entry.successor_source and not entry.successor:
            problems.append(f"shutdowns[{number}]: successor_source without a successor")
        for model in entry.models:
            key = (entry.provider.lower(), model.lower())
            if key in listed:
                problems.append(
                    f"shutdowns[{number}]: {entry.provider}:{model} is already in "
                    f"shutdowns[{listed[key]}] (one date per model and provider)"
                )
            listed.setdefault(key, number)
    for number, rule in enumerate(raw.caching, start=1):
        need_source(f"caching[{number}].source", rule.source)
    if raw.caching[-1].providers != ["*"] or raw.caching[-1].models != ["*"]:
        problems.append("caching: the last rule must match every provider and model (\"*\")")
    need_source("featured.source", raw.featured.source)
    need_source("assumptions.example_cost_source", raw.assumptions.example_cost_source)
    need_source("assumptions.gpu_hour_source", raw.assumptions.gpu_hour_source)
    need_source(
        "assumptions.knowledge_in_prompt_source", raw.assumptions.knowledge_in_prompt_source
    )
    need_source("size_bands.source", raw.size_bands.source)
    need_source("price_data.source", raw.price_data.source)
    for key, rule in raw.access_rules.items():
        need_source(f"access_rules.{key}.source", rule.source)
    for number, rule in enumerate(raw.batch, start=1):
        need_source(f"batch[{number}].source", rule.source)
    if raw.size_bands.small_below > raw.size_bands.large_from:
        problems.append("size_bands: small_below must not be above large_from")
    for model_id, model in raw.models.items():
        where = f"models.{model_id}"
        need_source(f"{where}.lifecycle_source", model.lifecycle_source)
        for name in ("smaller",):
            target = getattr(model, name)
            if target is not None and (target not in raw.models or target == model_id):
                problems.append(f"{where}.{name}: '{target}' is not another catalog model")
        if model.retires is not None and model.lifecycle_source is None:
            problems.append(f"{where}: a retirement date needs a lifecycle_source")
        ft = model.fine_tuning
        if ft is None:
            continue
        need_source(f"{where}.fine_tuning.source", ft.source)
        need_source(f"{where}.fine_tuning.closing_source", ft.closing_source)
        need_source(f"{where}.fine_tuning.hosting_source", ft.hosting_source)
        need_source(f"{where}.fine_tuning.inference_source", ft.inference_source)
        need_source(f"{where}.fine_tuning.access_source", ft.access_source)
        need_source(f"{where}.fine_tuning.epochs_source", ft.epochs_source)
        need_source(f"{where}.fine_tuning.retires_source", ft.retires_source)
        if ft.retires is not None and ft.retires_source is None:
            problems.append(f"{where}.fine_tuning: a retirement date needs a retires_source")
        if ft.epochs is not None and ft.epochs_source is None:
            problems.append(f"{where}.fine_tuning: epochs need an epochs_source")
        if ft.access_rule is not None and ft.access_rule not in raw.access_rules:
            problems.append(
                f"{where}.fine_tuning.access_rule: '{ft.access_rule}' is not in [access_rules]"
            )
        if ft.access_rule and (ft.access_from is None or ft.access_source is None):
            problems.append(f"{where}.fine_tuning: an access rule needs access_from and a source")
        if ft.serving in ("dedicated_gpu", "self_hosted") and not ft.gpu_tokens_per_second:
            problems.append(f"{where}.fine_tuning: {ft.serving} needs gpu_tokens_per_second")
        if ft.serving == "self_hosted" and not ft.training_tokens_per_second:
            problems.append(f"{where}.fine_tuning: self_hosted needs training_tokens_per_second")
        if ft.ft_price_ref is None and (ft.input_per_1m is None or ft.output_per_1m is None):
            problems.append(
                f"{where}.fine_tuning: give input_per_1m and output_per_1m, or ft_price_ref"
            )
        if ft.closes is not None and ft.closing_source is None:
            problems.append(f"{where}.fine_tuning: a closing date needs a closing_source")
    return problems


def parse(text: str, source: str) -> c.Catalog:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BadInput(f"{source}: not valid TOML: {error}") from None
    try:
        parsed = CatalogIn.model_validate(raw)
    except ValidationError as error:
        raise BadInput(f"{source}: {_describe(error)}") from None
    for problem in _references(parsed):
        raise BadInput(f"{source}: {problem}")
    return parsed.to_domain(source)
