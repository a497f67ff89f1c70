"""Flows that load but fail for some answers end `advisor run` with one message and exit 2,
never a traceback or a hang (`advisor flows check` reports both kinds beforehand)."""

from __future__ import annotations

from pathlib import Path

from .conftest import run_cli, write_answers

BROKEN = Path(__file__).parent / "flows_broken"


def test_decisions_that_loop_are_a_flow_error(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, {"ready": True})
    flow = BROKEN / "endless_loop.toml"
    result = run_cli("run", "--flow", str(flow), "--answers", str(answers))
    assert result.code == 2, result
    assert result.err == (
        f"advisor: {flow}: decision 'check': decisions route in a circle without asking "
        "anything (check → recheck → check)\n"
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


def test_a_key_with_control_characters_is_shown_escaped_on_one_line(tmp_path: Path) -> None:
    """Found by the reliability suite: the key was echoed raw, breaking the message in two
    (and letting an answers file write escape sequences to the terminal)."""
    answers = tmp_path / "answers.json"
    answers.write_text('{"need\\r\\u001b[31m": ["style"]}', encoding="utf-8")
    result = run_cli("run", "--answers", str(answers))
    assert result.code == 2
    assert result.err == (
        f"advisor: {answers}: 'need\\r\\x1b[31m' is no question of flow 'ai_strategy' "
        "(did you mean 'need'?)\n"
    )
