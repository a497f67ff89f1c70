"""The chat's side of saved transcripts (advisor.transcript): autosave, resume, save as.

The chat writes and scans transcripts through advisor.transcript.check, never pydantic
(which would double the chat's memory); pydantic is loaded only to resume or replay a
file, where each field gets its own message. The saving code is imported on a worker
thread once the first question is up (`warm_up`), and each save costs about a
millisecond. Saves run on the app's thread, before the next question is shown: an answer
on screen is on disk. Text typed but not confirmed is saved too (`Keeper.draft`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from time import monotonic
from typing import TYPE_CHECKING, Any

from advisor.engine.session import Session
from advisor.errors import BadInput

if TYPE_CHECKING:
    from advisor.transcript import Autosaver, PendingSession, Transcript

DRAFT_PACE = 0.2  # seconds: text typed is on disk at most this long after it was typed


def warm_up() -> None:
    """Import the saving code, and the words the chat repeats an answer in, ahead of the
    first answer (run on a worker thread)."""
    import advisor.report.words
    import advisor.transcript.store  # noqa: F401


@dataclass(frozen=True)
class Resumable:
    """An unfinished conversation of this flow, as the sessions folder holds it."""

    path: str
    saved_at: datetime
    answers: int

    def describe(self) -> str:
        when = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        plural = "s" if self.answers != 1 else ""
        return f"saved {when}, {self.answers} answer{plural}"


def unfinished(folder: str | None, flow_id: str) -> list[Resumable]:
    """Unfinished conversations of `flow_id`, newest first (unreadable files are skipped:
    `advisor sessions` lists them with their problem)."""
    from advisor.transcript.store import pending_sessions

    found: list[PendingSession] = pending_sessions(folder)
    return [
        Resumable(entry.path, entry.saved_at, entry.answers)
        for entry in found
        if entry.flow_id == flow_id
    ]


class Keeper:
    """Keeps the current conversation on disk: a new file in the sessions folder on the
    first answer (or the resumed file), rewritten after every change."""

    def __init__(
        self,
        folder: str | None,
        *,
        enabled: bool = True,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.folder = folder
        self.enabled = enabled
        self.clock = clock
        self.failed: str | None = None  # the last save's problem, if it failed
        self.draft: tuple[str, str] | None = None  # (question id, typed, not confirmed)
        self._draft_saved = 0.0  # monotonic time of the last save with the draft
        self._draft_due = False  # a save of the draft is scheduled
        self._autosaver: Autosaver | None = None
        self._session: Session | None = None
        self._path: str | None = None
        self._started_at: datetime | None = None

    def follow(
        self,
        session: Session,
        path: str | None = None,
        started_at: datetime | None = None,
        draft: tuple[str, str] | None = None,
    ) -> None:
        """Save `session` from now on: to `path` (a resumed conversation) or a new file."""
        self._session, self._path, self._started_at = session, path, started_at
        self._autosaver = None
        self.draft = draft

    def typed(self, question_id: str, text: str) -> float | None:
        """Note text typed into the current question's field. Returns how long to wait
        before saving it (0: now; at most DRAFT_PACE after the last draft saved, so fast
        typing costs a save a fifth of a second, not one per key), or None when a save is
        already scheduled."""
        self.draft = (question_id, text) if text else None
        if self._draft_due:
            return None
        wait = max(0.0, self._draft_saved + DRAFT_PACE - monotonic())
        self._draft_due = wait > 0
        return wait

    def draft_saving(self) -> None:
        """The scheduled save is happening now."""
        self._draft_due = False

    @property
    def path(self) -> str | None:
        return self._autosaver.path if self._autosaver is not None else self._path

    def save(self, report: Mapping[str, Any] | None = None) -> str | None:
        """Write the transcript; returns the problem (once per run of failures) or None."""
        session = self._session
        said = session is not None and (session.steps or session.earlier_answers or self.draft)
        if not self.enabled or session is None or not said:
            return None
        from advisor.transcript.store import Autosaver

        try:
            if self._autosaver is None:
                self._autosaver = Autosaver(
                    session, self._path, folder=self.folder,
                    started_at=self._started_at, clock=self.clock,
                )
            self._autosaver.save(report, self.draft)
            if self.draft is not None:
                self._draft_saved = monotonic()
        except BadInput as error:
            first = self.failed is None
            self.failed = str(error)
            return f"Autosave failed: {error}" if first else None
        self.failed = None
        return None


def save_transcript_to(
    session: Session, path: str, report: Mapping[str, Any] | None = None
) -> None:
    """Save the conversation as a transcript at `path` (atomically); BadInput if not."""
    from advisor.transcript.record import transcript_data
    from advisor.transcript.store import save_data

    save_data(path, transcript_data(session, report=report))


def transcript_json(
    session: Session, name: str, report: Mapping[str, Any] | None = None
) -> str:
    """The conversation as transcript JSON, what Save transcript hands a browser as the
    file `name` (checked as a saved one is; BadInput if it could not be read back)."""
    from advisor.transcript.record import transcript_data
    from advisor.transcript.store import checked_json

    return checked_json(transcript_data(session, report=report), name)


def load_for_replay(path: str, flow_spec: str | None) -> tuple[Transcript, Any]:
    """The transcript at `path` and the flow to play it back with (BadInput if unusable)."""
    from advisor.transcript import flow_for, load_transcript

    transcript = load_transcript(path)
    return transcript, flow_for(transcript, flow_spec, name=os.fspath(path))
