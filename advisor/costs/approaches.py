"""What each approach costs for one set of inputs and prices: the requests (their fixed
prefix cached by the provider's rules), the month's fixed fees and the one-time costs —
and the same without caching, so that a report never asks anyone to trust a discount
blindly."""

from decimal import Decimal
from typing import NamedTuple

from advisor.costs import caching as cc
from advisor.costs import model as cm
from advisor.costs.inputs import Inputs
from advisor.costs.pricers import FineTunePrices
from advisor.costs.pricing import Pricer
from advisor.costs.records import CacheRule


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


def _priced(ctx: Context, requests: dict[str, tuple[Request, Decimal, Decimal, Decimal]]) -> Priced:
    """Each approach from its request, any per-request extra (a query embedding), its
    fixed monthly fees and its one-time cost."""
    rpd, days = ctx.inputs.requests_per_day, ctx.days
    costs, uncached, plans = {}, {}, {}
    for name, (req, extra, fixed_monthly, one_time) in requests.items():
        costs[name] = cm.approach_cost(
            req.per_request + extra, rpd, days, fixed_monthly=fixed_monthly, one_time=one_time
        )
        uncached[name] = cm.approach_cost(
            req.uncached + extra, rpd, days, fixed_monthly=fixed_monthly, one_time=one_time
        )
        plans[name] = req.caching
    return Priced(costs, uncached, plans)


def prompting(ctx: Context, base: Pricer, rule: CacheRule | None) -> Priced:
    """prompt_engineering and rag on the base model."""
    i = ctx.inputs
    query = ctx.embed.request(i.query_tokens, 0)
    zero = Decimal(0)
    return _priced(
        ctx,
        {
            "prompt_engineering": (
                request(ctx, base, rule, i.prompt_tokens, i.fixed_prompt_tokens),
                zero,
                zero,
                zero,
            ),
            "rag": (
                # Retrieved passages follow the fixed part and change every time.
                request(
                    ctx, base, rule, i.prompt_tokens + i.retrieved_tokens, i.fixed_prompt_tokens
                ),
                query,
                ctx.rag_fixed,
                ctx.rag_one_time,
            ),
        },
    )


class Training(NamedTuple):
    per_run: Decimal
    tokens_per_run: int
    all_runs: Decimal
    rag_all_runs: Decimal  # examples that carry the retrieved context


def training(inputs: Inputs, per_1m: Decimal) -> Training:
    tokens = cm.training_tokens(inputs.examples_priced, inputs.tokens_per_example, inputs.epochs)
    per_run = cm.tokens_cost(tokens, per_1m)
    rag_tokens = cm.training_tokens(
        inputs.examples_priced, inputs.tokens_per_example + inputs.retrieved_tokens, inputs.epochs
    )
    rag = cm.tokens_cost(rag_tokens, per_1m) * inputs.training_runs
    return Training(per_run, tokens, per_run * inputs.training_runs, rag)


def fine_tuned(
    ctx: Context, prices: FineTunePrices, rule: CacheRule | None
) -> tuple[Priced, Training]:
    """fine_tuning, hybrid and rag_fine_tuning on one fine-tuned model."""
    i = ctx.inputs
    hosting = cm.hosting_monthly(prices.hosting_per_hour, ctx.hours)
    trained = training(i, prices.training_per_1m)
    ft = prices.pricer
    zero = Decimal(0)
    short, hybrid = i.ft_prompt_tokens, i.hybrid_prompt_tokens
    priced = _priced(
        ctx,
        {
            "fine_tuning": (
                request(ctx, ft, rule, short, i.fixed_part(short)),
                zero,
                hosting,
                trained.all_runs,
            ),
            "hybrid": (
                request(ctx, ft, rule, hybrid, i.fixed_part(hybrid)),
                zero,
                hosting,
                trained.all_runs,
            ),
            "rag_fine_tuning": (
                request(ctx, ft, rule, short + i.retrieved_tokens, i.fixed_part(short)),
                ctx.embed.request(i.query_tokens, 0),
                hosting + ctx.rag_fixed,
                trained.rag_all_runs + ctx.rag_one_time,
            ),
        },
    )
    return priced, trained
