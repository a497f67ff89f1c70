"""`advisor run`: answers file in, report out."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from advisor.cli.options import add_today, today_of
from advisor.errors import BadInput
from advisor.report.build import FORMATS


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "run",
        help="headless: read an answers file, print the recommendation",
        description="Run a flow on a file of answers and print the report. "
        "Exit codes: 0 ok, 2 bad input, 3 incomplete answers.",
    )
    parser.add_argument(
        "--answers", required=True, action="append", metavar="FILE",
        help="answers as JSON or TOML; - for stdin; given more than once, the files are "
        "merged in order, a later one overriding an earlier one",
    )
    parser.add_argument("--flow", metavar="ID|PATH", help="a shipped flow id or a flow file")
    parser.add_argument("--format", choices=FORMATS, default="json", help="default: json")
    parser.add_argument("--output", metavar="FILE", help="write the report here (atomically)")
    parser.add_argument(
        "--save-transcript",
        metavar="FILE",
        help="also save the conversation as a transcript, for `advisor replay` later",
    )
    add_today(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from advisor.cli.output import emit, refuse_overwriting
    from advisor.engine.drive import run_answers
    from advisor.engine.flows import load_flow
    from advisor.facts import Context
    from advisor.flow.library import resolve
    from advisor.given import read_given
    from advisor.report import build_report, render

    flow = load_flow(resolve(args.flow))
    inputs = [("the answers file (--answers)", path) for path in args.answers]
    refuse_overwriting("--output", args.output, inputs)
    refuse_overwriting("--save-transcript", args.save_transcript, inputs)
    if args.save_transcript and args.output not in (None, "-") and (
        os.path.realpath(args.save_transcript) == os.path.realpath(args.output)
    ):
        raise BadInput(f"--save-transcript {args.save_transcript}: that is where --output "
                       "writes the report; give the transcript another path")
    given = read_given(args.answers)
    session = run_answers(
        flow, given.raw, source=given.source, context=Context(today=today_of(args)),
        origins=given.origins,
    )
    report = build_report(session, given.raw)
    for note in given.notes:  # after the checks: a mistake is one line, alone
        print(f"advisor: note: {note}", file=sys.stderr)
    unused: dict[str, list[str]] = {}
    for key in report["unused_answers"]:
        unused.setdefault(given.origins[key].file, []).append(key)
    for name, keys in unused.items():
        print(f"advisor: note: {name}: not used on this path: " + ", ".join(keys), file=sys.stderr)
    if args.save_transcript:
        # Only here: a run without a transcript never imports pydantic.
        from advisor.transcript.record import transcript_of
        from advisor.transcript.store import save_transcript

        save_transcript(args.save_transcript, transcript_of(session, report=report))
    emit(render(report, args.format, flow), args.output)
    return 0
