"""What each approach costs for one set of inputs and prices: the requests (their fixed
prefix cached by the provider's rules), the month's fixed fees and the one-time costs —
and the same without caching, so that a report never asks anyone to trust a discount
blindly."""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

from advisor.costs.estimate import arithmetic as cm
from advisor.costs.estimate import caching as cc
from advisor.costs.estimate import fine_tune_costs as fc
from advisor.costs.estimate.inputs import Inputs
from advisor.costs.prices.pricer_for import FineTunePrices
from advisor.costs.prices.request_cost import Pricer
from advisor.costs.prices.rules import Assumptions, CacheRule


class Request(NamedTuple):
    per_request: Decimal  # with the fixed prefix billed as the provider caches it
    uncached: Decimal  # every token at the input price
    caching: cc.Caching


class Priced(NamedTuple):
    costs: dict[str, cm.Cost]
    uncached: dict[str, cm.Cost]
    caching: dict[str, cc.Caching]


class Context(NamedTuple):
    """What every approach of one estimate shares."""

    inputs: Inputs
    embed: Pricer
    rag_fixed: Decimal  # the vector store and re-embedding, a month
    rag_one_time: Decimal  # embedding the documents once
    days: int
    hours: int
    traffic_hours: int
    today: date
    assumptions: Assumptions
    judge: Pricer  # the LLM judge of every evaluation: the model prompted, a strong one


def request(
    ctx: Context, pricer: Pricer, rule: CacheRule | None, input_tokens: int, fixed: int
) -> Request:
    i = ctx.inputs
    plan = cc.plan(
        pricer,
        rule,
        input_tokens=input_tokens,
        output_tokens=i.output_tokens,
        fixed_tokens=fixed,
        requests_per_day=i.requests_per_day,
        traffic_hours=ctx.traffic_hours,
    )
    return Request(
        cc.request_cost(pricer, plan), pricer.request(input_tokens, i.output_tokens), plan
    )


Parts = tuple[Request, Decimal, Decimal, cm.Items, cm.Items]


def _priced(ctx: Context, requests: dict[str, Parts], without_caching: bool = True) -> Priced:
    """Each approach from its request, any per-request extra (a query embedding), its
    fixed monthly fees, its one-time items and its first year's further items; and the
    same with nothing cached, unless `without_caching` is False (comparing platforms)."""
    rpd, days = ctx.inputs.requests_per_day, ctx.days
    costs, uncached, plans = {}, {}, {}
    for name, (req, extra, fixed_monthly, one_time, first_year) in requests.items():
        common = {"fixed_monthly": fixed_monthly, "one_time": one_time, "first_year": first_year}
        costs[name] = cm.approach_cost(req.per_request + extra, rpd, days, **common)
        if without_caching:
            uncached[name] = cm.approach_cost(req.uncached + extra, rpd, days, **common)
        plans[name] = req.caching
    return Priced(costs, uncached, plans)


def prompting(
    ctx: Context, base: Pricer, rule: CacheRule | None, hosting: Decimal = Decimal(0)
) -> Priced:
    """prompt_engineering and rag on the base model (`hosting`: what serving it costs a month
    whatever the traffic, for a model served on GPUs of one's own)."""
    i = ctx.inputs
    query = ctx.embed.request(i.query_tokens, 0)
    zero = Decimal(0)
    return _priced(
        ctx,
        {
            "prompt_engineering": (
                request(ctx, base, rule, *i.prompting()), zero, hosting, (), ()
            ),
            "rag": (
                request(ctx, base, rule, *i.rag()),
                query,
                ctx.rag_fixed + hosting if hosting else ctx.rag_fixed,
                _embedding_once(ctx),
                (),
            ),
        },
    )


def self_hosted(prices: FineTunePrices | None) -> bool:
    return prices is not None and prices.serving == "self_hosted"


def prompting_like_the_fine_tune(
    ctx: Context, base: Pricer, rule: CacheRule | None, tuned: FineTunePrices
) -> Priced:
    """Prompting the model fine-tuned, served as the fine-tune is: on GPUs of one's own for
    a self-hosted fine-tune (the same GPUs, sized as for it, without its adapters' storage),
    never a per-token API beside them, which would make a change of serving look like a
    saving of fine-tuning; else through `base`, its API."""
    if not self_hosted(tuned):
        return prompting(ctx, base, rule)
    platform = tuned.platform
    assert platform is not None and platform.fine_tuning is not None
    gpus = fc.hosting_monthly(ctx.inputs, tuned, ctx.assumptions)
    return prompting(ctx, tuned.pricer, None, gpus - platform.fine_tuning.storage_per_month)


