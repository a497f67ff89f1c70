"""The cover answer files of each shipped flow reach every outcome, route and pitfall, and
their reports match the committed golden reports: any change in advice shows in review.

Regenerate (after reviewing why the advice changed): see tests/golden.py.
"""

from __future__ import annotations

import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.engine.flows import load_flow
from advisor.facts import Context
from advisor.flow.library import shipped
from advisor.flowcheck.cover import Cover, all_items, cover, item_words
from advisor.flowcheck.paths import trace

from .golden import COVER, HOW, UPDATE, compare_or_update

TODAY = "2026-11-28"  # goldens must not depend on the day the tests run
CONTEXT = Context(today=date.fromisoformat(TODAY))


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as leave:  # argparse: --help, usage errors
            code = int(leave.code or 0)
    return code, out.getvalue(), err.getvalue()


def _run_supports_today() -> bool:
    """`advisor run --today` arrives with the cost model; until then reports do not
    depend on the date, and the goldens are made without it."""
    _, out, _ = _cli("run", "--help")
    return "--today" in out


def _answer_files(flow_id: str) -> list[Path]:
    folder = COVER / flow_id
    return sorted(p for p in folder.glob("*.json") if not p.name.endswith(".report.json"))


def _report(flow_id: str, answers: Path) -> str:
    """The JSON report `advisor run` prints for an answers file."""
    args = ["run", "--flow", flow_id, "--answers", str(answers), "--format", "json"]
    if _run_supports_today():
        args += ["--today", TODAY]
    code, out, err = _cli(*args)
    assert code == 0, err
    json.loads(out)  # a report, not an error
    return out


@cache
def _cover_of_today(flow_id: str) -> Cover:
    """One exploration per flow for the tests below: it takes ~20 s for ai_strategy."""
    return cover(load_flow(shipped()[flow_id]), CONTEXT)


def _golden(answers: Path) -> Path:
    return answers.with_name(answers.name.removesuffix(".json") + ".report.json")


def _write_cover(flow_id: str) -> None:
    """ADVISOR_UPDATE_GOLDEN=1: today's cover files and their reports, stale ones removed."""
    from advisor.fileio import atomic_write_text

    folder = COVER / flow_id
    folder.mkdir(parents=True, exist_ok=True)
    files = _cover_of_today(flow_id).files()
    for old in folder.glob("*.json"):
        if old.name not in files and old.name.removesuffix(".report.json") + ".json" not in files:
            old.unlink()
    for name, text in files.items():
        atomic_write_text(folder / name, text)
        atomic_write_text(_golden(folder / name), _report(flow_id, folder / name))


@pytest.mark.parametrize("flow_id", sorted(shipped()))
def test_cover_files_reach_every_outcome_route_and_pitfall(flow_id: str) -> None:
    if UPDATE:
        _write_cover(flow_id)
    flow = load_flow(shipped()[flow_id])
    files = _answer_files(flow_id)
    assert files, f"tests/cover/{flow_id} has no cover files; {HOW}"
    reached: set = set()
    for path in files:
        try:
            answers = json.loads(path.read_text(encoding="utf-8"))
            reached |= trace(flow, answers, CONTEXT).reaches
        except ValueError as error:
            pytest.fail(f"{path.name}: {error}; {HOW}")
    today = _cover_of_today(flow_id)
    assert not today.missing, "the flow has parts no answers reach: run advisor flows check"
    # Everything reachable is reached; only what today's prices and dates rule out is not
    # (advisor flows check notes it), and fallbacks that earlier routes always pre-empt.
    missing = sorted(today.reached - reached)
    assert not missing, f"not reached: {', '.join(item_words(i) for i in missing)}; {HOW}"
    unreached = all_items(flow) - reached - today.unreached_today
    assert all(kind == "route" and flow.routes_of(node)[index].when is None
               for kind, node, index in unreached), sorted(unreached)
    outcomes = {item[1] for item in reached if item[0] == "outcome"}
    assert outcomes == set(flow.outcomes)


@pytest.mark.parametrize("flow_id", sorted(shipped()))
def test_cover_is_as_small_as_the_greedy_cover_of_today(flow_id: str) -> None:
    """The committed files are the cover `advisor flows cover` makes now: no stale extras."""
    expected = _cover_of_today(flow_id).files()
    committed = {p.name: p.read_text(encoding="utf-8") for p in _answer_files(flow_id)}
    assert committed == expected, f"tests/cover/{flow_id} differs from the cover of today; {HOW}"


def _golden_cases() -> list[tuple[str, Path]]:
    return [(flow_id, path) for flow_id in sorted(shipped()) for path in _answer_files(flow_id)]


@pytest.mark.parametrize(
    ("flow_id", "answers"), _golden_cases(), ids=lambda v: getattr(v, "name", v)
)
def test_report_matches_the_golden(flow_id: str, answers: Path) -> None:
    if UPDATE and not answers.exists():
        pytest.skip("removed by this update: the cover no longer needs it")
    compare_or_update(
        _golden(answers), _report(flow_id, answers), f"the report for {flow_id}/{answers.name}"
    )


@pytest.mark.parametrize("flow_id", sorted(shipped()))
def test_every_golden_report_has_its_answers_file(flow_id: str) -> None:
    reports = {p.name.removesuffix(".report.json") for p in (COVER / flow_id).glob("*.report.json")}
    answers = {p.name.removesuffix(".json") for p in _answer_files(flow_id)}
    assert reports == answers, f"orphan or missing golden reports; {HOW}"


def test_the_flows_cover_command_writes_the_same_files(tmp_path: Path) -> None:
    from .conftest import run_cli

    out = tmp_path / "cover"
    (out).mkdir()
    (out / "99-stale.json").write_text("{}", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("flows", "cover", "quick_check", "--out", str(out))
    assert result.code == 0, result
    written = sorted(p.name for p in out.glob("*.json"))
    assert written == [p.name for p in _answer_files("quick_check")]
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"  # not a cover file
    assert "removed 1 earlier cover file: 99-stale.json" in result.out
    assert "together they reach 6 outcomes, 10 routes and 5 pitfalls" in result.out
    for path in _answer_files("quick_check"):
        assert (out / path.name).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")
    assert os.listdir(out)  # nothing half-written left behind
    assert not [n for n in os.listdir(out) if n.endswith(".tmp")]
