"""A real headless Chromium, driven over its DevTools protocol (CDP), for `advisor serve`.

Debian's `chromium` package is used as it is: no browser download, no driver library, and
aiohttp's websocket client (installed with textual-serve) speaks the protocol. The page is
textual-serve's xterm.js terminal, which paints on a canvas; to read what it shows, a
script added before the page loads keeps the xterm.js Terminal object that the page's
add-ons receive, and `screen_text()` reads its screen buffer — the characters the person
sees. Keys go in as trusted key events, as if typed.

Nothing here sleeps to dodge a race: every wait polls for a condition, with a deadline.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import aiohttp

T = TypeVar("T")

INSTALL_HINT = "install it with `apt-get install -y chromium` (Debian) to run the browser tests"

# The network here is closed: flags that keep Chromium from phoning home (its refused
# connections would otherwise stall it) and from needing a GPU or a sandbox.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--remote-debugging-port=0",
]
VIEWPORT = {"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": False}

# xterm.js add-ons get the Terminal in `activate` as `this._terminal = terminal`: a setter
# on Object.prototype catches the first one and keeps it as window.__advisorTerminal.
KEEP_TERMINAL = """
Object.defineProperty(Object.prototype, "_terminal", {
  configurable: true,
  set(value) {
    if (!window.__advisorTerminal && value && value.buffer) window.__advisorTerminal = value;
    Object.defineProperty(this, "_terminal", {value, writable: true, configurable: true});
  },
});
"""

SCREEN_TEXT = """(() => {
  const term = window.__advisorTerminal;
  if (!term) return "";
  const buffer = term.buffer.active, lines = [];
  for (let y = 0; y < term.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    lines.push(line ? line.translateToString(true) : "");
  }
  return lines.join("\\n");
})()"""

KEYS = {
    "enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    "escape": {"key": "Escape", "code": "Escape", "windowsVirtualKeyCode": 27},
    "tab": {"key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9, "text": "\t"},
    "down": {"key": "ArrowDown", "code": "ArrowDown", "windowsVirtualKeyCode": 40},
    "pagedown": {"key": "PageDown", "code": "PageDown", "windowsVirtualKeyCode": 34},
    "ctrl+p": {"key": "p", "code": "KeyP", "windowsVirtualKeyCode": 80, "modifiers": 2},
}


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


async def until(
    check: Callable[[], Awaitable[T | None]], what: str, timeout: float = 30.0
) -> T:
    """Poll `check` until it returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        await asyncio.sleep(0.05)  # the polling interval, not a wait for an event


class Browser:
    """One headless Chromium with a fresh profile; downloads go to `downloads`."""

    def __init__(self, executable: str, profile: Path, downloads: Path) -> None:
        self.executable = executable
        self.profile = profile
        self.downloads = downloads
        self.process: subprocess.Popen[bytes] | None = None
        self._http: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._ids = itertools.count(1)
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._events: list[tuple[str, str | None, dict[str, Any]]] = []
        self._reader: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Browser:
        self.profile.mkdir(parents=True, exist_ok=True)
        self.downloads.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its helper processes go with it, as one group
        )
        port_file = self.profile / "DevToolsActivePort"

        async def endpoint() -> str | None:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"chromium exited with {self.process.returncode}")
            lines = port_file.read_text().split() if port_file.exists() else []
            return f"ws://127.0.0.1:{lines[0]}{lines[1]}" if len(lines) >= 2 else None

        url = await until(endpoint, "chromium's DevTools port")
        self._http = aiohttp.ClientSession()
        self._ws = await self._http.ws_connect(url, max_msg_size=0)
        self._reader = asyncio.create_task(self._read())
        await self.send(
            "Browser.setDownloadBehavior",
            {"behavior": "allowAndName", "downloadPath": str(self.downloads),
             "eventsEnabled": True},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self._ws is not None:
            await self._ws.close()
        if self._http is not None:
            await self._http.close()
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    async def _read(self) -> None:
        assert self._ws is not None
        async for message in self._ws:
            data = json.loads(message.data)
            if "id" in data:
                future = self._pending.pop(data["id"], None)
                if future is not None and not future.done():
                    if "error" in data:
                        future.set_exception(AssertionError(f"CDP error: {data['error']}"))
                    else:
                        future.set_result(data.get("result", {}))
            else:
                self._events.append((data["method"], data.get("sessionId"), data["params"]))

    async def send(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None
    ) -> dict[str, Any]:
        assert self._ws is not None
        message_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[message_id] = future
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        await self._ws.send_str(json.dumps(message))
        return await asyncio.wait_for(future, 30)

    def events(self, method: str) -> list[dict[str, Any]]:
        return [params for name, _, params in self._events if name == method]

    async def open(self, url: str) -> Tab:
        """A new tab showing `url`, with the terminal-keeping script in place first."""
        target = await self.send("Target.createTarget", {"url": "about:blank"})
        attached = await self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
        )
        tab = Tab(self, target["targetId"], attached["sessionId"])
        await tab.send("Page.enable")
        await tab.send("Emulation.setDeviceMetricsOverride", VIEWPORT)
        await tab.send("Page.addScriptToEvaluateOnNewDocument", {"source": KEEP_TERMINAL})
        await tab.send("Page.navigate", {"url": url})
        return tab

    def expect_download(self) -> Download:
        """Listen for the next download, before the action that starts it.

        Listening only after the key press returned lost the race about one run in nine on
        a busy machine: the download could complete (its events already read) while the
        press was still being acknowledged, and was then never seen."""
        return Download(self, len(self.events("Browser.downloadProgress")))


