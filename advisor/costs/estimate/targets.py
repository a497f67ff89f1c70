"""Which model a fine-tune would be of, and what it is to the model prompted: the same
model, another model of its maker, or another model family.

The order is a consultant's: the model the answers name (the one prompted, or the one they
ask to fine-tune) while a platform for it is open to this user, for production, and lasts;
else that same model on another platform; else a fine-tunable model of the same maker; else
another family. Among several, size comes from list prices (the catalog's `[size_bands]`),
never from words in a name: the cheapest first year among models in the band asked for or
above, or in the highest band open when none is. Every step is said in words, so the report
can name the rule that chose the target.
"""

from datetime import date
from typing import NamedTuple

from advisor.costs.estimate.platforms import PlatformCost, Platforms
from advisor.costs.prices import lifecycle
from advisor.costs.prices.per_catalog import kept
from advisor.costs.prices.records import Catalog, CatalogModel
from advisor.costs.prices.records import same_model as is_same_model
from advisor.costs.prices.rules import BANDS
from advisor.costs.prices.size_bands import band

SAME_MODEL = "same_model"
SAME_VENDOR = "same_vendor"
OTHER_FAMILY = "other_family"
RELATIONS = (SAME_MODEL, SAME_VENDOR, OTHER_FAMILY)

def relation(model: CatalogModel | None, platform: CatalogModel, catalog: Catalog) -> str:
    """What the fine-tuned model is to the model prompted (None: custom prices, which are
    the user's own model)."""
    if model is None or is_same_model(model, platform):
        return SAME_MODEL
    maker = catalog.maker(model)
    if maker is not None and maker == catalog.maker(platform):
        return SAME_VENDOR
    return OTHER_FAMILY


RELATION_WORDS = {
    SAME_MODEL: "the same model as {model}",
    SAME_VENDOR: "another model from the maker of {model}",
    OTHER_FAMILY: "a model of another family than {model}",
}


def relation_words(relation: str, model: str) -> str:
    return RELATION_WORDS[relation].format(model=model)


class Target(NamedTuple):
    chosen: PlatformCost | None  # None: nowhere open that can be priced
    relation: str  # of the chosen platform to the model prompted
    why: str  # which rule chose it, in words (empty: what was asked for, as asked)
    not_usable: str  # why what was asked for is not priced ("" when it is)


def usable(p: PlatformCost, catalog: Catalog) -> bool:
    return p.status.production and lifecycle.lasts(p.status, catalog)


_TOO_SOON = ": a fine-tune there would not last the {months} months it must pay back in"


def why_not(
    requested: CatalogModel | None,
    named: CatalogModel,
    status: lifecycle.FineTuneStatus | None,
    catalog: Catalog,
) -> str:
    """Why the platform asked for is not the one priced, in words."""
    if requested is None:
        why = lifecycle.no_platform_words(named)
        return why + (f" ({named.note.rstrip('.')})" if named.note else "")
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
        return f"{requested.label} {when}" + _TOO_SOON.format(months=horizon)
    return f"{requested.label} cannot be priced"


def _cheapest(pool: list[PlatformCost]) -> PlatformCost:
    return min(pool, key=lambda p: (p.cost.first_year, p.model.id))


def _by_band(
    rows: list[CatalogModel], priced: Platforms, named: CatalogModel, catalog: Catalog,
    today: date,
) -> tuple[PlatformCost, str]:
    """The cheapest first year among models in the named model's price band or above;
    in the highest band open when none is. With the rule in words. A band comes from list
    prices alone, so only the platforms in the band that decides are priced."""
    bands = catalog.size_bands
    wanted = band(named, catalog, today)
    levels = {m.id: BANDS[band(m, catalog, today)] for m in rows}
    above = [m for m in rows if levels[m.id] >= BANDS[wanted]]
    if above:
        return _cheapest(priced.some(above)), (
            f"it costs least in its first year among those in {named.label}'s price band or "
            f"above, {bands.describe(wanted)}"
        )
    top = max(levels.values())
    best = _cheapest(priced.some([m for m in rows if levels[m.id] == top]))
    top_band = band(best.model, catalog, today)
    return best, (
        f"none is in {named.label}'s price band, {bands.describe(wanted)}; it costs least "
        f"in its first year among those in the highest band open, {bands.describe(top_band)}"
    )


