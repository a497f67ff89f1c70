"""Money and model lifecycle change the advice, and the reasons say so with the figures."""

from __future__ import annotations

from pathlib import Path

from tests.cost_scenarios import ARTICLE, BEHAVIOUR, PROMPTS_WORK, monthly, report


def reasons(data: dict) -> str:
    return " ".join(data["recommendation"]["reasons"])


# --- prompts that already work --------------------------------------------------------------


def test_working_prompts_give_way_to_a_fine_tune_that_saves_money(tmp_path: Path) -> None:
    data = report(tmp_path, {**PROMPTS_WORK, "model": "gpt-4.1", "ft_model": "gpt-4.1-mini"})
    rec = data["recommendation"]
    assert rec["approach"] == "fine_tuning"
    assert rec["title"] == "Fine-tune to cut the cost of every request"
    assert "$204.00 a month instead of $780.00" in rec["summary"]
    assert "saving $576.00 a month" in reasons(data)


def test_the_articles_saving_turns_working_prompts_into_a_fine_tune(tmp_path: Path) -> None:
    data = report(tmp_path, {**ARTICLE, "prompts_work": "yes"})
    assert data["recommendation"]["approach"] == "fine_tuning"
    assert "saving $4,050.00 a month" in reasons(data)


def test_a_saving_with_changing_requirements_keeps_the_prompts(tmp_path: Path) -> None:
    answers = {
        **PROMPTS_WORK,
        "requirements_change": "sometimes",
        "model": "gpt-4.1",
        "ft_model": "gpt-4.1-mini",
    }
    data = report(tmp_path, answers)
    assert data["recommendation"]["approach"] == "prompt_engineering"
    assert "would save $576.00 a month" in reasons(data)
    assert "requirements change sometimes" in reasons(data)


def test_working_prompts_stay_with_too_few_examples_whatever_the_saving(tmp_path: Path) -> None:
    data = report(tmp_path, {**ARTICLE, "prompts_work": "yes", "examples": 300})
    assert data["costs"]["fine_tuning_monthly_savings_usd"] == 4_050
    assert data["recommendation"]["approach"] == "prompt_engineering"


def test_a_saving_that_would_not_outlive_the_base_model_keeps_the_prompts(
    tmp_path: Path,
) -> None:
    # At 150,000 requests a day a fine-tuned GPT-4.1 saves $225 a month, $25 more than its
    # upkeep, so its $168.75 of training takes 6.75 months to repay from that — and GPT-4.1
    # shuts down in 47 days.
    answers = {
        **PROMPTS_WORK,
        "requests_per_day": 150_000,
        "examples": 3_000,
        "model": "gpt-4.1",
        "ft_model": "same",
    }
    data = report(tmp_path, answers)
    assert data["costs"]["fine_tuning_monthly_savings_usd"] == 225
    assert data["costs"]["approaches"]["fine_tuning"]["one_time_usd"] == 168.75
    assert data["recommendation"]["approach"] == "prompt_engineering"
    assert "shuts down on 2027-01-14" in reasons(data)


def test_a_saving_below_a_fine_tunes_upkeep_keeps_the_prompts(tmp_path: Path) -> None:
    # $15 a month saved: less than the catalog's upkeep of 2 hours at $100.
    data = report(tmp_path, {**PROMPTS_WORK, "model": "gpt-4.1", "ft_model": "same"})
    assert data["costs"]["fine_tuning_monthly_savings_usd"] == 15
    assert data["costs"]["assumptions"]["ft_upkeep_monthly_usd"] == 200
    assert data["recommendation"]["approach"] == "prompt_engineering"
    assert "less than the upkeep a fine-tune in production needs ($200.00 a month" in reasons(
        data
    )


