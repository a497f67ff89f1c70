"""`advisor measure` on realistic logs of every format it reads: each measured answer is
checked against the requests the log was drawn from (tests/usage_logs.py) — the sample's
own median and 90th percentile, exactly, and the distribution's, closely."""

from __future__ import annotations

import gzip
import json
import math
import random
import statistics
import tomllib
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.usage_logs import (
    BUSY_DAY,
    DAYS,
    FIXED,
    OUTPUT_MEDIAN,
    SECRET,
    START,
    VARIABLE_MEDIAN,
    WRITERS,
    Log,
    anthropic,
    draw,
    make_log,
)

FORMATS = [*WRITERS, "otlp"]
MODEL = {"anthropic": "claude-sonnet-4-5"}


def write_log(folder: Path, kind: str, log: Log, compress: bool = False) -> Path:
    text = "\n".join(log.lines) + "\n"
    if compress:
        path = folder / f"{kind}.jsonl.gz"
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path = folder / f"{kind}.log"
        path.write_text(text, encoding="utf-8")
    return path


def nearest_rank(values: list[int], share: float) -> int:
    return sorted(values)[math.ceil(share * len(values)) - 1]


def measure(tmp_path: Path, *args: str) -> tuple[dict, object]:
    out = tmp_path / "measured.toml"
    result = run_cli("measure", *args, "--out", str(out))
    assert result.code == 0, result
    return tomllib.loads(out.read_text(encoding="utf-8")), result


@pytest.mark.parametrize("kind", FORMATS)
def test_every_measured_answer_matches_the_requests_the_log_holds(tmp_path: Path, kind: str):
    log = make_log(kind)
    answers, result = measure(tmp_path, str(write_log(tmp_path, kind, log)))
    how = answers["_measured"]["how"]
    prompts = [d.prompt for d in log.drawn]
    outputs = [d.output for d in log.drawn]

    # Volume: every request over the 30 days it spans; the busy day named, with its count.
    assert answers["requests_per_day"] == round(len(log.drawn) / DAYS)
    per_day = Counter(int((d.at - START) // 86_400) for d in log.drawn)
    assert per_day.most_common(1)[0][0] == BUSY_DAY
    assert f"the busiest day, 2026-10-{BUSY_DAY + 1}, had {per_day[BUSY_DAY]:,}" in how[
        "requests_per_day"]

    # Lengths: the sample's median and 90th percentile exactly, the distribution's closely.
    assert answers["prompt_tokens"] == statistics.median_low(prompts)
    assert answers["prompt_tokens"] == pytest.approx(FIXED + VARIABLE_MEDIAN, rel=0.03)
    assert f"90th percentile {nearest_rank(prompts, 0.9):,}" in how["prompt_tokens"]
    assert answers["output_tokens"] == statistics.median_low(outputs)
    assert answers["output_tokens"] == pytest.approx(OUTPUT_MEDIAN, rel=0.05)
    assert f"90th percentile {nearest_rank(outputs, 0.9):,}" in how["output_tokens"]

    # The repeated prefix, from the cached-token counts; the share of requests that used it.
    assert answers["fixed_prompt_tokens"] == FIXED
    used = sum(1 for d in log.drawn if d.cached or d.written)
    assert f"over the {used:,} requests that used the cache" in how["fixed_prompt_tokens"]

    assert answers["model"] == MODEL.get(kind, "gpt-4.1-mini")
    assert ("batch" in answers) == (kind == "openai-batch")
    if kind == "openai-batch":
        assert answers["batch"] is True

    # Broken lines: counted, the first five named by line number, the rest still read.
    assert f"{len(log.broken):,} unreadable" in result.err
    for number in log.broken[:5]:
        assert f"line {number:,}:" in result.err
    if log.skipped:
        assert f"{log.skipped} × a failed request" in result.err
    # Never a word of the prompts or answers the log holds.
    assert SECRET not in result.err + result.out + str(answers)


def test_a_gzip_log_is_read_as_it_is(tmp_path: Path):
    log = make_log("openai-chat", count=2_000)
    answers, _ = measure(tmp_path, str(write_log(tmp_path, "chat", log, compress=True)))
    assert answers["prompt_tokens"] == statistics.median_low([d.prompt for d in log.drawn])


def test_logs_of_several_formats_are_counted_together(tmp_path: Path):
    logs = {kind: make_log(kind, count=1_500, seed=n) for n, kind in enumerate(FORMATS[:3])}
    paths = [str(write_log(tmp_path, kind, log)) for kind, log in logs.items()]
    answers, result = measure(tmp_path, *paths)
    everything = [d for log in logs.values() for d in log.drawn]
    assert f"{len(everything):,} requests" in result.err
    assert answers["prompt_tokens"] == statistics.median_low([d.prompt for d in everything])
    # A third of the traffic was batched: batch is one answer for all of it, left open.
    assert "batch" not in answers
    assert answers["_measured"]["logs"] == paths


def test_the_answers_file_says_in_a_comment_how_each_answer_was_measured(tmp_path: Path):
    path = write_log(tmp_path, "chat", make_log("openai-chat", count=1_000))
    result = run_cli("measure", str(path))  # no --out: TOML on standard output
    assert result.code == 0, result
    lines = result.out.splitlines()
    answers = tomllib.loads(result.out)
    for question in ("requests_per_day", "prompt_tokens", "fixed_prompt_tokens",
                     "output_tokens", "model"):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{question} = "))
        assert lines[at - 1].startswith("# "), f"{question} has no comment over it"
        assert str(answers[question]) in result.out
    assert "# Not measured: batch" in result.out
    json_out = tmp_path / "measured.json"
    assert run_cli("measure", str(path), "--out", str(json_out)).code == 0
    assert json_out.read_text(encoding="utf-8").lstrip().startswith("{")


def test_anthropic_message_batches_results_are_batch_requests(tmp_path: Path):
    rng = random.Random(3)
    drawn = list(draw(rng, 1_200, "anthropic"))
    lines = []
    for n, d in enumerate(drawn):
        message = json.loads(anthropic(d, rng))["response"]
        lines.append(json.dumps({"custom_id": f"r{n}",
                                 "result": {"type": "succeeded", "message": message}}))
    lines.append(json.dumps({"custom_id": "x", "result": {"type": "expired"}}))
    path = tmp_path / "results.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    answers, result = measure(tmp_path, str(path))
    assert answers["batch"] is True
    assert answers["prompt_tokens"] == statistics.median_low([d.prompt for d in drawn])
    assert "requests_per_day" not in answers  # batch results carry no time
    assert "1 × a batch request that did not succeed" in result.err
