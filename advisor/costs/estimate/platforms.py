"""Every place to fine-tune, priced side by side for one set of answers (which one the
advice uses is `advisor.costs.estimate.targets`' choice).

A platform is a catalog row with a fine-tuning table; what is open on a day, to whom, and
until when comes from its dated lifecycle fields, never from code.
"""

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from advisor.costs.estimate import approach_costs as ap
from advisor.costs.estimate import arithmetic as cm
from advisor.costs.estimate import fine_tune_costs as fc
from advisor.costs.estimate import yearplan as yp
from advisor.costs.prices import lifecycle, pricer_for
from advisor.costs.prices.per_catalog import kept
from advisor.costs.prices.pricer_for import FineTunePrices
from advisor.costs.prices.records import Catalog, CatalogModel, same_model, tuned_until
from advisor.costs.prices.rules import CacheRule


class PlatformCost(NamedTuple):
    model: CatalogModel  # the platform's row
    status: lifecycle.FineTuneStatus
    cost: cm.Cost  # fine-tuning there, for these answers
    prices: FineTunePrices
    rule: CacheRule | None
    open_until: date | None  # the first of: no new jobs, or the fine-tune stops working
    unverified: tuple[str, ...]
    stops: date | None = None  # its fine-tunes stop working inside the first year
    then: CatalogModel | None = None  # the platform priced after that, with a re-tune


def rule_for(catalog: Catalog, model: CatalogModel) -> CacheRule | None:
    return catalog.cache_rule(model.price_provider, model.price_ref)


def unverified(catalog: Catalog, model: CatalogModel, given_gpu_hour: bool) -> tuple[str, ...]:
    """The platform's figures that have no primary source (the same for every set of
    answers: kept per catalog)."""
    return kept(_UNVERIFIED, catalog, (model.id, given_gpu_hour),
                lambda: _unverified(catalog, model, given_gpu_hour))


_UNVERIFIED: dict[tuple[object, ...], tuple[object, object]] = {}


def _unverified(catalog: Catalog, model: CatalogModel, given_gpu_hour: bool) -> tuple[str, ...]:
    ft = model.fine_tuning
    assert ft is not None
    found = list(ft.unverified) + list(model.unverified)

    def weak(source_id: str | None) -> bool:
        source = catalog.source(source_id)
        return source is not None and not source.verified

    if ft.serving != "self_hosted" and weak(ft.source):
        found.append("training_per_1m")
    if weak(ft.inference_source or (ft.source if ft.prices is not None else None)):
        found.append("prices")
    if weak(ft.hosting_source):
        found.append("hosting_per_hour")
    if weak(model.lifecycle_source) or weak(ft.closing_source):
        found.append("lifecycle")
    if ft.serving == "self_hosted":
        found.append("gpu_tokens_per_second")
        found.append("training_tokens_per_second")
        if not given_gpu_hour and weak(catalog.assumptions.gpu_hour_source):
            found.append("gpu_hour_usd")
    return tuple(dict.fromkeys(found))


def _open_until(status: lifecycle.FineTuneStatus) -> date | None:
    days = [d for d in (status.closes, status.retires) if d is not None]
    return min(days) if days else None


class Platforms:
    """Every platform open to this user today, priced for one set of answers: the whole
    list, cheapest first in its first year (`all`), is priced when first asked for; one
    platform (`one`) alone when it can be — the advice mostly prices the platform the
    answers name, and the list only goes into a report. `closed`: every other platform,
    with why it is not open."""

    def __init__(self, ctx: ap.Context, catalog: Catalog, given_gpu_hour: bool) -> None:
        self._ctx, self._catalog, self._given = ctx, catalog, given_gpu_hour
        self._open: dict[str, tuple[CatalogModel, lifecycle.FineTuneStatus]] = {}
        self.closed: dict[str, str] = {}
        for model, status in lifecycle.statuses(catalog, ctx.today, ctx.inputs.access):
            if status.available:
                self._open[model.id] = (model, status)
            else:
                self.closed[model.id] = status.reason
        self._all: list[PlatformCost] | None = None
        self._by_id: dict[str, PlatformCost] = {}

    def open_rows(self) -> list[tuple[CatalogModel, lifecycle.FineTuneStatus]]:
        """The open platforms, unpriced, in the catalog's order."""
        return list(self._open.values())

    def some(self, rows: Iterable[CatalogModel]) -> list[PlatformCost]:
        """These open platforms, priced, as the whole list has them."""
        found = [self.one(model.id) for model in rows]
        return [p for p in found if p is not None]

    def all(self) -> list[PlatformCost]:
        if self._all is None:
            self._all = _price_all(self._ctx, self._catalog, self._given, self._open.values())
            self._by_id = {p.model.id: p for p in self._all}
        return self._all

    def one(self, platform_id: str) -> PlatformCost | None:
        """The platform as the whole list has it (None: not open). One whose fine-tunes
        stop inside the year is billed with the cheapest lasting platform after that day,
        which takes pricing them all."""
        found = self._by_id.get(platform_id)
        if found is not None or self._all is not None:
            return found
        row = self._open.get(platform_id)
        if row is None:
            return None
        p = _priced(self._ctx, self._catalog, self._given, *row)
        if _stops(p, self._ctx) is not None:
            self.all()
            return self._by_id.get(platform_id)
        found = self._by_id[platform_id] = _billed(self._ctx, self._catalog, p, None)
        return found


