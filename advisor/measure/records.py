"""What a log line becomes: requests, or the reason it holds none.

A line is *unreadable* when it should hold a request and does not hold one advisor can
use (not JSON, a known format with its usage missing or malformed); it is *skipped* when
it is readable but records no model call to count (a failed request, an embeddings call,
a span that is not a model call). Reasons name fields and formats, never a value from the
log: logs hold prompts and answers, and advisor shows none of their text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from advisor.measure.times import epoch

MAX_TOKENS = 100_000_000  # more tokens than this in one request is no token count

FORMATS = ("auto", "openai", "anthropic", "otel", "csv")
FORMAT_NAMES = {
    "openai": "OpenAI (Chat Completions, Responses, Batch output)",
    "anthropic": "Anthropic Messages (and Message Batches results)",
    "otel": "OpenTelemetry GenAI spans",
    "csv": "CSV",
}


class Request(NamedTuple):
    """One model call as a log recorded it."""

    at: float | None  # seconds since the epoch, UTC; None: the line carries no time
    provider: str | None  # genai-prices' provider id, where the format tells
    model: str | None  # as logged
    input_tokens: int  # the whole prompt, cached part included
    cached_tokens: int | None  # the prompt prefix read from or written to the provider's
    #                            cache; None: the line says nothing about caching
    output_tokens: int
    batch: bool  # sent through a batch API


class Unreadable(Exception):
    """A line that should hold a request and holds none advisor can use."""


class Skipped(Exception):
    """A readable line that records no model call to count (the reason, in words)."""


def tokens(value: object, field: str) -> int:
    """A token count from a log, or Unreadable naming the field."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Unreadable(f"{field} is not a number")
    if not 0 <= value <= MAX_TOKENS:  # also refuses NaN
        raise Unreadable(f"{field} is not a token count from 0 to {MAX_TOKENS:,}")
    return int(value)


def time_of(record: Mapping[str, Any], keys: tuple[str, ...]) -> float | None:
    """The time under the first of `keys` the record has (seconds since the epoch), None
    if it has none, Unreadable if it is no time."""
    for key in keys:
        value = record.get(key)
        if value is not None:
            try:
                return epoch(value)
            except ValueError as error:
                raise Unreadable(f"{key}: expected {error}") from None
    return None
