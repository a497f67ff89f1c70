"""Other models worth naming beside the estimate: a current model that, prompted, would
cost less than the fine-tune, and a smaller model of the fine-tune's family to distil into.
Each is a move to another model, said as such, never a saving of fine-tuning."""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from advisor.costs.estimate import approach_costs as ap
from advisor.costs.estimate import arithmetic as cm
from advisor.costs.estimate import firstyear, targets
from advisor.costs.estimate import yearplan as yp
from advisor.costs.estimate.prices_chosen import rule_for as _rule
from advisor.costs.prices import lifecycle, model_lookup, pricer_for
from advisor.costs.prices.pricer_for import PriceUsed
from advisor.costs.prices.records import Catalog, CatalogModel
from advisor.costs.prices.rules import BANDS


class Variant(NamedTuple):
    """A smaller model to fine-tune instead (distillation), when it is cheaper."""

    model: CatalogModel
    cost: cm.Cost
    savings: Decimal  # against prompting the model prompted, per month


class Prompted(NamedTuple):
    """A current model that, prompted, costs less than the fine-tune."""

    model: CatalogModel
    cost: cm.Cost


def cheaper_prompting(
    catalog: Catalog,
    ctx: ap.Context,
    tuned_on: CatalogModel,
    tuned: cm.Cost,
    prompted: CatalogModel,
    used: list[PriceUsed],
    approach: str = "prompt_engineering",
) -> Prompted | None:
    """The current model in the price band of the model prompted (or the fine-tune's, if
    higher) or above that, prompted with the full prompt, costs least, when it costs less
    than the fine-tune in its first year: never a smaller model than one whose prompts fell
    short. The model prompted and the fine-tune's own model prompted are shown elsewhere.
    `approach`: prompting alone, or "rag" — retrieval with prompts, where the fine-tune it
    is weighed against retrieves too (RAG plus fine-tuning)."""
    level = max(
        BANDS[targets.band(tuned_on, catalog, ctx.today)],
        BANDS[targets.band(prompted, catalog, ctx.today)],
    )
    best: Prompted | None = None
    for found in featured_prompting(catalog, ctx, approach):
        if targets.is_same_model(found.model, tuned_on) or found.model.id == prompted.id:
            continue
        if targets.is_same_model(prompted, found.model):
            continue
        if BANDS[targets.band(found.model, catalog, ctx.today)] < level:
            continue
        if best is None or found.cost.first_year < best.cost.first_year:
            best = found
    if best is None or best.cost.first_year >= tuned.first_year:
        return None
    used += pricer_for.rates_used(
        best.model.label, pricer_for.base_pricer(best.model, ctx.today, ctx.inputs.batch).rates()
    )
    return best


_PROMPTED: dict[tuple[object, ...], list[Prompted]] = {}


def featured_prompting(
    catalog: Catalog, ctx: ap.Context, approach: str = "prompt_engineering"
) -> list[Prompted]:
    """Prompting (or retrieval with prompts) on each current, lasting featured model for
    these inputs (kept per inputs)."""
    key = (catalog.source_file, ctx.today, ctx.inputs, approach)
    if key not in _PROMPTED:
        if len(_PROMPTED) > 1024:
            _PROMPTED.clear()
        found = []
        for model in model_lookup.featured(catalog, ctx.today):
            if not model_lookup.lasting(model, ctx.today, catalog):
                continue
            found.append(Prompted(model, _as_billed(catalog, ctx, model, approach)))
        _PROMPTED[key] = found
    return _PROMPTED[key]


def _prompting_on(
    catalog: Catalog, ctx: ap.Context, model: CatalogModel, day: date, approach: str
) -> cm.Cost:
    base = pricer_for.base_pricer(model, day, ctx.inputs.batch)
    at = ctx._replace(today=day, judge=base)
    if approach == "rag" and day != ctx.today:  # retrieval embeds at that day's prices
        at = at._replace(embed=pricer_for.embedding_pricer(catalog, day, False))
    return ap.prompting(at, base, _rule(catalog, model)).costs[approach]


def _as_billed(
    catalog: Catalog, ctx: ap.Context, model: CatalogModel, approach: str
) -> cm.Cost:
    """Prompting the model for the first year as billed (advisor.costs.estimate.yearplan):
    its dated prices, and its successor from the day it shuts down, as the estimate bills
    the model prompted; never this month × 12 for a price that changes in the year."""
    today = ctx.today
    end = yp.horizon(today, ctx.days)
    prompted = firstyear.prompted_in_year(model, catalog, today, end)
    days = {start for start, _ in prompted[1:]}
    for _, each in prompted:
        days |= yp.change_days(each)
    if approach == "rag":
        days |= firstyear.embedding_change_days(catalog)
    cut_days = yp.cuts(today, end, days)
    cost = _prompting_on(catalog, ctx, model, today, approach)
    if len(cut_days) == 1:
        return cost
    plan = yp.Plan(prompted, ((today, None),))

    def price_on(day: date) -> yp.Costs:
        on, _ = plan.on(day)
        assert on is not None
        return {
            "prompting": cost if day == today else _prompting_on(catalog, ctx, on, day, approach)
        }

    billed, _ = yp.bill(today, ctx.days, cut_days, price_on)
    cost = yp.with_year(cost, billed["prompting"])
    if len(prompted) > 1:
        day, new = prompted[1]
        assert new is not None
        moving = firstyear.move_item(model, new, day, ctx.inputs, catalog.assumptions)
        cost = cost._replace(first_year_items=(*cost.first_year_items, moving))
    return cost


def cheaper_variant(
    catalog: Catalog,
    ft_model: CatalogModel,
    today: date,
    ctx: ap.Context,
    tuned: cm.Cost,
    prompting: cm.Cost,
    used: list[PriceUsed],
) -> Variant | None:
    """The smaller model of the family, fine-tuned, when it can be and costs less."""
    smaller = catalog.models.get(ft_model.smaller or "")
    if smaller is None:
        return None
    status = lifecycle.fine_tune_status(smaller, today, ctx.inputs.access)
    if not status.available or not lifecycle.lasts(status, catalog):
        return None
    prices = pricer_for.fine_tune_prices(catalog, smaller, today, ctx.inputs.batch)
    priced, _ = ap.fine_tuned(ctx, prices, _rule(catalog, smaller))
    cost = priced.costs["fine_tuning"]
    if cost.monthly >= tuned.monthly:
        return None
    used += pricer_for.rates_used(f"{smaller.label} fine-tuned", prices.pricer.rates())
    used.append(
        pricer_for.used(
            f"{smaller.label} fine-tuning, training",
            prices.training_per_1m,
            "1M tokens",
            prices.training_source,
        )
    )
    return Variant(smaller, cost, prompting.monthly - cost.monthly)
