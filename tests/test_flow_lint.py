"""`advisor flows check`: each kind of finding, on a small broken flow that has it, and the
shipped flows, which must be clean."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from advisor.facts import Context
from advisor.flow.library import shipped
from advisor.flowcheck import lint
from advisor.flowcheck.lint import KINDS, lint_file, lint_text

from .conftest import run_cli

BROKEN = Path(__file__).parent / "flows_broken"
TODAY = date(2026, 11, 28)  # derived facts (prices, dates) follow the day

# file → the kinds of finding it must produce (exactly), and words each message must say.
EXPECTED: dict[str, tuple[set[str], list[str]]] = {
    "invalid_toml": ({"invalid-toml"}, ["not valid TOML", "line 2"]),
    "schema": (
        {"schema", "unreachable", "missing-node"},
        [
            "question 'size': missing key 'help'",
            "question 'size': unknown key 'colour'",
            "question 'orphan_help': missing key 'help'",
            "outcome 'small': title: expected a valid string, found 42",
            "decision 'pick', route 1: goes to 'nowhere'",
        ],
    ),
    "duplicate_id": ({"duplicate-id"}, ["the id 'done' is already used by question 'done'"]),
    "control_character": (
        {"control-character"},
        [
            "flow: title: the control character U+001B (ESC) at position 9",
            "question 'use': prompt: the control character U+001B (ESC) at position 10",
            "question 'use': choices[1].label: the control character U+009B (CSI) at position 4",
            "question 'use': routes[1].why: the bidirectional control U+202E at position 8",
            "outcome 'prompts': summary: the control character U+0008 (BS) at position 13",
        ],
    ),
    "missing_node": (
        {"missing-node", "unreachable"},
        ["goes to 'stpo', which is not a node of this flow (did you mean 'stop'?)"],
    ),
    "unknown_fact": (
        {"unknown-fact", "never-reached"},
        ["reads the fact 'volumes', which is no question", "(did you mean 'volume'?)"],
    ),
    "unknown_choice": (
        {"unknown-choice"},
        ["compares 'speed' with 'hourly', which is not one of its choices ('daily', 'rarely')"],
    ),
    "bad_comparison": (
        {"bad-comparison", "never-reached"},
        ["'ready' is yes/no: compare it with eq = true or eq = false"],
    ),
    "bad_default": ({"bad-default"}, ["its default does not fit", "found 5000"]),
    "dead_end": (
        {"dead-end", "no-fallback"},
        ["question 'speed': no route applies when speed = rarely", "has no fallback route"],
    ),
    "unreachable": ({"unreachable"}, ["question 'forgotten': no route leads here"]),
    "never_reached": (
        {"never-reached", "dead-route"},
        ["outcome 'huge': no answers lead here", "(volume > 100 and volume < 10) never holds"],
    ),
    "never_fires": (
        {"never-fires"},
        ["pitfall 'too_early': never fires: its condition (ready = no and approach = "
         "fine_tuning) holds at no outcome"],
    ),
    "shadowed_route": (
        {"shadowed-route", "never-reached"},
        ["question 'volume', route 2: never taken: whenever its condition (volume ≥ 10,000) "
         "holds, route 1 (volume ≥ 1,000) always holds too and comes first"],
    ),
    "dead_route": (
        {"dead-route"},
        ["question 'need', route 1: never taken: its condition (need has only [knowledge] and "
         "need has style) never holds"],
    ),
    "no_way_out": (
        {"no-way-out"},
        ["question 'check': a cycle with no way out: check → recheck → check"],
    ),
    "endless_loop": (
        {"endless-loop"},
        ["decision 'check': decisions route in a circle without asking anything "
         "(check → recheck → check)"],
    ),
    "loops_back": (
        {"loops-back"},
        ["a route leads back to 'ready', already answered", "sure = no"],
    ),
    "unknown_source": (
        {"unknown-source"},
        ["question 'model': choices_from names 'modles', which is no source of choices "
         "(did you mean 'models'?)"],
    ),
    "unknown_here": (
        {"unknown-here", "never-reached"},
        ["question 'volume', route 1: reads 'examples', which is never known here: it is "
         "asked only later",
         "question 'examples', route 1: reads 'budget', which is never known here: no path "
         "to it asks 'budget'"],
    ),
}


def _lines(result: lint.LintResult) -> list[str]:
    return [str(finding) for finding in result.findings]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_flow_gets_exactly_its_findings(name: str) -> None:
    kinds, words = EXPECTED[name]
    result = lint_file(str(BROKEN / f"{name}.toml"))
    assert {f.kind for f in result.findings} == kinds, "\n".join(_lines(result))
    text = "\n".join(_lines(result))
    for phrase in words:
        assert phrase in text
    for finding in result.findings:
        assert finding.hint, finding
        assert finding.where, finding


def test_every_kind_of_finding_has_a_broken_flow_that_shows_it() -> None:
    covered = set().union(*(kinds for kinds, _ in EXPECTED.values()))
    covered |= {"too-many-paths", "engine-error"}  # tested below, without a file of their own
    assert covered == set(KINDS)


def test_too_many_paths_stops_the_check_and_says_so() -> None:
    text = (BROKEN / "too_many_paths.toml").read_text(encoding="utf-8")
    result = lint_text(text, "too_many_paths.toml", limit=500)
    assert [f.kind for f in result.findings] == ["too-many-paths"]
    assert "stopped after 500 paths" in result.findings[0].message
    assert result.exploration is not None and result.exploration.total == 500


DERIVED_FLOW = """
id = "derived"
title = "Routes on a derived fact"
version = "1"
[[questions]]
id = "ready"
kind = "yes_no"
prompt = "Ready?"
help = "Yes or no."
[[questions.routes]]
when = { fact = "boom", gt = 5 }
to = "go"
[[questions.routes]]
when = { fact = "boom", gt = 10 }
to = "stop"
[[questions.routes]]
to = "stop"
[[outcomes]]
id = "go"
approach = "prompt_engineering"
components = ["prompt_engineering"]
title = "Go"
summary = "Go."
[[outcomes]]
id = "stop"
approach = "prompt_engineering"
components = ["prompt_engineering"]
title = "Stop"
summary = "Stop."
"""


@pytest.fixture
def boom(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A derived fact 'boom', computed by a provider the test controls."""
    import advisor.derived as facts_module
    import advisor.engine.known_facts as session_module
    from advisor.facts import FactSpec

    behaviour: dict[str, Any] = {"value": 20, "fail_when_not_ready": False}

    class Provider:
        specs = (FactSpec("boom", "number", "a test fact"),)

        def compute(self, facts: dict, context: object) -> dict:
            if behaviour["fail_when_not_ready"] and facts.get("ready") is False:
                raise ZeroDivisionError("division by zero in a cost")
            return {"boom": behaviour["value"]}

    monkeypatch.setattr(session_module, "providers", lambda: (Provider(),))
    monkeypatch.setattr(facts_module, "providers", lambda: (Provider(),))
    return behaviour


