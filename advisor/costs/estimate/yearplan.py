"""The first year as it will be billed: prices that change on known dates, a model that
shuts down and the successor priced after it, a fine-tune whose base model retires and the
platform it must move to — priced day by day from the day of the advice, not as this
month × 12.

A plan says which model and which platform are billed from which day; the year is cut
where anything in it changes (genai-prices' dated prices, the catalog's shutdowns), each
piece priced on its first day, and the pieces summed day by day (30-day months, as
everywhere). Nothing here decides anything: the estimate's choices are billed as they will
be, and every change is listed with the day it takes effect.
"""

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from advisor.costs.estimate import arithmetic as cm
from advisor.costs.prices.per_catalog import kept
from advisor.costs.prices.records import CatalogModel

Costs = dict[str, cm.Cost]


class Change(NamedTuple):
    day: date
    model: str  # the model or platform id whose change it is
    what: str  # in words
    monthly_after: dict[str, Decimal]  # the approaches it moves, a month from that day


class Plan(NamedTuple):
    """Which model is prompted and which platform fine-tuned on, from which day."""

    prompted: tuple[tuple[date, CatalogModel | None], ...]  # (from, model), in order
    tuned: tuple[tuple[date, CatalogModel | None], ...]  # (from, platform), in order

    def on(self, day: date) -> tuple[CatalogModel | None, CatalogModel | None]:
        model = next(m for start, m in reversed(self.prompted) if start <= day)
        platform = next(p for start, p in reversed(self.tuned) if start <= day)
        return model, platform


class Year(NamedTuple):
    billed: dict[str, tuple[Decimal, tuple[Decimal, ...]]]  # twelve months as billed, each
    changes: tuple[Change, ...]
    cuts: tuple[date, ...]  # the first day of each piece of the year


def change_days(model: CatalogModel | None) -> frozenset[date]:
    """The days genai-prices records new prices for a model, or for the fine-tuned model a
    platform row names."""
    if model is None:
        return frozenset()
    from advisor.costs.prices.model_index import model_index

    index = model_index()
    ft = model.fine_tuning
    key = (model.price_provider, model.price_ref,
           None if ft is None else (ft.price_provider, ft.price_ref))
    return kept(_CHANGE_DAYS, index, key, lambda: _change_days(index, model))


_CHANGE_DAYS: dict[tuple[object, ...], tuple[object, object]] = {}


def _change_days(index: Any, model: CatalogModel) -> frozenset[date]:
    days = {date.fromisoformat(d) for d in index.change_days(model.price_provider, model.price_ref)}
    ft = model.fine_tuning
    if ft is not None and ft.price_ref:
        provider = ft.price_provider or model.price_provider
        days |= {date.fromisoformat(d) for d in index.change_days(provider, ft.price_ref)}
    return frozenset(days)


def horizon(today: date, days_per_month: int) -> date:
    return today + timedelta(days=cm.MONTHS_PER_YEAR * days_per_month)


def cuts(today: date, end: date, days: AbstractSet[date]) -> tuple[date, ...]:
    return (today, *sorted(d for d in days if today < d < end))


def bill(
    today: date, days_per_month: int, cut_days: tuple[date, ...], price_on: Callable[[date], Costs]
) -> tuple[dict[str, tuple[Decimal, tuple[Decimal, ...]]], list[Costs]]:
    """Each approach's twelve months, day by day: every piece of the year at the prices of
    its first day, a day being a thirtieth of a month; and each 30-day month apart."""
    total_days = cm.MONTHS_PER_YEAR * days_per_month
    offsets = [(d - today).days for d in cut_days] + [total_days]
    pieces = [price_on(d) for d in cut_days]
    # Which pieces each month overlaps, and by how many days: the same for every
    # approach, and most months overlap exactly as the one before (one piece, 30 days).
    spans = []
    for month in range(cm.MONTHS_PER_YEAR):
        start, end = month * days_per_month, (month + 1) * days_per_month
        span = []
        for index in range(len(pieces)):
            overlap = min(end, offsets[index + 1]) - max(start, offsets[index])
            if overlap > 0:
                span.append((index, overlap))
        spans.append(tuple(span))
    distinct = list(dict.fromkeys(spans))
    which = [distinct.index(span) for span in spans]
    billed: dict[str, tuple[Decimal, tuple[Decimal, ...]]] = {}
    for name in pieces[0]:
        daily = [piece[name].monthly / days_per_month for piece in pieces]
        amounts = []
        for span in distinct:
            amount = Decimal(0)
            for index, overlap in span:
                amount += daily[index] * overlap
            amounts.append(amount)
        months = tuple([amounts[i] for i in which])
        billed[name] = (sum(months, Decimal(0)), months)
    return billed, pieces


def with_year(cost: cm.Cost, billed: tuple[Decimal, tuple[Decimal, ...]] | None) -> cm.Cost:
    """The cost with its year as billed (unchanged when nothing in the year moves it)."""
    if billed is None:
        return cost
    year, months = billed
    if all(m == cost.monthly for m in months):
        return cost._replace(months=months)
    return cost._replace(year=year, months=months)


def moved(before: Costs, after: Costs) -> dict[str, Decimal]:
    """The approaches whose monthly cost a change moves, with their new monthly cost."""
    return {
        name: cost.monthly
        for name, cost in after.items()
        if name in before and cost.monthly != before[name].monthly and not name.startswith("_")
    }
