"""`advisor replay`: saved transcripts against today's flow (and prices)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from advisor.cli.options import add_today, today_of
from advisor.report.build import FORMATS

if TYPE_CHECKING:
    from advisor.transcript.replay import ReplayResult


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "replay",
        help="re-run saved transcripts and say whether their advice changed",
        description="Re-run each saved transcript (a file, or every *.json in a folder) "
        "through today's flow and compare the outcome with the recorded one: approach, "
        "monthly costs (moves over 1 %), pitfalls, questions now unanswered. "
        "Exit codes: 0 every outcome unchanged; 1 some outcome changed; 2 some transcript "
        "unreadable (that wins over 1; the others are still replayed).",
    )
    parser.add_argument("paths", nargs="+", metavar="FILE|DIR", help="transcripts or folders")
    parser.add_argument(
        "--flow",
        metavar="ID|PATH",
        help="replay against this flow (default: the shipped flow each transcript names)",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="default: text")
    parser.add_argument("--output", metavar="FILE", help="write the results here (atomically)")
    parser.add_argument(
        "--jobs",
        type=_jobs,
        metavar="N",
        help="replay on N processes (default: one per core; 1 = in this process); the "
        "results come in the same order whatever N is",
    )
    add_today(parser)
    parser.set_defaults(handler=handle)


def _jobs(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of processes ≥ 1, found {text!r}"
        )
    return number


def handle(args: argparse.Namespace) -> int:
    from advisor.cli.output import emit_pieces, refuse_overwriting
    from advisor.cli.progress import Progress
    from advisor.facts import Context
    from advisor.transcript.replay import exit_code, replay_items, transcript_files
    from advisor.transcript.verdicts import pieces

    items = list(transcript_files(args.paths))
    if args.output is not None:
        refuse_overwriting("--output", args.output, [
            ("a transcript to replay", path) for path, _ in items])
    context = Context(today=today_of(args))
    from advisor.parallel import available_cores, for_a_long_batch

    jobs = args.jobs if args.jobs is not None else available_cores()
    for_a_long_batch()
    line = Progress.on_terminal(delay=1.0)
    counts: dict[str, int] = {}
    seen = 0

    def results() -> Iterator[ReplayResult]:
        """Each result as it comes: its error said at once, the progress line kept up."""
        nonlocal seen
        for result in replay_items(items, flow_spec=args.flow, context=context, jobs=jobs):
            seen += 1
            counts[result.status] = counts.get(result.status, 0) + 1
            if result.error is not None:
                if line is not None:
                    line.clear()
                print(f"advisor: {result.error}", file=sys.stderr)
            if line is not None and line.due():
                line.show(f"advisor: replaying: {seen:,} of {len(items):,} transcripts")
            yield result

    def with_summary() -> bool:
        return seen > 1 or any(os.path.isdir(p) for p in args.paths)

    try:
        emit_pieces(pieces(results(), args.format, with_summary), args.output,
                    before=line.clear if line is not None else None)
    finally:
        if line is not None:
            line.clear()
    return exit_code({"same": 0, "changed": 0, "unreadable": 0, "in_progress": 0, **counts})
