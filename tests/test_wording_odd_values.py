"""Odd files and odd values get messages that say what they are, in plain words."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli, write_answers
from tests.cost_scenarios import ARTICLE
from tests.test_cli_errors import refused

COVER = ROOT / "tests" / "cover" / "ai_strategy"
LOOP_WORDS = "a symbolic link loop: following its links leads back to where they start"


def test_a_folder_as_answers_says_an_answers_file(tmp_path: Path) -> None:
    message = refused(run_cli("run", "--answers", str(tmp_path)))
    assert message == f"advisor: {tmp_path}: is a folder, expected an answers file"


def test_a_symbolic_link_loop_is_called_one_wherever_a_path_is_given(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    answers = str(write_answers(tmp_path, ARTICLE))
    for args in (
        ["run", "--answers", str(loop)],
        ["run", "--answers", answers, "--flow", str(loop)],
        ["run", "--answers", answers, "--output", str(loop)],
        ["run", "--answers", answers, "--output", str(loop / "report.json")],
        ["replay", str(loop)],
        ["flows", "check", str(loop)],
    ):
        message = refused(run_cli(*args))
        assert message.endswith(LOOP_WORDS), (args, message)
    assert loop.is_symlink()  # not replaced by a report
    cover = refused(run_cli("flows", "cover", "--out", str(loop)))
    assert cover.endswith(f"cannot create the folder: {LOOP_WORDS}")
    sessions = refused(run_cli("sessions", "--sessions-dir", str(loop)))
    assert sessions.endswith(f"cannot list saved sessions: {LOOP_WORDS}")


def test_a_shipped_flow_id_that_is_a_broken_link_here_is_reported_as_a_link(
    tmp_path: Path,
) -> None:
    (tmp_path / "mine").symlink_to(tmp_path / "gone.toml")
    answers = str(write_answers(tmp_path, ARTICLE))
    message = refused(run_cli("run", "--answers", answers, "--flow", "mine", cwd=tmp_path))
    assert message == f"advisor: mine: a symbolic link to '{tmp_path / 'gone.toml'}', " \
        "which does not exist"


def test_a_report_written_through_a_symbolic_link_updates_the_file_it_points_to(
    tmp_path: Path,
) -> None:
    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "report.json"
    link.symlink_to(real)
    answers = str(write_answers(tmp_path, ARTICLE))
    assert run_cli("run", "--answers", answers, "--output", str(link)).code == 0
    assert link.is_symlink()
    assert json.loads(real.read_text())["recommendation"]["approach"]


def test_a_file_just_over_the_limit_is_not_told_it_is_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b" " * 1_090_000)  # 1.04 MB: "1.0 MB" against a limit of 1.0 MB
    message = refused(run_cli("run", "--answers", str(path)))
    assert message.endswith(
        "the file is 1,090,000 bytes; answers files are limited to 1,048,576 bytes (1.0 MB)"
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [('"hello"', "a string"), ("[1]", "a list"), ("3", "a number"), ("null", "null"),
     ("true", "true")],
)
def test_a_top_level_value_that_is_no_object_is_named_in_words(
    tmp_path: Path, text: str, found: str
) -> None:
    path = tmp_path / "a.json"
    path.write_text(text)
    message = refused(run_cli("run", "--answers", str(path)))
    assert message.endswith(f"expected an object mapping question ids to answers, found {found}")


@pytest.mark.parametrize(
    ("name", "text", "ending"),
    [
        ("a.json", '{"examples": ' + "9" * 401 + "}",
         "question 'examples': expected an integer from 0 to 100,000,000, "
         "found an integer of 401 digits"),
        ("a.json", '{"examples": ' + "9" * 5000 + "}",
         "question 'examples': expected an integer from 0 to 100,000,000, "
         "found 999999999999… (5,000 characters)"),
        ("a.toml", "examples = " + "9" * 5000 + "\n",
         "an integer of more than 4,300 digits is not a number an answer can take"),
        ("a.json", '{"requests_per_day": 1e999999}',
         "question 'requests_per_day': expected a number from 0 to 1,000,000,000, "
         "found 1e999999"),
        ("a.toml", "requests_per_day = 1e999\n",
         "question 'requests_per_day': expected a number from 0 to 1,000,000,000, "
         "found 1e999"),
    ],
)
def test_huge_numbers_are_cut_not_echoed(
    tmp_path: Path, name: str, text: str, ending: str
) -> None:
    path = tmp_path / name
    path.write_text(text)
    message = refused(run_cli("run", "--answers", str(path)))
    assert message == f"advisor: {path}: {ending}"
    assert len(message) < 200


def test_a_lone_surrogate_is_not_called_a_control_character(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"use_case": "ab\\ud800c"}')
    message = refused(run_cli("run", "--answers", str(path)))
    assert message.endswith(
        "question 'use_case': expected printable text, found an unpaired surrogate U+D800 "
        "(half of a UTF-16 pair, not a character) at position 3"
    )
    path.write_text('{"use_case": "ab\\u001b[2Jc"}')
    message = refused(run_cli("run", "--answers", str(path)))
    assert message.endswith("found the control character U+001B (ESC) at position 3")


def test_a_vanishing_volume_saves_zero_not_minus_zero(tmp_path: Path) -> None:
    answers = json.loads((COVER / "01-try_prompts_first.json").read_text())
    path = write_answers(tmp_path, {**answers, "requests_per_day": 1e-320})
    result = run_cli("run", "--answers", str(path))
    assert result.code == 0, result
    assert not re.search(r"-0\.0\b", result.out), "a saving of -0.0"
    assert result.json()["costs"]["fine_tuning_monthly_savings_usd"] == 0


def test_the_first_day_of_the_calendar_is_refused_naming_the_days_advice_is_for(
    tmp_path: Path,
) -> None:
    """It ran: "shuts down in 739994 days", 2026 prices "as of 0001-01-01"."""
    path = write_answers(tmp_path, ARTICLE)
    message = refused(run_cli("run", "--answers", str(path), "--today", "0001-01-01"))
    assert message == (
        "advisor: argument --today: expected a date from 2024-01-01 to 2030-12-31 (the years "
        "advisor's price data can speak for), found '0001-01-01' (see `advisor run --help`)"
    )


def test_sessions_of_something_that_is_no_folder_exits_2_as_the_readme_says() -> None:
    message = refused(run_cli("sessions", "--sessions-dir", os.devnull))
    assert message == f"advisor: {os.devnull}: expected a folder of saved sessions, found a device"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `advisor sessions"))
    assert row.rstrip().endswith("| 0 · 2 DIR is no folder or cannot be read |"), row


def test_an_answer_of_minus_zero_is_zero(tmp_path: Path) -> None:
    """Found by the reliability suite: -0.0 as a price came back as "-0.0" in the report."""
    path = write_answers(tmp_path, {**ARTICLE, "ft_price_input_per_1k": -0.0})
    result = run_cli("run", "--answers", str(path))
    assert result.code == 0, result
    assert not re.search(r"-0\.0\b", result.out)
    assert result.json()["answers"]["ft_price_input_per_1k"] == 0
