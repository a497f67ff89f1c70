"""Answer panels that take a pick from a list: one choice, yes or no, several choices."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual import events, on
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.option_list import Option, OptionDoesNotExist
from textual.widgets.selection_list import Selection

from advisor.flow.model import Question, Value
from advisor.tui.widgets.answers import AnswerPanel


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
            return self.earlier_note
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


