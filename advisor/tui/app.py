"""The chat application: one Session, the conversation screen and the report screen.

The app owns the session and the actions every screen and the command palette share
(back, restart, show and export the report, save a transcript), and keeps the
conversation on disk through advisor.transcript (autosave, resume, replay). It adds no
logic of its own to the session's: decisions, costs and wording all come from the engine
and the report.

Served (`advisor serve`, one app per browser tab) it is the same app with `served=True`:
the person at the browser may not be the person who owns the server's disk, so Export and
Save transcript hand the file to the browser as a download, and no saved conversation on
the server is offered for resuming.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, ClassVar

from textual import events
from textual.actions import SkipAction
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer

from advisor.engine.session import Session
from advisor.facts import Context
from advisor.flow.model import Flow
from advisor.tui import sending
from advisor.tui.chat_screen import ChatScreen
from advisor.tui.key_order import KeyOrder
from advisor.tui.saved import SavedConversations
from advisor.tui.transcripts import Keeper
from advisor.tui.widgets.conversation import UserSaid

REPLAY_PACE = 0.6  # seconds between answers when a saved conversation is played back


class AdvisorApp(SavedConversations, App[None]):
    CSS_PATH = "advisor.tcss"
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    # Below 22 rows the lists are shorter, so the line under them (how many models match,
    # a hint) stays in the answer area, which may take at most 60% of the height.
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (22, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "quit_key", "Quit", show=False, priority=True),
        # Only while the Keys panel is open (check_action): then escape closes it and
        # does nothing else; otherwise escape goes on to the screen (back, close, ...).
        Binding("escape", "hide_keys", "Close the keys", show=False, priority=True),
    ]

    def __init__(
        self,
        flow: Flow,
        *,
        context: Context | None = None,
        clock: Callable[[], datetime] | None = None,
        folder: str | None = None,
        cursor_blink: bool = True,
        sessions_dir: str | None = None,
        autosave: bool = True,
        resume: tuple[str, Any, Any] | None = None,
        replay: tuple[str, Any] | None = None,
        served: bool = False,
        replay_pace: float = REPLAY_PACE,
        given: Any = None,
    ) -> None:
        """`resume` is (path, transcript, Restored) from advisor.transcript.resume;
        `replay` is (path, transcript) to play back before going on; `served`: running in
        a browser tab (files go to the browser, nothing saved on the server is offered);
        `given` (advisor.given.Given): answers from files, offered as their questions come."""
        super().__init__()
        self.given = given
        self.flow = flow
        self.context = context
        self.clock = clock
        self.folder = folder or os.getcwd()  # where exports go by default
        self.served = served
        self.cursor_blink_enabled = cursor_blink
        self.title = flow.title
        self.keys = KeyOrder(self, super().on_event)  # keys one at a time, in order
        self.keeper = Keeper(sessions_dir, enabled=autosave, clock=clock)
        self.last_report: dict[str, Any] | None = None  # the report last shown
        self._shown: tuple[tuple[Any, ...], dict[str, Any], list[str]] | None = None
        self.start_notes: list[str] = []  # said in the chat before the next question
        self.replaying: Any = None  # the Restorer while a saved conversation plays back
        self.replay_path = ""
        self.replay_pace = replay_pace
        self._replay_steps: Any = None
        self._replay_timer: Timer | None = None
        self._resume_offered = resume is not None or replay is not None or served
        if resume is not None:
            path, transcript, restored = resume
            self.session: Session = restored.session
            self.keeper.follow(self.session, path, transcript.started_at, restored.draft)
            self.start_notes = [f"Resumed the conversation saved in {path}.", *restored.notes]
        elif replay is not None:
            from advisor.transcript import Restorer

            self.replay_path, transcript = replay
            self.replaying = Restorer(transcript, flow, context, clock, with_reactions=True)
            self._replay_steps = self.replaying.steps()
            self.session = self.replaying.session
        else:
            self.session = self._offering(Session(flow, context, clock))
            self.keeper.follow(self.session)
            if given is not None:
                self.start_notes = [*given.notes, given_note(given)]
        from advisor.costs.prices.genai_data import staleness

        old = staleness(self.session.context.today)  # said once, on the first screen
        if old:
            self.start_notes.append(old)

    def _offering(self, session: Session) -> Session:
        """The session, with the answers given in files offered (`advisor chat --answers`):
        each is offered as its question comes, to confirm or change."""
        if self.given is not None:
            for key, value in self.given.raw.items():
                session.offer(key, value, self.given.origins[key])
        return session

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if not event.is_forwarded:
                await self.keys.arrived(event)  # from the terminal: in turn
            else:
                await self.keys.back_at_app(event, lambda: super(AdvisorApp, self).on_event(event))
            return
        await super().on_event(event)

    def get_default_screen(self) -> Screen:
        return self._sized(ChatScreen())

    def _sized(self, screen: Screen) -> Screen:
        """Give a screen its breakpoint classes (-narrow or -wide, -short or -tall) before it
        is first styled: Textual adds them on the first resize, restyling every widget a
        second time."""
        for size, breakpoints in ((self.size.width, self.HORIZONTAL_BREAKPOINTS),
                                  (self.size.height, self.VERTICAL_BREAKPOINTS)):
            for _, name in breakpoints:
                screen.set_class(False, name)
            screen.add_class(next(n for at, n in reversed(breakpoints) if size >= at))
        return screen

    @property
    def chat(self) -> ChatScreen:
        for screen in self.screen_stack:
            if isinstance(screen, ChatScreen):
                return screen
        raise RuntimeError("the chat screen is not running")

    def on_mount(self) -> None:
        if self.replaying is not None:
            self._replay_timer = self.set_interval(self.replay_pace, self._replay_tick)
        # The transcript code (and pydantic) loads once the first question is on screen.
        self.screen.call_after_refresh(self._after_first_frame)

    def typed(self, question_id: str, text: str) -> None:
        """Text typed into the current question's field: on disk a moment later too."""
        if self.replaying is not None:
            return
        wait = self.keeper.typed(question_id, text)
        if wait is not None:
            if wait > 0:
                self.set_timer(wait, self._save_typed)
            else:
                self.session_changed()

    def _save_typed(self) -> None:
        self.keeper.draft_saving()
        self.session_changed()

    def session_changed(self) -> None:
        """Keep the conversation on disk: called after every answer, back and reopen."""
        if self.replaying is not None:
            return
        current = self.current_report() if self.session.finished else None
        problem = self.keeper.save(current[0] if current else None)
        if problem:
            self.notify(problem, severity="error", markup=False, timeout=10)

    # --- the report -------------------------------------------------------------------------

    def current_report(self) -> tuple[dict[str, Any], list[str]] | None:
        """The finished session's report (as `advisor run` builds it) and what changed."""
        if not self.session.finished:
            return None
        steps = self.session.steps
        key = (id(self.session), *((s.question_id, repr(s.value), s.at) for s in steps))
        if self._shown is None or self._shown[0] != key:
            from advisor.report import build_report  # (not needed to start the chat)
            from advisor.report.diff import what_changed

            report = build_report(self.session, {})
            changes: list[str] = []
            if self.last_report is not None:
                changes = what_changed(self.last_report, report, self.flow)
            self._shown = (key, report, changes)
            self.last_report = report
        return self._shown[1], self._shown[2]

    async def action_show_report(self) -> None:
        """Open the report; returns once it is on screen, so a key after the one that
        opened it reaches it (see advisor.tui.key_order)."""
        from advisor.tui.report_screen import ReportScreen

        current = self.current_report()
        if current is None:
            self.notify("Answer the remaining questions first.", severity="warning")
            return
        if isinstance(self.screen, ReportScreen):
            return
        report, changes = current
        await self.push_screen(self._sized(ReportScreen(report, self.flow, changes)))

    def action_pop_report(self) -> None:
        from advisor.tui.report_screen import ReportScreen

        if isinstance(self.screen, ReportScreen):
            self.pop_screen()
            self.chat.focus_answer()

    def action_pick_earlier(self) -> None:
        """shift+tab on the report: back to the conversation, the last answer picked."""
        self.action_pop_report()
        said = self.chat.query(UserSaid)
        if said:
            self.chat.set_focus(said.last())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "hide_keys":  # escape closes the Keys panel, when there is one
            return bool(self.screen.query("HelpPanel"))
        return True

    def action_hide_keys(self) -> None:
        self.action_hide_help_panel()

    # Export, Copy and Save transcript: advisor.tui.sending (to disk, or served, to the browser)

    def action_export(self) -> None:
        sending.export_report(self)

    def action_copy_report(self) -> None:
        sending.copy_report(self)

    def action_save_transcript(self) -> None:
        sending.save_conversation(self)

    # --- the conversation --------------------------------------------------------------------

    async def action_back_one(self) -> None:
        self.action_pop_report()
        await self.chat.action_back()

    def action_restart(self) -> None:
        from advisor.tui.confirm_screen import ConfirmScreen

        async def confirmed(yes: bool | None) -> None:
            if yes:
                await self.restart()

        if not self.session.steps:
            return
        self.push_screen(
            ConfirmScreen("Start over?", "Every answer given so far is cleared."), confirmed
        )

    async def restart(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ChatScreen):
            self.pop_screen()
        if self.replaying is not None:
            await self.action_skip_replay()
        self.session = self._offering(Session(self.flow, self.context, self.clock))
        self.keeper.follow(self.session)  # the old conversation stays saved as it was
        self.last_report = None
        self._shown = None
        await self.chat.rebuild()

    async def action_quit_key(self) -> None:
        """ctrl+c quits in a terminal. In a browser tab ctrl+c means copy, and quitting
        would end a conversation that cannot be resumed there: Textual's own ctrl+c
        (copy the selection, or say that ctrl+q quits) takes it."""
        if self.served:
            raise SkipAction()
        await self.action_quit()

    # --- the command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from advisor.tui.palette import commands

        return commands(self, screen, super().get_system_commands(screen))


def given_note(given: Any) -> str:
    """Said as the chat starts with answers from files."""
    measured = sum(1 for origin in given.origins.values() if origin.measured)
    marks = "marked measured" if measured else "marked with their file"
    if measured and measured < len(given.origins):
        marks = "marked measured, or with their file"
    return (
        f"Answers from {given.source} are offered as their questions come ({marks}): "
        "enter confirms each, or give another."
    )


def run_chat(flow: Flow, **options: Any) -> int:
    AdvisorApp(flow, **options).run()
    return 0
