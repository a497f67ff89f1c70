"""From a conversation's answers to the cost of every approach, with its assumptions and the
prices used.

The result is plain data: the derived facts and the report both read it, so a figure in a
reason and the same figure in the costs table can never differ. The pieces have modules of
their own: the inputs (`inputs`), where prices come from and which model a fine-tune is of
(`prices_chosen`, `targets`), prompt caching (`caching`), each approach's arithmetic
(`approach_costs`), the fine-tune against prompting the same model (`comparison`), other
models worth naming (`alternatives`) and the assumptions in words (`assumptions`).

`priced` is the cost model's one door: the flow's facts (advisor.costs.flow_facts) and
the report's costs section (advisor.costs.explain) both enter through it, and its memo,
keyed on the inputs, keeps what each works out from an estimate beside the estimate.
"""

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from advisor.costs.estimate import alternatives, assumptions, firstyear, prices_chosen, targets
from advisor.costs.estimate import approach_costs as ap
from advisor.costs.estimate import arithmetic as cm
from advisor.costs.estimate import fine_tune_costs as fc
from advisor.costs.estimate import yearplan as yp
from advisor.costs.estimate.alternatives import Prompted, Variant
from advisor.costs.estimate.caching import Caching
from advisor.costs.estimate.comparison import Comparison, compare
from advisor.costs.estimate.inputs import CUSTOM, INPUTS, REQUIRED, SAME, Inputs, read_inputs, ready
from advisor.costs.estimate.platforms import PlatformCost, Platforms
from advisor.costs.estimate.prices_chosen import Target
from advisor.costs.prices import lifecycle
from advisor.costs.prices.catalog import load_catalog
from advisor.costs.prices.pricer_for import PriceUsed, is_batch
from advisor.costs.prices.records import Catalog, CatalogModel
from advisor.costs.prices.request_cost import Rates
from advisor.costs.prices.rules import CacheRule
from advisor.errors import BadInput

__all__ = [
    "CUSTOM", "INPUTS", "SAME", "Estimate", "PriceUsed", "Priced", "estimate", "priced", "ready",
]

FINE_TUNED = ("fine_tuning", "hybrid", "rag_fine_tuning")
GPUS_GROW = ("dedicated_gpu", "self_hosted")  # servings whose GPUs are added as traffic grows


