"""Where a team can still fine-tune, priced side by side for its own answers: every way a
platform bills a fine-tune, against figures worked out by hand; the table across volumes;
the advice moving as platforms close; and the whole one-time cost, item by item."""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pytest

from tests.cost_scenarios import ACTIVE, BEHAVIOUR, EARLY, monthly, platform, report

TODAY = "2026-12-04"
HOURS = 730
OPENAI = ("gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini")


def items(data: dict, approach: str = "fine_tuning") -> dict[str, float]:
    return {i["item"]: i["usd"] for i in data["costs"]["approaches"][approach]["one_time_items"]}


# --- how each platform bills, by hand --------------------------------------------------------


def test_a_nova_fine_tune_is_billed_per_token_at_base_prices(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "ft_model": "bedrock:nova-lite"}, today=TODAY)
    row = platform(data, "bedrock:nova-lite")
    assert row["serving"] == "per_token_base"
    # (50 × $0.06 + 200 × $0.24)/1M a request, 300,000 a month, plus $1.95 of storage.
    assert monthly(data, "fine_tuning") == row["monthly_usd"] == round(51 * 0.3 + 1.95, 2)
    # 800 examples × 250 tokens × 2 epochs (Bedrock's default for Nova) at $2 per 1M
    # (unverified), three runs.
    assert items(data)["training: 3 runs of 400,000 tokens each"] == 2.4
    assert "training_per_1m" in row["unverified"]


def test_an_openai_fine_tune_is_billed_at_its_premium(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, **ACTIVE, "model": "gpt-4.1-mini", "ft_model": "same"}
    data = report(tmp_path, answers, today=EARLY)
    row = platform(data, "gpt-4.1-mini")
    assert row["serving"] == "per_token_premium" and row["unverified"] == []
    # (50 × $0.80 + 200 × $3.20)/1M a request against the base's $0.40 and $1.60.
    assert monthly(data, "fine_tuning") == row["monthly_usd"] == 204


def test_an_azure_fine_tune_pays_its_hosting_every_hour(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "ft_model": "azure:gpt-4.1-mini"}, today=TODAY)
    row = platform(data, "azure:gpt-4.1-mini")
    assert row["serving"] == "hourly_hosting"
    # Azure's retail list: the fine-tune's tokens at the base model's $0.40 / $1.60 per 1M
    # (300,000 requests of 50 in and 200 out: $102), plus $1.70 for every hour
    assert row["monthly_usd"] == 102 + 1.70 * HOURS
    assert row["unverified"] == []  # prices and dates from Azure's own list and schedule


def test_the_azure_developer_tier_is_listed_but_never_used_for_production(
    tmp_path: Path,
) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "ft_model": "azure-dev:gpt-4.1-mini"}, today=TODAY)
    row = platform(data, "azure-dev:gpt-4.1-mini")
    assert row["production"] is False and row["monthly_usd"] == 102  # no hosting fee
    assert data["costs"]["fine_tune_model"] != "azure-dev:gpt-4.1-mini"
    assert (
        "is for evaluating a fine-tune, not for production"
        in (data["costs"]["fine_tune_priced_on"]["why"])
    )


@pytest.mark.parametrize(("per_day", "gpus"), [(10_000, 1), (1_000_000, 3)])
def test_a_dedicated_endpoint_is_sized_for_the_busiest_hour(
    tmp_path: Path, per_day: int, gpus: int
) -> None:
    answers = {**BEHAVIOUR, "requests_per_day": per_day, "ft_model": "fireworks:llama-3.1-8b"}
    data = report(tmp_path, answers, today=TODAY)
    # Busiest hour: 3× the day's average of per_day × 200 output tokens / 86,400 s, over
    # 2,500 tokens a second per H100 at $8 an hour; no per-token charge, so a request
    # costs its share of the GPUs.
    assert gpus == math.ceil(per_day * 200 / 86_400 * 3 / 2_500)
    row = platform(data, "fireworks:llama-3.1-8b")
    assert row["monthly_usd"] == gpus * 8 * HOURS
    per_request = data["costs"]["approaches"]["fine_tuning"]["per_request_usd"]
    assert per_request == pytest.approx(gpus * 8 * HOURS / (per_day * 30), abs=1e-8)


