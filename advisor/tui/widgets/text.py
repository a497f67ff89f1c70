"""Turning flow and user text into what the chat shows, always literally.

Every string from a flow file or a user reaches the screen through `Content`, never as
markup, so `[/bold]`, `[USD]`, `[@click=app.quit]` or `$x` are shown as typed; and text
that comes from a file (a saved conversation's reactions, answers and draft, a file name)
goes through `plain`, so a character that steers a terminal is shown as its escape,
never sent to the terminal.
"""

from __future__ import annotations

import re
from typing import Any

from advisor.engine.session import Progress
from advisor.flow import values
from advisor.flow.model import Question
from advisor.textsafe import visible

_LABELLED_LINE = re.compile(r"^[A-Z][\w ()/-]{0,30}: ")


def plain(text: str) -> str:
    """Text as it is, except characters that steer a terminal (ESC, BEL, CSI, bidi
    overrides), shown as `\\uXXXX`: a crafted transcript's `\\x1b]52;…` must set no
    clipboard and clear no screen. The files are checked on the way in too; this holds
    whatever they hold."""
    return visible(text)


def paragraphs(text: str) -> list[str]:
    """Flow texts are hard-wrapped for the TOML file; rewrap them for the screen.

    Blank lines separate paragraphs; a line that starts with a short label and a colon
    ("Retrieval (RAG): …") starts a new one too, so lists of options stay lists.
    """
    result: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        current: list[str] = []
        for line in block.splitlines():
            line = line.strip()
            if current and _LABELLED_LINE.match(line):
                result.append(" ".join(current))
                current = []
            if line:
                current.append(line)
        if current:
            result.append(" ".join(current))
    return result


def one_line(text: str) -> str:
    return " ".join(paragraphs(text))


def progress_words(progress: Progress) -> str:
    """'question 4 · 2–5 to go': where the person is on their own path."""
    low, high = progress.low, progress.high
    if high is None:
        ahead = f"{low}+ to go"
    elif high == 0:
        ahead = "last question"
    elif low == high:
        ahead = f"{low} to go"
    else:
        ahead = f"{low}–{high} to go"
    return f"question {progress.number} · {ahead}"


def plain_number(value: float) -> str:
    """A number as the person would type it back into the field."""
    return values.format_number(value)


def number_forms(question: Question, bound: Any = None) -> str:
    """How a number may be typed, shown with examples only where they are answers: 1.5M
    is no answer to a question of 1 to 100 training runs. `bound`: the earlier answer it
    may not exceed (`max_from`), if known."""
    high = question.max
    if isinstance(bound, int | float) and not isinstance(bound, bool):
        high = bound if high is None else min(high, bound)
    if question.unit == "usd":
        return "$0.03 and 0.03 both work" if high is None or high >= 0.03 else (
            values.expected(question))
    if high is None or high >= 1_500_000:
        return "10k, 10,000 and 1.5M all work"
    if high >= 10_000:
        return "10k and 10,000 both work"
    noun = "an integer" if question.integer else "a number"
    return f"{noun} from {values.format_number(question.min or 0)} to {values.format_number(high)}"
