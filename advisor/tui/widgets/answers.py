"""The answer area: one panel per question kind, all handing answers on the same way.

Panels only collect what the person picked or typed; the session checks it
(`Session.answer` → `advisor.flow.values.coerce`), so a value is accepted or refused
exactly as in `advisor run`. Number and text fields check as the person submits, using
the same `coerce`, so the message appears under the field without losing what was typed.

An answer goes to the screen's `take_answer` on the app's queue, straight from the key
(or click) that gave it, never through a chain of widget messages: the app hands on the
next key only after it (advisor.tui.key_order), so a key typed right after an answer
reaches the next question, not the panel it replaces.
"""

from __future__ import annotations

from typing import Any, ClassVar, Protocol, cast

from rich.segment import Segment
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.strip import Strip
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, OptionList, SelectionList, Static
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.widgets.selection_list import Selection

from advisor.errors import AnswerError
from advisor.flow import values
from advisor.flow.model import Question, Value
from advisor.tui.text import plain_number, with_unit


class TakesAnswers(Protocol):
    """The screen an answer panel sits on (the chat)."""

    async def take_answer(self, panel: AnswerPanel, value: Any, defaulted: bool) -> None: ...


def _meaningless(event: events.Key) -> str | None:
    """The character of a key that types something but answers nothing here ('?' is help)."""
    character = event.character or ""
    if event.is_printable and character.strip() and character != "?":
        return character
    return None


class AnswerPanel(Vertical):
    """Base of every answer panel: the control, then one line of feedback under it."""

    keys_hint = "enter confirm"
    pick_words = ""  # how to answer, said when a key answers nothing

    def __init__(
        self,
        question: Question,
        suggested: Value | None,
        default: Value | None,
        typed: str | None = None,
    ):
        super().__init__(classes="answer-panel")
        self.question = question
        self.default = default
        # An earlier answer (after going back) is offered as such; otherwise the default.
        self.earlier = suggested if suggested is not None and suggested != default else None
        self.offered = suggested
        self.typed = typed  # text typed before (a resumed draft), for fields
        self.initial_text = ""  # what a field starts with: typing is what differs from it

    def compose(self) -> ComposeResult:
        yield self.control()
        yield Static(self.hint_content(), classes="feedback")

    def control(self) -> Widget:
        raise NotImplementedError

    def hint_content(self) -> Content:
        return Content.styled(self.keys_hint, "$text-muted")

    @property
    def feedback(self) -> Static:
        return self.query_one(".feedback", Static)

    def show_error(self, message: str) -> None:
        self.add_class("-error")
        self.feedback.update(Content.assemble(("✗ ", "bold"), message))

    def show_hint(self, message: str) -> None:
        """A key that did nothing: say what would work (less loud than an error)."""
        self.remove_class("-error")
        self.add_class("-hint")
        self.feedback.update(Content.assemble(("→ ", "bold"), message))

    def clear_error(self) -> None:
        if self.has_class("-error") or self.has_class("-hint"):
            self.remove_class("-error", "-hint")
            self.feedback.update(self.hint_content())

    def refuse_key(self, event: events.Key) -> bool:
        """Say so when a key that types a character means nothing here."""
        character = _meaningless(event)
        if character is None:
            return False
        event.stop()
        event.prevent_default()
        self.show_hint(f"'{character}' does nothing here: {self.pick_words}.")
        return True

    def focus_control(self) -> None:
        self.query_one(".answer-control").focus()

    def answer(self, value: Any, defaulted: bool = False) -> None:
        """Hand the answer to the chat; `defaulted` when it is the flow's default, accepted."""
        taker = cast(TakesAnswers, self.screen)
        self.app.call_later(taker.take_answer, self, value, defaulted)


def _numbered(
    number: int, label: str, hint: str = "", *, note: str = "", pointer: bool | None = None
) -> Content:
    """One option: its number key, label and hint; `note` says "(default)" or "(your
    earlier answer)"; `pointer` marks the highlighted option with ▶ — words and marks,
    not only colour, so a monochrome terminal shows them too."""
    parts: list[str | tuple[str, str]] = []
    if pointer is not None:
        parts.append(("▶ " if pointer else "  ", "bold"))
    key = f"{number} " if number <= 9 else "  "  # number keys reach the first nine
    parts += [(key, "bold $accent"), label]
    if note:
        parts.append((f"  ({note})", "italic"))
    if hint:
        parts.append((f"  {hint}", "$text-muted"))
    return Content.assemble(*parts)


