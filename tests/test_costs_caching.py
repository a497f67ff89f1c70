"""Prompt caching and batch prices, through `advisor run`, against figures worked out by
hand from each provider's rules (the catalog's [[caching]] rules, genai-prices' prices).

Traffic is chosen so that the share of requests finding the prefix still cached has a
closed form: with requests spread evenly over the day at λ a minute and a cache kept T
minutes, that share is 1 − e^(−λT); at λT = k·ln 2 it is 1 − 2^(−k).
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from pathlib import Path

import pytest

from tests.conftest import run_cli, write_answers
from tests.cost_scenarios import (
    ACTIVE,
    ARTICLE,
    BEHAVIOUR,
    EARLY,
    PROMPTS_WORK,
    monthly,
    report,
)

D = Decimal
LN2 = D(2).ln()
MINUTES_A_DAY = 24 * 60


def per_day(lifetime_minutes: int, halvings: int = 1) -> float:
    """The daily volume at which a prefix is still cached for 1 − 2^-halvings of requests."""
    return float(halvings * LN2 / lifetime_minutes * MINUTES_A_DAY)


def usd(amount: Decimal) -> float:
    return float(amount.quantize(D("0.01")))


def month(per_request_per_1m: Decimal, requests_per_day: float) -> float:
    with localcontext() as context:
        context.prec = 40
        return usd(per_request_per_1m / 1_000_000 * D(str(requests_per_day)) * 30)


# The path of a team whose prompts fall short: every cost question is asked.
BASE = {**BEHAVIOUR, "ft_model": "together:llama-3.1-8b"}


def test_openai_older_models_cache_for_free_and_bill_the_misses_as_input(tmp_path: Path) -> None:
    # gpt-4.1: input $2, cached $0.50, output $8; writes cost nothing extra; 5 minutes.
    rpd = per_day(5)  # half the requests find the 2,500-token prefix cached
    answers = {
        **BASE,
        "model": "gpt-4.1",
        "requests_per_day": rpd,
        "prompt_tokens": 3_000,
        "fixed_prompt_tokens": 2_500,
        "output_tokens": 200,
    }
    data = report(tmp_path, answers)
    fixed = D(2_500) * (D("0.5") * D("0.50") + D("0.5") * D("2.00"))
    per_1m = 500 * D(2) + fixed + 200 * D(8)
    assert monthly(data, "prompt_engineering") == month(per_1m, rpd)
    prompting = data["costs"]["approaches"]["prompt_engineering"]
    assert prompting["monthly_without_caching_usd"] == month(3_000 * D(2) + 200 * D(8), rpd)
    plan = data["costs"]["caching"]["approaches"]["prompt_engineering"]
    assert plan["cached_tokens"] == 2_500 and plan["hit_rate"] == 0.5
    assert plan["retention_minutes"] == 5


def test_anthropic_buys_the_one_hour_cache_when_traffic_is_thin(tmp_path: Path) -> None:
    # claude-sonnet-4-5: input $3, read $0.30, 5-minute write $3.75, 1-hour write $6,
    # output $15. At this volume the 5-minute cache holds for half the requests (and would
    # cost 2,000 × (0.5 × 0.30 + 0.5 × 3.75)), the 1-hour one for all but 1 in 4,096.
    rpd = per_day(5)
    answers = {
        **BASE,
        "model": "claude-sonnet-4-5",
        "requests_per_day": rpd,
        "prompt_tokens": 2_500,
        "fixed_prompt_tokens": 2_000,
        "output_tokens": 100,
    }
    data = report(tmp_path, answers)
    fixed = D(2_000) * (D(4_095) / 4_096 * D("0.30") + D(1) / 4_096 * D(6))
    per_1m = 500 * D(3) + fixed + 100 * D(15)
    assert monthly(data, "prompt_engineering") == month(per_1m, rpd)
    plan = data["costs"]["caching"]["approaches"]["prompt_engineering"]
    assert plan["retention_minutes"] == 60
    rule = data["costs"]["caching"]["rules"]["base"]
    assert rule["min_prefix_tokens"] == 1_024 and rule["retention_minutes"] == [5, 60]


def test_anthropic_caches_nothing_below_the_models_minimum(tmp_path: Path) -> None:
    # Claude Haiku 4.5 caches prefixes of 4,096 tokens or more only.
    answers = {
        **BASE,
        "model": "anthropic:claude-haiku-4-5",
        "requests_per_day": 100_000,
        "prompt_tokens": 4_500,
        "fixed_prompt_tokens": 4_095,
        "output_tokens": 100,
    }
    data = report(tmp_path, answers)
    # Input $1, output $5 per 1M: every token at list price.
    assert monthly(data, "prompt_engineering") == month(4_500 * D(1) + 100 * D(5), 100_000)
    plan = data["costs"]["caching"]["approaches"]["prompt_engineering"]
    assert plan["cached_tokens"] == 0
    assert "below the 4,096-token minimum" in plan["not_cached_because"]


def test_openai_gpt_6_1_pays_for_writes_and_keeps_the_cache_half_an_hour(tmp_path: Path) -> None:
    # gpt-6.1-terra: input $1, read $0.05, write $1.25 (30-minute retention), output $5.
    rpd = per_day(30)
    answers = {
        **BASE,
        "model": "gpt-6.1-terra",
        "requests_per_day": rpd,
        "prompt_tokens": 5_000,
        "fixed_prompt_tokens": 4_000,
        "output_tokens": 300,
    }
    data = report(tmp_path, answers)
    fixed = D(4_000) * (D("0.5") * D("0.05") + D("0.5") * D("1.25"))
    assert monthly(data, "prompt_engineering") == month(1_000 * D(1) + fixed + 300 * D(5), rpd)


def test_gemini_caches_from_its_minimum_on(tmp_path: Path) -> None:
    # Gemini 2.5 Flash (Gemini API): input $0.30, cached $0.03, output $2.50; prefixes of
    # 2,048 tokens or more; at 1.44 million requests a day every request finds it cached.
    answers = {**BASE, "model": "gemini-2.5-flash", "requests_per_day": 1_440_000}
    below = report(tmp_path, {**answers, "prompt_tokens": 3_000, "fixed_prompt_tokens": 2_047})
    at = report(tmp_path, {**answers, "prompt_tokens": 3_000, "fixed_prompt_tokens": 2_048})
    output = 200 * D("2.50")
    assert monthly(below, "prompt_engineering") == month(3_000 * D("0.30") + output, 1_440_000)
    cached = 952 * D("0.30") + 2_048 * D("0.03") + output
    assert monthly(at, "prompt_engineering") == month(cached, 1_440_000)


def test_the_fine_tunes_short_prompt_keeps_only_what_it_did_not_remove(tmp_path: Path) -> None:
    answers = {
        **BASE,
        "model": "gpt-4.1",
        "ft_model": "same",
        "openai_ft_access": "active",
        "prompt_tokens": 5_000,
        "ft_prompt_tokens": 1_500,
        "fixed_prompt_tokens": 4_800,
        "requests_per_day": 1_440_000,
    }
    data = report(tmp_path, answers, today="2025-12-01")  # OpenAI still a platform to build on
    plans = data["costs"]["caching"]["approaches"]
    # The fine-tune removes 3,500 of the 4,800 fixed tokens: 1,300 are left, and cached.
    assert plans["fine_tuning"]["cached_tokens"] == 1_300
    assert plans["prompt_engineering"]["cached_tokens"] == 4_800
    # ft:gpt-4.1: input $3, cached $0.75, output $12.
    tuned = 200 * D(3) + 1_300 * D("0.75") + 200 * D(12)
    assert monthly(data, "fine_tuning") == month(tuned, 1_440_000)


def test_the_articles_example_stays_exact_with_caching_modelled(tmp_path: Path) -> None:
    # Custom prices leave cached input at the input price unless told: no discount.
    data = report(tmp_path, {**ARTICLE, "fixed_prompt_tokens": 450})
    assert monthly(data, "prompt_engineering") == 4_500
    assert monthly(data, "fine_tuning") == 450
    assert data["costs"]["fine_tuning_monthly_savings_usd"] == 4_050
    assert data["costs"]["caching"]["assumed"] is False


def test_a_custom_cached_price_is_used_for_the_fixed_part(tmp_path: Path) -> None:
    answers = {
        **ARTICLE,
        "prompt_tokens": 2_000,
        "ft_prompt_tokens": 200,
        "fixed_prompt_tokens": 1_800,
        "price_cached_input_per_1k": 0.003,
        "requests_per_day": 14_400_000,  # every request finds the prefix cached
    }
    data = report(tmp_path, answers)
    per_1m = 200 * D(30) + 1_800 * D(3)  # $0.03 and $0.003 per 1K tokens
    assert monthly(data, "prompt_engineering") == month(per_1m, 14_400_000)


def test_a_saving_that_caching_removes_keeps_the_prompts(tmp_path: Path) -> None:
    """Issue 9's case, on a model that can be fine-tuned as itself (Gemini 3.5 Flash on
    Vertex): a 6,000-token fixed system prompt, prompts that work, 5,000 requests a day. At
    list prices a fine-tune saves $1,296 a month; cached, $81 — less than its upkeep."""
    answers = {
        **PROMPTS_WORK,
        "requests_per_day": 5_000,
        "prompt_tokens": 6_400,
        "ft_prompt_tokens": 640,
        "fixed_prompt_tokens": 6_000,
        "model": "vertex:gemini-3.5-flash",
        "ft_model": "same",
    }
    data = report(tmp_path, answers, today="2026-12-04")
    costs = data["costs"]
    # Uncached, the fine-tune drops 5,760 input tokens at $1.50/1M from 150,000 requests.
    assert costs["fine_tuning_monthly_savings_without_caching_usd"] == 1_296
    # Cached, prompting pays 400 × $1.50 + 6,000 × $0.15 per 1M for the prompt, against the
    # fine-tune's 640 × $1.50: $81 a month.
    assert costs["fine_tuning_monthly_savings_usd"] == 81
    assert data["recommendation"]["approach"] == "prompt_engineering"
    reasons = " ".join(data["recommendation"]["reasons"])
    assert "prompt caching keeps them cheap" in reasons
    assert "$0.15 instead of $1.50 per 1M tokens" in reasons
    assert "with nothing cached it would look like $1,296.00" in reasons
    pitfalls = {p["id"]: p["advice"] for p in data["pitfalls"]}
    # Gemini bills no write premium: a cache that never hits costs the list price.
    assert "prompting would cost $1,710.00 a month, not $495.00" in (
        pitfalls["ignoring_prompt_caching"]
    )


def test_a_fine_tune_that_caching_makes_dearer_is_said_to_cost_more_not_to_save_less(
    tmp_path: Path,
) -> None:
    """The same model at a fine-tuned premium (GPT-4.1 mini a year before OpenAI's
    wind-down): once the fixed part is cached, prompting is cheaper than the fine-tune. The
    reason says what it costs more, never "save only $-240.00"."""
    answers = {
        **PROMPTS_WORK,
        **ACTIVE,
        "requests_per_day": 20_000,
        "prompt_tokens": 6_500,
        "ft_prompt_tokens": 500,
        "fixed_prompt_tokens": 6_000,
        "output_tokens": 500,
        "model": "gpt-4.1-mini",
        "ft_model": "same",
    }
    data = report(tmp_path, answers, today=EARLY)
    costs = data["costs"]
    saving = costs["fine_tuning_monthly_savings_usd"]
    assert saving < 0 < costs["fine_tuning_monthly_savings_without_caching_usd"]
    assert data["recommendation"]["approach"] == "prompt_engineering"
    reasons = " ".join(data["recommendation"]["reasons"])
    assert f"would then cost ${-saving:,.2f} a month more than prompting" in reasons
    uncached = costs["fine_tuning_monthly_savings_without_caching_usd"]
    assert f"it would look like a saving of ${uncached:,.2f} a month" in reasons
    text = run_cli("run", "--answers", str(write_answers(tmp_path, answers)), "--format",
                   "text", "--today", EARLY)
    assert text.code == 0, text
    assert "$-" not in text.out, [line for line in text.out.splitlines() if "$-" in line]


# --- batch -----------------------------------------------------------------------------------


def test_answers_that_can_wait_are_priced_at_the_batch_tier(tmp_path: Path) -> None:
    # gpt-4.1's batch tier: $1 in, $4 out per 1M (half its standard prices).
    data = report(tmp_path, {**BASE, "model": "gpt-4.1", "batch": True})
    assert monthly(data, "prompt_engineering") == month(500 * D(1) + 200 * D(4), 10_000)
    assert data["costs"]["batch"] == {"asked": True, "base": True, "fine_tuned": False}
    items = {p["item"] for p in data["costs"]["prices_used"]}
    assert "GPT-4.1, input tokens (batch)" in items
    notes = " ".join(data["costs"]["assumptions"]["notes"])
    assert "priced at the provider's batch tier" in notes
    # Together serves a fine-tune on dedicated GPUs by the hour: no batch tier to price at.
    assert "Together AI offers no batch tier for fine-tuned models" in notes


def test_batch_and_caching_stack_on_anthropic(tmp_path: Path) -> None:
    # Claude Haiku 4.5 batch: input $0.50, cache read $0.05, output $2.50.
    answers = {
        **BASE,
        "model": "claude-haiku-4-5",
        "batch": True,
        "requests_per_day": 1_440_000,
        "prompt_tokens": 5_000,
        "fixed_prompt_tokens": 4_500,
    }
    data = report(tmp_path, answers)
    per_1m = 500 * D("0.50") + 4_500 * D("0.05") + 200 * D("2.50")
    assert monthly(data, "prompt_engineering") == month(per_1m, 1_440_000)


def test_a_model_without_a_batch_tier_in_the_data_says_so(tmp_path: Path) -> None:
    # Groq lists no batch tier in genai-prices, and the catalog has no batch rule for it.
    data = report(tmp_path, {**BASE, "model": "groq:llama-3.1-8b-instant", "batch": True})
    standard = report(tmp_path, {**BASE, "model": "groq:llama-3.1-8b-instant"})
    assert data["costs"]["batch"]["base"] is False
    assert monthly(data, "prompt_engineering") == monthly(standard, "prompt_engineering")
    notes = " ".join(data["costs"]["assumptions"]["notes"])
    assert "the price data lists no batch tier for this model" in notes


def test_a_batch_discount_the_price_data_lacks_comes_from_the_catalog(tmp_path: Path) -> None:
    # genai-prices lists no batch tier for Gemini 3.5 Flash; Google bills batch at 50%.
    data = report(tmp_path, {**BASE, "model": "gemini-3.5-flash", "batch": True})
    assert data["costs"]["batch"]["base"] is True
    # Half its standard prices, $1.50 in and $9 out per 1M.
    expected = month((500 * D("1.50") + 200 * D(9)) / 2, 10_000)
    assert monthly(data, "prompt_engineering") == expected
    prices = data["costs"]["prices_used"]
    used = next(p for p in prices if p["item"].endswith("input tokens (batch)"))
    assert "Gemini API Batch Mode" in used["note"]


@pytest.mark.parametrize("batch", [False, True])
def test_the_question_is_asked_on_every_path_with_no_as_its_default(
    tmp_path: Path, batch: bool
) -> None:
    answers = {**BASE, "model": "gpt-4.1"}
    if batch:
        answers["batch"] = True
    data = report(tmp_path, answers)
    assert "batch" in data["path"] and "fixed_prompt_tokens" in data["path"]
    assert data["answers"]["batch"] is batch
