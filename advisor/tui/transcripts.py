"""The chat's side of saved transcripts (advisor.transcript): autosave, resume, save as.

advisor.transcript validates with pydantic, which takes longer to import than the whole
chat takes to show its first question; so it is imported on a worker thread once the first
question is up (`warm_up`), and each save after that costs about a millisecond. Saves run
on the app's thread, before the next question is shown: an answer on screen is on disk.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from advisor.engine.session import Session
from advisor.errors import BadInput

if TYPE_CHECKING:
    from advisor.transcript import Autosaver, SavedSession, Transcript


def warm_up() -> None:
    """Import the transcript code ahead of the first save (run on a worker thread)."""
    import advisor.transcript  # noqa: F401


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
    from advisor.transcript import unfinished_sessions

    found: list[SavedSession] = unfinished_sessions(folder)
    return [
        Resumable(entry.path, entry.transcript.saved_at, len(entry.transcript.steps))
        for entry in found
        if entry.transcript is not None and entry.transcript.flow.id == flow_id
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
        self._autosaver: Autosaver | None = None
        self._session: Session | None = None
        self._path: str | None = None
        self._started_at: datetime | None = None

    def follow(
        self, session: Session, path: str | None = None, started_at: datetime | None = None
    ) -> None:
        """Save `session` from now on: to `path` (a resumed conversation) or a new file."""
        self._session, self._path, self._started_at = session, path, started_at
        self._autosaver = None

    @property
    def path(self) -> str | None:
        return self._autosaver.path if self._autosaver is not None else self._path

    def save(self, report: Mapping[str, Any] | None = None) -> str | None:
        """Write the transcript; returns the problem (once per run of failures) or None."""
        session = self._session
        if not self.enabled or session is None or not (session.steps or session.earlier_answers):
            return None
        from advisor.transcript import Autosaver

        try:
            if self._autosaver is None:
                self._autosaver = Autosaver(
                    session, self._path, folder=self.folder,
                    started_at=self._started_at, clock=self.clock,
                )
            self._autosaver.save(report)
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
    from advisor.transcript import save_transcript, transcript_of

    save_transcript(path, transcript_of(session, report=report))


def transcript_json(session: Session, report: Mapping[str, Any] | None = None) -> str:
    """The conversation as transcript JSON (what Save transcript hands a browser)."""
    from advisor.transcript import to_json, transcript_of

    return to_json(transcript_of(session, report=report))


def load_for_replay(path: str, flow_spec: str | None) -> tuple[Transcript, Any]:
    """The transcript at `path` and the flow to play it back with (BadInput if unusable)."""
    from advisor.transcript import flow_for, load_transcript

    transcript = load_transcript(path)
    return transcript, flow_for(transcript, flow_spec, name=os.fspath(path))
