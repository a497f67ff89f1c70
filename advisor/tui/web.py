"""The chat in a browser: textual-serve's server, run with the lifecycle a server needs.

textual-serve (Textualize's package) serves the page, starts one app process per browser
tab (its `command`, through the shell) and relays that terminal over a websocket; files an
app delivers (`App.deliver_text`) reach the browser through its /download route. advisor
keeps all of that and adds: the address is printed only once the port is bound (a port in
use is one clear error); the page sends each browser back to the address it used; the
websocket refuses pages of other sites (a web page you visit must not open conversations
on your machine) and, on a loopback bind, host names that are not loopback ones (DNS
rebinding); and on ctrl+c or SIGTERM every tab's app is told to quit and waited for, so no
process is left behind.

A browser is not trusted with the server's memory or processes either: the window size it
asks for is capped (MAX_COLUMNS × MAX_ROWS cells: a tab of 8,000 × 8,000 took 403 MB, a
resize to 20,000 × 20,000 2.1 GB); a tab's process ends when its browser goes (told to
quit, its output drained so it is never stuck writing to nobody, killed if it has not
quit within TAB_QUIT_GRACE); and traffic that is not the page's own — a frame that is not
the page's JSON, a plain GET of the websocket's address — gets one line on standard
error (and the connection closed, or 400), not a traceback.

Only `advisor serve` imports this module (it needs the `serve` extra); it imports neither
Textual nor the chat: the apps run in their own processes.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import json
import os
import signal
import socket
import sys
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from advisor.errors import BadInput
from advisor.textsafe import visible

STOP_TIMEOUT = 10.0  # seconds the tabs' apps get to quit when the server stops
TAB_QUIT_GRACE = 3.0  # seconds a tab's app gets to quit once its browser has gone
MAX_COLUMNS, MAX_ROWS = 500, 200  # the largest window a browser gets (cells)


def window(width: Any, height: Any) -> tuple[int, int] | None:
    """A window size as the page sends it, within 1 … MAX_COLUMNS × 1 … MAX_ROWS; None if
    it is not two whole numbers."""
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (width, height)):
        return None
    return max(1, min(width, MAX_COLUMNS)), max(1, min(height, MAX_ROWS))


def _size_in(query: Any) -> tuple[int, int]:
    """The first window size, from the websocket's address (?width=…&height=…)."""
    def number(key: str, default: int) -> int:
        try:
            return int(query.get(key, default))
        except ValueError:
            return default

    return window(number("width", 80), number("height", 24)) or (80, 24)


def say(request: web.Request, what: str) -> None:
    """One line on the server's standard error about one client's traffic."""
    print(f"advisor: note: {request.remote or 'a client'}: {visible(what)}", file=sys.stderr,
          flush=True)


class Malformed(Exception):
    """A websocket frame that is not one the page sends."""


class TabProcess(AppService):
    """One tab's app process, as textual-serve runs it, but ended for sure when the tab
    goes: its output is drained (not left blocking the app) once the browser is gone, and
    it is killed if it has not quit in time."""

    gone = False  # the browser has gone: what the app draws goes nowhere

    async def on_data(self, payload: bytes) -> None:
        if self.gone:
            return
        try:
            await self.remote_write_bytes(payload)
        except (ConnectionError, RuntimeError):
            self.gone = True  # keep reading, so the app never blocks on a full pipe

    async def end(self) -> None:
        """Tell the app to quit, wait TAB_QUIT_GRACE at most, then kill it; reap it."""
        self.gone = True
        task, process = self._task, self._process
        if task is None or process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        try:
            await asyncio.wait_for(self.send_meta({"type": "quit"}), TAB_QUIT_GRACE)
            await asyncio.wait_for(asyncio.shield(task), TAB_QUIT_GRACE)
        except TimeoutError:
            if process.returncode is None:
                process.kill()
        await task  # ends once the process's output does
        self._task = None
        await process.wait()

    async def relay(self, message: Any, websocket: web.WebSocketResponse) -> None:
        """One frame from the page: keys, a resize (capped), a ping, focus or blur."""
        if message.type != WSMsgType.TEXT:
            raise Malformed(f"a {message.type.name.lower()} frame")
        try:
            envelope = json.loads(message.data)
        except ValueError:
            raise Malformed(f"a frame that is not JSON ({message.data[:40]!r})") from None
        kind = envelope[0] if isinstance(envelope, list) and envelope else None
        data = envelope[1] if isinstance(envelope, list) and len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            await self.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict) and (
            size := window(data.get("width"), data.get("height"))
        ):
            await self.set_terminal_size(*size)
        elif kind == "ping" and isinstance(data, str):
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await self.blur()
        elif kind == "focus":
            await self.focus()
        else:
            raise Malformed(f"a message the page never sends ({message.data[:60]!r})")


