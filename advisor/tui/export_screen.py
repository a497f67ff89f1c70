"""Export the report as Markdown or JSON to a path the person picks.

The file is written atomically (`advisor.fileio.atomic_write_text`): an existing file is
replaced only after the person confirms, and a folder that cannot be written gets one
clear message while the dialog stays open for another path.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from advisor.errors import BadInput
from advisor.fileio import atomic_write_text
from advisor.flow.model import Flow
from advisor.report import render

FORMATS = {"markdown": ("Markdown", ".md"), "json": ("JSON", ".json")}
BASE_NAME = "advisor-report"


def free_path(folder: str, extension: str) -> str:
    """advisor-report.md, or advisor-report-2.md … : a default that overwrites nothing."""
    candidate = os.path.join(folder, BASE_NAME + extension)
    number = 2
    while os.path.exists(candidate):
        candidate = os.path.join(folder, f"{BASE_NAME}-{number}{extension}")
        number += 1
    return candidate


class ExportScreen(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, report: dict[str, Any], flow: Flow, folder: str, fmt: str = "markdown"):
        super().__init__()
        self.report = report
        self.flow = flow
        self.folder = folder
        self.fmt = fmt
        self._suggested = free_path(folder, FORMATS[fmt][1])
        self._confirm_replace: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export the report"
            box.border_subtitle = "enter save · tab switch · esc cancel"
            yield Static(Content.styled("Format", "bold"), classes="field-label")
            yield OptionList(
                *[Option(self._format_label(fmt), id=fmt) for fmt in FORMATS],
                id="export-format",
                compact=True,
            )
            yield Static(Content.styled("Save to", "bold"), classes="field-label")
            field = Input(value=self._suggested, id="export-path", select_on_focus=False)
            field.cursor_blink = getattr(self.app, "cursor_blink_enabled", True)
            yield field
            yield Static("", id="export-message", classes="-empty")

    def _format_label(self, fmt: str) -> Content:
        label, extension = FORMATS[fmt]
        mark = "● " if fmt == self.fmt else "○ "
        return Content.assemble((mark, "$accent"), label, (f"  {extension}", "$text-muted"))

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = list(FORMATS).index(self.fmt)
        self.query_one(Input).focus()

    @on(OptionList.OptionHighlighted, "#export-format")
    def _format(self, event: OptionList.OptionHighlighted) -> None:
        fmt = event.option.id or "markdown"
        if fmt == self.fmt:
            return
        self.fmt = fmt
        formats = self.query_one("#export-format", OptionList)
        for index, option_fmt in enumerate(FORMATS):
            formats.replace_option_prompt_at_index(index, self._format_label(option_fmt))
        path_field = self.query_one(Input)
        if path_field.value == self._suggested:
            self._suggested = free_path(self.folder, FORMATS[fmt][1])
            path_field.value = self._suggested
        else:
            stem, _ = os.path.splitext(path_field.value)
            path_field.value = stem + FORMATS[fmt][1]

    @on(OptionList.OptionSelected, "#export-format")
    def _format_chosen(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirm_replace = None
        self._say("")

    def _say(self, message: str, style: str = "") -> None:
        line = self.query_one("#export-message", Static)
        line.update(Content.styled(message, style))
        line.set_class(not message, "-empty")

    @on(Input.Submitted, "#export-path")
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip()
        if not raw:
            self._say("Give a file name to save to.", "$error")
            return
        path = os.path.join(self.folder, os.path.expanduser(raw))
        if os.path.isdir(path):
            self._say(f"{path} is a folder: add a file name to it.", "$error")
            return
        if os.path.exists(path) and self._confirm_replace != path:
            self._confirm_replace = path
            self._say(f"{path} exists: press enter again to replace it.", "$warning")
            return
        try:
            atomic_write_text(path, render(self.report, self.fmt, self.flow))
        except BadInput as error:
            self._confirm_replace = None
            self._say(str(error), "$error")
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
