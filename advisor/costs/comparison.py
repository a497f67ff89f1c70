"""A fine-tune against prompting the same model — like for like — with the move from the
model prompted to the one fine-tuned kept apart.

When the fine-tune is of another model than the one prompted, the difference between
prompting the user's model and running the fine-tune has two parts: what changing models
does (prompting the other model instead) and what fine-tuning that model does. Only the
second is fine-tuning's saving; the recommendation, payback and break-even use it alone.
"""

from decimal import Decimal
from typing import NamedTuple

from advisor.costs import approaches as ap
from advisor.costs import model as cm
from advisor.costs.pricers import FineTunePrices
from advisor.costs.pricing import Pricer
from advisor.costs.records import CacheRule

# The like-for-like baseline of each fine-tuned approach: the same model without the
# fine-tune, supplied with knowledge the same way.
BASELINE = {
    "fine_tuning": "prompt_engineering",
    "hybrid": "prompt_engineering",
    "rag_fine_tuning": "rag",
}


class Comparison(NamedTuple):
    baseline: ap.Priced  # prompt engineering and RAG on the model fine-tuned
    savings: Decimal  # a month: prompting that model − the fine-tune
    savings_without_caching: Decimal
    payback_months: Decimal | None
    break_even_requests_per_day: Decimal | None
    model_switch: Decimal  # a month: prompting the model prompted − prompting the other

    def saving(self, approach: str, costs: dict[str, cm.Cost | None]) -> Decimal | None:
        """What a fine-tuned approach saves a month against its like-for-like baseline."""
        cost = costs.get(approach)
        if cost is None or approach not in BASELINE:
            return None
        return self.baseline.costs[BASELINE[approach]].monthly - cost.monthly


def compare(
    ctx: ap.Context,
    prompting: ap.Priced,
    tuned: ap.Priced,
    target: Pricer,
    target_rule: CacheRule | None,
    same_model: bool,
    ft: FineTunePrices,
    ft_rule: CacheRule | None,
) -> Comparison:
    baseline = prompting if same_model else ap.prompting(ctx, target, target_rule)
    base = baseline.costs["prompt_engineering"]
    trained = tuned.costs["fine_tuning"]
    savings = base.monthly - trained.monthly
    uncached = (
        baseline.uncached["prompt_engineering"].monthly - tuned.uncached["fine_tuning"].monthly
    )
    volume = break_even(ctx, target, target_rule, ft, ft_rule, base, trained, baseline, tuned)
    switch = prompting.costs["prompt_engineering"].monthly - base.monthly
    return Comparison(
        baseline,
        savings,
        uncached,
        cm.payback_months(trained.one_time, savings),
        volume,
        switch,
    )


def break_even(
    ctx: ap.Context,
    base_pricer: Pricer,
    base_rule: CacheRule | None,
    ft: FineTunePrices,
    ft_rule: CacheRule | None,
    prompting: cm.Cost,
    tuned: cm.Cost,
    *priced: ap.Priced,
) -> Decimal | None:
    """The daily volume at which fine-tuning's first year costs what prompting the same
    model does.

    Cached requests cost less the busier the traffic (the cache stays warm), so where
    anything is cached the volume is searched for with the costs at each volume tried,
    not solved from today's per-request costs."""
    volume = cm.break_even_requests_per_day(prompting, tuned, ctx.days)
    if not any(plan.cached_tokens for found in priced for plan in found.caching.values()):
        return volume

    def ft_wins(requests: Decimal) -> bool:
        at = ctx._replace(inputs=ctx.inputs._replace(requests_per_day=requests))
        base = ap.prompting(at, base_pricer, base_rule).costs["prompt_engineering"]
        trained = ap.fine_tuned(at, ft, ft_rule)[0].costs["fine_tuning"]
        return trained.first_year <= base.first_year

    if ft_wins(Decimal(0)):
        return Decimal(0)
    high = max(volume or Decimal(1), Decimal(1))
    while not ft_wins(high):
        high *= 4
        if high > cm.MAX_VOLUME:
            return None
    low = Decimal(0)
    while high - low > 1:  # the fewest whole requests a day at which fine-tuning wins
        middle = ((low + high) / 2).to_integral_value()
        if ft_wins(middle):
            high = middle
        else:
            low = middle
    return high
