"""`advisor flows check` and `advisor flows cover` on flows of 10,000 questions.

    python benchmarks/bench_long_flows.py [--questions 10000] [--runs 3]

Two flows (tests/longflows.py): a chain of QUESTIONS questions, and a first question
fanning out into 100 chains (QUESTIONS / 100 questions each). For each, times the whole
command (medians of RUNS runs, after a warm-up that fills the flow cache, as a user's
second run would) against `advisor run` answering every question of the same flow in
the same run (one run of each per round, interleaved, so that a busy machine slows all
alike), checks that the results are right (clean; everything covered), and compares with
the goal: each command within 10 s.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _timing import PYTHON, median_ms, time_interleaved, user_env

from tests.longflows import chain_flow, wide_flow

GOAL_SECONDS = 10.0


def _advisor(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "-m", "advisor", *args], env=env, capture_output=True,
                          text=True, check=False)


def bench(name: str, text: str, expect_check: str, runs: int, folder: Path,
          env: dict[str, str]) -> bool:
    flow = folder / f"{name}.toml"
    flow.write_text(text, encoding="utf-8")
    out = folder / f"cover-{name}"
    check = _advisor("flows", "check", str(flow), env=env)
    cover = _advisor("flows", "cover", str(flow), "--out", str(out), env=env)
    right = (check.returncode == 0 and check.stdout.strip().endswith(expect_check)
             and cover.returncode == 0 and not cover.stderr)
    first = sorted(out.glob("*.json"))[0]
    answers = json.loads(first.read_text(encoding="utf-8"))
    times = time_interleaved(
        {
            "run (baseline)": (
                [PYTHON, "-m", "advisor", "run", "--flow", str(flow), "--answers", str(first)],
                env,
            ),
            "flows check": ([PYTHON, "-m", "advisor", "flows", "check", str(flow)], env),
            "flows cover": (
                [PYTHON, "-m", "advisor", "flows", "cover", str(flow), "--out", str(out)], env
            ),
        },
        runs,
    )
    size = flow.stat().st_size
    print(f"{name}: {text.count('[[questions]]'):,} questions, {size / 1e6:.2f} MB; "
          f"a run answers {len(answers):,} of them; results "
          f"{'right' if right else 'WRONG'}: {check.stdout.strip().splitlines()[-1]}")
    base = median_ms(times["run (baseline)"])
    ok = right
    for label, values in times.items():
        ms = median_ms(values)
        within = ms / 1000 <= GOAL_SECONDS
        ok = ok and within
        goal = "" if label.startswith("run") else (
            f"  goal ≤ {GOAL_SECONDS:g} s: {'met' if within else 'NOT met'}")
        print(f"  {label:<15} {ms / 1000:6.2f} s   {ms / base:5.1f} × run{goal}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-long-") as temp:
        folder = Path(temp)
        env = user_env(ADVISOR_CACHE_DIR=str(folder / "cache"))
        depth = args.questions // 100
        results = [
            bench("chain", chain_flow(args.questions),
                  "clean — 6 answer paths checked, every one ends in an outcome",
                  args.runs, folder, env),
            bench("wide", wide_flow(100, depth),
                  "clean — 100 answer paths checked, every one ends in an outcome",
                  args.runs, folder, env),
        ]
    return 0 if all(results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
