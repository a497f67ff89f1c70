"""Provider response bodies in a JSON line: OpenAI Chat Completions and Responses,
OpenAI Batch API output, Anthropic Messages and Message Batches results — bare, or wrapped
by a logger under `response` (or `response.body`) beside a `timestamp` / `created_at`.

The token counts are read by genai-prices' own usage extraction (the extractors it uses
to price these providers' responses), so advisor has no second copy of where each
provider keeps which count: Anthropic's `input_tokens` leaves out the cached part, and the
extractor adds it back, as it does for pricing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from advisor.measure.records import Request, Skipped, Unreadable, time_of, tokens

_WRAPPER_TIMES = ("timestamp", "created_at", "time", "ts")


def _extractors() -> dict[str, Any]:
    """(provider, API flavour) → genai-prices' usage extractor for that response body."""
    from genai_prices import data_snapshot

    found: dict[str, Any] = {}
    for provider in data_snapshot.get_snapshot().providers:
        for extractor in provider.extractors or ():
            found[f"{provider.id}:{extractor.api_flavor}"] = extractor
    return {
        "openai-chat": found["openai:chat"],
        "openai-responses": found["openai:responses"],
        "anthropic": found["anthropic:default"],
    }


class Bodies:
    """Reads the requests in a JSON object holding a provider's response."""

    def __init__(self, only: str | None = None) -> None:
        self.only = only  # "openai" or "anthropic": --format forces one family
        self._extract = _extractors()

    def read(self, record: Mapping[str, Any]) -> Request:
        at, batch, body = _unwrap(record)
        if not isinstance(body, Mapping):
            raise Unreadable("the response is not a JSON object")
        _no_usage(body)
        kind = _kind(body)
        if kind is None:
            if "error" in body:
                raise Skipped("an error response (no usage)")
            if body.get("object") in ("list", "embedding"):
                raise Skipped("an embeddings response")
            raise Unreadable("no usage in a format advisor reads")
        if self.only is not None and not kind.startswith(self.only):
            raise Unreadable(f"not an {self.only.capitalize()} response (--format {self.only})")
        try:
            model, usage = self._extract[kind].extract(body)
        except ValueError as error:  # genai-prices names the path: `usage.prompt_tokens`
            raise Unreadable(str(error)) from None
        counts = vars(usage)  # only what the body reports: a missing cache count is unknown
        cached = None
        if "cache_read_tokens" in counts or "cache_write_tokens" in counts:
            cached = tokens(counts.get("cache_read_tokens", 0), "cached tokens") + tokens(
                counts.get("cache_write_tokens", 0), "cache write tokens"
            )
        if at is None:
            at = _body_time(body, kind)
        if kind == "anthropic" and _usage_tier(body) == "batch":
            batch = True
        return Request(
            at,
            "anthropic" if kind == "anthropic" else "openai",
            model,
            tokens(counts.get("input_tokens"), "input tokens"),
            cached,
            tokens(counts.get("output_tokens"), "output tokens"),
            batch,
        )


def _unwrap(record: Mapping[str, Any]) -> tuple[float | None, bool, Any]:
    """(the logger's time, sent as a batch, the response body)."""
    if "response" in record:
        response = record["response"]
        at = time_of(record, _WRAPPER_TIMES)
        if response is None:
            raise Skipped("a failed request (no response)")
        if isinstance(response, Mapping) and "body" in response:  # OpenAI Batch output
            status = response.get("status_code")
            if status not in (None, 200):
                raise Skipped("a failed request (HTTP status other than 200)")
            return at, "custom_id" in record, response["body"]
        return at, False, response
    if "custom_id" in record and isinstance(record.get("result"), Mapping):
        result = record["result"]  # Anthropic Message Batches results
        if result.get("type") != "succeeded":
            raise Skipped("a batch request that did not succeed")
        return time_of(record, _WRAPPER_TIMES), True, result.get("message")
    return None, False, record


def _body_time(body: Mapping[str, Any], kind: str) -> float | None:
    key = {"openai-chat": "created", "openai-responses": "created_at"}.get(kind)
    return time_of(body, (key,)) if key else None


def _no_usage(body: Mapping[str, Any]) -> None:
    """Skipped: a body that records no finished call (a failed one, a streamed chunk)."""
    if isinstance(body.get("usage"), Mapping):
        return
    if body.get("error") or body.get("status") in ("failed", "cancelled"):
        raise Skipped("a failed request (no usage)")
    if body.get("object") == "chat.completion.chunk":
        raise Skipped("a streamed chunk without usage")


def _kind(body: Mapping[str, Any]) -> str | None:
    """Which response body this is, from its type marker, else from its usage's keys."""
    marker = body.get("object")
    if marker == "chat.completion":
        return "openai-chat"
    if marker == "response":
        return "openai-responses"
    if body.get("type") == "message":
        return "anthropic"
    usage = body.get("usage")
    if not isinstance(usage, Mapping):
        return None
    if "prompt_tokens" in usage and "completion_tokens" in usage:
        return "openai-chat"
    if "input_tokens" in usage and "output_tokens" in usage:
        if "cache_read_input_tokens" in usage or "cache_creation_input_tokens" in usage:
            return "anthropic"
        return "openai-responses"
    return None


def _usage_tier(body: Mapping[str, Any]) -> object:
    usage = body.get("usage")
    return usage.get("service_tier") if isinstance(usage, Mapping) else None
