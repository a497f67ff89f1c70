"""The figures a user bets money on, exactly, through `advisor run` and the real price data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cost_scenarios import (
    ACTIVE,
    ARTICLE,
    BEHAVIOUR,
    EARLY,
    PROMPTS_WORK,
    monthly,
    platform,
    report,
)


def training(data: dict, approach: str = "fine_tuning") -> float:
    """The training item of an approach's one-time cost."""
    items = data["costs"]["approaches"][approach]["one_time_items"]
    return next(i["usd"] for i in items if i["item"].startswith("training"))


def test_the_source_articles_example_comes_out_exactly(tmp_path: Path) -> None:
    data = report(tmp_path, ARTICLE)
    costs = data["costs"]
    prompting = costs["approaches"]["prompt_engineering"]
    tuned = costs["approaches"]["fine_tuning"]
    assert prompting["per_request_usd"] == 0.015
    assert prompting["monthly_usd"] == 4_500
    assert tuned["per_request_usd"] == 0.0015
    assert tuned["monthly_usd"] == 450
    assert costs["fine_tuning_monthly_savings_usd"] == 4_050
    assert costs["model"] == "custom"
    assert costs["assumptions"]["days_per_month"] == 30


def test_output_tokens_the_article_leaves_out_nearly_double_the_bill(tmp_path: Path) -> None:
    data = report(tmp_path, {**ARTICLE, "output_tokens": 200})
    assert monthly(data, "prompt_engineering") == 8_100
    # The fine-tune answers just as long: 50 × $0.03/1K + 200 × $0.06/1K a request.
    assert monthly(data, "fine_tuning") == 4_050
    assert data["costs"]["fine_tuning_monthly_savings_usd"] == 4_050


def test_fine_tuning_the_same_mini_model_costs_more_than_prompting_it(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, **ACTIVE, "model": "gpt-4.1-mini", "ft_model": "same"}
    data = report(tmp_path, answers, today=EARLY)
    assert monthly(data, "prompt_engineering") == 156
    assert monthly(data, "fine_tuning") == 204
    assert data["costs"]["fine_tuning_monthly_savings_usd"] == -48
    assert data["costs"]["break_even_months"] is None
    assert data["costs"]["break_even_requests_per_day"] is None  # never, at any volume
    reasons = " ".join(data["recommendation"]["reasons"])
    assert (
        "the fine-tune would cost $204.00 a month against $156.00 for prompting GPT-4.1 mini "
        "without a fine-tune: $48.00 more"
    ) in reasons


def test_distilling_gpt_4_1_into_a_fine_tuned_mini_saves_by_the_move_not_the_fine_tune(
    tmp_path: Path,
) -> None:
    answers = {**BEHAVIOUR, **ACTIVE, "model": "gpt-4.1", "ft_model": "gpt-4.1-mini"}
    data = report(tmp_path, answers, today=EARLY)
    costs = data["costs"]
    assert monthly(data, "prompt_engineering") == 780
    assert monthly(data, "fine_tuning") == 204
    # The $576 a month between prompting GPT-4.1 and the fine-tuned mini is the move to
    # the mini ($780 − $156 prompting it) less what fine-tuning the mini adds ($48).
    assert costs["fine_tune_target"]["prompting"]["monthly_usd"] == 156
    assert costs["saving_split"] == {"model_switch_usd": 624, "fine_tuning_usd": -48}
    assert costs["fine_tuning_monthly_savings_usd"] == -48
    assert costs["break_even_months"] is None
    assert costs["fine_tune_model"] == "gpt-4.1-mini"
    # 800 examples × 250 tokens × 3 epochs × $5/1M, three runs.
    assert training(data) == 9
    # Each run is evaluated: 200 cases at the fine-tune's prices, (50 × $0.80 + 200 ×
    # $3.20)/1M, each read by a judge priced as GPT-4.1, (50 × $2 + 200 × $8)/1M.
    one_time = 9 + 3 * 200 * (50 * 0.80 + 200 * 3.20 + 50 * 2 + 200 * 8) / 1e6
    assert costs["approaches"]["fine_tuning"]["one_time_usd"] == round(one_time, 2)


def test_training_is_examples_times_tokens_times_epochs_per_run(tmp_path: Path) -> None:
    answers = {
        **BEHAVIOUR,
        **ACTIVE,
        "examples": 1_000,
        "example_tokens": 550,
        "model": "gpt-4.1",
        "ft_model": "same",
    }
    data = report(tmp_path, answers, today=EARLY)
    assumptions = data["costs"]["assumptions"]
    assert assumptions["training_examples"] == 1_000
    assert assumptions["tokens_per_example"] == 550
    assert assumptions["epochs"] == 3
    assert assumptions["training_tokens_per_run"] == 1_650_000
    assert assumptions["training_usd_per_run"] == 41.25
    assert assumptions["training_runs"] == 3
    assert training(data) == 123.75
    assert any("3 training runs" in note for note in assumptions["notes"])


