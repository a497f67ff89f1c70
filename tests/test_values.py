"""Raw answers are checked in one place, with messages that say expected versus found."""

from __future__ import annotations

import math

import pytest

from advisor.choices import Choice
from advisor.errors import AnswerError
from advisor.flow.model import Question
from advisor.flow.values import coerce, describe, parse_number


def question(kind: str, **extra: object) -> Question:
    return Question(id="q", kind=kind, prompt="?", help="", routes=(), **extra)  # type: ignore[arg-type]


CHOICE = question("choice", choices=(Choice("yes", "Yes"), Choice("not_tried", "Not tried")))
MULTI = question("multi_choice", choices=(Choice("style", "style"), Choice("format", "format")))
COUNT = question("number", integer=True, min=0, max=1000)
PRICE = question("number", min=0, unit="usd")
TEXT = question("text", max_length=10)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("10000", 10000),
        ("10,000", 10000),
        ("10 000", 10000),
        ("10k", 10000),
        ("1.5M", 1500000),
        ("$0.03", 0.03),
        ("2.5e3", 2500),
        ("0.5", 0.5),
        ("-3", -3),
        ("1_000", 1000),
    ],
)
def test_parse_number_reads_what_people_type(text: str, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["", "ten", "1.2.3", "nan", "inf", "10kk", "1e999999"])
def test_parse_number_refuses_what_is_not_a_finite_number(text: str) -> None:
    assert parse_number(text) is None


def test_choice_ids_are_matched_case_insensitively_and_typos_suggested() -> None:
    assert coerce(CHOICE, "YES") == "yes"
    with pytest.raises(AnswerError) as caught:
        coerce(CHOICE, "not_tryed")
    assert str(caught.value) == (
        "question 'q': expected one of 'yes', 'not_tried', found 'not_tryed' "
        "(did you mean 'not_tried'?)"
    )


def test_multi_choice_takes_a_string_as_a_list_of_one_and_keeps_choice_order() -> None:
    assert coerce(MULTI, "format") == ["format"]
    assert coerce(MULTI, ["format", "style", "format"]) == ["style", "format"]
    with pytest.raises(AnswerError, match="expected one or more of"):
        coerce(MULTI, [])


def test_numbers_refuse_bools_nan_infinity_fractions_and_out_of_range() -> None:
    for bad in (True, math.nan, math.inf, -1, 1001, 2.5, "lots", None, [1]):
        with pytest.raises(AnswerError) as caught:
            coerce(COUNT, bad)
        assert "expected an integer from 0 to 1,000" in str(caught.value)
    assert coerce(COUNT, "1k") == 1000
    assert coerce(COUNT, 12.0) == 12


def test_yes_no_reads_words_and_bools() -> None:
    yes_no = question("yes_no")
    assert coerce(yes_no, "Yes") is True
    assert coerce(yes_no, False) is False
    with pytest.raises(AnswerError, match="yes or no"):
        coerce(yes_no, 1)


def test_text_keeps_markup_literally_but_refuses_control_characters() -> None:
    assert coerce(TEXT, " [/bold] ") == "[/bold]"
    with pytest.raises(AnswerError, match="U\\+001B \\(ESC\\) at position 1"):
        coerce(TEXT, "\x1b[31mred")
    with pytest.raises(AnswerError, match="11 characters"):
        coerce(TEXT, "x" * 11)


def test_describe_puts_answers_in_words() -> None:
    assert describe(COUNT, 20000) == "20,000"
    assert describe(PRICE, 0.03) == "$0.03"
    assert describe(PRICE, 0.0004) == "$0.0004"
    assert describe(CHOICE, "not_tried") == "Not tried"
    assert describe(MULTI, ["style", "format"]) == "style and format"
