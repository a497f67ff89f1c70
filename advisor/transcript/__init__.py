"""Saved conversations: the transcript format, atomic saves, resuming and replaying.

Importing this package imports pydantic (the format is validated both ways); the
headless `advisor run` imports it only when asked to save a transcript.

The chat's entry points:
    Autosaver(session, folder=...).save(report=None)        after every change
    unfinished_sessions(folder) -> [SavedSession]           on start: offer to resume
    resume(path, flow_spec=..., context=..., clock=...)     --resume FILE
    Restorer(transcript, flow, ...).steps() / .finish()     --replay FILE, step by step
    save_transcript(path, transcript_of(session, report=))  "save as…"
"""

from advisor.transcript.format import (
    FORMAT_VERSION,
    MAX_TRANSCRIPT_BYTES,
    Transcript,
    parse_transcript,
    to_json,
)
from advisor.transcript.record import transcript_of
from advisor.transcript.restore import (
    RecordedClock,
    Restored,
    Restorer,
    flow_for,
    restore_session,
    resume,
)
from advisor.transcript.store import (
    Autosaver,
    SavedSession,
    list_sessions,
    load_transcript,
    save_transcript,
    sessions_dir,
    unfinished_sessions,
)

__all__ = [
    "FORMAT_VERSION",
    "MAX_TRANSCRIPT_BYTES",
    "Autosaver",
    "RecordedClock",
    "Restored",
    "Restorer",
    "SavedSession",
    "Transcript",
    "flow_for",
    "list_sessions",
    "load_transcript",
    "parse_transcript",
    "restore_session",
    "resume",
    "save_transcript",
    "sessions_dir",
    "to_json",
    "transcript_of",
    "unfinished_sessions",
]
