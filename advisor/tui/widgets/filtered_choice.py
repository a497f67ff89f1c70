"""A choice among thousands (every model genai-prices knows): type to filter, ↑↓ to move,
enter to pick.

The list shows the default first, then the source's choices in its own order (current
models first), then the flow's own (`custom`); typing keeps the rows whose id or name holds
every word typed, an id typed in full first, then the ids that begin with it. Only the
first rows are drawn, so a keystroke costs the same over 30 choices or 3,000.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from advisor.choices import Choice
from advisor.errors import AnswerError
from advisor.flow import values
from advisor.flow.model import Question, Value
from advisor.tui.widgets.answers import AnswerPanel

SHOWN = 20  # rows laid out at most (8 show at a time); the rest are counted


def ordered_choices(question: Question, default: Value | None, today: date) -> list[Choice]:
    """The default, the source's choices, then the flow's own, each once."""
    source = values.source_of(question)
    found = list(source.options(today)) if source is not None else []
    by_id = {c.id: c for c in [*found, *question.choices]}
    first = by_id.get(str(default)) if default is not None else None
    if first is None and isinstance(default, str) and source is not None:
        label = source.label(default)
        first = Choice(default, label or default) if label else None
    rows = [first] if first is not None else []
    rows += [c for c in [*found, *question.choices] if first is None or c.id != first.id]
    return list({c.id: c for c in rows}.values())


def hanging(content: Content, width: int, indent: int = 4) -> Content:
    """`content` wrapped to `width` cells, every line after the first indented by `indent`
    cells, so a wrapped row reads as one row (unchanged when it fits, or before the list
    knows its width)."""
    if width <= indent + 8 or content.cell_length <= width:
        return content
    first = content.wrap(width)[0]
    text = content.plain
    cut = text.find(first.plain) + len(first.plain)
    while cut < len(text) and text[cut] == " ":
        cut += 1
    rest = content.divide([cut])[1] if cut < len(text) else Content("")
    lines = [first, *(Content(" " * indent) + line for line in rest.wrap(width - indent))]
    return Content("\n").join(lines)


class _Filter(Input):
    """The typing field: ↑↓ move through the list below it without leaving the field."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("pagedown", "move(10)", "Next page", show=False),
        Binding("pageup", "move(-10)", "Previous page", show=False),
    ]

    def action_move(self, step: int) -> None:
        panel = self.parent
        if isinstance(panel, FilteredChoiceAnswer):
            panel.move(step)

    async def action_submit(self) -> None:
        """Straight to the panel, not through a Submitted message: the app hands on the
        next key only after this one is handled (advisor.tui.key_order)."""
        panel = self.parent
        if isinstance(panel, FilteredChoiceAnswer):
            panel.submit(self.value)


