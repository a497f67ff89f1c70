"""The report and the conversation out of the chat: Export, Copy report, Save transcript.

In a terminal they go to the person's disk and clipboard; served (`advisor serve`) the
person at the browser may not own the server's disk, so files go to the browser as
downloads and no clipboard tool of the server's is used.
"""

from __future__ import annotations

import io
from functools import partial
from typing import TYPE_CHECKING

from advisor.tui.transcripts import save_transcript_to, transcript_json

if TYPE_CHECKING:
    from advisor.tui.app import AdvisorApp


def export_report(app: AdvisorApp) -> None:
    from advisor.tui.export_screen import ExportScreen

    current = app.current_report()
    if current is None:
        app.notify("There is no report to export yet.", severity="warning")
        return

    def saved(path: str | None) -> None:
        if path:
            app.notify(_saved_words(app, "the report", path), markup=False)

    if app.served:
        screen = ExportScreen(current[0], app.flow, None, save=partial(download, app))
    else:
        screen = ExportScreen(current[0], app.flow, app.folder)
    app.push_screen(screen, saved)


def save_conversation(app: AdvisorApp) -> None:
    from advisor.tui.export_screen import TRANSCRIPT_FORMATS, SaveScreen

    session = app.session
    if not session.steps:
        app.notify("Answer a question first: there is nothing to save yet.")
        return
    current = app.current_report() if session.finished else None
    report = current[0] if current else None

    def write(path: str, fmt: str) -> None:
        if app.served:
            download(app, path, transcript_json(session, path, report))
        else:
            save_transcript_to(session, path, report)

    def saved(path: str | None) -> None:
        if path:
            app.notify(_saved_words(app, "the conversation", path), markup=False)

    app.push_screen(
        SaveScreen(
            "Save the conversation", TRANSCRIPT_FORMATS, "advisor-transcript",
            None if app.served else app.folder, write,
        ),
        saved,
    )


def copy_report(app: AdvisorApp) -> None:
    current = app.current_report()
    if current is None:
        app.notify("There is no report to copy yet.", severity="warning")
        return
    from advisor.report import render

    text = render(current[0], "text", app.flow)
    app.copy_to_clipboard(text)  # through the terminal (OSC 52), where it listens
    on_report = _on_report(app)
    app.run_worker(
        partial(_copy_with_desktop, app, text, on_report), thread=True, group="clipboard"
    )


def download(app: AdvisorApp, name: str, text: str) -> None:
    """Hand `text` to the browser as a file called `name` (served: the server's disk is
    never touched)."""
    app.deliver_text(io.StringIO(text), save_filename=name, encoding="utf-8")


def _copy_with_desktop(app: AdvisorApp, text: str, on_report: bool) -> None:
    """Also through the desktop's clipboard tool (it may take a moment; a thread), then
    say whether the copy can have reached a clipboard (advisor.tui.clipboard)."""
    from advisor.tui.clipboard import copy_and_say

    # Served, a clipboard tool would be the server's, not the person's.
    served = app.served or type(app._driver).__name__ == "WebDriver"
    message, copied = copy_and_say(
        text, terminal=not app.is_headless and not served, local=not served,
        export_key=on_report,
    )
    app.call_from_thread(app.notify, message, timeout=3 if copied else 8)


def _on_report(app: AdvisorApp) -> bool:
    from advisor.tui.report_screen import ReportScreen

    return isinstance(app.screen, ReportScreen)


def _saved_words(app: AdvisorApp, what: str, path: str) -> str:
    if app.served:
        return f"Sent {what} to your browser as a download: {path}"
    return f"Saved {what} to {path}"
