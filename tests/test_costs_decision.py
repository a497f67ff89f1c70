"""Money and model lifecycle change the advice, and the reasons say so with the figures.

OpenAI's own fine-tuning arithmetic is checked as it stood a year before its wind-down
(`EARLY`, for an organisation that fine-tunes there): on the project's today it is closed
to most customers and too close to closing to build on, and the advice moves elsewhere.
"""

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


def reasons(data: dict) -> str:
    return " ".join(data["recommendation"]["reasons"])


def openai_era(tmp_path: Path, answers: dict) -> dict:
    return report(tmp_path, {**answers, **ACTIVE}, today=EARLY)


# --- prompts that already work --------------------------------------------------------------


# Gemini 3.5 Flash can be fine-tuned on Vertex, billed at its own token prices: the same
# model prompted and fine-tuned, at a volume where the shorter prompt pays.
SAME_MODEL = {"model": "vertex:gemini-3.5-flash", "requests_per_day": 100_000}


def test_working_prompts_give_way_to_a_fine_tune_of_the_same_model_that_saves_money(
    tmp_path: Path,
) -> None:
    data = report(tmp_path, {**PROMPTS_WORK, **SAME_MODEL}, today="2026-12-04")
    rec = data["recommendation"]
    assert rec["approach"] == "fine_tuning"
    assert rec["title"] == "Fine-tune to cut the cost of every request"
    # 500 × $1.50/1M + 200 × $9/1M against 50 × $1.50/1M + 200 × $9/1M, 3M requests.
    assert "$5,625.00 a month instead of $7,650.00" in rec["summary"]
    assert "saving $2,025.00 a month" in reasons(data)
    assert data["costs"]["saving_split"] == {"model_switch_usd": 0, "fine_tuning_usd": 2_025}


def test_distilling_into_a_smaller_model_is_a_model_switch_not_a_saving_of_fine_tuning(
    tmp_path: Path,
) -> None:
    data = openai_era(tmp_path, {**PROMPTS_WORK, "model": "gpt-4.1", "ft_model": "gpt-4.1-mini"})
    assert data["recommendation"]["approach"] == "prompt_engineering"
    costs = data["costs"]
    # Prompting GPT-4.1 $780, GPT-4.1 mini $156, the fine-tuned mini $204 a month: the
    # $576 between prompting GPT-4.1 and the fine-tune is the move ($624) less what
    # fine-tuning the mini adds ($48).
    assert costs["saving_split"] == {"model_switch_usd": 624, "fine_tuning_usd": -48}
    assert costs["fine_tuning_monthly_savings_usd"] == -48
    assert costs["fine_tune_target"]["relation"] == "same_vendor"
    text = reasons(data)
    assert "Prompting GPT-4.1 mini instead would cost $156.00 a month against $780.00" in text
    assert "run your test set through GPT-4.1 mini with your current prompts" in text


def test_the_articles_saving_turns_working_prompts_into_a_fine_tune(tmp_path: Path) -> None:
    data = report(tmp_path, {**ARTICLE, "prompts_work": "yes"})
    assert data["recommendation"]["approach"] == "fine_tuning"
    assert "saving $4,050.00 a month" in reasons(data)


def test_a_saving_with_changing_requirements_keeps_the_prompts(tmp_path: Path) -> None:
    answers = {**PROMPTS_WORK, **SAME_MODEL, "requirements_change": "sometimes"}
    data = report(tmp_path, answers, today="2026-12-04")
    assert data["recommendation"]["approach"] == "prompt_engineering"
    assert "would save $2,025.00 a month" in reasons(data)
    assert "requirements change sometimes" in reasons(data)


def test_working_prompts_stay_with_too_few_examples_whatever_the_saving(tmp_path: Path) -> None:
    data = report(tmp_path, {**ARTICLE, "prompts_work": "yes", "examples": 300})
    assert data["costs"]["fine_tuning_monthly_savings_usd"] == 4_050
    assert data["recommendation"]["approach"] == "prompt_engineering"


