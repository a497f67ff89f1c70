"""Every place to fine-tune, priced side by side for one set of answers, and the one the
advice uses: the user's choice while it is open to them and lasts, else the open platform
that costs least in its first year for a model of the same tier or above.

A platform is a catalog row with a fine-tuning table; what is open on a day, to whom, and
until when comes from its dated lifecycle fields, never from code.
"""

from datetime import date
from typing import NamedTuple

from advisor.costs import approaches as ap
from advisor.costs import lifecycle, pricers
from advisor.costs import model as cm
from advisor.costs.pricers import FineTunePrices
from advisor.costs.records import CacheRule, Catalog, CatalogModel

TIERS = {"small": 0, "medium": 1, "large": 2}


class PlatformCost(NamedTuple):
    model: CatalogModel  # the platform's row
    status: lifecycle.FineTuneStatus
    cost: cm.Cost  # fine-tuning there, for these answers
    prices: FineTunePrices
    rule: CacheRule | None
    open_until: date | None  # the first of: no new jobs, or the fine-tune stops working
    unverified: tuple[str, ...]


class Choice(NamedTuple):
    chosen: PlatformCost | None  # None: nowhere open that can be priced
    requested: CatalogModel | None  # what the answers asked for (None: nothing fine-tunable)
    moved: str  # why the advice is not on what was asked for, in words ("" when it is)
    why: str = ""  # why what was asked for cannot be used ("" when it can)
    pick: str = ""  # how the platform priced instead was picked, in words


def rule_for(catalog: Catalog, model: CatalogModel) -> CacheRule | None:
    return catalog.cache_rule(model.price_provider, model.price_ref)


def unverified(catalog: Catalog, model: CatalogModel, given_gpu_hour: bool) -> tuple[str, ...]:
    """The platform's figures that have no primary source."""
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


_PRICED: dict[tuple[object, ...], tuple[list[PlatformCost], dict[str, str]]] = {}


def price_all(
    ctx: ap.Context, catalog: Catalog, given_gpu_hour: bool
) -> tuple[list[PlatformCost], dict[str, str]]:
    """Every platform open to this user today, priced and cheapest first (in its first
    year), and every other one with the reason it is not. The same for every model
    prompted: kept per set of inputs and day."""
    key = (id(catalog), ctx.today, ctx.inputs, given_gpu_hour)
    found = _PRICED.get(key)
    if found is None:
        if len(_PRICED) > 1024:
            _PRICED.clear()
        found = _PRICED[key] = _price_all(ctx, catalog, given_gpu_hour)
    return found


def _price_all(
    ctx: ap.Context, catalog: Catalog, given_gpu_hour: bool
) -> tuple[list[PlatformCost], dict[str, str]]:
    i = ctx.inputs
    priced: list[PlatformCost] = []
    closed: dict[str, str] = {}
    for model in catalog.fine_tunable():
        status = lifecycle.fine_tune_status(model, ctx.today, i.access)
        if not status.available:
            closed[model.id] = status.reason
            continue
        prices = pricers.fine_tune_prices(catalog, model, ctx.today, i.batch, i.gpu_hour)
        rule = rule_for(catalog, model)
        cost = ap.fine_tuning_only(ctx, prices, rule)
        priced.append(
            PlatformCost(
                model,
                status,
                cost,
                prices,
                rule,
                _open_until(status),
                unverified(catalog, model, given_gpu_hour),
            )
        )
    priced.sort(key=lambda p: (p.cost.first_year, p.model.id))
    return priced, closed


def platform_for(model: CatalogModel, catalog: Catalog) -> CatalogModel | None:
    """The platform that fine-tunes the model prompted: itself, or a catalog platform of
    the same genai-prices model (Nova Lite prompted through genai-prices' AWS id is tuned
    on Bedrock's Nova Lite platform)."""
    if model.fine_tuning is not None:
        return model
    for row in catalog.fine_tunable():
        same = (row.price_provider, row.price_ref) == (model.price_provider, model.price_ref)
        if same and not row.fine_tune_only:
            return row
    return None


def _tier(catalog: Catalog, model: CatalogModel) -> str:
    return catalog.tier(model.price_ref)


def _why_not(
    requested: CatalogModel | None,
    model: CatalogModel,
    found: PlatformCost | None,
    status: lifecycle.FineTuneStatus | None,
    catalog: Catalog,
) -> str:
    if requested is None:
        why = f"{model.label} cannot be fine-tuned"
        return why + (f" ({model.note.rstrip('.')})" if model.note else "")
    if status is not None and not status.available:
        return status.reason
    if status is not None and not status.production:
        return f"{requested.label} is for evaluating a fine-tune, not for production"
    if status is not None:
        parts = []
        if status.closes is not None:
            parts.append(f"takes no new fine-tuning jobs after {status.closes.isoformat()}")
        if status.retires is not None:
            parts.append(f"stops working on {status.retires.isoformat()}")
        when = " and ".join(parts) or "does not last"
        horizon = catalog.assumptions.payback_months
        return (
            f"{requested.label} {when}: too soon to train, evaluate and repay a fine-tune "
            f"within the {horizon} months it must pay back in"
        )
    return f"{requested.label} cannot be priced"


def choose(
    requested: CatalogModel | None,
    model: CatalogModel,
    priced: list[PlatformCost],
    catalog: Catalog,
    today: date,
    access: str,
) -> Choice:
    """The platform the advice prices: what was asked for while it is open to this user,
    for production, and lasts; else the cheapest that does, of the tier asked for or above
    (of any tier if none is)."""
    by_id = {p.model.id: p for p in priced}
    found = by_id.get(requested.id) if requested is not None else None
    if found is not None and found.status.production and lifecycle.lasts(found.status, catalog):
        return Choice(found, requested, "")
    status = lifecycle.fine_tune_status(requested, today, access) if requested else None
    why = _why_not(requested, model, found, status, catalog)
    usable = [p for p in priced if p.status.production and lifecycle.lasts(p.status, catalog)]
    if not usable:
        return Choice(None, requested, why, why)
    tier = _tier(catalog, requested or model)
    level = TIERS.get(tier, 1)
    same_or_above = [p for p in usable if TIERS.get(_tier(catalog, p.model), 1) >= level]
    best = (same_or_above or usable)[0]
    scope = f"a {tier} model or larger" if same_or_above else "a model of any size"
    pick = f"the platform open today that costs least in its first year for {scope} at your volume"
    moved = f"{why}. {priced_on(best.model)}, {pick}"
    return Choice(best, requested, moved, why, pick)


def priced_on(platform: CatalogModel) -> str:
    return f"The fine-tuning side is priced on {platform.label} [{platform.id}]"
