"""The transcript file format: a saved conversation, validated when written and when read.

A transcript keeps what the person said (every answer, with its time, in order), which
flow they said it to (id, version and the SHA-256 of the flow file), whether the
conversation was finished, and the outcome it reached then — enough to resume it, and to
tell later whether today's flow and prices still give the same advice.

Format version 1:

    {
      "format_version": 1,
      "flow": {"id": "ai_strategy", "version": "1.0.0", "content_hash": "<64 hex digits>"},
      "status": "in_progress" | "complete",
      "started_at": "2026-11-28T10:00:00Z", "saved_at": "2026-11-28T10:04:12Z",
      "today": "2026-11-28",
      "steps": [{"question_id": "need", "value": ["style"], "at": "...", "defaulted": false,
                 "reaction": "Facts and behaviour call for different tools; ..."}],
      "earlier_answers": {"examples": 800},
      "outcome": null | {"outcome": "rag", "approach": "rag", "components": ["rag"],
                         "pitfalls": ["noisy_retrieval"], "monthly_usd": {"rag": 12.5} | null},
      "draft": {"question_id": "examples", "text": "12"}
    }

`steps` are the answers on the conversation's path, in order, each with the one-line
reaction the chat showed after it (`reaction`, left out where there was none);
`earlier_answers` are answers the person took back (by going back) and may give again;
`outcome` is present exactly when the status is complete; `draft` is text typed into the
current question's field but not confirmed (left out when there is none). `reaction` and
`draft` were added later: transcripts without them read as before.

advisor.transcript.check checks the same rules without pydantic, for the chat.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from advisor.error_words import key_problem, reworded, shown
from advisor.errors import BadInput
from advisor.fileio import parse_json
from advisor.textsafe import describe_char, first_unsafe
from advisor.transcript.check import (  # noqa: F401  (MAX_TRANSCRIPT_BYTES: public here too)
    FORMAT_VERSION,
    MAX_DRAFT,
    MAX_TRANSCRIPT_BYTES,
    to_json_text,
)

Status = Literal["in_progress", "complete"]


def _text_form(value: Any) -> Any:
    """Dates and times are written as ISO 8601 text; a number is not a time."""
    if isinstance(value, str | datetime | date):
        return value
    raise ValueError(f"expected an ISO 8601 date or time as text, found {shown(value)}")


def _printable(text: str) -> str:
    """Every text of a transcript keeps the rules of an answer's text: no character that
    steers a terminal (advisor.textsafe). A crafted reaction or draft holding an OSC 52
    clipboard write reached the terminal when the chat resumed or replayed it."""
    unsafe = first_unsafe(text)
    if unsafe is not None:
        position, char = unsafe
        raise ValueError(f"expected printable text, found {describe_char(char)} at position "
                         f"{position + 1}")
    return text


def _answer_value(value: Any) -> Any:
    if isinstance(value, str):
        return _printable(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [_printable(item) for item in value]
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"expected a finite number, found {value!r}")
        return value
    raise ValueError(
        f"expected text, a number, true/false or a list of texts, found {shown(value)}"
    )


def _usd(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"expected a number of US dollars, found {shown(value)}")
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number, found {value!r}")
    return value


Printable = AfterValidator(_printable)
Id = Annotated[StrictStr, Field(min_length=1, max_length=200), Printable]
Timestamp = Annotated[AwareDatetime, BeforeValidator(_text_form)]
Day = Annotated[date, BeforeValidator(_text_form)]
AnswerValue = Annotated[Any, AfterValidator(_answer_value)]
Usd = Annotated[Any, AfterValidator(_usd)]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FlowRecord(_Record):
    """The flow a conversation was held with."""

    id: Id
    version: Annotated[StrictStr, Field(max_length=200), Printable]
    content_hash: Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]


class StepRecord(_Record):
    """One answer on the conversation's path."""

    question_id: Id
    value: AnswerValue
    at: Timestamp
    defaulted: StrictBool = False
    reaction: Annotated[StrictStr, Field(max_length=MAX_DRAFT), Printable] | None = None


class DraftRecord(_Record):
    """Text typed into the current question's field, not yet confirmed."""

    question_id: Id
    text: Annotated[StrictStr, Field(max_length=MAX_DRAFT), Printable]


class OutcomeRecord(_Record):
    """The advice reached: what replay compares today's advice against."""

    outcome: Id | None = None  # the flow's outcome node
    approach: Id
    components: Annotated[list[Id], Field(min_length=1)]
    pitfalls: list[Id]
    monthly_usd: dict[Id, Usd] | None = None  # None: the report had no costs section


