"""What does a costed `advisor run --format json` cost over its unavoidable imports?

Times whole processes, in the same run (medians, bytecode caches allowed as users have them):
- the baseline: `python -c "import pydantic, transitions, genai_prices"`;
- a run priced on a catalog model (gpt-4.1, distilled into a fine-tuned gpt-4.1-mini),
  with warm caches (flow, catalog and genai-prices price tables), goal ≤ 1.3;
- the same run with every cache off (TOML parsing, pydantic validation, genai-prices);
- a run priced on a model only genai-prices knows (claude-sonnet-4-5 at its batch tier,
  with a long fixed prompt cached), warm caches (the model index too), goal ≤ 1.3;
- a run on custom prices, which must never import genai-prices: the script checks that.

    python benchmarks/bench_costs.py [--runs 30]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import PYTHON, median_ms, report_ratio, time_interleaved, time_process, user_env

BEHAVIOUR = {
    "use_case": "Reply to support tickets in our voice",
    "need": ["style"],
    "prompts_work": "no",
    "examples": 800,
    "data_reviewed": True,
    "test_set": True,
    "requests_per_day": 10_000,
    "requirements_change": "rarely",
    "prompt_tokens": 500,
    "ft_prompt_tokens": 50,
    "output_tokens": 200,
}
CATALOG_MODEL = {**BEHAVIOUR, "model": "gpt-4.1", "ft_model": "gpt-4.1-mini"}
GENAI_MODEL = {
    **BEHAVIOUR,
    "model": "claude-sonnet-4-5",
    "batch": True,
    "prompt_tokens": 6_000,
    "fixed_prompt_tokens": 5_000,
}
CUSTOM = {
    **BEHAVIOUR,
    "model": "custom",
    "price_input_per_1k": 0.03,
    "price_output_per_1k": 0.06,
    "ft_price_input_per_1k": 0.03,
    "ft_price_output_per_1k": 0.06,
    "training_price_per_1m": 25,
}
TODAY = "2026-11-28"

IMPORTS = (
    "import contextlib, io, json, sys\n"
    "from advisor.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main(['run', '--answers', {answers!r}, '--today', {today!r}])\n"
    "print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))\n"
)


def imported(answers: Path, env: dict[str, str]) -> set[str]:
    code = IMPORTS.format(answers=str(answers), today=TODAY)
    out = subprocess.run([PYTHON, "-c", code], env=env, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        catalog_answers = Path(folder) / "catalog.json"
        catalog_answers.write_text(json.dumps(CATALOG_MODEL))
        custom_answers = Path(folder) / "custom.json"
        custom_answers.write_text(json.dumps(CUSTOM))
        genai_answers = Path(folder) / "genai.json"
        genai_answers.write_text(json.dumps(GENAI_MODEL))
        env = user_env(ADVISOR_CACHE_DIR=str(Path(folder) / "cache"))
        cold_env = user_env(ADVISOR_CACHE_DIR="")  # caching off: validate and look up every run

        def run(answers: Path) -> list[str]:
            return [PYTHON, "-m", "advisor", "run", "--answers", str(answers),
                    "--format", "json", "--today", TODAY]

        baseline = [PYTHON, "-c", "import pydantic, transitions, genai_prices"]
        timed = time_interleaved(
            {
                "base": (baseline, env),
                "warm": (run(catalog_answers), env),
                "custom": (run(custom_answers), env),
                "genai": (run(genai_answers), env),
            },
            args.runs,
        )
        base, warm, custom, genai = timed.values()
        cold = time_process(run(catalog_answers), max(5, args.runs // 3), cold_env)

        print(f"python: {sys.version.split()[0]} ({PYTHON})")
        report_ratio("advisor run, catalog model (warm caches)", warm, base, goal=1.3)
        report_ratio("advisor run, custom prices (warm caches)", custom, base, goal=1.3)
        report_ratio("advisor run, genai-prices model, batch + caching (warm)", genai, base,
                     goal=1.3)
        print(f"advisor run, catalog model, every cache off: {median_ms(cold):.1f} ms "
              f"(ratio {median_ms(cold) / median_ms(base):.2f})")

        custom_modules = imported(custom_answers, env)
        warm_modules = imported(catalog_answers, env)
        genai_modules = imported(genai_answers, env)
        cold_modules = imported(catalog_answers, cold_env)
        print("custom prices import genai_prices:", "genai_prices" in custom_modules)
        print("warm catalog run imports genai_prices / pydantic:",
              "genai_prices" in warm_modules, "/", "pydantic" in warm_modules)
        print("cold catalog run imports genai_prices:", "genai_prices" in cold_modules)
        print("warm genai-prices-model run imports genai_prices / pydantic:",
              "genai_prices" in genai_modules, "/", "pydantic" in genai_modules)
        if "genai_prices" in custom_modules:
            raise SystemExit("FAIL: a run on custom prices imported genai_prices")


if __name__ == "__main__":
    main()
