"""Any model genai-prices knows can be named, by id or provider:id; the default is one that
is still served on the day of the run; successors come from the data."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisor.costs.prices.catalog import load_catalog
from advisor.costs.prices.model_choices import SOURCES
from advisor.costs.prices.model_lookup import default_model, model_for, successor
from tests.conftest import run_cli, write_answers
from tests.cost_scenarios import BEHAVIOUR, report

CATALOG = load_catalog()


@pytest.mark.parametrize(
    ("typed", "answer", "name", "provider"),
    [
        ("claude-sonnet-4-5", "claude-sonnet-4-5", "Claude Sonnet 4.5", "Anthropic"),
        ("anthropic:claude-haiku-4-5", "claude-haiku-4-5", "Claude Haiku 4.5", "Anthropic"),
        ("Gemini-2.5-Pro", "gemini-2.5-pro", "Gemini 2.5 Pro", "Google"),
        ("openai:gpt-4.1", "gpt-4.1", "GPT-4.1", "OpenAI"),  # the catalog's own row
        ("google:claude-haiku-4-5", "google:claude-haiku-4-5", "Claude Haiku 4.5 on Google", ""),
    ],
)
def test_a_model_named_by_genai_prices_id_is_priced_end_to_end(
    tmp_path: Path, typed: str, answer: str, name: str, provider: str
) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "model": typed})
    costs = data["costs"]
    assert data["answers"]["model"] == answer
    assert costs["model"] == answer and costs["model_name"] == name
    base = next(p for p in costs["prices_used"] if p["item"] == f"{name}, input tokens")
    # dated by the data (genai-prices 0.2.5, released 2026-11-19), not by the run
    assert base["source"].startswith("genai-prices 0.2.5") and base["as_of"] == "2026-11-19"
    if provider:
        assert provider in base["source"]


def test_a_prompting_only_model_prices_the_fine_tune_elsewhere_and_says_why(
    tmp_path: Path,
) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "model": "claude-sonnet-4-5"})
    costs = data["costs"]
    assert costs["fine_tune_model"] != "claude-sonnet-4-5"
    assert costs["approaches"]["fine_tuning"] is not None
    reasons = " ".join(data["recommendation"]["reasons"])
    assert "Claude Sonnet 4.5 cannot be fine-tuned. The fine-tune is priced on" in reasons
    # And what the user names there is what is priced.
    named = report(
        tmp_path, {**BEHAVIOUR, "model": "claude-sonnet-4-5", "ft_model": "vertex:gemini-3.5-flash"}
    )
    assert named["costs"]["fine_tune_model"] == "vertex:gemini-3.5-flash"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("claude-sonet-4-5", "did you mean claude-sonnet-4-5"),
        ("gpt-6.1-tera", "did you mean gpt-6.1-terra"),
    ],
)
def test_a_mistyped_model_is_exit_2_with_the_closest_ids(
    tmp_path: Path, typed: str, expected: str
) -> None:
    answers = write_answers(tmp_path, {**BEHAVIOUR, "model": typed})
    result = run_cli("run", "--answers", str(answers))
    assert result.code == 2
    assert "question 'model'" in result.err and f"found '{typed}'" in result.err
    assert expected.split()[-1] in result.err
    assert result.err.count("\n") == 1 and "Traceback" not in result.err


def test_a_model_sold_by_several_providers_asks_which(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, {**BEHAVIOUR, "model": "moonshotai/kimi-k3"})
    result = run_cli("run", "--answers", str(answers))
    assert result.code == 2
    assert ("offered by 10 providers or platforms: name one as provider:id, e.g. "
            "'arcee:moonshotai/kimi-k3'") in result.err
    assert "`advisor prices --models moonshotai/kimi-k3` lists them" in result.err


PLATFORMS = ("'together:llama-3.1-8b' or 'fireworks:llama-3.1-8b' or 'selfhost:llama-3.1-8b' "
             "or 'bedrock:llama-3.1-8b'")


@pytest.mark.parametrize(
    ("typed", "ending"),
    [
        ("llama-3.1-8b", f"(offered by 4 providers or platforms: name one as provider:id, "
                         f"e.g. {PLATFORMS}; `advisor prices --models llama-3.1-8b` lists them)"),
        ("llama-3.1-8", f"(did you mean {PLATFORMS}? — 6 ids begin so; `advisor prices "
                        "--models llama-3.1-8` lists them)"),
        ("LLAMA-3.1-8B", "e.g. 'together:llama-3.1-8b' or 'fireworks:llama-3.1-8b' or "
                         "'selfhost:llama-3.1-8b' or 'bedrock:llama-3.1-8b'; `advisor prices "
                         "--models LLAMA-3.1-8B` lists them)"),
    ],
)
def test_a_model_offered_on_several_platforms_names_them(
    tmp_path: Path, typed: str, ending: str
) -> None:
    """A bare or partial `llama-3.1-8b` suggested 'llama3.1-8b', 'llama-3.1-405b' and
    'llama-3.3-70b', and left out the catalog's together:, fireworks: … ids that exist."""
    answers = write_answers(tmp_path, {**BEHAVIOUR, "model": typed})
    run = run_cli("run", "--answers", str(answers))
    prices = run_cli("prices", "--model", typed)
    for result in (run, prices):
        assert (result.code, result.out) == (2, "")
        assert result.err.endswith(ending + "\n"), result.err
        assert result.err.count("\n") == 1
    listed = run_cli("prices", "--models", typed.lower()).out
    for platform in ("together", "fireworks", "selfhost", "bedrock"):
        assert f"{platform}:llama-3.1-8b " in listed  # what the message points at lists them


