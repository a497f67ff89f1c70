"""Reliability at scale: 10,000 random valid answer sequences per shipped flow, each driven
through the engine to an outcome and a report, with the reliability suite's checks (an
outcome is reached, no exception, the report is valid JSON without NaN, and costs — once
the report has them — are finite and non-negative).

Each random answer is drawn within the question's domain and brought within the bounds the
flow puts on it (`max_from`: `fixed_prompt_tokens` is at most `prompt_tokens`), as
`advisor flows check` draws its random paths (advisor.flowcheck.domains.within_bounds): a value
the flow refuses is not a sequence a user could answer.

Prints, per flow: the sequences run, failures, the median time of several runs, sequences
per second, and the ratio of a random sequence's time to the baseline measured in the same
run, round by round (baseline, then the sequences, interleaved): replaying the flow's
committed cover answer files (tests/cover/<flow>) headless. Exits 0 when no sequence
failed, 1 otherwise.

    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python benchmarks/bench_reliability.py \
        [--sequences N] [--runs R]

(Users have .pyc files; time with bytecode writing on.) The hypothesis form of the same
properties runs with ADVISOR_RELIABILITY_EXAMPLES=10000 pytest tests/test_reliability.py.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from advisor.engine.drive import run_answers
from advisor.engine.flows import load_flow
from advisor.engine.session import Session
from advisor.facts import Context
from advisor.flow.library import shipped
from advisor.flow.model import Flow
from advisor.flowcheck.domains import (
    compares_by_fact,
    number_points,
    random_value,
    route_conditions,
    within_bounds,
)
from advisor.report import build_report

ROOT = Path(__file__).resolve().parent.parent
CONTEXT = Context(today=date(2026, 11, 28))
CLOCK = datetime(2026, 11, 28, 12, tzinfo=UTC)


def _numbers(value: Any) -> list[float]:
    if isinstance(value, dict):
        return [n for item in value.values() for n in _numbers(item)]
    if isinstance(value, list):
        return [n for item in value for n in _numbers(item)]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [value]
    return []


def check(report: dict[str, Any]) -> None:
    json.dumps(report, allow_nan=False)
    costs = report.get("costs")
    if costs is not None:
        assert all(math.isfinite(n) for n in _numbers(costs)), "a cost is not finite"
        assert all(n >= 0 for n in _numbers(costs.get("approaches", {}))), "a negative cost"


def random_sequences(flow: Flow, count: int, seed: int) -> tuple[int, list[str]]:
    """Run `count` random sequences; the number finished and the failures' descriptions."""
    rng = random.Random(seed)
    by_fact = compares_by_fact([*route_conditions(flow), *(p.when for p in flow.pitfalls)])
    points = {q.id: number_points(q, by_fact.get(q.id, [])) for q in flow.questions.values()}
    finished, failures = 0, []
    for number in range(count):
        try:
            session = Session(flow, CONTEXT, clock=lambda: CLOCK)
            for _ in range(4 * len(flow.questions) + 4):
                question = session.current
                if question is None:
                    break
                default = session.default_for(question)
                if default is not None and rng.random() < 0.1:
                    session.answer(default, defaulted=True)
                else:
                    value = random_value(question, rng, points.get(question.id, []))
                    session.answer(within_bounds(question, session, [value])[0])
            if not session.finished:
                raise AssertionError(f"no outcome after {len(session.steps)} answers")
            check(build_report(session, dict(session.answers)))
            finished += 1
        except Exception as error:  # counted and shown, never hidden
            failures.append(f"sequence {number} (seed {seed}): {type(error).__name__}: {error}")
    return finished, failures


def cover_replay(flow: Flow, answer_sets: list[dict[str, Any]]) -> None:
    for answers in answer_sets:
        session = run_answers(flow, answers, context=CONTEXT, clock=lambda: CLOCK)
        check(build_report(session, answers))


def _interleaved_medians(actions: dict[str, Any], runs: int) -> dict[str, float]:
    """Each action once per round, round after round, so that a machine busy with other
    work slows all of them alike; the median seconds of each."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sequences", type=int, default=10_000, help="per flow and run")
    parser.add_argument("--runs", type=int, default=3, help="runs per flow (median reported)")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {args.sequences:,} random sequences per flow, "
          f"median of {args.runs} runs; baseline: replaying the cover answer files")
    print(f"{'flow':<13} {'sequences':>10} {'failed':>7} {'median s':>9} {'seq/s':>9} "
          f"{'µs/seq':>8} {'baseline µs':>12} {'ratio':>6}")
    failed_any = False
    for flow_id, path in shipped().items():
        flow = load_flow(path)
        cover = sorted((ROOT / "tests" / "cover" / flow_id).glob("*.json"))
        answer_sets = [json.loads(p.read_text(encoding="utf-8")) for p in cover
                       if not p.name.endswith(".report.json")]
        if not answer_sets:
            print(f"{flow_id}: no cover files in tests/cover/{flow_id}; run flows cover first")
            return 2
        repeat = max(1, 2_000 // len(answer_sets))
        results: list[tuple[int, list[str]]] = []
        medians = _interleaved_medians(
            {
                "baseline": lambda f=flow, a=answer_sets, r=repeat: [
                    cover_replay(f, a) for _ in range(r)
                ],
                "sequences": lambda f=flow, out=results: out.append(
                    random_sequences(f, args.sequences, len(out))
                ),
            },
            args.runs,
        )
        baseline = medians["baseline"] / (repeat * len(answer_sets))
        seconds = medians["sequences"]
        finished = sum(r[0] for r in results)
        failures = [failure for r in results for failure in r[1]]
        total = args.sequences * args.runs
        per_sequence = seconds / args.sequences
        print(f"{flow_id:<13} {total:>10,} {len(failures):>7} {seconds:>9.2f} "
              f"{args.sequences / seconds:>9,.0f} {per_sequence * 1e6:>8.0f} "
              f"{baseline * 1e6:>12.0f} {per_sequence / baseline:>6.2f}")
        for failure in failures[:5]:
            print(f"    {failure}")
        failed_any = failed_any or bool(failures) or finished != total
    return 1 if failed_any else 0


if __name__ == "__main__":
    raise SystemExit(main())
