"""Control characters in flow files never reach a terminal: `flows check` reports them, the
loader refuses them, and no renderer writes one that came from data."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from advisor.engine.drive import run_answers
from advisor.engine.flows import load_flow
from advisor.facts import Context
from advisor.flow.library import resolve
from advisor.report import build_report, render
from advisor.report.build import FORMATS
from advisor.textsafe import UNSAFE
from tests.conftest import ROOT, run_cli, write_answers
from tests.cost_scenarios import ARTICLE

BROKEN = ROOT / "tests" / "flows_broken" / "control_character.toml"
ESCAPES = ["\x1b[2J", "\x1b]52;c;cm0gLXJmIH4=\x07", "\x9b31m", "\u202e", "\ud800", "\x00"]


def test_flows_check_reports_each_one_with_file_node_and_field() -> None:
    result = run_cli("flows", "check", str(BROKEN))
    assert result.code == 1, result
    assert not UNSAFE.search(result.out + result.err)
    findings = [line for line in result.out.splitlines() if "[control-character]" in line]
    assert [line.split(": ", 2)[1:] for line in findings] == [
        ["flow", "title: the control character U+001B (ESC) at position 9 [control-character]"],
        ["question 'use'", "choices[1].label: the control character U+009B (CSI) at position "
                           "4 [control-character]"],
        ["question 'use'", "prompt: the control character U+001B (ESC) at position 10 "
                           "[control-character]"],
        ["question 'use'", "routes[1].why: the bidirectional control U+202E at position 8 "
                           "[control-character]"],
        ["outcome 'prompts'", "summary: the control character U+0008 (BS) at position 13 "
                              "[control-character]"],
    ]
    assert result.out.splitlines()[-1].endswith("5 findings — 2 answer paths checked")


@pytest.mark.parametrize("command", ["run", "chat", "graph"])
def test_the_loader_refuses_them_with_one_line(tmp_path: Path, command: str) -> None:
    answers = str(write_answers(tmp_path, {"use": "yes"}))
    args = {
        "run": ["run", "--flow", str(BROKEN), "--answers", answers, "--format", "text"],
        "chat": ["chat", "--flow", str(BROKEN)],
        "graph": ["flows", "graph", str(BROKEN)],
    }[command]
    result = run_cli(*args)
    assert (result.code, result.out) == (2, ""), result
    assert result.err == (
        f"advisor: {BROKEN}: flow: title: the control character U+001B (ESC) at position 9; "
        "remove it: a flow's texts are shown to people, and a control character would steer "
        "their terminal\n"
    )


def _broken_with(tmp_path: Path, after: str, added: str) -> Path:
    """The broken flow with a line added after `after`."""
    path = tmp_path / "key.toml"
    path.write_text(BROKEN.read_text(encoding="utf-8").replace(after, f"{after}\n{added}"),
                    encoding="utf-8")
    return path


def test_a_key_with_a_control_character_is_reported_too(tmp_path: Path) -> None:
    path = _broken_with(tmp_path, 'help = "Pick one."', '"x\\u001b" = 1')
    result = run_cli("flows", "check", str(path))
    assert 'question \'use\': the key "x\\u001b": the control character U+001B (ESC)' in result.out


def test_a_key_with_a_line_break_keeps_the_finding_on_one_line(tmp_path: Path) -> None:
    """Found by the reliability suite: `description = {"\\u001f\\n" = false}`."""
    path = _broken_with(tmp_path, 'version = "1"', 'description = {"\\u001f\\n" = false}')
    result = run_cli("flows", "check", str(path))
    line = next(x for x in result.out.splitlines() if "the key" in x)
    assert line.endswith('flow: the key description."\\u001f\\n": the control character '
                         "U+001F at position 1 [control-character]")
    run = run_cli("run", "--flow", str(path), "--answers", str(tmp_path / "a.json"))
    assert run.code == 2 and len(run.err.splitlines()) == 1, run


def _poisoned(report: dict[str, Any], text: str) -> dict[str, Any]:
    """The report with `text` in every string a person reads: as if some data (a catalog
    row, a future source) carried it."""
    report = copy.deepcopy(report)
    rec = report["recommendation"]
    rec["title"] += text
    rec["summary"] += text
    rec["reasons"] = [reason + text for reason in rec["reasons"]]
    report["warnings"] = [*report["warnings"], f"warn{text}"]
    report["pitfalls"] = [{"id": "p", "title": f"t{text}", "advice": f"a{text}"}]
    report["answers"]["use_case"] = f"case{text}"
    costs = report["costs"]
    costs["model_name"] += text
    costs["assumptions"]["notes"] = [note + text for note in costs["assumptions"]["notes"]]
    for price in costs["prices_used"]:
        price["source"] += text
    report["flow"]["title"] += text
    return report


@pytest.mark.parametrize("escape", ESCAPES)
def test_no_renderer_writes_a_control_character_from_the_data(escape: str) -> None:
    flow = load_flow(resolve(None))
    session = run_answers(flow, ARTICLE, context=Context())
    report = _poisoned(build_report(session, ARTICLE), escape)
    for fmt in FORMATS:
        out = render(report, fmt, flow)
        assert not UNSAFE.search(out), fmt
        assert f"\\u{ord(escape[0]):04x}" in out, fmt
    assert json.loads(render(report, "json", flow)) == json.loads(
        json.dumps(report, ensure_ascii=True)
    )  # escaped, not lost: the JSON holds the same strings
