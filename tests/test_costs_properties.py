"""Whatever the answers, costs are finite and non-negative, and more traffic or more tokens
never cost less. Real catalog, real genai-prices data."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.costs.catalog import load_catalog
from advisor.costs.estimate import Estimate, estimate
from advisor.costs.report import costs_section

CATALOG = load_catalog()
MODELS = [*CATALOG.models, "custom"]
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
    return found


DAYS = st.dates(date(2025, 1, 1), date(2028, 12, 31))


def figures(e: Estimate) -> dict[str, Decimal]:
    found = {}
    for name, cost in e.approaches.items():
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


@settings(max_examples=300, deadline=None)
@given(
    found=answers(),
    day=DAYS,
    grown=st.sampled_from(sorted(GROWING)),
    by=st.floats(0, 1) | st.just(1.0),
)
def test_more_traffic_or_more_tokens_never_cost_less(
    found: dict[str, Any], day: date, grown: str, by: float
) -> None:
    before = figures(estimate(found, day))
    value = found[grown]
    upper = 1e9 if grown == "requests_per_day" else 2_000_000
    if grown == "documents_tokens":
        upper = 1_000_000_000_000
    more = value + (upper - value) * by
    more = int(more) if isinstance(value, int) else more
    after = figures(estimate({**found, grown: max(more, value)}, day))
    for name, cost in before.items():
        assert after[name] >= cost, (grown, name, cost, after[name])