def test_a_failing_derived_fact_is_a_finding_not_a_crash(boom: dict[str, Any]) -> None:
    boom["fail_when_not_ready"] = True
    result = lint_text(DERIVED_FLOW, "provider.toml")
    errors = [f for f in result.findings if f.kind == "engine-error"]
    assert len(errors) == 1
    assert "ZeroDivisionError: division by zero in a cost" in errors[0].message
    assert "ready = no" in errors[0].message


def test_what_depends_on_derived_facts_is_a_dated_note_not_a_finding(
    boom: dict[str, Any],
) -> None:
    """boom is 20 today: route 2 (boom > 10) never wins, but other prices might differ."""
    result = lint_text(DERIVED_FLOW, "derived.toml", Context(today=date(2026, 11, 28)))
    assert result.findings == []
    assert [(n.where, n.kind) for n in result.notes] == [
        ("question 'ready', route 2", "shadowed-route"),
        ("outcome 'stop'", "never-reached"),  # only route 2 and the fallback lead there
    ]
    note = str(result.notes[0])
    assert "note: as of 2026-11-28, never taken: whenever its condition (boom > 10) holds, " \
        "route 1 (boom > 5) always holds too and comes first" in note
    assert "depends on derived facts (boom)" in note
    assert result.exploration is not None and result.exploration.counts["random"] == 2_000
    assert result.summary().endswith("every one ends in an outcome; 2 notes on today's data")
    boom["value"] = 3  # another day: neither holds, the fallback decides
    later = lint_text(DERIVED_FLOW, "derived.toml")
    assert later.findings == []
    assert [(n.where, n.kind) for n in later.notes] == [
        ("question 'ready', route 1", "dead-route"),
        ("question 'ready', route 2", "dead-route"),
        ("outcome 'go'", "never-reached"),
    ]


def test_findings_come_sorted_by_node_in_file_order() -> None:
    result = lint_file(str(BROKEN / "schema.toml"))
    wheres = [f.where for f in result.findings]
    assert wheres == [
        "question 'size'",
        "question 'size'",
        "question 'orphan_help'",
        "question 'orphan_help'",
        "decision 'pick'",
        "decision 'pick', route 1",
        "outcome 'small'",
    ]


# --- the shipped flows ---------------------------------------------------------------------

# What `advisor flows check` says of each shipped flow: clean, and how many answer paths it
# drives through the engine. The counts change whenever a flow's questions or conditions
# change: review why, then put the new line from `advisor flows check` here.
CLEAN_LINES = {
    # Routes read the cost model's derived facts, so 2,000 random paths are added.
    "ai_strategy": "ai_strategy.toml: clean — 19,056 answer paths checked (17,056 exhaustive "
    "+ 2,000 random for derived facts), every one ends in an outcome",
    # 1 (prompts work) + 1 (no data) + 2 volumes × 2 requirement answers = 6
    "quick_check": "quick_check.toml: clean — 6 answer paths checked, every one ends in an "
    "outcome",
}


@pytest.fixture(scope="module")
def check_without_arguments() -> Any:
    """`advisor flows check` with no flow named, run once: ai_strategy takes ~20 s."""
    return run_cli("flows", "check", "--today", TODAY.isoformat())