class Download:
    """A download expected from an action taken after this was made."""

    def __init__(self, browser: Browser, seen: int) -> None:
        self.browser = browser
        self.seen = seen  # progress events that came before: not this download's

    async def result(self, timeout: float = 30.0) -> tuple[str, str]:
        """(the file name the page gave, its text), once the download has completed."""
        browser = self.browser

        async def completed() -> dict[str, Any] | None:
            done = [e for e in browser.events("Browser.downloadProgress")[self.seen:]
                    if e["state"] == "completed"]
            return done[0] if done else None

        progress = await until(completed, "a download to complete", timeout)
        begun = next(e for e in browser.events("Browser.downloadWillBegin")
                     if e["guid"] == progress["guid"])
        path = browser.downloads / progress["guid"]
        return begun["suggestedFilename"], path.read_text(encoding="utf-8")


class Tab:
    def __init__(self, browser: Browser, target: str, session: str) -> None:
        self.browser = browser
        self.target = target
        self.session = session

    async def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return await self.browser.send(method, params, self.session)

    async def evaluate(self, expression: str) -> Any:
        result = await self.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}
        )
        return result["result"].get("value")

    async def screen_text(self) -> str:
        return await self.evaluate(SCREEN_TEXT) or ""

    async def wait_for(self, text: str, timeout: float = 30.0) -> str:
        """Wait until the terminal shows `text`; returns the whole screen."""

        async def shown() -> str | None:
            screen = await self.screen_text()
            return screen if text in screen else None

        try:
            return await until(shown, repr(text), timeout)
        except AssertionError as error:
            raise AssertionError(f"{error}; the page shows:\n{await self.screen_text()}") from None

    async def focus(self) -> None:
        await self.send("Page.bringToFront")
        await self.evaluate("window.__advisorTerminal && window.__advisorTerminal.focus()")

    async def type(self, text: str) -> None:
        """Type characters, one trusted key event each."""
        await self.focus()
        for char in text:
            for kind in ("keyDown", "keyUp"):
                await self.send(
                    "Input.dispatchKeyEvent",
                    {"type": kind, "key": char, "text": char if kind == "keyDown" else ""},
                )

    async def press(self, key: str) -> None:
        await self.focus()
        spec = KEYS[key]
        await self.send("Input.dispatchKeyEvent", {"type": "keyDown", **spec})
        up = {k: v for k, v in spec.items() if k != "text"}
        await self.send("Input.dispatchKeyEvent", {"type": "keyUp", **up})

    async def screenshot(self, path: Path) -> Path:
        shot = await self.send("Page.captureScreenshot", {"format": "png"})
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    async def close(self) -> None:
        await self.browser.send("Target.closeTarget", {"targetId": self.target})