class FilteredChoiceAnswer(AnswerPanel):
    keys_hint = "type to filter · ↑↓ move · enter pick"

    def __init__(
        self,
        question: Question,
        suggested: Value | None,
        default: Value | None,
        today: date,
        typed: str | None = None,
    ) -> None:
        super().__init__(question, suggested, default, typed)
        self.choices = ordered_choices(question, suggested or default, today)
        self.listed = len(self.choices)  # those offered; an id typed in full may add one
        self._index_of = {c.id: i for i, c in enumerate(self.choices)}
        self.today = today
        self._haystacks = [f"{c.id} {c.label}".lower() for c in self.choices]
        self.matches: list[int] = list(range(len(self.choices)))
        self._filtered_for = ""  # the text the matches are for
        self._moved = False  # the person moved the highlight since typing
        self._prompts: dict[tuple[int, bool, int], Content] = {}  # (choice, ▶, width) → row
        self._width = 0  # the cells a row has; a longer row wraps with a hanging indent
        self._pointed: int | None = None  # the row marked ▶, of those shown

    def compose(self) -> ComposeResult:
        yield self.control()
        options = OptionList(compact=True, classes="filtered-options")
        options.can_focus = False
        yield options
        yield Static(self.hint_content(), classes="feedback")

    def control(self) -> Widget:
        field = _Filter(
            value=self.typed or "",  # a resumed draft: the filter as the person left it
            placeholder="type part of a name or id, e.g. sonnet, gemini, nova",
            select_on_focus=False,
            classes="answer-control",
            compact=True,
        )
        field.cursor_blink = getattr(self.app, "cursor_blink_enabled", True)
        return field

    def on_mount(self) -> None:
        self.filter(self.typed or "")

    @property
    def options(self) -> OptionList:
        return self.query_one(".filtered-options", OptionList)

    def hint_content(self) -> Content:
        total = self.listed
        found = len(self.matches) if self.is_mounted else total
        count = f"{total:,} choices" if found == total else f"{found:,} of {total:,} match"
        more = f" (first {SHOWN} shown)" if found > SHOWN else ""
        return Content.styled(f"{count}{more} · {self.keys_hint}", "$text-muted")

    def filter(self, typed: str) -> None:
        self._moved = False
        self._filtered_for = typed
        words = typed.lower().split()
        if not words:
            self.matches = list(range(len(self.choices)))
        else:
            self.matches = [
                i
                for i, haystack in enumerate(self._haystacks)
                if all(word in haystack for word in words)
            ]
            if len(words) == 1:  # an id typed in full, or its start, goes first
                self.matches.sort(key=lambda i, word=words[0]: self._id_rank(i, word))
                named = self._named(words[0])
                if named is not None:
                    if named in self.matches:
                        self.matches.remove(named)
                    self.matches.insert(0, named)
        self._show()

    def _named(self, typed: str) -> int | None:
        """The row of the id typed in full, when it is not already first: enter takes that
        id (advisor:model-id forms too), so ▶ must point at it. An id the list leaves out
        (a model shut down) is added to the choices, once."""
        if self.matches and self._id_rank(self.matches[0], typed) == 0:
            return None
        source = values.source_of(self.question)
        choice = source.choice(typed, self.today) if source is not None else None
        if choice is None:
            return None
        index = self._index_of.get(choice.id)
        if index is None:
            index = self._index_of[choice.id] = len(self.choices)
            self.choices.append(choice)
            self._haystacks.append(f"{choice.id} {choice.label}".lower())
        return index

    def _id_rank(self, index: int, typed: str) -> int:
        """0: the id typed exactly; 1: an id that starts with it; 2: any other match. An
        older model typed in full would otherwise sit below newer ids that contain it
        (claude-sonnet-5 under claude-sonnet-5-5)."""
        choice_id = self.choices[index].id.lower()
        return 0 if choice_id == typed else 1 if choice_id.startswith(typed) else 2

    def on_resize(self) -> None:
        """Rows are wrapped for the width they have: rebuild them when it changes."""
        width = self.options.scrollable_content_region.width
        if width and width != self._width:
            self._width = width
            self._show(keep=True)

    def _prompt(self, index: int, pointed: bool) -> Content:
        """A row: ▶ on the highlighted one and the default named in words, so a
        monochrome terminal shows them too (made once each, on first show); too long for
        the list, it wraps under its name, not under the ▶ (a hanging indent)."""
        key = (index, pointed, self._width)
        prompt = self._prompts.get(key)
        if prompt is None:
            choice = self.choices[index]
            parts: list[str | tuple[str, str]] = [("▶ " if pointed else "  ", "bold"), choice.label]
            if choice.id == self.default and self.earlier is None:
                parts.append((" (default)", "italic"))
            if choice.id == self.earlier:
                parts.append((f" ({self.earlier_note})", "italic"))
            parts.append((f"  {choice.id}", "$text-muted"))
            if choice.hint:
                parts.append((f" · {choice.hint}", "$text-muted"))
            prompt = self._prompts[key] = hanging(Content.assemble(*parts), self._width)
        return prompt

    def _show(self, keep: bool = False) -> None:
        """Show the first matches, ▶ on the first; `keep`: on the row it was on."""
        options = self.options
        at = self._pointed if keep and self._pointed is not None else 0
        options.clear_options()
        shown = self.matches[:SHOWN]
        at = min(at, len(shown) - 1) if shown else 0
        self._pointed = at if shown else None
        options.add_options(
            [Option(self._prompt(i, n == at), id=self.choices[i].id) for n, i in enumerate(shown)]
        )
        if shown:
            options.highlighted = at
        self.feedback.update(self.hint_content())

    def _point(self, position: int | None) -> None:
        """Move ▶ to the row at `position` (of those shown)."""
        before, self._pointed = self._pointed, position
        options = self.options
        for at in {p for p in (before, position) if p is not None}:
            if at < options.option_count:
                index = self.matches[at]
                options.replace_option_prompt_at_index(at, self._prompt(index, at == position))

    def move(self, step: int) -> None:
        options = self.options
        if not options.option_count:
            return
        current = options.highlighted or 0
        options.highlighted = max(0, min(options.option_count - 1, current + step))
        self._point(options.highlighted)
        self._moved = True

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.options.highlighted != self._pointed:  # a click, not our own moves
            self._point(self.options.highlighted)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        # Not stopped: the chat keeps what is typed as the draft (saved, resumed).
        self.remove_class("-error")
        if event.value != self._filtered_for:
            self.filter(event.value)

    def submit(self, text: str) -> None:
        if text != self._filtered_for:  # typed faster than the list caught up
            self.filter(text)
        typed = text.strip()
        if typed and not self._moved:  # an id typed in full, unless a row was moved to
            try:
                value = values.coerce(self.question, typed)
            except AnswerError:
                value = None
            if value is not None:
                self.answer(value)
                return
        options = self.options
        index = options.highlighted
        if index is None or not options.option_count:
            self.show_error(f"nothing matches {typed!r}: clear the field to see every choice")
            return
        choice_id = options.get_option_at_index(index).id
        assert choice_id is not None
        is_default = self.earlier is None and choice_id == self.default and not typed
        self.answer(choice_id, defaulted=is_default)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.answer(event.option.id)
