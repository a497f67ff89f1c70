"""A fine-tune against prompting the same model — like for like — with the move from the
model prompted to the one fine-tuned kept apart.

When the fine-tune is of another model than the one prompted, the difference between
prompting the user's model and running the fine-tune has two parts: what changing models
does (prompting the other model instead) and what fine-tuning that model does. Only the
second is fine-tuning's saving; the recommendation, payback and break-even use it alone.
Every figure is a month of the first year as billed (`Cost.average_month`): where nothing
changes in the year, that is this month.
"""

from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from advisor.costs.estimate import approach_costs as ap
from advisor.costs.estimate import arithmetic as cm

# The like-for-like baseline of each fine-tuned approach: the same model without the
# fine-tune, supplied with knowledge the same way.
BASELINE = {
    "fine_tuning": "prompt_engineering",
    "hybrid": "prompt_engineering",
    "rag_fine_tuning": "rag",
}

FirstYears = Callable[[Decimal], tuple[Decimal, Decimal]]  # volume → (prompting, fine-tune)


class Comparison(NamedTuple):
    baseline: ap.Priced  # prompt engineering and RAG on the model fine-tuned
    savings: Decimal  # a month: prompting that model − the fine-tune
    savings_without_caching: Decimal  # the same, nothing cached
    payback_months: Decimal | None  # from the saving left after the fine-tune's upkeep
    break_even: Callable[[], Decimal | None]  # searched for when first asked (then kept)
    model_switch: Decimal  # a month: prompting the model prompted − prompting the other

    @property
    def break_even_requests_per_day(self) -> Decimal | None:
        return self.break_even()


def compare(
    prompting: dict[str, cm.Cost],
    tuned: ap.Priced,
    baseline: ap.Priced,
    first_years: FirstYears,
    searched: bool,
    days: int,
    upkeep: Decimal = Decimal(0),
    engineering: Decimal = Decimal(0),
) -> Comparison:
    """`upkeep`: what keeping the fine-tune costs a month beyond its bill (`engineering`,
    and a month's share of its retraining): its one-time cost is repaid from what is left.
    `searched`: the break-even volume is searched for, as costs are not linear in volume
    (caching, prices that change in the year, GPUs added as traffic grows)."""
    base = baseline.costs["prompt_engineering"]
    trained = tuned.costs["fine_tuning"]
    savings = base.average_month - trained.average_month
    uncached = (
        baseline.uncached["prompt_engineering"].average_month
        - tuned.uncached["fine_tuning"].average_month
    )

    @cache
    def volume() -> Decimal | None:
        """A search of the first year at many volumes: only a report asks for it, so only
        a report pays for it (the flow's decisions never read it). The fine-tune's side
        carries its engineering upkeep, as its payback does (`first_years` adds it too)."""
        guess = cm.break_even_requests_per_day(base, trained, days, upkeep_monthly=engineering)
        return break_even(first_years, guess) if searched else guess

    switch = prompting["prompt_engineering"].average_month - base.average_month
    return Comparison(
        baseline,
        savings,
        uncached,
        cm.payback_months(trained.one_time, savings - upkeep),
        volume,
        switch,
    )


def break_even(first_years: FirstYears, guess: Decimal | None) -> Decimal | None:
    """The fewest whole requests a day at which fine-tuning's first year costs what
    prompting the same model's does — searched for, since with caching (a busier cache
    stays warm) or prices that change in the year the costs are not linear in volume."""

    def ft_wins(requests: Decimal) -> bool:
        prompting, trained = first_years(requests)
        return trained <= prompting

    if ft_wins(Decimal(0)):
        return Decimal(0)
    high = max(guess or Decimal(1), Decimal(1))
    while not ft_wins(high):
        high *= 4
        if high > cm.MAX_VOLUME:
            return None
    low = Decimal(0)
    while high - low > 1:
        middle = ((low + high) / 2).to_integral_value()
        if ft_wins(middle):
            high = middle
        else:
            low = middle
    return high
