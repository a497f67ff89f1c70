"""Keys are handed on one at a time, each once the one before it has been handled.

Textual hands a key to the focused widget through message queues, and the key's
bindings run only once it has bubbled back up to the app. Sent quickly, a key can
overtake the one before it (a digit typed into a field whose `enter` has not been acted
on yet) or reach an answer panel that is about to be replaced, and vanish with it. So the
app keeps arriving keys in a queue and hands on the next only when the last is done:

- stopped by a widget that handled it — once that widget's handler has returned, or
- back at the app, with its bindings run.

Anything the key set off on the app's queue (an answer, going back, a what-if) was queued
before the next key is handed on, so runs first: the next key goes to whatever is
focused once that has settled — exactly as if the person had typed slowly.

A key lost in flight (its widget removed under it, say by a replay step) would hold up
every key after it; a watchdog hands the next one on if the widget it went to is gone,
or after `STALE` seconds.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from time import monotonic
from typing import Any

from textual import events
from textual._context import active_message_pump
from textual.app import App
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

STALE = 3.0  # seconds a key may take before the next one is handed on regardless
WATCH = 0.25  # how often a waiting queue checks on the key in flight


class OrderedKey(events.Key):
    """A key that tells its `KeyOrder` when a widget has handled (stopped) it."""

    def __init__(self, key: str, character: str | None, order: KeyOrder) -> None:
        super().__init__(key, character)
        self.order = order

    def stop(self, stop: bool = True) -> OrderedKey:
        super().stop(stop)
        if stop:
            self.order.stopped(self)
        return self


OrderedKey.handler_name = events.Key.handler_name  # handled as a Key: on_key, _on_key


class KeyOrder:
    """The app's queue of keys; `deliver` is the app's own key handling."""

    def __init__(self, app: App[Any], deliver: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app = app
        self.deliver = deliver
        self.waiting: deque[events.Key] = deque()
        self.out: OrderedKey | None = None  # handed on, not yet done
        self._target: Widget | None = None  # where it went
        self._since = 0.0
        self._at_app: OrderedKey | None = None  # back at the app, its bindings running
        self._watchdog: Timer | None = None

    async def arrived(self, key: events.Key) -> None:
        """A key from the terminal: hand it on now, or after the ones before it."""
        self.waiting.append(key)
        if self.out is None:
            await self.hand_on()
        elif self._watchdog is None:
            self._watchdog = self.app.set_timer(WATCH, self._watch)

    async def hand_on(self) -> None:
        if not self.app.screen_stack:  # the app is closing: nothing is there to type into
            self.waiting.clear()
            return
        while self.out is None and self.waiting:
            raw = self.waiting.popleft()
            key = OrderedKey(raw.key, raw.character, self)
            key.set_sender(self.app)  # as the terminal driver's keys are
            self.out, self._since = key, monotonic()
            self._target = self.app.focused or self.app.screen
            await self.deliver(key)
            if not key.is_forwarded:  # taken by a binding of the app itself
                self.out = None

    def stopped(self, key: OrderedKey) -> None:
        pump = active_message_pump.get(None)
        if isinstance(pump, Screen):
            # Textual stops every key at the screen as it passes it on to the app, whose
            # bindings then run: the key is done when those have (`back_at_app`).
            return
        if pump is None or pump is self.app:
            self.done(key)
        else:
            pump.call_next(self.done, key)  # once the handler that stopped it returns

    async def back_at_app(self, key: events.Key, handle: Callable[[], Awaitable[None]]) -> None:
        """Run the app's handling of a key that bubbled back up (its bindings), then done."""
        ordered = key if isinstance(key, OrderedKey) else None
        self._at_app = ordered
        try:
            if self.app.screen_stack:  # else the app is closing
                await handle()
        finally:
            self._at_app = None
            if ordered is not None:
                self.done(ordered)

    def done(self, key: OrderedKey) -> None:
        if key is self.out:
            self.out = None
            self.app.call_later(self.hand_on)

    def _watch(self) -> None:
        self._watchdog = None
        key = self.out
        if key is None:
            return
        gone = self._target is not None and not self._target.is_attached
        if key is not self._at_app and (gone or monotonic() - self._since > STALE):
            self.done(key)
        elif self.waiting:
            self._watchdog = self.app.set_timer(WATCH, self._watch)
