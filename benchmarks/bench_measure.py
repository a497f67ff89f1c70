"""`advisor measure` on a generated 1 GB log: throughput against `wc -l`, and memory that
does not grow with the log.

    python benchmarks/bench_measure.py [--size-mb 1024] [--folder DIR] [--runs 1] [--keep]

Writes a log of SIZE MB (realistic lines of every JSON format, mixed as a gateway logging
several providers would: OpenAI Chat Completions wrapped by a logger, Responses API bodies,
Anthropic Messages with a logger's timestamp, OpenTelemetry spans, and one broken line in a
thousand), plus a tenth-size log cut from the same generator. Then, in the same run:

  wc -l       `wc -l LOG`: reading the file and counting its lines, the floor for any reader
  measure     `advisor measure LOG --out …` as a user runs it

and prints lines a second for both and their ratio, and the peak RSS of `advisor measure`
on the small and the large log: constant memory means the two are about the same.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _timing import PYTHON, user_env  # noqa: E402

from tests.usage_logs import (  # noqa: E402
    BROKEN_JSON,
    FIXED,
    OUTPUT_MEDIAN,
    VARIABLE_MEDIAN,
    anthropic,
    draw,
    openai_chat,
    openai_responses,
    otel_flat,
)

MB = 1024 * 1024
MIX = ((openai_chat, 4), (openai_responses, 3), (anthropic, 2), (otel_flat, 1))


def generate(path: Path, size: int, seed: int = 2026) -> int:
    """A log of at least `size` bytes; returns its number of lines."""
    rng = random.Random(seed)
    writers = [w for w, n in MIX for _ in range(n)]
    lines = written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            batch = []
            for drawn in draw(rng, 1_000, "openai"):
                batch.append(rng.choice(writers)(drawn, rng))
                if rng.random() < 0.001:
                    batch.append(rng.choice(BROKEN_JSON))
            text = "\n".join(batch) + "\n"
            out.write(text)
            written += len(text.encode())
            lines += len(batch)
    return lines


def run(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=user_env())
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss * 1024  # ru_maxrss is in KB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=1, help="runs of each command (medians)")
    parser.add_argument("--keep", action="store_true", help="keep the generated logs")
    options = parser.parse_args()
    folder = options.folder or Path(tempfile.mkdtemp(prefix="bench-measure-"))
    folder.mkdir(parents=True, exist_ok=True)
    big, small = folder / "usage.jsonl", folder / "usage-small.jsonl"
    try:
        start = time.perf_counter()
        lines = generate(big, options.size_mb * MB)
        small_lines = generate(small, options.size_mb * MB // 10)
        print(f"generated {big.stat().st_size / MB:,.0f} MB, {lines:,} lines "
              f"(+ {small.stat().st_size / MB:,.0f} MB, {small_lines:,} lines) "
              f"in {time.perf_counter() - start:.0f} s")
        out = folder / "measured.toml"
        measure = [PYTHON, "-m", "advisor", "measure", "--out", str(out)]
        wc, ours, rss = [], [], []
        run(["wc", "-l", str(big)])  # warm the page cache for both
        for _ in range(options.runs):
            wc.append(run(["wc", "-l", str(big)])[0])
            seconds, peak = run([*measure, str(big)])
            ours.append(seconds)
            rss.append(peak)
        answers = tomllib.loads(out.read_text(encoding="utf-8"))
        _, small_rss = run([*measure, str(small)])
        base_rate = lines / statistics.median(wc)
        our_rate = lines / statistics.median(ours)
        print(f"wc -l:   {statistics.median(wc):7.2f} s  {base_rate:12,.0f} lines/s")
        print(f"measure: {statistics.median(ours):7.2f} s  {our_rate:12,.0f} lines/s  "
              f"({statistics.median(ours) / statistics.median(wc):.0f} × the time of wc -l; "
              f"{big.stat().st_size / MB / statistics.median(ours):.0f} MB/s)")
        print(f"peak RSS: {max(rss) / MB:.0f} MB on {big.stat().st_size / MB:,.0f} MB, "
              f"{small_rss / MB:.0f} MB on {small.stat().st_size / MB:,.0f} MB "
              f"(ratio {max(rss) / small_rss:.2f}: constant memory is about 1)")
        print(f"measured: prompt_tokens {answers['prompt_tokens']:,} (drawn around "
              f"{FIXED + VARIABLE_MEDIAN:,}), output_tokens {answers['output_tokens']:,} "
              f"(around {OUTPUT_MEDIAN}), fixed_prompt_tokens "
              f"{answers.get('fixed_prompt_tokens')} ({FIXED:,}), requests_per_day "
              f"{answers['requests_per_day']:,}")
    finally:
        if not options.keep:
            for path in (big, small, folder / "measured.toml"):
                path.unlink(missing_ok=True)
            if options.folder is None:
                folder.rmdir()


if __name__ == "__main__":
    main()
