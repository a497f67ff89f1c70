"""The `advisor` command line: parses arguments and hands each command to its module.

Results go to stdout, diagnostics to stderr. A user's mistake ends with one message and
the documented exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from advisor import __version__
from advisor.errors import AdvisorError

# Each command is a module with register(subparsers); only the one invoked is imported
# and registered, so a headless run pays for nothing else.
COMMANDS = {
    "chat": "chat_cmd",
    "run": "run_cmd",
    "replay": "replay_cmd",
    "sessions": "sessions_cmd",
    "flows": "flows_cmd",
    "prices": "prices_cmd",
    "serve": "serve_cmd",
    "measure": "measure_cmd",
}


# Commands whose whole work is bounded by their size-capped input files (one answers set,
# one flow): they run without the cyclic garbage collector, whose scans of the objects
# that starting up makes (and keeps) are a twentieth of a headless run. Every other command
# (a replay of thousands, a gigabyte of logs, the chat) collects as usual once parsed.
SHORT = frozenset({"run"})


def command_module(name: str) -> ModuleType:
    module_name = f"advisor.cli.{COMMANDS[name]}"
    __import__(module_name)  # the import statement's path: `python -X importtime` sees it
    return sys.modules[module_name]


def _terminal_columns() -> int:
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, sized without importing shutil (argparse builds one per
    argument, and shutil's import is a noticeable share of a headless run)."""

    def __init__(
        self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = width if width is not None else max(_terminal_columns() - 2, 40)
        super().__init__(prog, indent_increment, max_help_position, width)


class UsageError(AdvisorError):
    """A command line argparse refuses: one line like every other error, not a usage block."""


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that command is registered (the others are neither
    imported nor built)."""
    parser = _Parser(
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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        if only in (None, name):
            command_module(name).register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Every command goes through here, so every command gets the same
    guarded output (advisor.cli.streams): a failed write to standard output or error is
    one line and exit 2, and no control character from data reaches the terminal."""
    from advisor.cli import streams

    with streams.guarded():
        try:
            try:
                return _dispatch(list(sys.argv[1:] if argv is None else argv))
            finally:
                streams.flush()
        except streams.StreamError as error:
            return streams.failed(error)


def _dispatch(arguments: list[str]) -> int:
    if not arguments or (
        arguments[0].startswith("-") and arguments[0] not in ("-h", "--help", "--version")
    ):
        arguments.insert(0, "chat")  # plain `advisor [--flow …]` is `advisor chat [--flow …]`
    known = arguments[0] if arguments[0] in COMMANDS else None
    collecting = gc.isenabled()  # as it was: paused by advisor.launch, or a caller's own
    gc.disable()  # see SHORT
    try:
        args = build_parser(only=known).parse_args(arguments)
        if known not in SHORT:
            gc.enable()
        return int(args.handler(args))
    except AdvisorError as error:
        print(f"advisor: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("advisor: interrupted", file=sys.stderr)
        return 130
    finally:
        if collecting:
            gc.enable()
        else:
            gc.disable()
