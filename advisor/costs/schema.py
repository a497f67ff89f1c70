"""The catalog file format, as pydantic models, and its translation into `advisor.costs.catalog`.

Only a cache miss (or a test) imports this module. Every price must be a finite number
≥ 0, every row must name a source that exists, and every model it points to (a
smaller model) must be in the catalog: one message names the file and the field.
"""

from __future__ import annotations

import math
import tomllib
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)

from advisor.costs import records as c
from advisor.errors import BadInput


def _amount(value: Any) -> float | int:
    """A price or a count of money: a TOML number, finite and ≥ 0 (never a string)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a finite number ≥ 0, found {value!r}")
    if (isinstance(value, float) and not math.isfinite(value)) or value < 0:
        raise ValueError(f"expected a finite number ≥ 0, found {value}")
    return value


Amount = Annotated[float | int, PlainValidator(_amount)]
Count = Annotated[StrictInt, Field(ge=0)]
PositiveCount = Annotated[StrictInt, Field(ge=1)]
Share = Annotated[StrictFloat | StrictInt, Field(ge=0, le=1)]
ModelId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.:-]*$", max_length=64)]
SourceId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$", max_length=64)]
Text = Annotated[StrictStr, Field(min_length=1, max_length=500)]


def _decimal(value: float | int) -> Decimal:
    # str() first: Decimal(0.1) would carry the binary float's error into every sum.
    return Decimal(str(value))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceIn(_Strict):
    name: Text
    url: StrictStr = ""
    as_of: date


class FineTuningIn(_Strict):
    provider: Text
    method: Text
    training_per_1m: Amount
    hosting_per_hour: Amount
    source: SourceId
    input_per_1m: Amount | None = None
    cached_per_1m: Amount | None = None
    output_per_1m: Amount | None = None
    ft_price_ref: Text | None = None
    ft_price_provider: Text | None = None
    closes: date | None = None
    closing_source: SourceId | None = None
    hosting_source: SourceId | None = None
    inference_source: SourceId | None = None
    note: StrictStr = ""

    def to_domain(self, model: ModelIn) -> c.FineTuning:
        prices = None
        if self.ft_price_ref is None:
            prices = c.TokenPrices(
                input=_decimal(self.input_per_1m or 0),
                output=_decimal(self.output_per_1m or 0),
                cached=None if self.cached_per_1m is None else _decimal(self.cached_per_1m),
            )
        return c.FineTuning(
            provider=self.provider,
            method=self.method,
            training_per_1m=_decimal(self.training_per_1m),
            hosting_per_hour=_decimal(self.hosting_per_hour),
            source=self.source,
            prices=prices,
            price_ref=self.ft_price_ref,
            price_provider=self.ft_price_provider or model.price_provider,
            closes=self.closes,
            closing_source=self.closing_source,
            hosting_source=self.hosting_source,
            inference_source=self.inference_source,
            note=" ".join(self.note.split()),
        )


class ModelIn(_Strict):
    label: Text
    provider: Text
    price_ref: Text
    price_provider: Text
    retires: date | None = None
    lifecycle_source: SourceId | None = None
    smaller: ModelId | None = None
    note: StrictStr = ""
    fine_tuning: FineTuningIn | None = None

    def to_domain(
        self, model_id: str, shutdowns: dict[tuple[str, str], c.Shutdown]
    ) -> c.CatalogModel:
        # A row that is the genai-prices model under its own id shuts down with it; a
        # platform (Azure, Vertex, …) keeps its own schedule, so it inherits nothing.
        inherited = None
        if model_id == self.price_ref:
            inherited = shutdowns.get((self.price_provider.lower(), self.price_ref.lower()))
        retires, lifecycle = self.retires, self.lifecycle_source
        if retires is None and inherited is not None:
            retires, lifecycle = inherited.on, inherited.source
        return c.CatalogModel(
            id=model_id,
            label=self.label,
            provider=self.provider,
            price_ref=self.price_ref,
            price_provider=self.price_provider,
            retires=retires,
            lifecycle_source=lifecycle,
            smaller=self.smaller,
            note=" ".join(self.note.split()),
            fine_tuning=None if self.fine_tuning is None else self.fine_tuning.to_domain(self),
        )


class ReembedIn(_Strict):
    daily: PositiveCount
    weekly: PositiveCount
    monthly: PositiveCount
    rarely: PositiveCount


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

    def to_domain(self) -> c.Assumptions:
        values = self.model_dump()
        values["ft_prompt_share"] = _decimal(self.ft_prompt_share)
        values["hybrid_prompt_share"] = _decimal(self.hybrid_prompt_share)
        values["engineering_hour_usd"] = _decimal(self.engineering_hour_usd)
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
    unverified: list[Literal["min_prefix_tokens", "retention"]] = []

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


class TiersIn(_Strict):
    small: list[Text]
    large: list[Text]


class CatalogIn(_Strict):
    checked: date
    assumptions: AssumptionsIn
    epochs: EpochsIn
    embedding: EmbeddingIn
    vector_stores: dict[Literal["pgvector", "managed"], VectorStoreIn]
    sources: dict[SourceId, SourceIn] = Field(min_length=1)
    shutdowns: list[ShutdownIn] = []
    caching: list[CacheRuleIn] = Field(min_length=1)
    featured: FeaturedIn
    tiers: TiersIn
    models: dict[ModelId, ModelIn] = Field(min_length=1)

    def shutdown_table(self) -> dict[tuple[str, str], c.Shutdown]:
        return {
            (entry.provider.lower(), model.lower()): c.Shutdown(
                entry.provider, model, entry.on, entry.source
            )
            for entry in self.shutdowns
            for model in entry.models
        }

    def to_domain(self, source_file: str) -> c.Catalog:
        shutdowns = self.shutdown_table()
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
                key: c.Source(id=key, name=s.name, url=s.url, as_of=s.as_of)
                for key, s in self.sources.items()
            },
            models={key: m.to_domain(key, shutdowns) for key, m in self.models.items()},
            shutdowns=shutdowns,
            caching=tuple(rule.to_domain() for rule in self.caching),
            featured=tuple(self.featured.models),
            featured_source=self.featured.source,
            tiers={"small": tuple(self.tiers.small), "large": tuple(self.tiers.large)},
            source_file=source_file,
        )


def _path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if not (isinstance(p, str) and p.startswith(("int", "float")))]
    return ".".join(parts) or "catalog"


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = tuple(first["loc"])
    kind = first["type"]
    if kind in ("extra_forbidden", "missing") and loc:
        what = "unknown key" if kind == "extra_forbidden" else "missing key"
        parent = _path(loc[:-1])
        return f"{what} '{loc[-1]}'" + (f" in {parent}" if parent != "catalog" else "")
    message = str(first["msg"]).removeprefix("Value error, ")
    if message.startswith("Input should be "):
        message = "expected " + message.removeprefix("Input should be ")
    if kind != "value_error":
        found = first.get("input")
        message += f", found {found!r}" if not isinstance(found, dict | list) else ""
    return f"{_path(loc)}: {message}"


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
    for number, entry in enumerate(raw.shutdowns, start=1):
        need_source(f"shutdowns[{number}].source", entry.source)
    for number, rule in enumerate(raw.caching, start=1):
        need_source(f"caching[{number}].source", rule.source)
    if raw.caching[-1].providers != ["*"] or raw.caching[-1].models != ["*"]:
        problems.append("caching: the last rule must match every provider and model (\"*\")")
    need_source("featured.source", raw.featured.source)
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
