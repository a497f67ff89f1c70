"""What one request costs on one model: flat prices from the catalog or the user, or
genai-prices for catalog models.

genai-prices (and the pydantic models it brings) is imported only when a catalog model is
priced and its price table is not cached yet: a run on custom prices never imports it, and
a warm run on a catalog model reads the cached table. Prices are looked up for the run's
date, since genai-prices records dated price changes.
"""

import contextlib
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from advisor.costs.catalog import TokenPrices
from advisor.errors import AdvisorError

MILLION = Decimal(1_000_000)


class Rates(NamedTuple):
    """Per-1M-token prices as shown in the report, with where they come from."""

    prices: TokenPrices
    source: str  # a sentence: the data set or page
    url: str = ""
    as_of: date | None = None
    note: str = ""  # e.g. higher prices above some prompt length


class Pricer(Protocol):
    def request(self, input_tokens: int, output_tokens: int) -> Decimal:
        """USD for one request: `input_tokens` in, `output_tokens` out."""
        ...

    def rates(self) -> Rates: ...


class FlatPricer(NamedTuple):
    """Fixed prices per 1M tokens (catalog rows, custom prices)."""

    prices: TokenPrices
    source: str
    url: str = ""
    as_of: date | None = None

    def request(self, input_tokens: int, output_tokens: int) -> Decimal:
        cost = input_tokens * self.prices.input + output_tokens * self.prices.output
        return cost / MILLION

    def rates(self) -> Rates:
        return Rates(self.prices, self.source, self.url, self.as_of)


class Tiered(NamedTuple):
    """A price per 1M tokens that may step up once a request's input passes a threshold;
    the step applies to all its tokens (genai-prices' "cliff" tiers)."""

    base: Decimal
    tiers: tuple[tuple[int, Decimal], ...] = ()  # (start, price), ascending

    def at(self, input_tokens: int) -> Decimal:
        for start, price in reversed(self.tiers):
            if input_tokens > start:
                return price
        return self.base


class PriceTable(NamedTuple):
    """What genai-prices says about one model on one day, as plain data that can be cached:
    enough to price any request with text in and text out, exactly as genai-prices does."""

    input: Tiered
    output: Tiered
    per_thousand_requests: Decimal
    rates: Rates

    def request(self, input_tokens: int, output_tokens: int) -> Decimal:
        cost = self.input.at(input_tokens) * input_tokens / MILLION
        cost += self.output.at(input_tokens) * output_tokens / MILLION
        if self.per_thousand_requests:
            cost += self.per_thousand_requests / 1000
        return cost


class GenaiPricer:
    """A model in genai-prices, priced as of `day`.

    The model's price table is read from genai-prices once and then kept in the cache
    folder (keyed by the installed genai-prices data and by advisor's code), so a warm run
    neither imports genai-prices nor pydantic.
    """

    __slots__ = ("_table", "day", "model_ref", "provider_id")

    def __init__(self, model_ref: str, provider_id: str, day: date) -> None:
        self.model_ref = model_ref
        self.provider_id = provider_id
        self.day = day
        self._table: PriceTable | None = None

    def table(self) -> PriceTable:
        if self._table is None:
            key = (self.model_ref, self.provider_id, f"{self.day:%Y-%m-%d}")
            tables = _tables()
            table = tables.get(key)
            if table is None:
                table = tables[key] = read_table(self.model_ref, self.provider_id, self.day)
                _save_tables(tables)
            self._table = table
        return self._table

    def request(self, input_tokens: int, output_tokens: int) -> Decimal:
        return self.table().request(input_tokens, output_tokens)

    def rates(self) -> Rates:
        return self.table().rates


