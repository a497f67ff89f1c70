"""`advisor sessions`: the conversations the chat saved, to resume or replay."""

from __future__ import annotations

import argparse
from typing import Any


def add_sessions_dir_option(parser: argparse.ArgumentParser) -> None:
    """The same option wherever sessions are read or saved (the chat uses it too)."""
    parser.add_argument(
        "--sessions-dir",
        metavar="DIR",
        help="where conversations are saved (default: the user's data folder, "
        "or $ADVISOR_SESSIONS_DIR)",
    )


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "sessions",
        help="list saved conversations (unfinished ones first)",
        description="List the transcripts the chat saved: unfinished conversations you can "
        "resume, and finished ones you can replay.",
    )
    add_sessions_dir_option(parser)
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    import sys

    from advisor.transcript.store import list_sessions, sessions_dir

    folder = sessions_dir(args.sessions_dir)
    entries = list_sessions(folder)
    if not entries:
        print(f"no saved conversations in {folder}")
        return 0
    print(f"saved conversations in {folder}:")
    for entry in sorted(entries, key=lambda e: not e.unfinished):
        t = entry.transcript
        if t is None:
            print(f"advisor: {entry.error}", file=sys.stderr)
            continue
        status = "unfinished" if t.status == "in_progress" else "complete"
        when = t.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        approach = f" → {t.outcome.approach}" if t.outcome else ""
        print(
            f"  {status:<10}  {when}  {t.flow.id}  {len(t.steps)} answers{approach}  "
            f"{entry.path}"
        )
    return 0
