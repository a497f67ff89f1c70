"""The day advice is for: --today, else ADVISOR_TODAY, else the real date."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from advisor.facts import FIRST_DAY, LAST_DAY
from tests.conftest import ROOT, run_cli, write_answers
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


RANGE = ("expected a date from 2024-01-01 to 2030-12-31 (the years advisor's price data can "
         "speak for)")


@pytest.mark.parametrize("day", ["1970-01-01", "0001-01-01", "2023-12-31", "2031-01-01",
                                 "9999-12-31"])
@pytest.mark.parametrize(
    "command", [["run", "--answers", "ANSWERS"], ["prices"], ["flows", "check", "quick_check"],
                ["replay", str(ROOT / "tests" / "transcripts")], ["chat"], ["serve"]],
    ids=lambda c: c[0],
)
def test_a_day_the_price_data_cannot_speak_for_is_refused_with_the_range(
    tmp_path: Path, command: list[str], day: str
) -> None:
    """`--today 1970-01-01` ran: 2026 prices "as of 1970", a model that "shuts down in
    20,794 days". Every command that takes --today refuses it before doing anything."""
    answers = str(write_answers(tmp_path, STYLE_AT_SCALE))
    args = [answers if a == "ANSWERS" else a for a in command]
    result = run_cli(*args, "--today", day)
    prog = "flows check" if command[0] == "flows" else command[0]
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"advisor: argument --today: {RANGE}, found '{day}' (see `advisor {prog} --help`)\n"
    )


def test_advisor_today_outside_the_range_is_refused_the_same_way(tmp_path: Path) -> None:
    answers = str(write_answers(tmp_path, STYLE_AT_SCALE))
    result = run_cli("run", "--answers", answers, env={"ADVISOR_TODAY": "1970-01-01"})
    assert (result.code, result.out) == (2, "")
    assert result.err == f"advisor: ADVISOR_TODAY: {RANGE}, found '1970-01-01'\n"


def test_the_first_and_last_days_of_the_range_are_given_advice(tmp_path: Path) -> None:
    assert prices_day(tmp_path, "--today", FIRST_DAY.isoformat()) == "2024-01-01"
    assert prices_day(tmp_path, "--today", LAST_DAY.isoformat()) == "2030-12-31"


def test_the_range_holds_every_dated_row_of_the_price_data() -> None:
    """The range is the price data's: a catalog row or a genai-prices price change dated
    outside it means the range must move with the data."""
    import genai_prices

    catalog = (ROOT / "advisor" / "costs" / "prices" / "catalog.toml").read_text(encoding="utf-8")
    prices = (Path(genai_prices.__file__).parent / "data.py").read_text(encoding="utf-8")
    days = {date.fromisoformat(d) for d in re.findall(r"\b20\d\d-\d\d-\d\d\b",
                                                        catalog + prices)}
    assert days and min(days).year == FIRST_DAY.year
    assert all(FIRST_DAY <= d <= LAST_DAY for d in days), sorted(days)[-3:]


def test_the_readme_says_the_range() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"from {FIRST_DAY} to {LAST_DAY}" in " ".join(readme.split())
