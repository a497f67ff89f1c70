"""What one request costs on one model: flat prices from the catalog or the user, or
genai-prices for any other model.

genai-prices (and the pydantic models it brings) is imported only when a model is priced
and its price table is not cached yet: a run on custom prices never imports it, and a warm
run reads the cached table. Prices are looked up for the run's date, since genai-prices
records dated price changes, and for the tier asked for: a workload that can wait is
priced at the provider's batch tier where genai-prices lists one.
"""

import contextlib
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, NamedTuple, Protocol

from advisor.costs.prices.records import TokenPrices
from advisor.errors import AdvisorError

MILLION = Decimal(1_000_000)
ZERO = Decimal(0)
BATCH = {"processing": "batch"}  # genai-prices' price context for the batch tier


class Rates(NamedTuple):
    """Per-1M-token prices as shown in the report, with where they come from."""

    prices: TokenPrices
    source: str  # a sentence: the data set or page
    url: str = ""
    as_of: date | None = None
    note: str = ""  # e.g. higher prices above some prompt length
    batch: bool = False  # these are the batch tier's prices
    verified: bool = True  # False: no primary source for these prices


class UnitPrices(NamedTuple):
    """USD per 1M tokens for one request of a given size; None: not billed separately."""

    input: Decimal
    output: Decimal
    cache_read: Decimal | None = None
    cache_write: Decimal | None = None  # the standard (shortest) retention
    cache_write_1h: Decimal | None = None
    per_request: Decimal = ZERO

    def write(self, key: str, premium: Decimal) -> Decimal:
        """What writing one million tokens to the cache costs under one retention."""
        listed = {"cache_write_mtok": self.cache_write, "cache_write_1h_mtok": self.cache_write_1h}
        price = listed.get(key)
        return price if price is not None else self.input * premium


class Tokens(NamedTuple):
    """One request's tokens (expected values may be fractions: hit rates are averages)."""

    input: Decimal | int  # every input token, cached ones included
    output: Decimal | int
    cache_read: Decimal | int = 0
    cache_written: Decimal | int = 0
    write_price: Decimal | None = None  # per 1M; None: the input price


def cost(prices: UnitPrices, tokens: Tokens) -> Decimal:
    """USD for one request at these prices."""
    read_price = prices.input if prices.cache_read is None else prices.cache_read
    write_price = prices.input if tokens.write_price is None else tokens.write_price
    plain = Decimal(tokens.input) - tokens.cache_read - tokens.cache_written
    total = (
        plain * prices.input
        + tokens.cache_read * read_price
        + tokens.cache_written * write_price
        + tokens.output * prices.output
    )
    return total / MILLION + prices.per_request


class Pricer(Protocol):
    def unit_prices(self, input_tokens: int) -> UnitPrices:
        """The prices that apply to a request with this many input tokens in all."""
        ...

    def rates(self) -> Rates: ...

    def request(self, input_tokens: int, output_tokens: int) -> Decimal:
        """USD for one request, nothing cached."""
        ...


class FlatPricer(NamedTuple):
    """Fixed prices per 1M tokens (catalog rows, custom prices)."""

    prices: TokenPrices
    source: str
    url: str = ""
    as_of: date | None = None
    verified: bool = True

    def unit_prices(self, input_tokens: int) -> UnitPrices:
        p = self.prices
        return UnitPrices(p.input, p.output, p.cached, p.cache_write)

    def request(self, input_tokens: int, output_tokens: int) -> Decimal:
        return cost(self.unit_prices(input_tokens), Tokens(input_tokens, output_tokens))

    def rates(self) -> Rates:
        return Rates(self.prices, self.source, self.url, self.as_of, verified=self.verified)


class Tiered(NamedTuple):
    """A price per 1M tokens that may step up once a request's input passes a threshold;
    the step applies to all its tokens (genai-prices' "cliff" tiers)."""

    base: Decimal
    tiers: tuple[tuple[int, Decimal], ...] = ()  # (start, price), ascending

    def at(self, input_tokens: int | Decimal) -> Decimal:
        for start, price in reversed(self.tiers):
            if input_tokens > start:
                return price
        return self.base


def _at(value: Tiered | None, input_tokens: int | Decimal) -> Decimal | None:
    return None if value is None else value.at(input_tokens)