def test_self_hosting_bills_rented_gpus_around_the_clock(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "ft_model": "selfhost:llama-3.1-8b", "gpu_hour_usd": 2.0}
    data = report(tmp_path, answers, today=TODAY)
    assert "gpu_hour_usd" in data["path"]
    # One H100 at $2.00 plus 30% for storage, egress and management, 730 hours.
    assert monthly(data, "fine_tuning") == round(2.0 * 1.3 * HOURS, 2)
    # Training is GPU time: 600,000 tokens at 1,400 a second, three runs, at $2.60 an hour.
    hours = Decimal(600_000) / 1_400 / 3_600
    expected = float((3 * hours * Decimal("2.6")).quantize(Decimal("0.01")))
    assert items(data)["training: 3 runs of 600,000 tokens each"] == expected
    default = report(tmp_path, {**BEHAVIOUR, "ft_model": "selfhost:llama-3.1-8b"}, today=TODAY)
    assert monthly(default, "fine_tuning") == round(2.69 * 1.3 * HOURS, 2)
    assert "gpu_hour_usd" in platform(default, "selfhost:llama-3.1-8b")["unverified"]


def test_provisioned_throughput_without_a_price_is_listed_as_not_priced(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "ft_model": "bedrock:llama-3.1-8b"}, today=TODAY)
    why = data["costs"]["unavailable"]["bedrock:llama-3.1-8b"]
    assert "no training or Provisioned Throughput price was found" in why
    assert data["costs"]["fine_tune_model"] != "bedrock:llama-3.1-8b"
    assert "bedrock:llama-3.1-8b" not in {p["id"] for p in data["costs"]["fine_tuning_platforms"]}


def test_claude_fine_tuning_ended_with_claude_3_haiku_on_bedrock(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "ft_model": "bedrock:claude-3-haiku"}, today=TODAY)
    why = data["costs"]["unavailable"]["bedrock:claude-3-haiku"]
    assert why == (
        "Claude 3 Haiku on Bedrock was shut down on 2026-09-10, and every fine-tune of it with it"
    )
    assert data["costs"]["fine_tune_model"] != "bedrock:claude-3-haiku"


# --- the table across volumes ------------------------------------------------------------------


@pytest.mark.parametrize("per_day", [100, 10_000, 1_000_000])
def test_the_table_is_every_open_platform_cheapest_first(tmp_path: Path, per_day: int) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "requests_per_day": per_day}, today=TODAY)
    rows = data["costs"]["fine_tuning_platforms"]
    years = [row["first_year_usd"] for row in rows]
    assert years == sorted(years)
    assert len(rows) >= 10
    for row in rows:
        assert set(row) >= {
            "id",
            "provider",
            "model",
            "serving",
            "open_until",
            "monthly_usd",
            "one_time_usd",
            "first_year_usd",
            "unverified",
        }
        assert row["open_until"] is None or row["open_until"] > TODAY


def test_dedicated_gpus_overtake_per_token_serving_only_at_high_volume(tmp_path: Path) -> None:
    def month(per_day: int, platform_id: str) -> float:
        data = report(tmp_path, {**BEHAVIOUR, "requests_per_day": per_day}, today=TODAY)
        return platform(data, platform_id)["monthly_usd"]

    for per_token in ("bedrock:nova-pro", "vertex:gemini-3.5-flash"):
        assert month(100, "together:llama-3.1-8b") > month(100, per_token)
        assert month(10_000, "together:llama-3.1-8b") > month(10_000, per_token)
        assert month(1_000_000, "together:llama-3.1-8b") < month(1_000_000, per_token)


# --- the advice moves as the market does ---------------------------------------------------------


def test_on_the_articles_style_case_in_february_no_openai_platform_is_offered(
    tmp_path: Path,
) -> None:
    answers = {**BEHAVIOUR, **ACTIVE, "model": "gpt-4.1"}
    data = report(tmp_path, answers, today="2027-02-01")
    costs = data["costs"]
    assert data["recommendation"]["approach"] in ("fine_tuning", "hybrid")
    assert not costs["fine_tune_model"].startswith("gpt-")
    assert costs["fine_tuning_platforms"]
    for row in costs["fine_tuning_platforms"]:
        assert row["provider"] != "OpenAI"
        assert row["open_until"] is None or row["open_until"] > "2027-02-01"


@pytest.mark.parametrize(
    ("today", "openai_listed", "why"),
    [
        ("2026-12-04", True, "takes no new fine-tuning jobs after 2027-01-06"),
        ("2026-12-12", True, "takes no new fine-tuning jobs after 2027-01-06"),
        # 2027-01-06 is the last day OpenAI takes new jobs from active customers.
        ("2027-01-06", True, "takes no new fine-tuning jobs after 2027-01-06"),
        ("2027-01-07", False, "took its last new fine-tuning jobs for GPT-4.1 mini on 2027-01-06"),
        ("2027-01-15", False, "was shut down on 2027-01-14"),
    ],
)
def test_the_advice_moves_as_openai_closes(
    tmp_path: Path, today: str, openai_listed: bool, why: str
) -> None:
    answers = {**BEHAVIOUR, **ACTIVE, "model": "gpt-4.1-mini", "ft_model": "same"}
    data = report(tmp_path, answers, today=today)
    costs = data["costs"]
    listed = {row["id"] for row in costs["fine_tuning_platforms"]}
    assert ("gpt-4.1-mini" in listed) is openai_listed
    assert costs["fine_tune_model"] not in OPENAI  # never built on a closing platform
    assert why in costs["fine_tune_priced_on"]["why"]
    assert why in " ".join(data["recommendation"]["reasons"])


