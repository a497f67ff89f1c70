"""Replaying 10,000 transcripts of real variety, as a user runs it: a fresh process.

    python benchmarks/bench_replay.py [--count 10000] [--runs 5] [--small 1000]

Writes COUNT transcripts of the default flow to a temporary folder. Real decisions each
carry their own numbers, so every transcript draws its own `requests_per_day`,
`prompt_tokens`, `output_tokens` and `fixed_prompt_tokens` (log-uniform over what teams
answer: 50 to 2M requests a day, 100 to 60k prompt tokens), over the paths of the
committed transcript corpus (tests/transcripts/answers): nearly every transcript needs
costs of its own, as it would in a team's folder of saved decisions.

Then times, as whole processes started fresh, one of each per round (interleaved, so a
busy machine slows all alike), medians of RUNS rounds:

  baseline   `python -c …`: open, read and json.loads each file
  replay     `advisor replay FOLDER --jobs 1`: one process
  jobs       `advisor replay FOLDER` (one process per core, the default)

and prints replay / baseline (goal ≤ 40), with the time to the first verdict on standard
output (replay streams: each verdict is written as soon as it is ready) and the peak
memory of a replay of SMALL and of COUNT transcripts (goal: flat, the same for both).
Last, for comparison only, the warm figure: the same replay in a process that has already
replayed the folder once (imports, flow and price data loaded, memoised costs kept).

Bytecode caching is on for the timed processes, as users have it.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import PYTHON, time_interleaved, user_env

CORPUS_ANSWERS = Path(__file__).resolve().parent.parent / "tests/transcripts/answers"
GOAL = 40.0
TODAY = "2026-11-28"

READ_AND_PARSE = r"""
import json, os, sys
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), "rb") as handle:
        json.loads(handle.read().decode("utf-8"))
"""

PEAK = r"""
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def log_uniform(rng: random.Random, low: float, high: float) -> int:
    return round(math.exp(rng.uniform(math.log(low), math.log(high))))


def varied_answers(rng: random.Random, bases: list[dict[str, Any]]) -> dict[str, Any]:
    """One team's answers: a path of the corpus, with numbers of its own."""
    answers = dict(rng.choice(bases))
    answers["use_case"] = f"case {rng.randrange(10**9)}"
    answers["requests_per_day"] = log_uniform(rng, 50, 2_000_000)
    prompt = log_uniform(rng, 100, 60_000)
    answers["prompt_tokens"] = prompt
    answers["output_tokens"] = log_uniform(rng, 20, 4_000)
    answers["fixed_prompt_tokens"] = rng.randrange(0, prompt + 1)
    answers.pop("knowledge_tokens", None)
    answers.pop("ft_prompt_tokens", None)
    return answers


def write_transcripts(folder: Path, count: int, seed: int = 20261128) -> None:
    from advisor.engine.drive import run_answers
    from advisor.engine.flows import load_flow
    from advisor.facts import Context
    from advisor.flow.library import resolve
    from advisor.report import build_report
    from advisor.transcript import to_json, transcript_of

    flow = load_flow(resolve(None))
    bases = [json.loads(p.read_text()) for p in sorted(CORPUS_ANSWERS.glob("*.json"))]
    rng = random.Random(seed)
    start = datetime(2026, 11, 28, 9, tzinfo=UTC)
    context = Context(today=start.date())
    for index in range(count):
        answers = varied_answers(rng, bases)
        ticks = iter(range(10_000))
        session = run_answers(
            flow, answers, context=context,
            clock=lambda ticks=ticks: start + timedelta(seconds=next(ticks)),
        )
        transcript = transcript_of(session, report=build_report(session, answers))
        # Plain writes: setting up the files is not what is measured.
        (folder / f"t{index:05d}.json").write_text(to_json(transcript), encoding="utf-8")


def replay_command(folder: Path, *extra: str) -> list[str]:
    return [PYTHON, "-m", "advisor", "replay", str(folder), "--today", TODAY, *extra]