def test_training_runs_and_example_size_are_the_users_to_set(tmp_path: Path) -> None:
    answers = {
        **BEHAVIOUR,
        "examples": 1_000,
        "example_tokens": 550,
        "training_runs": 5,
        "model": "gpt-4.1",
        "ft_model": "same",
        **ACTIVE,
    }
    data = report(tmp_path, answers, today=EARLY)
    assert training(data) == 206.25


def test_first_year_is_one_time_plus_twelve_months_plus_its_retraining(tmp_path: Path) -> None:
    # Nothing changes in this year (no dated price, no shutdown): twelve months alike.
    data = report(tmp_path, {**BEHAVIOUR, "model": "bedrock:nova-lite", "ft_model": "same"})
    assert data["costs"]["price_changes"] == []
    for figures in data["costs"]["approaches"].values():
        extra = sum(item["usd"] for item in figures["first_year_items"])
        expected = figures["one_time_usd"] + 12 * figures["monthly_usd"] + extra
        assert abs(figures["first_year_usd"] - expected) < 0.011
        assert figures["one_time_usd"] == round(
            sum(item["usd"] for item in figures["one_time_items"]), 2
        )


def test_the_azure_hosting_fee_is_charged_every_hour_of_the_month(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "model": "gpt-4.1-mini", "ft_model": "azure:gpt-4.1-mini"}
    # 2026-10-01: Azure's fine-tunes of GPT-4.1 mini still had the year to run (to 2027-10-14)
    data = report(tmp_path, answers, today="2026-10-01")
    assert data["costs"]["fine_tune_model"] == "azure:gpt-4.1-mini"
    # $102 of tokens at the base model's rates (Azure's list) plus $1.70 × 730 hours.
    assert monthly(data, "fine_tuning") == 102 + 1_241
    items = {p["item"]: p for p in data["costs"]["prices_used"]}
    hosting = items["GPT-4.1 mini on Azure OpenAI fine-tuned, hosting"]
    assert hosting["usd"] == 1.7 and hosting["per"] == "hour" and hosting["as_of"]
    assert "hosting_fees" in {p["id"] for p in data["pitfalls"]}


def test_rag_pays_for_retrieved_context_embeddings_and_its_store(tmp_path: Path) -> None:
    answers = {
        **BEHAVIOUR,
        "need": ["knowledge", "style"],
        "knowledge_change": "weekly",
        "model": "gpt-4.1-mini",
        "retrieved_tokens": 1_600,
        "documents_tokens": 10_000_000,
        "vector_store": "managed",
    }
    data = report(tmp_path, answers)
    rag = data["costs"]["approaches"]["rag"]
    # 10M tokens embedded at $0.02/1M once, then every 7 days; Pinecone's $50 minimum.
    assert rag["one_time_usd"] == 0.2
    reembedding = 0.2 * 30 / 7
    # (500 + 1,600) × $0.40/1M + 200 × $1.60/1M, plus a 50-token query at $0.02/1M, and
    # each request's share of the month's fixed fees over its 300,000 requests.
    shared = (50 + reembedding) / 300_000
    assert rag["per_request_usd"] == pytest.approx(0.001161 + shared, abs=1e-8)
    assert abs(rag["monthly_usd"] - (348.3 + 50 + reembedding)) < 0.011
    assert "retrieved_tokens" in data["path"] and "vector_store" in data["path"]


def test_every_price_used_names_its_source_and_date(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, **ACTIVE, "model": "gpt-4.1", "ft_model": "gpt-4.1-mini"}
    data = report(tmp_path, answers, today=EARLY)
    prices = data["costs"]["prices_used"]
    items = {p["item"] for p in prices}
    assert {"GPT-4.1, input tokens", "GPT-4.1, output tokens"} <= items
    assert "GPT-4.1 mini fine-tuned, input tokens" in items
    assert "GPT-4.1 mini fine-tuning, training" in items
    for price in prices:
        assert price["source"] and price["as_of"], price
    base = next(p for p in prices if p["item"] == "GPT-4.1, input tokens")
    assert base["usd"] == 2 and "genai-prices" in base["source"]
    training = next(p for p in prices if p["item"] == "GPT-4.1 mini fine-tuning, training")
    assert training["usd"] == 5 and training["as_of"] == "2025-08-21"


def test_a_question_left_unasked_is_priced_as_the_catalog_assumes(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "examples": 0, "model": "gpt-4.1-mini"})
    assumptions = data["costs"]["assumptions"]
    assert "ft_prompt_tokens" not in data["path"]
    assert assumptions["ft_prompt_tokens"] == 50  # a tenth of the prompt
    assert assumptions["training_examples"] == 500  # priced for the recommended minimum
    assert any("priced for 500" in note for note in assumptions["notes"])


def test_prompts_that_work_stay_prompts_when_fine_tuning_costs_more(tmp_path: Path) -> None:
    answers = {**PROMPTS_WORK, **ACTIVE, "model": "gpt-4.1-mini", "ft_model": "same"}
    data = report(tmp_path, answers, today=EARLY)
    assert data["recommendation"]["approach"] == "prompt_engineering"
    reasons = " ".join(data["recommendation"]["reasons"])
    assert "would not even save money" in reasons and "$48.00 more" in reasons


