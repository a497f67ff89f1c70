"""A usage log as CSV with a header: one request a row.

Columns are found by name, in any order and case: `input_tokens` (or `prompt_tokens`, the
whole prompt, cached part included) and `output_tokens` (or `completion_tokens`) are
needed; `timestamp`, `model`, `provider`, `cached_tokens` (and `cache_write_tokens`) and
`batch` are read where present. Other columns are ignored.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator

from advisor.errors import BadInput
from advisor.measure.records import Request, Unreadable, tokens
from advisor.measure.times import epoch

COLUMNS: dict[str, tuple[str, ...]] = {
    "at": ("timestamp", "time", "created_at", "created", "date", "datetime"),
    "model": ("model", "model_name"),
    "provider": ("provider",),
    "input": ("input_tokens", "prompt_tokens"),
    "cached": (
        "cached_tokens", "cached_input_tokens", "cache_read_tokens", "cache_read_input_tokens",
    ),
    "written": ("cache_write_tokens", "cache_creation_input_tokens"),
    "output": ("output_tokens", "completion_tokens"),
    "batch": ("batch",),
}
_TRUE = frozenset({"true", "yes", "1", "y"})
_FALSE = frozenset({"false", "no", "0", "n", ""})


def looks_like_csv(first_line: bytes) -> bool:
    """A header line naming the token columns (a JSON log starts with `{`)."""
    text = first_line.decode("utf-8", "replace").lstrip("\ufeff").strip().lower()
    if text.startswith(("{", "[")) or "," not in text:
        return False
    names = {cell.strip().strip('"') for cell in text.split(",")}
    return bool(names & set(COLUMNS["input"])) and bool(names & set(COLUMNS["output"]))


def rows(
    name: str,
    lines: Iterable[bytes | None],
    bad_line: Callable[[int, str], None],
) -> Iterator[tuple[int, Request | Unreadable]]:
    """(line number, the row's request or why it is unreadable), row by row. Lines that
    cannot even be split into fields go to `bad_line` (number, reason)."""
    number = 0

    def texts() -> Iterator[str]:
        nonlocal number
        for line in lines:
            number += 1
            if line is None:
                bad_line(number, "a line longer than the limit")
                yield ""
                continue
            try:
                yield line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                bad_line(number, "not UTF-8 text")
                yield ""

    reader = csv.reader(texts())
    columns: dict[str, int] | None = None
    width = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            bad_line(number, f"not CSV ({error})")
            continue
        if not row or not any(cell.strip() for cell in row):
            continue
        if columns is None:
            columns = _header(name, number, row)
            width = len(row)
            continue
        if len(row) != width:
            yield number, Unreadable(f"{len(row)} fields where the header has {width}")
            continue
        try:
            yield number, _request(row, columns)
        except Unreadable as error:
            yield number, error


def _header(name: str, number: int, row: list[str]) -> dict[str, int]:
    names = [cell.strip().lower() for cell in row]
    columns = {}
    for field, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                columns[field] = names.index(alias)
                break
    missing = [COLUMNS[f][0] for f in ("input", "output") if f not in columns]
    if missing:
        raise BadInput(
            f"{name}: line {number}: a CSV header needs the columns input_tokens and "
            f"output_tokens; it has no {' or '.join(missing)}"
        )
    return columns


def _request(row: list[str], columns: dict[str, int]) -> Request:
    def cell(field: str) -> str:
        index = columns.get(field)
        return "" if index is None else row[index].strip()

    stamp = cell("at")
    try:
        at = epoch(stamp) if stamp else None
    except ValueError as error:
        raise Unreadable(f"timestamp: expected {error}") from None
    cached = None
    if cell("cached") or cell("written"):
        cached = _count(cell("cached") or "0", "cached_tokens") + _count(
            cell("written") or "0", "cache_write_tokens"
        )
    input_tokens = _count(cell("input"), "input_tokens")
    if cached is not None and cached > input_tokens:
        raise Unreadable("cached_tokens exceeds input_tokens (the whole prompt)")
    batch = cell("batch").lower()
    if batch not in _TRUE and batch not in _FALSE:
        raise Unreadable("batch is neither true nor false")
    return Request(
        at,
        cell("provider").lower() or None,
        cell("model") or None,
        input_tokens,
        cached,
        _count(cell("output"), "output_tokens"),
        batch in _TRUE,
    )


def _count(text: str, field: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise Unreadable(f"{field} is not a whole number") from None
    return tokens(value, field)
