"""The first year as it will be billed: dated price changes, shutdowns inside the year,
platforms whose fine-tunes stop working, announced ends, batch where the provider offers
it — priced day by day from the day of the advice, and said with their dates."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli, write_answers
from tests.cost_scenarios import report
from tests.sentences import problems

TODAY = "2026-12-06"

# Gemini 3.8 Flash's introductory prices end on 2027-01-01, when they double (genai-prices).
GEMINI_38: dict[str, Any] = {
    "need": ["style"],
    "prompts_work": "yes",
    "examples": 0,
    "test_set": True,
    "requests_per_day": 50_000,
    "prompt_tokens": 1_500,
    "output_tokens": 300,
    "model": "gemini-3.8-flash",
}
# GPT-4.1 mini shuts down on 2027-01-14 (OpenAI's notice of 2026-10-14).
GPT_41_MINI: dict[str, Any] = {
    "need": ["style"],
    "prompts_work": "partly",
    "examples": 1_000,
    "data_reviewed": True,
    "test_set": True,
    "requests_per_day": 10_000,
    "requirements_change": "rarely",
    "prompt_tokens": 800,
    "output_tokens": 200,
    "model": "gpt-4.1-mini",
    "openai_ft_access": "active",
}


def run(tmp_path: Path, answers: dict[str, Any], today: str = TODAY) -> dict[str, Any]:
    data = report(tmp_path, answers, today=today)
    assert problems(data) == []
    return data


def markdown(tmp_path: Path, answers: dict[str, Any], today: str = TODAY) -> str:
    path = write_answers(tmp_path, answers)
    result = run_cli("run", "--answers", str(path), "--format", "markdown", "--today", today)
    assert result.code == 0, result
    return result.out


def test_a_price_that_doubles_in_26_days_is_billed_as_it_will_be(tmp_path: Path) -> None:
    data = run(tmp_path, GEMINI_38)
    prompting = data["costs"]["approaches"]["prompt_engineering"]
    # This month: (1,500 × $0.75 + 300 × $3.75)/1M a request, 1.5M requests a month.
    assert prompting["monthly_usd"] == 3_375
    later = run(tmp_path, GEMINI_38, today="2027-01-02")
    assert later["costs"]["approaches"]["prompt_engineering"]["monthly_usd"] == 6_750
    # Day by day: 26 days at $3,375 a month, then 334 days at $6,750.
    by_day = 26 * 3_375 / 30 + 334 * 6_750 / 30
    assert prompting["first_year_usd"] == pytest.approx(by_day, rel=0.01)
    assert prompting["first_year_usd"] != 12 * 3_375
    assert prompting["months_usd"][0] == 26 * 3_375 / 30 + 4 * 6_750 / 30
    assert prompting["months_usd"][1:] == [6_750] * 11
    [change] = data["costs"]["price_changes"]
    assert change["date"] == "2027-01-01" and change["model"] == "gemini-3.8-flash"
    assert change["approaches_after"]["prompt_engineering"] == 6_750
    assert "input $0.75 → $1.50" in change["what"]


def test_the_year_is_said_in_every_view(tmp_path: Path) -> None:
    text = markdown(tmp_path, GEMINI_38)
    assert "### What changes during the first year" in text
    assert "- 2027-01-01: Gemini 3.8 Flash: input $0.75 → $1.50" in text
    assert "### Month by month, where the first year changes" in text
    assert "| 2 (from 2027-01-05) | $6,750.00 |" in text
    # The table's month is today's prices × 30 ($3,375.00), which is not the first month
    # as billed ($3,825.00: 26 days before the change, 4 after): the note says which.
    assert "| prompt engineering (recommended) | $0.00225 | $3,375.00 |" in text
    assert "| 1 (from 2026-12-06) | $3,825.00 |" in text
    assert "per-month figures are a 30-day month at the prices in effect on 2026-12-06" in text
    assert "this month's" not in text


def test_the_decision_weighs_the_year_as_billed(tmp_path: Path) -> None:
    answers = {**GEMINI_38, "examples": 2_000, "data_reviewed": True,
               "requirements_change": "rarely", "prompts_work": "no"}
    data = run(tmp_path, answers)
    costs = data["costs"]
    target = costs["fine_tune_target"]["prompting"]
    tuned = costs["approaches"]["fine_tuning"]
    # Fine-tuning's saving is a month of the first year as billed, like for like.
    average = target.get("average_monthly_usd", target["monthly_usd"])
    tuned_average = tuned.get("average_monthly_usd", tuned["monthly_usd"])
    assert costs["fine_tuning_monthly_savings_usd"] == pytest.approx(
        average - tuned_average, abs=0.011
    )


def test_a_model_that_shuts_down_in_39_days_is_not_priced_for_twelve_months(
    tmp_path: Path,
) -> None:
    data = run(tmp_path, GPT_41_MINI)
    costs = data["costs"]
    prompting = costs["approaches"]["prompt_engineering"]
    changes = {c["date"]: c for c in costs["price_changes"]}
    shutdown = changes["2027-01-14"]
    assert "GPT-4.1 mini shuts down" in shutdown["what"] and "GPT-6 Luna" in shutdown["what"]
    after = shutdown["approaches_after"]["prompt_engineering"]
    # 39 days on GPT-4.1 mini, then 321 on its successor, plus re-running the test set there.
    moving = sum(i["usd"] for i in prompting["first_year_items"] if i["item"].startswith("moving"))
    expected = 39 * prompting["monthly_usd"] / 30 + 321 * after / 30 + moving
    assert prompting["first_year_usd"] == pytest.approx(expected, abs=0.02)
    assert prompting["first_year_usd"] < 12 * prompting["monthly_usd"]


def test_a_platform_whose_fine_tunes_stop_working_is_priced_with_its_forced_move(
    tmp_path: Path,
) -> None:
    data = run(tmp_path, GPT_41_MINI)
    rows = {p["id"]: p for p in data["costs"]["fine_tuning_platforms"]}
    openai = rows["gpt-4.1-mini"]
    assert openai["stops_on"] == "2027-01-14" and openai["then"]
    assert openai["first_year_usd"] < 12 * openai["monthly_usd"] + openai["one_time_usd"]
    text = markdown(tmp_path, GPT_41_MINI)
    assert "its fine-tunes stop working on 2027-01-14, so the rest of the year is priced on" in (
        text
    )


def test_an_announced_end_that_has_passed_is_a_warning(tmp_path: Path) -> None:
    answers = {**GPT_41_MINI, "model": "vertex:gemini-3.1-flash-lite", "ft_model": "same"}
    answers.pop("openai_ft_access")
    data = run(tmp_path, answers, today="2027-06-01")
    warnings = " ".join(data["warnings"])
    assert "promised only until no earlier than 2027-05-07, a date now passed" in warnings
    items = data["costs"]["approaches"]["fine_tuning"]["first_year_items"]
    assert any(i["item"].startswith("a likely re-tune on a successor") for i in items)


def test_replay_across_a_shutdown_is_a_change_that_names_it(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, GPT_41_MINI)
    saved = tmp_path / "decision.json"
    made = run_cli("run", "--answers", str(answers), "--today", TODAY,
                   "--save-transcript", str(saved), "--output", str(tmp_path / "r.json"))
    assert made.code == 0, made
    before = run_cli("replay", str(saved), "--today", "2027-01-10")
    assert before.code == 0, before
    after = run_cli("replay", str(saved), "--today", "2027-02-01")
    assert after.code == 1, after
    assert "GPT-4.1 mini [gpt-4.1-mini] shut down on 2027-01-14, after this decision was made" in (
        after.out
    )


def test_batch_is_half_price_where_the_provider_says_so(tmp_path: Path) -> None:
    answers = {**GPT_41_MINI, "model": "gemini-3.5-flash", "ft_model": "vertex:gemini-3.5-flash"}
    answers.pop("openai_ft_access")
    standard = run(tmp_path, answers)
    batch = run(tmp_path, {**answers, "batch": True})
    for name in ("prompt_engineering", "fine_tuning"):
        full = standard["costs"]["approaches"][name]["monthly_usd"]
        half = batch["costs"]["approaches"][name]["monthly_usd"]
        assert half == pytest.approx(full / 2, abs=0.011), name
    assert batch["costs"]["batch"] == {"asked": True, "base": True, "fine_tuned": True}
    sources = {p["source"] for p in batch["costs"]["prices_used"]}
    assert any("batch discount from the catalog" in s for s in sources)
    notes = " ".join(batch["costs"]["assumptions"]["notes"])
    assert "not confirmed by a primary source" in notes  # Vertex batching tuned models


def test_a_platform_without_batch_for_fine_tunes_says_so(tmp_path: Path) -> None:
    answers = {**GPT_41_MINI, "model": "gpt-6.1-terra", "ft_model": "azure:gpt-4.1-mini",
               "batch": True}
    answers.pop("openai_ft_access")
    # 2026-10-01: Azure's fine-tunes of GPT-4.1 mini still had the year to run
    data = run(tmp_path, answers, today="2026-10-01")
    assert data["costs"]["fine_tune_model"] == "azure:gpt-4.1-mini"
    notes = " ".join(data["costs"]["assumptions"]["notes"])
    assert "offers no batch tier for fine-tuned models" in notes
    assert data["costs"]["batch"]["fine_tuned"] is False


def test_a_model_switch_in_a_year_that_changes_says_its_figures_are_the_years_average(
    tmp_path: Path,
) -> None:
    # A new OpenAI customer: the fine-tune is of another family. GPT-4.1 mini's year is
    # priced on its successor after 2027-01-14, so this month's $X in the table is not
    # the figure the switch is measured in: the sentence says which it is.
    answers = {**GPT_41_MINI, "openai_ft_access": "none", "requests_per_day": 20_000}
    data = run(tmp_path, answers)
    assert data["costs"]["price_changes"]
    text = markdown(tmp_path, answers)
    switch = next(line for line in text.splitlines() if line.startswith("- Model switch:"))
    assert " a month on average over the first year as billed, " in switch
    # ... and against a year that is GPT-4.1 mini's for 39 days and GPT-6 Luna's after.
    assert " than GPT-4.1 mini (and its successor from 2027-01-14) — " in switch
    said = " ".join(data["recommendation"]["reasons"])
    assert "less than prompting GPT-4.1 mini and, from 2027-01-14, GPT-6 Luna, before" in said
    like = next(line for line in text.splitlines()
                if line.startswith("- Like for like, fine-tuning"))
    assert "on average over the first year as billed" in like
    # The reasons speak of the year's average month too, where the table says this month's:
    # the report says so once, where it says what changes.
    assert ("the monthly figures in the reasons (Why) and the pitfalls are that year's "
            "average month") in text


def test_the_cheaper_model_to_prompt_is_billed_as_its_year_will_be(tmp_path: Path) -> None:
    """GPT-6.1 Terra's prompts work; the cheaper model named beside it, Gemini 3.8 Flash,
    doubles its prices on 2027-01-01: its first year is 26 days at today's prices and 334
    at the new ones, never this month × 12."""
    answers = {"need": ["task"], "prompts_work": "yes", "examples": 0, "test_set": True,
               "requests_per_day": 1_000, "prompt_tokens": 500, "fixed_prompt_tokens": 450,
               "output_tokens": 200, "model": "gpt-6.1-terra"}
    cheaper = run(tmp_path, answers)["costs"]["cheaper_prompting"]
    assert cheaper["model"] == "gemini-3.8-flash"
    now = cheaper["monthly_usd"]
    assert cheaper["first_year_usd"] == pytest.approx(26 * now / 30 + 334 * 2 * now / 30, abs=0.01)
    assert cheaper["first_year_usd"] == pytest.approx(sum(cheaper["months_usd"]), abs=0.06)


def _never_hit(data: dict[str, Any]) -> tuple[float, float]:
    """The two monthly figures of the prompt-caching pitfall: never hit, and as cached."""
    [advice] = [p["advice"] for p in data["pitfalls"] if p["id"] == "ignoring_prompt_caching"]
    found = re.search(r"would cost \$([\d,.]+) a month, not \$([\d,.]+)\.", advice)
    assert found, advice
    return tuple(float(x.replace(",", "")) for x in found.groups())  # type: ignore[return-value]


def test_the_cache_that_never_hits_is_priced_over_the_same_year(tmp_path: Path) -> None:
    # 5,400 of 6,000 tokens repeat: over Gemini's 4,096-token minimum, so they are cached.
    answers = {**GEMINI_38, "requests_per_day": 25_000, "prompt_tokens": 6_000,
               "output_tokens": 250}
    data = run(tmp_path, answers)
    never, cached = _never_hit(data)
    prompting = data["costs"]["approaches"]["prompt_engineering"]
    assert cached == prompting["average_monthly_usd"]  # the year's average month
    # Never hitting is priced on the same basis: every price doubles on 2027-01-01, so the
    # year is 26 days at half the price after the change and 334 days at that price.
    after, _ = _never_hit(run(tmp_path, answers, today="2027-01-02"))
    assert never == pytest.approx(after * (26 / 2 + 334) / 360, abs=0.01)
    assert never > cached


def test_a_platform_for_evaluations_only_is_not_priced_for_a_year_of_serving(
    tmp_path: Path,
) -> None:
    # Azure's Developer tier: no SLA and a 24-hour lifetime for each deployment.
    text = markdown(tmp_path, GEMINI_38)
    where, _, rest = text.partition("### Where to fine-tune, for your answers")[2].partition(
        "### For evaluating a fine-tune only, not for production"
    )
    assert "azure-dev:gpt-4.1-mini" not in where
    [line] = [x for x in rest.splitlines() if "azure-dev:gpt-4.1-mini" in x]
    assert "one-time to make and test a fine-tune there" in line
    assert "a month" not in line and "first year" not in line and "stop working" not in line


def test_the_prices_of_what_the_year_moves_to_are_listed_with_their_source(
    tmp_path: Path,
) -> None:
    # GPT-4.1 mini shuts down on 2027-01-14: GPT-6 Luna bills 321 of the year's 360 days.
    data = run(tmp_path, {**GPT_41_MINI, "openai_ft_access": "none"})
    used = {p["item"]: p for p in data["costs"]["prices_used"]}
    luna = used["GPT-6 Luna, from 2027-01-14, input tokens"]
    assert luna["usd"] == 0.10 and luna["source"].startswith("genai-prices")
    assert "GPT-6 Luna, from 2027-01-14, output tokens" in used


def test_each_figure_without_caching_says_which_month_it_is(tmp_path: Path) -> None:
    answers = {**GEMINI_38, "requests_per_day": 25_000, "prompt_tokens": 6_000,
               "output_tokens": 250}
    text = markdown(tmp_path, answers)
    data = run(tmp_path, answers)
    prompting = data["costs"]["approaches"]["prompt_engineering"]
    # The costs section's figures are the table's (today's prices); the pitfall's are the
    # year's average: each says so, as the two differ when the prices double in the year.
    assert (
        f"would cost ${prompting['monthly_without_caching_usd']:,.2f} a month instead of "
        f"${prompting['monthly_usd']:,.2f} at the prices in effect on 2026-12-06"
    ) in text


def test_a_year_average_is_never_put_on_the_model_that_shuts_down_alone(
    tmp_path: Path,
) -> None:
    # Prompts work on GPT-4.1 mini; the fine-tune would be of another family. Its $135.23 a
    # month is the year's average: 39 days of GPT-4.1 mini, 321 of GPT-6 Luna.
    answers = {**GPT_41_MINI, "prompts_work": "yes", "requests_per_day": 20_000,
               "prompt_tokens": 4_000, "fixed_prompt_tokens": 3_800, "ft_model": "same"}
    data = run(tmp_path, answers)
    average = data["costs"]["approaches"]["prompt_engineering"]["average_monthly_usd"]
    said = " ".join([data["recommendation"]["summary"], *data["recommendation"]["reasons"]])
    assert f"against ${average:,.2f} on GPT-4.1 mini and, from 2027-01-14, GPT-6 Luna" in said
    assert f"against ${average:,.2f} on GPT-4.1 mini:" not in said
