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

# Today as the project's documents see it: OpenAI fine-tuning still open for 39 days.
TODAY = "2026-11-28"


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
