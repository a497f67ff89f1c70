"""A footer that redraws only when the keys it shows change.

Textual's Footer rebuilds all its keys whenever focus moves, and focus moves on every
answer (one answer panel replaces the next): that rebuild was the largest part of the
time from an answer to the next question. The keys shown rarely change, so skip it then.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class ChatFooter(Footer):
    _signature: tuple[Any, ...] | None = None

    def _shown(self) -> tuple[Any, ...]:
        return tuple(
            (binding.key, binding.description, binding.action, enabled)
            for (_, binding, enabled, _) in self.screen.active_bindings.values()
            if binding.show or binding.action == "app.command_palette"
        )

    async def recompose(self) -> None:
        if not self.is_attached:
            return
        signature = self._shown()
        if signature == self._signature and self.children:
            return
        self._signature = signature
        await super().recompose()
