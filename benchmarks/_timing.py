"""Shared helpers for benchmarks: time whole processes, take medians, print ratios."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence


def user_env(**extra: str) -> dict[str, str]:
    """The environment a user has: bytecode caches allowed (this sandbox disables them)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(extra)
    return env


def time_process(cmd: Sequence[str], runs: int, env: dict[str, str]) -> list[float]:
    """Wall-clock seconds of `runs` runs of a whole process, after one warm-up run."""
    return time_interleaved({"only": (cmd, env)}, runs)["only"]


def time_interleaved(
    commands: dict[str, tuple[Sequence[str], dict[str, str]]], runs: int
) -> dict[str, list[float]]:
    """Wall-clock seconds of `runs` runs of each whole process, after one warm-up run each:
    one run of each per round, so that a machine that slows down or speeds up during the
    benchmark (a shared VM does) slows all alike and the ratios stay fair."""
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    for cmd, env in commands.values():
        subprocess.run(cmd, env=env, check=True, **quiet)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, env) in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, env=env, check=True, **quiet)
            times[name].append(time.perf_counter() - start)
    return times


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def report_ratio(name: str, ours: list[float], base: list[float], goal: float) -> float:
    ratio = statistics.median(ours) / statistics.median(base)
    verdict = "meets" if ratio <= goal else "MISSES"
    print(
        f"{name}: {median_ms(ours):.1f} ms vs baseline {median_ms(base):.1f} ms "
        f"(medians of {len(ours)}) → ratio {ratio:.2f}, goal ≤ {goal} ({verdict})"
    )
    return ratio


PYTHON = sys.executable
