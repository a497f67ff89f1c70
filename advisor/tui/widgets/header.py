"""A header whose title updates cannot outlive it.

Textual's Header updates its title from an async watcher that runs a moment after the
header mounts; when the screen closes in that moment (quitting, or `b`, as the report
opens: keys typed ahead are handed on as soon as it is up), the watcher finds its title
widget gone and the app stops with an error. This one updates the title at once, and
only while the title is there.
"""

from __future__ import annotations

from textual.events import Mount
from textual.widgets import Header
from textual.widgets._header import HeaderTitle


class ChatHeader(Header):
    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # instead of Header's own watchers

        def set_title() -> None:
            titles = self.query(HeaderTitle) if self.is_attached else []
            for title in titles:
                title.update(self.format_title())

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
