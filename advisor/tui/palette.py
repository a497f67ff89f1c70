"""What the command palette (ctrl+p) offers: the chat's actions for the screen it is
opened on, then Textual's Theme, Keys and Quit. README "The chat" lists exactly these
(a test compares the two)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from advisor.tui.app import AdvisorApp

TEXTUAL_KEPT = ("Theme", "Keys", "Quit")  # of Textual's own; Screenshot and Maximize are not


def commands(
    app: AdvisorApp, screen: Screen, textual: Iterable[SystemCommand]
) -> Iterable[SystemCommand]:
    from advisor.tui.report_screen import ReportScreen

    finished = app.session.finished
    if isinstance(screen, ReportScreen):
        yield SystemCommand(
            "Change answers", "Back to the conversation to change an answer (b)",
            app.action_pop_report,
        )
        yield SystemCommand("Start over", "Clear every answer and start again (r)",
                            app.action_restart)
    else:
        yield SystemCommand("Back", "Go back one question (esc)", app.action_back_one)
        yield SystemCommand("Restart", "Start the conversation over", app.action_restart)
    yield SystemCommand(
        "Save transcript", "Save this conversation to a file", app.action_save_transcript
    )
    if finished and not isinstance(screen, ReportScreen):
        yield SystemCommand("Show report", "Show the recommendation", app.action_show_report)
    later = "" if finished else " (once the questions are answered)"
    yield SystemCommand(
        "Export report", "Save the report as Markdown or JSON" + later, app.action_export
    )
    yield SystemCommand(
        "Copy report", "Copy the report as text to the clipboard" + later,
        app.action_copy_report,
    )
    kept = {command.title: command for command in textual if command.title in TEXTUAL_KEPT}
    yield from (kept[title] for title in TEXTUAL_KEPT if title in kept)