class PriceTable(NamedTuple):
    """What genai-prices says about one model on one day and tier, as plain data that can be
    cached: enough to price any text request, cached prefixes included, as genai-prices
    does."""

    input: Tiered
    output: Tiered
    cache_read: Tiered | None
    cache_write: Tiered | None
    cache_write_1h: Tiered | None
    per_thousand_requests: Decimal
    rates: Rates

    def unit_prices(self, input_tokens: int | Decimal) -> UnitPrices:
        return UnitPrices(
            input=self.input.at(input_tokens),
            output=self.output.at(input_tokens),
            cache_read=_at(self.cache_read, input_tokens),
            cache_write=_at(self.cache_write, input_tokens),
            cache_write_1h=_at(self.cache_write_1h, input_tokens),
            per_request=self.per_thousand_requests / 1000,
        )

    def request(self, input_tokens: int, output_tokens: int) -> Decimal:
        return cost(self.unit_prices(input_tokens), Tokens(input_tokens, output_tokens))


class GenaiPricer:
    """A model in genai-prices, priced as of `day` (at its batch tier with `batch`).

    The model's price table is read from genai-prices once and then kept in the cache
    folder (keyed by the installed genai-prices data and by advisor's code), so a warm run
    neither imports genai-prices nor pydantic.
    """

    __slots__ = ("_flat", "_table", "batch", "day", "model_ref", "provider_id")

    def __init__(self, model_ref: str, provider_id: str, day: date, batch: bool = False) -> None:
        self.model_ref = model_ref
        self.provider_id = provider_id
        self.day = day
        self.batch = batch
        self._table: PriceTable | None = None
        # The prices of every request when no price steps up with the input (most models):
        # worked out once, not at every request. False: some price is tiered.
        self._flat: UnitPrices | bool | None = None

    def table(self) -> PriceTable:
        if self._table is None:
            day = self.day.isoformat()
            key = (self.model_ref, self.provider_id, day, self.batch)
            tables = _tables(day)
            table = tables.get(key)
            if table is None:
                table = read_table(self.model_ref, self.provider_id, self.day, self.batch)
                tables[key] = table
                _save_tables(day, tables)
            self._table = table
        return self._table

    def unit_prices(self, input_tokens: int) -> UnitPrices:
        flat = self._flat
        if flat is None:
            table = self.table()
            prices = (table.input, table.output, table.cache_read, table.cache_write,
                      table.cache_write_1h)
            tiered = any(p is not None and p.tiers for p in prices)
            flat = self._flat = False if tiered else table.unit_prices(0)
        if flat is False:
            return self.table().unit_prices(input_tokens)
        return flat  # type: ignore[return-value]

    def request(self, input_tokens: int, output_tokens: int) -> Decimal:
        return cost(self.unit_prices(input_tokens), Tokens(input_tokens, output_tokens))

    def rates(self) -> Rates:
        return self.table().rates


