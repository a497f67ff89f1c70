"""Reading logs into a Tally: each line's format detected on its own (or forced with
--format), nothing but the counts kept, unreadable lines counted and the first few noted,
and a log with no usable line at all refused."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator

from advisor.errors import BadInput
from advisor.measure import csvlog, otel
from advisor.measure.bodies import Bodies
from advisor.measure.records import FORMAT_NAMES, Request, Skipped, Unreadable
from advisor.measure.source import CutShort, Log, open_log
from advisor.measure.tally import Tally

PROGRESS_EVERY = 4_096  # lines between two calls of the progress callback
_TOO_LONG = "a line longer than the limit (32 MB)"

Progress = Callable[[Log, int], None]


def read_logs(
    paths: list[str], fmt: str, tally: Tally, progress: Progress | None = None
) -> list[str]:
    """Count every log into `tally`; returns warnings (a log cut short). BadInput for a
    log that cannot be opened or holds no usable line."""
    warnings: list[str] = []
    bodies = Bodies(fmt if fmt in ("openai", "anthropic") else None)
    for path in paths:
        log = open_log(path)
        try:
            warning = _read_log(log, fmt, tally, bodies, progress)
        finally:
            log.close()
        if warning:
            warnings.append(warning)
    return warnings


class _Counts:
    """What one log gave: for refusing a log with nothing usable, with the first reason."""

    def __init__(self, tally: Tally, log: Log) -> None:
        self.tally = tally
        self.log = log
        self.lines = 0
        self.used = 0
        self.first_problem: str | None = None
        self.first_skip: str | None = None

    def bad(self, number: int, reason: str) -> None:
        self.tally.bad(self.log.name, number, reason)
        if self.first_problem is None:
            self.first_problem = f"line {number}: {reason}"

    def skip(self, reason: str) -> None:
        self.tally.skipped[reason] += 1
        if self.first_skip is None:
            self.first_skip = reason

    def add(self, request: Request) -> None:
        self.used += 1
        self.tally.add(request)


def _read_log(
    log: Log, fmt: str, tally: Tally, bodies: Bodies, progress: Progress | None
) -> str | None:
    counts = _Counts(tally, log)
    lines = log.lines()
    warning = None
    try:
        head = _head(lines)
        numbered = _numbered(itertools.chain(head, lines), counts, progress)
        first = head[-1] if head else None
        if fmt == "csv" or (fmt == "auto" and first is not None and csvlog.looks_like_csv(first)):
            _read_csv(log, numbered, counts)
        else:
            _read_json(numbered, fmt, bodies, counts)
    except CutShort as error:
        warning = f"{log.name}: {error}; read up to line {counts.lines:,}"
    if not counts.used:
        raise BadInput(_nothing_usable(log, counts, fmt))
    return warning


def _head(lines: Iterator[bytes | None]) -> list[bytes | None]:
    """The lines up to the first that is not blank (it tells CSV from JSON)."""
    head: list[bytes | None] = []
    for line in lines:
        head.append(line)
        if line is None or line.strip():
            break
    return head


def _numbered(
    lines: Iterator[bytes | None], counts: _Counts, progress: Progress | None
) -> Iterator[tuple[int, bytes | None]]:
    """(line number in this log, line), counting every line."""
    tally = counts.tally
    for number, line in enumerate(lines, 1):
        tally.lines += 1
        counts.lines = number
        if progress is not None and not number % PROGRESS_EVERY:
            progress(counts.log, tally.lines)
        yield number, line


def _read_json(
    numbered: Iterator[tuple[int, bytes | None]], fmt: str, bodies: Bodies, counts: _Counts
) -> None:
    loads, add, is_span = json.loads, counts.add, otel.is_span
    for number, line in numbered:
        if line is None:
            counts.bad(number, _TOO_LONG)
            continue
        try:
            record = loads(line)
            if not isinstance(record, dict):
                raise Unreadable("JSON, but not an object")
            if is_span(record):
                if fmt not in ("auto", "otel"):
                    raise Unreadable(f"an OpenTelemetry span (--format {fmt})")
                for request in otel.read(record):
                    add(request)
            elif fmt == "otel":
                raise Unreadable("not an OpenTelemetry span (--format otel)")
            else:
                add(bodies.read(record))
        except Unreadable as error:
            counts.bad(number, str(error))
        except Skipped as error:
            counts.skip(str(error))
        except json.JSONDecodeError as error:
            if not line.strip():
                continue  # a blank line
            counts.bad(number, f"not JSON ({error})")
        except UnicodeDecodeError:
            counts.bad(number, "not UTF-8 text")
        except RecursionError:
            counts.bad(number, "JSON nested too deeply")


def _read_csv(log: Log, numbered: Iterator[tuple[int, bytes | None]], counts: _Counts) -> None:
    for number, row in csvlog.rows(log.name, (line for _, line in numbered), counts.bad):
        if isinstance(row, Unreadable):
            counts.bad(number, str(row))
        else:
            counts.add(row)


def _nothing_usable(log: Log, counts: _Counts, fmt: str) -> str:
    lines = f"{counts.lines:,} line{'s' if counts.lines != 1 else ''}"
    if counts.first_problem is not None:
        formats = FORMAT_NAMES.get(fmt, "OpenAI, Anthropic, OpenTelemetry GenAI or CSV")
        return (
            f"{log.name}: no usable line: none of its {lines} is a request in a format "
            f"advisor reads ({formats}); {counts.first_problem}"
        )
    if counts.first_skip is not None:
        return (
            f"{log.name}: no usable line: its {lines} record no model call with token "
            f"usage (such as {counts.first_skip})"
        )
    if counts.lines:
        return f"{log.name}: no usable line: no request in its {lines}"
    return f"{log.name}: no usable line: the log is empty"