def test_a_saving_that_would_not_outlive_the_base_model_keeps_the_prompts(
    tmp_path: Path,
) -> None:
    # On 2026-03-01, at 150,000 requests a day, a fine-tuned GPT-4.1 saves $225 a month,
    # $25 more than its upkeep, so its $168.75 of training takes 6.75 months to repay from
    # that. GPT-4.1 then had 319 days to live: short of the year a fine-tune must repay in,
    # so nothing lasting is on offer on OpenAI, and every other platform is priced.
    answers = {
        **PROMPTS_WORK,
        **ACTIVE,
        "requests_per_day": 150_000,
        "examples": 3_000,
        "model": "gpt-4.1",
        "ft_model": "same",
    }
    data = report(tmp_path, answers, today="2026-03-01")
    row = platform(data, "gpt-4.1")
    assert row["monthly_usd"] == monthly(data, "prompt_engineering") - 225
    assert data["costs"]["fine_tune_model"] != "gpt-4.1"
    assert "stops working on 2027-01-14" in reasons(data)


def test_a_saving_below_a_fine_tunes_upkeep_keeps_the_prompts(tmp_path: Path) -> None:
    # $15 a month saved: less than the catalog's upkeep of 2 hours at $100.
    data = openai_era(tmp_path, {**PROMPTS_WORK, "model": "gpt-4.1", "ft_model": "same"})
    assert data["costs"]["fine_tuning_monthly_savings_usd"] == 15
    assert data["costs"]["assumptions"]["ft_upkeep_monthly_usd"] == 200
    assert data["recommendation"]["approach"] == "prompt_engineering"
    # The upkeep is the engineering and a month's share of the year's retraining.
    tuned = data["costs"]["approaches"]["fine_tuning"]
    upkeep = 200 + _retraining_a_year(tuned) / 12
    assert upkeep > 200
    assert f"less than the upkeep a fine-tune in production needs (${upkeep:,.2f} a month" in (
        reasons(data)
    )


def test_working_prompts_name_the_smaller_fine_tune_when_the_same_costs_more(
    tmp_path: Path,
) -> None:
    answers = {**PROMPTS_WORK, "output_tokens": 1_000, "model": "gpt-4.1", "ft_model": "same"}
    data = openai_era(tmp_path, answers)
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
    data = openai_era(tmp_path, answers)
    assert data["recommendation"]["approach"] in ("fine_tuning", "hybrid")
    text = reasons(data)
    approach = data["recommendation"]["approach"]
    mine = monthly(data, approach)
    base = monthly(data, "prompt_engineering")
    assert f"would cost ${mine:,.2f} a month against ${base:,.2f} for prompting GPT-4.1" in (
        text
    )
    assert f"${mine - base:,.2f} more" in text
    assert "A smaller model might cost less: a fine-tuned GPT-4.1 mini" in text
    assert "fine_tuned_price_premium" in {p["id"] for p in data["pitfalls"]}


def test_a_fine_tune_that_saves_money_gives_the_saving_and_payback(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, **SAME_MODEL}, today="2026-12-04")
    assert data["recommendation"]["approach"] == "fine_tuning"
    costs = data["costs"]
    saving = costs["fine_tuning_monthly_savings_usd"]
    one_time = costs["approaches"]["fine_tuning"]["one_time_usd"]
    assert saving == 2_025
    left = saving - 200 - _retraining_a_year(costs["approaches"]["fine_tuning"]) / 12
    assert (
        f"it saves ${saving:,.2f} a month, ${left:,.2f} after its upkeep and retraining, and "
        f"repays its one-time cost (${one_time:,.2f}" in reasons(data)
    )


def test_no_cheaper_variant_is_invented_when_none_exists(tmp_path: Path) -> None:
    data = openai_era(tmp_path, {**BEHAVIOUR, "model": "gpt-4.1-mini", "ft_model": "same"})
    assert data["costs"]["cheaper_fine_tune"] is None
    assert "smaller model" not in reasons(data)


def test_a_cheaper_current_model_prompted_is_named_with_both_figures(tmp_path: Path) -> None:
    """A fine-tune of an older model against prompting a current one of its tier."""
    answers = {**BEHAVIOUR, "data_reviewed": False, "model": "gpt-4.1-mini"}
    data = report(tmp_path, answers, today="2026-12-04")
    cheaper = data["costs"]["cheaper_prompting"]
    tuned = data["costs"]["approaches"]["fine_tuning"]
    assert cheaper["first_year_usd"] < tuned["first_year_usd"]
    text = reasons(data)
    assert f"Before you fine-tune, try prompting {cheaper['name']}" in text
    assert f"${cheaper['first_year_usd']:,.2f}" in text and f"${tuned['first_year_usd']:,.2f}" in (
        text
    )


# --- lifecycle -------------------------------------------------------------------------------


