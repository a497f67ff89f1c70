"""The conversation: the advisor's questions and the person's answers, newest at the bottom.

The screen drives the app's `Session` and nothing else: it asks `session.current`, hands
answers to `session.answer`, and rebuilds the visible conversation from `session.steps`
after going back, so what is on screen is always what the session holds.
"""

from __future__ import annotations

from asyncio import gather
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from advisor.engine.offers import answers_from, offered_as
from advisor.errors import AnswerError
from advisor.tui.widgets.answers import AnswerPanel
from advisor.tui.widgets.conversation import (
    AdvisorIntro,
    AdvisorNote,
    AdvisorSays,
    UserRow,
    UserSaid,
)
from advisor.tui.widgets.footer import ChatFooter
from advisor.tui.widgets.header import ChatHeader
from advisor.tui.widgets.panels import panel_for
from advisor.tui.widgets.text import plain, progress_words

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


class ReplayPanel(Static, can_focus=True):
    """Shown in the answer area while a saved conversation plays back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "app.skip_replay", "Skip to the end"),
        Binding("enter", "app.skip_replay", "Skip to the end", show=False),
    ]

    def __init__(self, path: str) -> None:
        super().__init__(
            Content.assemble(
                ("Playing back ", "bold"),
                plain(path),
                "\n",
                ("space", "bold $accent"),
                " skip to the end, then change any answer",
            ),
            classes="answer-control ready",
        )


class ChatScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._kept: set[int] = set()  # step indexes re-answered from earlier answers
        self._reopened: str | None = None  # the question a what-if is changing

    @property
    def advisor_app(self) -> AdvisorApp:
        return self.app  # type: ignore[return-value]

    @property
    def session(self) -> Session:
        return self.advisor_app.session

    def compose(self) -> ComposeResult:
        # The first question is composed with the screen, not mounted after it: the person
        # sees it on the first frame.
        notes, self.advisor_app.start_notes = self.advisor_app.start_notes, []
        said, panel, title, subtitle = self._current(self._history(notes))
        yield ChatHeader()
        with VerticalScroll(id="conversation") as conversation:
            conversation.can_focus = False
            yield from said
        with Vertical(id="answer-area") as area:
            area.border_title, area.border_subtitle = title, subtitle
            yield panel
        yield ChatFooter()

    def on_mount(self) -> None:
        self.watch(self, "focused", self._focus_moved)
        self.query_one("#conversation").anchor()
        self.focus_answer()
        if self.session.finished and self.advisor_app.replaying is None:
            self.app.call_later(self.advisor_app.action_show_report)  # e.g. a resumed one

    # --- building what is shown -----------------------------------------------------------

    def _step_widgets(self, index: int) -> list[Widget]:
        from advisor.report.words import answer_words  # not needed for the first question

        step = self.session.steps[index]
        question = self.session.flow.questions[step.question_id]
        words = answer_words(question, step.value, step.defaulted)
        origin = answers_from(self.session).get(question.id)
        if origin is not None:
            words += f" ({origin.note})"
        widgets: list[Widget] = [
            AdvisorSays(question),
            UserRow(UserSaid(question.id, words, kept=index in self._kept)),
        ]
        said = self.session.reactions.get(index)
        if said:
            widgets.append(AdvisorNote(said))
        return widgets

    def _history(self, notes: list[str] | None = None) -> list[Widget]:
        """The conversation so far, as the session holds it."""
        count = len(self.session.steps)
        self._kept = {i for i in self._kept if i < count}
        widgets: list[Widget] = []
        if self.session.flow.description:
            widgets.append(AdvisorIntro(self.session.flow.description))
        for index in range(count):
            widgets += self._step_widgets(index)
        widgets += [AdvisorNote(note, kind="note") for note in notes or []]
        return widgets

    def _current(self, said: list[Widget]) -> tuple[list[Widget], Widget, str, str]:
        """`said` plus the current question, its answer panel (or, once finished, the
        ready panel), and the answer area's title and subtitle."""
        session = self.session
        question = session.current
        if self.advisor_app.replaying is not None:
            if question is not None:
                said = [*said, AdvisorSays(question)]
            return said, ReplayPanel(self.advisor_app.replay_path), "playing back", ""
        if question is None:
            outcome = session.outcome
            assert outcome is not None
            return said, ReadyPanel(session.render(outcome.title)), "done", ""
        keeper = self.advisor_app.keeper
        draft = keeper.draft  # text typed but not confirmed: only for this question
        typed = draft[1] if draft is not None and draft[0] == question.id else None
        keeper.draft = (question.id, typed) if typed else None
        panel = panel_for(
            question,
            session.suggested(question),
            session.default_for(question),
            session.context.today,
            typed,
            offered_as(session, question),
        )
        title = progress_words(session.progress())
        return [*said, AdvisorSays(question)], panel, title, "F1 help"

    async def rebuild(self, notes: list[str] | None = None) -> None:
        """Show the whole conversation again, after going back or a what-if."""
        with self.one_frame():
            await self.query_one("#conversation", VerticalScroll).remove_children()
            await self.show_current(self._history(notes))

    async def show_current(self, said: list[Widget]) -> None:
        """Add `said` to the conversation and ask the current question. Both are mounted
        together, so the screen lays out once."""
        conversation = self.query_one("#conversation", VerticalScroll)
        area = self.query_one("#answer-area", Vertical)
        said, panel, area.border_title, area.border_subtitle = self._current(said)
        old = list(area.children)
        with self.one_frame():
            await gather(conversation.mount_all(said), area.mount(panel))
            self.focus_answer()  # focus moves from the old panel straight to the new one
            for widget in old:
                widget.display = False  # gone from this frame on; removed in the background
            area.remove_children(old)
            conversation.scroll_end(animate=False)

    @contextmanager
    def one_frame(self) -> Iterator[None]:
        """Draw the changes made inside as one update: the screen is laid out once per
        answer, not once per mount, focus change and removal (most of an answer's time)."""
        with self.app.batch_update():
            yield
        self.refresh()  # the update held back while the batch was open

    def _focus_moved(self, focused: Widget | None) -> None:
        """Mark the answer area while it has the focus (it is drawn in the accent colour)."""
        area = self.query_one("#answer-area")
        area.set_class(focused is not None and area in focused.ancestors, "-answering")

    def focus_answer(self) -> None:
        """Focus the answer control now (not on the next turn of the app's queue, as
        `Widget.focus` does): the next key handed on must find it focused."""
        controls = self.query("#answer-area .answer-control")
        if controls:
            self.set_focus(controls.last(), scroll_visible=False)  # always in view

    # --- answering --------------------------------------------------------------------------

    @on(Input.Changed, "#answer-area Input")
    def _typed(self, event: Input.Changed) -> None:
        """Text typed but not confirmed is kept on disk too (a crash loses none of it)."""
        panel = event.input.parent
        if isinstance(panel, AnswerPanel) and panel.is_attached:
            text = event.value if event.value != panel.initial_text else ""
            self.advisor_app.typed(panel.question.id, text)

    async def take_answer(self, panel: AnswerPanel, value: Any, defaulted: bool) -> None:
        """An answer from the panel (run on the app's queue, before the next key)."""
        session = self.session
        question = session.current
        if question is None or question.id != panel.question.id or not panel.is_attached:
            return  # a late answer from a panel already replaced
        try:
            session.answer(value, defaulted=defaulted)
        except AnswerError as error:
            panel.show_error(error.short())
            return
        index = len(session.steps) - 1
        session.reaction()  # said under the answer, and kept with the conversation
        if self._reopened == question.id:
            await self._continue_what_if(index)  # saves once the what-if has settled
        elif session.finished:
            self.advisor_app.session_changed()  # on disk before the report shows
            # The report first: it is what the person sees; the conversation's last lines
            # are added under it, for when they go back to it.
            await self.advisor_app.action_show_report()
            await self.show_current(self._step_widgets(index)[1:])
            return
        else:
            self.advisor_app.session_changed()  # on disk before the next question shows
            await self.show_current(self._step_widgets(index)[1:])  # its question is shown
        if session.finished:
            await self.advisor_app.action_show_report()

    async def _continue_what_if(self, changed: int) -> None:
        """After an earlier answer changed: re-answer what still applies, then show it all."""
        session = self.session
        self._reopened = None
        session.continue_with_suggestions()
        self.advisor_app.session_changed()
        kept = range(changed + 1, len(session.steps))
        self._kept |= set(kept)
        notes = []
        if kept:
            notes.append(
                f"Kept {len(kept)} later answer{'s' if len(kept) != 1 else ''} that still "
                "apply (marked kept)."
            )
        from advisor.report.words import answer_words

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
        if self.advisor_app.replaying is not None:
            return
        if not self.session.back():
            self.notify("This is the first question.", severity="information")
            return
        self._reopened = None
        self.advisor_app.session_changed()
        await self.rebuild()

    async def replayed_step(self) -> None:
        """Show the answer a saved conversation just played back, and what follows it."""
        index = len(self.session.steps) - 1
        self.session.reaction()
        await self.show_current(self._step_widgets(index)[1:])

    async def change_answer(self, question_id: str) -> None:
        """Re-open an earlier answer (picked in the conversation) to change it."""
        if self.advisor_app.replaying is not None:
            return
        if self.session.reopen(question_id):
            self._reopened = question_id
            self.advisor_app.session_changed()
            await self.rebuild()

    # --- help -------------------------------------------------------------------------------

    def action_help(self) -> None:
        question = self.session.current
        if question is None:
            self.notify("The conversation is finished: press enter to see the report.")
            return
        from advisor.tui.help_screen import HelpScreen

        self.app.push_screen(HelpScreen(question))
