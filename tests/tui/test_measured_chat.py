"""measure → chat, end to end: the chat started with `--answers` from `advisor measure`
offers each measured answer as its question comes, marked "(measured)", to confirm with
enter or change; the report then lists the answers taken as measured, and from what."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from advisor.given import read_given
from advisor.tui.report_screen import ReportScreen
from advisor.tui.widgets.conversation import UserSaid
from advisor.tui.widgets.filtered_choice import FilteredChoiceAnswer
from tests.conftest import run_cli
from tests.usage_logs import make_log

TEAM = {"use_case": "Support replies", "need": ["style"], "prompts_work": "partly",
        "examples": "800", "data_reviewed": True, "test_set": True,
        "requirements_change": "rarely"}
MEASURED = ("requests_per_day", "prompt_tokens", "fixed_prompt_tokens", "output_tokens", "model")


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An answers file measured by the real command from a generated Responses API log."""
    folder = tmp_path_factory.mktemp("logs")
    log = folder / "responses.jsonl"
    log.write_text("\n".join(make_log("openai-responses", count=3_000).lines) + "\n", "utf-8")
    out = folder / "measured.toml"
    result = run_cli("measure", str(log), "--out", str(out))
    assert result.code == 0, result
    return out


def feedback(app: Any) -> str:
    return str(app.screen.query_one("#answer-area .feedback").visual)


@pytest.mark.asyncio
async def test_measured_answers_are_offered_one_question_at_a_time(make_app, tui, measured):
    values = tomllib.loads(measured.read_text(encoding="utf-8"))
    app = make_app(given=read_given([str(measured)]))
    async with app.run_test(size=(110, 44)) as pilot:
        await pilot.pause()
        assert f"Answers from {measured} are offered as their questions come (marked " \
               "measured)" in tui.words(tui.screen_text(pilot))
        session = app.session
        seen = []
        while (question := session.current) is not None:
            before = len(session.steps)
            if question.id in MEASURED:
                seen.append(question.id)
                offered = values[question.id]
                assert session.suggested(question) == offered
                if question.id == "model":
                    panel = app.screen.query_one(FilteredChoiceAnswer)
                    assert panel.choices[0].id == offered
                    assert "(measured)" in tui.screen_text(pilot)
                    await pilot.press("enter")
                else:
                    assert "(measured)" in feedback(app)
                    field = app.screen.query_one("#answer-area Input", Input)
                    assert field.value.replace(",", "") == str(offered)
                    if question.id == "output_tokens":  # the person knows better: changed
                        await pilot.press("ctrl+a", "ctrl+k", *"250", "enter")
                    else:
                        await pilot.press("enter")  # confirmed as measured
                await pilot.pause()
            else:
                await tui.give(pilot, question, TEAM.get(question.id))
            assert len(session.steps) == before + 1  # one question, one answer
        await pilot.pause()
        assert seen == ["requests_per_day", "prompt_tokens", "fixed_prompt_tokens",
                        "output_tokens", "model"]
        assert isinstance(app.screen, ReportScreen)
        report = app.screen.report
        assert report["answers"]["output_tokens"] == 250
        assert list(report["measured"]) == [q for q in MEASURED if q != "output_tokens"]
        assert report["measured"]["model"]["answers_file"] == str(measured)
        assert report["measured"]["model"]["how"] == values["_measured"]["how"]["model"]
        shown = tui.words(tui.text_of(app.screen.query_one("#report")))
        assert "Measured from your logs" in shown
        assert f"{values['requests_per_day']:,} requests/day (measured)" in shown
        assert f"{values['prompt_tokens']:,} tokens (measured)" in shown
        assert "250 tokens (measured)" not in shown

        # Back in the conversation, each answer says where it came from.
        await pilot.press("b")
        await pilot.pause()
        said = {w.question_id: tui.text_of(w) for w in app.screen.query(UserSaid)}
        assert said["prompt_tokens"].endswith(f"{values['prompt_tokens']:,} tokens (measured)")
        assert said["output_tokens"].endswith("250 tokens")
        assert said["model"].endswith("(measured)")


@pytest.mark.asyncio
async def test_answers_written_by_hand_are_offered_from_their_file(make_app, tui, tmp_path):
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps({"need": ["format", "task"], "batch": True}), encoding="utf-8")
    app = make_app(given=read_given([str(mine)]))
    async with app.run_test(size=(110, 40)) as pilot:
        await tui.give(pilot, app.session.current, "Support replies")
        assert app.session.current.id == "need"
        assert "(from mine.json)" in feedback(app)
        await pilot.press("enter")  # confirms the offered picks
        await pilot.pause()
        assert app.session.answers["need"] == ["format", "task"]
        typed = {"prompts_work": "yes", "examples": "0", "test_set": True,
                 "requests_per_day": "2000"}
        for _ in range(20):
            if app.session.current.id == "batch":
                break
            await tui.give(pilot, app.session.current, typed.get(app.session.current.id))
        assert "y yes  (from mine.json)" in tui.screen_text(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.answers["batch"] is True
        # Starting over offers them again.
        await app.restart()
        await pilot.pause()
        assert app.session.suggested(app.session.flow.questions["need"]) == ["format", "task"]


def test_the_chat_checks_given_answers_before_it_needs_a_terminal(tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"requests_per_dya": 5}), encoding="utf-8")
    result = run_cli("chat", "--answers", str(bad))
    assert result.code == 2
    assert result.err.startswith(f"advisor: {bad}: 'requests_per_dya' is no question")
    with_resume = run_cli("chat", "--answers", str(bad), "--resume", str(bad))
    assert with_resume.code == 2
    assert "--answers starts a new conversation" in with_resume.err
