"""Saving to a path the person picks: the report (Markdown or JSON) or the transcript.

Files are written atomically (`advisor.fileio.atomic_write_text` underneath): an existing
file is replaced only after the person confirms, and a folder that cannot be written gets
one clear message while the dialog stays open for another path. Without a folder (a chat
served to a browser) the dialog asks for a file name only, and `write` hands the file to
the browser.
"""

from __future__ import annotations

import os
from collections.abc import Callable
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

REPORT_FORMATS = {"markdown": ("Markdown", ".md"), "json": ("JSON", ".json")}
TRANSCRIPT_FORMATS = {"json": ("transcript (JSON)", ".json")}


def free_path(folder: str | None, base_name: str, extension: str) -> str:
    """NAME.ext, or NAME-2.ext … : a default that overwrites nothing (without a folder,
    just NAME.ext: the browser names downloads)."""
    if folder is None:
        return base_name + extension
    candidate = os.path.join(folder, base_name + extension)
    number = 2
    while os.path.exists(candidate):
        candidate = os.path.join(folder, f"{base_name}-{number}{extension}")
        number += 1
    return candidate


class SaveScreen(ModalScreen[str | None]):
    """Pick a format (when there are several) and a path; `write(path, fmt)` saves.
    With `folder` None, a file name only: no path on this machine is read or written."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        title: str,
        formats: dict[str, tuple[str, str]],
        base_name: str,
        folder: str | None,
        write: Callable[[str, str], None],
    ) -> None:
        super().__init__()
        self.title_text = title
        self.formats = formats
        self.base_name = base_name
        self.folder = folder
        self.write = write
        self.fmt = next(iter(formats))
        self._suggested = free_path(folder, base_name, formats[self.fmt][1])
        self._confirm_replace: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = self.title_text
            several = len(self.formats) > 1
            verb = "save" if self.folder is not None else "download"
            box.border_subtitle = f"enter {verb} · tab switch · esc cancel" if several else (
                f"enter {verb} · esc cancel"
            )
            if several:
                yield Static(Content.styled("Format", "bold"), classes="field-label")
                yield OptionList(
                    *[Option(self._format_label(fmt), id=fmt) for fmt in self.formats],
                    id="export-format",
                    compact=True,
                )
            label = "Save to" if self.folder is not None else "Download as"
            yield Static(Content.styled(label, "bold"), classes="field-label")
            field = Input(value=self._suggested, id="export-path", select_on_focus=False)
            field.cursor_blink = getattr(self.app, "cursor_blink_enabled", True)
            yield field
            yield Static("", id="export-message", classes="-empty")

    def _format_label(self, fmt: str) -> Content:
        label, extension = self.formats[fmt]
        mark = "● " if fmt == self.fmt else "○ "
        return Content.assemble((mark, "$accent"), label, (f"  {extension}", "$text-muted"))

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(OptionList.OptionHighlighted, "#export-format")
    def _format(self, event: OptionList.OptionHighlighted) -> None:
        fmt = event.option.id or self.fmt
        if fmt == self.fmt:
            return
        self.fmt = fmt
        formats = self.query_one("#export-format", OptionList)
        for index, option_fmt in enumerate(self.formats):
            formats.replace_option_prompt_at_index(index, self._format_label(option_fmt))
        path_field = self.query_one(Input)
        extension = self.formats[fmt][1]
        if path_field.value == self._suggested:
            self._suggested = free_path(self.folder, self.base_name, extension)
            path_field.value = self._suggested
        else:
            stem, _ = os.path.splitext(path_field.value)
            path_field.value = stem + extension

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
            self._say("Give a file name to save to.", "$text-error")
            return
        if self.folder is None:
            self._download(raw)
            return
        path = os.path.join(self.folder, os.path.expanduser(raw))
        if os.path.isdir(path):
            self._say(f"{path} is a folder: add a file name to it.", "$text-error")
            return
        if os.path.exists(path) and self._confirm_replace != path:
            self._confirm_replace = path
            self._say(f"{path} exists: press enter again to replace it.", "$text-warning")
            return
        try:
            self.write(path, self.fmt)
        except BadInput as error:
            self._confirm_replace = None
            self._say(str(error), "$text-error")
            return
        self.dismiss(path)

    def _download(self, name: str) -> None:
        if name != os.path.basename(name) or "\\" in name or name in (".", ".."):
            self._say(
                "Give a file name only: your browser decides where downloads go.",
                "$text-error",
            )
            return
        self.write(name, self.fmt)
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(SaveScreen):
    """The report, rendered exactly as `advisor run --format` renders it."""

    def __init__(
        self,
        report: dict[str, Any],
        flow: Flow,
        folder: str | None,
        save: Callable[[str, str], None] = atomic_write_text,
    ) -> None:
        """`save(path, text)` stores the rendering: atomically on disk, or (served, with
        no folder) as a download."""

        def write(path: str, fmt: str) -> None:
            save(path, render(report, fmt, flow))

        super().__init__("Export the report", REPORT_FORMATS, "advisor-report", folder, write)
        self.report = report