def test_every_model_id_answers_files_used_before_is_still_accepted(tmp_path: Path) -> None:
    old = [
        "gpt-4.1",
        "gpt-4.1-mini",
        "gpt-4o",
        "gpt-4o-mini",
        "gpt-4",
        "gpt-5.1",
        "gpt-5-mini",
        "azure:gpt-4.1-mini",
        "together:llama-3.1-8b",
        "vertex:gemini-2.5-flash",
    ]
    for model_id in old:
        assert SOURCES["models"].resolve(model_id) == model_id
        assert SOURCES["fine_tune_models"].resolve(model_id) == model_id


@pytest.mark.parametrize(
    "today",
    [date(2026, 11, 28), date(2026, 12, 12), date(2027, 1, 15), date(2027, 6, 1), date(2030, 1, 1)],
)
def test_the_default_model_is_served_and_lasting_on_the_day(today: date) -> None:
    chosen = default_model(CATALOG, today)
    assert chosen is not None
    model = model_for(chosen, CATALOG)
    assert model.retires is None or model.retires > today
    offered = SOURCES["models"].options(today)
    assert offered[0].id == chosen  # the featured list starts the offer


def test_a_model_that_has_shut_down_is_accepted_but_not_offered() -> None:
    offered = {c.id for c in SOURCES["models"].options(date(2026, 12, 12))}
    assert "gpt-5-mini" not in offered and "gpt-4" not in offered  # shut down by then
    assert "gpt-5.1" in offered  # shuts down 2027-04-01
    assert SOURCES["models"].resolve("gpt-5-mini") == "gpt-5-mini"
    hints = {c.id: c.hint for c in SOURCES["models"].options(date(2026, 12, 12))}
    assert hints["gpt-5.1"] == "shuts down 2027-04-01"  # from the lifecycle data


def test_the_offered_list_holds_every_model_and_the_platforms_once() -> None:
    offered = [c.id for c in SOURCES["models"].options(date(2026, 11, 28))]
    assert len(offered) == len(set(offered)) > 1_500
    assert {"azure:gpt-4.1-mini", "together:llama-3.1-8b", "claude-haiku-5-5"} <= set(offered)


@pytest.mark.parametrize(
    ("retired", "today", "expected"),
    [
        # Price bands ($1 and $4 per 1M blended tokens): GPT-4 at $30/$60 is large, as
        # GPT-6.1 Sol is; o4-mini at $1.10/$4.40 is medium, as GPT-6.1 Terra is. OpenAI's
        # notice for them names no single replacement.
        ("gpt-4", date(2026, 11, 28), "gpt-6.1-sol"),
        ("o4-mini", date(2026, 11, 28), "gpt-6.1-terra"),
    ],
)
def test_a_successor_is_a_current_model_of_the_same_provider_and_price_band(
    retired: str, today: date, expected: str
) -> None:
    model = model_for(retired, CATALOG)
    assert model.successor == ""
    found = successor(model, CATALOG, today)
    assert found is not None and found.id == expected
    assert found.retires is None or found.retires > today


@pytest.mark.parametrize(
    ("retired", "today", "expected"),
    [
        ("gpt-4.1-mini", date(2027, 2, 1), "gpt-6-luna"),
        ("gpt-5-mini", date(2026, 12, 12), "gpt-6.1-terra"),
        ("gemini-2.5-flash", date(2026, 12, 2), "gemini-3.5-flash-lite"),
        ("claude-sonnet-4-5", date(2026, 12, 6), "claude-sonnet-5-5"),
    ],
)
def test_a_successor_is_the_replacement_the_provider_names(
    retired: str, today: date, expected: str
) -> None:
    model = model_for(retired, CATALOG)
    assert model.successor == expected
    found = successor(model, CATALOG, today)
    assert found is not None and found.id == expected


def test_no_gpt_5_model_is_suggested_after_it_shuts_down() -> None:
    today = date(2026, 12, 12)
    for retired in ("gpt-4", "gpt-4.1", "gpt-4o-mini", "gpt-5-mini"):
        found = successor(model_for(retired, CATALOG), CATALOG, today)
        assert found is not None and not found.id.startswith("gpt-5"), (retired, found)


def test_prices_lists_the_models_the_question_takes(tmp_path: Path) -> None:
    result = run_cli("prices", "--models", "haiku", "--today", "2026-11-28")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("claude-haiku-5-5 — Claude Haiku 5.5 (Anthropic)")
    assert any(line.startswith("claude-haiku-4-5 ") for line in lines)
    one = run_cli("prices", "--model", "claude-haiku-4-5", "--today", "2026-11-28")
    assert one.code == 0
    assert "prompt caching: prefixes of 4,096+ tokens" in one.out
    assert "batch: input $0.50" in one.out


def test_a_fixed_part_longer_than_the_prompt_is_refused(tmp_path: Path) -> None:
    answers = write_answers(
        tmp_path,
        {**BEHAVIOUR, "model": "gpt-4.1", "prompt_tokens": 500, "fixed_prompt_tokens": 600},
    )
    result = run_cli("run", "--answers", str(answers))
    assert result.code == 2
    assert result.err == (
        f"advisor: {answers}: question 'fixed_prompt_tokens': expected an integer from 0 to "
        "500 (your prompt_tokens), found 600\n"
    )