def calc_genai(
    model_ref: str, provider_id: str, day: date, input_tokens: int, output_tokens: int
) -> Any:
    """genai-prices' own calculation (imports it)."""
    import genai_prices

    when = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    try:
        return genai_prices.calc_price(
            genai_prices.Usage(input_tokens=input_tokens, output_tokens=output_tokens),
            model_ref=model_ref,
            provider_id=provider_id,
            genai_request_timestamp=when,
        )
    except LookupError:
        raise AdvisorError(
            f"price catalog: genai-prices {genai_prices.__version__} has no model "
            f"'{model_ref}' from provider '{provider_id}'; update the catalog row or install "
            "the genai-prices version the catalog was checked against"
        ) from None


def read_table(model_ref: str, provider_id: str, day: date) -> PriceTable:
    """The model's prices on `day`, from genai-prices (imports it)."""
    import genai_prices

    calc = calc_genai(model_ref, provider_id, day, 1, 1)
    price = calc.model_price
    notes: list[str] = []

    def tiered(value: Any, what: str) -> Tiered:
        if value is None:
            return Tiered(Decimal(0))
        if hasattr(value, "tiers"):
            for tier in value.tiers:
                notes.append(
                    f"{what} ${tier.price} per 1M once a request's input passes "
                    f"{tier.start:,} tokens"
                )
            return Tiered(
                Decimal(value.base),
                tuple((int(t.start), Decimal(t.price)) for t in value.tiers),
            )
        return Tiered(Decimal(value))

    input_price = tiered(price.input_mtok, "input")
    output_price = tiered(price.output_mtok, "output")
    cached = price.cache_read_mtok
    if cached is not None and hasattr(cached, "base"):
        cached = cached.base
    urls = calc.provider.pricing_urls or []
    rates = Rates(
        prices=TokenPrices(
            input=input_price.base,
            output=output_price.base,
            cached=None if cached is None else Decimal(cached),
        ),
        source=f"genai-prices {genai_prices.__version__} ({calc.provider.name}, "
        f"model '{calc.model.id}')",
        url=urls[0] if urls else "",
        as_of=day,
        note="; ".join(notes),
    )
    requests = getattr(price, "requests_kcount", None)
    return PriceTable(
        input=input_price,
        output=output_price,
        per_thousand_requests=Decimal(requests or 0),
        rates=rates,
    )


# --- the table cache ---------------------------------------------------------------------

_TABLES: dict[tuple[str, str, str], PriceTable] | None = None
_TABLES_FILE: list[tuple[str, str] | None] = []


def _tables_file() -> tuple[str, str] | None:
    """The cache entry for the installed genai-prices data, found without importing it:
    the entry's file and the identity of that data it must match."""
    if not _TABLES_FILE:
        import importlib.util
        import os

        from advisor import cache
        from advisor.costs.catalog import code_stamp

        found = None
        spec = importlib.util.find_spec("genai_prices")
        if spec is not None and spec.origin:
            with contextlib.suppress(OSError):
                info = os.stat(os.path.join(os.path.dirname(spec.origin), "data.py"))
                identity = f"{spec.origin}:{info.st_size}:{info.st_mtime_ns}"
                path = cache.entry("prices-", identity, code_stamp())
                found = None if path is None else (path, identity)
        _TABLES_FILE.append(found)
    return _TABLES_FILE[0]


def _tables() -> dict[tuple[str, str, str], PriceTable]:
    global _TABLES
    if _TABLES is None:
        from advisor import cache

        kept = _tables_file()
        _TABLES = (cache.read(kept[0], kept[1], dict) if kept else None) or {}
    return _TABLES


def _save_tables(tables: dict[tuple[str, str, str], PriceTable]) -> None:
    from advisor import cache

    kept = _tables_file()
    if kept is None:
        return
    if len(tables) > 500:  # one entry per model and day: keep the newest days
        for key in sorted(tables, key=lambda k: k[2])[: len(tables) - 500]:
            del tables[key]
    cache.write(kept[0], kept[1], tables)


def per_1k_to_per_1m(value: float | int) -> Decimal:
    """A price per 1,000 tokens (as users type them) per 1M tokens, exactly."""
    return Decimal(str(value)) * 1000
