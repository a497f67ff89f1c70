"""Realistic usage logs, drawn from a known distribution, in every format `advisor measure`
reads — for the tests (thousands of lines) and the benchmark (a gigabyte).

Each request has a fixed prompt prefix (the system prompt and worked examples, FIXED
tokens) plus a variable part drawn from a log-normal distribution, an answer length drawn
from another, a time spread over DAYS days with one busy day, and a model (80 % the small
one). A share of requests reads the prefix from the provider's cache. The bodies hold
prompt and answer *text* with a marker, so a test can check that none of it is ever shown.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

FIXED = 1_536  # the repeated prefix: 1,024 + 4 × 128, as OpenAI caches it
VARIABLE_MEDIAN = 600  # the variable part of the prompt (log-normal)
OUTPUT_MEDIAN = 180  # the answer (log-normal)
START = datetime(2026, 10, 1, tzinfo=UTC).timestamp()
DAYS = 30
BUSY_DAY = 17  # 2026-10-18: three times the traffic of any other day
SECRET = "SECRET-PROMPT-TEXT"  # in every prompt and answer: must never be printed
MODELS = {
    "openai": ("gpt-4.1-mini-2025-04-14", "gpt-4.1-2025-04-14", "gpt-4.1-mini"),
    "anthropic": ("claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001", "claude-sonnet-4-5"),
}


@dataclass(frozen=True)
class Drawn:
    """One request as drawn: what a perfect reader of its log line would see."""

    at: float
    model: str
    prompt: int  # the whole prompt, cached part included
    cached: int  # the prefix read from the cache (0: a miss)
    written: int  # the prefix written to the cache (Anthropic)
    output: int


def draw(rng: random.Random, count: int, provider: str = "openai",
         cached_share: float = 0.6) -> Iterator[Drawn]:
    """`count` requests, in time order."""
    small, large, _ = MODELS[provider]
    weights = [3 if day == BUSY_DAY else 1 for day in range(DAYS)]
    days = sorted(rng.choices(range(DAYS), weights, k=count))
    for day in days:
        at = START + day * 86_400 + rng.uniform(0, 86_399)
        variable = int(rng.lognormvariate(math.log(VARIABLE_MEDIAN), 0.6))
        roll = rng.random()
        cached = FIXED if roll < cached_share else 0
        writes = provider == "anthropic" and cached_share <= roll < cached_share + 0.05
        written = FIXED if writes else 0
        yield Drawn(
            at=at,
            model=small if rng.random() < 0.8 else large,
            prompt=FIXED + variable,
            cached=cached,
            written=written,
            output=max(1, int(rng.lognormvariate(math.log(OUTPUT_MEDIAN), 0.5))),
        )


def _text(rng: random.Random, words: int) -> str:
    pool = ("refund", "order", "shipping", "sorry", "thanks", "account", "policy", "today")
    return f"{SECRET} " + " ".join(rng.choice(pool) for _ in range(words))


def _iso(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).isoformat().replace("+00:00", "Z")


def chat_body(d: Drawn, rng: random.Random) -> dict:
    return {
        "id": f"chatcmpl-{rng.getrandbits(64):x}", "object": "chat.completion",
        "created": int(d.at), "model": d.model, "system_fingerprint": "fp_0123456789",
        "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                     "message": {"role": "assistant", "content": _text(rng, 40),
                                 "refusal": None}}],
        "usage": {"prompt_tokens": d.prompt, "completion_tokens": d.output,
                  "total_tokens": d.prompt + d.output,
                  "prompt_tokens_details": {"cached_tokens": d.cached, "audio_tokens": 0},
                  "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                                "accepted_prediction_tokens": 0,
                                                "rejected_prediction_tokens": 0}},
        "service_tier": "default",
    }


def openai_chat(d: Drawn, rng: random.Random) -> str:
    """A Chat Completions body as a logger writes it: under `response`, with the request
    (the prompt text) beside it and a Unix timestamp in milliseconds."""
    return json.dumps({
        "timestamp": int(d.at * 1000),
        "request": {"model": d.model, "messages": [{"role": "user", "content": _text(rng, 60)}]},
        "response": chat_body(d, rng),
    })


def openai_responses(d: Drawn, rng: random.Random) -> str:
    """A bare Responses API body, one a line (its own `created_at`)."""
    return json.dumps({
        "id": f"resp_{rng.getrandbits(64):x}", "object": "response", "created_at": int(d.at),
        "status": "completed", "model": d.model, "instructions": _text(rng, 20),
        "output": [{"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
                    "content": [{"type": "output_text", "text": _text(rng, 40),
                                 "annotations": []}]}],
        "usage": {"input_tokens": d.prompt, "input_tokens_details": {"cached_tokens": d.cached},
                  "output_tokens": d.output, "output_tokens_details": {"reasoning_tokens": 0},
                  "total_tokens": d.prompt + d.output},
    })


def openai_batch(d: Drawn, rng: random.Random) -> str:
    """A line of an OpenAI Batch API output file."""
    return json.dumps({
        "id": f"batch_req_{rng.getrandbits(64):x}", "custom_id": f"request-{rng.getrandbits(32)}",
        "response": {"status_code": 200, "request_id": f"{rng.getrandbits(64):x}",
                     "body": chat_body(d, rng)},
        "error": None,
    })


def openai_batch_failure(rng: random.Random) -> str:
    return json.dumps({
        "id": f"batch_req_{rng.getrandbits(64):x}", "custom_id": "request-failed",
        "response": None, "error": {"code": "server_error", "message": "Internal error"},
    })


def anthropic(d: Drawn, rng: random.Random) -> str:
    """An Anthropic Messages response wrapped by a logger with an ISO timestamp; its
    `input_tokens` leaves out the cached part, as Anthropic reports it."""
    return json.dumps({
        "timestamp": _iso(d.at),
        "request": {"model": d.model, "system": _text(rng, 50),
                    "messages": [{"role": "user", "content": _text(rng, 30)}]},
        "response": {
            "id": f"msg_{rng.getrandbits(64):x}", "type": "message", "role": "assistant",
            "model": d.model, "content": [{"type": "text", "text": _text(rng, 40)}],
            "stop_reason": "end_turn", "stop_sequence": None,
            "usage": {"input_tokens": d.prompt - d.cached - d.written,
                      "cache_creation_input_tokens": d.written,
                      "cache_read_input_tokens": d.cached,
                      "cache_creation": {"ephemeral_5m_input_tokens": d.written,
                                         "ephemeral_1h_input_tokens": 0},
                      "output_tokens": d.output, "service_tier": "standard"},
        },
    })


def _otlp_attr(key: str, value: object) -> dict:
    if isinstance(value, int):
        return {"key": key, "value": {"intValue": str(value)}}
    return {"key": key, "value": {"stringValue": str(value)}}


def _span(d: Drawn, rng: random.Random, operation: str = "chat") -> dict:
    attributes = {
        "gen_ai.operation.name": operation, "gen_ai.provider.name": "openai",
        "gen_ai.request.model": d.model.rsplit("-", 3)[0], "gen_ai.response.model": d.model,
        "gen_ai.usage.input_tokens": d.prompt, "gen_ai.usage.output_tokens": d.output,
        "gen_ai.usage.cache_read.input_tokens": d.cached,
        "gen_ai.input.messages": json.dumps([{"role": "user", "parts": [
            {"type": "text", "content": _text(rng, 30)}]}]),
    }
    start = int(d.at * 1e9)
    return {
        "traceId": f"{rng.getrandbits(128):032x}", "spanId": f"{rng.getrandbits(64):016x}",
        "name": f"{operation} {d.model}", "kind": 3,
        "startTimeUnixNano": str(start), "endTimeUnixNano": str(start + 900_000_000),
        "attributes": [_otlp_attr(k, v) for k, v in attributes.items()],
        "status": {},
    }


def otlp(batch: list[Drawn], rng: random.Random) -> str:
    """One OTLP/JSON export of several model-call spans, and an agent span above them that
    sums their usage (which must not be counted again)."""
    spans = [_span(d, rng) for d in batch]
    total = Drawn(batch[0].at, batch[0].model, sum(d.prompt for d in batch), 0, 0,
                  sum(d.output for d in batch))
    spans.append(_span(total, rng, operation="invoke_agent"))
    return json.dumps({"resourceSpans": [{
        "resource": {"attributes": [_otlp_attr("service.name", "support-bot")]},
        "scopeSpans": [{"scope": {"name": "opentelemetry.instrumentation.openai_v2"},
                        "spans": spans}],
    }]})


def otel_flat(d: Drawn, rng: random.Random) -> str:
    """One span a line, attributes as an object (a console exporter's shape)."""
    span = _span(d, rng)
    return json.dumps({
        "name": span["name"], "context": {"trace_id": "0x" + span["traceId"]},
        "kind": "SpanKind.CLIENT", "start_time": _iso(d.at), "end_time": _iso(d.at + 0.9),
        "attributes": {a["key"]: int(a["value"]["intValue"]) if "intValue" in a["value"]
                       else a["value"]["stringValue"] for a in span["attributes"]},
        "status": {"status_code": "UNSET"},
    })


CSV_HEADER = "timestamp,model,input_tokens,cached_tokens,output_tokens"


def csv_row(d: Drawn, rng: random.Random) -> str:
    return f"{_iso(d.at)},{d.model},{d.prompt},{d.cached},{d.output}"


BROKEN_JSON = (
    '{"timestamp": 1759300000, "response": {"object": "chat.completion", "usa',  # cut short
    "Traceback (most recent call last): not a log line",
    '{"object": "chat.completion", "model": "gpt-4.1-mini", "usage": {"prompt_tokens": -5, '
    '"completion_tokens": 10}}',
    '{"object": "chat.completion", "model": "gpt-4.1-mini", "usage": {"prompt_tokens": 900}}',
    "[1, 2, 3]",
)
BROKEN_CSV = ("2026-10-03T10:00:00Z,gpt-4.1-mini,12x,0,100", "2026-10-03T10:00:00Z,only-two")


@dataclass
class Log:
    lines: list[str]
    drawn: list[Drawn]  # the requests the log holds
    broken: list[int]  # line numbers (from 1) of the broken lines
    skipped: int = 0  # readable lines with no model call (failed batch requests)


WRITERS = {
    "openai-chat": openai_chat, "openai-responses": openai_responses,
    "openai-batch": openai_batch, "anthropic": anthropic, "otel-flat": otel_flat,
    "csv": csv_row,
}


def make_log(kind: str, count: int = 4_000, seed: int = 7, broken_every: int = 397) -> Log:
    """A log of `kind` (WRITERS, or "otlp"): `count` requests, with a broken line after
    every `broken_every` lines (and, for batch output, a failed request now and then)."""
    rng = random.Random(seed)
    provider = "anthropic" if kind == "anthropic" else "openai"
    drawn = list(draw(rng, count, provider))
    lines: list[str] = [CSV_HEADER] if kind == "csv" else []
    broken: list[int] = []
    skipped = 0
    bad = BROKEN_CSV if kind == "csv" else BROKEN_JSON
    step = 4 if kind == "otlp" else 1
    for index in range(0, count, step):
        if kind == "otlp":
            lines.append(otlp(drawn[index:index + step], rng))
        else:
            lines.append(WRITERS[kind](drawn[index], rng))
        if len(lines) % broken_every == 0:
            lines.append(bad[len(broken) % len(bad)])
            broken.append(len(lines))
        if kind == "openai-batch" and index % 500 == 250:
            lines.append(openai_batch_failure(rng))
            skipped += 1
    return Log(lines, drawn, broken, skipped)
