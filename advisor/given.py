"""Answers given in files — one or several, merged in order, a later file overriding an
earlier one — and where each answer came from: which file, and, for a file `advisor
measure` wrote, whether and how it was measured (its `_measured` table).

Plain Python on purpose: `advisor run` reads this on every headless run.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.answers_file import MEASURED_KEY, read_answers
from advisor.engine.offers import Origin
from advisor.error_words import kind_of
from advisor.errors import BadInput


class Given:
    """The answers of the files, merged (a plain class: see the module's docstring)."""

    def __init__(self) -> None:
        self.raw: dict[str, Any] = {}  # question id → the value, as written
        self.origins: dict[str, Origin] = {}  # question id → where from
        self.names: list[str] = []  # the files, as named in messages
        self.notes: list[str] = []  # which file overrode which answers

    @property
    def source(self) -> str:
        """The files, for a message about them all."""
        return " and ".join(self.names)


def read_given(paths: list[str]) -> Given:
    """The answers of every file, merged in order; BadInput for a file that cannot be
    read or a `_measured` table that is not what `advisor measure` writes."""
    if paths.count("-") > 1:
        raise BadInput("--answers: standard input (-) can be read only once")
    given = Given()
    for path in paths:
        raw, name = read_answers(path)
        meta = raw.pop(MEASURED_KEY, None)
        measured = _measured(meta, name, raw) if meta is not None else {}
        overridden = [key for key in raw if key in given.raw]
        if overridden:
            earlier = sorted({given.origins[key].file for key in overridden})
            given.notes.append(
                f"{name} overrides {' and '.join(earlier)} on: {', '.join(overridden)}"
            )
        for key, value in raw.items():
            given.raw[key] = value
            given.origins[key] = measured.get(key) or Origin(name)
        given.names.append(name)
    return given


def _measured(meta: Any, name: str, raw: Mapping[str, Any]) -> dict[str, Origin]:
    """The answers of the file that its `_measured` table lists as measured, keyed by
    question; one whose value differs from the one measured (edited by hand since) is
    left out: it is the person's answer now."""
    where = f"{name}: {MEASURED_KEY}"
    if not isinstance(meta, Mapping):
        raise BadInput(f"{where}: expected a table, found {kind_of(meta)}")
    how = _table(meta.get("how", {}), f"{where}.how")
    values = _table(meta.get("values", {}), f"{where}.values")
    logs = meta.get("logs", [])
    if not isinstance(logs, list) or not all(isinstance(log, str) for log in logs):
        raise BadInput(f"{where}.logs: expected a list of file names, found {kind_of(logs)}")
    on = meta.get("on")
    if on is not None and not isinstance(on, str):
        raise BadInput(f"{where}.on: expected a date as text, found {kind_of(on)}")
    found = {}
    for key, words in how.items():
        if not isinstance(words, str):
            raise BadInput(f"{where}.how.{key}: expected text, found {kind_of(words)}")
        if key in raw and (key not in values or values[key] == raw[key]):
            found[key] = Origin(name, words, tuple(logs), on)
    return found


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise BadInput(f"{where}: expected a table, found {kind_of(value)}")
    return value
