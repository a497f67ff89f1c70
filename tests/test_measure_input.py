"""`advisor measure` on logs that are big and messy, or not logs at all: one clear line and
exit 2 for a log with nothing usable, answers left open where the logs cannot hold them,
and nothing half-written."""

from __future__ import annotations

import gzip
import json
import os
import pty
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from advisor.errors import BadInput
from advisor.measure import source
from advisor.measure.read import read_logs
from advisor.measure.tally import Tally
from tests.conftest import run_cli
from tests.usage_logs import CSV_HEADER, make_log


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def comments(text: str) -> str:
    """The comments of an answers file as one line (they are wrapped at 88 columns)."""
    return " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))


def chat_line(prompt: int, output: int, *, created: int = 1_759_300_000,
              model: str = "gpt-4.1-mini", cached: int | None = None) -> str:
    usage: dict = {"prompt_tokens": prompt, "completion_tokens": output}
    if cached is not None:
        usage["prompt_tokens_details"] = {"cached_tokens": cached}
    return json.dumps({"object": "chat.completion", "created": created, "model": model,
                       "usage": usage})


@pytest.mark.parametrize(
    ("lines", "says"),
    [
        ([], "the log is empty"),
        (["", "   "], "no request in its 2 lines"),
        (["hello", "world"], "none of its 2 lines is a request in a format advisor reads "
                             "(OpenAI, Anthropic, OpenTelemetry GenAI or CSV); line 1: not JSON"),
        (['{"event": "login"}'], "line 1: no usage in a format advisor reads"),
        ([json.dumps({"custom_id": "a", "response": None, "error": {"code": "x"}})],
         "record no model call with token usage (such as a failed request (no response))"),
        ([CSV_HEADER], "no request in its 1 line"),
    ],
)
def test_a_log_with_no_usable_line_is_refused_in_one_line(tmp_path: Path, lines, says):
    log = write(tmp_path / "app.log", lines) if lines else tmp_path / "app.log"
    if not lines:
        log.write_bytes(b"")
    out = tmp_path / "measured.toml"
    out.write_text("# kept\n", encoding="utf-8")
    result = run_cli("measure", str(log), "--out", str(out))
    assert result.code == 2, result
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert result.err.startswith(f"advisor: {log}: no usable line: ")
    assert says in result.err
    assert out.read_text(encoding="utf-8") == "# kept\n"  # nothing written over it


def test_one_empty_log_among_good_ones_is_refused_too(tmp_path: Path):
    good = write(tmp_path / "good.log", [chat_line(900, 100)] * 3)
    empty = tmp_path / "empty.log"
    empty.write_bytes(b"")
    result = run_cli("measure", str(good), str(empty))
    assert result.code == 2 and f"{empty}: no usable line" in result.err


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: p / "missing.log", "missing.log: no such file"),
        (lambda p: p, "is a folder, expected a log file"),
    ],
)
def test_a_log_that_cannot_be_read_is_one_line(tmp_path: Path, make, says):
    result = run_cli("measure", str(make(tmp_path)))
    assert result.code == 2 and says in result.err and result.err.count("\n") == 1


def test_a_csv_without_token_columns_names_what_is_missing(tmp_path: Path):
    log = write(tmp_path / "usage.csv", ["timestamp,model,input_tokens,tokens_out",
                                         "2026-10-01T00:00:00Z,gpt-4.1,100,20"])
    result = run_cli("measure", str(log), "--format", "csv")
    assert result.code == 2
    assert "line 1: a CSV header needs the columns input_tokens and output_tokens; it has " \
           "no output_tokens" in result.err


def test_since_and_until_count_only_those_days(tmp_path: Path):
    day = 86_400
    start = 1_759_276_800  # 2025-10-01 00:00 UTC
    lines = [chat_line(1_000 + d, 100, created=start + d * day + 3_600) for d in range(10)
             for _ in range(d + 1)]  # day d has d + 1 requests
    log = write(tmp_path / "app.log", lines)
    out = tmp_path / "m.toml"
    result = run_cli("measure", str(log), "--since", "2025-10-03", "--until", "2025-10-05",
                     "--out", str(out))
    assert result.code == 0, result
    answers = tomllib.loads(out.read_text(encoding="utf-8"))
    assert answers["requests_per_day"] == 4  # 3 + 4 + 5 over 3 days
    assert "the busiest day, 2025-10-05, had 5" in answers["_measured"]["how"]["requests_per_day"]
    assert answers["prompt_tokens"] == 1_003  # 1,002 ×3, 1,003 ×4, 1,004 ×5
    assert f"{len(lines) - 12:,} outside --since/--until" in result.err

    later = run_cli("measure", str(log), "--since", "2026-01-01")
    assert later.code == 2 and "no request in the logs is from 2026-01-01 to the end" in later.err
    backwards = run_cli("measure", str(log), "--since", "2025-10-05", "--until", "2025-10-03")
    assert backwards.code == 2 and "--since 2025-10-05 is after --until 2025-10-03" in backwards.err


