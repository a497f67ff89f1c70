"""Replay results as JSON, Markdown or plain text. Pure functions of the results.

Unreadable transcripts are listed in JSON (with their error); in text and Markdown their
messages go to stderr (the CLI prints them) and they count in the summary line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

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
    """The results in `fmt`; no control character from the data (file names, flow texts)
    gets through (advisor.textsafe)."""
    if fmt == "json":
        return visible(to_json(results, counts))
    if fmt == "markdown":
        return visible(to_markdown(results, counts, with_summary))
    return visible(to_text(results, counts, with_summary))


def to_json(results: Sequence[ReplayResult], counts: dict[str, int]) -> str:
    data = {"transcripts": [r.as_dict() for r in results], "summary": counts}
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _headline(result: ReplayResult) -> str:
    if result.status == "same" and result.now is not None:
        return f"same ({result.now['approach']})"
    return result.status.replace("_", " ")


def to_text(
    results: Sequence[ReplayResult], counts: dict[str, int], with_summary: bool
) -> str:
    out = []
    for result in results:
        if result.status == "unreadable":
            continue
        out.append(f"{result.name}: {_headline(result)}")
        out += [f"  - {change.text}" for change in result.changes]
        out += [f"  note: {note}" for note in result.notes]
    if with_summary:
        out.append(summary_line(counts))
    return "\n".join(out) + "\n" if out else ""


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def to_markdown(
    results: Sequence[ReplayResult], counts: dict[str, int], with_summary: bool
) -> str:
    out = ["# Replay", ""]
    for result in results:
        if result.status == "unreadable":
            continue
        out += [f"## {_md(result.name)}: {_md(_headline(result))}", ""]
        out += [f"- {_md(change.text)}" for change in result.changes]
        out += [f"- _note:_ {_md(note)}" for note in result.notes]
        if result.changes or result.notes:
            out.append("")
    if with_summary:
        out += [f"**{_md(summary_line(counts))}**", ""]
    return "\n".join(out)