def test_a_new_customer_is_moved_off_openai_and_told_why(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "model": "gpt-4.1-mini", "ft_model": "same"})
    costs = data["costs"]
    assert costs["fine_tune_model"] != "gpt-4.1-mini"
    assert not costs["fine_tune_model"].startswith("gpt-")
    unavailable = costs["unavailable"]["gpt-4.1-mini"]
    assert "no fine-tuning jobs from organisations new to it since 2026-05-07" in unavailable
    assert "since 2026-07-02 only from those that ran fine-tuned inference" in unavailable
    assert "gpt-4.1-mini" not in {p["id"] for p in costs["fine_tuning_platforms"]}
    # The same model on Azure OpenAI is open to a new customer, but on Azure's schedule its
    # fine-tunes stop on 2027-10-14, inside the year a fine-tune must pay back in: it is
    # named as considered, and the fine-tune is priced on another model family.
    assert costs["fine_tune_target"]["relation"] == "other_family"
    assert (
        "GPT-4.1 mini on Azure OpenAI [azure:gpt-4.1-mini] takes no new fine-tuning jobs "
        "after 2027-04-14 and stops working on 2027-10-14"
    ) in reasons(data)


def test_an_active_customer_in_december_is_warned_of_both_openai_dates(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, **ACTIVE, "model": "gpt-4.1-mini", "ft_model": "same"}
    data = report(tmp_path, answers, today="2026-12-01")
    row = platform(data, "gpt-4.1-mini")
    assert row["open_until"] == "2027-01-06" and row["monthly_usd"] == 204
    warnings = " ".join(data["warnings"])
    assert "shuts down on 2027-01-14, in 44 days" in warnings
    assert "takes no new fine-tuning jobs after 2027-01-06 and stops working on 2027-01-14" in (
        warnings
    )
    assert data["costs"]["fine_tune_model"] != "gpt-4.1-mini"


def test_after_the_shutdown_fine_tuning_gpt_4_1_mini_is_not_offered(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, **ACTIVE, "model": "gpt-4.1-mini", "ft_model": "same"}
    data = report(tmp_path, answers, today="2027-02-01")
    costs = data["costs"]
    for closed in ("gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini"):
        assert "shut down on 2027-01-14" in costs["unavailable"][closed]
    assert not any(p["provider"] == "OpenAI" for p in costs["fine_tuning_platforms"])
    assert costs["approaches"]["prompt_engineering"]["monthly_usd"] == 156
    # The successor is the replacement OpenAI names, from the data.
    assert "OpenAI names GPT-6 Luna [gpt-6-luna] as its replacement" in " ".join(
        data["warnings"]
    )
    assert "was shut down on 2027-01-14" in reasons(data)


def test_between_closing_and_shutdown_no_new_fine_tune_can_be_started(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, **ACTIVE, "model": "gpt-4.1-mini", "ft_model": "same"}
    data = report(tmp_path, answers, today="2027-01-10")
    unavailable = data["costs"]["unavailable"]["gpt-4.1-mini"]
    assert "OpenAI took its last new fine-tuning jobs for GPT-4.1 mini on 2027-01-06" in (
        unavailable
    )


def test_working_prompts_are_not_sent_to_a_closed_fine_tuning_service(tmp_path: Path) -> None:
    answers = {**PROMPTS_WORK, **ACTIVE, "model": "gpt-4.1", "ft_model": "gpt-4.1-mini"}
    data = report(tmp_path, answers, today="2027-01-07")
    assert data["costs"]["fine_tune_model"] != "gpt-4.1-mini"
    assert "OpenAI took its last new fine-tuning jobs" in reasons(data)


def test_a_retired_model_is_flagged_with_its_successor(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "model": "gpt-4", "ft_model": "same"})
    warnings = " ".join(data["warnings"])
    assert "GPT-4 (the source article's model) [gpt-4] was shut down by OpenAI on 2026-10-23" in (
        warnings
    )
    # GPT-4's list price ($30/$60) puts it in the large band, as GPT-6.1 Sol is today.
    assert "Consider GPT-6.1 Sol [gpt-6.1-sol] instead" in warnings
    assert "GPT-4 (the source article's model) cannot be fine-tuned" in reasons(data)
    # Its last list prices, $30 in and $60 out per 1M: the article's $8,100 a month.
    assert monthly(data, "prompt_engineering") == 8_100


