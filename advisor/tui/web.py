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

Only `advisor serve` imports this module (it needs the `serve` extra); it imports neither
Textual nor the chat: the apps run in their own processes.
"""

from __future__ import annotations

import asyncio
import errno
import ipaddress
import os
import signal
import socket
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.server import Server

from advisor.errors import BadInput

STOP_TIMEOUT = 10.0  # seconds the tabs' apps get to quit when the server stops


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
        origin = request.headers.get("Origin")
        if not self._host_allowed(request) or (
            origin is not None and urlsplit(origin).netloc != request.host
        ):
            raise web.HTTPForbidden(text="advisor serve: this page may not open a chat\n")
        task = asyncio.current_task()
        assert task is not None
        self._tabs.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            self._tabs.discard(task)

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
