"""The keys that work now, on one line at the bottom — Quit always first.

One widget drawing one line, in place of Textual's Footer (a widget per key, restyled
whenever focus moves, which it does on every answer, and twice at start for its compact
style): the chat starts and answers sooner. It redraws only when the keys shown change.
A click on a key presses it, as in Textual's footer.

A narrow terminal cuts the line at its right edge, so Quit comes first — a person must
always see how to leave — and below 80 columns the keys sit closer and the palette key
shows as `^p` alone: at 60 columns every key of the report fits.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

NARROW = 80  # columns below which the keys sit closer
QUIT_ACTIONS = ("quit", "app.quit")
PALETTE_ACTIONS = ("command_palette", "app.command_palette")


class Key(NamedTuple):
    key: str  # what a click presses
    display: str  # how it is shown: ^q, f1, esc
    description: str
    enabled: bool


class ChatFooter(Widget):
    DEFAULT_CSS = """
    ChatFooter {
        dock: bottom;
        width: 100%;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: tuple[tuple[Key, ...], Key | None] = ((), None)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of what is drawn

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        keys = self._shown(screen)
        if keys != self._keys:
            self._keys = keys
            self.refresh()

    def _shown(self, screen: Screen) -> tuple[tuple[Key, ...], Key | None]:
        """The keys to show (one per action, Quit first) and the palette's key."""
        app = self.app
        keys: dict[str, Key] = {}
        palette = None
        for _, binding, enabled, _ in screen.active_bindings.values():
            key = Key(binding.key, app.get_key_display(binding), binding.description, enabled)
            if binding.action in PALETTE_ACTIONS and app.ENABLE_COMMAND_PALETTE:
                palette = key
            elif binding.show and binding.action not in keys:
                keys[binding.action] = key
        first = [keys.pop(action) for action in QUIT_ACTIONS if action in keys]
        return (*first, *keys.values()), palette

    def on_resize(self) -> None:
        self.refresh()

    def render(self) -> Content:
        width = self.size.width
        narrow = self.app.size.width < NARROW
        keys, palette = self._keys
        gap = " " if narrow else "  "
        parts: list[Content] = []
        spans: list[tuple[int, int, str]] = []
        at = 0 if narrow else 1
        tail = Content("")
        if palette is not None:
            words = "" if narrow else f" {palette.description}"
            tail = Content.assemble(
                ("▏", "$foreground 20%"), (palette.display, "bold $footer-key-foreground"),
                words, " " if not narrow else "",
            )
        room = width - tail.cell_length
        for key in keys:
            piece = Content.assemble(
                (key.display, "bold $footer-key-foreground"), " ", key.description, gap
            )
            if not key.enabled:
                piece = piece.stylize("dim")
            parts.append(piece)
            spans.append((at, at + piece.cell_length, key.key))
            at += piece.cell_length
        line = Content.assemble(" " * (0 if narrow else 1), *parts)
        if line.cell_length > room:
            line = line.truncate(max(room, 0))
        else:
            line = line.pad_right(room - line.cell_length)
        if palette is not None:
            spans.append((room, width, palette.key))
        self._spans = spans
        return Content.assemble(line, tail)

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
