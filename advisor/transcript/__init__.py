"""Saved conversations: the transcript format, atomic saves, resuming and replaying.

The names below are loaded on first use: the chat saves through `Autosaver`,
`save_data` and `pending_sessions`, which check transcripts in plain Python
(advisor.transcript.check) and never import pydantic; reading a transcript whole
(`load_transcript`, `resume`, `list_sessions`, `advisor replay`) validates it with
pydantic (advisor.transcript.format). The headless `advisor run` imports this package
only when asked to save a transcript.

The chat's entry points:
    Autosaver(session, folder=...).save(report=None, draft=None)   after every change
    pending_sessions(folder) -> [PendingSession]            on start: offer to resume
    resume(path, flow_spec=..., context=..., clock=...)     --resume FILE
    Restorer(transcript, flow, ...).steps() / .finish()     --replay FILE, step by step
    save_data(path, transcript_data(session, report=))      "save as…"
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_WHERE = {
    "FORMAT_VERSION": "check",
    "MAX_TRANSCRIPT_BYTES": "check",
    "Transcript": "format",
    "parse_transcript": "format",
    "to_json": "format",
    "transcript_data": "record",
    "transcript_of": "record",
    "RecordedClock": "restore",
    "Restored": "restore",
    "Restorer": "restore",
    "flow_for": "restore",
    "restore_session": "restore",
    "resume": "restore",
    "Autosaver": "store",
    "PendingSession": "store",
    "SavedSession": "store",
    "list_sessions": "store",
    "load_transcript": "store",
    "pending_sessions": "store",
    "save_data": "store",
    "save_transcript": "store",
    "sessions_dir": "store",
    "unfinished_sessions": "store",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'advisor.transcript' has no attribute {name!r}")
    value = getattr(import_module(f"advisor.transcript.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