class Estimate(NamedTuple):
    today: date
    inputs: Inputs
    model: CatalogModel | None  # None: custom prices
    ft_status: lifecycle.FineTuneStatus | None  # None: custom prices (always available)
    approaches: dict[str, cm.Cost | None]
    without_caching: dict[str, cm.Cost | None]
    caching: dict[str, Caching]
    cache_rules: dict[str, CacheRule | None]  # "base", "fine_tuned"
    batch: dict[str, bool]  # "base", "fine_tuned": priced at a batch tier
    unavailable: dict[str, str]
    training_tokens_per_run: int
    training_per_run: Decimal | None
    training_epochs: int
    comparison: Comparison | None  # the fine-tune against prompting the same model
    cheaper: Variant | None
    upkeep_monthly: Decimal
    base_rates: Rates  # the prompted model's prices, as the report shows them
    # The prices used, and the current model that prompted costs less than the fine-tune:
    # a search over every featured model, made when a report or a fact first asks for it.
    later: Callable[[], tuple[tuple[PriceUsed, ...], Prompted | None, Prompted | None]]
    notes: tuple[str, ...]
    defaulted: tuple[str, ...] = ()
    fine_tune_default: str | None = None  # the fine-tune priced when none is named
    fine_tune_elsewhere: str = ""  # why the fine-tune is not of the model prompted
    open_platforms: Platforms | None = None  # every open platform, priced when asked
    closed_platforms: tuple[tuple[str, str], ...] = ()  # platform id, why not open
    requested: CatalogModel | None = None  # the fine-tune the answers asked for
    target: Target | None = None  # the model fine-tuned, and the rule that chose it
    ft_asked: bool = False  # the answers name a model to fine-tune (not the one prompted)
    prompting_all_misses: Decimal | None = None  # a month of prompting if the cache never hit
    changes: tuple[yp.Change, ...] = ()  # what changes during the first year, and when

    @property
    def platforms(self) -> tuple[PlatformCost, ...]:
        """Every open platform, cheapest first (a report's list: priced when asked)."""
        return () if self.open_platforms is None else tuple(self.open_platforms.all())

    @property
    def prices_used(self) -> tuple[PriceUsed, ...]:
        return self.later()[0]

    @property
    def cheaper_prompting(self) -> Prompted | None:
        return self.later()[1]

    @property
    def cheaper_retrieval(self) -> Prompted | None:
        """Retrieval with prompts on a current model, when it costs less in its first year
        than RAG plus fine-tuning: the like-for-like alternative to a fine-tune that
        retrieves."""
        return self.later()[2]

    @property
    def ft_available(self) -> bool:
        return self.ft_status is None or self.ft_status.available

    # Like for like: the fine-tune against prompting the model it is of.
    @property
    def savings(self) -> Decimal | None:
        return None if self.comparison is None else self.comparison.savings

    @property
    def savings_without_caching(self) -> Decimal | None:
        c = self.comparison
        return None if c is None else c.savings_without_caching

    def upkeep_of(self, approach: str) -> Decimal:
        """What keeping a fine-tuned approach costs a month beyond its bill: the engineering
        it needs, and a month's share of the retraining it needs every year."""
        cost = self.approaches.get(approach)
        retraining = fc.retraining_monthly(cost) if cost is not None else Decimal(0)
        return self.upkeep_monthly + retraining

    @property
    def payback_months(self) -> Decimal | None:
        return None if self.comparison is None else self.comparison.payback_months

    @property
    def break_even_requests_per_day(self) -> Decimal | None:
        c = self.comparison
        return None if c is None else c.break_even_requests_per_day

    @property
    def same_model(self) -> bool:
        return self.target is None or self.target.relation == targets.SAME_MODEL


class Priced(NamedTuple):
    """One set of answers priced on one day: the estimate, and what the layers above work
    out from it once (the facts a flow reads, the monthly figures replay compares), kept
    with it so that nothing is worked out twice for the same inputs."""

    estimate: Estimate
    views: dict[Any, Any]

    def kept(self, name: Any, work_out: Callable[[Estimate], Any]) -> Any:
        """`work_out(estimate)`, the first time `name` is asked for."""
        views = self.views
        if name not in views:
            views[name] = work_out(self.estimate)
        return views[name]


def priced(facts: Mapping[str, Any], today: date) -> Priced:
    """The one way into the costs of a conversation: the answers priced as of `today` on the
    shipped catalog, kept by their inputs (the only memo of the cost model)."""
    key = (today, inputs_key(facts))
    found = _MEMO.pop(key, None)
    if found is None:
        found = Priced(_estimate(facts, today, load_catalog()), {})
        if len(_MEMO) >= MEMO_SIZE:  # the least recently used goes
            del _MEMO[next(iter(_MEMO))]
    _MEMO[key] = found  # now the most recently used
    return found


# Small, so that replaying thousands of decisions, each with its own numbers, takes the
# memory of replaying hundreds; the flow tools, whose depth-first search comes back to
# thousands of inputs it has priced, ask for more (`keep`).
MEMO_SIZE = 256


def keep(count: int) -> None:
    """Keep up to `count` priced inputs from now on (at least the default)."""
    global MEMO_SIZE
    MEMO_SIZE = max(count, MEMO_SIZE)


def estimate(facts: Mapping[str, Any], today: date, catalog: Catalog | None = None) -> Estimate:
    """The costs of every approach for these answers, priced as of `today` (on `catalog`,
    for a test of another catalog: not kept)."""
    if catalog is None:
        return priced(facts, today).estimate
    return _estimate(facts, today, catalog)


_MEMO: dict[tuple[Any, ...], Priced] = {}


def inputs_key(facts: Mapping[str, Any]) -> tuple[Any, ...]:
    """The inputs as a dict key that tells 1, 1.0 and True apart (they hash alike)."""
    key = []
    get = facts.get
    for name in INPUTS:
        value = get(name)
        kind = type(value)
        if value is None or kind is str:
            key.append(value)
        elif kind is int or kind is float or kind is bool:
            key.append((kind, value))
        else:  # lists (a multi-choice) and anything else: by what they hold
            key.append((kind, repr(value)))
    return tuple(key)