class _Digits:
    """Number keys pick (or toggle) the n-th option."""

    def digit(self, event: events.Key, count: int) -> int | None:
        character = event.character or ""
        if len(character) == 1 and character.isdigit() and 1 <= int(character) <= count:
            event.stop()
            event.prevent_default()
            return int(character) - 1
        return None


class _Picks(OptionList):
    """An option list that answers on enter or a click; with nothing highlighted, enter
    says so instead of nothing."""

    def __init__(self, panel: _PickOne, *options: Option) -> None:
        super().__init__(*options, classes="answer-control", compact=True)
        self.panel = panel

    def action_select(self) -> None:
        highlighted = self.highlighted
        if highlighted is None:
            self.panel.nothing_picked()
        else:
            self.panel.picked(self.options[highlighted].id or "")


class _PickOne(AnswerPanel):
    """One choice from a list. Only what the person offers is highlighted (an earlier
    answer, or the flow's default): with nothing offered, a stray enter answers nothing."""

    _pointed: int | None = None  # the option marked ▶ (the highlighted one)

    def prompt(self, index: int, highlighted: bool) -> Content:
        raise NotImplementedError

    def note(self, choice_id: str) -> str:
        """What marks a choice besides colour: the default, or the answer given before."""
        if self.earlier is not None and self._as_id(self.earlier) == choice_id:
            return "your earlier answer"
        if self.default is not None and self._as_id(self.default) == choice_id:
            return "default"
        return ""

    def control(self) -> Widget:
        ids = [c.id for c in self.question.choices]
        offered = self._offered_id()
        self._pointed = ids.index(offered) if offered in ids else None
        options = [
            Option(self.prompt(i, i == self._pointed), id=c.id)
            for i, c in enumerate(self.question.choices)
        ]
        return _Picks(self, *options)

    def on_mount(self) -> None:
        self.query_one(_Picks).highlighted = self._pointed

    def _as_id(self, value: Value) -> str:
        return str(value)

    def _offered_id(self) -> str | None:
        return self._as_id(self.offered) if self.offered is not None else None

    def value_of(self, choice_id: str) -> Value:
        return choice_id

    def picked(self, choice_id: str) -> None:
        value = self.value_of(choice_id)
        self.answer(value, defaulted=self.earlier is None and value == self.default)

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.clear_error()
        options = self.query_one(_Picks)
        # Not the event's index: OptionList highlights its first option as it is built,
        # and that message arrives after on_mount has taken the highlight away again.
        before, self._pointed = self._pointed, options.highlighted
        for index in {i for i in (before, self._pointed) if i is not None}:
            prompt = self.prompt(index, index == self._pointed)
            options.replace_option_prompt_at_index(index, prompt)

    def nothing_picked(self) -> None:
        self.show_hint(f"Nothing picked yet: {self.pick_words}.")


class ChoiceAnswer(_PickOne, _Digits):
    def __init__(self, question: Question, suggested: Value | None, default: Value | None,
                 typed: str | None = None):
        super().__init__(question, suggested, default, typed)
        count = min(len(question.choices), 9)
        self.keys_hint = f"↑↓ move · 1–{count} pick · enter confirm"
        self.pick_words = f"pick one with 1–{count}, or ↑↓ then enter"
        if len(question.choices) > 9:
            self.keys_hint = "↑↓ or a letter move · 1–9 pick · enter confirm"
            self.pick_words = "pick one with 1–9, or ↑↓ (or a letter) then enter"

    def prompt(self, index: int, highlighted: bool) -> Content:
        choice = self.question.choices[index]
        return _numbered(
            index + 1, choice.label, choice.hint, note=self.note(choice.id), pointer=highlighted
        )

    def on_key(self, event: events.Key) -> None:
        choices = self.question.choices
        index = self.digit(event, len(choices))
        if index is not None:
            self.query_one(OptionList).highlighted = index
            self.answer(choices[index].id)
            return
        letter = (event.character or "").lower()
        if len(letter) == 1 and letter.isalpha():
            # A letter moves to the next choice starting with it: long lists stay quick.
            options = self.query_one(OptionList)
            start = options.highlighted if options.highlighted is not None else -1
            count = len(choices)
            for step in range(1, count + 1):
                candidate = (start + step) % count
                if choices[candidate].label.lower().startswith(letter):
                    event.stop()
                    options.highlighted = candidate
                    return
        self.refuse_key(event)


