"""What one request costs on one model: flat prices from the catalog or the user, or
genai-prices for catalog models.

genai-prices (and the pydantic models it brings) is imported only when a catalog model is
priced: a run on custom prices never imports it. Prices are looked up for the run's date,
since genai-prices records dated price changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, Protocol

from advisor.costs.catalog import TokenPrices
from advisor.errors import AdvisorError

MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Rates:
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


@dataclass(frozen=True)
class FlatPricer:
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


@dataclass
class GenaiPricer:
    """A model in genai-prices, priced as of `day`; tiered prices are applied per request."""

    model_ref: str
    provider_id: str
    day: date
    _memo: dict[tuple[int, int], Decimal] = field(default_factory=dict, repr=False)
    _rates: Rates | None = field(default=None, repr=False)

    def _calc(self, input_tokens: int, output_tokens: int) -> Any:
        import genai_prices

        when = datetime(self.day.year, self.day.month, self.day.day, 12, tzinfo=UTC)
        try:
            return genai_prices.calc_price(
                genai_prices.Usage(input_tokens=input_tokens, output_tokens=output_tokens),
                model_ref=self.model_ref,
                provider_id=self.provider_id,
                genai_request_timestamp=when,
            )
        except LookupError:
            raise AdvisorError(
                f"price catalog: genai-prices {genai_prices.__version__} has no model "
                f"'{self.model_ref}' from provider '{self.provider_id}'; update the catalog "
                "row or install the genai-prices version the catalog was checked against"
            ) from None

    def request(self, input_tokens: int, output_tokens: int) -> Decimal:
        key = (input_tokens, output_tokens)
        cost = self._memo.get(key)
        if cost is None:
            cost = self._memo[key] = Decimal(self._calc(input_tokens, output_tokens).total_price)
        return cost

    def rates(self) -> Rates:
        if self._rates is None:
            self._rates = self._describe()
        return self._rates

    def _describe(self) -> Rates:
        import genai_prices

        calc = self._calc(1, 1)
        price = calc.model_price
        tiers: list[str] = []

        def base(value: Any, what: str) -> Decimal | None:
            if value is None:
                return None
            if hasattr(value, "base"):  # tiered: the base price, the tiers noted
                for tier in value.tiers:
                    tiers.append(f"{what} ${tier.price} per 1M above {tier.start:,} input tokens")
                return Decimal(value.base)
            return Decimal(value)

        prices = TokenPrices(
            input=base(price.input_mtok, "input") or Decimal(0),
            output=base(price.output_mtok, "output") or Decimal(0),
            cached=base(price.cache_read_mtok, "cached input"),
        )
        urls = calc.provider.pricing_urls or []
        return Rates(
            prices=prices,
            source=f"genai-prices {genai_prices.__version__} ({calc.provider.name}, "
            f"model '{calc.model.id}')",
            url=urls[0] if urls else "",
            as_of=self.day,
            note="; ".join(tiers),
        )


def per_1k_to_per_1m(value: float | int) -> Decimal:
    """A price per 1,000 tokens (as users type them) per 1M tokens, exactly."""
    return Decimal(str(value)) * 1000