def is_loopback(host: str) -> bool:
    """True for names and addresses only this machine can reach."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    """0.0.0.0 or ::, every address of this machine."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def url_of(host: str, port: int) -> str:
    """The address to open; for a wildcard bind, this machine's loopback one."""
    if is_wildcard(host):
        host = "::1" if ":" in host else "127.0.0.1"
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


class ChatServer(Server):
    """textual-serve's Server, with the guards and bookkeeping above."""

    def __init__(self, command: str, host: str, title: str) -> None:
        super().__init__(command, host=host, port=0, title=title)
        self._tabs: set[asyncio.Task[Any]] = set()

    @property
    def open_tabs(self) -> int:
        return len(self._tabs)

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing yet: the address is printed once the port is bound."""

    async def handle_index(self, request: web.Request) -> Any:
        if not self._host_allowed(request):
            raise web.HTTPForbidden(text="advisor serve: unexpected host name\n")
        # The page tells the browser where the websocket is: at the address this browser
        # used (so a wildcard bind works from other machines). The base handler reads it
        # without awaiting anything first, so no other request can interleave.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.StreamResponse:
        """textual-serve's handler, with the guards above: one tab, one process, ended
        when the tab goes."""
        origin = request.headers.get("Origin")
        if not self._host_allowed(request) or (
            origin is not None and urlsplit(origin).netloc != request.host
        ):
            raise web.HTTPForbidden(text="advisor serve: this page may not open a chat\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        if not websocket.can_prepare(request).ok:
            say(request, "GET /ws without a websocket upgrade (it is the chat's websocket; "
                         "open / in a browser): answered 400")
            raise web.HTTPBadRequest(text="advisor serve: /ws is the chat's websocket; open / "
                                          "in a browser\n")
        task = asyncio.current_task()
        assert task is not None
        self._tabs.add(task)
        tab = TabProcess(
            self.command, write_bytes=websocket.send_bytes, write_str=websocket.send_str,
            close=websocket.close, download_manager=self.download_manager,
        )
        try:
            await websocket.prepare(request)
            await tab.start(*_size_in(request.query))
            async for message in websocket:
                await tab.relay(message, websocket)
        except Malformed as error:
            say(request, f"{error}: not the chat's page; connection closed")
            await websocket.close(code=1003)
        except asyncio.CancelledError:  # the server is stopping
            await websocket.close()
        except Exception as error:  # one line for the server's log, not a traceback
            say(request, f"the chat's connection failed: {type(error).__name__}: {error}")
            await websocket.close(code=1011)
        finally:
            try:
                await tab.end()
            finally:
                self._tabs.discard(task)
        return websocket

    def _cannot_listen(self, port: int, error: OSError) -> str:
        if error.errno == errno.EADDRINUSE:
            return (
                f"--port: port {port} on {self.host} is already in use; choose another "
                "(--port 0 picks a free one)"
            )
        if isinstance(error, socket.gaierror) or not error.errno:
            reason = error.strerror or str(error)  # a host name that does not resolve
        else:
            reason = os.strerror(error.errno)  # without aiohttp's wording around it
        return f"--host: cannot listen on {self.host} port {port}: {reason.lower()}"

    def _host_allowed(self, request: web.Request) -> bool:
        return not is_loopback(self.host) or is_loopback(request.url.host or "")

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab: its app is sent quit and its process waited for."""
        tabs = list(self._tabs)
        for task in tabs:
            task.cancel()
        if tabs:
            await asyncio.wait(tabs, timeout=STOP_TIMEOUT)

    def serve_until_stopped(self, port: int, ready: Callable[[int], None]) -> int:
        """Serve until SIGINT or SIGTERM; `ready(port)` once listening (the port bound,
        for --port 0). Returns the number of conversations that were still open."""
        return asyncio.run(self._serve(port, ready))

    async def _serve(self, port: int, ready: Callable[[int], None]) -> int:
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        runner = web.AppRunner(await self._make_app(), access_log=None)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, port)
            try:
                await site.start()
            except OSError as error:
                raise BadInput(self._cannot_listen(port, error)) from None
            ready(runner.addresses[0][1] if port == 0 else port)
            await stop.wait()
            return self.open_tabs
        finally:
            await runner.cleanup()
