"""`advisor flows check` and `flows cover` on the default flow, against one `advisor run`.

    python benchmarks/bench_flows_check.py [--runs 3] [--flow ai_strategy]

Times whole processes, one of each per round (interleaved, so a busy machine slows all
alike), medians of RUNS rounds after a warm-up that fills the flow and price caches:

  run (baseline)   `advisor run` of the same flow on its first committed cover answers
                   file (tests/cover/<flow>), as a user's headless run
  flows check      `advisor flows check FLOW`: every answer path through the engine
  flows cover      `advisor flows cover FLOW`: the same paths, and the cover files

and prints each as a multiple of the run. Goal: flows check ≤ 60 × the run. The paths
are shared among the cores the process may use (advisor.flowcheck.spread): the core count and
the machine's load are printed with the figures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import PYTHON, median_ms, time_interleaved, user_env

ROOT = Path(__file__).resolve().parent.parent
GOAL = 60.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--flow", default="ai_strategy")
    args = parser.parse_args()
    first = sorted(p for p in (ROOT / "tests" / "cover" / args.flow).glob("*.json")
                   if not p.name.endswith(".report.json"))[0]
    with tempfile.TemporaryDirectory(prefix="bench-check-") as temp:
        folder = Path(temp)
        env = user_env(ADVISOR_CACHE_DIR=str(folder / "cache"))
        check = [PYTHON, "-m", "advisor", "flows", "check", args.flow]
        done = subprocess.run(check, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"flows check is not clean:\n{done.stdout[-2000:]}")
        print(done.stdout.strip().splitlines()[-1])
        times = time_interleaved(
            {
                "run (baseline)": (
                    [PYTHON, "-m", "advisor", "run", "--flow", args.flow, "--answers",
                     str(first)], env,
                ),
                "flows check": (check, env),
                "flows cover": (
                    [PYTHON, "-m", "advisor", "flows", "cover", args.flow, "--out",
                     str(folder / "cover")], env,
                ),
            },
            args.runs,
        )
    base = median_ms(times["run (baseline)"])
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"medians of {args.runs} interleaved rounds; {cores} cores; load average "
          f"{os.getloadavg()[0]:.2f} at the end")
    for label, values in times.items():
        ms = median_ms(values)
        print(f"  {label:<15} {ms / 1000:7.2f} s   {ms / base:6.1f} × run")
    ratio = median_ms(times["flows check"]) / base
    print(f"goal: flows check ≤ {GOAL:g} × run — {'met' if ratio <= GOAL else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
