"""The answers file `advisor measure` writes: TOML with a comment over each answer saying
how it was measured (JSON when the output's name ends in .json), and a `_measured` table
that tells `advisor run` and the chat which answers are measured, from which logs.

`_measured.values` keeps each value as measured: an answer edited by hand afterwards no
longer matches it, and is then reported as given in the file, not as measured.
"""

from __future__ import annotations

import json
import textwrap
from datetime import date
from typing import Any

from advisor.answers_file import MEASURED_KEY
from advisor.measure.answers import Measured
from advisor.textsafe import visible

WIDTH = 88


def as_data(result: Measured, logs: list[str], on: date) -> dict[str, Any]:
    """The answers file as data: the answers, then the `_measured` table."""
    data: dict[str, Any] = {a.question: a.value for a in result.answers}
    data[MEASURED_KEY] = {
        "by": "advisor measure",
        "on": on.isoformat(),
        "logs": list(logs),
        "how": {a.question: a.how for a in result.answers},
        "values": {a.question: a.value for a in result.answers},
    }
    return data


def to_json(result: Measured, logs: list[str], on: date) -> str:
    return _safe(json.dumps(as_data(result, logs, on), indent=2, ensure_ascii=False)) + "\n"


def to_toml(result: Measured, logs: list[str], on: date, summary: str, name: str) -> str:
    out = _comment(
        f"Answers measured from usage logs by `advisor measure` on {on.isoformat()}. "
        f"Logs: {', '.join(logs)} — {summary}."
    )
    out += _comment(
        f"Use them: advisor chat --answers {name}, or advisor run --answers yours.toml "
        f"--answers {name} (yours.toml: the answers logs cannot hold)."
    )
    for question, why in result.not_measured:
        out += _comment(f"Not measured: {question} — {why}.")
    out += _comment(
        "Not in any log: what you need, whether prompts work, your examples and the rest: "
        "the chat asks them."
    )
    for answer in result.answers:
        out += ["", *_comment(answer.how[:1].upper() + answer.how[1:] + ".")]
        out.append(f"{answer.question} = {_value(answer.value)}")
    meta = as_data(result, logs, on)[MEASURED_KEY]
    out += ["", f"[{MEASURED_KEY}]"]
    out += [f"{key} = {_value(meta[key])}" for key in ("by", "on", "logs")]
    for table in ("how", "values"):
        out += ["", f"[{MEASURED_KEY}.{table}]"]
        out += [f"{key} = {_value(value)}" for key, value in meta[table].items()]
    return "\n".join(out) + "\n"


def _comment(text: str) -> list[str]:
    lines = textwrap.wrap(
        _safe(text).replace("\n", " "), WIDTH - 2, break_on_hyphens=False, break_long_words=False
    )
    return [f"# {line}" for line in lines]


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _safe(json.dumps(str(value), ensure_ascii=False))  # a TOML basic string


def _safe(text: str) -> str:
    """No character TOML refuses: control characters escaped (as in every output), and a
    file name's undecodable bytes (lone surrogates) shown as U+FFFD."""
    return visible(text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
