"""Just enough TOML writing to turn a (mutated) flow back into a file: every top-level key
on its own line, nested tables inline. Not a general TOML writer: None values are dropped
(TOML has no null), and the output is only ever read back by tomllib."""

from __future__ import annotations

import json
import math
import re
from typing import Any

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _string(text: str) -> str:
    # JSON string escapes are TOML basic-string escapes; TOML also wants DEL escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _key(key: Any) -> str:
    text = str(key)
    return text if _BARE.match(text) else _string(text)


def value(item: Any) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int):
        return str(item)
    if isinstance(item, float):
        if math.isnan(item):
            return "nan"
        if math.isinf(item):
            return "inf" if item > 0 else "-inf"
        return repr(item)
    if isinstance(item, str):
        return _string(item)
    if isinstance(item, list | tuple):
        return "[" + ", ".join(value(v) for v in item if v is not None) + "]"
    if isinstance(item, dict):
        parts = [f"{_key(k)} = {value(v)}" for k, v in item.items() if v is not None]
        return "{" + ", ".join(parts) + "}"
    return _string(str(item))


def dumps(document: dict[str, Any]) -> str:
    lines = []
    for key, item in document.items():
        if item is None:
            continue
        if isinstance(item, list) and item and all(isinstance(v, dict) for v in item):
            inner = ",\n    ".join(value(v) for v in item)
            lines.append(f"{_key(key)} = [\n    {inner},\n]")
        else:
            lines.append(f"{_key(key)} = {value(item)}")
    return "\n".join(lines) + "\n"
