"""`advisor chat` (and plain `advisor`): the guided conversation in the terminal.

Textual is imported only here, inside the handler, so every other command stays free of it.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from advisor.errors import BadInput


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "chat",
        help="the guided conversation (the default when no command is given)",
        description="Answer one question at a time and get a costed recommendation.",
    )
    parser.add_argument("--flow", metavar="ID|PATH", help="a shipped flow id or a flow file")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from advisor.flow.library import resolve
    from advisor.flow.loader import load_flow

    flow = load_flow(resolve(getattr(args, "flow", None)))
    for stream, name in ((sys.stdin, "standard input"), (sys.stdout, "standard output")):
        if not stream.isatty():
            raise BadInput(
                f"the chat needs a terminal, and {name} is not one; to answer from a file "
                "instead, use `advisor run --answers FILE` (see `advisor run --help`)"
            )
    from advisor.tui import run_chat

    return run_chat(flow)
