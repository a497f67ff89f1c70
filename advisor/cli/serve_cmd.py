"""`advisor serve`: the chat in a browser, a fresh conversation per tab.

The server (advisor.tui.web, on textual-serve) runs `advisor serve --tab …` once per browser
tab: that process is the terminal chat's AdvisorApp with `served=True`, so files go to the
browser as downloads and nothing saved on the server is offered for resuming. Everything
a tab runs with — the flow, the day, the sessions folder — is fixed here, on the server's
command line; a browser can choose none of it. The flow is checked before the port is
opened, so a bad one gets the usual one-line message.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import threading
from typing import Any

from advisor.cli.options import add_today, today_of
from advisor.cli.sessions_cmd import add_sessions_dir_option
from advisor.errors import BadInput

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
ORPHAN_GRACE = 5.0  # seconds a tab's app gets to quit once its server is gone


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "serve",
        help="the chat in a browser (needs the serve extra)",
        description="Serve the chat to web browsers: open the address it prints, and every "
        "tab is a new conversation, saved like the terminal chat's. Listens on "
        f"{DEFAULT_HOST} (this machine only) unless --host says otherwise; there is no "
        "log-in. ctrl+c stops it.",
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST,
        help=f"the address to listen on (default {DEFAULT_HOST}: only this machine)",
    )
    parser.add_argument(
        "--port", default=str(DEFAULT_PORT),
        help=f"the port to listen on (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    parser.add_argument("--flow", metavar="ID|PATH", help="a shipped flow id or a flow file")
    add_today(parser)
    add_sessions_dir_option(parser)
    parser.add_argument(
        "--no-autosave", action="store_true", help="do not save the conversations"
    )
    # One browser tab's chat, started by the server itself; not for people.
    parser.add_argument("--tab", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=handle)


def port_of(text: str) -> int:
    try:
        port = int(text.strip())
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise BadInput(
            f"--port: expected a port number from 1 to 65535 (or 0 for any free port), "
            f"found {text!r}"
        )
    return port


def handle(args: argparse.Namespace) -> int:
    from advisor.engine.flows import load_flow
    from advisor.flow.library import resolve

    if args.tab:
        return _run_tab(args)
    port = port_of(args.port)
    path = resolve(args.flow)
    flow = load_flow(path)
    try:
        from advisor.tui.web import ChatServer, is_loopback, is_wildcard, url_of
    except ImportError:
        raise BadInput(
            "advisor serve needs the textual-serve package, which is not installed: "
            "install advisor with its serve extra, e.g. pip install 'advisor[serve]'"
        ) from None
    folder = _sessions_folder(args)
    command = [sys.executable, "-m", "advisor", "serve", "--tab", "--flow",
               os.path.abspath(path)]
    if args.today is not None:
        command += ["--today", args.today.isoformat()]
    command += ["--no-autosave"] if folder is None else ["--sessions-dir", folder]
    server = ChatServer("exec " + shlex.join(command), args.host, title=flow.title)

    def ready(bound: int) -> None:
        if not is_loopback(args.host):
            print(
                f"advisor: warning: listening on {args.host}: anyone who can reach this "
                "port can use the chat (there is no log-in)"
                + (f", and their conversations are saved in {folder}" if folder else "")
                + f"; the default, --host {DEFAULT_HOST}, keeps it to this machine",
                file=sys.stderr,
                flush=True,
            )
        where = url_of(args.host, bound)
        if is_wildcard(args.host):
            where += f" (and port {bound} of this machine's other addresses)"
        saved = f"Conversations are saved in {folder}." if folder else "Autosave is off."
        print(f"Serving the chat on {where} — open it in a browser; every tab is a new "
              f"conversation.\n{saved} Press ctrl+c to stop.", flush=True)

    still_open = server.serve_until_stopped(port, ready)
    plural = "" if still_open == 1 else "s"
    print(f"Stopped; closed {still_open} open conversation{plural}.", flush=True)
    return 0


def _sessions_folder(args: argparse.Namespace) -> str | None:
    """The absolute sessions folder every tab saves to, or None without autosave."""
    if args.no_autosave:
        return None
    from advisor.transcript.store import sessions_dir

    return os.path.abspath(sessions_dir(args.sessions_dir))


def _run_tab(args: argparse.Namespace) -> int:
    """One browser tab's chat: started by the server, it quits when the server asks (or
    disappears)."""
    from advisor.engine.flows import load_flow
    from advisor.facts import Context
    from advisor.flow.library import resolve
    from advisor.tui.app import AdvisorApp

    app = AdvisorApp(
        load_flow(resolve(args.flow)),
        context=Context(today=today_of(args)),
        sessions_dir=args.sessions_dir,
        autosave=not args.no_autosave,
        served=True,
    )
    _quit_with_server(app)
    app.run()
    return 0


def _quit_with_server(app: Any) -> None:
    """Quit the app if its server dies without telling it (a kill -9, a crash), so no
    tab's process outlives the server."""
    server = os.getppid()
    tick = threading.Event()  # never set: its wait is the poll interval

    def watch() -> None:
        while not tick.wait(1.0):
            if os.getppid() != server:
                last_resort = threading.Timer(ORPHAN_GRACE, os._exit, args=(1,))
                last_resort.daemon = True
                last_resort.start()
                app.call_from_thread(app.exit)
                return

    threading.Thread(target=watch, name="advisor-orphan-guard", daemon=True).start()