def _when(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def calc_genai(
    model_ref: str,
    provider_id: str,
    day: date,
    input_tokens: int,
    output_tokens: int,
    *,
    cache_read: int = 0,
    cache_write: int = 0,
    batch: bool = False,
) -> Any:
    """genai-prices' own calculation (imports it), on the data in use: the bundled data,
    or a fetched file merged over it (advisor.costs.prices.genai_data)."""
    import genai_prices

    from advisor.costs.prices import genai_data

    genai_data.install()

    usage: dict[str, int] = {"input_tokens": input_tokens, "output_tokens": output_tokens}
    if cache_read:
        usage["cache_read_tokens"] = cache_read
    if cache_write:
        usage["cache_write_tokens"] = cache_write
    from genai_prices import data_snapshot

    snapshot = data_snapshot.get_snapshot()
    try:
        # A model by its id first: some ids are not what their match rules accept (a
        # Fireworks model matches only its full path), and the index names models by id.
        provider = snapshot.find_provider(None, provider_id, None) if provider_id else None
        exact = next((m for m in provider.models if m.id == model_ref), None) if provider else None
        if provider is not None and exact is not None:
            return exact.calc_price(
                genai_prices.Usage(**usage),
                provider,
                genai_request_timestamp=_when(day),
                price_context=BATCH if batch else None,
            )
        return genai_prices.calc_price(
            genai_prices.Usage(**usage),
            model_ref=model_ref,
            provider_id=provider_id or None,
            genai_request_timestamp=_when(day),
            price_context=BATCH if batch else None,
        )
    except LookupError:
        raise AdvisorError(
            f"price catalog: genai-prices {genai_prices.__version__} has no model "
            f"'{model_ref}' from provider '{provider_id}'; update the catalog row or install "
            "the genai-prices version the catalog was checked against"
        ) from None


def _batch_active(model: Any, day: date) -> bool:
    for variant in getattr(model, "price_variants", None) or ():
        if variant.when == BATCH and (
            variant.constraint is None or variant.constraint.active(_when(day))
        ):
            return True
    return False


def read_table(model_ref: str, provider_id: str, day: date, batch: bool = False) -> PriceTable:
    """The model's prices on `day`, from genai-prices (imports it)."""
    from advisor.costs.prices import genai_data

    calc = calc_genai(model_ref, provider_id, day, 1, 1)
    batch = batch and _batch_active(calc.model, day)
    if batch:
        calc = calc_genai(model_ref, provider_id, day, 1, 1, batch=True)
    price = calc.model_price
    steps: dict[int, list[str]] = {}  # input tokens past which → what costs what then

    def tiered(key: str, what: str) -> Tiered | None:
        value = getattr(price, key, None)
        if value is None:
            return None
        if hasattr(value, "tiers"):
            for tier in value.tiers:
                steps.setdefault(int(tier.start), []).append(f"{what} ${tier.price}")
            return Tiered(
                Decimal(value.base),
                tuple((int(t.start), Decimal(t.price)) for t in value.tiers),
            )
        return Tiered(Decimal(value))

    input_price = tiered("input_mtok", "input") or Tiered(ZERO)
    output_price = tiered("output_mtok", "output") or Tiered(ZERO)
    read = tiered("cache_read_mtok", "cached input")
    write = tiered("cache_write_mtok", "cache writes")
    write_1h = tiered("cache_write_1h_mtok", "one-hour cache writes")
    urls = calc.provider.pricing_urls or []
    rates = Rates(
        prices=TokenPrices(
            input=input_price.base,
            output=output_price.base,
            cached=None if read is None else read.base,
            cache_write=None if write is None else write.base,
        ),
        source=f"{genai_data.where()} ({calc.provider.name}, "
        f"model '{calc.model.id}'{', batch tier' if batch else ''})",
        url=urls[0] if urls else "",
        as_of=genai_data.data_date() or day,
        note="; ".join(
            f"once a request's input passes {start:,} tokens: {', '.join(prices)} per 1M"
            for start, prices in sorted(steps.items())
        ),
        batch=batch,
    )
    requests = getattr(price, "requests_kcount", None)
    return PriceTable(
        input=input_price,
        output=output_price,
        cache_read=read,
        cache_write=write,
        cache_write_1h=write_1h,
        per_thousand_requests=Decimal(requests or 0),
        rates=rates,
    )


# --- the table cache ---------------------------------------------------------------------
# One file per day of prices: a run reads only the tables of its own day, however many days
# other runs (a test suite, a replay of old transcripts) have priced.

TableKey = tuple[str, str, str, bool]
_TABLES: dict[str, dict[TableKey, PriceTable]] = {}
_IDENTITY: list[str | None] = []


def _identity() -> str | None:
    """The installed genai-prices data, identified without importing it."""
    if not _IDENTITY:
        from advisor.costs.prices.model_index import data_identity

        _IDENTITY.append(data_identity())
    return _IDENTITY[0]


def _tables_file(day: str) -> tuple[str, str] | None:
    from advisor import cache
    from advisor.costs.prices.catalog import code_stamp

    identity = _identity()
    if identity is None:
        return None
    path = cache.entry(f"prices-{day}-", identity, code_stamp())
    return None if path is None else (path, identity)


def _tables(day: str) -> dict[TableKey, PriceTable]:
    if day not in _TABLES:
        from advisor import cache

        kept = _tables_file(day)
        _TABLES[day] = (cache.read(kept[0], kept[1], dict) if kept else None) or {}
    return _TABLES[day]


def _save_tables(day: str, tables: dict[TableKey, PriceTable]) -> None:
    from advisor import cache

    kept = _tables_file(day)
    if kept is None:
        return
    with contextlib.suppress(Exception):
        cache.write(kept[0], kept[1], tables)


def per_1k_to_per_1m(value: float | int) -> Decimal:
    """A price per 1,000 tokens (as users type them) per 1M tokens, exactly."""
    return Decimal(str(value)) * 1000