def all_misses(ctx: Context, pricer: Pricer, prompting: Priced) -> cm.Cost:
    """Prompting for a month if no request found the prefix cached: each writes it again,
    at the provider's write price (a premium on some). Prompting as priced where nothing
    is cached."""
    plan = prompting.caching["prompt_engineering"]
    if not plan.cached_tokens:
        return prompting.costs["prompt_engineering"]
    missed = plan.tokens._replace(cache_read=0, cache_written=plan.cached_tokens)
    per_request = cc.request_cost(pricer, plan._replace(tokens=missed))
    return cm.approach_cost(per_request, ctx.inputs.requests_per_day, ctx.days)


def _embedding_once(ctx: Context) -> cm.Items:
    return (("embedding the document collection once", ctx.rag_one_time),)


class Training(NamedTuple):
    per_run: Decimal
    tokens_per_run: int
    epochs: int


def epochs_for(inputs: Inputs, prices: FineTunePrices) -> int:
    """The platform's own default epochs where its row gives them, else OpenAI's rule."""
    ft = prices.platform.fine_tuning if prices.platform is not None else None
    return ft.epochs if ft is not None and ft.epochs else inputs.epochs


def _fine_tuned_parts(
    ctx: Context, prices: FineTunePrices, rule: CacheRule | None, names: tuple[str, ...]
) -> tuple[dict[str, Parts], Training]:
    i, a = ctx.inputs, ctx.assumptions
    hosting = fc.hosting_monthly(i, prices, a)
    ft = prices.pricer
    epochs = epochs_for(i, prices)
    tokens = cm.training_tokens(i.examples_priced, i.tokens_per_example, epochs)
    per_run = fc.training_run(prices, tokens)

    def parts(
        req: Request,
        extra: Decimal,
        fixed: Decimal,
        run: Decimal,
        run_tokens: int,
        more: cm.Items = (),
    ) -> Parts:
        shape = req.caching.tokens
        judged = ctx.judge.request(int(shape.input), int(shape.output))
        evaluation = fc.evaluation_run(req.uncached, judged, a)
        once = fc.one_time_items(i, a, run, evaluation, run_tokens)
        year = fc.first_year_items(i, a, prices, run, evaluation, ctx.today)
        return req, extra, fixed, (*once, *more), tuple(year)

    found: dict[str, Parts] = {}
    zero = Decimal(0)
    if "fine_tuning" in names:
        req = request(ctx, ft, rule, *i.tuned(i.ft_prompt_tokens))
        found["fine_tuning"] = parts(req, zero, hosting, per_run, tokens)
    if "hybrid" in names:
        req = request(ctx, ft, rule, *i.tuned(i.hybrid_prompt_tokens))
        found["hybrid"] = parts(req, zero, hosting, per_run, tokens)
    if "rag_fine_tuning" in names:
        rag_tokens = cm.training_tokens(
            i.examples_priced, i.tokens_per_example + i.retrieved_tokens, epochs
        )
        req = request(ctx, ft, rule, *i.rag_tuned())
        found["rag_fine_tuning"] = parts(
            req,
            ctx.embed.request(i.query_tokens, 0),
            hosting + ctx.rag_fixed,
            fc.training_run(prices, rag_tokens),
            rag_tokens,
            _embedding_once(ctx),
        )
    return found, Training(per_run, tokens, epochs)


def fine_tuned(
    ctx: Context, prices: FineTunePrices, rule: CacheRule | None
) -> tuple[Priced, Training]:
    """fine_tuning, hybrid and rag_fine_tuning on one fine-tuned model, with the whole
    cost of making and keeping the fine-tune."""
    found, trained = _fine_tuned_parts(
        ctx, prices, rule, ("fine_tuning", "hybrid", "rag_fine_tuning")
    )
    return _priced(ctx, found), trained


def fine_tuning_only(ctx: Context, prices: FineTunePrices, rule: CacheRule | None) -> cm.Cost:
    """Just the fine_tuning approach: enough to compare platforms."""
    found, _ = _fine_tuned_parts(ctx, prices, rule, ("fine_tuning",))
    return _priced(ctx, found, without_caching=False).costs["fine_tuning"]
