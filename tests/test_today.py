"""The day advice is for: --today, else ADVISOR_TODAY, else the real date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.conftest import run_cli, write_answers
from tests.test_default_flow import STYLE_AT_SCALE


def prices_day(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> str:
    answers = str(write_answers(tmp_path, STYLE_AT_SCALE))
    result = run_cli("run", "--answers", answers, *args, env=env)
    assert result.code == 0, result
    return result.json()["costs"]["prices_as_of"]


def test_advisor_today_pins_the_day_and_today_overrides_it(tmp_path: Path) -> None:
    assert prices_day(tmp_path, env={"ADVISOR_TODAY": "2027-02-01"}) == "2027-02-01"
    assert prices_day(tmp_path, "--today", "2026-12-01", env={"ADVISOR_TODAY": "2027-02-01"}) == (
        "2026-12-01"
    )


def test_without_either_the_real_date_is_used(tmp_path: Path) -> None:
    assert prices_day(tmp_path, env={"ADVISOR_TODAY": ""}) == date.today().isoformat()


def test_a_malformed_advisor_today_is_one_clear_error(tmp_path: Path) -> None:
    answers = str(write_answers(tmp_path, STYLE_AT_SCALE))
    result = run_cli("run", "--answers", answers, env={"ADVISOR_TODAY": "next tuesday"})
    assert result.code == 2 and result.out == ""
    assert result.err.strip() == (
        "advisor: ADVISOR_TODAY: expected a date as YYYY-MM-DD, found 'next tuesday'"
    )


def test_a_malformed_today_option_is_a_usage_error(tmp_path: Path) -> None:
    answers = str(write_answers(tmp_path, STYLE_AT_SCALE))
    result = run_cli("run", "--answers", answers, "--today", "2026-13-01")
    assert result.code == 2 and "expected a date as YYYY-MM-DD, found '2026-13-01'" in result.err