def check_all_same(folder: Path, env: dict[str, str]) -> int:
    """Replay once and make sure every transcript replays unchanged (exit 0)."""
    done = subprocess.run(replay_command(folder, "--format", "json"), env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"replay did not find every transcript the same:\n{done.stderr[-2000:]}")
    return sum(json.loads(done.stdout)["summary"].values())


def first_verdict(folder: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from start to the first verdict on standard output, and to the end."""
    began = time.perf_counter()
    child = subprocess.Popen(replay_command(folder, "--jobs", "1"), env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    child.stdout.readline()
    first = time.perf_counter() - began
    child.stdout.read()
    child.wait()
    return first, time.perf_counter() - began


def peak_mb(folder: Path, env: dict[str, str]) -> float:
    done = subprocess.run([PYTHON, "-c", PEAK, *replay_command(folder, "--jobs", "1")],
                          env=env, capture_output=True, text=True, check=True)
    return int(done.stdout) / 1024


def warm_seconds(folder: Path) -> float:
    """The replay in this process, after a first replay that warmed everything."""
    from advisor.facts import Context
    from advisor.transcript.replay import replay_files, summary

    context = Context(today=datetime.fromisoformat(TODAY).date())
    summary(replay_files([str(folder)], context=context))
    began = time.perf_counter()
    counts = summary(replay_files([str(folder)], context=context))
    seconds = time.perf_counter() - began
    if counts["same"] != sum(counts.values()):
        raise SystemExit(f"warm replay found differences: {counts}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000, help="the smaller memory run")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-replay-") as temp:
        root = Path(temp)
        folder, small = root / "all", root / "small"
        folder.mkdir()
        small.mkdir()
        began = time.perf_counter()
        write_transcripts(folder, args.count)
        for path in sorted(folder.iterdir())[: args.small]:
            (small / path.name).write_bytes(path.read_bytes())
        size = sum(p.stat().st_size for p in folder.iterdir()) / args.count
        env = user_env(ADVISOR_CACHE_DIR=str(root / "cache"))
        replayed = check_all_same(folder, env)
        print(f"{args.count:,} transcripts written in {time.perf_counter() - began:.1f} s "
              f"(average {size:,.0f} bytes); all {replayed:,} replay unchanged")
        times = time_interleaved(
            {
                "baseline": ([PYTHON, "-c", READ_AND_PARSE, str(folder)], env),
                "replay": (replay_command(folder, "--jobs", "1"), env),
                "jobs": (replay_command(folder), env),
            },
            args.runs,
        )
        first, whole = first_verdict(folder, env)
        peaks = (peak_mb(small, env), peak_mb(folder, env))
        warm = warm_seconds(folder)
    baseline, replay, jobs = (statistics.median(times[k]) for k in ("baseline", "replay", "jobs"))
    per = 1e6 / args.count
    print(f"fresh processes, medians of {args.runs} interleaved rounds, "
          f"{args.count:,} transcripts:")
    print(f"  baseline (read + json.loads)   {baseline:7.2f} s   {baseline * per:7.1f} µs each")
    print(f"  replay --jobs 1                {replay:7.2f} s   {replay * per:7.1f} µs each"
          f"   {replay / baseline:6.1f} × baseline")
    print(f"  replay on every core           {jobs:7.2f} s   {jobs * per:7.1f} µs each"
          f"   {jobs / baseline:6.1f} × baseline")
    print(f"  first verdict on standard output after {first:.2f} s (of {whole:.2f} s)")
    print(f"  peak memory: {peaks[0]:.0f} MB for {args.small:,} transcripts, "
          f"{peaks[1]:.0f} MB for {args.count:,}")
    print(f"warm (for comparison only: the same process replayed the folder before): "
          f"{warm:.2f} s, {warm / baseline:.1f} × baseline")
    verdict = "met" if replay / baseline <= GOAL else "NOT met"
    print(f"goal: a fresh replay in one process ≤ {GOAL:g} × baseline — {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
