"""The `advisor` command line: parses arguments and hands each command to its module.

Results go to stdout, diagnostics to stderr. A user's mistake ends with one message and
the documented exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from advisor import __version__
from advisor.cli import chat_cmd, flows_cmd, prices_cmd, replay_cmd, run_cmd, sessions_cmd
from advisor.errors import AdvisorError

COMMANDS = (chat_cmd, run_cmd, replay_cmd, sessions_cmd, flows_cmd, prices_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="advisor",
        description=(
            "Decide how to customise an LLM — prompt engineering, retrieval (RAG), "
            "fine-tuning or a hybrid — with the reasons, pitfalls and costs."
        ),
        epilog="With no command, advisor opens the chat (advisor chat --help). "
        "Exit codes: 0 ok · 1 outcome changed (replay) or findings (check) · "
        "2 bad input · 3 incomplete answers.",
    )
    parser.add_argument("--version", action="version", version=f"advisor {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments or (
        arguments[0].startswith("-") and arguments[0] not in ("-h", "--help", "--version")
    ):
        arguments.insert(0, "chat")  # plain `advisor [--flow …]` is `advisor chat [--flow …]`
    args = parser.parse_args(arguments)
    try:
        return int(args.handler(args))
    except AdvisorError as error:
        print(f"advisor: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("advisor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `advisor run … | head`); that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
