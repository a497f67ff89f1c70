"""The regression corpus: saved transcripts covering every outcome and pitfall of the
default flow, replayed on every test run so any change in advice shows up in review.

When a change of outcomes is deliberate, regenerate the corpus (see
tests/transcripts/regenerate.py) and commit the new transcripts with the change.
"""

from __future__ import annotations

import json

from advisor.engine.flows import load_flow
from advisor.flow.library import resolve
from tests.conftest import ROOT, run_cli

CORPUS = ROOT / "tests/transcripts"


def test_corpus_replays_unchanged() -> None:
    result = run_cli("replay", str(CORPUS), "--today", "2026-11-28")
    assert result.code == 0, result
    assert result.err == ""
    count = len(list(CORPUS.glob("*.json")))
    assert result.out.endswith(f"{count} same · 0 changed · 0 unreadable\n")


def test_corpus_covers_every_outcome_and_pitfall_of_the_default_flow() -> None:
    flow = load_flow(resolve(None))
    recorded = [json.loads(p.read_text(encoding="utf-8")) for p in CORPUS.glob("*.json")]
    outcomes = {t["outcome"]["outcome"] for t in recorded}
    pitfalls = {p for t in recorded for p in t["outcome"]["pitfalls"]}
    assert outcomes == set(flow.outcomes)
    assert pitfalls == {p.id for p in flow.pitfalls}


def test_every_answers_file_has_its_transcript() -> None:
    answers = {p.stem for p in (CORPUS / "answers").glob("*.json")}
    transcripts = {p.stem for p in CORPUS.glob("*.json")}
    assert answers == transcripts
    for name in answers:
        given = json.loads((CORPUS / "answers" / f"{name}.json").read_text(encoding="utf-8"))
        saved = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
        kept = {s["question_id"] for s in saved["steps"] if not s["defaulted"]}
        assert kept == set(given), name
