"""When a logged request was made, as seconds since the Unix epoch (UTC).

Loggers write times as ISO 8601 text or as Unix numbers in seconds, milliseconds,
microseconds or nanoseconds (OpenTelemetry's `startTimeUnixNano`); the unit of a number is
read from its size, which is unambiguous for any date between 1973 and 5138.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

DAY = 86_400
_LAST = 253_402_300_800.0  # 10000-01-01: no later time is a date at all

# A Unix time above each bound is in the next smaller unit: 1e11 s is the year 5138,
# 1e11 ms is 1973.
_UNITS = ((1e17, 1e9), (1e14, 1e6), (1e11, 1e3))


def epoch(value: object) -> float:
    """Seconds since the epoch for a logged time; ValueError if it is none."""
    if isinstance(value, bool):
        raise ValueError("a time, found true or false")
    if isinstance(value, int | float):
        return _from_number(float(value))
    if isinstance(value, str):
        text = value.strip()
        if text.replace(".", "", 1).isdigit():
            return _from_number(float(text))
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError("a time that is neither ISO 8601 nor a Unix time") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)  # loggers that omit the zone write UTC
        return _checked(moment.timestamp())
    raise ValueError("a time, found a value that is neither text nor a number")


def _from_number(number: float) -> float:
    if not math.isfinite(number) or number <= 0:
        raise ValueError("a Unix time, found a number that is none")
    for bound, per_second in _UNITS:
        if number > bound:
            return _checked(number / per_second)
    return number


def _checked(seconds: float) -> float:
    if not 0 < seconds < _LAST:
        raise ValueError("a time between 1970 and 9999")
    return seconds


def day_of(seconds: float) -> int:
    """The UTC day, as days since the epoch."""
    return int(seconds // DAY)


def day_text(day: int) -> str:
    return date.fromordinal(day + _EPOCH_ORDINAL).isoformat()


def day_start(day: date) -> float:
    """The first second of a UTC day."""
    return float((day.toordinal() - _EPOCH_ORDINAL) * DAY)


def clock_text(seconds: float) -> str:
    """The UTC time of day, to the minute."""
    return datetime.fromtimestamp(seconds, UTC).strftime("%H:%M")


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
