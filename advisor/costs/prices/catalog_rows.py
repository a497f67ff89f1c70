"""The catalog file's rows — sources, models and the platforms to fine-tune them on — as
pydantic models, with the value types every part of the file shares.

Only a cache miss (or a test) imports this module (through `advisor.costs.prices.catalog_file`).
"""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
)

from advisor.costs.prices import records as c
from advisor.costs.prices import rules as r


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
    verified: StrictBool = True


Serving = Literal[tuple(c.SERVING)]  # type: ignore[valid-type]
FineTuningField = Literal[
    "training_per_1m",
    "hosting_per_hour",
    "prices",
    "serving",
    "closes",
    "storage_per_month",
    "gpu_tokens_per_second",
    "training_tokens_per_second",
    "lifecycle",
    "epochs",
    "batch",
]


def _optional_decimal(value: float | int | None) -> Decimal | None:
    return None if value is None else _decimal(value)


class AccessRuleIn(_Strict):
    provider: Text
    window_days: PositiveCount
    question: Text
    qualifying_choice: Text
    source: SourceId

    def to_domain(self, rule_id: str) -> c.AccessRule:
        return c.AccessRule(
            rule_id,
            self.provider,
            self.window_days,
            self.question,
            self.qualifying_choice,
            self.source,
        )


class FineTuningIn(_Strict):
    provider: Text
    method: Text
    serving: Serving
    training_per_1m: Amount | None = None
    hosting_per_hour: Amount | None = None
    source: SourceId
    input_per_1m: Amount | None = None
    cached_per_1m: Amount | None = None
    output_per_1m: Amount | None = None
    ft_price_ref: Text | None = None
    ft_price_provider: Text | None = None
    closes: date | None = None
    closing_source: SourceId | None = None
    closed_to_new: date | None = None
    access_rule: Text | None = None
    access_from: date | None = None
    access_source: SourceId | None = None
    hosting_source: SourceId | None = None
    inference_source: SourceId | None = None
    storage_per_month: Amount = 0
    gpu: StrictStr = ""
    gpu_tokens_per_second: Count = 0
    training_tokens_per_second: Count = 0
    production: StrictBool = True
    unverified: list[FineTuningField] = Field(default_factory=list)
    note: StrictStr = ""
    epochs: PositiveCount | None = None
    epochs_source: SourceId | None = None
    batch: StrictBool = False
    retires: date | None = None
    retires_source: SourceId | None = None

    def to_domain(self, model: ModelIn, rules: dict[str, c.AccessRule]) -> c.FineTuning:
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
            serving=self.serving,
            training_per_1m=_optional_decimal(self.training_per_1m),
            hosting_per_hour=_optional_decimal(self.hosting_per_hour),
            source=self.source,
            prices=prices,
            price_ref=self.ft_price_ref,
            price_provider=self.ft_price_provider or model.price_provider,
            closes=self.closes,
            closing_source=self.closing_source,
            closed_to_new=self.closed_to_new,
            access=None if self.access_rule is None else rules[self.access_rule],
            access_from=self.access_from,
            access_source=self.access_source,
            hosting_source=self.hosting_source,
            inference_source=self.inference_source,
            storage_per_month=_decimal(self.storage_per_month),
            gpu=self.gpu,
            gpu_tokens_per_second=self.gpu_tokens_per_second,
            training_tokens_per_second=self.training_tokens_per_second,
            production=self.production,
            unverified=tuple(self.unverified),
            note=" ".join(self.note.split()),
            epochs=self.epochs or 0,
            epochs_source=self.epochs_source,
            batch=self.batch,
            retires=self.retires,
            retires_source=self.retires_source,
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
    retires_no_earlier_than: date | None = None
    fine_tune_only: StrictBool = False
    unverified: list[Literal["retires", "prices", "retires_no_earlier_than"]] = Field(
        default_factory=list
    )
    open_weights: StrictBool = False
    same_model: list[Text] = Field(default_factory=list)
    # The row's model prompted without a fine-tune, where its label names the fine-tune
    # ("Llama 3.1 8B with LoRA, self-hosted" is prompted as "Llama 3.1 8B, self-hosted").
    prompted_label: Text | None = None

    def to_domain(
        self,
        model_id: str,
        shutdowns: dict[tuple[str, str], r.Shutdown],
        rules: dict[str, c.AccessRule],
    ) -> c.CatalogModel:
        # A row that is the genai-prices model under its own id shuts down with it; a
        # platform (Azure, Vertex, …) keeps its own schedule, so it inherits nothing.
        inherited = None
        if model_id == self.price_ref:
            inherited = shutdowns.get((self.price_provider.lower(), self.price_ref.lower()))
        retires, lifecycle = self.retires, self.lifecycle_source
        successor, successor_source = "", None
        if retires is None and inherited is not None:
            retires, lifecycle = inherited.on, inherited.source
            successor = inherited.successor
            successor_source = inherited.successor_source or inherited.source
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
            fine_tuning=(
                None if self.fine_tuning is None else self.fine_tuning.to_domain(self, rules)
            ),
            retires_no_earlier_than=self.retires_no_earlier_than,
            fine_tune_only=self.fine_tune_only,
            unverified=tuple(self.unverified),
            open_weights=self.open_weights,
            same_model=tuple(p.lower() for p in self.same_model),
            successor=successor,
            successor_source=successor_source,
            prompted_label=self.prompted_label or self.label,
        )