def test_fine_tuning_moves_to_an_open_model_with_its_hourly_endpoint(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "model": "gpt-5.1", "ft_model": "together:llama-3.1-8b"}
    data = report(tmp_path, answers, today="2027-02-01")
    costs = data["costs"]
    assert costs["fine_tune_model"] == "together:llama-3.1-8b"
    # A dedicated H100 at $3.99 an hour, 730 hours; no per-token charge on it, so a
    # request costs its share of the endpoint: $2,912.70 over 300,000 requests.
    assert monthly(data, "fine_tuning") == 2_912.7
    assert costs["approaches"]["fine_tuning"]["per_request_usd"] == 0.009709
    # 800 examples × 250 tokens × 1 epoch (Together's default) × $0.48/1M, three runs.
    items = {i["item"]: i["usd"] for i in costs["approaches"]["fine_tuning"]["one_time_items"]}
    assert items["training: 3 runs of 200,000 tokens each"] == 0.29
    assert not any("OpenAI takes no new" in w for w in data["warnings"])


def test_a_gemini_2_5_tune_on_vertex_has_retired_and_the_advice_says_so(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "model": "vertex:gemini-2.5-flash"}
    data = report(tmp_path, answers, today="2026-12-04")
    costs = data["costs"]
    assert "was shut down on 2026-10-20" in costs["unavailable"]["vertex:gemini-2.5-flash"]
    assert costs["fine_tune_model"] != "vertex:gemini-2.5-flash"
    assert not any("gemini-2.5" in p["id"] for p in costs["fine_tuning_platforms"])
    assert "was shut down on 2026-10-20" in " ".join(data["warnings"])


def test_a_gemini_tuned_on_vertex_is_billed_at_its_base_token_prices(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "model": "vertex:gemini-3.5-flash", "ft_model": "same"}
    data = report(tmp_path, answers, today="2026-12-04")
    assert data["costs"]["fine_tune_model"] == "vertex:gemini-3.5-flash"
    prompting = data["costs"]["approaches"]["prompt_engineering"]
    tuned = data["costs"]["approaches"]["fine_tuning"]
    # 500 × $1.50/1M + 200 × $9/1M against 50 × $1.50/1M + 200 × $9/1M.
    assert prompting["monthly_usd"] == 765
    assert tuned["monthly_usd"] == 562.5
    items = {i["item"]: i["usd"] for i in tuned["one_time_items"]}
    assert items["training: 3 runs of 600,000 tokens each"] == 9  # at $5/1M, an estimate
    row = platform(data, "vertex:gemini-3.5-flash")
    assert "training_per_1m" in row["unverified"]
    # Google promises 3.5 Flash until no earlier than 2027-05-19: a re-tune in the year.
    later = " ".join(i["item"] for i in tuned["first_year_items"])
    assert (
        "a likely re-tune on a successor: the base model is promised only until no earlier "
        "than 2027-05-19"
    ) in later


def test_a_hosting_fee_is_named_as_what_makes_the_fine_tune_dearer(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "requests_per_day": 2_000, "model": "together:llama-3.1-8b"}
    data = report(tmp_path, answers)
    assert data["costs"]["fine_tune_model"] == "together:llama-3.1-8b"
    # one H100 endpoint at $3.99 an hour, 730 hours a month
    assert "includes a hosting fee of $2,912.70, charged whatever the traffic" in reasons(data)
    assert "Fine-tuned tokens cost more" not in reasons(data)
    pitfalls = {p["id"] for p in data["pitfalls"]}
    assert "hosting_fees" in pitfalls and "fine_tuned_price_premium" not in pitfalls


def test_the_conversation_reacts_to_a_retired_model_and_an_impossible_fine_tune() -> None:
    from datetime import date

    from advisor.engine.flows import load_flow
    from advisor.engine.session import Session
    from advisor.facts import Context
    from advisor.flow.library import resolve

    session = Session(load_flow(resolve(None)), Context(today=date(2026, 11, 28)))
    answers = {**BEHAVIOUR, "model": "gpt-4", "ft_model": "same"}
    while (question := session.current) is not None and question.id != "ft_model":
        session.answer(answers.get(question.id, session.default_for(question)))
    assert session.reaction() == (
        "GPT-4 (the source article's model) was shut down on 2026-10-23: the figures use its "
        "last prices — consider GPT-6.1 Sol."
    )
    session.answer("same")
    reaction = session.reaction() or ""
    assert reaction.startswith(
        "GPT-4 (the source article's model) cannot be fine-tuned (No self-serve fine-tuning "
        "was ever offered for GPT-4). The fine-tune is priced on"
    )


