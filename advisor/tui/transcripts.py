"""The hook between the chat and saved transcripts (advisor/transcript, built separately).

HOOK: the transcript work provides `advisor.transcript` with a function
`save_session(session, path) -> None` that writes the transcript atomically (and raises
`advisor.errors.BadInput` with a clear message when it cannot). Until that module exists
the palette's "Save transcript" says so instead of pretending to save.
"""

from __future__ import annotations

import importlib
import os

from advisor.engine.session import Session
from advisor.errors import BadInput

BASE_NAME = "advisor-transcript"


def _free_path(folder: str) -> str:
    candidate = os.path.join(folder, BASE_NAME + ".json")
    number = 2
    while os.path.exists(candidate):
        candidate = os.path.join(folder, f"{BASE_NAME}-{number}.json")
        number += 1
    return candidate


def save_transcript(session: Session, folder: str) -> tuple[str, str]:
    """Save the conversation; returns the message to show and its severity."""
    try:
        transcript = importlib.import_module("advisor.transcript")
    except ImportError:
        return ("Saving transcripts is not available in this version of advisor yet.", "warning")
    save = getattr(transcript, "save_session", None)
    if save is None:
        return ("Saving transcripts is not available in this version of advisor yet.", "warning")
    path = _free_path(folder)
    try:
        save(session, path)
    except BadInput as error:
        return (str(error), "error")
    return (f"Saved the conversation to {path}", "information")
