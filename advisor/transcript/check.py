"""The transcript format checked in plain Python: what the chat writes after every answer
and reads to offer a resume, so the chat never loads pydantic.

advisor.transcript.format describes the format with pydantic, and `advisor replay`,
`advisor sessions` and resuming read through it (its messages name every field). Loading
it costs the chat more memory than the rest of the chat does (about 20 MB, against
a Textual app's 32), only to check data the chat built itself. This module checks the
same rules — a test drives both with the same valid and broken transcripts and wants the
same verdict — and writes the same JSON (`to_json_text`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from advisor.textsafe import describe_char, first_unsafe

FORMAT_VERSION = 1
MAX_TRANSCRIPT_BYTES = 10 * 1024 * 1024
STATUSES = ("in_progress", "complete")
MAX_ID = 200
MAX_DRAFT = 100_000  # characters of text typed but not confirmed
_HASH = re.compile(r"^[0-9a-f]{64}$")

_TOP = {"format_version", "flow", "status", "started_at", "saved_at", "today", "steps",
        "earlier_answers", "outcome", "draft"}
_TOP_REQUIRED = ("format_version", "flow", "status", "started_at", "saved_at", "today",
                 "steps")
_FLOW = ("id", "version", "content_hash")
_STEP = {"question_id", "value", "at", "defaulted", "reaction"}
_OUTCOME = {"outcome", "approach", "components", "pitfalls", "monthly_usd"}
_DRAFT = ("question_id", "text")


class FormatError(ValueError):
    """What is wrong, as 'field: problem'."""


def check_data(data: Any) -> None:
    """Raise FormatError unless `data` (plain JSON data, or with datetimes and dates in
    place of their text) is a transcript the pydantic format accepts."""
    if not isinstance(data, dict):
        raise FormatError("expected a JSON object (an advisor transcript)")
    _keys(data, _TOP, _TOP_REQUIRED, "")
    version = data["format_version"]
    if not _is_int(version) or version != FORMAT_VERSION:
        raise FormatError(f"format_version: expected {FORMAT_VERSION}")
    flow = data["flow"]
    _keys(flow, set(_FLOW), _FLOW, "flow")
    _id(flow["id"], "flow.id")
    _text(flow["version"], "flow.version", MAX_ID)
    if not isinstance(flow["content_hash"], str) or not _HASH.match(flow["content_hash"]):
        raise FormatError("flow.content_hash: expected 64 hexadecimal digits")
    if data["status"] not in STATUSES:
        raise FormatError("status: expected 'in_progress' or 'complete'")
    _time(data["started_at"], "started_at")
    _time(data["saved_at"], "saved_at")
    _day(data["today"], "today")
    steps = data["steps"]
    if not isinstance(steps, list):
        raise FormatError("steps: expected a list")
    seen: set[str] = set()
    for index, step in enumerate(steps):
        where = f"steps[{index}]"
        _keys(step, _STEP, ("question_id", "value", "at"), where)
        _id(step["question_id"], f"{where}.question_id")
        _value(step["value"], f"{where}.value")
        _time(step["at"], f"{where}.at")
        if not isinstance(step.get("defaulted", False), bool):
            raise FormatError(f"{where}.defaulted: expected true or false")
        if step.get("reaction") is not None:
            _text(step["reaction"], f"{where}.reaction", MAX_DRAFT)
        if step["question_id"] in seen:
            raise FormatError(f"{where}.question_id: '{step['question_id']}' is answered twice")
        seen.add(step["question_id"])
    earlier = data.get("earlier_answers", {})
    if not isinstance(earlier, dict):
        raise FormatError("earlier_answers: expected an object")
    for question_id, value in earlier.items():
        _id(question_id, "earlier_answers")
        _value(value, f"earlier_answers.{question_id}")
    outcome = data.get("outcome")
    if outcome is not None:
        _outcome(outcome)
    if data["status"] == "complete" and outcome is None:
        raise FormatError("outcome: missing, but the status is complete")
    if data["status"] == "in_progress" and outcome is not None:
        raise FormatError("outcome: expected null while the status is in_progress")
    draft = data.get("draft")
    if draft is not None:
        _keys(draft, set(_DRAFT), _DRAFT, "draft")
        _id(draft["question_id"], "draft.question_id")
        _text(draft["text"], "draft.text", MAX_DRAFT)


def to_json_text(data: Mapping[str, Any]) -> str:
    """The transcript's file text, as advisor.transcript.format.to_json writes it."""
    return json.dumps(_plain(data), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _plain(value: Any) -> Any:
    """Times as pydantic writes them (UTC as Z), dates as ISO text; no empty new fields."""
    if isinstance(value, datetime):
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {
            k: _plain(v) for k, v in value.items()
            if not (k in ("reaction", "draft") and v is None)
        }
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _keys(value: Any, allowed: set[str], required: tuple[str, ...], where: str) -> None:
    prefix = f"{where}: " if where else ""
    if not isinstance(value, dict):
        raise FormatError(f"{prefix}expected an object")
    for key in value:
        if key not in allowed:
            raise FormatError(f"{prefix}unknown key '{key}'")
    for key in required:
        if key not in value:
            raise FormatError(f"{prefix}missing key '{key}'")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any, where: str, limit: int) -> None:
    if not isinstance(value, str):
        raise FormatError(f"{where}: expected text")
    if len(value) > limit:
        raise FormatError(f"{where}: expected at most {limit:,} characters")
    _printable(value, where)


