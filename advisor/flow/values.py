"""Answer values: checking a raw value against its question, and showing it in words.

Every driver (answers file, transcript, chat) hands raw values to `coerce`, so a value is
accepted or refused the same way everywhere, with the same message.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from advisor.error_words import shown
from advisor.errors import AnswerError
from advisor.flow.model import Question, Value
from advisor.suggest import did_you_mean
from advisor.textsafe import describe_char, first_unsafe

if TYPE_CHECKING:
    from advisor.choices import ChoiceSource

_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}
_SCALE = {"k": Decimal(1_000), "m": Decimal(1_000_000), "b": Decimal(1_000_000_000)}
_NUMBER = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)\s*([kmb]?)$", re.IGNORECASE)


def parse_number(text: str) -> int | float | None:
    """A number from how people write it: `10000`, `10,000`, `10 000`, `10k`, `1.5M`, `$0.03`.

    Returns None when the text is not a number. Integral results come back as int.
    """
    cleaned = text.strip().replace(",", "").replace("_", "").replace(" ", "")
    cleaned = cleaned.removeprefix("$")
    match = _NUMBER.match(cleaned)
    if not match:
        return None
    try:
        number = Decimal(match.group(1)) * _SCALE.get(match.group(2).lower(), Decimal(1))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    if number == number.to_integral_value() and abs(number) < Decimal(10) ** 18:
        return int(number)
    as_float = float(number)
    return as_float if math.isfinite(as_float) else None


def format_number(value: float, unit: str = "") -> str:
    """`20000` → `20,000`; `0.5` → `0.5`; money units get a dollar sign."""
    if unit == "usd":
        if abs(value) >= 1 or round(value, 2) == value:
            return f"${value:,.2f}"
        return "$" + f"{value:.6f}".rstrip("0")
    if isinstance(value, int) or float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text


def source_of(question: Question) -> ChoiceSource | None:
    """The data a choice question takes its other choices from, if it names one."""
    return question.choice_source


def choice_ids(question: Question) -> list[str]:
    """The question's own choice ids, then a few that stand for its source (for tools that
    try every kind of answer)."""
    ids = [c.id for c in question.choices]
    source = source_of(question)
    if source is not None:
        ids += [s for s in source.samples() if s not in ids]
    return ids


def expected(question: Question) -> str:
    """What a valid answer looks like, in words."""
    ids = ", ".join(f"'{c.id}'" for c in question.choices)
    if question.kind == "choice":
        source = source_of(question)
        if source is not None:
            return f"{source.what}, or {ids}"
        return f"one of {ids}"
    if question.kind == "multi_choice":
        return f"one or more of {ids}"
    if question.kind == "yes_no":
        return "yes or no (true or false)"
    if question.kind == "text":
        return f"text of at most {question.max_length:,} characters"
    noun = "an integer" if question.integer else "a number"
    low, high = question.min, question.max
    if low is not None and high is not None:
        return f"{noun} from {format_number(low)} to {format_number(high)}"
    if low is not None:
        return f"{noun} ≥ {format_number(low)}"
    if high is not None:
        return f"{noun} ≤ {format_number(high)}"
    return noun


def found(raw: Any) -> str:
    """A short, literal description of what the user gave."""
    return shown(raw, "toml")


def _fail(question: Question, raw: Any, hint: str = "") -> AnswerError:
    return AnswerError(question.id, expected(question), found(raw) + hint)


def _choice_id(question: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raise _fail(question, raw)
    for choice in question.choices:  # as saved and as the chat sends it: the id itself
        if choice.id == raw:
            return raw
    wanted = raw.strip().lower()
    for choice in question.choices:
        if choice.id.lower() == wanted:
            return choice.id
    candidates = [c.id for c in question.choices]
    source = source_of(question)
    if source is not None:
        resolved = source.resolve(raw.strip())
        if resolved is not None:
            return resolved
        hint = source.hint(raw.strip())
        if hint:
            raise _fail(question, raw, hint)
    raise _fail(question, raw, did_you_mean(raw.strip(), candidates))


def _number(question: Question, raw: Any) -> int | float:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise _fail(question, raw)
    number = parse_number(raw) if isinstance(raw, str) else raw
    if number is None or (isinstance(number, float) and not math.isfinite(number)):
        raise _fail(question, raw)
    if question.integer:
        if isinstance(number, float):
            if not number.is_integer():
                raise _fail(question, raw)
            number = int(number)
    elif isinstance(number, int) and abs(number) > 10**18:
        raise _fail(question, raw)
    if question.min is not None and number < question.min:
        raise _fail(question, raw)
    if question.max is not None and number > question.max:
        raise _fail(question, raw)
    return number + 0.0 if isinstance(number, float) else number  # -0.0 is 0: no "-0.0"


def _text(question: Question, raw: Any) -> str:
    if not isinstance(raw, str):
        raise _fail(question, raw)
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    unsafe = first_unsafe(text)
    if unsafe is not None:
        position, char = unsafe
        raise AnswerError(
            question.id, "printable text", f"{describe_char(char)} at position {position + 1}"
        )
    if len(text) > question.max_length:
        raise AnswerError(question.id, expected(question), f"{len(text):,} characters")
    return text


def coerce(question: Question, raw: Any) -> Value:
    """The normalised answer, or AnswerError naming the question, expected and found."""
    kind = question.kind
    if kind == "choice":
        return _choice_id(question, raw)
    if kind == "multi_choice":
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list | tuple) or not items:
            raise _fail(question, raw)
        picked = {_choice_id(question, item) for item in items}
        return [c.id for c in question.choices if c.id in picked]
    if kind == "yes_no":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in _YES | _NO:
            return raw.strip().lower() in _YES
        raise _fail(question, raw)
    if kind == "number":
        return _number(question, raw)
    return _text(question, raw)


def check_bound(question: Question, value: Value, bound: Any) -> None:
    """AnswerError if a number exceeds the earlier answer it may not exceed (`max_from`,
    whose value is `bound`; None or a non-number bounds nothing)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return
    if isinstance(bound, int | float) and not isinstance(bound, bool) and value > bound:
        low = format_number(question.min or 0)
        noun = "an integer" if question.integer else "a number"
        raise AnswerError(
            question.id,
            f"{noun} from {low} to {format_number(bound)} (your {question.max_from})",
            found(value),
        )


def describe(question: Question, value: Value) -> str:
    """An answer in words, as the reasons and reports show it."""
    if question.kind == "choice":
        choice = question.choice(str(value))
        if choice is not None:
            return choice.label
        source = source_of(question)
        label = source.label(str(value)) if source is not None else None
        return label or str(value)
    if question.kind == "multi_choice":
        labels = [c.label for c in question.choices if c.id in value]  # type: ignore[operator]
        return join_words(labels)
    if question.kind == "yes_no":
        return "yes" if value else "no"
    if question.kind == "number":
        return format_number(value, question.unit)  # type: ignore[arg-type]
    return str(value)


def months_in_words(value: float, places: int = 2) -> str:
    """A payback time people can read: 'under a day', '12 days', '3.5 months' — never
    '0.00 months' for a few days."""
    if value >= 1:
        return f"{value:,.{places}f} months"
    days = value * 30
    if days < 1:
        return "under a day"
    return f"{round(days)} day{'s' if round(days) != 1 else ''}"


def join_words(words: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]