def _retraining_a_year(cost: dict) -> float:
    """What keeping the fine-tune adds to its first year: retraining, and any re-tune."""
    return sum(i["usd"] for i in cost["first_year_items"])


# Nova Pro, 5,000 requests a day, facts and behaviour: RAG plus fine-tuning is recommended.
KNOWLEDGE_AND_STYLE = {
    "need": ["knowledge", "domain", "style"], "knowledge_change": "monthly",
    "knowledge_plan": "fine_tune", "documents_tokens": 300_000, "prompts_work": "partly",
    "examples": 800, "data_reviewed": True, "test_set": True, "requests_per_day": 5_000,
    "requirements_change": "sometimes", "prompt_tokens": 2_000, "ft_prompt_tokens": 200,
    "fixed_prompt_tokens": 1_800, "output_tokens": 400, "model": "bedrock:nova-pro",
    "example_tokens": 800, "retrieved_tokens": 1_600,
}


def test_a_saving_smaller_than_upkeep_and_retraining_is_never_said_to_repay(
    tmp_path: Path,
) -> None:
    # RAG plus fine-tuning saves $52.05 a month on the bill, but retraining 4x a year
    # ($3,327.23) and the engineering upkeep ($200 a month) cost more than that.
    data = report(tmp_path, KNOWLEDGE_AND_STYLE)
    costs = data["costs"]
    rec = costs["approaches"]["rag_fine_tuning"]
    assert data["recommendation"]["approach"] == "rag_fine_tuning"
    upkeep = costs["assumptions"]["ft_upkeep_monthly_usd"] + _retraining_a_year(rec) / 12
    assert upkeep == pytest.approx(477.27, abs=0.01)
    said = reasons(data)
    assert " and repays its one-time cost" not in said
    assert (
        "saves $52.05 a month on the bill, less than the $477.27 a month its upkeep and "
        "retraining cost, so it never repays its one-time cost ($95.43)"
    ) in said
    assert costs["break_even_months"] is None  # the plain fine-tune does not repay either
    assert "$477.27 a month of re-testing and retraining" in data["recommendation"]["summary"]


def test_the_months_to_repay_are_counted_from_what_is_left_after_upkeep(tmp_path: Path) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "requests_per_day": 200_000})
    costs = data["costs"]
    tuned = costs["approaches"]["fine_tuning"]
    left = (costs["fine_tuning_monthly_savings_usd"] - costs["assumptions"]["ft_upkeep_monthly_usd"]
            - _retraining_a_year(tuned) / 12)
    assert left > 0
    assert costs["break_even_months"] == pytest.approx(tuned["one_time_usd"] / left, abs=0.01)


def test_a_fine_tune_that_retrieves_is_weighed_against_retrieval_on_a_cheaper_model(
    tmp_path: Path,
) -> None:
    data = report(tmp_path, KNOWLEDGE_AND_STYLE)
    assert data["recommendation"]["approach"] == "rag_fine_tuning"
    cheaper = data["costs"]["cheaper_retrieval"]
    said = reasons(data)
    assert f"try retrieval with prompts on {cheaper['name']}: its first year would cost " in said
    assert f"${cheaper['first_year_usd']:,.2f}, against $8,349.38 for RAG plus fine-tuning" in said
    # Like for like: exactly what retrieval costs in the report of that model.
    theirs = report(tmp_path, {**KNOWLEDGE_AND_STYLE, "model": cheaper["model"]})
    assert theirs["costs"]["approaches"]["rag"]["first_year_usd"] == cheaper["first_year_usd"]
    # Prompting the cheaper model without the documents is no alternative to retrieval.
    prompting_only = data["costs"]["cheaper_prompting"]["first_year_usd"]
    assert f"${prompting_only:,.2f}, against $8,349.38" not in said


def _first_years(data: dict) -> tuple[float, float]:
    """Prompting the model fine-tuned, and the fine-tune with a year of its upkeep."""
    costs = data["costs"]
    target = costs.get("fine_tune_target") or {}
    prompting = (target.get("prompting") or costs["approaches"]["prompt_engineering"])
    tuned = costs["approaches"]["fine_tuning"]["first_year_usd"]
    return prompting["first_year_usd"], tuned + 12 * costs["assumptions"]["ft_upkeep_monthly_usd"]