class Transcript(_Record):
    format_version: StrictInt
    flow: FlowRecord
    status: Status
    started_at: Timestamp
    saved_at: Timestamp
    today: Day
    steps: list[StepRecord]
    earlier_answers: dict[Id, AnswerValue] = Field(default_factory=dict)
    outcome: OutcomeRecord | None = None
    draft: DraftRecord | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Transcript:
        if self.format_version != FORMAT_VERSION:
            raise ValueError(f"format_version: expected {FORMAT_VERSION}")
        if self.status == "complete" and self.outcome is None:
            raise ValueError("outcome: missing, but the status is complete")
        if self.status == "in_progress" and self.outcome is not None:
            raise ValueError("outcome: expected null while the status is in_progress")
        seen: set[str] = set()
        for index, step in enumerate(self.steps):
            if step.question_id in seen:
                raise ValueError(
                    f"steps[{index}].question_id: '{step.question_id}' is answered twice"
                )
            seen.add(step.question_id)
        return self

    @property
    def answers(self) -> dict[str, Any]:
        """Question id → recorded value, in the order answered."""
        return {step.question_id: step.value for step in self.steps}


# --- text ⇄ transcript ---------------------------------------------------------------------


def to_json(transcript: Transcript) -> str:
    return to_json_text(transcript.model_dump(mode="json"))


def from_data(data: dict[str, Any]) -> Transcript:
    """A transcript from plain data; ValidationError as pydantic reports it."""
    return Transcript.model_validate(data)


def parse_transcript(text: str, name: str) -> Transcript:
    """A transcript from its text, or BadInput naming `name`, the field, expected and found."""
    try:
        data = parse_json(text, name, "a transcript", "a transcript can hold")
    except BadInput as error:
        place = _non_finite_number(text, name)
        raise (error if place is None else BadInput(f"{name}: {place}")) from None
    if not isinstance(data, dict):
        raise BadInput(
            f"{name}: expected a JSON object (an advisor transcript), found {shown(data)}"
        )
    _check_version(data, name)
    try:
        return from_data(data)
    except ValidationError as error:
        raise BadInput(f"{name}: {describe_validation_error(error, data)}") from None


def _non_finite_number(text: str, name: str) -> str | None:
    """Where a transcript holds NaN, Infinity or a number too large for a float (1e999),
    as 'field (question …): expected …, found …' — or None if that is not what is wrong.
    Only after the fast read failed: reading numbers as written costs every transcript."""
    from advisor.fileio import WrittenNumber, cut_number

    try:
        data = parse_json(text, name, "a transcript", "a transcript can hold", as_written=True)
    except BadInput:
        return None

    def find(node: Any, parts: list[Any]) -> list[Any] | None:
        if isinstance(node, WrittenNumber):
            return parts
        items = node.items() if isinstance(node, dict) else enumerate(node) \
            if isinstance(node, list) else ()
        for key, item in items:
            found = find(item, [*parts, key])
            if found is not None:
                return found
        return None

    parts = find(data, [])
    if parts is None or not isinstance(data, dict):
        return None
    node: Any = data
    for part in parts:
        node = node[part]
    where = _path(parts, data) if parts else "the transcript"
    return f"{where}: expected a finite number, found {cut_number(node.literal)}"


def _check_version(data: dict[str, Any], name: str) -> None:
    """First, so a file from a newer advisor gets that message, not one about a new field."""
    version = data.get("format_version")
    if "format_version" not in data:
        raise BadInput(f"{name}: format_version: missing (is this an advisor transcript?)")
    if isinstance(version, bool) or not isinstance(version, int):
        raise BadInput(f"{name}: format_version: expected an integer, found {shown(version)}")
    if version > FORMAT_VERSION:
        raise BadInput(
            f"{name}: format_version: {version} is newer than this advisor reads "
            f"(up to {FORMAT_VERSION}); upgrade advisor to read this transcript"
        )
    if version < 1:
        raise BadInput(f"{name}: format_version: expected {FORMAT_VERSION}, found {version}")


# --- one clear line per error ----------------------------------------------------------------


def describe_validation_error(error: ValidationError, data: dict[str, Any]) -> str:
    """The first problem: the field as a JSON path, what was expected and what was found."""
    first = error.errors(include_url=False)[0]
    loc = [part for part in first["loc"] if not _is_internal(part)]
    kind = first["type"]
    problem = key_problem(first, f"'{loc[-1]}'") if loc else None
    if problem is not None:
        parent = loc[:-1]
        return (f"{_path(parent, data)}: " if parent else "") + problem
    message = reworded(first)
    if kind == "value_error" and not loc and ": " in message:
        return message  # a whole-transcript check that names its own field
    return f"{_path(loc, data)}: {message}" if loc else message


def _is_internal(part: Any) -> bool:
    """Pydantic's names for union members and validators, which no file contains."""
    return isinstance(part, str) and (
        part.startswith(("function-", "lax-", "strict-")) or "[" in part
    )


def _path(parts: list[Any], data: dict[str, Any]) -> str:
    text = ""
    node: Any = data
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    if len(parts) >= 2 and parts[0] == "steps" and isinstance(parts[1], int):
        try:
            question = data["steps"][parts[1]]["question_id"]
        except (KeyError, IndexError, TypeError):
            question = None
        if isinstance(question, str) and question:
            text += f" (question '{question}')"
    return text






