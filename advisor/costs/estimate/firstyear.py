"""An estimate's first year as it will be billed (see `advisor.costs.estimate.yearplan`): the plan
of which model and platform serve from which day — the model prompted until it shuts down,
then its successor from the data; the fine-tune until its base model retires, then the
platform the same rule picks on that day — the pieces of the year, the changes said in
words, and what each forced move costs once (re-testing prompts, re-tuning)."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from advisor.costs.estimate import approach_costs as ap
from advisor.costs.estimate import arithmetic as cm
from advisor.costs.estimate import fine_tune_costs as fc
from advisor.costs.estimate import platforms, targets
from advisor.costs.estimate import yearplan as yp
from advisor.costs.estimate.comparison import FirstYears
from advisor.costs.estimate.inputs import Inputs
from advisor.costs.estimate.prices_chosen import Prices, context, rule_for
from advisor.costs.prices import model_lookup, pricer_for
from advisor.costs.prices.model_index import model_index
from advisor.costs.prices.pricer_for import PriceUsed
from advisor.costs.prices.records import Catalog, CatalogModel, tuned_until
from advisor.costs.prices.request_cost import Pricer
from advisor.costs.prices.rules import Assumptions

BASE = "_base:"  # prefix of the like-for-like baseline's costs among a piece's costs
UNCACHED = "_uncached:"  # prefix of the same costs with nothing cached
ALL_MISSES = "_all_misses:prompt_engineering"  # prompting if the cache never hit


class FirstYear(NamedTuple):
    plan: yp.Plan
    cut_days: tuple[date, ...]
    billed: dict[str, tuple[Decimal, tuple[Decimal, ...]]]
    changes: tuple[yp.Change, ...]
    items: dict[str, cm.Items]  # first-year items the forced moves add, per approach
    price_on: Callable[[date, Inputs], yp.Costs]


def prompted_in_year(
    model: CatalogModel | None, catalog: Catalog, today: date, end: date
) -> tuple[tuple[date, CatalogModel | None], ...]:
    """The model prompted from today, and its successor from the day it shuts down if
    that is before `end`."""
    prompted: list[tuple[date, CatalogModel | None]] = [(today, model)]
    if model is not None and model.retires is not None and today < model.retires < end:
        successor = model_lookup.successor(model, catalog, model.retires)
        if successor is not None:
            prompted.append((model.retires, successor))
    return tuple(prompted)


def make_plan(
    p: Prices, catalog: Catalog, inputs: Inputs, today: date, end: date, gpu_given: bool
) -> yp.Plan:
    prompted = prompted_in_year(p.model, catalog, today, end)
    model = p.model
    platform = p.target.model if p.target is not None and p.ft is not None else None
    tuned: list[tuple[date, CatalogModel | None]] = [(today, platform)]
    stops = None if platform is None else tuned_until(platform)
    if platform is not None and stops is not None and today < stops < end:
        day = stops
        base = pricer_for.base_pricer(model, day, inputs.batch) if model else p.base
        ctx = context(inputs, catalog, pricer_for.embedding_pricer(catalog, day, False), day, base)
        priced = platforms.price_all(ctx, catalog, gpu_given)
        named = model if model is not None else platform
        then = targets.choose(None, named, named, priced, catalog, day, inputs.access).chosen
        if then is not None:
            tuned.append((day, then.model))
    return yp.Plan(prompted, tuple(tuned))


def _pricer_for(p: Prices, model: CatalogModel | None, day: date, batch: bool) -> Pricer:
    return p.base if model is None else pricer_for.base_pricer(model, day, batch)


def pricing(p: Prices, catalog: Catalog, plan: yp.Plan) -> Callable[[date, Inputs], yp.Costs]:
    """The costs of every approach, and of the like-for-like baseline, on a given day."""
    custom = p.model is None
    same = p.target is None or p.target.relation == targets.SAME_MODEL

    def price_on(day: date, inputs: Inputs) -> yp.Costs:
        model, platform = plan.on(day)
        base = _pricer_for(p, model, day, inputs.batch)
        embed = pricer_for.embedding_pricer(catalog, day, custom)
        ctx = context(inputs, catalog, embed, day, base)
        rule = p.base_rule if model is None else rule_for(catalog, model)
        priced = ap.prompting(ctx, base, rule)
        costs = dict(priced.costs)
        costs.update({UNCACHED + k: v for k, v in priced.uncached.items()})
        costs[ALL_MISSES] = ap.all_misses(ctx, base, priced)
        ft = p.ft
        if platform is not None:
            ft = pricer_for.fine_tune_prices(catalog, platform, day, inputs.batch, inputs.gpu_hour)
        if ft is not None:
            ft_rule = p.ft_rule if platform is None else rule_for(catalog, platform)
            tuned = ap.fine_tuned(ctx, ft, ft_rule)[0]
            costs.update(tuned.costs)
            costs.update({UNCACHED + k: v for k, v in tuned.uncached.items()})
            # Like for like: prompting the very model fine-tuned, on its own schedule — the
            # model prompted may move to a successor while the fine-tune goes on.
            if platform is None:
                baseline = priced
            else:
                own = p.model if same and p.model is not None else platform
                theirs = pricer_for.base_pricer(own, day, inputs.batch)
                at = ctx._replace(judge=theirs)
                baseline = ap.prompting_like_the_fine_tune(at, theirs, rule_for(catalog, own), ft)
            costs.update({BASE + k: v for k, v in baseline.costs.items()})
            costs.update({BASE + UNCACHED + k: v for k, v in baseline.uncached.items()})
        return costs

    return price_on


def move_item(
    old: CatalogModel, new: CatalogModel, day: date, inputs: Inputs, a: Assumptions
) -> tuple[str, Decimal]:
    """Moving prompts to the successor of a model that shuts down: the test set run on it,
    with a judge."""
    per_request = pricer_for.base_pricer(new, day, inputs.batch).request(
        inputs.prompt_tokens, inputs.output_tokens
    )
    what = (
        f"moving to {new.label} [{new.id}] when {old.label} shuts down on "
        f"{day.isoformat()}: your test set run on it, with a judge"
    )
    return what, fc.evaluation_run(per_request, per_request, a)


def _moves(
    p: Prices, catalog: Catalog, plan: yp.Plan, inputs: Inputs
) -> tuple[list[yp.Change], dict[str, cm.Items]]:
    """The forced moves of the plan, said in words, and what each costs once."""
    a = catalog.assumptions
    changes: list[yp.Change] = []
    items: dict[str, list[tuple[str, Decimal]]] = {}
    if len(plan.prompted) > 1:
        (_, old), (day, new) = plan.prompted[0], plan.prompted[1]
        assert old is not None and new is not None
        moving = move_item(old, new, day, inputs, a)
        for name in ("prompt_engineering", "rag"):
            items.setdefault(name, []).append(moving)
        changes.append(
            yp.Change(
                day,
                old.id,
                f"{old.label} shuts down; {new.label} is priced from this day",
                {},
            )
        )
    if len(plan.tuned) > 1:
        (_, old), (day, new) = plan.tuned[0], plan.tuned[1]
        assert old is not None and new is not None
        prices = pricer_for.fine_tune_prices(catalog, new, day, inputs.batch, inputs.gpu_hour)
        epochs = ap.epochs_for(inputs, prices)
        run = fc.training_run(
            prices, cm.training_tokens(inputs.examples_priced, inputs.tokens_per_example, epochs)
        )
        per_request = prices.pricer.request(inputs.ft_prompt_tokens, inputs.output_tokens)
        evaluation = fc.evaluation_run(per_request, per_request, a)
        what = (
            f"re-tuning on {new.label} [{new.id}] when fine-tunes of {old.label} stop working "
            f"on {day.isoformat()}: a training run and an evaluation"
        )
        for name in ("fine_tuning", "hybrid", "rag_fine_tuning"):
            items.setdefault(name, []).append((what, run + evaluation))
        changes.append(
            yp.Change(
                day,
                old.id,
                f"fine-tunes of {old.label} stop working; the fine-tune is priced on "
                f"{new.label} [{new.id}] from this day",
                {},
            )
        )
    return changes, {k: tuple(v) for k, v in items.items()}


def _usd(price: Decimal) -> str:
    """A price as the data gives it, with at least the cents: $1.50, $0.075."""
    text = f"{price:,.8f}".rstrip("0")
    whole, _, cents = text.partition(".")
    return f"${whole}.{cents.ljust(2, '0')}"


def _price_words(model: CatalogModel, day: date, batch: bool) -> str:
    """A dated price change, as the price data gives it: each price before and after."""
    before = pricer_for.base_pricer(model, day - timedelta(days=1), batch).rates().prices
    after = pricer_for.base_pricer(model, day, batch).rates().prices
    parts = [
        f"{what} {_usd(old)} → {_usd(new)}"
        for what, old, new in (
            ("input", before.input, after.input),
            ("cached input", before.cached, after.cached),
            ("output", before.output, after.output),
        )
        if old is not None and new is not None and old != new
    ]
    said = ", ".join(parts) if parts else "its prices change"
    return f"{model.label}: {said} per 1M tokens (genai-prices' dated prices)"


def today_costs(
    prompted: ap.Priced, tuned: ap.Priced | None, baseline: ap.Priced | None,
    all_misses: cm.Cost,
) -> yp.Costs:
    """The estimate's own costs of today, laid out as `pricing`'s price_on gives a day's:
    the year's first piece, not worked out a second time."""
    costs = dict(prompted.costs)
    costs.update({UNCACHED + k: v for k, v in prompted.uncached.items()})
    costs[ALL_MISSES] = all_misses
    if tuned is not None and baseline is not None:
        costs.update(tuned.costs)
        costs.update({UNCACHED + k: v for k, v in tuned.uncached.items()})
        costs.update({BASE + k: v for k, v in baseline.costs.items()})
        costs.update({BASE + UNCACHED + k: v for k, v in baseline.uncached.items()})
    return costs


