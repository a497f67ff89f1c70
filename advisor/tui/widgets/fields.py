"""Answer panels the person types into: numbers and text."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.content import Content
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input

from advisor.errors import AnswerError
from advisor.flow import values
from advisor.flow.model import Question
from advisor.report.words import with_unit
from advisor.tui.widgets.answers import AnswerPanel
from advisor.tui.widgets.text import number_forms, plain_number


class _Coerces(Validator):
    """The session's own check (`coerce`), run as the person submits."""

    def __init__(self, question: Question, empty_ok: bool) -> None:
        super().__init__()
        self.question = question
        self.empty_ok = empty_ok

    def validate(self, value: str) -> ValidationResult:
        if self.empty_ok and not value.strip():
            return self.success()
        try:
            values.coerce(self.question, value)
        except AnswerError as error:
            return self.failure(error.short())
        return self.success()


class _Field(Input):
    """The panel's input: enter hands what is typed to the panel (checked there)."""

    def __init__(self, panel: _FieldAnswer, **options: Any) -> None:
        super().__init__(**options)
        self.panel = panel

    async def action_submit(self) -> None:
        self.panel.submit(self.value, self.validate(self.value))


class _FieldAnswer(AnswerPanel):
    """A typed answer: enter on an empty field accepts the default, if there is one."""

    @property
    def accepts_empty(self) -> bool:
        return self.default is not None and self.earlier is None

    def field(self, **options: Any) -> Input:
        """The input, holding the text typed before (a resumed draft), else `value`."""
        if self.typed is not None:
            options["value"] = self.typed
            options["select_on_focus"] = False  # go on typing where the person left off
        else:
            self.initial_text = options.get("value") or ""
        app = self.app
        field = _Field(
            self,
            validators=[_Coerces(self.question, self.accepts_empty)],
            validate_on=["submitted"],
            classes="answer-control",
            compact=True,
            **options,
        )
        field.cursor_blink = getattr(app, "cursor_blink_enabled", True)
        return field

    def submit(self, typed: str, result: ValidationResult | None) -> None:
        if result is not None and not result.is_valid:
            self.show_error(result.failure_descriptions[0])
            return
        if self.accepts_empty and not typed.strip():
            self.answer(self.default, defaulted=True)
        else:
            self.answer(typed)

    @on(Input.Changed)
    def _typing(self, event: Input.Changed) -> None:
        self.remove_class("-error")
        self.feedback.update(self.hint_content())


class NumberAnswer(_FieldAnswer):
    keys_hint = "enter confirm · 10k, 10,000 and 1.5M all work"

    def control(self) -> Widget:
        question = self.question
        session = getattr(self.app, "session", None)
        bound = session.facts.get(question.max_from) if session and question.max_from else None
        self.keys_hint = f"enter confirm · {number_forms(question, bound)}"
        if self.accepts_empty and self.default is not None:
            placeholder = f"{with_unit(self.question, self.default)} (default): press enter"
        else:
            placeholder = values.expected(self.question)
        value = plain_number(self.earlier) if isinstance(self.earlier, int | float) else None
        return self.field(value=value, placeholder=placeholder)


class TextAnswer(_FieldAnswer):
    """Free text. Over its length limit the counter says so and enter is refused, but
    nothing typed or pasted is cut off or thrown away."""

    def control(self) -> Widget:
        placeholder = "type your answer"
        if self.accepts_empty and self.default == "":
            placeholder += ", or press enter to skip"
        value = self.earlier if isinstance(self.earlier, str) else None
        return self.field(value=value, placeholder=placeholder)

    def hint_content(self) -> Content:
        typed = len(self.query_one(Input).value) if self.is_mounted else len(self.earlier or "")
        limit = self.question.max_length
        if not limit:
            return Content.assemble(*self.offered_words(), ("enter confirm", "$text-muted"))
        counter = f"{typed:,}/{limit:,} characters"
        if typed > limit:
            return Content.assemble(
                *self.offered_words(),
                ("enter confirm · ", "$text-muted"), (f"{counter}: too long", "bold $text-error"),
            )
        return Content.assemble(
            *self.offered_words(), (f"enter confirm · {counter}", "$text-muted")
        )


