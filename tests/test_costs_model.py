"""The cost formulas on their own: exact decimals, OpenAI's epoch rule, payback and
break-even, and what happens at the edges."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from advisor.costs.estimate import arithmetic as cm
from advisor.costs.prices.catalog import load_catalog
from tests.cost_scenarios import ARTICLE, report

D = Decimal


def test_a_month_of_the_articles_requests_is_exact() -> None:
    per_request = cm.tokens_cost(500, D("30"))  # $0.03 per 1K tokens
    assert per_request == D("0.015")
    assert cm.monthly(per_request, D(10_000), 30) == D(4_500)


@pytest.mark.parametrize(
    ("examples", "epochs"),
    [
        (1, 25),
        (4, 25),
        (10, 10),
        (33, 3),
        (34, 3),
        (500, 3),
        (8_333, 3),
        (8_334, 2),
        (12_500, 2),
        (20_000, 1),
        (1_000_000, 1),
    ],
)
def test_openais_automatic_epochs(examples: int, epochs: int) -> None:
    assert load_catalog().epochs.epochs(examples) == epochs


def test_training_tokens_and_cost() -> None:
    tokens = cm.training_tokens(1_000, 550, 3)
    assert tokens == 1_650_000
    assert cm.tokens_cost(tokens, D(25)) == D("41.25")
    assert cm.tokens_cost(tokens, D(5)) == D("8.25")


def test_hosting_runs_every_hour_of_the_month() -> None:
    assert cm.hosting_monthly(D("1.70"), 730) == D("1241.00")


def test_a_vector_store_never_bills_less_than_its_minimum() -> None:
    assert cm.vector_store_monthly(D(100), 30, D(1), D(16), D(50)) == D(50)
    # 12M queries a month at $16 per million read units.
    assert cm.vector_store_monthly(D(400_000), 30, D(1), D(16), D(50)) == D(192)


def test_payback_needs_a_saving_worth_a_cent() -> None:
    assert cm.payback_months(D(45), D(15)) == D(3)
    assert cm.payback_months(D(45), D(0)) is None
    assert cm.payback_months(D(45), D(-48)) is None
    assert cm.payback_months(D(45), D("0.004")) is None


def test_break_even_volume_over_the_first_year() -> None:
    prompting = cm.approach_cost(D("0.0026"), D(10_000), 30)
    tuned = cm.approach_cost(D("0.00068"), D(10_000), 30, one_time=(("training", D(9)),))
    # 9 / (12 × 30 × $0.00192) = 13.02… requests a day, rounded up.
    assert cm.break_even_requests_per_day(prompting, tuned, 30) == 14
    hosted = cm.approach_cost(
        D("0.00068"), D(10_000), 30, fixed_monthly=D("1241"), one_time=(("training", D(9)),)
    )
    # (9 + 12 × 1,241) / (12 × 30 × 0.00192) = 21,558.2… requests a day.
    assert cm.break_even_requests_per_day(prompting, hosted, 30) == 21_559
    assert cm.break_even_requests_per_day(tuned, prompting, 30) is None  # never cheaper
    nearly = cm.approach_cost(D("0.0026") - D("1e-30"), D(1), 30, one_time=(("training", D(9)),))
    assert cm.break_even_requests_per_day(prompting, nearly, 30) is None  # beyond any volume


def test_rounding_is_half_up_and_never_infinite() -> None:
    assert cm.rounded(D("0.125"), 2) == 0.13
    assert cm.rounded(D("1e20"), 2) == 1e20
    with pytest.raises(ValueError, match="too large"):
        cm.rounded(D("1e400"), 2)


def test_fractions_of_a_cent_per_token_stay_finite_through_the_cli(tmp_path: Path) -> None:
    answers = {
        **ARTICLE,
        "price_input_per_1k": 1e-300,
        "ft_price_input_per_1k": 2e-300,
        "requests_per_day": 1e-300,
    }
    costs = report(tmp_path, answers)["costs"]  # fails on NaN or Infinity
    assert costs["break_even_months"] is None
    assert costs["approaches"]["prompt_engineering"]["monthly_usd"] == 0
