"""Pydantic's validation errors in a user's words: one line, expected against found.

The three files read through pydantic (a flow, the price catalog, a transcript) differ only
in how they name a place in the file and how they quote a value (TOML or JSON); what an
error says is worded here once. Works on pydantic's plain error dicts, so importing it
imports no pydantic.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

Style = Literal["toml", "json"]
_LIST_SIZE = re.compile(r"List should have (.+?) after validation, not (\d+)")

_TIME_WORDS = {
    "datetime": "expected a date and time with a time zone, like 2026-11-28T09:00:00Z",
    "timezone": "expected a date and time with a time zone, like 2026-11-28T09:00:00Z",
    "date": "expected a date, like 2026-11-28",
}


def shown(value: Any, style: Style = "json") -> str:
    """A value as the file would spell it, cut to 60 characters; tables and lists named."""
    if isinstance(value, dict):
        return "a table" if style == "toml" else "an object"
    if isinstance(value, list):
        return "a list"
    if style == "json":
        if value is None:
            return "null"
        if isinstance(value, bool):
            return "true" if value else "false"
        text = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def key_problem(error: dict[str, Any], key: str) -> str | None:
    """'unknown key …' or 'missing key …' for those two errors (the key as given), else None."""
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key {key}"
    if kind == "missing":
        return f"missing key {key}"
    return None


def reworded(error: dict[str, Any], style: Style = "json") -> str:
    """What one error says: 'expected …, found …' where pydantic says 'Input should be …'."""
    kind: str = error["type"]
    for prefix, words in _TIME_WORDS.items():
        if kind.startswith(prefix):
            return f"{words}, found {shown(error.get('input'), style)}"
    message = str(error["msg"]).removeprefix("Value error, ")
    if message.startswith("Input should be "):
        message = "expected " + message.removeprefix("Input should be ")
    elif message.startswith("String should "):
        message = "expected text that should " + message.removeprefix("String should ")
    elif sized := _LIST_SIZE.fullmatch(message):  # 'List should have at least 1 item …'
        return f"expected a list of {sized[1]}, found {sized[2]}"
    elif message.startswith("List should "):
        message = "expected a list that should " + message.removeprefix("List should ")
    elif message[:1].isupper():
        message = message[0].lower() + message[1:]
    if kind not in ("value_error", "missing") and "found" not in message:
        message += f", found {shown(error.get('input'), style)}"
    return message
