"""The chat application: one Session, the conversation screen and the report screen.

The app owns the session and the actions every screen and the command palette share
(back, restart, show and export the report, save a transcript). It adds no logic of its
own to the session's: decisions, costs and wording all come from the engine and the report.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from advisor.engine.session import Session
from advisor.facts import Context
from advisor.flow.model import Flow
from advisor.report import build_report, render
from advisor.report.diff import what_changed
from advisor.tui.chat_screen import ChatScreen
from advisor.tui.transcripts import save_transcript


class AdvisorApp(App[None]):
    CSS_PATH = "advisor.tcss"
    ENABLE_COMMAND_PALETTE = True
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (100, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(
        self,
        flow: Flow,
        *,
        context: Context | None = None,
        clock: Callable[[], datetime] | None = None,
        folder: str | None = None,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.flow = flow
        self.context = context
        self.clock = clock
        self.folder = folder or os.getcwd()  # where exports go by default
        self.cursor_blink_enabled = cursor_blink
        self.title = flow.title
        self.session = Session(flow, context, clock)
        self.last_report: dict[str, Any] | None = None  # the report last shown
        self._shown: tuple[tuple[Any, ...], dict[str, Any], list[str]] | None = None

    def get_default_screen(self) -> Screen:
        return ChatScreen()

    @property
    def chat(self) -> ChatScreen:
        for screen in self.screen_stack:
            if isinstance(screen, ChatScreen):
                return screen
        raise RuntimeError("the chat screen is not running")

    # --- the report -------------------------------------------------------------------------

    def current_report(self) -> tuple[dict[str, Any], list[str]] | None:
        """The finished session's report (as `advisor run` builds it) and what changed."""
        if not self.session.finished:
            return None
        steps = self.session.steps
        key = (id(self.session), *((s.question_id, repr(s.value), s.at) for s in steps))
        if self._shown is None or self._shown[0] != key:
            report = build_report(self.session, {})
            changes: list[str] = []
            if self.last_report is not None:
                changes = what_changed(self.last_report, report, self.flow)
            self._shown = (key, report, changes)
            self.last_report = report
        return self._shown[1], self._shown[2]

    def action_show_report(self) -> None:
        from advisor.tui.report_screen import ReportScreen

        current = self.current_report()
        if current is None:
            self.notify("Answer the remaining questions first.", severity="warning")
            return
        if isinstance(self.screen, ReportScreen):
            return
        report, changes = current
        self.push_screen(ReportScreen(report, self.flow, changes))

    def action_pop_report(self) -> None:
        from advisor.tui.report_screen import ReportScreen

        if isinstance(self.screen, ReportScreen):
            self.pop_screen()
            self.chat.focus_answer()

    def action_export(self) -> None:
        from advisor.tui.export_screen import ExportScreen

        current = self.current_report()
        if current is None:
            self.notify("There is no report to export yet.", severity="warning")
            return

        def saved(path: str | None) -> None:
            if path:
                self.notify(f"Saved the report to {path}", markup=False)

        self.push_screen(ExportScreen(current[0], self.flow, self.folder), saved)

    def action_copy_summary(self) -> None:
        current = self.current_report()
        if current is None:
            self.notify("There is no report to copy yet.", severity="warning")
            return
        self.copy_to_clipboard(render(current[0], "text", self.flow))
        self.notify("Copied the report (as text) to the clipboard.")

    # --- the conversation --------------------------------------------------------------------

    async def action_back_one(self) -> None:
        await self.action_pop_report()
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
        self.session = Session(self.flow, self.context, self.clock)
        self.last_report = None
        self._shown = None
        await self.chat.rebuild()

    def action_save_transcript(self) -> None:
        message, severity = save_transcript(self.session, self.folder)
        self.notify(message, severity=severity, markup=False)

    # --- the command palette -----------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        finished = self.session.finished
        yield SystemCommand("Back", "Go back one question", self.action_back_one)
        yield SystemCommand("Restart", "Start the conversation over", self.action_restart)
        yield SystemCommand(
            "Save transcript", "Save this conversation to a file", self.action_save_transcript
        )
        if finished:
            yield SystemCommand("Show report", "Show the recommendation", self.action_show_report)
        yield SystemCommand(
            "Export report",
            "Save the report as Markdown or JSON" if finished else "Finish the questions first",
            self.action_export,
        )
        yield SystemCommand(
            "Copy summary", "Copy the report as text to the clipboard", self.action_copy_summary
        )
        yield from super().get_system_commands(screen)


def run_chat(flow: Flow, **options: Any) -> int:
    AdvisorApp(flow, **options).run()
    return 0
