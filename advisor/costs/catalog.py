"""The price catalog as plain, immutable objects, and loading it from its TOML file.

The records are NamedTuples rather than dataclasses: their classes are defined on every
headless run, where a frozen dataclass costs several times as much to define. For the same
reason the cost modules that define records do without `from __future__ import
annotations`: string annotations make each NamedTuple compile them at definition. The file
format is validated by `advisor.costs.schema` (pydantic) only when the file is not in the
cache: a validated catalog is pickled next to the validated flows, keyed by the file's
bytes and the code that validates it, so a warm headless run reads it without importing
pydantic.
"""

import os
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from advisor.errors import BadInput
from advisor.suggest import closest

CATALOG_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog.toml")
MAX_CATALOG_BYTES = 1024 * 1024


class Source(NamedTuple):
    id: str
    name: str
    as_of: date
    url: str = ""


class TokenPrices(NamedTuple):
    """USD per 1M tokens."""

    input: Decimal
    output: Decimal
    cached: Decimal | None = None


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
    successor: str | None = None
    successor_source: str | None = None
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


class Catalog(NamedTuple):
    checked: date
    assumptions: Assumptions
    epochs: EpochRule
    embedding: Embedding
    vector_stores: dict[str, VectorStore]
    sources: dict[str, Source]
    models: dict[str, CatalogModel]
    source_file: str = ""

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


_LOADED: dict[str, Catalog] = {}


def load_catalog(path: str | None = None) -> Catalog:
    """The validated catalog (the shipped one by default), or BadInput naming the field."""
    from advisor import cache
    from advisor.fileio import read_text

    source = path or CATALOG_FILE
    if source in _LOADED:
        return _LOADED[source]
    text = read_text(source, MAX_CATALOG_BYTES, "catalog")
    cache_file = cache.entry("catalog-", text, code_stamp())
    catalog = cache.read(cache_file, text, Catalog)
    if catalog is None:
        catalog = parse_catalog(text, source)
        cache.write(cache_file, text, catalog)
    _LOADED[source] = catalog
    return catalog


def parse_catalog(text: str, source: str) -> Catalog:
    """Validate catalog text; every failure names `source` and the field."""
    from advisor.costs import schema

    return schema.parse(text, source)


# --- the cache key: the modules that shape a cached catalog or price table -----------------


def code_stamp() -> bytes:
    """Changes whenever the code that shapes a cached catalog or price table changes: the
    modules defining what is pickled and what validates it."""
    if not _STAMP:
        from advisor import cache

        here = os.path.dirname(os.path.abspath(__file__))
        modules = ("catalog.py", "schema.py", "pricing.py")
        _STAMP.append(cache.stamp(os.path.join(here, name) for name in modules))
    return _STAMP[0]


_STAMP: list[bytes] = []