@pytest.mark.parametrize("flow_id", sorted(shipped()))
def test_shipped_flows_are_clean(flow_id: str, check_without_arguments: Any) -> None:
    """Checked with no flow named, every shipped flow is clean, its paths all end in an
    outcome, and the count of paths is the reviewed one."""
    result = check_without_arguments
    assert result.code == 0, result
    own = [f"{flow_id}.toml: {line.partition(': ')[2]}" for line in result.out.splitlines()
           if line.partition(": ")[0].endswith(f"/{flow_id}.toml")]
    summary = [line for line in own if not line.endswith("]")]  # findings end in [kind]
    assert len(summary) == 1 and summary[0].startswith(CLEAN_LINES[flow_id]), result.out
    # Notes on today's data (routes no price or date takes today) are allowed; findings not.
    assert all(": note: " in line for line in own if line not in summary), result.out
    assert result.err == ""


def test_every_shipped_flow_has_its_clean_line() -> None:
    assert set(CLEAN_LINES) == set(shipped())


# --- the command ---------------------------------------------------------------------------


def test_check_output_is_the_same_on_every_run() -> None:
    files = [str(BROKEN / f"{name}.toml") for name in ("schema", "shadowed_route", "dead_end")]
    first = run_cli("flows", "check", *files)
    second = run_cli("flows", "check", *files)
    assert first.code == 1
    assert first.out == second.out


def test_check_exits_1_on_findings_and_names_file_node_and_fix() -> None:
    result = run_cli("flows", "check", str(BROKEN / "shadowed_route.toml"))
    assert result.code == 1
    assert "shadowed_route.toml: question 'volume', route 2: never taken" in result.out
    assert "    fix: move it above route 1 if it should win, or delete it" in result.out
    assert "2 findings — 7 answer paths checked" in result.out


def test_check_exits_2_when_a_file_cannot_be_read_and_still_checks_the_others(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "nope.toml"
    result = run_cli("flows", "check", str(missing), str(BROKEN / "unreachable.toml"))
    assert result.code == 2
    assert result.err.strip() == f"advisor: {missing}: no such file"
    assert "question 'forgotten': no route leads here" in result.out


def test_check_accepts_shipped_ids_and_refuses_unknown_ones() -> None:
    assert run_cli("flows", "check", "quick_check").code == 0
    result = run_cli("flows", "check", "quick_chek")
    assert result.code == 2
    assert "no shipped flow is called 'quick_chek' (did you mean 'quick_check'?)" in result.err
    assert "Traceback" not in result.err


def test_the_authoring_guide_explains_every_kind_of_finding() -> None:
    guide = (Path(__file__).parent.parent / "docs" / "flows.md").read_text(encoding="utf-8")
    for kind in KINDS:
        assert f"| `{kind}` |" in guide, kind


def test_a_node_with_several_problems_is_left_out_once() -> None:
    """Found by the reliability suite: after leaving out a broken pitfall, the next repair
    touched the pitfall that moved into its place."""
    text = (BROKEN / "never_fires.toml").read_text(encoding="utf-8") + """
[[pitfalls]]
to = "prompts"

[[pitfalls]]
id = "later"
title = "Later"
advice = "Fine."
when = { fact = "ready", eq = true }
"""
    result = lint_text(text, "pitfalls.toml")
    schema = [str(f) for f in result.findings if f.kind == "schema"]
    assert any("pitfall #2: missing key 'id'" in line for line in schema), schema
    assert any("pitfall #2: unknown key 'to'" in line for line in schema), schema
    assert not any("pitfall 'later'" in line for line in schema), schema


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [("min = 0\nmax = 100_000_000", "min = nan\nmax = 100_000_000", "min"),
     ("min = 0\nmax = 100_000_000", "min = 0\nmax = nan", "max"),
     ("min = 0\nmax = 100_000_000", "min = 0\nmax = inf", "max")],
)
def test_a_number_question_bounded_by_nan_is_a_finding_not_a_crash_or_clean(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    """The default flow with `examples`' min = 0 changed to nan crashed `flows check` with
    decimal.InvalidOperation; max = nan was called clean and took any answer."""
    text = Path(shipped()["ai_strategy"]).read_text(encoding="utf-8")
    at = text.index('id = "examples"')
    assert old in text[at:at + 200]
    path = tmp_path / "nan.toml"
    path.write_text(text[:at] + text[at:].replace(old, new, 1), encoding="utf-8")
    value = new.split(f"{field} = ")[1].split("\n")[0]
    result = run_cli("flows", "check", str(path))
    assert result.code == 1, result
    assert "Traceback" not in result.err
    assert (f"nan.toml: question 'examples': {field}: expected a finite number, "
            f"found {float(value)!r} [schema]\n") in result.out
    run = run_cli("run", "--flow", str(path), "--answers", "-", stdin='{"examples": 5}')
    assert (run.code, run.out) == (2, "")
    assert run.err == (f"advisor: {path}: question 'examples': {field}: expected a finite "
                       f"number, found {float(value)!r}\n")
