"""Transcripts on disk: atomic saves, loading, the sessions folder, and autosaving.

Every save goes through a temporary file, fsync and a rename: at any moment the file on
disk is the previous complete transcript or the new complete one, even if the process is
killed mid-write. That is what lets the chat save after every answer and promise that
nothing already answered is lost.

The chat's side (Autosaver, `pending_sessions`, `save_data`) checks transcripts with
advisor.transcript.check, never pydantic: the format module is imported only to load a
transcript whole (`load_transcript`, `list_sessions`).
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from advisor.engine.session import Session
from advisor.errors import BadInput
from advisor.fileio import atomic_write_text, kind_of, os_error_words, parse_json, read_text
from advisor.transcript.check import MAX_TRANSCRIPT_BYTES, FormatError, check_data, to_json_text
from advisor.transcript.record import now_utc, transcript_data

if TYPE_CHECKING:
    from advisor.transcript.format import Transcript

SESSIONS_ENV = "ADVISOR_SESSIONS_DIR"


def load_transcript(path: str | os.PathLike[str]) -> Transcript:
    """The transcript in `path`, or BadInput naming the file and the field."""
    from advisor.transcript.format import parse_transcript

    name = os.fspath(path)
    return parse_transcript(read_text(name, MAX_TRANSCRIPT_BYTES, "transcript"), name)


def save_transcript(path: str | os.PathLike[str], transcript: Transcript) -> None:
    """Write atomically; the folder must exist (BadInput if it does not)."""
    from advisor.transcript.format import to_json

    atomic_write_text(path, to_json(transcript))


def save_data(path: str | os.PathLike[str], data: dict[str, Any]) -> None:
    """Write a transcript built as plain data (`transcript_data`), checked first: a
    transcript that could not be read back is never written."""
    atomic_write_text(path, checked_json(data, os.fspath(path)))


def checked_json(data: dict[str, Any], name: str) -> str:
    """A transcript built as plain data, as the JSON a file holds; BadInput naming `name`
    if it could not be read back."""
    try:
        check_data(data)
    except FormatError as error:  # a bug, not the person's doing: say so, save nothing
        raise BadInput(f"{name}: not saved, the transcript is malformed: {error}") from None
    return to_json_text(data)


def sessions_dir(override: str | os.PathLike[str] | None = None) -> str:
    """Where the chat autosaves: `override` (--sessions-dir), else $ADVISOR_SESSIONS_DIR,
    else the user's data folder (e.g. ~/.local/share/advisor/sessions on Linux)."""
    if override is not None and os.fspath(override):
        return os.fspath(override)
    configured = os.environ.get(SESSIONS_ENV)
    if configured:
        return configured
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("advisor", appauthor=False), "sessions")


def ensure_folder(folder: str) -> str:
    """Create the sessions folder (private to the user) if needed."""
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError as error:
        raise BadInput(f"{folder}: cannot create the sessions folder: "
                       f"{error.strerror or error}") from None
    if not os.path.isdir(folder):
        raise BadInput(f"{folder}: expected a folder for saved sessions, found a file")
    return folder


def new_session_path(flow_id: str, folder: str, started_at: datetime) -> str:
    """A fresh file name that sorts by start time: 20261128-101500-ai_strategy-3f9a1c.json"""
    safe_id = re.sub(r"[^A-Za-z0-9_.-]", "_", flow_id)[:60] or "flow"
    stamp = started_at.strftime("%Y%m%d-%H%M%S")
    while True:
        path = os.path.join(folder, f"{stamp}-{safe_id}-{secrets.token_hex(3)}.json")
        if not os.path.exists(path):
            return path


@dataclass(frozen=True)
class SavedSession:
    """A file in the sessions folder: its transcript, or why it cannot be read."""

    path: str
    transcript: Transcript | None
    error: str | None = None

    @property
    def unfinished(self) -> bool:
        t = self.transcript
        said = t is not None and bool(t.steps or t.earlier_answers or t.draft)
        return said and t is not None and t.status == "in_progress"


