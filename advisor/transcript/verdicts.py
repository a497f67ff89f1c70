"""Replay results as JSON, Markdown or plain text. Pure functions of the results.

Unreadable transcripts are listed in JSON (with their error); in text and Markdown their
messages go to stderr (the CLI prints them) and they count in the summary line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from advisor.textsafe import visible
from advisor.transcript.replay import ReplayResult

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#])")


def summary_line(counts: dict[str, int]) -> str:
    line = (
        f"{counts['same']} same · {counts['changed']} changed · "
        f"{counts['unreadable']} unreadable"
    )
    if counts["in_progress"]:
        line += f" · {counts['in_progress']} in progress"
    return line


def render(
    results: Sequence[ReplayResult], counts: dict[str, int], fmt: str, with_summary: bool
) -> str:
    """The results in `fmt` as one text (see `pieces`)."""
    return "".join(pieces(results, fmt, lambda: with_summary, dict(counts)))


def pieces(
    results: Iterable[ReplayResult],
    fmt: str,
    with_summary: Callable[[], bool],
    counts: dict[str, int] | None = None,
) -> Iterator[str]:
    """The results in `fmt`, a piece as soon as each result comes: the same text, joined,
    whether one or ten thousand results and however they arrive; nothing is kept of a
    result once its piece is out. `counts` is counted here unless given (filled in);
    `with_summary()` is asked at the end. No control character from the data (file names,
    flow texts) gets through (advisor.textsafe)."""
    tally = counts if counts is not None else {}
    for status in ("same", "changed", "unreadable", "in_progress"):
        tally.setdefault(status, 0)
    counted = counts is None

    def each() -> Iterator[ReplayResult]:
        for result in results:
            if counted:
                tally[result.status] += 1
            yield result

    make = {"json": _json, "markdown": _markdown}.get(fmt, _text)
    for piece in make(each(), tally, with_summary):
        yield visible(piece)


def _json(
    results: Iterable[ReplayResult], counts: dict[str, int], with_summary: Callable[[], bool]
) -> Iterator[str]:
    """json.dumps({"transcripts": [...], "summary": counts}, indent=2), item by item."""
    yield '{\n  "transcripts": ['
    opened = False
    for result in results:
        item = json.dumps(result.as_dict(), indent=2, ensure_ascii=False, allow_nan=False)
        yield (",\n" if opened else "\n") + _indented(item, "    ")
        opened = True
    tally = json.dumps(counts, indent=2, ensure_ascii=False, allow_nan=False)
    yield ("\n  ]" if opened else "]") + ',\n  "summary": ' + _indented(tally, "  ")[2:] + "\n}\n"


def _indented(text: str, margin: str) -> str:
    """Every line of a JSON text one level deeper (its strings hold no newline)."""
    return margin + text.replace("\n", "\n" + margin)


def to_json(results: Sequence[ReplayResult], counts: dict[str, int]) -> str:
    data = {"transcripts": [r.as_dict() for r in results], "summary": counts}
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _headline(result: ReplayResult) -> str:
    if result.status == "same" and result.now is not None:
        return f"same ({result.now['approach']})"
    return result.status.replace("_", " ")


def _text(
    results: Iterable[ReplayResult], counts: dict[str, int], with_summary: Callable[[], bool]
) -> Iterator[str]:
    for result in results:
        if result.status == "unreadable":
            continue
        out = [f"{result.name}: {_headline(result)}"]
        out += [f"  - {change.text}" for change in result.changes]
        out += [f"  note: {note}" for note in result.notes]
        yield "".join(line + "\n" for line in out)
    if with_summary():
        yield summary_line(counts) + "\n"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def _markdown(
    results: Iterable[ReplayResult], counts: dict[str, int], with_summary: Callable[[], bool]
) -> Iterator[str]:
    """Lines joined by newlines, as "\\n".join(lines) joins them: each line but the first
    goes out with the newline before it."""
    yield "# Replay\n"
    for result in results:
        if result.status == "unreadable":
            continue
        out = [f"## {_md(result.name)}: {_md(_headline(result))}", ""]
        out += [f"- {_md(change.text)}" for change in result.changes]
        out += [f"- _note:_ {_md(note)}" for note in result.notes]
        if result.changes or result.notes:
            out.append("")
        yield "".join("\n" + line for line in out)
    if with_summary():
        yield f"\n**{_md(summary_line(counts))}**\n"
