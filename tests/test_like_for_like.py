"""Advice a careful consultant would sign: the approach decided like for like (a fine-tune
against prompting the very model it is of), a move to another model shown as what it is,
the target chosen by a stated rule, and every sentence true to the figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, run_cli, write_answers
from tests.cost_scenarios import BEHAVIOUR, PROMPTS_WORK, report
from tests.sentences import problems

TODAY = "2026-12-06"

# The case: Claude Sonnet 4.5, prompts work, 30,000 requests a day, a 2,500-token
# prompt of which 2,200 repeat, 500 output tokens, 2,000 reviewed examples, stable needs.
SONNET: dict[str, Any] = {
    **PROMPTS_WORK,
    "examples": 2_000,
    "requests_per_day": 30_000,
    "prompt_tokens": 2_500,
    "fixed_prompt_tokens": 2_200,
    "output_tokens": 500,
    "model": "claude-sonnet-4-5",
}
SONNET.pop("ft_prompt_tokens")


def run(tmp_path: Path, answers: dict[str, Any], today: str = TODAY) -> dict[str, Any]:
    data = report(tmp_path, answers, today=today)
    assert problems(data) == []
    return data


def reasons(data: dict[str, Any]) -> str:
    return " ".join(data["recommendation"]["reasons"])


def markdown(tmp_path: Path, answers: dict[str, Any], today: str = TODAY) -> str:
    path = write_answers(tmp_path, answers)
    result = run_cli("run", "--answers", str(path), "--format", "markdown", "--today", today)
    assert result.code == 0, result
    return result.out


# --- which approach, like for like; which model, apart --------------------------------------


def test_working_prompts_on_a_model_that_cannot_be_tuned_stay_prompts(tmp_path: Path) -> None:
    data = run(tmp_path, SONNET)
    costs = data["costs"]
    assert data["recommendation"]["approach"] == "prompt_engineering"
    target = costs["fine_tune_target"]
    assert target["relation"] == "other_family"
    assert "cannot be fine-tuned" in target["why"]
    # The difference splits into the model and the fine-tune, to the cent.
    split = costs["saving_split"]
    prompting = costs["approaches"]["prompt_engineering"]["monthly_usd"]
    tuned = costs["approaches"]["fine_tuning"]["monthly_usd"]
    assert split["model_switch_usd"] + split["fine_tuning_usd"] == pytest.approx(
        prompting - tuned, abs=0.011
    )
    assert split["model_switch_usd"] == pytest.approx(
        prompting - target["prompting"]["monthly_usd"], abs=0.011
    )
    # Fine-tuning's saving is the like-for-like one, and the smaller part here.
    assert costs["fine_tuning_monthly_savings_usd"] == split["fine_tuning_usd"]
    assert split["fine_tuning_usd"] < split["model_switch_usd"]
    said = reasons(data) + data["recommendation"]["summary"]
    assert "the same behaviour" not in said
    assert "Run your test set through" in said and "with your current prompts" in said


def test_the_model_switch_has_a_line_of_its_own_in_every_view(tmp_path: Path) -> None:
    text = markdown(tmp_path, SONNET)
    assert "- Model switch: prompting " in text
    assert "instead of Claude Sonnet 4.5 would cost" in text
    assert "Like for like, fine-tuning " in text


def test_a_fine_tune_of_the_model_prompted_has_no_model_switch(tmp_path: Path) -> None:
    # Gemini 3.5 Flash can be fine-tuned on Vertex, open to anyone: the same model.
    data = run(tmp_path, {**BEHAVIOUR, "model": "gemini-3.5-flash", "requests_per_day": 50_000})
    costs = data["costs"]
    assert costs["fine_tune_target"]["relation"] == "same_model"
    assert costs["saving_split"]["model_switch_usd"] == 0
    prompting = costs["approaches"]["prompt_engineering"]["monthly_usd"]
    assert costs["fine_tune_target"]["prompting"]["monthly_usd"] == prompting


def test_a_fine_tune_for_cost_needs_the_same_model(tmp_path: Path) -> None:
    same = run(tmp_path, {**SONNET, "model": "gemini-3.5-flash", "requests_per_day": 200_000})
    assert same["costs"]["fine_tune_target"]["relation"] == "same_model"
    if same["costs"]["fine_tuning_monthly_savings_usd"] > 1_000:
        assert same["recommendation"]["outcome"] == "fine_tune_for_cost"
    other = run(tmp_path, SONNET)
    assert other["recommendation"]["outcome"] != "fine_tune_for_cost"


def test_prompts_that_fall_short_may_move_models_said_plainly(tmp_path: Path) -> None:
    data = run(tmp_path, {**SONNET, "prompts_work": "no"})
    assert data["recommendation"]["approach"] == "fine_tuning"
    said = reasons(data)
    assert "is a different model from Claude Sonnet 4.5" in said
    assert "unknown until it passes your test set" in said
    assert "Like for like, the fine-tune would cost" in said
    assert any("another family" in w for w in data["warnings"])


# --- where to fine-tune: a stated rule, not words in names ----------------------------------


def test_the_same_model_elsewhere_comes_before_another_model(tmp_path: Path) -> None:
    # OpenAI itself takes no new fine-tuning customers; Azure fine-tunes the same model (on
    # 2026-10-01 its fine-tunes still had the year to run: they stop on 2027-10-14).
    data = run(tmp_path, {**BEHAVIOUR, "model": "gpt-4.1-mini"}, today="2026-10-01")
    target = data["costs"]["fine_tune_target"]
    assert target["model"] == "azure:gpt-4.1-mini"
    assert target["relation"] == "same_model"
    assert "itself, on another platform" in target["why"]


def test_the_makers_own_tunable_model_comes_before_another_family(tmp_path: Path) -> None:
    data = run(tmp_path, {**BEHAVIOUR, "model": "gemini-3.8-flash"})
    target = data["costs"]["fine_tune_target"]
    assert target["relation"] == "same_vendor"
    assert target["model"].startswith("vertex:gemini-")
    assert "another Google model" in target["why"]


def test_a_claude_user_hears_of_the_only_claude_fine_tune_before_another_family(
    tmp_path: Path,
) -> None:
    why = run(tmp_path, SONNET)["costs"]["fine_tune_target"]["why"]
    assert "Claude 3 Haiku on Bedrock [bedrock:claude-3-haiku]" in why
    assert why.index("Claude 3 Haiku") < why.index("Of the platforms open to you")


def test_size_comes_from_stated_price_bands(tmp_path: Path) -> None:
    why = run(tmp_path, SONNET)["costs"]["fine_tune_target"]["why"]
    assert "per 1M blended tokens" in why
    catalog = (ROOT / "advisor" / "costs" / "prices" / "catalog.toml").read_text()
    assert "[size_bands]" in catalog and "[tiers]" not in catalog


# --- every sentence true ----------------------------------------------------------------------


def test_no_caching_sentence_below_the_providers_minimum(tmp_path: Path) -> None:
    answers = {
        **SONNET,
        "model": "claude-haiku-4-5",
        "prompt_tokens": 3_500,
        "fixed_prompt_tokens": 3_000,
        "requests_per_day": 20_000,
        "output_tokens": 300,
    }
    data = run(tmp_path, answers)
    assert "ignoring_prompt_caching" not in {p["id"] for p in data["pitfalls"]}
    text = markdown(tmp_path, answers)
    assert "caches the 0 tokens" not in text
    assert "it does not change what prompt engineering costs" in text


def test_a_cache_miss_pays_the_write_premium(tmp_path: Path) -> None:
    data = run(tmp_path, SONNET)
    advice = next(p["advice"] for p in data["pitfalls"] if p["id"] == "ignoring_prompt_caching")
    # Anthropic bills a 5-minute write at 1.25x: every miss costs more than plain input.
    uncached = data["costs"]["approaches"]["prompt_engineering"]["monthly_without_caching_usd"]
    assert f"${uncached:,.2f}" not in advice
    assert "would write the prefix again" in advice


def test_a_default_fine_tune_is_not_called_as_asked(tmp_path: Path) -> None:
    data = run(tmp_path, SONNET)
    assert not any("as asked" in w or "as you asked" in w for w in data["warnings"])
    named = run(tmp_path, {**SONNET, "ft_model": "gpt-4.1-mini"}, today="2026-11-28")
    assert any("Fine-tuning GPT-4.1 mini, as you asked, is not an option" in w
               for w in named["warnings"])


def test_open_but_unpriced_platforms_are_not_called_closed(tmp_path: Path) -> None:
    text = markdown(tmp_path, SONNET)
    closed = text.split("### Not open to you on this day")[1].split("###")[0]
    unpriced = text.split("### Open, but no price found")[1].split("###")[0]
    assert "is open to fine-tune" not in closed
    assert "bedrock:nova-2-lite" in unpriced and "bedrock:llama-3.1-8b" in unpriced
    assert "bedrock:claude-3-haiku" in closed  # Bedrock ended it on 2026-09-10


def test_the_hybrid_is_told_with_its_own_figures(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "requirements_change": "sometimes", "model": "gemini-3.5-flash"}
    data = run(tmp_path, answers)
    assert data["recommendation"]["approach"] == "hybrid"
    hybrid = data["costs"]["approaches"]["hybrid"]["monthly_usd"]
    plain = data["costs"]["approaches"]["fine_tuning"]["monthly_usd"]
    assert hybrid != plain
    said = reasons(data)
    assert f"${hybrid:,.2f}" in said
    assert f"${plain:,.2f}" not in said


def test_retrieval_defaults_are_called_defaults_only_when_they_are(tmp_path: Path) -> None:
    knowledge = {**BEHAVIOUR, "need": ["style", "knowledge"], "knowledge_change": "weekly"}
    given = markdown(tmp_path, {**knowledge, "retrieved_tokens": 2_000})
    assert "2,000 tokens of retrieved context" in given
    assert "the default)" not in given
    assumed = markdown(tmp_path, knowledge)
    assert (
        "1,600 tokens of retrieved context with every request (4 passages of 400 tokens, "
        "the default)"
    ) in assumed


def test_requirements_never_asked_are_not_called_unsteady(tmp_path: Path) -> None:
    data = run(tmp_path, {**BEHAVIOUR, "examples": 100, "model": "gpt-6.1-terra"})
    assert "requirements_change" not in data["answers"]
    assert "requirements that change rarely" not in data["recommendation"]["summary"]


def test_an_open_weight_fine_tune_is_not_said_to_die_with_its_base_model(
    tmp_path: Path,
) -> None:
    answers = {**BEHAVIOUR, "model": "gpt-6.1-terra", "ft_model": "together:llama-3.1-8b"}
    data = run(tmp_path, answers)
    assert "base_model_retirement" not in {p["id"] for p in data["pitfalls"]}
    tuned = data["costs"]["approaches"]["fine_tuning"]
    # An endpoint billed by the hour is not free per request: the fee is shared out.
    requests = answers["requests_per_day"] * 30
    assert tuned["per_request_usd"] == pytest.approx(tuned["monthly_usd"] / requests, rel=1e-6)
    assert tuned["per_request_usd"] > 0


def test_epochs_are_the_platforms_own(tmp_path: Path) -> None:
    data = run(tmp_path, {**BEHAVIOUR, "model": "bedrock:nova-pro"})
    notes = " ".join(data["costs"]["assumptions"]["notes"])
    assert "× 2 epochs (Amazon Nova Pro on Bedrock's default" in notes
    assert "OpenAI's automatic rule" not in notes
    per_run = data["costs"]["assumptions"]["training_tokens_per_run"]
    assert per_run == 800 * data["costs"]["assumptions"]["tokens_per_example"] * 2


def test_cache_read_ratios_are_the_models_own(tmp_path: Path) -> None:
    data = run(tmp_path, {**SONNET, "model": "claude-sonnet-5-5"})
    rates = {p["item"]: p["usd"] for p in data["costs"]["prices_used"]}
    base = rates["Claude Sonnet 5.5, input tokens"]
    cached = rates["Claude Sonnet 5.5, cached input tokens"]
    notes = " ".join(data["costs"]["assumptions"]["notes"])
    ratio = f"{cached / base:g}×"
    assert f"a cache read {ratio} the input price" in notes
    assert "reads 0.1x;" not in notes


def test_the_judge_is_priced_as_the_model_prompted(tmp_path: Path) -> None:
    answers = {**BEHAVIOUR, "model": "claude-sonnet-4-5", "ft_model": "bedrock:nova-micro"}
    data = run(tmp_path, answers)
    items = dict(
        (i["item"], i["usd"]) for i in data["costs"]["approaches"]["fine_tuning"]["one_time_items"]
    )
    evaluation = next(v for k, v in items.items() if k.startswith("evaluation"))
    # 200 cases × 3 runs at Nova Micro's prices alone would be a few cents; read by a
    # Claude Sonnet judge it is dollars.
    assert evaluation > 1
    assert "judge priced as Claude Sonnet 4.5" in " ".join(data["costs"]["assumptions"]["notes"])


# --- what was asked is used -------------------------------------------------------------------


KNOWLEDGE = {
    "use_case": "Answer questions about our return policy",
    "need": ["knowledge"],
    "knowledge_change": "monthly",
    "prompts_work": "partly",
    "test_set": True,
    "requests_per_day": 2_000,
    "prompt_tokens": 4_000,
    "output_tokens": 200,
    "model": "gpt-6.1-terra",
}


def test_a_small_collection_is_kept_in_the_cached_prompt(tmp_path: Path) -> None:
    data = run(tmp_path, {**KNOWLEDGE, "knowledge_plan": "undecided", "documents_tokens": 3_000})
    assert data["recommendation"]["outcome"] == "prompts_static_knowledge"
    assert "fits in the prompt" in reasons(data)
    assumptions = data["costs"]["assumptions"]
    assert assumptions["prompt_tokens"] == 4_000 + 3_000


def test_a_large_collection_is_retrieved(tmp_path: Path) -> None:
    data = run(tmp_path, {**KNOWLEDGE, "knowledge_plan": "undecided"})
    assert data["recommendation"]["approach"] == "rag"


def test_pasted_knowledge_is_replaced_by_retrieval_not_added_to(tmp_path: Path) -> None:
    pasted = {**KNOWLEDGE, "knowledge_plan": "prompt", "knowledge_tokens": 3_000}
    data = run(tmp_path, {**pasted, "retrieved_tokens": 1_600})
    costs = data["costs"]
    assert costs["assumptions"]["documents_tokens"] == 3_000
    text = " ".join(costs["assumptions"]["notes"])
    assert "in place of the 3,000 tokens of knowledge pasted into the prompt" in text
    undecided = run(tmp_path, {**KNOWLEDGE, "knowledge_plan": "undecided"})
    # The same prompt with its knowledge pasted in and not: the advice and costs differ.
    assert costs["approaches"]["rag"] != undecided["costs"]["approaches"]["rag"]


def test_more_retrieved_tokens_than_the_collection_are_capped_and_said(tmp_path: Path) -> None:
    answers = {
        **KNOWLEDGE,
        "knowledge_plan": "retrieval",
        "documents_tokens": 30_000,
        "retrieved_tokens": 50_000,
    }
    data = run(tmp_path, answers)
    assert data["costs"]["assumptions"]["retrieved_tokens"] == 30_000
    assert "capped at the collection's 30,000 tokens" in " ".join(
        data["costs"]["assumptions"]["notes"]
    )


def test_a_fine_tune_keeps_in_its_prompt_the_knowledge_it_cannot_learn(tmp_path: Path) -> None:
    answers = {
        **BEHAVIOUR,
        "need": ["style", "knowledge"],
        "knowledge_change": "rarely",
        "knowledge_plan": "prompt",
        "prompt_tokens": 6_000,
        "knowledge_tokens": 4_000,
        "model": "gemini-3.5-flash",
    }
    answers.pop("ft_prompt_tokens")
    data = run(tmp_path, answers)
    notes = " ".join(data["costs"]["assumptions"]["notes"])
    assert "plus the 4,000 tokens of knowledge in the prompt" in notes
    assert data["recommendation"]["outcome"] in ("fine_tune_knowledge_in_prompt", "rag_fine_tuning")


def test_every_cover_answer_set_reads_true(tmp_path: Path) -> None:
    cover = ROOT / "tests" / "cover" / "ai_strategy"
    for path in sorted(p for p in cover.glob("[0-9]*.json") if not p.name.endswith(".report.json")):
        answers = json.loads(path.read_text())
        data = report(tmp_path, answers, today=TODAY)
        assert problems(data) == [], path.name


# A ticket classifier at 200,000 requests a day, fine-tuned as a LoRA on rented GPUs.
SELF_HOSTED: dict[str, Any] = {
    "need": ["task", "format"], "prompts_work": "no", "examples": 5_000,
    "data_reviewed": True, "test_set": True, "requests_per_day": 200_000,
    "requirements_change": "rarely", "prompt_tokens": 1_500, "output_tokens": 100,
    "model": "openai:gpt-oss-120b", "ft_model": "selfhost:llama-3.1-8b", "gpu_hour_usd": 2.69,
}


def test_a_self_hosted_fine_tune_is_weighed_against_the_same_model_on_the_same_gpus(
    tmp_path: Path,
) -> None:
    data = run(tmp_path, SELF_HOSTED)
    costs = data["costs"]
    tuned = costs["approaches"]["fine_tuning"]
    baseline = costs["fine_tune_target"]["prompting"]
    # One H100 at $2.69 an hour plus 30% overhead, 730 hours: it serves either, so prompting
    # Llama on it costs what the fine-tune does, not Together's per-token API ($1,728.00).
    assert tuned["monthly_usd"] == pytest.approx(2.69 * 1.3 * 730, abs=0.01)
    assert baseline["monthly_usd"] == tuned["monthly_usd"]
    assert costs["fine_tuning_monthly_savings_usd"] == 0
    said = reasons(data)
    assert "$1,728.00" not in said and "$1,728.00" not in json.dumps(costs["saving_split"])
    assert "the same rented GPUs ($2,552.81 a month" in said
    # The baseline is the model without a fine-tune: never "prompting ... with LoRA".
    assert "prompting Llama 3.1 8B, self-hosted on rented GPUs" in said
    assert "prompting Llama 3.1 8B with LoRA" not in said
    llama = [p for p in costs["prices_used"] if p["item"].startswith("Llama")]
    assert llama and not any(p["usd"] == 0.18 for p in llama), llama  # no API price used


def test_moving_the_same_model_onto_your_own_gpus_is_shown_as_a_serving_switch(
    tmp_path: Path,
) -> None:
    answers = {**SELF_HOSTED, "model": "together:llama-3.1-8b"}
    data = run(tmp_path, answers)
    costs = data["costs"]
    api = costs["approaches"]["prompt_engineering"]["monthly_usd"]  # Together's API
    own = costs["fine_tune_target"]["prompting"]["monthly_usd"]  # the same model, own GPUs
    assert costs["fine_tune_target"]["relation"] == "same_model"
    assert costs["fine_tuning_monthly_savings_usd"] == 0
    text = markdown(tmp_path, answers)
    assert (
        f"Serving switch: prompting Llama 3.1 8B, self-hosted on rented GPUs instead "
        f"of Llama 3.1 8B Instruct on Together AI would cost ${own:,.2f} a month, "
        f"${own - api:,.2f} more than Llama 3.1 8B Instruct on Together AI"
    ) in text


def test_a_model_with_published_weights_is_never_said_to_be_impossible_to_fine_tune(
    tmp_path: Path,
) -> None:
    # gpt-oss-120b's weights are published (OpenAI's model card: it tunes on one H100); the
    # catalog has no platform for it, which is all the report may say.
    data = run(tmp_path, {**SELF_HOSTED, "ft_model": "same"})
    said = " ".join(data["recommendation"]["reasons"] + data["warnings"])
    assert "gpt-oss-120b cannot be fine-tuned" not in said.lower()
    assert (
        "gpt-oss-120b has published weights, so it can be fine-tuned on GPUs of your own or at "
        "a host that tunes it, but no platform in advisor's catalog prices a fine-tune of it"
    ) in said
    # A model whose maker offers no fine-tuning still says so.
    closed = run(tmp_path, {**SELF_HOSTED, "model": "gpt-5-mini", "ft_model": "same"})
    assert "GPT-5 mini cannot be fine-tuned" in " ".join(
        closed["recommendation"]["reasons"] + closed["warnings"]
    )


def test_a_payback_of_days_is_said_in_days(tmp_path: Path) -> None:
    # $12,150 a month saved against a one-time cost of tens of dollars: repaid within a day.
    answers = {"need": ["style", "format"], "prompts_work": "partly", "examples": 2_000,
               "data_reviewed": True, "test_set": True, "requests_per_day": 100_000,
               "requirements_change": "rarely", "prompt_tokens": 3_000, "output_tokens": 300,
               "model": "gpt-6.1-sol", "ft_model": "vertex:gemini-3.5-flash"}
    assert run(tmp_path, answers)["costs"]["break_even_months"] < 0.05
    text = markdown(tmp_path, answers)
    assert "repays its one-time cost in under a day." in text
    assert "0.00 months" not in text
