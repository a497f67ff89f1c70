"""Rewrite the regression corpus: tests/transcripts/NAME.json from answers/NAME.json.

    .venv/bin/python tests/transcripts/regenerate.py

Each answers file is run through today's default flow (and prices) exactly as
`advisor run --answers answers/NAME.json --save-transcript NAME.json` would, but with a
fixed clock and date, so a regenerated file differs from the committed one only where
the flow or the outcome changed — which is what a reviewer should look at. Run it after
a deliberate change of outcomes (the test suite's replay of this folder fails until you
do), and commit the result with the change that caused it.

To add a case, add answers/NAME.json and run this script.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from advisor.engine.drive import run_answers
from advisor.engine.flows import load_flow
from advisor.errors import AdvisorError
from advisor.facts import Context
from advisor.flow.library import resolve
from advisor.report import build_report
from advisor.transcript import save_transcript, transcript_of

HERE = Path(__file__).resolve().parent
TODAY = date(2026, 11, 28)
START = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def fixed_clock() -> object:
    ticks = iter(range(10_000))
    return lambda: START + timedelta(seconds=10 * next(ticks))


def regenerate(name: str, flow_spec: str | None = None) -> str:
    answers_file = HERE / "answers" / f"{name}.json"
    answers = json.loads(answers_file.read_text(encoding="utf-8"))
    flow = load_flow(resolve(flow_spec))
    session = run_answers(
        flow, answers, source=str(answers_file), context=Context(today=TODAY), clock=fixed_clock()
    )
    report = build_report(session, answers)
    transcript = transcript_of(
        session, report=report, started_at=START, saved_at=session.steps[-1].at
    )
    save_transcript(HERE / f"{name}.json", transcript)
    return report["recommendation"]["outcome"]


def main() -> int:
    failed = 0
    for answers_file in sorted((HERE / "answers").glob("*.json")):
        try:
            outcome = regenerate(answers_file.stem)
        except AdvisorError as error:
            print(f"{answers_file.name}: {error}", file=sys.stderr)
            failed += 1
            continue
        print(f"{answers_file.stem}.json: {outcome}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