def _estimate(facts: Mapping[str, Any], today: date, catalog: Catalog) -> Estimate:
    if not ready(facts):
        missing = [n for n in REQUIRED if facts.get(n) is None]
        raise BadInput(f"costs: missing answers: {', '.join(missing) or 'custom prices'}")
    inputs, defaulted = read_inputs(facts, catalog)
    if facts.get("model") == CUSTOM:
        p = prices_chosen.custom_prices(facts, today, catalog)
    else:
        p = prices_chosen.catalog_prices(facts, today, catalog, inputs)
    ctx = prices_chosen.context(inputs, catalog, p.embed, today, p.base)
    used = list(p.used)

    raw = ap.prompting(ctx, p.base, p.base_rule)
    tuned_raw: ap.Priced | None = None
    baseline_raw: ap.Priced | None = None
    trained: ap.Training | None = None
    if p.ft is not None and p.target is not None:
        tuned_raw, trained = ap.fine_tuned(ctx, p.ft, p.ft_rule)
        if p.target.relation == targets.SAME_MODEL and not ap.self_hosted(p.ft):
            baseline_raw = raw
        else:
            judged = ctx._replace(judge=p.target.base)
            baseline_raw = ap.prompting_like_the_fine_tune(
                judged, p.target.base, p.target.rule, p.ft
            )
    misses_today = ap.all_misses(ctx, p.base, raw)
    on_today = firstyear.today_costs(raw, tuned_raw, baseline_raw, misses_today)
    year = firstyear.first_year(p, catalog, inputs, today, p.gpu_given, on_today)
    priced = _billed(raw, year, "")
    approaches: dict[str, cm.Cost | None] = dict(priced.costs)
    without: dict[str, cm.Cost | None] = dict(priced.uncached)
    plans = dict(priced.caching)
    unavailable: dict[str, str] = {}
    comparison = None
    cheaper: Variant | None = None
    if p.ft is not None and p.target is not None:
        assert tuned_raw is not None and baseline_raw is not None
        tuned_priced = _billed(tuned_raw, year, "")
        approaches.update(tuned_priced.costs)
        without.update(tuned_priced.uncached)
        plans.update(tuned_priced.caching)
        baseline = _billed(baseline_raw, year, firstyear.BASE)
        cached = any(plan.cached_tokens for plan in (*plans.values(), *baseline.caching.values()))
        comparison = compare(
            priced.costs,
            tuned_priced,
            baseline,
            firstyear.first_years_at(ctx, p, year, catalog),
            searched=cached
            or (year is not None and len(year.cut_days) > 1)
            or p.ft.serving in GPUS_GROW,
            days=ctx.days,
            upkeep=catalog.assumptions.ft_upkeep_monthly
            + fc.retraining_monthly(tuned_priced.costs["fine_tuning"]),
            engineering=catalog.assumptions.ft_upkeep_monthly,
        )
        prices_chosen.fine_tune_prices_used(p, catalog, used)
        tuned = tuned_priced.costs["fine_tuning"]
        if p.status is not None:
            cheaper = alternatives.cheaper_variant(
                catalog, p.status.model, today, ctx, tuned, priced.costs["prompt_engineering"], used
            )
    else:
        assert p.status is not None
        for name in FINE_TUNED:
            approaches[name] = without[name] = None
            unavailable[name] = p.status.reason

    tuned_cost = approaches.get("fine_tuning")
    retrieval: list[PriceUsed] = []
    prices_chosen.retrieval_prices_used(catalog, ctx, inputs, retrieval)

    worked_out: list[tuple[tuple[PriceUsed, ...], Prompted | None, Prompted | None]] = []

    def later() -> tuple[tuple[PriceUsed, ...], Prompted | None, Prompted | None]:
        """The prices used and the cheaper model to prompt (and to retrieve with, where the
        answers need knowledge and RAG plus fine-tuning is priced): read by a report and by
        the flow's late facts only, so worked out once, when first asked for (a plain list,
        as a functools.cache made for every estimate cost more than the work it saved)."""
        if not worked_out:
            extra: list[PriceUsed] = []
            prompted = retrieved = None
            if p.model is not None and p.status is not None and tuned_cost is not None:
                prompted = alternatives.cheaper_prompting(
                    catalog, ctx, p.status.model, tuned_cost, p.model, extra
                )
                rag_tuned = approaches.get("rag_fine_tuning")
                if inputs.knowledge_needed and rag_tuned is not None:
                    retrieved = alternatives.cheaper_prompting(
                        catalog, ctx, p.status.model, rag_tuned, p.model, extra, "rag"
                    )
            extra += firstyear.successors_used(year, catalog, inputs)
            worked_out.append((tuple(_unique(used + extra + retrieval)), prompted, retrieved))
        return worked_out[0]

    misses = _all_misses(misses_today, year, plans["prompt_engineering"])
    batch = {
        "base": is_batch(p.base),
        "fine_tuned": p.ft is not None and is_batch(p.ft.pricer),
    }
    cache_rules = {"base": p.base_rule, "fine_tuned": p.ft_rule}
    written = assumptions.assumptions(
        catalog,
        inputs,
        p.ft,
        plans,
        cache_rules,
        batch,
        ctx.rag_fixed,
        assumptions.Extra(
            custom=p.model is None,
            defaulted=tuple(defaulted),
            epochs=0 if trained is None else trained.epochs,
            base_rates=p.base.rates(),
            ft_rates=None if p.ft is None else p.ft.pricer.rates(),
            model_label="your model" if p.model is None else p.model.label,
        ),
    )
    return Estimate(
        today=today,
        inputs=inputs,
        model=p.model,
        ft_status=p.status,
        approaches=approaches,
        without_caching=without,
        caching=plans,
        cache_rules=cache_rules,
        batch=batch,
        unavailable=unavailable,
        training_tokens_per_run=0 if trained is None else trained.tokens_per_run,
        training_per_run=None if trained is None else trained.per_run,
        training_epochs=0 if trained is None else trained.epochs,
        comparison=comparison,
        cheaper=cheaper,
        upkeep_monthly=catalog.assumptions.ft_upkeep_monthly,
        base_rates=p.base.rates(),
        later=later,
        notes=tuple(p.notes + written),
        defaulted=tuple(defaulted),
        fine_tune_default=p.fine_tune_default,
        fine_tune_elsewhere=p.elsewhere,
        open_platforms=p.platforms,
        closed_platforms=p.closed,
        requested=p.requested,
        target=p.target,
        ft_asked=p.asked,
        prompting_all_misses=misses,
        changes=() if year is None else year.changes,
    )


