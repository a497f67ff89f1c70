"""Prompt caching: what a prompt prefix that repeats on every request really costs.

Providers bill a cached prefix at a fraction of the input price, but only above a minimum
length, and only while the cache still holds it: a prefix seen less often than the cache
lifetime is written again (sometimes at a premium), not read. With requests spread evenly
over the day (a Poisson stream), the share of requests that find the prefix still cached
is 1 − e^(−λ·T), λ the requests per minute and T the lifetime in minutes (each hit renews
the lifetime, as the providers do). Which rules apply is data: the catalog's `[[caching]]`
rules; the prices are the model's own.
"""

from decimal import Decimal
from typing import NamedTuple

from advisor.costs.prices.request_cost import Pricer, Tokens, UnitPrices, cost
from advisor.costs.prices.rules import CacheRule, Retention

ZERO = Decimal(0)
ONE = Decimal(1)
MINUTES_PER_HOUR = 60


class Caching(NamedTuple):
    """How one request's fixed prefix is billed."""

    tokens: Tokens  # the request, with its expected cache reads and writes
    cached_tokens: int  # the prefix billed as cached (0: nothing is)
    hit_rate: Decimal  # share of requests that read it from the cache
    retention: Retention | None  # the cache lifetime chosen
    why_not: str = ""  # when nothing is cached: why, in words


def hit_rate(requests_per_day: Decimal, minutes: int, traffic_hours: int) -> Decimal:
    """The share of requests that arrive while the previous one's prefix is still cached."""
    if requests_per_day <= 0:
        return ZERO
    per_minute = requests_per_day / (traffic_hours * MINUTES_PER_HOUR)
    expected = min(per_minute * minutes, Decimal(1000))  # e^-1000 is 0 to any precision
    return ONE - (-expected).exp()


def _with_retention(
    prices: UnitPrices,
    plain: Tokens,
    fixed: int,
    retention: Retention,
    requests_per_day: Decimal,
    traffic_hours: int,
) -> tuple[Tokens, Decimal]:
    rate = hit_rate(requests_per_day, retention.minutes, traffic_hours)
    reads = rate * fixed
    tokens = plain._replace(
        cache_read=reads,
        cache_written=fixed - reads,
        write_price=prices.write(retention.write, retention.write_premium),
    )
    return tokens, rate


def plan(
    pricer: Pricer,
    rule: CacheRule | None,
    *,
    input_tokens: int,
    output_tokens: int,
    fixed_tokens: int,
    requests_per_day: Decimal,
    traffic_hours: int,
) -> Caching:
    """The cheapest way to bill this request's fixed prefix under the provider's rules:
    the retention that costs least at this traffic, or no caching where caching would
    not save anything."""
    plain = Tokens(input_tokens, output_tokens)
    fixed = min(max(fixed_tokens, 0), input_tokens)
    prices = pricer.unit_prices(input_tokens)
    if fixed == 0:
        return Caching(plain, 0, ZERO, None, "no part of the prompt repeats")
    if rule is None or prices.cache_read is None:
        return Caching(plain, 0, ZERO, None, "the price data lists no cached-input price")
    if prices.cache_read >= prices.input:
        return Caching(plain, 0, ZERO, None, "cached input costs what other input does")
    if fixed < rule.min_prefix_tokens:
        return Caching(
            plain,
            0,
            ZERO,
            None,
            f"the {fixed:,} tokens that repeat are below the {rule.min_prefix_tokens:,}-token "
            "minimum the provider caches",
        )
    best = Caching(plain, 0, ZERO, None, "caching would cost more than it saves at this traffic")
    best_cost = cost(prices, plain)
    for retention in rule.retention:
        tokens, rate = _with_retention(
            prices, plain, fixed, retention, requests_per_day, traffic_hours
        )
        price = cost(prices, tokens)
        if price < best_cost:
            best, best_cost = Caching(tokens, fixed, rate, retention), price
    return best


def request_cost(pricer: Pricer, caching: Caching) -> Decimal:
    return cost(pricer.unit_prices(int(caching.tokens.input)), caching.tokens)