@pytest.mark.parametrize(
    ("answers", "today"),
    [
        # Only the baseline caches (Nova Pro, after Claude Opus 4.5 has shut down): the cache
        # warms with volume, so the volume is searched for, not drawn as a straight line.
        ({"need": ["style", "domain"], "prompts_work": "partly", "examples": 600,
          "data_reviewed": True, "test_set": True, "requests_per_day": 300,
          "requirements_change": "sometimes", "prompt_tokens": 5_000, "ft_prompt_tokens": 800,
          "fixed_prompt_tokens": 3_000, "output_tokens": 1_200, "model": "claude-opus-4-5",
          "ft_model": "same", "example_tokens": 2_000, "training_runs": 4}, "2027-03-01"),
        # A saving smaller than the upkeep at 5,000 a day: the break-even counts the upkeep.
        ({"need": ["task"], "prompts_work": "yes", "examples": 1_000, "data_reviewed": True,
          "test_set": True, "requests_per_day": 5_000, "requirements_change": "rarely",
          "prompt_tokens": 6_000, "ft_prompt_tokens": 600, "fixed_prompt_tokens": 5_500,
          "output_tokens": 100, "model": "vertex:gemini-3.5-flash", "ft_model": "same",
          "example_tokens": 700}, "2026-12-06"),
    ],
)
def test_the_break_even_volume_holds_when_the_report_is_run_at_it(
    tmp_path: Path, answers: dict, today: str
) -> None:
    data = report(tmp_path, answers, today=today)
    volume = data["costs"]["break_even_requests_per_day"]
    assert volume is not None and volume > answers["requests_per_day"]
    assert data["costs"]["break_even_months"] is None  # it does not repay at their volume
    prompting, tuned = _first_years(report(tmp_path, {**answers, "requests_per_day": volume},
                                           today=today))
    assert tuned <= prompting + 0.01
    prompting, tuned = _first_years(report(tmp_path, {**answers, "requests_per_day": volume - 1},
                                           today=today))
    assert tuned > prompting - 0.01


def test_gpus_added_as_traffic_grows_can_leave_no_break_even_volume(tmp_path: Path) -> None:
    # Llama 3.1 8B on a Together dedicated H100 ($2,912.70 a month): one serves 240,000
    # requests a day at the busiest hour, whose prompts cost $2,332.80 a month at Together's
    # serverless price. Each GPU added costs more than the prompts it takes: never cheaper.
    answers = {"need": ["style"], "prompts_work": "no", "examples": 1_000,
               "data_reviewed": True, "test_set": True, "requests_per_day": 500,
               "requirements_change": "rarely", "prompt_tokens": 1_500, "ft_prompt_tokens": 150,
               "fixed_prompt_tokens": 1_300, "output_tokens": 300,
               "model": "together:llama-3.1-8b", "ft_model": "same", "example_tokens": 450}
    data = report(tmp_path, answers)
    assert data["costs"]["break_even_requests_per_day"] is None
    for volume in (240_000, 300_526, 1_000_000):
        prompting, tuned = _first_years(report(tmp_path, {**answers, "requests_per_day": volume}))
        assert tuned > prompting


def test_a_fine_tune_is_never_chosen_for_cost_below_its_own_break_even_volume(
    tmp_path: Path,
) -> None:
    # Gemini 3.5 Flash fine-tuned as itself; its base model is promised only until no
    # earlier than 2027-05-19, so its first year carries a likely re-tune ($8.40), which
    # its payback counts as its first year does.
    answers = {"need": ["format"], "prompts_work": "yes", "examples": 1_000,
               "data_reviewed": True, "test_set": True, "requests_per_day": 1_738,
               "requirements_change": "rarely", "prompt_tokens": 3_000,
               "ft_prompt_tokens": 300, "fixed_prompt_tokens": 2_700, "output_tokens": 200,
               "model": "vertex:gemini-3.5-flash", "ft_model": "same"}
    data = report(tmp_path, answers)
    costs = data["costs"]
    volume = costs["break_even_requests_per_day"]
    assert volume is not None and volume > answers["requests_per_day"]
    assert data["recommendation"]["approach"] == "prompt_engineering"
    tuned = costs["approaches"]["fine_tuning"]
    items = sum(i["usd"] for i in tuned["first_year_items"])
    assert tuned["upkeep_monthly_usd"] == pytest.approx(200 + items / 12, abs=0.01)
    left = costs["fine_tuning_monthly_savings_usd"] - tuned["upkeep_monthly_usd"]
    # (from rounded figures: the net is a dollar or two, so to within 1%)
    assert costs["break_even_months"] == pytest.approx(tuned["one_time_usd"] / left, rel=0.01)
    assert costs["break_even_months"] > 12
