"""Replaying 10,000 transcripts in one process, against only reading and parsing them.

    python benchmarks/bench_replay.py [--count 10000] [--runs 5]

Writes COUNT varied transcripts of the default flow to a temporary folder, then times, in
the same process and on the same files (medians of RUNS runs):

  baseline   open, read and json.loads each file
  load       the same, plus validating it as a transcript (pydantic)
  engine     re-answering the recorded answers of the already loaded transcripts through
             the engine (Session.answer), nothing else: where replay spends its time
  replay     `advisor replay FOLDER --jobs 1` without the printing: load and check each
             transcript, re-answer every recorded answer through the engine, work out the
             outcome (approach, pitfalls, monthly costs), compare with the recorded one
  jobs       the same with one process per core (the command's default), results in order

Goal: replay ≤ 5 × baseline (for now: ≤ 15 ×), in one process. Run it with bytecode
caching on, as users have it (`unset PYTHONDONTWRITEBYTECODE`).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from advisor.engine.drive import run_answers
from advisor.facts import Context
from advisor.flow.library import resolve
from advisor.flow.loader import load_flow
from advisor.flow.model import Flow
from advisor.parallel import available_cores
from advisor.report import build_report
from advisor.transcript import Restorer, Transcript, load_transcript, to_json, transcript_of
from advisor.transcript.replay import replay_files, summary

CORPUS_ANSWERS = Path(__file__).resolve().parent.parent / "tests/transcripts/answers"
GOAL = 5.0
GOAL_NOW = 15.0


def varied_answers(rng: random.Random, bases: list[dict[str, Any]]) -> dict[str, Any]:
    answers = dict(rng.choice(bases))
    answers["use_case"] = f"case {rng.randrange(10**9)}: " + rng.choice(
        ["support replies", "contract review", "product copy", "ticket triage", "search"]
    )
    if "requests_per_day" in answers:
        answers["requests_per_day"] = rng.choice([50, 800, 2_000, 12_000, 80_000])
    if answers.get("examples"):
        answers["examples"] = rng.choice([30, 120, 499, 500, 2_000])
        answers.setdefault("requirements_change", rng.choice(["often", "sometimes", "rarely"]))
    answers["prompt_tokens"] = rng.choice([300, 500, 1_500, 25_000])
    return answers


def ticking(start: datetime) -> Callable[[], datetime]:
    ticks = iter(range(10_000))
    return lambda: start + timedelta(seconds=next(ticks))


def write_transcripts(folder: Path, count: int) -> None:
    flow = load_flow(resolve(None))
    bases = [json.loads(p.read_text()) for p in sorted(CORPUS_ANSWERS.glob("*.json"))]
    rng = random.Random(20261128)
    start = datetime(2026, 11, 28, 9, tzinfo=UTC)
    for index in range(count):
        answers = varied_answers(rng, bases)
        session = run_answers(
            flow, answers, clock=ticking(start), context=Context(today=start.date())
        )
        transcript = transcript_of(session, report=build_report(session, answers))
        # Plain writes: setting up the files is not what is measured.
        (folder / f"t{index:05d}.json").write_text(to_json(transcript), encoding="utf-8")


def read_and_parse(folder: Path) -> int:
    count = 0
    for name in sorted(os.listdir(folder)):
        with open(folder / name, "rb") as handle:
            json.loads(handle.read().decode("utf-8"))
        count += 1
    return count


def load_all(folder: Path) -> int:
    count = 0
    for name in sorted(os.listdir(folder)):
        load_transcript(folder / name)
        count += 1
    return count


def reanswer_all(transcripts: list[Transcript], flow: Flow) -> int:
    for transcript in transcripts:
        for _ in Restorer(transcript, flow, fill_defaults=True).steps():
            pass
    return len(transcripts)


def replay_all(folder: Path, jobs: int = 1) -> int:
    counts = summary(replay_files([str(folder)], context=Context(), jobs=jobs))
    if counts["same"] != sum(counts.values()):
        raise SystemExit(f"replay found differences in freshly written transcripts: {counts}")
    return counts["same"]


def interleaved_medians(
    works: dict[str, Callable[[], int]], runs: int, expected: int
) -> dict[str, float]:
    """Each work once per round, round after round, so that a machine busy with something
    else slows all of them alike; the median of each."""
    times: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            began = time.perf_counter()
            done = work()
            times[name].append(time.perf_counter() - began)
            if done != expected:
                raise SystemExit(f"{name}: expected {expected} transcripts, handled {done}")
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set; users run with .pyc files", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="bench-replay-") as temp:
        folder = Path(temp)
        began = time.perf_counter()
        write_transcripts(folder, args.count)
        size = sum(p.stat().st_size for p in folder.iterdir()) / args.count
        print(f"{args.count:,} transcripts written in {time.perf_counter() - began:.1f} s "
              f"(average {size:,.0f} bytes)")
        replay_all(folder)  # warm up: flow cache, imports, the machine
        loaded = [load_transcript(folder / name) for name in sorted(os.listdir(folder))]
        flow = load_flow(resolve(None))
        cores = available_cores()
        medians = interleaved_medians(
            {
                "baseline": lambda: read_and_parse(folder),
                "load": lambda: load_all(folder),
                "engine": lambda: reanswer_all(loaded, flow),
                "replay": lambda: replay_all(folder),
                "jobs": lambda: replay_all(folder, cores),
            },
            args.runs,
            args.count,
        )
    baseline, loading, engine, replay, parallel = medians.values()

    per = 1e6 / args.count
    print(f"medians of {args.runs} runs, {args.count:,} transcripts each:")
    print(f"  baseline (read + json.loads)   {baseline:7.3f} s   {baseline * per:7.1f} µs each")
    print(f"  load (+ validate)              {loading:7.3f} s   {loading * per:7.1f} µs each"
          f"   {loading / baseline:5.1f} × baseline")
    print(f"  engine (re-answering only)     {engine:7.3f} s   {engine * per:7.1f} µs each"
          f"   {engine / baseline:5.1f} × baseline")
    print(f"  replay (load + engine + diff)  {replay:7.3f} s   {replay * per:7.1f} µs each"
          f"   {replay / baseline:5.1f} × baseline")
    print(f"  replay on {cores} processes          {parallel:7.3f} s   "
          f"{parallel * per:7.1f} µs each   {parallel / baseline:5.1f} × baseline")
    for goal in (GOAL_NOW, GOAL):
        verdict = "met" if replay / baseline <= goal else "NOT met"
        print(f"goal: replay in one process ≤ {goal:g} × baseline — {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
