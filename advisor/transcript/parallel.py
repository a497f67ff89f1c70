"""Replaying a batch of transcripts on several processes, results in the order given.

Each worker process keeps its own FlowShelf, so a flow is loaded (from the flow cache)
and its state machine built once per worker, not once per transcript. Work goes out in
chunks and comes back in order (`Executor.map`), so the output of `advisor replay --jobs
N` is the output of `--jobs 1`, line for line. Workers ignore Ctrl-C: the parent stops
them and reports the interruption once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from advisor.errors import BadInput
from advisor.facts import Context

if TYPE_CHECKING:
    from advisor.transcript.replay import FlowShelf, ReplayResult

# Below this many transcripts per worker, starting processes costs more than it saves.
MIN_PER_JOB = 50
CHUNK = 64

_shelf: FlowShelf | None = None
_context: Context | None = None


def available_cores() -> int:
    """The cores this process may run on (its affinity, where the system says)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not on Linux
        return max(os.cpu_count() or 1, 1)


def _start(flow_spec: str | None, context: Context) -> None:
    import signal

    from advisor.transcript.replay import FlowShelf

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _shelf, _context
    _shelf, _context = FlowShelf(flow_spec), context


def _work(item: tuple[str, BadInput | None]) -> ReplayResult:
    from advisor.transcript.replay import replay_one

    assert _shelf is not None and _context is not None
    return replay_one(item[0], item[1], _shelf, _context)


def replay_in_parallel(
    items: list[tuple[str, BadInput | None]],
    flow_spec: str | None,
    context: Context,
    jobs: int,
) -> Iterator[ReplayResult] | None:
    """The results of `items` from up to `jobs` processes, in order; None when the batch
    is too small to be worth it (the caller replays it in its own process)."""
    jobs = min(jobs, len(items) // MIN_PER_JOB)
    if jobs < 2:
        return None
    return _results(items, flow_spec, context, jobs)


def _results(
    items: list[tuple[str, BadInput | None]], flow_spec: str | None, context: Context,
    jobs: int,
) -> Iterator[ReplayResult]:
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, initializer=_start, initargs=(flow_spec, context))
    try:
        yield from pool.map(_work, items, chunksize=CHUNK)
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
