"""A scripted conversation that autosaves after every change, for the SIGKILL tests.

    python autosave_driver.py ANSWERS.json TRANSCRIPT.json step|loop

It answers the default flow's questions from ANSWERS (a question without an answer takes
its default), saving the transcript with the Autosaver after each answer, exactly as the
chat does, and prints `saved K` (K counts the saves, from 1) once each save is on disk.

step: after each save it waits for a line on stdin before answering the next question,
      so the test knows exactly what was saved when it kills the process.
loop: it never waits: once finished it goes back to the first question, answers again,
      and so on until killed, so a kill can land in the middle of a write.

The Autosaver's clock returns 2026-01-01T00:00:00Z plus K seconds for save K, so the file
on disk says which save it is.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta

from advisor.engine.flows import load_flow
from advisor.engine.session import Session
from advisor.flow.library import resolve
from advisor.transcript import Autosaver

BASE = datetime(2026, 1, 1, tzinfo=UTC)


def main() -> None:
    answers_path, transcript_path, mode = sys.argv[1:4]
    with open(answers_path, encoding="utf-8") as handle:
        answers = json.load(handle)
    session = Session(load_flow(resolve(None)))
    saves = 0

    def save_clock() -> datetime:
        return BASE + timedelta(seconds=saves + 1)

    autosaver = Autosaver(session, transcript_path, clock=save_clock)

    def save() -> None:
        nonlocal saves
        autosaver.save()
        saves += 1
        print(f"saved {saves}", flush=True)
        if mode == "step" and not sys.stdin.readline():
            raise SystemExit(0)

    first = session.current.id
    while True:
        while (question := session.current) is not None:
            if question.id in answers:
                session.answer(answers[question.id])
            else:
                session.answer(session.default_for(question), defaulted=True)
            save()
        if mode != "loop":
            return
        session.reopen(first)
        save()


if __name__ == "__main__":
    main()
