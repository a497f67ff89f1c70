"""`advisor measure`: usage logs in, an answers file out (advisor.measure does the work).

Progress is shown only when standard error is a terminal, on one line rewritten in place;
the summary after it is ordinary lines. Nothing from a log's prompts or answers is ever
printed: the summary names files, line numbers, fields and counts.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from advisor.cli.options import _day
from advisor.cli.progress import Progress
from advisor.errors import BadInput
from advisor.measure.records import FORMATS


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "measure",
        help="measure answers (volume, tokens, caching, model) from usage logs",
        description="Read request logs (OpenAI Chat Completions, Responses or Batch output; "
        "Anthropic Messages; OpenTelemetry GenAI spans as JSON lines; CSV) and write the "
        "answers they hold, each with how it was measured, for `advisor run --answers` or "
        "`advisor chat --answers`. Exit codes: 0 ok, 2 bad input or no usable line.",
    )
    parser.add_argument(
        "logs", nargs="+", metavar="LOG", help="a log file (.gz read directly); - for stdin"
    )
    parser.add_argument(
        "--out", metavar="FILE",
        help="write the answers here, atomically (JSON if it ends in .json, else TOML); "
        "default: standard output, as TOML",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="auto",
        help="read every line as this format (default: detected line by line)",
    )
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="first day counted (UTC)")
    parser.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="last day counted (UTC)")
    parser.add_argument(
        "--model", metavar="ID", help="answer this model instead of the one the logs name most"
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from advisor.cli.output import emit
    from advisor.facts import default_today
    from advisor.measure import write
    from advisor.measure.answers import measured
    from advisor.measure.model_ids import given_id
    from advisor.measure.read import read_logs
    from advisor.measure.tally import Tally
    from advisor.measure.times import DAY, day_start

    if args.since and args.until and args.since > args.until:
        raise BadInput(f"--since {args.since} is after --until {args.until}")
    if args.logs.count("-") > 1:
        raise BadInput("standard input (-) can be read only once")
    if args.model is not None:
        given_id(args.model)  # a typo is said before an hour of reading, not after
    _not_a_log(args.out, args.logs)
    tally = Tally(
        since=day_start(args.since) if args.since else None,
        until=day_start(args.until) + DAY if args.until else None,
    )
    line = Progress.on_terminal()
    try:
        warnings = read_logs(args.logs, args.format, tally, line and _Measuring(line))
    finally:
        if line is not None:
            line.clear()
    if not tally.requests:
        span = f"from {args.since or 'the start'} to {args.until or 'the end'}"
        raise BadInput(f"no request in the logs is {span} ({tally.outside:,} outside)")
    result = measured(tally, args.model)
    summary = _summary(tally, len(args.logs))
    on = default_today()
    out = args.out if args.out not in (None, "-") else None
    logs = ["standard input" if log == "-" else log for log in args.logs]
    if out is not None and out.lower().endswith(".json"):
        text = write.to_json(result, logs, on)
    else:
        text = write.to_toml(result, logs, on, summary, out or "measured.toml")
    _report(tally, summary, warnings, result, out)
    emit(text, out)
    return 0


def _not_a_log(out: str | None, logs: list[str]) -> None:
    """--out must not name a log: the answers would replace it."""
    if out in (None, "-"):
        return
    for log in logs:
        try:
            same = log != "-" and os.path.samefile(out, log)
        except OSError:
            continue
        if same:
            raise BadInput(f"--out {out} is one of the logs; the answers would replace it")


def _summary(tally: Any, logs: int) -> str:
    parts = [f"{tally.lines:,} lines: {tally.requests:,} requests"]
    if tally.unreadable:
        parts.append(f"{tally.unreadable:,} unreadable")
    skipped = sum(tally.skipped.values())
    if skipped:
        parts.append(f"{skipped:,} skipped")
    if tally.outside:
        parts.append(f"{tally.outside:,} outside --since/--until")
    return f"{logs} log{'s' if logs != 1 else ''}, " + ", ".join(parts)


def _report(tally: Any, summary: str, warnings: list[str], result: Any, out: str | None) -> None:
    """What happened, on standard error: counts, the first unreadable lines, what was
    measured and what was not."""
    say = lambda text: print(f"advisor: {text}", file=sys.stderr)  # noqa: E731
    say(f"read {summary}")
    for warning in warnings:
        say(f"warning: {warning}")
    if tally.unreadable:
        shown = "; ".join(f"{p.log} line {p.line:,}: {p.reason}" for p in tally.examples)
        more = tally.unreadable - len(tally.examples)
        say(f"unreadable lines, skipped: {shown}" + (f"; and {more:,} more" if more else ""))
    if tally.skipped:
        say("skipped, no model call to count: " + "; ".join(
            f"{count:,} × {reason}" for reason, count in tally.skipped.most_common()
        ))
    done = ", ".join(a.question for a in result.answers)
    missing = ", ".join(q for q, _ in result.not_measured)
    where = f" into {out}" if out else ""
    say(f"measured{where}: {done}" + (f"; not measured: {missing} (the comments say why)"
                                      if missing else ""))


class _Measuring:
    """The progress line of a measure: lines read, the log being read and how far."""

    def __init__(self, line: Progress) -> None:
        self.line = line

    def __call__(self, log: Any, lines: int) -> None:
        if not self.line.due():
            return
        done = log.done()
        share = f" ({done:.0%} of it)" if done is not None else ""
        self.line.show(f"advisor: measuring: {lines:,} lines read, now {log.name}{share}")
