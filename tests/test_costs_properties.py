"""Whatever the answers, costs are finite and non-negative; at list prices more traffic or
more tokens never cost less; prompt caching never costs more than not caching, and gets no
dearer per request as traffic grows. Real catalog, real genai-prices data."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.costs.estimate import firstyear
from advisor.costs.estimate.of_answers import Estimate, estimate
from advisor.costs.explain.costs_section import costs_section
from advisor.costs.prices.catalog import load_catalog

CATALOG = load_catalog()
# The catalog's platforms, and models only genai-prices knows (Anthropic's and Google's
# caching rules, OpenAI's newest with cache-write prices).
MODELS = [*CATALOG.models, "claude-haiku-4-5", "gemini-2.5-pro", "gpt-6.1-terra", "custom"]
FINE_TUNES = ["same", *(m.id for m in CATALOG.fine_tunable())]
PRICE = st.floats(0, 1_000, allow_nan=False, allow_infinity=False)

# Volume and every token count the cost model reads. The number of examples is not among
# them on purpose: OpenAI's automatic epochs fall as a data set grows past 8,333 examples,
# so a larger data set can train for less.
GROWING = {
    "requests_per_day": st.integers(0, 1_000_000_000) | st.floats(0, 1e9),
    "prompt_tokens": st.integers(1, 2_000_000),
    "ft_prompt_tokens": st.integers(1, 2_000_000),
    "output_tokens": st.integers(0, 1_000_000),
    "retrieved_tokens": st.integers(0, 2_000_000),
    "documents_tokens": st.integers(0, 1_000_000_000_000),
    "example_tokens": st.integers(1, 2_000_000),
}
SHARE = st.floats(0, 1)


@st.composite
def answers(draw: st.DrawFn) -> dict[str, Any]:
    found: dict[str, Any] = {name: draw(strategy) for name, strategy in GROWING.items()}
    found["model"] = draw(st.sampled_from(MODELS))
    found["ft_model"] = draw(st.sampled_from(FINE_TUNES))
    found["examples"] = draw(st.integers(0, 100_000_000))
    found["training_runs"] = draw(st.integers(1, 100))
    found["vector_store"] = draw(st.sampled_from(["pgvector", "managed"]))
    found["knowledge_change"] = draw(st.sampled_from(["daily", "weekly", "monthly", "rarely"]))
    for name in (
        "price_input_per_1k",
        "price_output_per_1k",
        "ft_price_input_per_1k",
        "ft_price_output_per_1k",
    ):
        found[name] = draw(PRICE)
    found["training_price_per_1m"] = draw(st.floats(0, 100_000))
    for name in ("price_cached_input_per_1k", "ft_price_cached_input_per_1k"):
        found[name] = draw(PRICE)
    found["fixed_prompt_tokens"] = int(found["prompt_tokens"] * draw(SHARE))
    found["batch"] = draw(st.booleans())
    return found


DAYS = st.dates(date(2025, 1, 1), date(2028, 12, 31))


def figures(e: Estimate, cached: bool = True) -> dict[str, Decimal]:
    found = {}
    for name, cost in (e.approaches if cached else e.without_caching).items():
        if cost is None:
            continue
        found[f"{name}.per_request"] = cost.per_request
        found[f"{name}.monthly"] = cost.monthly
        found[f"{name}.one_time"] = cost.one_time
        found[f"{name}.first_year"] = cost.first_year
    return found


@settings(max_examples=200, deadline=None)
@given(found=answers(), day=DAYS)
def test_costs_are_finite_and_never_negative(found: dict[str, Any], day: date) -> None:
    e = estimate(found, day)
    assert e.approaches["prompt_engineering"] is not None
    for name, value in figures(e).items():
        assert value.is_finite() and value >= 0, (name, value)
    for extra in (e.savings, e.payback_months, e.break_even_requests_per_day):
        assert extra is None or extra.is_finite()
    assert e.payback_months is None or e.payback_months >= 0
    assert e.break_even_requests_per_day is None or e.break_even_requests_per_day >= 0
    json.dumps(costs_section(e), allow_nan=False)  # what the report prints


def _platform(e: Estimate) -> str | None:
    return None if e.ft_status is None else e.ft_status.model.id


@settings(max_examples=300, deadline=None)
@given(
    found=answers(),
    day=DAYS,
    grown=st.sampled_from(sorted(GROWING)),
    by=st.floats(0, 1) | st.just(1.0),
)
def test_more_traffic_or_more_tokens_never_cost_less_at_list_prices(
    found: dict[str, Any], day: date, grown: str, by: float
) -> None:
    """Without caching. (With it, a longer prompt can cross a provider's minimum and
    become cacheable, and busier traffic finds the cache warm more often: both cheaper.)"""
    first = estimate(found, day)
    before = figures(first, cached=False)
    value = found[grown]
    upper = 1e9 if grown == "requests_per_day" else 2_000_000
    if grown == "documents_tokens":
        upper = 1_000_000_000_000
    more = value + (upper - value) * by
    more = int(more) if isinstance(value, int) else more
    if grown == "prompt_tokens":
        found["fixed_prompt_tokens"] = min(found["fixed_prompt_tokens"], int(max(more, value)))
    grown_estimate = estimate({**found, grown: max(more, value)}, day)
    after = figures(grown_estimate, cached=False)
    for name, cost in before.items():
        # A fine-tune is priced on the platform that costs least for the answers: when
        # growth moves it to another platform, its figures are another platform's.
        moved = _platform(grown_estimate) != _platform(first)
        if moved and not name.startswith(("prompt_engineering", "rag.")):
            continue
        assert after[name] >= cost, (grown, name, cost, after[name])


@settings(max_examples=200, deadline=None)
@given(found=answers(), day=DAYS)
def test_caching_never_costs_more_than_not_caching(found: dict[str, Any], day: date) -> None:
    e = estimate(found, day)
    for name, cost in e.approaches.items():
        uncached = e.without_caching[name]
        if cost is None or uncached is None:
            continue
        assert cost.per_request <= uncached.per_request, name
        plan = e.caching[name]
        assert 0 <= plan.hit_rate <= 1
        assert plan.cached_tokens == 0 or plan.why_not == ""


@settings(max_examples=200, deadline=None)
@given(found=answers(), day=DAYS, by=st.floats(1, 1e6))
def test_busier_traffic_never_makes_a_cached_request_dearer(
    found: dict[str, Any], day: date, by: float
) -> None:
    quiet = estimate({**found, "requests_per_day": found["requests_per_day"] / by}, day)
    busy = estimate(found, day)
    for name, cost in busy.approaches.items():
        before = quiet.approaches[name]
        if cost is None or before is None:
            continue
        if _platform(quiet) != _platform(busy) and name not in ("prompt_engineering", "rag"):
            continue  # another platform is cheapest at the other volume
        assert cost.per_request <= before.per_request, name


@settings(max_examples=200, deadline=None)
@given(found=answers(), day=DAYS)
def test_the_years_first_day_is_billed_at_the_figures_the_table_shows(
    found: dict[str, Any], day: date
) -> None:
    """The estimate hands its own costs of today to the year as its first piece; pricing
    that day again from the plan must give the very same report, to the last digit."""
    reused = costs_section(estimate(found, day, CATALOG))
    with patch.object(firstyear, "today_costs", lambda *_: None):
        again = costs_section(estimate(found, day, CATALOG))
    assert json.dumps(reused, default=str) == json.dumps(again, default=str)
