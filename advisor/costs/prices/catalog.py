"""The price catalog: loading it from its TOML file, validated and cached.

The records live in `advisor.costs.prices.records`; the file format is validated by
`advisor.costs.prices.catalog_file` (pydantic) only when the file is not in the cache: a validated
catalog is pickled next to the validated flows, keyed by the file's bytes and the code that
validates it, so a warm headless run reads it without importing pydantic.
"""

import os

from advisor.costs.prices.records import Catalog, CatalogModel, FineTuning, Source, TokenPrices
from advisor.costs.prices.rules import Assumptions, Embedding, EpochRule, VectorStore

__all__ = [
    "CATALOG_FILE",
    "Assumptions",
    "Catalog",
    "CatalogModel",
    "Embedding",
    "EpochRule",
    "FineTuning",
    "Source",
    "TokenPrices",
    "VectorStore",
    "code_stamp",
    "load_catalog",
    "parse_catalog",
]

CATALOG_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "catalog.toml")
MAX_CATALOG_BYTES = 1024 * 1024


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
    from advisor.costs.prices import catalog_read

    return catalog_read.parse(text, source)


# --- the cache key: the modules that shape a cached catalog or price table -----------------


def code_stamp() -> bytes:
    """Changes whenever the code that shapes a cached catalog or price table changes: the
    modules defining what is pickled and what validates it."""
    if not _STAMP:
        from advisor import cache

        here = os.path.dirname(os.path.abspath(__file__))
        modules = (
            "catalog.py",
            "records.py",
            "catalog_file.py",
            "catalog_read.py",
            "catalog_rows.py",
            "request_cost.py",
            "model_index.py",
        )
        _STAMP.append(cache.stamp(os.path.join(here, name) for name in modules))
    return _STAMP[0]


_STAMP: list[bytes] = []
