"""A yes/no question before something that throws answers away."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "Cancel", show=False),
    ]

    def __init__(
        self, question: str, detail: str = "", *, yes: str = "yes", no: str = "no"
    ) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        parts: list[str | tuple[str, str]] = [(self.question, "bold")]
        if self.detail:
            parts += ["\n", self.detail]
        parts += ["\n\n", ("y", "bold $accent"), f" {self.yes}   ", ("n", "bold $accent"),
                  f" {self.no}"]
        with Vertical(id="confirm-box"):
            yield Static(Content.assemble(*parts))

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