def _all_misses(
    today: cm.Cost, year: firstyear.FirstYear | None, plan: Caching
) -> Decimal | None:
    """Prompting a month if no request found the prefix cached, as the year's average month
    like every monthly figure of the reasons (None when nothing is cached)."""
    if not plan.cached_tokens:
        return None
    if year is None:
        return today.monthly
    return yp.with_year(today, year.billed.get(firstyear.ALL_MISSES)).average_month


def _billed(priced: ap.Priced, year: firstyear.FirstYear | None, prefix: str) -> ap.Priced:
    """Costs with their first year as billed, and the one-time costs of forced moves."""
    if year is None:
        return priced
    costs = {}
    for name, cost in priced.costs.items():
        moved = yp.with_year(cost, year.billed.get(prefix + name))
        extra = () if prefix else year.items.get(name, ())
        if extra:
            kept = tuple(i for i in moved.first_year_items if not i[0].startswith(fc.RETUNE))
            moved = moved._replace(first_year_items=kept + extra)
        costs[name] = moved
    uncached = {
        name: yp.with_year(cost, year.billed.get(prefix + firstyear.UNCACHED + name))
        for name, cost in priced.uncached.items()
    }
    return priced._replace(costs=costs, uncached=uncached)


def _unique(items: list[PriceUsed]) -> list[PriceUsed]:
    seen: dict[str, PriceUsed] = {}
    for item in items:
        seen.setdefault(item.item, item)
    return list(seen.values())
