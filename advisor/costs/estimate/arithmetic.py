"""The cost model: plain functions on Decimal, exact to the cent.

Nothing here knows about flows, answers or files: callers pass numbers and prices in, and
get USD out. Money is Decimal throughout; rounding happens only when a report is written.
"""

import math
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import NamedTuple

MILLION = Decimal(1_000_000)
MONTHS_PER_YEAR = 12
HALF_A_CENT = Decimal("0.005")  # a saving that rounds to no cent is no saving
MAX_VOLUME = Decimal(10) ** 15  # requests a day: past this, a break-even is none at all


Items = tuple[tuple[str, Decimal], ...]  # (what, USD): the lines a sum is made of


class Cost(NamedTuple):
    """What one approach costs."""

    per_request: Decimal  # tokens and embeddings of one request
    monthly: Decimal  # requests for a month plus the month's fixed fees
    one_time: Decimal  # data, evaluation, training, first embedding of the documents
    fixed_monthly: Decimal = Decimal(0)  # hosting, vector-store minimum, re-embedding
    one_time_items: Items = ()  # what one_time is made of
    first_year_items: Items = ()  # costs of the first year beyond 12 months (retraining)
    year: Decimal | None = None  # the 12 months as billed, day by day; None: 12 × monthly
    months: tuple[Decimal, ...] = ()  # each 30-day month of the year as billed

    @property
    def twelve_months(self) -> Decimal:
        """The year's recurring costs: as billed where prices or models change in it."""
        return MONTHS_PER_YEAR * self.monthly if self.year is None else self.year

    @property
    def average_month(self) -> Decimal:
        return self.twelve_months / MONTHS_PER_YEAR

    @property
    def first_year(self) -> Decimal:
        extra = sum((usd for _, usd in self.first_year_items), Decimal(0))
        return self.one_time + self.twelve_months + extra


def monthly(per_request: Decimal, requests_per_day: Decimal, days: int) -> Decimal:
    """A month of requests: the source article's 30-day month."""
    return per_request * requests_per_day * days


def hosting_monthly(per_hour: Decimal, hours_per_month: int) -> Decimal:
    """Hourly fees run whatever the traffic."""
    return per_hour * hours_per_month


def tokens_cost(tokens: int | Decimal, price_per_1m: Decimal) -> Decimal:
    return Decimal(tokens) * price_per_1m / MILLION


def training_tokens(examples: int, tokens_per_example: int, epochs: int) -> int:
    """Tokens billed for one training run: the data set, once per epoch."""
    return examples * tokens_per_example * epochs


def vector_store_monthly(
    requests_per_day: Decimal,
    days: int,
    reads_per_query: Decimal,
    per_1m_reads: Decimal,
    monthly_minimum: Decimal,
) -> Decimal:
    """Read charges for a month of queries, but never less than the plan's minimum."""
    reads = requests_per_day * days * reads_per_query
    return max(monthly_minimum, tokens_cost(reads, per_1m_reads))


def approach_cost(
    per_request: Decimal,
    requests_per_day: Decimal,
    days: int,
    *,
    fixed_monthly: Decimal = Decimal(0),
    one_time: Items = (),
    first_year: Items = (),
) -> Cost:
    # Every approach of every estimate comes through here: plain loops, no generators.
    kept = [(what, usd) for what, usd in one_time if usd]
    total = Decimal(0)
    for _, usd in kept:
        total += usd
    return Cost(
        per_request,
        per_request * requests_per_day * days + fixed_monthly,  # monthly(), inlined
        total,
        fixed_monthly,
        tuple(kept),
        tuple([(what, usd) for what, usd in first_year if usd]) if first_year else (),
    )


def gpus_for(
    requests_per_day: Decimal, output_tokens: int, peak_to_average: Decimal, per_gpu: int
) -> int:
    """GPUs to serve the busiest hour: its output tokens a second over what one serves."""
    peak = requests_per_day * output_tokens / 86_400 * peak_to_average
    return max(1, math.ceil(peak / per_gpu)) if per_gpu else 1


def payback_months(one_time: Decimal, monthly_saving: Decimal) -> Decimal | None:
    """Months until a monthly saving repays a one-time cost; None if there is no saving
    (none that rounds to a cent)."""
    if monthly_saving < HALF_A_CENT:
        return None
    return one_time / monthly_saving


def break_even_requests_per_day(
    baseline: Cost,
    alternative: Cost,
    days: int,
    horizon_months: int = MONTHS_PER_YEAR,
    upkeep_monthly: Decimal = Decimal(0),
) -> Decimal | None:
    """The daily volume at which `alternative` costs as much as `baseline` over the horizon
    (one-time costs included, and `upkeep_monthly` that only the alternative needs); None
    when it never does — each of its requests costs at least as much — or only past any
    conceivable volume."""
    margin = baseline.per_request - alternative.per_request
    if margin <= 0:
        return None
    def extra(cost: Cost) -> Decimal:
        return sum((usd for _, usd in cost.first_year_items), Decimal(0))

    fixed = (
        (alternative.one_time - baseline.one_time)
        + horizon_months * (alternative.fixed_monthly - baseline.fixed_monthly + upkeep_monthly)
        + (extra(alternative) - extra(baseline))
    )
    volume = fixed / (horizon_months * days * margin)
    if volume <= 0:
        return Decimal(0)
    if volume > MAX_VOLUME:
        return None
    return volume.to_integral_value(rounding=ROUND_CEILING)


def rounded(value: Decimal, places: int) -> float:
    """A plain number for JSON and words, rounded half up to `places` decimals.

    Amounts too large for that precision (absurd volumes, a saving of a fraction of a cent
    against a large one-time cost) keep their float value instead: still finite, never an
    error."""
    if not value.is_finite():
        raise ValueError(f"not a finite amount: {value}")
    if value.adjusted() >= 15:
        number = float(value)
        if not math.isfinite(number):
            raise ValueError(f"{value:.3e} is too large to report")
        return number
    # + 0.0: an amount that rounds to nothing is 0, never -0.0 (a "saving" of minus zero).
    return float(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)) + 0.0


def share_of(tokens: int, share: Decimal) -> int:
    """A whole number of tokens, at least 1, rounding half up."""
    return max(1, math.floor(Decimal(tokens) * share + Decimal("0.5")))


def reported_totals(cost: Cost) -> tuple[Decimal, Decimal]:
    """One-time and first-year totals as reports show them: sums of the items rounded to
    the cent, so that the lines shown always add up to the totals shown, in a table and in
    words alike."""

    def cents(value: Decimal) -> Decimal:
        return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    one_time = sum((cents(usd) for _, usd in cost.one_time_items), Decimal(0))
    extra = sum((cents(usd) for _, usd in cost.first_year_items), Decimal(0))
    # The months as the report shows them, each to the cent: the lines add up to the total.
    year = 12 * cents(cost.monthly) if cost.year is None else sum(map(cents, cost.months))
    return one_time, one_time + year + extra