def _printable(text: str, where: str) -> None:
    """No character that steers a terminal, in any text (as in answers)."""
    unsafe = first_unsafe(text)
    if unsafe is not None:
        position, char = unsafe
        raise FormatError(f"{where}: expected printable text, found {describe_char(char)} at "
                          f"position {position + 1}")


def _id(value: Any, where: str) -> None:
    _text(value, where, MAX_ID)
    if not value:
        raise FormatError(f"{where}: expected at least 1 character")


def _value(value: Any, where: str) -> None:
    if isinstance(value, str):
        _printable(value, where)
        return
    if isinstance(value, bool | int):
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FormatError(f"{where}: expected a finite number")
        return
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        for index, item in enumerate(value):
            _printable(item, f"{where}[{index}]")
        return
    raise FormatError(f"{where}: expected text, a number, true/false or a list of texts")


def _unix_time(text: str) -> float | None:
    """A number written as text, which pydantic reads as Unix time (seconds)."""
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _time(value: Any, where: str) -> None:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and _unix_time(value) is not None:
        return  # a Unix time, in UTC
    elif isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise FormatError(f"{where}: expected a date and time with a time zone") from None
    else:
        raise FormatError(f"{where}: expected an ISO 8601 date or time as text")
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise FormatError(f"{where}: expected a date and time with a time zone")


def _day(value: Any, where: str) -> None:
    if isinstance(value, datetime):
        raise FormatError(f"{where}: expected a date")
    if isinstance(value, date):
        return
    if not isinstance(value, str):
        raise FormatError(f"{where}: expected an ISO 8601 date or time as text")
    unix = _unix_time(value)
    if unix is not None:
        if unix % 86_400:
            raise FormatError(f"{where}: expected a date, not a time of day")
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        raise FormatError(f"{where}: expected a date, like 2026-11-28") from None


def _outcome(outcome: Any) -> None:
    _keys(outcome, _OUTCOME, ("approach", "components", "pitfalls"), "outcome")
    if outcome.get("outcome") is not None:
        _id(outcome["outcome"], "outcome.outcome")
    _id(outcome["approach"], "outcome.approach")
    for name in ("components", "pitfalls"):
        items = outcome[name]
        if not isinstance(items, list):
            raise FormatError(f"outcome.{name}: expected a list")
        for item in items:
            _id(item, f"outcome.{name}")
    if not outcome["components"]:
        raise FormatError("outcome.components: expected at least 1 item")
    monthly = outcome.get("monthly_usd")
    if monthly is None:
        return
    if not isinstance(monthly, dict):
        raise FormatError("outcome.monthly_usd: expected an object")
    for approach, usd in monthly.items():
        _id(approach, "outcome.monthly_usd")
        if isinstance(usd, bool) or not isinstance(usd, int | float) or not math.isfinite(usd):
            raise FormatError(f"outcome.monthly_usd.{approach}: expected a number of US dollars")
