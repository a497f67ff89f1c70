"""OpenTelemetry GenAI spans exported as JSON lines: OTLP's JSON encoding (a line holds a
`resourceSpans` batch, attributes as key/value lists, `startTimeUnixNano`), or one span a
line with its attributes as an object (the SDKs' console exporters, with `start_time`).

A span counts as a request when it is a model call that reports token usage
(`gen_ai.usage.input_tokens` and `gen_ai.usage.output_tokens`); agent and tool spans,
which may sum their calls' usage, are left out, so no call is counted twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from advisor.measure.records import Request, Skipped, Unreadable, time_of, tokens

_INPUT = ("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens")
_OUTPUT = ("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens")
_CACHE_READ = ("gen_ai.usage.cache_read.input_tokens", "gen_ai.usage.cache_read_input_tokens")
_CACHE_WRITE = (
    "gen_ai.usage.cache_creation.input_tokens",
    "gen_ai.usage.cache_creation_input_tokens",
)
_MODEL = ("gen_ai.response.model", "gen_ai.request.model")
_PROVIDER = ("gen_ai.provider.name", "gen_ai.system")
_START = ("startTimeUnixNano", "start_time_unix_nano", "start_time", "startTime", "timestamp")
# gen_ai.operation.name values that are one call of a model (the others: invoke_agent,
# create_agent, execute_tool, embeddings)
_MODEL_CALLS = frozenset({"chat", "text_completion", "generate_content", "responses"})
# gen_ai.provider.name (or the older gen_ai.system) → genai-prices' provider id
_PROVIDERS = {
    "openai": "openai", "anthropic": "anthropic", "aws.bedrock": "aws",
    "azure.ai.openai": "azure", "az.ai.openai": "azure", "gcp.gemini": "google",
    "gcp.vertex_ai": "google", "gcp.gen_ai": "google", "mistral_ai": "mistral",
    "x_ai": "x-ai", "groq": "groq", "deepseek": "deepseek", "perplexity": "perplexity",
    "cohere": "cohere",
}


def is_span(record: Mapping[str, Any]) -> bool:
    return "resourceSpans" in record or (
        isinstance(record.get("attributes"), Mapping | list)
        and any(key in record for key in _START)
    )


def read(record: Mapping[str, Any]) -> list[Request]:
    """The model calls among the spans of one line; Skipped if there is none."""
    found = []
    for span in _spans(record):
        if not isinstance(span, Mapping):
            raise Unreadable("a span that is not a JSON object")
        attributes = _attributes(span.get("attributes"))
        request = _request(span, attributes)
        if request is not None:
            found.append(request)
    if not found:
        raise Skipped("spans that are no model call with token usage")
    return found


def _spans(record: Mapping[str, Any]) -> Iterator[Any]:
    if "resourceSpans" not in record:
        yield record
        return
    for resource in _list(record.get("resourceSpans"), "resourceSpans"):
        scopes = resource.get("scopeSpans", resource.get("instrumentationLibrarySpans"))
        for scope in _list(scopes, "scopeSpans"):
            yield from _list(scope.get("spans"), "spans")


def _list(value: Any, name: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise Unreadable(f"{name} is not a list of objects")
    return value


def _attributes(raw: Any) -> Mapping[str, Any]:
    """Span attributes as key → value, from either encoding."""
    if isinstance(raw, Mapping):
        return raw
    if not isinstance(raw, list):
        return {}
    found: dict[str, Any] = {}
    for item in raw:
        if isinstance(item, Mapping) and isinstance(item.get("key"), str):
            key = item["key"]
            if key.startswith("gen_ai."):  # the only ones read; message text stays unread
                found[key] = _otlp_value(item.get("value"))
    return found


def _otlp_value(value: Any) -> Any:
    if not isinstance(value, Mapping):
        return value
    for kind in ("intValue", "doubleValue", "stringValue", "boolValue"):
        if kind in value:
            inner = value[kind]
            if kind == "intValue" and isinstance(inner, str):  # int64 is a string in OTLP JSON
                try:
                    return int(inner)
                except ValueError:
                    return inner
            return inner
    return None


def _first(attributes: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if key in attributes:
            return attributes[key]
    return None


def _request(span: Mapping[str, Any], attributes: Mapping[str, Any]) -> Request | None:
    operation = attributes.get("gen_ai.operation.name")
    if operation is not None and operation not in _MODEL_CALLS:
        return None
    raw_input, raw_output = _first(attributes, _INPUT), _first(attributes, _OUTPUT)
    if raw_input is None or raw_output is None:
        return None
    read = _number(_first(attributes, _CACHE_READ))
    written = _number(_first(attributes, _CACHE_WRITE))
    cached = None
    if read is not None or written is not None:
        cached = tokens(read or 0, "cache read tokens") + tokens(written or 0, "cache write tokens")
    model = _first(attributes, _MODEL)
    provider = _first(attributes, _PROVIDER)
    return Request(
        time_of(span, _START),
        _PROVIDERS.get(provider) if isinstance(provider, str) else None,
        model if isinstance(model, str) else None,
        tokens(_number(raw_input), "gen_ai.usage.input_tokens"),
        cached,
        tokens(_number(raw_output), "gen_ai.usage.output_tokens"),
        False,
    )


def _number(value: Any) -> Any:
    """Some exporters write counts as text ("92")."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return value