def _session_files(folder: str) -> list[str]:
    """The transcript files in the sessions folder (BadInput if it cannot be listed)."""
    try:
        names = [n for n in os.listdir(folder) if n.endswith(".json") and not n.startswith(".")]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        found = kind_of(os.stat(folder).st_mode)
        raise BadInput(f"{folder}: expected a folder of saved sessions, found {found}") from None
    except OSError as error:
        raise BadInput(
            f"{folder}: cannot list saved sessions: {os_error_words(error, folder, 'list')}"
        ) from None
    return [os.path.join(folder, name) for name in names]


def list_sessions(folder: str | None = None) -> list[SavedSession]:
    """Every transcript in the sessions folder, most recently saved first; unreadable files
    are listed with their error (never deleted: they may be someone's only copy)."""
    found = []
    for path in _session_files(sessions_dir(folder)):
        try:
            found.append(SavedSession(path, load_transcript(path)))
        except BadInput as error:
            found.append(SavedSession(path, None, str(error)))

    def newest_first(entry: SavedSession) -> tuple[int, float, str]:
        if entry.transcript is None:
            return (1, 0.0, entry.path)
        return (0, -entry.transcript.saved_at.timestamp(), entry.path)

    return sorted(found, key=newest_first)


def unfinished_sessions(folder: str | None = None) -> list[SavedSession]:
    """Conversations left in the middle, most recent first (validated whole)."""
    return [entry for entry in list_sessions(folder) if entry.unfinished]


@dataclass(frozen=True)
class PendingSession:
    """An unfinished conversation in the sessions folder, as the chat offers it."""

    path: str
    flow_id: str
    saved_at: datetime
    answers: int


def pending_sessions(folder: str | None = None) -> list[PendingSession]:
    """Unfinished conversations, most recently saved first, checked without pydantic
    (advisor.transcript.check); files that fail the check are left out, as `advisor
    sessions` lists them with their problem."""
    found = []
    for path in _session_files(sessions_dir(folder)):
        try:
            data = parse_json(read_text(path, MAX_TRANSCRIPT_BYTES, "transcript"), path,
                              "a transcript", "a transcript can hold")
            check_data(data)
        except (BadInput, FormatError):
            continue
        said = data["steps"] or data.get("earlier_answers") or data.get("draft")
        if data["status"] == "in_progress" and said:
            saved_at = datetime.fromisoformat(data["saved_at"])
            found.append(PendingSession(path, data["flow"]["id"], saved_at, len(data["steps"])))
    return sorted(found, key=lambda entry: (-entry.saved_at.timestamp(), entry.path))


class Autosaver:
    """Keeps one conversation's transcript on disk. Call `save()` after every change to
    the session (an answer, going back, reopening a question, a what-if).

    Without `path`, the transcript goes to a new file in the sessions folder; to keep
    saving a resumed conversation where it was, pass its path and `started_at`.
    """

    def __init__(
        self,
        session: Session,
        path: str | os.PathLike[str] | None = None,
        *,
        folder: str | os.PathLike[str] | None = None,
        started_at: datetime | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.session = session
        self._clock = clock or now_utc
        self.started_at = started_at or self._clock()
        if path is None:
            target = ensure_folder(sessions_dir(folder))
            path = new_session_path(session.flow.id, target, self.started_at)
        self.path = os.fspath(path)

    def save(
        self, report: Mapping[str, Any] | None = None, draft: tuple[str, str] | None = None
    ) -> dict[str, Any]:
        """Write the transcript now; `report` avoids building it again once finished;
        `draft` is (question id, text typed but not confirmed). Returns what was written."""
        data = transcript_data(
            self.session, report=report, started_at=self.started_at, saved_at=self._clock(),
            draft=draft,
        )
        save_data(self.path, data)
        return data