def test_a_new_customer_is_not_asked_about_openai_after_it_closed(tmp_path: Path) -> None:
    asked = report(tmp_path, {**BEHAVIOUR, "model": "gpt-4.1-mini"}, today=TODAY)
    assert "openai_ft_access" in asked["path"]
    assert asked["answers"]["openai_ft_access"] == "none"  # the default
    for today in (EARLY, "2027-01-07"):
        data = report(tmp_path, {**BEHAVIOUR, "model": "gpt-4.1-mini"}, today=today)
        assert "openai_ft_access" not in data["path"]
    other = report(tmp_path, {**BEHAVIOUR, "model": "claude-sonnet-4-5"}, today=TODAY)
    assert "openai_ft_access" not in other["path"]


def test_no_gemini_2_5_tune_is_open_on_the_day(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "model": "gemini-2.5-flash"}, today=TODAY)
    ids = {row["id"] for row in data["costs"]["fine_tuning_platforms"]}
    assert "vertex:gemini-2.5-flash" not in ids
    assert {"vertex:gemini-3.5-flash", "vertex:gemini-3.1-flash-lite"} <= ids


# --- the whole one-time cost ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "answers",
    [
        {**BEHAVIOUR},
        {**BEHAVIOUR, "data_reviewed": False},
        {**BEHAVIOUR, "examples": 120, "need": ["domain"]},
        {**BEHAVIOUR, "need": ["knowledge", "style"], "knowledge_change": "weekly"},
        {**BEHAVIOUR, "requirements_change": "sometimes", "ft_model": "selfhost:llama-3.1-8b"},
    ],
)
def test_one_time_items_add_up_to_the_one_time_cost_exactly(tmp_path: Path, answers: dict) -> None:
    data = report(tmp_path, {**answers, "model": "gpt-6.1-terra"}, today=TODAY)
    for name, figures in data["costs"]["approaches"].items():
        if figures is None:
            continue
        total = sum(Decimal(str(i["usd"])) for i in figures["one_time_items"])
        assert Decimal(str(figures["one_time_usd"])) == total, name
        # Twelve months as billed: each month shown where the year changes, else 12 alike.
        months = figures.get("months_usd") or [figures["monthly_usd"]] * 12
        year = (
            total
            + sum(Decimal(str(m)) for m in months)
            + sum(Decimal(str(i["usd"])) for i in figures["first_year_items"])
        )
        assert Decimal(str(figures["first_year_usd"])) == year, name


def test_data_dominates_a_fine_tunes_one_time_cost(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "data_reviewed": False, "ft_model": "bedrock:nova-lite"}
    data = report(tmp_path, answers, today=TODAY)
    found = items(data)
    # 800 examples to review at the catalog's $1.00 (general annotators).
    assert found["data: reviewing your 800 examples at $1.00 each"] == 800
    assert (
        found["data: reviewing your 800 examples at $1.00 each"]
        > 100 * found["training: 3 runs of 400,000 tokens each"]
    )
    assert "example_cost_usd" in data["path"]
    experts = {**answers, "need": ["domain"], "examples": 300}
    expert = items(report(tmp_path, experts, today=TODAY))
    # Domain knowledge: $10.00 an example, and 200 more to collect to reach 500.
    assert expert["data: reviewing your 300 examples at $10.00 each"] == 3_000
    assert expert["data: collecting and reviewing 200 more examples (to 500) at $10.00 each"] == (
        2_000
    )


def test_the_first_year_retrains_as_requirements_change_and_re_tunes_on_retirement(
    tmp_path: Path,
) -> None:
    answers = {
        **BEHAVIOUR,
        "requirements_change": "sometimes",
        "ft_model": "vertex:gemini-3.5-flash",
    }
    data = report(tmp_path, answers, today=TODAY)
    later = [i["item"] for i in data["costs"]["approaches"]["fine_tuning"]["first_year_items"]]
    assert any(item.startswith("retraining 4× in the year") for item in later)
    assert any("promised only until no earlier than 2027-05-19" in item for item in later)
