"""Turning flow and user text into what the chat shows, always literally.

Every string from a flow file or a user reaches the screen through `Content`, never as
markup, so `[/bold]`, `[USD]`, `[@click=app.quit]` or `$x` are shown as typed; and text
that comes from a file (a saved conversation's reactions, answers and draft, a file name)
goes through `plain`, so a character that steers a terminal is shown as its escape,
never sent to the terminal.
"""

from __future__ import annotations

import re

from advisor.engine.session import Progress
from advisor.flow import values
from advisor.flow.model import Question, Value
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


def with_unit(question: Question, value: Value) -> str:
    """An answer in words, with its unit where the number alone would be ambiguous."""
    words = values.describe(question, value)
    if question.kind == "number" and question.unit and question.unit != "usd":
        words = f"{words} {question.unit}"
    return words


def answer_words(question: Question, value: Value, defaulted: bool = False) -> str:
    if question.kind == "text" and value == "":
        return "(skipped)"
    words = with_unit(question, value)
    return f"{words} (default)" if defaulted else words


def plain_number(value: float) -> str:
    """A number as the person would type it back into the field."""
    return values.format_number(value)