def embedding_change_days(catalog: Catalog) -> set[date]:
    """The days genai-prices records new prices for the catalog's embedding model."""
    emb = catalog.embedding
    changed = model_index().change_days(emb.price_provider, emb.price_ref)
    return {date.fromisoformat(d) for d in changed}


def first_year(
    p: Prices,
    catalog: Catalog,
    inputs: Inputs,
    today: date,
    gpu_given: bool,
    on_today: yp.Costs | None = None,
) -> FirstYear | None:
    """None for custom prices: the user's own prices have no dates. `on_today`: the
    estimate's costs of today (`today_costs`), priced already."""
    if p.model is None:
        return None
    a = catalog.assumptions
    end = yp.horizon(today, a.days_per_month)
    plan = make_plan(p, catalog, inputs, today, end, gpu_given)
    days: set[date] = set()
    for _, model in (*plan.prompted, *plan.tuned):
        days |= yp.change_days(model)
    days |= {start for start, _ in (*plan.prompted[1:], *plan.tuned[1:])}
    days |= embedding_change_days(catalog)
    emb = catalog.embedding
    cut_days = yp.cuts(today, end, days)
    price_on = pricing(p, catalog, plan)

    def piece(day: date) -> yp.Costs:
        return on_today if on_today is not None and day == today else price_on(day, inputs)

    billed, pieces = yp.bill(today, a.days_per_month, cut_days, piece)
    forced, items = _moves(p, catalog, plan, inputs)
    changes: list[yp.Change] = []
    for index_, day in enumerate(cut_days[1:], start=1):
        after = yp.moved(pieces[index_ - 1], pieces[index_])
        if not after:
            continue
        said = [c for c in forced if c.day == day]
        if said:
            changes += [c._replace(monthly_after=after) for c in said]
            continue
        model, platform = plan.on(day)
        for who in (model, platform):
            if who is not None and day in yp.change_days(who):
                words = _price_words(who, day, inputs.batch)
                changes.append(yp.Change(day, who.id, words, after))
                break
        else:
            changes.append(yp.Change(day, emb.id, f"{emb.label}: its prices change", after))
    return FirstYear(plan, cut_days, billed, tuple(changes), items, price_on)