def test_working_prompts_name_the_smaller_fine_tune_when_the_same_costs_more(
    tmp_path: Path,
) -> None:
    answers = {**PROMPTS_WORK, "output_tokens": 1_000, "model": "gpt-4.1", "ft_model": "same"}
    data = report(tmp_path, answers)
    assert data["recommendation"]["approach"] == "prompt_engineering"
    assert monthly(data, "fine_tuning") > monthly(data, "prompt_engineering")
    cheaper = data["costs"]["cheaper_fine_tune"]
    assert cheaper["model"] == "gpt-4.1-mini"
    # 50 × $0.80/1M + 1,000 × $3.20/1M, 300,000 requests a month.
    assert cheaper["monthly_usd"] == 972
    assert "a fine-tuned GPT-4.1 mini would cost $972.00 a month" in reasons(data)


# --- when fine-tuning is the recommendation ------------------------------------------------


def test_a_fine_tune_that_costs_more_says_so_and_points_at_distillation(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "output_tokens": 1_000, "model": "gpt-4.1", "ft_model": "same"}
    data = report(tmp_path, answers)
    assert data["recommendation"]["approach"] in ("fine_tuning", "hybrid")
    text = reasons(data)
    assert "Fine-tuned tokens cost more than base tokens on OpenAI" in text
    assert "distil into a smaller model: a fine-tuned GPT-4.1 mini" in text
    assert "fine_tuned_price_premium" in {p["id"] for p in data["pitfalls"]}


def test_a_fine_tune_that_saves_money_gives_the_saving_and_payback(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "model": "gpt-4.1", "ft_model": "gpt-4.1-mini"})
    assert "it saves $576.00 a month and repays its training ($9.00)" in reasons(data)


def test_no_cheaper_variant_is_invented_when_none_exists(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "model": "gpt-4.1-mini", "ft_model": "same"})
    assert data["costs"]["cheaper_fine_tune"] is None
    assert "no smaller fine-tunable model in the catalog" in reasons(data)


# --- lifecycle -------------------------------------------------------------------------------


def test_fine_tuning_gpt_4_1_mini_in_december_warns_of_both_openai_dates(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "model": "gpt-4.1-mini", "ft_model": "same"}
    data = report(tmp_path, answers, today="2026-12-01")
    assert data["recommendation"]["approach"] in ("fine_tuning", "hybrid")
    warnings = " ".join(data["warnings"])
    assert "no new fine-tuning jobs for GPT-4.1 mini after 2027-01-06 (in 36 days)" in warnings
    assert "shuts down on 2027-01-14 (in 44 days)" in warnings
    assert "Llama 3.1 8B Instruct on Together AI" in warnings  # where it remains available
    assert "after 2027-01-06, in 36 days" in reasons(data)
    assert data["costs"]["approaches"]["fine_tuning"] is not None


def test_after_the_shutdown_fine_tuning_gpt_4_1_mini_is_not_offered(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "model": "gpt-4.1-mini", "ft_model": "same"}
    data = report(tmp_path, answers, today="2027-02-01")
    costs = data["costs"]
    for approach in ("fine_tuning", "hybrid", "rag_fine_tuning"):
        assert costs["approaches"][approach] is None
        assert "shut down on 2027-01-14" in costs["unavailable"][approach]
    assert costs["fine_tuning_monthly_savings_usd"] is None
    assert costs["approaches"]["prompt_engineering"]["monthly_usd"] == 156
    warnings = " ".join(data["warnings"])
    assert "Fine-tuning is not available" in warnings
    # The successor is a current model of the same provider and tier, from the data.
    assert "Consider GPT-6 Luna [gpt-6-luna] instead" in warnings
    text = reasons(data)
    assert "not an option as of 2027-02-01" in text
    assert "together:llama-3.1-8b" in text


def test_between_closing_and_shutdown_no_new_fine_tune_can_be_started(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "model": "gpt-4.1-mini", "ft_model": "same"}
    data = report(tmp_path, answers, today="2027-01-10")
    unavailable = data["costs"]["unavailable"]["fine_tuning"]
    assert "OpenAI stopped taking new fine-tuning jobs for GPT-4.1 mini on 2027-01-06" in (
        unavailable
    )


