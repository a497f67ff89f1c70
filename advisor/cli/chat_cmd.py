"""`advisor chat` (and plain `advisor`): the guided conversation in the terminal.

Textual is imported only here, inside the handler, so every other command stays free of
it. Everything that can be wrong with the arguments (the flow, a transcript to resume or
replay) is checked before the screen opens, so it gets the usual one-line message.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from advisor.cli.options import add_today, today_of
from advisor.cli.sessions_cmd import add_sessions_dir_option
from advisor.errors import BadInput


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "chat",
        help="the guided conversation (the default when no command is given)",
        description="Answer one question at a time and get a costed recommendation. "
        "The conversation is saved after every answer; an unfinished one is offered for "
        "resuming when the chat starts.",
    )
    parser.add_argument("--flow", metavar="ID|PATH", help="a shipped flow id or a flow file")
    add_today(parser)
    add_sessions_dir_option(parser)
    start = parser.add_mutually_exclusive_group()
    start.add_argument("--resume", metavar="FILE", help="go on with a saved conversation")
    start.add_argument(
        "--replay", metavar="FILE", help="play a saved conversation back, then change it"
    )
    parser.add_argument(
        "--no-autosave", action="store_true", help="do not save the conversation as it goes"
    )
    parser.add_argument(
        "--answers", action="append", metavar="FILE",
        help="offer the answers in this file (e.g. measured by `advisor measure`) as each "
        "question comes, to confirm or change; given more than once, a later file overrides",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from advisor.engine.flows import load_flow
    from advisor.facts import Context
    from advisor.flow.library import resolve

    if getattr(args, "answers", None) and (
        getattr(args, "resume", None) or getattr(args, "replay", None)
    ):
        raise BadInput(
            "--answers starts a new conversation; it cannot be used with --resume or --replay"
        )
    context = Context(today=today_of(args))
    options: dict[str, Any] = {
        "context": context,
        "sessions_dir": getattr(args, "sessions_dir", None),
        "autosave": not getattr(args, "no_autosave", False),
    }
    spec = getattr(args, "flow", None)
    if getattr(args, "resume", None):
        from advisor.transcript import resume

        transcript, restored = resume(args.resume, flow_spec=spec, context=context)
        flow = restored.session.flow
        options["resume"] = (args.resume, transcript, restored)
    elif getattr(args, "replay", None):
        from advisor.tui.transcripts import load_for_replay

        transcript, flow = load_for_replay(args.replay, spec)
        options["replay"] = (args.replay, transcript)
    else:
        flow = load_flow(resolve(spec))
    if getattr(args, "answers", None):
        options["given"] = _given(args, flow)
    for stream, name in ((sys.stdin, "standard input"), (sys.stdout, "standard output")):
        if stream is None or not stream.isatty():  # None: closed (`<&-`, `>&-`)
            raise BadInput(
                f"the chat needs a terminal, and {name} is not one; to answer from a file "
                "instead, use `advisor run --answers FILE` (see `advisor run --help`)"
            )
    from advisor.tui.app import run_chat

    return run_chat(flow, **options)


def _given(args: argparse.Namespace, flow: Any) -> Any:
    """The answers files, read and checked against the flow before the screen opens."""
    from advisor.engine.drive import check_answers
    from advisor.given import read_given

    given = read_given(args.answers)
    check_answers(flow, given.raw, given.source, given.origins)
    return given
