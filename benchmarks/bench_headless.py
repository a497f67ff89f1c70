"""How much does `advisor run --format json` cost over its unavoidable imports?

Times the whole process against `python -c "import pydantic, transitions"` in the same run
(medians; the flow cache is warm after the first run, as it is for a user). Goal: ≤ 1.3.
Also prints the cold run (empty flow cache: TOML parsing and pydantic validation).

    python benchmarks/bench_headless.py [--runs 30]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import PYTHON, median_ms, report_ratio, time_interleaved, time_process, user_env

ANSWERS = {
    "use_case": "Reply to support tickets in our voice",
    "need": ["style"],
    "prompts_work": "no",
    "examples": 800,
    "data_reviewed": True,
    "test_set": True,
    "requests_per_day": 20000,
    "requirements_change": "rarely",
    "model": "custom",
    "price_input_per_1k": 0.03,
    "price_output_per_1k": 0.06,
    "ft_price_input_per_1k": 0.03,
    "ft_price_output_per_1k": 0.06,
    "training_price_per_1m": 25,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.json"
        answers.write_text(json.dumps(ANSWERS))
        env = user_env(ADVISOR_CACHE_DIR=str(Path(folder) / "cache"))
        run = [PYTHON, "-m", "advisor", "run", "--answers", str(answers), "--format", "json"]

        cold_env = user_env(ADVISOR_CACHE_DIR="")  # caching off: every run validates
        cold = time_process(run, max(5, args.runs // 3), cold_env)
        timed = time_interleaved(
            {"base": ([PYTHON, "-c", "import pydantic, transitions"], env), "ours": (run, env)},
            args.runs,
        )
        base, ours = timed["base"], timed["ours"]
        print(f"python: {sys.version.split()[0]} ({PYTHON})")
        report_ratio("advisor run (warm flow cache)", ours, base, goal=1.3)
        print(f"advisor run with the flow cache off: {median_ms(cold):.1f} ms")


if __name__ == "__main__":
    main()
