"""`advisor run --answers A --answers B`: files merged in order, a later one overriding
(said in a note); and measure → run end to end, the report listing what was measured."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from tests.conftest import run_cli, write_answers
from tests.usage_logs import make_log

TEAM = {
    "use_case": "Reply to support tickets in our brand voice",
    "need": ["style", "format"],
    "prompts_work": "partly",
    "examples": 800,
    "data_reviewed": True,
    "test_set": True,
    "requirements_change": "rarely",
    "requests_per_day": 50_000,
}
MEASURED = ("requests_per_day", "prompt_tokens", "fixed_prompt_tokens", "output_tokens", "model")


def measured_file(tmp_path: Path) -> Path:
    log = tmp_path / "app.jsonl"
    log.write_text("\n".join(make_log("openai-chat", count=3_000).lines) + "\n", encoding="utf-8")
    out = tmp_path / "measured.toml"
    result = run_cli("measure", str(log), "--out", str(out))
    assert result.code == 0, result
    return out


def test_a_later_file_overrides_an_earlier_one_and_says_so(tmp_path: Path):
    team = write_answers(tmp_path, TEAM, "team.json")
    later = write_answers(tmp_path, {"requests_per_day": 300, "output_tokens": 90}, "later.json")
    result = run_cli("run", "--answers", str(team), "--answers", str(later))
    assert result.code == 0, result
    report = result.json()
    assert report["answers"]["requests_per_day"] == 300
    assert report["answers"]["output_tokens"] == 90
    assert f"advisor: note: {later} overrides {team} on: requests_per_day\n" in result.err
    assert "measured" not in report  # nothing measured: the report is as it always was


def test_a_bad_answer_names_the_file_it_is_in(tmp_path: Path):
    team = write_answers(tmp_path, TEAM, "team.json")
    bad = write_answers(tmp_path, {"examples": -5}, "bad.json")
    result = run_cli("run", "--answers", str(team), "--answers", str(bad))
    assert result.code == 2
    assert result.err == (
        f"advisor: {bad}: question 'examples': expected an integer from 0 to 100,000,000, "
        "found -5\n"
    )
    bound = write_answers(tmp_path, {"prompt_tokens": 400, "fixed_prompt_tokens": 900}, "b.json")
    result = run_cli("run", "--answers", str(team), "--answers", str(bound))
    assert result.code == 2 and result.err.startswith(f"advisor: {bound}: question 'fixed_prompt")
    twice = run_cli("run", "--answers", "-", "--answers", "-", stdin="{}")
    assert twice.code == 2 and "standard input (-) can be read only once" in twice.err


def test_measure_then_run_prices_the_measured_figures_and_says_where_they_came_from(
    tmp_path: Path,
):
    measured = measured_file(tmp_path)
    values = tomllib.loads(measured.read_text(encoding="utf-8"))
    team = write_answers(tmp_path, TEAM, "team.json")
    result = run_cli("run", "--answers", str(team), "--answers", str(measured))
    assert result.code == 0, result
    report = result.json()
    assert f"{measured} overrides {team} on: requests_per_day" in result.err
    for question in MEASURED:
        assert report["answers"][question] == values[question]
    assert list(report["measured"]) == list(MEASURED)
    origin = report["measured"]["prompt_tokens"]
    assert origin["how"] == values["_measured"]["how"]["prompt_tokens"]
    assert origin["logs"] == [str(tmp_path / "app.jsonl")]
    assert origin["answers_file"] == str(measured)
    assert origin["measured_on"] == values["_measured"]["on"]
    assert report["costs"]["model"] == "gpt-4.1-mini"
    assert report["costs"]["assumptions"]["fixed_prompt_tokens"] == values["fixed_prompt_tokens"]
    text = run_cli("run", "--answers", str(team), "--answers", str(measured), "--format", "text")
    assert "Measured from your logs:" in text.out
    assert f"{values['output_tokens']} tokens (measured)" in text.out


def test_an_answer_changed_after_measuring_is_no_longer_called_measured(tmp_path: Path):
    measured = measured_file(tmp_path)
    text = measured.read_text(encoding="utf-8")
    values = tomllib.loads(text)
    line = f"\noutput_tokens = {values['output_tokens']}\n"
    edited = text.replace(line, "\noutput_tokens = 250\n", 1)  # the answer, not the record
    assert edited != text
    measured.write_text(edited, encoding="utf-8")
    team = write_answers(tmp_path, TEAM, "team.json")
    override = write_answers(tmp_path, {"model": "gpt-4.1"}, "mine.json")
    result = run_cli("run", "--answers", str(team), "--answers", str(measured),
                     "--answers", str(override))
    report = result.json()
    assert report["answers"]["output_tokens"] == 250
    assert report["answers"]["model"] == "gpt-4.1"
    assert set(report["measured"]) == set(MEASURED) - {"output_tokens", "model"}


def test_a_measured_table_that_is_not_what_measure_writes_is_refused(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**TEAM, "_measured": {"how": {"prompt_tokens": 5}}}), "utf-8")
    result = run_cli("run", "--answers", str(bad))
    assert result.code == 2
    assert result.err == (
        f"advisor: {bad}: _measured.how.prompt_tokens: expected text, found a number\n"
    )
