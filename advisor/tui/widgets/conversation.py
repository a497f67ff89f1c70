"""The lines of the conversation: what the advisor asks and says, and what the person answered."""

from __future__ import annotations

from typing import ClassVar, Protocol, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup
from textual.content import Content
from textual.widgets import Static

from advisor.flow.model import Question
from advisor.tui.widgets.text import one_line, plain


class AdvisorSays(Static):
    """A question as the advisor asks it: the prompt, and a one-line hint under it."""

    def __init__(self, question: Question) -> None:
        parts: list[str | tuple[str, str]] = [(question.prompt, "bold")]
        if question.hint:
            parts += ["\n", (question.hint, "italic $text-muted")]
        super().__init__(Content.assemble(*parts), classes="advisor-says")
        self.question_id = question.id


class AdvisorIntro(Static):
    """The flow's own description, and the keys that help most, before the first question."""

    def __init__(self, description: str) -> None:
        super().__init__(
            Content.assemble(
                one_line(description),
                "\n",
                ("F1", "bold $accent"),
                (" explains a question · ", "$text-muted"),
                ("esc", "bold $accent"),
                (" goes back · ", "$text-muted"),
                ("shift+tab", "bold $accent"),
                (" picks an earlier answer to change · ", "$text-muted"),
                ("ctrl+p", "bold $accent"),
                (" more", "$text-muted"),
            ),
            classes="advisor-intro",
        )


class AdvisorNote(Static):
    """A short line from the advisor: a reaction to an answer, or what a change kept."""

    def __init__(self, text: str, *, kind: str = "reaction") -> None:
        super().__init__(
            Content.assemble(("↳ ", "bold"), plain(text)), classes=f"advisor-note {kind}"
        )


class KeepsHistory(Protocol):
    """The screen the conversation is on (the chat)."""

    async def change_answer(self, question_id: str) -> None: ...

    def focus_answer(self) -> None: ...


class UserSaid(Static, can_focus=True):
    """One answer as given. Selecting it (enter or a click) re-opens its question.

    The change goes to the screen on the app's queue, straight from the key, so the keys
    typed after it reach the re-opened question (see advisor.tui.key_order).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "change", "Change this answer"),
        Binding("up", "neighbour(-1)", "Earlier", show=False),
        Binding("down", "neighbour(1)", "Later", show=False),
        Binding("escape", "leave", "Back to the question", show=False),
    ]

    def __init__(self, question_id: str, words: str, *, kept: bool = False) -> None:
        self.words, self.kept = plain(words), kept
        super().__init__(self._content(picked=False), classes="user-said")
        self.question_id = question_id
        self.tooltip = "enter or click: change this answer"

    def _content(self, picked: bool) -> Content:
        """The answer; once picked (shift+tab), marked in words, not only in colour."""
        parts: list[str | tuple[str, str]] = []
        if picked:
            parts.append(("▶ ", "bold"))
        parts.append(self.words)
        if self.kept:
            parts.append(("  kept", "italic $text-muted"))
        if picked:
            parts.append(("  enter: change", "italic"))
        return Content.assemble(*parts)

    def on_focus(self) -> None:
        self.update(self._content(picked=True))

    def on_blur(self) -> None:
        self.update(self._content(picked=False))

    @property
    def history(self) -> KeepsHistory:
        return cast(KeepsHistory, self.screen)

    def action_change(self) -> None:
        self.app.call_later(self.history.change_answer, self.question_id)

    def action_leave(self) -> None:
        """The person is done looking at earlier answers: back to the question."""
        self.history.focus_answer()

    def action_neighbour(self, step: int) -> None:
        said = list(self.screen.query(UserSaid))
        index = said.index(self) + step
        if 0 <= index < len(said):
            said[index].focus()
            said[index].scroll_visible()
        elif step > 0:
            self.action_leave()

    def on_click(self) -> None:
        self.action_change()


class UserRow(HorizontalGroup):
    """Holds an answer on the right-hand side, as chat apps do."""

    def __init__(self, said: UserSaid) -> None:
        super().__init__(classes="user-row")
        self.said = said

    def compose(self) -> ComposeResult:
        yield self.said
