"""Flows that load but fail for some answers end `advisor run` with one message and exit 2,
never a traceback or a hang (`advisor flows check` reports both kinds beforehand)."""

from __future__ import annotations

from pathlib import Path

from .conftest import run_cli, write_answers

BROKEN = Path(__file__).parent / "flows_broken"


def test_decisions_that_loop_for_these_answers_are_a_flow_error(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, {"ready": True})
    flow = BROKEN / "endless_loop.toml"
    result = run_cli("run", "--flow", str(flow), "--answers", str(answers))
    assert result.code == 2, result
    assert result.err == (
        f"advisor: {flow}: decision 'recheck': for these answers the decisions route in a "
        "circle without end; run advisor flows check\n"
    )
    assert result.out == ""


def test_a_route_back_to_an_answered_question_does_not_hang_a_headless_run(
    tmp_path: Path,
) -> None:
    answers = write_answers(tmp_path, {"ready": True, "sure": False})
    flow = BROKEN / "loops_back.toml"
    result = run_cli("run", "--flow", str(flow), "--answers", str(answers))
    assert result.code == 2, result
    assert result.err == (
        f"advisor: {flow}: question 'ready' is asked a second time: a route leads back to "
        "it, and an answers file holds one answer per question\n"
    )
    fine = write_answers(tmp_path, {"ready": True, "sure": True}, "fine.json")
    assert run_cli("run", "--flow", str(flow), "--answers", str(fine)).code == 0
