"""Every string of a flow file, checked for characters that would steer a terminal.

A flow is text for people: its titles, prompts, help, reasons and advice are printed by
the chat and the reports. An ESC or OSC sequence in one (clear the screen, write the
clipboard) or a bidirectional override is refused as it is in answers
(`advisor.textsafe` says which characters). This runs on the file as TOML gives it, before
the file format is checked, so that the loader and `advisor flows check` name the same
place: the node and the field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from advisor.textsafe import UNSAFE, describe_char, first_unsafe, visible

_SECTIONS = {"questions": "question", "decisions": "decision", "outcomes": "outcome",
             "pitfalls": "pitfall"}
HINT = ("remove it: a flow's texts are shown to people, and a control character would "
        "steer their terminal")


@dataclass(frozen=True)
class UnsafeText:
    where: str  # "flow", "question 'need'", "outcome #3"
    field: str  # "prompt", "routes[2].why", "choices[1].label"
    position: int  # from 1
    char: str

    @property
    def message(self) -> str:
        return f"{self.field}: {describe_char(self.char)} at position {self.position}"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


_PLAIN = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    """A key as written in the field path: bare when it is a plain name, else quoted with
    its newlines and control characters escaped (the path stays one line)."""
    return key if _PLAIN.match(key) else visible(json.dumps(key, ensure_ascii=False))


def _field(parts: list[Any]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{_key(part)}" if text else _key(part)
    return text


def _where(raw: dict[str, Any], path: list[Any]) -> tuple[str, list[Any]]:
    if len(path) >= 2 and path[0] in _SECTIONS and isinstance(path[1], int):
        node = raw[path[0]][path[1]]
        node_id = node.get("id") if isinstance(node, dict) else None
        label = _SECTIONS[path[0]]
        named = isinstance(node_id, str) and first_unsafe(node_id) is None
        return (f"{label} '{node_id}'" if named else f"{label} #{path[1] + 1}"), path[2:]
    return "flow", path


def unsafe_texts(raw: dict[str, Any]) -> Iterator[UnsafeText]:
    """Each string (and key) holding an unsafe character, in file order. No recursion:
    no size of file can exhaust the stack."""
    stack: list[tuple[list[Any], Any]] = [([], raw)]
    while stack:
        path, value = stack.pop()
        if path and isinstance(path[-1], str) and (key := first_unsafe(path[-1])):
            where, rest = _where(raw, path)
            yield UnsafeText(where, f"the key {_field(rest)}", key[0] + 1, key[1])
        if isinstance(value, str):
            found = first_unsafe(value)
            if found is not None:
                where, rest = _where(raw, path)
                yield UnsafeText(where, _field(rest) or "(the file)", found[0] + 1, found[1])
        elif isinstance(value, dict):
            stack.extend(([*path, key], item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(([*path, index], item) for index, item in reversed(list(enumerate(value))))


def cleaned(raw: Any) -> Any:
    """A copy of the TOML data with every unsafe character removed (for a linter that has
    reported them and goes on to check the rest)."""
    if isinstance(raw, str):
        return UNSAFE.sub("", raw)
    if isinstance(raw, dict):
        return {UNSAFE.sub("", key): cleaned(value) for key, value in raw.items()}
    if isinstance(raw, list):
        return [cleaned(item) for item in raw]
    return raw