def test_working_prompts_are_not_sent_to_a_closed_fine_tuning_service(tmp_path: Path) -> None:
    answers = {**PROMPTS_WORK, "model": "gpt-4.1", "ft_model": "gpt-4.1-mini"}
    data = report(tmp_path, answers, today="2027-01-07")
    assert data["recommendation"]["approach"] == "prompt_engineering"
    assert data["costs"]["approaches"]["fine_tuning"] is None


def test_a_retired_model_is_flagged_with_its_successor(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "model": "gpt-4", "ft_model": "same"})
    warnings = " ".join(data["warnings"])
    assert "GPT-4 (the source article's model) [gpt-4] was shut down by OpenAI on 2026-10-23" in (
        warnings
    )
    assert "Consider GPT-6.1 Terra [gpt-6.1-terra] instead" in warnings
    assert "cannot be fine-tuned" in data["costs"]["unavailable"]["fine_tuning"]
    # Its last list prices, $30 in and $60 out per 1M: the article's $8,100 a month.
    assert monthly(data, "prompt_engineering") == 8_100


def test_fine_tuning_moves_to_an_open_model_with_its_hourly_endpoint(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "model": "gpt-5.1", "ft_model": "together:llama-3.1-8b"}
    data = report(tmp_path, answers, today="2027-02-01")
    costs = data["costs"]
    # A dedicated H100 at $3.99 an hour, 730 hours; no per-token charge on it.
    assert monthly(data, "fine_tuning") == 2_912.7
    assert costs["approaches"]["fine_tuning"]["per_request_usd"] == 0
    # 800 examples × 250 tokens × 3 epochs × $0.48/1M, three runs.
    assert costs["approaches"]["fine_tuning"]["one_time_usd"] == 0.86
    assert not any("OpenAI takes no new" in w for w in data["warnings"])


def test_a_gemini_tuned_on_vertex_is_billed_at_its_base_token_prices(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "model": "vertex:gemini-2.5-flash"}
    data = report(tmp_path, answers)
    prompting = data["costs"]["approaches"]["prompt_engineering"]
    tuned = data["costs"]["approaches"]["fine_tuning"]
    # 500 × $0.30/1M + 200 × $2.50/1M against 50 × $0.30/1M + 200 × $2.50/1M.
    assert prompting["monthly_usd"] == 195
    assert tuned["monthly_usd"] == 154.5
    assert tuned["one_time_usd"] == 9  # 600,000 tokens a run at $5/1M, three runs


def test_a_hosting_fee_is_named_as_what_makes_the_fine_tune_dearer(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "requests_per_day": 2_000, "model": "azure:gpt-4.1-mini"}
    data = report(tmp_path, answers)
    assert "$1,241.00 of it a hosting fee charged whatever the traffic" in reasons(data)
    assert "Fine-tuned tokens cost more" not in reasons(data)
    pitfalls = {p["id"] for p in data["pitfalls"]}
    assert "hosting_fees" in pitfalls and "fine_tuned_price_premium" not in pitfalls


def test_the_conversation_reacts_to_a_retired_model_and_an_impossible_fine_tune() -> None:
    from datetime import date

    from advisor.engine.session import Session
    from advisor.facts import Context
    from advisor.flow.library import resolve
    from advisor.flow.loader import load_flow

    session = Session(load_flow(resolve(None)), Context(today=date(2026, 11, 28)))
    answers = {**BEHAVIOUR, "model": "gpt-4", "ft_model": "same"}
    while (question := session.current) is not None and question.id != "ft_model":
        session.answer(answers.get(question.id, session.default_for(question)))
    assert session.reaction() == (
        "GPT-4 (the source article's model) was shut down on 2026-10-23: the figures use its "
        "last prices — consider GPT-6.1 Terra."
    )
    session.answer("same")
    assert session.reaction() == (
        "Not possible as of 2026-11-28: GPT-4 (the source article's model) cannot be "
        "fine-tuned. No self-serve fine-tuning was ever offered for GPT-4."
    )