_PRICED: dict[tuple[object, ...], Platforms] = {}


def price_all(ctx: ap.Context, catalog: Catalog, given_gpu_hour: bool) -> Platforms:
    """Every platform open to this user today, priced as asked (see Platforms). The same
    for every model prompted: kept per set of inputs and day."""
    key = (catalog.source_file, ctx.today, ctx.inputs, ctx.judge.rates(), given_gpu_hour)
    found = _PRICED.get(key)
    if found is None:
        if len(_PRICED) > 1024:
            _PRICED.clear()
        found = _PRICED[key] = Platforms(ctx, catalog, given_gpu_hour)
    return found


def _priced(
    ctx: ap.Context,
    catalog: Catalog,
    given_gpu_hour: bool,
    model: CatalogModel,
    status: lifecycle.FineTuneStatus,
) -> PlatformCost:
    """One platform's costs for these answers, at today's prices (before the year)."""
    i = ctx.inputs
    prices = pricer_for.fine_tune_prices(catalog, model, ctx.today, i.batch, i.gpu_hour)
    rule = rule_for(catalog, model)
    cost = ap.fine_tuning_only(ctx, prices, rule)
    return PlatformCost(
        model,
        status,
        cost,
        prices,
        rule,
        _open_until(status),
        unverified(catalog, model, given_gpu_hour),
    )


def _price_all(
    ctx: ap.Context,
    catalog: Catalog,
    given_gpu_hour: bool,
    rows: Iterable[tuple[CatalogModel, lifecycle.FineTuneStatus]],
) -> list[PlatformCost]:
    priced = [_priced(ctx, catalog, given_gpu_hour, model, status) for model, status in rows]
    priced.sort(key=lambda p: (p.cost.first_year, p.model.id))
    lasting = [p for p in priced if _stops(p, ctx) is None and p.status.production]
    priced = [_billed(ctx, catalog, p, lasting[0] if lasting else None) for p in priced]
    priced.sort(key=lambda p: (p.cost.first_year, p.model.id))
    return priced


def _stops(p: PlatformCost, ctx: ap.Context) -> date | None:
    end = yp.horizon(ctx.today, ctx.days)
    retires = tuned_until(p.model)
    return retires if retires is not None and ctx.today < retires < end else None


def _billed(
    ctx: ap.Context, catalog: Catalog, p: PlatformCost, replacement: PlatformCost | None
) -> PlatformCost:
    """A platform's first year as it can bill it: its own dated prices, and — when its
    fine-tunes stop working inside the year — the replacement's month after that day, with
    a re-tune there; never twelve months of a service that ends."""
    end = yp.horizon(ctx.today, ctx.days)
    stops = _stops(p, ctx)
    then = replacement if stops is not None and replacement is not None else None
    days = yp.change_days(p.model) | ({stops} if then is not None else set())
    cut_days = yp.cuts(ctx.today, end, days)
    if len(cut_days) == 1:
        return p
    i = ctx.inputs

    def price_on(day: date) -> yp.Costs:
        if then is not None and stops is not None and day >= stops:
            return {"fine_tuning": then.cost}
        prices = pricer_for.fine_tune_prices(catalog, p.model, day, i.batch, i.gpu_hour)
        return {"fine_tuning": ap.fine_tuning_only(ctx._replace(today=day), prices, p.rule)}

    billed, _ = yp.bill(ctx.today, ctx.days, cut_days, price_on)
    cost = yp.with_year(p.cost, billed["fine_tuning"])
    if then is not None and stops is not None:
        retune = next(
            (usd for what, usd in then.cost.one_time_items if what.startswith("training")), 0
        )
        evaluation = next(
            (usd for what, usd in then.cost.one_time_items if what.startswith("evaluation")), 0
        )
        runs = max(i.training_runs, 1)
        item = (
            f"re-tuning on {then.model.label} [{then.model.id}] when fine-tunes of "
            f"{p.model.label} stop working on {stops.isoformat()}: a training run and an "
            "evaluation",
            (retune + evaluation) / runs,
        )
        kept = tuple(x for x in cost.first_year_items if not x[0].startswith(fc.RETUNE))
        cost = cost._replace(first_year_items=(*kept, item))
    return p._replace(cost=cost, stops=stops if then is not None else None,
                      then=None if then is None else then.model)


def platform_for(model: CatalogModel, catalog: Catalog) -> CatalogModel | None:
    """The platform that fine-tunes the model prompted: itself, or a catalog platform of
    the same genai-prices model (Nova Lite prompted through genai-prices' AWS id is tuned
    on Bedrock's Nova Lite platform)."""
    if model.fine_tuning is not None:
        return model
    rows = [r for r in catalog.fine_tunable() if not r.fine_tune_only]
    ref = (model.price_provider, model.price_ref)
    exact = [r for r in rows if (r.price_provider, r.price_ref) == ref]
    return next(iter(exact or [r for r in rows if same_model(model, r)]), None)
