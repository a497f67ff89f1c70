"""The chat's title line: ◆ (a click opens the command palette) and the title, centred.

One widget drawing one line, in place of Textual's Header (four widgets, watchers and a
clock space): the chat starts sooner, and no title update can outlive it — Textual's
updates its title from a task that may run after its title widget is gone (closing the
app as the report opens), which stopped the app with an error.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "◆"


class ChatHeader(Widget):
    DEFAULT_CSS = """
    ChatHeader {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """

    def on_mount(self) -> None:
        self.tooltip = "◆ opens the command palette"
        self.watch(self.app, "title", self.refresh, init=False)

    def on_resize(self) -> None:
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        left = f" {ICON}  "
        room = max(width - 2 * len(left), 1)
        title = self.app.title
        if len(title) > room:
            title = title[: max(room - 1, 0)] + "…"
        return Content.assemble(left, title.center(room), " " * len(left))

    async def on_click(self, event: events.Click) -> None:
        if event.x < 4:  # the icon
            event.stop()
            await self.run_action("app.command_palette")