class YesNoAnswer(_PickOne):
    keys_hint = "y yes · n no · ↑↓ and enter"
    pick_words = "press y or n"

    def prompt(self, index: int, highlighted: bool) -> Content:
        key, label = ("y", "yes") if index == 0 else ("n", "no")
        parts: list[str | tuple[str, str]] = [
            ("▶ " if highlighted else "  ", "bold"), (f"{key} ", "bold $accent"), label
        ]
        if note := self.note(label):
            parts.append((f"  ({note})", "italic"))
        return Content.assemble(*parts)

    def _as_id(self, value: Value) -> str:
        return "yes" if value else "no"

    def value_of(self, choice_id: str) -> Value:
        return choice_id == "yes"

    def on_key(self, event: events.Key) -> None:
        if event.character in ("y", "Y", "n", "N"):
            event.stop()
            event.prevent_default()
            self.answer(event.character.lower() == "y")
            return
        self.refuse_key(event)


class _MultiList(SelectionList[str]):
    """Space (or a number key) toggles; enter confirms the whole selection."""

    BINDINGS: ClassVar = [
        Binding("space", "select", "Toggle", show=False),
        Binding("enter", "confirm", "Confirm", show=False),
    ]

    def __init__(self, panel: MultiChoiceAnswer, *selections: Selection[str]) -> None:
        super().__init__(*selections, classes="answer-control", compact=True)
        self.panel = panel

    def action_confirm(self) -> None:
        self.panel.confirm()

    def render_line(self, y: int) -> Strip:
        """The toggle shows X only when picked (Textual's shows it always, in another
        colour), so what is picked shows in a monochrome terminal too."""
        line = super().render_line(y)
        segments = list(line)
        index = self.scroll_offset.y + y
        if len(segments) > 1 and segments[1].text == ToggleButton.BUTTON_INNER:
            try:
                picked = self.get_option_at_index(index).value in self._selected
            except OptionDoesNotExist:
                return line
            if not picked:
                segments[1] = Segment(" " * len(segments[1].text), segments[1].style)
                return Strip(segments, line.cell_length)
        return line


class MultiChoiceAnswer(AnswerPanel, _Digits):
    def __init__(self, question: Question, suggested: Value | None, default: Value | None,
                 typed: str | None = None):
        super().__init__(question, suggested, default, typed)
        count = min(len(question.choices), 9)
        self.keys_hint = f"↑↓ move · space or 1–{count} toggle · enter confirm"
        self.pick_words = f"toggle with space or 1–{count}, then enter"

    def control(self) -> Widget:
        chosen = self.offered if isinstance(self.offered, list) else []
        return _MultiList(
            self,
            *[
                Selection(_numbered(n, c.label, c.hint), c.id, c.id in chosen)
                for n, c in enumerate(self.question.choices, start=1)
            ],
        )

    def confirm(self) -> None:
        picked = self.query_one(_MultiList).selected
        if not picked:
            self.show_error("Pick at least one: space toggles, enter confirms.")
            return
        ordered = [c.id for c in self.question.choices if c.id in picked]
        self.answer(ordered, defaulted=self.earlier is None and ordered == self.default)

    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        self.clear_error()

    def on_key(self, event: events.Key) -> None:
        index = self.digit(event, len(self.question.choices))
        if index is not None:
            selections = self.query_one(_MultiList)
            selections.highlighted = index
            selections.toggle(self.question.choices[index].id)
            return
        self.refuse_key(event)


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

    def __init__(self, question: Question, suggested: Value | None, default: Value | None,
                 typed: str | None = None):
        super().__init__(question, suggested, default, typed)
        self.accepts_empty = default is not None and self.earlier is None

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
            return Content.styled("enter confirm", "$text-muted")
        counter = f"{typed:,}/{limit:,} characters"
        if typed > limit:
            return Content.assemble(
                ("enter confirm · ", "$text-muted"), (f"{counter}: too long", "bold $text-error")
            )
        return Content.styled(f"enter confirm · {counter}", "$text-muted")


PANELS: dict[str, type[AnswerPanel]] = {
    "choice": ChoiceAnswer,
    "multi_choice": MultiChoiceAnswer,
    "yes_no": YesNoAnswer,
    "number": NumberAnswer,
    "text": TextAnswer,
}


def panel_for(
    question: Question, suggested: Value | None, default: Value | None, typed: str | None = None
) -> AnswerPanel:
    """The panel for a question; `typed` is text typed into its field before (resuming)."""
    return PANELS[question.kind](question, suggested, default, typed)