def _others_of_maker(
    named: CatalogModel, catalog: Catalog, today: date, access: str
) -> tuple[tuple[str, ...], bool]:
    """Kept per catalog, model, day and access: the same for every volume."""
    return kept(_OTHERS, catalog, (named.id, today, access),
                lambda: _others_of_maker_said(named, catalog, today, access))


_OTHERS: dict[tuple[object, ...], tuple[object, object]] = {}


def _others_of_maker_said(
    named: CatalogModel, catalog: Catalog, today: date, access: str
) -> tuple[tuple[str, ...], bool]:
    """The maker's fine-tunable models and platforms (the named model elsewhere among them)
    that cannot be used, each with why: said, so that a move to another family is never
    made without naming what was considered first. True when some of them only stop too
    soon (said once, after the list, rather than after each)."""
    maker = catalog.maker(named)
    suffix = _TOO_SOON.format(months=catalog.assumptions.payback_months)
    found: list[str] = []
    shared: dict[str, list[str]] = {}  # a reason of the provider's, not of one model
    too_soon = False
    for row in catalog.fine_tunable():
        if maker is None or catalog.maker(row) != maker or row.id == named.id:
            continue
        status = lifecycle.fine_tune_status(row, today, access)
        reason = status.reason or why_not(row, named, status, catalog)
        if reason.endswith(suffix):
            reason, too_soon = reason.removesuffix(suffix), True
        name = f"{row.label} [{row.id}]"
        if reason.startswith(row.label):
            found.append(f"{name} {reason[len(row.label) :].lstrip()}")
        else:
            if reason not in shared:
                found.append(reason)  # a place, filled with its models below
            shared.setdefault(reason, []).append(name)
    return tuple(_with_names(item, shared.get(item)) for item in found), too_soon


def _with_names(item: str, names: list[str] | None) -> str:
    if not names:
        return item
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{listed}: {item}"


def choose(
    requested: CatalogModel | None,
    named: CatalogModel,
    model: CatalogModel,
    priced: Platforms,
    catalog: Catalog,
    today: date,
    access: str,
) -> Target:
    """The platform the advice prices. `requested` is the platform the answers ask for
    (None: the model they name cannot be fine-tuned anywhere), `named` the model they name
    to fine-tune, `model` the one prompted. Only when that platform cannot be used are
    the others priced, to choose among them."""
    found = priced.one(requested.id) if requested is not None else None
    if found is not None and usable(found, catalog):
        return Target(found, relation(model, found.model, catalog), "", "")
    status = lifecycle.fine_tune_status(requested, today, access) if requested else None
    not_usable = why_not(requested, named, status, catalog)
    # The candidates by their rows alone; only those the rule looks among are priced.
    open_ = [m for m, status in priced.open_rows()
             if status.production and lifecycle.lasts(status, catalog)]
    if not open_:
        return Target(None, OTHER_FAMILY, not_usable, not_usable)
    same = [m for m in open_ if is_same_model(named, m)]
    maker = catalog.maker(named)
    kin = [m for m in open_ if maker is not None and catalog.maker(m) == maker]
    if same:
        best = _cheapest(priced.some(same))
        rule = (
            f"{named.label} itself, on another platform: of those open to you for it, "
            "it costs least in its first year"
        )
    elif kin:
        best, how = _by_band(kin, priced, named, catalog, today)
        rule = f"another {maker} model, the nearest kin to {named.label} open to fine-tune: {how}"
    else:
        best, how = _by_band(open_, priced, named, catalog, today)
        considered, too_soon = _others_of_maker(named, catalog, today, access)
        months = catalog.assumptions.payback_months
        soon = f", those with dates too soon for a fine-tune that must pay back in {months} months"
        tried = (
            f"; none of {maker}'s fine-tunable models can be used either"
            f"{soon if too_soon else ''} ({'; '.join(considered)})"
            if considered
            else (f"; no other {maker} model can be fine-tuned" if maker else "")
        )
        rule = f"another model family{tried}. Of the platforms open to you, {how}"
    why = (
        f"{not_usable}. The fine-tune is priced on {best.model.label} [{best.model.id}], "
        f"{rule}"
    )
    return Target(best, relation(model, best.model, catalog), why, not_usable)
