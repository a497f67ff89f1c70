"""The whole cost of a fine-tune, not just its training compute: how the platform bills
serving it (per token, by the hour, on GPUs sized for the busiest hour), and the one-time
and first-year items — getting the data ready, evaluating every training run on the test
set, the runs themselves, retraining as requirements change and re-tuning when the base
model retires. Each item is its own line, so the report can show what a sum is made of."""

import math
from datetime import date
from decimal import Decimal

from advisor.costs.estimate import arithmetic as cm
from advisor.costs.estimate.inputs import Inputs
from advisor.costs.prices.pricer_for import FineTunePrices
from advisor.costs.prices.records import SERVING, CatalogModel, tuned_until
from advisor.costs.prices.rules import Assumptions

SECONDS_PER_HOUR = 3600
RETUNE = "re-tuning on a successor"  # the item a base model's retirement adds
RETRAINING = "retraining "  # the item of retraining as requirements change, every year


def gpus(inputs: Inputs, prices: FineTunePrices, a: Assumptions) -> int:
    platform = prices.platform
    ft = platform.fine_tuning if platform is not None else None
    if ft is None or ft.serving not in ("dedicated_gpu", "self_hosted"):
        return 0
    return cm.gpus_for(
        inputs.requests_per_day, inputs.output_tokens, a.peak_to_average, ft.gpu_tokens_per_second
    )


def hosting_monthly(inputs: Inputs, prices: FineTunePrices, a: Assumptions) -> Decimal:
    """What serving the fine-tune costs a month whatever the traffic."""
    platform = prices.platform
    ft = platform.fine_tuning if platform is not None else None
    if ft is None:
        return Decimal(0)
    hours = a.hours_per_month
    fee = Decimal(0)
    if SERVING[ft.serving].fee and not SERVING[ft.serving].gpus:
        fee = prices.hosting_per_hour * hours
    elif ft.serving == "dedicated_gpu":
        fee = gpus(inputs, prices, a) * prices.hosting_per_hour * hours
    elif ft.serving == "self_hosted":
        fee = gpus(inputs, prices, a) * prices.gpu_hour * hours
    return fee + ft.storage_per_month


def training_run(prices: FineTunePrices, tokens: int) -> Decimal:
    """One training run over `tokens` (the data set × epochs)."""
    platform = prices.platform
    ft = platform.fine_tuning if platform is not None else None
    if ft is not None and ft.serving == "self_hosted":
        hours = Decimal(tokens) / ft.training_tokens_per_second / SECONDS_PER_HOUR
        return hours * prices.gpu_hour
    return cm.tokens_cost(tokens, prices.training_per_1m)


def evaluation_run(per_request: Decimal, judged: Decimal, a: Assumptions) -> Decimal:
    """The test set, run once through the fine-tune (`per_request` each) and read by an LLM
    judge: a strong model, priced as the model prompted (`judged`, a case at its prices)."""
    return a.eval_cases * (per_request + judged * a.eval_judge_share)


def _count(n: int | Decimal, what: str) -> str:
    return f"{n:,} {what}{'' if n == 1 else 's'}"


def one_time_items(
    inputs: Inputs, a: Assumptions, per_run: Decimal, per_eval: Decimal, tokens_per_run: int
) -> list[tuple[str, Decimal]]:
    runs = inputs.training_runs
    cost = inputs.example_cost
    items = [
        (
            f"training: {_count(runs, 'run')} of {tokens_per_run:,} tokens each",
            per_run * runs,
        ),
        (
            f"evaluation: the {a.eval_cases:,}-case test set after each run, with a judge",
            per_eval * runs,
        ),
    ]
    given = inputs.examples_given or 0
    if given and inputs.data_reviewed is False:
        items.append(
            (f"data: reviewing your {_count(given, 'example')} at ${cost:,.2f} each", given * cost)
        )
    missing = max(a.recommended_examples - given, 0)
    if missing:
        items.append(
            (
                f"data: collecting and reviewing {_count(missing, 'more example')} (to "
                f"{a.recommended_examples:,}) at ${cost:,.2f} each",
                missing * cost,
            )
        )
    return items


def retires_within_year(platform: CatalogModel | None, today: date) -> tuple[date, bool] | None:
    """The day the base model retires, if within a year (True when it is only the earliest
    day its provider promises)."""
    if platform is None:
        return None
    for day, floor in ((tuned_until(platform), False), (platform.retires_no_earlier_than, True)):
        if day is not None and (day - today).days <= 365:
            return day, floor
    return None


def first_year_items(
    inputs: Inputs,
    a: Assumptions,
    prices: FineTunePrices,
    per_run: Decimal,
    per_eval: Decimal,
    today: date,
) -> list[tuple[str, Decimal]]:
    items = []
    redo = math.ceil(inputs.examples_priced * a.retrain_relabel_share)
    each = per_run + per_eval + redo * inputs.example_cost
    if inputs.retrains_per_year:
        items.append(
            (
                f"{RETRAINING}{inputs.retrains_per_year}× in the year (requirements change "
                f"{inputs.requirements_change}): a run, an evaluation and "
                f"{_count(redo, 'example')} redone each time",
                inputs.retrains_per_year * each,
            )
        )
    retiring = retires_within_year(prices.platform, today)
    if retiring is not None:
        day, floor = retiring
        if floor:
            what = (
                f"a likely re-tune on a successor: the base model is promised only until no "
                f"earlier than {day.isoformat()}"
            )
        else:
            what = f"{RETUNE}: the base model retires on {day.isoformat()}"
            if day != prices.platform.retires:
                what = f"{RETUNE}: its fine-tuned deployments retire on {day.isoformat()}"
        items.append((what, per_run + per_eval))
    return items


def retraining_monthly(cost: cm.Cost) -> Decimal:
    """A month's share of what keeping the fine-tune adds to its first year: the retraining
    its requirements call for (runs, evaluations, examples redone) and any re-tune its base
    model's retirement forces. Its payback counts them, as its first year does."""
    yearly = sum((usd for _, usd in cost.first_year_items), Decimal(0))
    return yearly / cm.MONTHS_PER_YEAR
