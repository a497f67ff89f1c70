"""Pydantic's validation errors in a user's words: one line, expected against found.

The three files read through pydantic (a flow, the price catalog, a transcript) differ only
in how they name a place in the file and how they quote a value (TOML or JSON); what an
error says is worded here once. Works on pydantic's plain error dicts, so importing it
imports no pydantic.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from advisor.fileio import cut_number

Style = Literal["toml", "json"]
_LIST_SIZE = re.compile(r"List should have (.+?) after validation, not (\d+)")

_TIME_WORDS = {
    "datetime": "expected a date and time with a time zone, like 2026-11-28T09:00:00Z",
    "timezone": "expected a date and time with a time zone, like 2026-11-28T09:00:00Z",
    "date": "expected a date, like 2026-11-28",
}


def shown(value: Any, style: Style = "json") -> str:
    """What was given, literally and short: a text quoted as the file would (cut to 60
    characters), a number as written, a list by its length, a table or object by name."""
    if value is None:
        return "null" if style == "json" else "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "…"
        if style != "json":
            return repr(text)
        import json  # here: the chat imports this module to start, and json costs ~1 ms

        return json.dumps(text, ensure_ascii=False)
    written = getattr(value, "literal", None)  # a number too large, as written (fileio)
    if isinstance(written, str):
        return cut_number(written)
    if isinstance(value, int) and not -(10**24) < value < 10**24:
        try:
            return f"an integer of {len(str(abs(value))):,} digits"
        except ValueError:  # more digits than Python converts
            return "an integer of thousands of digits"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a table" if style == "toml" else "an object"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def kind_of(value: Any) -> str:
    """What sort of value a JSON or TOML value is, in words: 'a string', 'a list', 'null'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "a table" if isinstance(value, dict) else f"a {type(value).__name__}"


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
