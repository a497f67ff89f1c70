"""A footer that redraws only when the keys it shows change, and always shows Quit.

Textual's Footer rebuilds all its keys whenever focus moves, and focus moves on every
answer (one answer panel replaces the next): that rebuild was the largest part of the
time from an answer to the next question. The keys shown rarely change, so skip it then.

Its keys are cut at the right edge of a narrow terminal, so Quit comes first — a person
must always see how to leave — and below 80 columns the keys go compact and the palette
key shows as `^p` alone: at 60 columns every key of the report then fits.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

NARROW = 80  # columns below which the keys go compact
QUIT_ACTIONS = ("quit", "app.quit")


class ChatFooter(Footer):
    _signature: tuple[Any, ...] | None = None

    def _shown(self) -> tuple[Any, ...]:
        return tuple(
            (binding.key, binding.description, binding.action, enabled)
            for (_, binding, enabled, _) in self.screen.active_bindings.values()
            if binding.show or binding.action == "app.command_palette"
        )

    def _narrow(self) -> bool:
        return self.app.size.width < NARROW

    def compose(self) -> ComposeResult:
        keys = list(super().compose())
        first = [k for k in keys if isinstance(k, FooterKey) and k.action in QUIT_ACTIONS]
        if self._narrow():
            for key in keys:
                if isinstance(key, FooterKey) and key.has_class("-command-palette"):
                    key.description = ""
        yield from first + [k for k in keys if k not in first]

    def on_resize(self) -> None:
        narrow = self._narrow()
        if narrow != self.compact:
            self.compact = narrow
            self._signature = None  # the palette key's words change with the width
            self.call_later(self.recompose)

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        signature = self._shown()
        if signature == self._signature and self.children:
            return
        self._signature = signature
        await super().recompose()