def first_years_at(
    ctx: ap.Context, p: Prices, year: FirstYear | None, catalog: Catalog
) -> FirstYears:
    """At a given volume: the first year of prompting the model fine-tuned, and of the
    fine-tune — as billed, day by day, where the year has pieces — with the engineering
    upkeep only the fine-tune needs (its retraining is among its first-year items)."""
    assert p.ft is not None and p.target is not None
    upkeep = cm.MONTHS_PER_YEAR * catalog.assumptions.ft_upkeep_monthly

    def first_years(requests: Decimal) -> tuple[Decimal, Decimal]:
        inputs = ctx.inputs._replace(requests_per_day=requests)
        if year is None:
            at = ctx._replace(inputs=inputs)
            base = ap.prompting_like_the_fine_tune(
                at, p.target.base, p.target.rule, p.ft
            ).costs["prompt_engineering"]
            trained = ap.fine_tuned(at, p.ft, p.ft_rule)[0].costs["fine_tuning"]
            return base.first_year, trained.first_year + upkeep
        days = catalog.assumptions.days_per_month
        billed, pieces = yp.bill(
            ctx.today, days, year.cut_days, lambda d: year.price_on(d, inputs)
        )
        key = BASE + "prompt_engineering"
        base = yp.with_year(pieces[0][key], billed[key])
        trained = yp.with_year(pieces[0]["fine_tuning"], billed["fine_tuning"])
        moves = sum((usd for _, usd in year.items.get("fine_tuning", ())), Decimal(0))
        return base.first_year, trained.first_year + moves + upkeep

    return first_years


def successors_used(
    year: FirstYear | None, catalog: Catalog, inputs: Inputs
) -> list[PriceUsed]:
    """The prices of what the year moves to (a successor prompted from the day its model
    shuts down, a platform fine-tuned on from the day the first stops): they bill months
    of the first year, so the report lists them with their source, from that day."""
    if year is None:
        return []
    found: list[PriceUsed] = []
    for day, model in year.plan.prompted[1:]:
        if model is not None:
            rates = pricer_for.base_pricer(model, day, inputs.batch).rates()
            found += pricer_for.rates_used(f"{model.label}, from {day.isoformat()}", rates)
    for day, platform in year.plan.tuned[1:]:
        if platform is not None:
            prices = pricer_for.fine_tune_prices(catalog, platform, day, inputs.batch,
                                                 inputs.gpu_hour)
            label = f"{platform.label} fine-tuned, from {day.isoformat()}"
            found += pricer_for.rates_used(label, prices.pricer.rates())
    return found
