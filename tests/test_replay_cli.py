"""`advisor run --save-transcript` and `advisor replay`, as a user runs them."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from advisor.flow.library import shipped
from tests.conftest import ROOT, run_cli, write_answers

CORPUS = ROOT / "tests/transcripts"


def corpus_copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / f"{name}.json"
    shutil.copy(CORPUS / f"{name}.json", target)
    return target


def edit(path: Path, change: Callable[[dict[str, Any]], object]) -> Path:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return path


def step_index(data: dict, question_id: str) -> int:
    return [s["question_id"] for s in data["steps"]].index(question_id)


def test_run_saves_a_transcript_that_replays_the_same(tmp_path: Path) -> None:
    answers = json.loads((CORPUS / "answers/hybrid.json").read_text())
    path = write_answers(tmp_path, answers)
    transcript = tmp_path / "hybrid-session.json"
    ran = run_cli("run", "--answers", str(path), "--save-transcript", str(transcript))
    assert ran.code == 0, ran
    saved = json.loads(transcript.read_text(encoding="utf-8"))
    assert saved["status"] == "complete"
    assert saved["format_version"] == 1
    assert saved["flow"]["id"] == "ai_strategy"
    assert saved["outcome"]["approach"] == ran.json()["recommendation"]["approach"] == "hybrid"
    assert saved["outcome"]["pitfalls"] == [p["id"] for p in ran.json()["pitfalls"]]
    given = {s["question_id"]: s["value"] for s in saved["steps"] if not s["defaulted"]}
    assert given == answers

    replayed = run_cli("replay", str(transcript))
    assert replayed.code == 0, replayed
    assert replayed.out == f"{transcript}: same (hybrid)\n"
    assert replayed.err == ""


def test_run_refuses_a_transcript_path_in_a_missing_folder(tmp_path: Path) -> None:
    path = write_answers(tmp_path, json.loads((CORPUS / "answers/hybrid.json").read_text()))
    missing = tmp_path / "nowhere" / "t.json"
    ran = run_cli("run", "--answers", str(path), "--save-transcript", str(missing))
    assert ran.code == 2
    assert ran.err == f"advisor: {missing}: the folder {missing.parent} does not exist\n"
    assert ran.out == ""


def test_tampered_outcome_exits_1_with_its_diff(tmp_path: Path) -> None:
    def claim_rag(data: dict) -> None:
        data["outcome"].update(
            outcome="rag", approach="rag", components=["rag"],
            pitfalls=["noisy_retrieval", "base_model_retirement"],
        )

    path = edit(corpus_copy(tmp_path, "fine_tuning"), claim_rag)
    result = run_cli("replay", str(path))
    assert result.code == 1, result
    assert result.out == (
        f"{path}: changed\n"
        "  - approach: rag → fine_tuning\n"
        "  - pitfall added: poor_quality_data\n"
        "  - pitfall added: ignoring_prompt_caching\n"
        "  - pitfall removed: noisy_retrieval\n"
    )
    as_json = run_cli("replay", str(path), "--format", "json")
    assert as_json.code == 1
    [entry] = as_json.json()["transcripts"]
    assert entry["status"] == "changed"
    assert entry["recorded"]["approach"] == "rag"
    assert entry["now"]["approach"] == "fine_tuning"
    assert [c["kind"] for c in entry["changes"]] == [
        "approach", "pitfall_added", "pitfall_added", "pitfall_removed",
    ]
    as_markdown = run_cli("replay", str(path), "--format", "markdown")
    assert "- approach: rag → fine\\_tuning" in as_markdown.out


def huge(path: Path) -> None:
    text = (CORPUS / "hybrid.json").read_text(encoding="utf-8")
    path.write_text(text[:-2] + " " * (10 * 1024 * 1024) + text[-2:], encoding="utf-8")


BAD_FILES = {
    "corrupt JSON": (
        lambda p: p.write_text("{format_version: 1}", encoding="utf-8"),
        "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)",
    ),
    "truncated": (
        lambda p: p.write_text((CORPUS / "hybrid.json").read_text()[:700], encoding="utf-8"),
        "the file ends too early (truncated?)",
    ),
    "empty": (
        lambda p: p.write_text("", encoding="utf-8"),
        "not valid JSON: Expecting value — the file ends too early (truncated?) (line 1",
    ),
    "not UTF-8": (
        lambda p: p.write_bytes(b'{"format_version": 1, "x": "\xff"}'),
        "not UTF-8 text (byte 0xff at offset 28)",
    ),
    "not an object": (
        lambda p: p.write_text("[1, 2]", encoding="utf-8"),
        "expected a JSON object (an advisor transcript), found a list",
    ),
    "NaN": (
        lambda p: p.write_text(
            (CORPUS / "hybrid.json").read_text().replace('"value": 600', '"value": NaN'),
            encoding="utf-8",
        ),
        "steps[3].value (question 'examples'): expected a finite number, found NaN",
    ),
    "1e999": (
        lambda p: p.write_text(
            (CORPUS / "hybrid.json").read_text().replace('"value": 600', '"value": 1e999'),
            encoding="utf-8",
        ),
        "steps[3].value (question 'examples'): expected a finite number, found 1e999",
    ),
    "-Infinity in the outcome": (
        lambda p: p.write_text(
            re.sub(r'("monthly_usd": \{\s*"prompt_engineering": )[0-9.]+', r"\1-Infinity",
                   (CORPUS / "hybrid.json").read_text()),
            encoding="utf-8",
        ),
        "outcome.monthly_usd.prompt_engineering: expected a finite number, found -Infinity",
    ),
    "a fixed prompt longer than the prompt": (  # replayed as "changed", exit 1
        lambda p: edit(p, lambda d: d["steps"][step_index(d, "fixed_prompt_tokens")].update(
            value=5000)),
        "steps[10].value (question 'fixed_prompt_tokens'): expected an integer from 0 to 800 "
        "(your prompt_tokens), found 5000",
    ),
    "format version from the future": (
        lambda p: edit(p, lambda d: d.update(format_version=2, steps="anything new")),
        "format_version: 2 is newer than this advisor reads (up to 1); upgrade advisor",
    ),
    "format version as text": (
        lambda p: edit(p, lambda d: d.update(format_version="1")),
        "format_version: expected an integer, found \"1\"",
    ),
    "no format version": (
        lambda p: edit(p, lambda d: d.pop("format_version")),
        "format_version: missing (is this an advisor transcript?)",
    ),
    "time as a number": (
        lambda p: edit(p, lambda d: d["steps"][2].update(at=1764320400)),
        "steps[2].at (question 'prompts_work'): expected an ISO 8601 date or time as text, "
        "found 1764320400",
    ),
    "time without a zone": (
        lambda p: edit(p, lambda d: d["steps"][1].update(at="2026-11-28T09:00:10")),
        "steps[1].at (question 'need'): expected a date and time with a time zone, like "
        '2026-11-28T09:00:00Z, found "2026-11-28T09:00:10"',
    ),
    "value of a wrong type": (
        lambda p: edit(p, lambda d: d["steps"][3].update(value={"n": 600})),
        "steps[3].value (question 'examples'): expected text, a number, true/false or a list "
        "of texts, found an object",
    ),
    "unknown status": (
        lambda p: edit(p, lambda d: d.update(status="done")),
        "status: expected 'in_progress' or 'complete', found \"done\"",
    ),
    "steps not a list": (
        lambda p: edit(p, lambda d: d.update(steps={})),
        "steps: expected a valid list, found an object",
    ),
    "bad content hash": (
        lambda p: edit(p, lambda d: d["flow"].update(content_hash="abc")),
        "flow.content_hash: expected text that should match pattern",
    ),
    "missing key": (
        lambda p: edit(p, lambda d: d.pop("steps")),
        "missing key 'steps'",
    ),
    "unknown key": (
        lambda p: edit(p, lambda d: d["steps"][0].update(answer="x")),
        "steps[0] (question 'use_case'): unknown key 'answer'",
    ),
    "complete without an outcome": (
        lambda p: edit(p, lambda d: d.update(outcome=None)),
        "outcome: missing, but the status is complete",
    ),
    "question answered twice": (
        lambda p: edit(p, lambda d: d["steps"].append(dict(d["steps"][3]))),
        "steps[23].question_id: 'examples' is answered twice",
    ),
    "unknown flow": (
        lambda p: edit(p, lambda d: d["flow"].update(id="ai_strategie")),
        "flow.id: no shipped flow is called 'ai_strategie' (did you mean 'ai_strategy'?); "
        "give the flow file with --flow PATH",
    ),
    "answer the same flow refuses": (
        lambda p: edit(p, lambda d: d["steps"][3].update(value=-600)),
        "steps[3].value (question 'examples'): expected an integer from 0 to 100,000,000, "
        "found -600",
    ),
    "question the flow does not have": (
        lambda p: edit(p, lambda d: d["steps"][3].update(question_id="exemples")),
        "steps[3].question_id: 'exemples' is no question of flow 'ai_strategy' "
        "(did you mean 'examples' or 'example_tokens' or 'example_cost_usd'?)",
    ),
    "over 10 MB": (huge, "transcript files are limited to 10,485,760 bytes (10.0 MB)"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_transcript_exits_2_with_one_message(tmp_path: Path, case: str) -> None:
    make, message = BAD_FILES[case]
    path = corpus_copy(tmp_path, "hybrid")
    make(path)
    result = run_cli("replay", str(path))
    assert result.code == 2, result
    assert result.err.startswith(f"advisor: {path}: "), result
    assert message in result.err, result
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert result.out == ""


def test_a_folder_mixing_good_changed_and_broken_transcripts(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    for name in ("hybrid", "rag_daily_knowledge"):
        corpus_copy(folder, name)
    edit(corpus_copy(folder, "try_prompts_first"), lambda d: d["outcome"].update(pitfalls=[]))
    (folder / "broken.json").write_text('{"format_version": 1, "flow": ', encoding="utf-8")
    (folder / "notes.txt").write_text("not a transcript", encoding="utf-8")
    (folder / ".hybrid.json.x1y2.tmp").write_text("{", encoding="utf-8")

    result = run_cli("replay", str(folder))
    assert result.code == 2, result  # unreadable wins over changed
    assert result.out == (
        f"{folder / 'hybrid.json'}: same (hybrid)\n"
        f"{folder / 'rag_daily_knowledge.json'}: same (rag)\n"
        f"{folder / 'try_prompts_first.json'}: changed\n"
        "  - pitfall added: fine_tuning_too_early\n"
        "2 same · 1 changed · 1 unreadable\n"
    )
    assert result.err == (
        f"advisor: {folder / 'broken.json'}: not valid JSON: Expecting value — the file ends "
        "too early (truncated?) (line 1, column 31)\n"
    )
    as_json = run_cli("replay", str(folder), "--format", "json").json()
    assert as_json["summary"] == {"same": 2, "changed": 1, "unreadable": 1, "in_progress": 0}
    assert [t["status"] for t in as_json["transcripts"]] == [
        "unreadable", "same", "same", "changed",
    ]

    (folder / "broken.json").unlink()
    assert run_cli("replay", str(folder)).code == 1  # changed, nothing unreadable
    (folder / "try_prompts_first.json").unlink()
    quiet = run_cli("replay", str(folder), "--output", str(tmp_path / "out.txt"))
    assert (quiet.code, quiet.out) == (0, "")
    assert (tmp_path / "out.txt").read_text().endswith("2 same · 0 changed · 0 unreadable\n")


def shipped_version(text: str) -> str:
    """The version the shipped flow declares (its first `version = "..."` line)."""
    return tomllib.loads(text)["version"]


def test_an_edited_flow_is_a_note_not_an_error(tmp_path: Path) -> None:
    text = Path(shipped()["ai_strategy"]).read_text(encoding="utf-8")
    version = shipped_version(text)
    flow = tmp_path / "ai_strategy.toml"
    flow.write_text(text.replace(f'version = "{version}"', 'version = "9.9.9"'), encoding="utf-8")
    path = corpus_copy(tmp_path, "prompts_static_knowledge")
    result = run_cli("replay", str(path), "--flow", str(flow))
    assert result.code == 0, result
    assert result.out == (
        f"{path}: same (prompt_engineering)\n"
        "  note: the flow 'ai_strategy' has changed since this conversation was saved "
        f"(version {version} → 9.9.9)\n"
    )


def test_a_changed_choice_leaves_the_question_unanswered(tmp_path: Path) -> None:
    text = Path(shipped()["ai_strategy"]).read_text(encoding="utf-8")
    flow = tmp_path / "ai_strategy.toml"
    # An edited flow that offers two models of its own instead of every model in the data.
    old = 'choices_from = "models"\nchoices = [\n'
    assert old in text
    mine = 'choices = [\n    { id = "gpt-4.1-mini", label = "GPT-4.1 mini" },\n'
    flow.write_text(text.replace(old, mine), encoding="utf-8")
    path = corpus_copy(tmp_path, "rag_daily_knowledge")
    result = run_cli("replay", str(path), "--flow", str(flow))
    assert result.code == 1, result
    assert (
        "  - now unanswered: 'model' (\"Which model would you use?\"): the recorded answer no "
        "longer fits (expected one of 'gpt-4.1-mini', 'custom', found 'gpt-4o-mini' (did you "
        "mean 'gpt-4.1-mini'?)); the conversation stops there\n"
    ) in result.out
    assert f"(still version {shipped_version(text)}, edited)" in result.out


def test_a_flow_of_another_id_is_refused(tmp_path: Path) -> None:
    text = Path(shipped()["ai_strategy"]).read_text(encoding="utf-8")
    flow = tmp_path / "other.toml"
    flow.write_text(text.replace('id = "ai_strategy"', 'id = "other"', 1), encoding="utf-8")
    path = corpus_copy(tmp_path, "hybrid")
    result = run_cli("replay", str(path), "--flow", str(flow))
    assert result.code == 2
    assert result.err == (
        f"advisor: {path}: flow.id: the transcript is for flow 'ai_strategy', but the flow "
        f"given is 'other' ({flow})\n"
    )


def test_unfinished_transcripts_are_counted_not_compared(tmp_path: Path) -> None:
    def cut(data: dict) -> None:
        data.update(status="in_progress", outcome=None, steps=data["steps"][:3])

    folder = tmp_path / "sessions"
    folder.mkdir()
    edit(corpus_copy(folder, "hybrid"), cut)
    corpus_copy(folder, "fine_tuning")
    result = run_cli("replay", str(folder))
    assert result.code == 0, result
    assert result.out == (
        f"{folder / 'fine_tuning.json'}: same (fine_tuning)\n"
        f"{folder / 'hybrid.json'}: in progress\n"
        "  note: in progress (3 answers; next question: 'examples'): nothing to compare\n"
        "1 same · 0 changed · 0 unreadable · 1 in progress\n"
    )


def test_missing_file_and_empty_folder(tmp_path: Path) -> None:
    result = run_cli("replay", str(tmp_path / "nope.json"), str(tmp_path))
    assert result.code == 2
    assert result.err == (
        f"advisor: {tmp_path / 'nope.json'}: no such file\n"
        f"advisor: {tmp_path}: no transcripts (*.json files) in this folder\n"
    )
    assert result.out == "0 same · 0 changed · 2 unreadable\n"


def test_replay_rejects_a_bad_date() -> None:
    result = run_cli("replay", str(CORPUS), "--today", "28/11/2026")
    assert result.code == 2
    assert "expected a date as YYYY-MM-DD, found '28/11/2026'" in result.err


def test_jobs_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    """A folder large enough to be split between processes: every line, every message and
    the exit code are those of a replay in one process."""
    folder = tmp_path / "many"
    folder.mkdir()
    names = sorted(p.stem for p in CORPUS.glob("*.json"))
    for number in range(150):
        name = names[number % len(names)]
        copy = corpus_copy(folder, name).rename(folder / f"{number:03d}-{name}.json")
        if number % 17 == 5:
            edit(copy, lambda d: d["outcome"].update(pitfalls=[]))  # changed
        elif number % 23 == 7:
            copy.write_text('{"format_version": 1, "flow": ', encoding="utf-8")  # broken
    one = run_cli("replay", str(folder), "--jobs", "1")
    two = run_cli("replay", str(folder), "--jobs", "3")
    default = run_cli("replay", str(folder), "--format", "json")
    assert one.code == two.code == default.code == 2, one
    assert (two.out, two.err) == (one.out, one.err)
    assert len(one.err.splitlines()) == len([n for n in range(150) if n % 23 == 7
                                             and n % 17 != 5])
    assert [t["file"] for t in default.json()["transcripts"]] == sorted(
        str(p) for p in folder.glob("*.json"))


def test_jobs_must_be_a_positive_number(tmp_path: Path) -> None:
    result = run_cli("replay", str(CORPUS), "--jobs", "0")
    assert (result.code, result.out) == (2, "")
    assert result.err == ("advisor: argument --jobs: expected a whole number of processes "
                          "≥ 1, found '0' (see `advisor replay --help`)\n")
