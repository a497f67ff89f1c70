"""Answers for the cost tests, and running them through the real command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import run_cli, write_answers

# A path on which fine-tuning is on the table: behaviour to learn, 500+ reviewed examples,
# prompts that fall short, stable requirements. Every cost question is reached.
BEHAVIOUR: dict[str, Any] = {
    "use_case": "Answer support tickets in our voice",
    "need": ["style"],
    "prompts_work": "no",
    "examples": 800,
    "data_reviewed": True,
    "test_set": True,
    "requests_per_day": 10_000,
    "requirements_change": "rarely",
    "prompt_tokens": 500,
    "ft_prompt_tokens": 50,
    "output_tokens": 200,
}

# The source article's example: GPT-4 at $0.03 per 1K tokens, fine-tuned at the same price.
ARTICLE: dict[str, Any] = {
    **BEHAVIOUR,
    "output_tokens": 0,
    "model": "custom",
    "price_input_per_1k": 0.03,
    "price_output_per_1k": 0.06,
    "ft_price_input_per_1k": 0.03,
    "ft_price_output_per_1k": 0.06,
    "training_price_per_1m": 25,
}

# Prompts already work; 500+ examples and stable requirements make fine-tuning a candidate.
PROMPTS_WORK: dict[str, Any] = {**BEHAVIOUR, "prompts_work": "yes"}

# Today as the project's documents see it: OpenAI fine-tuning open for 39 more days, and
# only to organisations with fine-tuned inference in the previous 60 days.
TODAY = "2026-11-28"

# A year earlier, before OpenAI's wind-down notice took effect, for an organisation that
# fine-tunes there: the days on which its fine-tunes were a platform to build on, so that
# their arithmetic can be checked as the advice would have priced it then.
EARLY = "2025-12-01"
ACTIVE = {"openai_ft_access": "active"}


def platform(data: dict, platform_id: str) -> dict:
    """A row of the report's table of places to fine-tune."""
    rows = data["costs"]["fine_tuning_platforms"]
    return next(row for row in rows if row["id"] == platform_id)


def _no_constants(name: str) -> Any:
    raise AssertionError(f"the report holds {name}, which is not a JSON number")


def report(tmp_path: Path, answers: dict[str, Any], *args: str, today: str = TODAY) -> dict:
    """The JSON report of `advisor run` for these answers; NaN or Infinity fail the test."""
    path = write_answers(tmp_path, answers)
    result = run_cli("run", "--answers", str(path), "--format", "json", "--today", today, *args)
    assert result.code == 0, result
    return json.loads(result.out, parse_constant=_no_constants)


def monthly(data: dict, approach: str) -> float:
    return data["costs"]["approaches"][approach]["monthly_usd"]
