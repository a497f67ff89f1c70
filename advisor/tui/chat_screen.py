"""The conversation: the advisor's questions and the person's answers, newest at the bottom.

The screen drives the app's `Session` and nothing else: it asks `session.current`, hands
answers to `session.answer`, and rebuilds the visible conversation from `session.steps`
after going back, so what is on screen is always what the session holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Static

from advisor.errors import AnswerError
from advisor.tui.text import answer_words, progress_words
from advisor.tui.widgets.answers import AnswerPanel, panel_for
from advisor.tui.widgets.conversation import (
    AdvisorIntro,
    AdvisorNote,
    AdvisorSays,
    UserRow,
    UserSaid,
)

if TYPE_CHECKING:
    from advisor.engine.session import Session
    from advisor.tui.app import AdvisorApp


class ReadyPanel(Static, can_focus=True):
    """Shown in the answer area once the conversation has reached its outcome."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "app.show_report", "Show the report")]

    def __init__(self, title: str) -> None:
        super().__init__(
            Content.assemble(
                ("Recommendation: ", "bold"),
                title,
                "\n",
                ("enter", "bold $accent"),
                " show the report · ",
                ("shift+tab", "bold $accent"),
                " change an earlier answer · ",
                ("esc", "bold $accent"),
                " back one question",
            ),
            classes="answer-control ready",
        )

    def on_click(self) -> None:
        self.run_action("app.show_report")


class ChatScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._reactions: dict[int, str] = {}  # step index → what the advisor said after it
        self._kept: set[int] = set()  # step indexes re-answered from earlier answers
        self._reopened: str | None = None  # the question a what-if is changing

    @property
    def advisor_app(self) -> AdvisorApp:
        return self.app  # type: ignore[return-value]

    @property
    def session(self) -> Session:
        return self.advisor_app.session

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        conversation = VerticalScroll(id="conversation")
        conversation.can_focus = False
        yield conversation
        yield Vertical(id="answer-area")
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one("#conversation").anchor()
        await self.rebuild()

    # --- building what is shown -----------------------------------------------------------

    def _step_widgets(self, index: int) -> list[Widget]:
        step = self.session.steps[index]
        question = self.session.flow.questions[step.question_id]
        widgets: list[Widget] = [
            AdvisorSays(question),
            UserRow(
                UserSaid(
                    question.id,
                    answer_words(question, step.value, step.defaulted),
                    kept=index in self._kept,
                )
            ),
        ]
        if index in self._reactions:
            widgets.append(AdvisorNote(self._reactions[index]))
        return widgets

    async def rebuild(self, notes: list[str] | None = None) -> None:
        """Show the whole conversation as the session now holds it."""
        count = len(self.session.steps)
        self._reactions = {i: t for i, t in self._reactions.items() if i < count}
        self._kept = {i for i in self._kept if i < count}
        conversation = self.query_one("#conversation", VerticalScroll)
        await conversation.remove_children()
        widgets: list[Widget] = []
        if self.session.flow.description:
            widgets.append(AdvisorIntro(self.session.flow.description))
        for index in range(count):
            widgets += self._step_widgets(index)
        widgets += [AdvisorNote(note, kind="note") for note in notes or []]
        await conversation.mount_all(widgets)
        await self.show_current()

    async def show_current(self) -> None:
        """Ask the current question, or say that the recommendation is ready."""
        session = self.session
        conversation = self.query_one("#conversation", VerticalScroll)
        area = self.query_one("#answer-area", Vertical)
        question = session.current
        if question is None:
            outcome = session.outcome
            assert outcome is not None
            title = session.render(outcome.title)
            panel: Widget = ReadyPanel(title)
            area.border_title = "done"
        else:
            await conversation.mount(AdvisorSays(question))
            panel = panel_for(question, session.suggested(question), session.default_for(question))
            area.border_title = progress_words(session.progress())
        area.border_subtitle = "F1 help" if question is not None else ""
        await area.remove_children()
        await area.mount(panel)
        conversation.scroll_end(animate=False)
        self.focus_answer()

    def focus_answer(self) -> None:
        controls = self.query("#answer-area .answer-control")
        if controls:
            controls.first().focus()

    # --- answering --------------------------------------------------------------------------

    @on(AnswerPanel.Answered)
    async def _answered(self, event: AnswerPanel.Answered) -> None:
        event.stop()
        session = self.session
        question = session.current
        if question is None or question.id != event.panel.question.id:
            return  # a late message from a panel already replaced
        try:
            session.answer(event.value, defaulted=event.defaulted)
        except AnswerError as error:
            event.panel.show_error(error.short())
            return
        index = len(session.steps) - 1
        reaction = session.reaction()
        if reaction:
            self._reactions[index] = reaction
        if self._reopened == question.id:
            await self._continue_what_if(index)
        else:
            conversation = self.query_one("#conversation", VerticalScroll)
            widgets = self._step_widgets(index)[1:]  # its question is already shown
            await conversation.mount_all(widgets)
            await self.show_current()
        if session.finished:
            self.advisor_app.action_show_report()

    async def _continue_what_if(self, changed: int) -> None:
        """After an earlier answer changed: re-answer what still applies, then show it all."""
        session = self.session
        self._reopened = None
        session.continue_with_suggestions()
        kept = range(changed + 1, len(session.steps))
        self._kept |= set(kept)
        notes = []
        if kept:
            notes.append(
                f"Kept {len(kept)} later answer{'s' if len(kept) != 1 else ''} that still "
                "apply (marked kept)."
            )
        flow = session.flow
        for question_id, value in session.dropped.items():
            question = flow.questions[question_id]
            notes.append(
                f"No longer asked on this path: {question.prompt} "
                f"(was {answer_words(question, value)})"
            )
        await self.rebuild(notes)

    # --- going back -------------------------------------------------------------------------

    async def action_back(self) -> None:
        if not self.session.back():
            self.notify("This is the first question.", severity="information")
            return
        self._reopened = None
        await self.rebuild()

    @on(UserSaid.ChangeRequested)
    async def _change(self, event: UserSaid.ChangeRequested) -> None:
        event.stop()
        if self.session.reopen(event.question_id):
            self._reopened = event.question_id
            await self.rebuild()

    @on(UserSaid.Leave)
    def _leave(self, event: UserSaid.Leave) -> None:
        event.stop()
        self.focus_answer()

    # --- help -------------------------------------------------------------------------------

    def action_help(self) -> None:
        question = self.session.current
        if question is None:
            self.notify("The conversation is finished: press enter to see the report.")
            return
        from advisor.tui.help_screen import HelpScreen

        self.app.push_screen(HelpScreen(question))
