"""`advisor prices`, `--today`, bad numbers, absurd volumes, the costs in every rendering,
and what a costed run imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli, run_python, write_answers
from tests.cost_scenarios import ARTICLE, BEHAVIOUR, EARLY, report

# --- advisor prices ------------------------------------------------------------------------


def test_prices_lists_every_model_with_sources_and_dates() -> None:
    result = run_cli("prices", "--today", "2026-11-28")
    assert result.code == 0, result
    out = result.out
    flat = " ".join(out.split())
    for model_id in (
        "gpt-4.1",
        "gpt-4o-mini",
        "gpt-4",
        "azure:gpt-4.1-mini",
        "together:llama-3.1-8b",
        "vertex:gemini-2.5-flash",
    ):
        assert f"\n{model_id} — " in out
    assert "training $25.00 per 1M tokens — OpenAI API pricing page" in flat
    assert "as of 2025-08-21" in flat
    assert "NOT AVAILABLE: OpenAI has taken no fine-tuning jobs from organisations new to it" in (
        flat
    )
    assert "closed to new customers from 2026-05-07; from 2026-07-02 only organisations" in flat
    assert "hosting $1.70 an hour for the deployment ($1,241.00 a month)" in flat
    for platform in ("bedrock:nova-micro", "fireworks:llama-3.1-8b", "selfhost:llama-3.1-8b"):
        assert f"\n{platform} — " in out
    assert "unverified (no primary source): training_per_1m" in flat
    assert "shut down on 2026-10-23 (36 days ago)" in flat
    assert "genai-prices" in flat


def test_prices_for_one_model_as_json() -> None:
    result = run_cli(
        "prices", "--model", "gpt-4.1-mini", "--format", "json", "--today", "2027-02-01"
    )
    assert result.code == 0, result
    data = result.json()
    (model,) = data["models"]
    assert model["id"] == "gpt-4.1-mini"
    assert model["prompting"]["input_per_1m"] == 0.4
    assert model["prompting"]["output_per_1m"] == 1.6
    assert model["retired"] is True and model["retires"] == "2027-01-14"
    ft = model["fine_tuning"]
    assert ft["available"] is False
    assert ft["training_per_1m"] == 5 and ft["training_source"]["as_of"] == "2025-08-21"
    assert ft["inference"]["input_per_1m"] == 0.8


def test_prices_for_an_unknown_model_names_the_closest_ids() -> None:
    result = run_cli("prices", "--model", "gpt4.1")
    assert result.code == 2
    assert "no model 'gpt4.1' in the price catalog or genai-prices (did you mean 'gpt-4.1'" in (
        result.err
    )
    assert "Traceback" not in result.err
    assert result.out == ""


@pytest.mark.parametrize("model", ["", "   "])
def test_prices_for_an_empty_model_id_is_refused_not_the_whole_catalog(model: str) -> None:
    """`advisor prices --model ''` printed the whole catalog, as if --model were not given."""
    result = run_cli("prices", "--model", model)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "advisor: --model: expected a model id (`advisor prices --models` lists them), "
        f"found {model!r}\n"
    )


@pytest.mark.parametrize("day", ["2026-13-01", "tomorrow", ""])
def test_a_wrong_today_is_refused(tmp_path: Path, day: str) -> None:
    answers = write_answers(tmp_path, ARTICLE)
    result = run_cli("run", "--answers", str(answers), "--today", day)
    assert result.code == 2
    assert "--today: expected a date as YYYY-MM-DD" in result.err


# --- bad numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("price_input_per_1k", -0.03, "a number from 0 to 1,000"),
        ("ft_price_output_per_1k", "NaN", "a number from 0 to 1,000"),
        ("training_price_per_1m", "inf", "a number from 0 to 100,000"),
        ("prompt_tokens", -500, "an integer from 1 to 2,000,000"),
        ("output_tokens", 1e400, "an integer from 0 to 1,000,000"),
        ("requests_per_day", -1, "a number from 0 to 1,000,000,000"),
    ],
)
def test_a_bad_price_or_token_count_is_refused_naming_the_field(
    tmp_path: Path, field: str, value: object, expected: str
) -> None:
    text = json.dumps({**ARTICLE, field: value}).replace("Infinity", "1e400")
    path = tmp_path / "answers.json"
    path.write_text(text, encoding="utf-8")
    result = run_cli("run", "--answers", str(path))
    assert result.code == 2, result
    assert f"question '{field}'" in result.err
    assert expected in result.err
    assert "Traceback" not in result.err


def test_an_unknown_model_is_refused_with_the_closest_catalog_ids(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, {**BEHAVIOUR, "model": "gpt-4o-mni"})
    result = run_cli("run", "--answers", str(answers))
    assert result.code == 2
    assert "question 'model'" in result.err and "'gpt-4o-mini'" in result.err


# --- absurd volumes ------------------------------------------------------------------------


def test_a_billion_requests_of_two_million_tokens_stay_finite_numbers(tmp_path: Path) -> None:
    answers = {
        **BEHAVIOUR,
        "need": ["knowledge", "style"],
        "knowledge_change": "daily",
        "requests_per_day": 1_000_000_000,
        "prompt_tokens": 2_000_000,
        "ft_prompt_tokens": 2_000_000,
        "output_tokens": 1_000_000,
        "retrieved_tokens": 2_000_000,
        "documents_tokens": 1_000_000_000_000,
        "model": "gpt-4.1",
        "vector_store": "managed",
    }
    data = report(tmp_path, answers)  # fails on NaN or Infinity
    prompting = data["costs"]["approaches"]["prompt_engineering"]
    # (2M × $2 + 1M × $8) / 1M = $12 a request, 30 billion requests a month.
    assert prompting["per_request_usd"] == 12
    assert prompting["monthly_usd"] == 360_000_000_000
    for figures in data["costs"]["approaches"].values():
        for name, value in figures.items():
            if name.endswith("_items"):
                assert all(0 <= item["usd"] < 1e20 for item in value)
                continue
            for number in value if isinstance(value, list) else [value]:
                assert 0 <= number < 1e20


def test_no_traffic_costs_only_the_fixed_fees(tmp_path: Path) -> None:
    answers = {
        **BEHAVIOUR,
        "requests_per_day": 0,
        "model": "gpt-4.1-mini",
        "ft_model": "azure:gpt-4.1-mini",
    }
    # 2026-10-01: Azure's fine-tunes of GPT-4.1 mini still had the year to run (to 2027-10-14)
    data = report(tmp_path, answers, today="2026-10-01")
    costs = data["costs"]
    assert costs["fine_tune_model"] == "azure:gpt-4.1-mini"
    assert costs["approaches"]["prompt_engineering"]["monthly_usd"] == 0
    assert costs["approaches"]["fine_tuning"]["monthly_usd"] == 1_241
    assert costs["break_even_months"] is None


# --- renderings ----------------------------------------------------------------------------


def test_markdown_and_text_show_the_costs_table(tmp_path: Path) -> None:
    answers = write_answers(
        tmp_path,
        {**BEHAVIOUR, "model": "gpt-4.1", "ft_model": "gpt-4.1-mini"},
    )
    md = run_cli("run", "--answers", str(answers), "--format", "markdown", "--today", EARLY)
    assert md.code == 0, md
    assert "## Costs" in md.out
    assert "| Approach | Per request | Per month | One-time | First year |" in md.out
    # Per-request costs with three significant digits each, so the column compares.
    assert "| prompt engineering | $0.00260 | $780.00 | $0.00 | $9,360.00 |" in md.out
    assert "| fine-tuning (recommended) | $0.000680 | $204.00 | $10.43 | $2,541.91 |" in md.out
    assert "- training: 3 runs of 600,000 tokens each: $9.00" in md.out
    # Like for like the fine-tuned mini costs more than the mini prompted; the move from
    # GPT-4.1 to the mini is a line of its own.
    assert "Like for like, fine-tuning GPT-4.1 mini instead of prompting it costs $48.00" in md.out
    assert "- Model switch: prompting GPT-4.1 mini instead of GPT-4.1 would cost $156.00" in (
        md.out
    )
    # What the figures rest on comes after the advice, in every view: assumptions, prices.
    assert "## Cost assumptions" in md.out and "## Prices used" in md.out
    assert md.out.index("## Pitfalls to avoid") < md.out.index("## Prices used")
    assert "as of 2025-08-21" in md.out
    text = run_cli("run", "--answers", str(answers), "--format", "text", "--today", EARLY)
    assert text.code == 0, text
    assert f"Costs:\n  Prices in effect on {EARLY}." in text.out
    row = next(line for line in text.out.splitlines() if line.strip().startswith("prompt engi"))
    assert row.split()[-4:] == ["$0.00260", "$780.00", "$0.00", "$9,360.00"]
    assert "Prices used:" in text.out


def test_unavailable_approaches_say_why_in_the_table(tmp_path: Path) -> None:
    # A day on which no platform is open to a customer new to OpenAI: only OpenAI's own
    # would be, had it not been shut to them.
    answers = write_answers(tmp_path, {**BEHAVIOUR, "model": "gpt-5.1", "ft_model": "same"})
    md = run_cli("run", "--answers", str(answers), "--format", "markdown", "--today", "2026-11-28")
    assert md.code == 0, md
    assert "GPT-5.1 cannot be fine-tuned" in md.out
    assert "### Not open to you on this day" in md.out
    assert "- bedrock:claude-3-haiku: Claude 3 Haiku on Bedrock was shut down on 2026-09-10" in (
        md.out
    )
    assert "### Open, but no price found" in md.out
    assert "- bedrock:llama-3.1-8b: Llama 3.1 8B Instruct on Bedrock is open to fine-tune" in (
        md.out
    )


# --- imports -------------------------------------------------------------------------------

_IMPORTED = (
    "import contextlib, io, json, sys\n"
    "from advisor.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    assert main(['run', '--answers', {answers!r}, '--today', '2026-11-28']) == 0\n"
    "print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))\n"
)


def imported(answers: Path) -> set[str]:
    out = run_python(_IMPORTED.format(answers=str(answers)))
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout))


def test_a_custom_priced_run_never_imports_genai_prices(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, ARTICLE)
    first = imported(answers)  # a cold cache: the flow and catalog are validated
    assert "genai_prices" not in first
    assert "genai_prices" not in imported(answers)


def test_a_warm_run_on_a_catalog_model_imports_neither_genai_prices_nor_pydantic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "cache"))  # starts empty
    answers = write_answers(tmp_path, {**BEHAVIOUR, "model": "gpt-4.1", "ft_model": "gpt-4.1-mini"})
    assert "genai_prices" in imported(answers)  # the first run reads the price tables
    warm = imported(answers)
    assert "genai_prices" not in warm
    assert "pydantic" not in warm


def test_a_warm_run_on_any_genai_prices_model_imports_neither(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model index and the price tables come from the cache folder once written."""
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    answers = write_answers(tmp_path, {**BEHAVIOUR, "model": "claude-sonnet-4-5", "batch": True})
    assert "genai_prices" in imported(answers)
    warm = imported(answers)
    assert "genai_prices" not in warm
    assert "pydantic" not in warm


def test_a_long_context_price_step_is_said_once_per_model(tmp_path: Path) -> None:
    """"Prices used" repeated the same long-context sentence on each of a model's four
    token prices, and within it once per kind of token."""
    answers = write_answers(tmp_path, {**ARTICLE, "model": "claude-sonnet-4-5"})
    result = run_cli("run", "--answers", str(answers))
    assert result.code == 0, result
    prices = [p for p in result.json()["costs"]["prices_used"]
              if p["item"].startswith("Claude Sonnet 4.5, ")]
    assert len(prices) >= 4  # input, cached input, cache writes, output
    notes = [p["note"] for p in prices if "note" in p]
    assert notes == [
        "once a request's input passes 200,000 tokens: input $6, output $22.5, cached input "
        "$0.6, cache writes $7.5, one-hour cache writes $12 per 1M"
    ]
    text = run_cli("run", "--answers", str(answers), "--format", "text").out
    assert " ".join(text.split()).count("once a request's input passes 200,000 tokens") == 1