def test_model_given_overrides_the_logs_and_a_typo_is_refused_before_reading(tmp_path: Path):
    log = write(tmp_path / "app.log", [chat_line(900, 100)] * 5)
    out = tmp_path / "m.toml"
    assert run_cli("measure", str(log), "--model", "claude-haiku-4-5", "--out", str(out)).code == 0
    answers = tomllib.loads(out.read_text(encoding="utf-8"))
    assert answers["model"] == "claude-haiku-4-5"
    assert "given with --model; the logs: 'gpt-4.1-mini' on 100%" in answers["_measured"]["how"][
        "model"]
    typo = run_cli("measure", str(tmp_path / "not-there.log"), "--model", "gpt-4.1-minii")
    assert typo.code == 2 and typo.err.startswith("advisor: --model: no model 'gpt-4.1-minii'")


def test_what_logs_cannot_hold_is_left_open_with_the_reason(tmp_path: Path):
    # An Azure deployment's own name; bare Anthropic-style bodies without a time; no cache
    # counts anywhere.
    lines = [json.dumps({"type": "message", "model": "support-prod-deployment",
                         "usage": {"input_tokens": 700 + n, "output_tokens": 90}})
             for n in range(20)]
    out = tmp_path / "m.toml"
    result = run_cli("measure", str(write(tmp_path / "a.log", lines)), "--out", str(out))
    assert result.code == 0, result
    answers = tomllib.loads(out.read_text(encoding="utf-8"))
    text = comments(out.read_text(encoding="utf-8"))
    assert set(answers) - {"_measured"} == {"prompt_tokens", "output_tokens"}
    assert "Not measured: requests_per_day — no request in the logs carries a time." in text
    assert "'support-prod-deployment', which neither advisor nor genai-prices knows" in text
    assert "no log line reports cached tokens" in text
    assert "not measured: requests_per_day, fixed_prompt_tokens, batch, model" in result.err


def test_cache_counts_that_are_all_zero_leave_the_fixed_part_open(tmp_path: Path):
    lines = [chat_line(800, 50, cached=0)] * 10
    result = run_cli("measure", str(write(tmp_path / "a.log", lines)))
    assert result.code == 0
    assert "fixed_prompt_tokens" not in tomllib.loads(result.out)
    assert "every line reports 0 cached tokens" in comments(result.out)


def test_a_truncated_gzip_log_is_read_up_to_the_damage(tmp_path: Path):
    log = make_log("openai-chat", count=3_000, broken_every=10**9)
    data = gzip.compress(("\n".join(log.lines) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    result = run_cli("measure", str(path))
    assert result.code == 0, result
    assert "warning: " + str(path) + ": the compressed data ends early" in result.err
    read = int(result.err.split("1 log, ")[1].split(" lines")[0].replace(",", ""))
    assert 0 < read < 3_000


def test_standard_input_is_a_log_too(tmp_path: Path):
    log = make_log("csv", count=500, broken_every=10**9)
    result = run_cli("measure", "-", stdin="\n".join(log.lines) + "\n")
    assert result.code == 0, result
    answers = tomllib.loads(result.out)
    assert answers["_measured"]["logs"] == ["standard input"]
    assert answers["prompt_tokens"] == sorted(d.prompt for d in log.drawn)[len(log.drawn) // 2 - 1]


def test_a_line_over_the_limit_is_skipped_without_being_held(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(source, "LINE_LIMIT", 1_000)
    path = write(tmp_path / "a.log", [chat_line(900, 100), "x" * 5_000, chat_line(1_100, 100)])
    tally = Tally()
    read_logs([str(path)], "auto", tally)
    assert (tally.requests, tally.unreadable) == (2, 1)
    assert tally.examples[0].line == 2 and "longer than the limit" in tally.examples[0].reason


def test_forcing_a_format_reads_other_lines_as_unreadable(tmp_path: Path):
    path = write(tmp_path / "a.log", [chat_line(900, 100)] * 3)
    with pytest.raises(BadInput, match=r"not an Anthropic response \(--format anthropic\)"):
        read_logs([str(path)], "anthropic", Tally())


def _stderr_on_a_terminal(args: list[str]) -> str:
    """Run advisor with standard error on a pseudo-terminal; what the terminal got."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "advisor", *args], stdout=subprocess.DEVNULL,
        stderr=follower, cwd="/", env={**os.environ, "COLUMNS": "300"},
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65_536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    process.wait(timeout=120)
    os.close(leader)
    return seen.decode("utf-8", "replace")


def test_progress_is_shown_on_a_terminal_only(tmp_path: Path):
    log = make_log("openai-responses", count=5_000, broken_every=10**9)
    path = write(tmp_path / "big.log", log.lines)
    on_terminal = _stderr_on_a_terminal(["measure", str(path)])
    assert "\radvisor: measuring: " in on_terminal and f"lines read, now {path}" in on_terminal
    assert "\r\x1b[K" in on_terminal  # cleared before the summary
    piped = run_cli("measure", str(path))
    assert piped.code == 0 and "measuring" not in piped.err and "\r" not in piped.err


def test_the_answers_never_replace_a_log(tmp_path: Path):
    log = write(tmp_path / "app.log", [chat_line(900, 100)] * 3)
    before = log.read_text(encoding="utf-8")
    result = run_cli("measure", str(log), "--out", str(log))
    assert result.code == 2 and "is one of the logs; the answers would replace it" in result.err
    assert log.read_text(encoding="utf-8") == before