def test_openai_fine_tunes_are_priced_side_by_side_for_those_who_may_still_train(
    tmp_path: Path,
) -> None:
    """In December 2026 an organisation that still fine-tunes on OpenAI sees the table
    with OpenAI in it, priced as before, and open until the day it closes."""
    answers = {**BEHAVIOUR, **ACTIVE, "model": "gpt-4.1-mini", "ft_model": "same"}
    data = report(tmp_path, answers)
    row = platform(data, "gpt-4.1-mini")
    assert row["monthly_usd"] == 204 and row["serving"] == "per_token_premium"
    assert row["open_until"] == "2027-01-06"
    # Open, but too soon to close to build on: the advice prices another platform.
    assert data["costs"]["fine_tune_model"] != "gpt-4.1-mini"
    why = data["costs"]["fine_tune_priced_on"]["why"]
    assert "takes no new fine-tuning jobs after 2027-01-06 and stops working on 2027-01-14" in why


def test_the_epochs_reported_are_those_the_training_is_priced_with() -> None:
    """Nova trains 2 epochs by default and a self-hosted LoRA 1: the JSON's `epochs` is the
    one its `training_tokens_per_run` was worked out with, in every committed cover report."""
    import json

    from tests.golden import COVER

    checked = 0
    for path in sorted((COVER / "ai_strategy").glob("*.report.json")):
        costs = json.loads(path.read_text(encoding="utf-8")).get("costs") or {}
        a = costs.get("assumptions") or {}
        if not a.get("training_tokens_per_run"):
            continue
        per_run = a["training_examples"] * a["tokens_per_example"] * a["epochs"]
        assert per_run == a["training_tokens_per_run"], path.name
        checked += 1
    assert checked >= 5


def test_a_default_the_person_never_gave_is_not_said_as_their_answer(tmp_path: Path) -> None:
    # Knowledge pasted into a working prompt: the flow never asks how often requirements
    # change, so the retraining priced for a fine-tune rests on the catalog's assumption.
    answers = {"need": ["knowledge"], "knowledge_change": "monthly", "knowledge_plan": "prompt",
               "prompts_work": "yes", "test_set": True, "requests_per_day": 3_000,
               "prompt_tokens": 12_000, "knowledge_tokens": 10_000, "output_tokens": 300,
               "model": "claude-haiku-5-5"}
    notes = " ".join(report(tmp_path, answers)["costs"]["assumptions"]["notes"])
    assert (
        "retraining 4× (requirements change sometimes, as assumed: the question was not asked;"
        in notes
    )
    asked = {"need": ["style"], "prompts_work": "partly", "examples": 1_000,
             "data_reviewed": True, "test_set": True, "requests_per_day": 3_000,
             "requirements_change": "rarely", "model": "claude-haiku-5-5"}
    notes = " ".join(report(tmp_path, asked)["costs"]["assumptions"]["notes"])
    assert "retraining 1× (requirements change rarely;" in notes


def test_a_fine_tune_keeps_the_part_of_the_prompt_that_changes_on_every_request(
    tmp_path: Path,
) -> None:
    # 16,000 tokens, of which only 1,400 repeat (1,000 of them the knowledge pasted in):
    # a fine-tune drops the 400 of fixed instructions, never the 14,600 that vary.
    answers = {"need": ["knowledge"], "knowledge_change": "rarely", "knowledge_plan": "prompt",
               "prompts_work": "yes", "test_set": True, "requests_per_day": 100,
               "prompt_tokens": 16_000, "knowledge_tokens": 1_000,
               "fixed_prompt_tokens": 1_400, "output_tokens": 300, "model": "claude-sonnet-5-5"}
    assumed = report(tmp_path, answers)["costs"]["assumptions"]
    assert assumed["ft_prompt_tokens"] == 14_600
    assert "ft_prompt_tokens" in assumed["from_catalog_defaults"]
    # Without a count of the fixed part, the default stays a tenth of the instructions.
    del answers["fixed_prompt_tokens"]
    assert report(tmp_path, answers)["costs"]["assumptions"]["ft_prompt_tokens"] == 1_500


def test_custom_prices_are_never_credited_to_the_price_data(tmp_path: Path) -> None:
    answers = {"need": ["style"], "prompts_work": "partly", "examples": 800,
               "data_reviewed": True, "test_set": True, "requests_per_day": 100,
               "requirements_change": "rarely", "prompt_tokens": 2_000,
               "fixed_prompt_tokens": 1_800, "output_tokens": 200, "model": "custom",
               "price_input_per_1k": 0.002, "price_cached_input_per_1k": 0.0005,
               "price_output_per_1k": 0.008, "ft_price_input_per_1k": 0.003,
               "ft_price_output_per_1k": 0.012, "training_price_per_1m": 25}
    notes = " ".join(report(tmp_path, answers)["costs"]["assumptions"]["notes"])
    assert "billed a cache read 0.25× the input price (your prices)" in notes
    assert "(the price data)" not in notes and "genai-prices lists" not in notes
