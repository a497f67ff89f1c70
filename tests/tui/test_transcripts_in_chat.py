"""The chat keeps the conversation on disk: autosave, resume, save as, replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.engine import run_answers
from advisor.engine.session import Session
from advisor.report import build_report
from advisor.transcript import (
    Autosaver,
    load_transcript,
    resume,
    save_transcript,
    transcript_of,
)
from advisor.tui.chat_screen import ReplayPanel
from advisor.tui.confirm_screen import ConfirmScreen
from advisor.tui.export_screen import SaveScreen
from advisor.tui.report_screen import ReportScreen
from advisor.tui.widgets.conversation import UserSaid

START = {"use_case": "Support bot", "need": ["style"], "prompts_work": "no", "examples": "750"}
FINISH = {"data_reviewed": True, "test_set": True, "requests_per_day": "20k",
          "requirements_change": "sometimes"}


def saved_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


@pytest.mark.asyncio
async def test_every_answer_is_saved_before_the_next_question(make_app, tui, tmp_path):
    sessions = tmp_path / "sessions"
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert saved_files(sessions) == []  # opening the chat alone saves nothing
        for count, (question_id, value) in enumerate(START.items(), start=1):
            await tui.give(pilot, app.session.current, value)
            [path] = saved_files(sessions)
            saved = load_transcript(path)
            assert len(saved.steps) == count
            assert saved.steps[-1].question_id == question_id
            assert saved.status == "in_progress"
        assert saved.answers == app.session.answers

        await pilot.press("escape")  # going back is saved too: the answer is kept aside
        await pilot.pause()
        saved = load_transcript(path)
        assert "examples" not in saved.answers
        assert saved.earlier_answers == {"examples": 750}

        await tui.converse(pilot, {"examples": None, **FINISH})
        assert isinstance(app.screen, ReportScreen)
        saved = load_transcript(path)
        assert saved.status == "complete"
        assert saved.outcome.approach == app.screen.report["recommendation"]["approach"]
        assert saved_files(sessions) == [path]


@pytest.mark.asyncio
async def test_an_unfinished_conversation_is_offered_and_resumed(
    make_app, flow, context, tui, tmp_path
):
    sessions = tmp_path / "sessions"
    session = Session(flow, context)
    for value in ("Support bot", ["style"], "no"):
        session.answer(value)
    saver = Autosaver(session, folder=sessions)
    saver.save()

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert str(saver.path) in tui.words(tui.text_of(app.screen.query_one("#confirm-box")))
        await pilot.press("y")
        await pilot.pause()
        assert app.session.answers == session.answers
        assert app.session.current.id == "examples"
        visible = tui.words(tui.screen_text(pilot))
        assert "Resumed the conversation saved in" in visible
        assert "no — we tried hard and it plateaued" in visible
        await tui.give(pilot, app.session.current, "750")
        assert saved_files(sessions) == [Path(saver.path)]  # the same file goes on
        assert load_transcript(saver.path).answers["examples"] == 750


@pytest.mark.asyncio
async def test_declining_the_offer_starts_afresh_and_keeps_the_old_file(
    make_app, flow, context, tui, tmp_path
):
    sessions = tmp_path / "sessions"
    session = Session(flow, context)
    session.answer("Old idea")
    saver = Autosaver(session, folder=sessions)
    saver.save()
    before = Path(saver.path).read_text(encoding="utf-8")

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert app.session.steps == []
        await tui.give(pilot, app.session.current, "New idea")
        assert Path(saver.path).read_text(encoding="utf-8") == before
        assert len(saved_files(sessions)) == 2


@pytest.mark.asyncio
async def test_resume_a_given_file_shows_it_and_goes_on(make_app, flow, context, tui, tmp_path):
    session = Session(flow, context)
    for value in ("Support bot", ["style"], "no", 750):
        session.answer(value)
    path = tmp_path / "kept.json"
    save_transcript(path, transcript_of(session))

    transcript, restored = resume(path, context=context)
    app = make_app(resume=(str(path), transcript, restored))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.session.current.id == "data_reviewed"
        assert "750 examples" in tui.screen_text(pilot)
        await tui.answer(pilot, {"data_reviewed": True})
        assert load_transcript(path).answers["data_reviewed"] is True


@pytest.fixture
def decision(flow, context, tmp_path):
    """A finished conversation saved as `advisor run --save-transcript` saves it: the
    headless session, the file, and the transcript read back."""
    headless = run_answers(flow, {**START, **FINISH}, context=context)
    path = tmp_path / "decision.json"
    save_transcript(path, transcript_of(headless))
    return headless, path, load_transcript(path)


@pytest.mark.asyncio
async def test_replay_plays_back_then_skips_to_the_report_the_person_can_change(
    make_app, tui, decision
):
    headless, path, transcript = decision

    app = make_app(replay=(str(path), transcript))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen.focused, ReplayPanel)
        assert len(app.session.steps) < len(transcript.steps)  # it plays, it does not jump
        await pilot.press("space")  # skip to the end
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert app.screen.report == build_report(headless, {})
        # From here it is an ordinary conversation: change an answer, get a new report.
        await pilot.press("b")
        await pilot.pause()
        assert app.replaying is None
        assert app.session.answers == headless.answers


@pytest.mark.asyncio
async def test_save_transcript_from_the_palette(make_app, tui, tmp_path):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.answer(pilot, START)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"save transcript")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        await pilot.press("enter")
        await pilot.pause()
        saved = load_transcript(tmp_path / "advisor-transcript.json")
        assert saved.answers == app.session.answers
        assert [s.at for s in saved.steps] == [s.at for s in app.session.steps]


@pytest.mark.asyncio
async def test_a_sessions_folder_that_cannot_be_used_is_said_once(make_app, tui, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    app = make_app(sessions_dir=str(blocker))
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await tui.answer(pilot, {"use_case": "x", "need": ["style"]})
        [message] = [n.message for n in app._notifications]  # said once, not per answer
        assert message.startswith(f"Autosave failed: {blocker}: ")
        assert app.session.current.id == "prompts_work"  # the conversation goes on


@pytest.mark.asyncio
async def test_replay_left_to_play_out_ends_on_the_report_with_the_whole_conversation(
    make_app, tui, decision
):
    headless, path, transcript = decision

    app = make_app(replay=(str(path), transcript), replay_pace=0.02)
    async with app.run_test(size=(100, 32)) as pilot:
        # No key is touched: the playback runs its course (a condition, with a limit).
        for _ in range(200):
            if isinstance(app.screen, ReportScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, ReportScreen), "the playback never reached the report"
        assert app.screen.report == build_report(headless, {})
        assert app.replaying is None
        await pilot.press("b")
        await pilot.pause()
        said = [s.question_id for s in app.screen.query(UserSaid)]
        assert said == headless.path  # every answer is there to change
        assert "Playing back" not in tui.screen_text(pilot)


# --- resuming shows the conversation as it was ---------------------------------------------

REACTIONS = {"prompts_work": "no", "examples": "750"}  # "750 examples: enough to ..."


def reaction_lines(tui, pilot) -> list[str]:
    from advisor.tui.widgets.conversation import AdvisorNote

    return [tui.words(tui.text_of(n)) for n in pilot.app.screen.query(AdvisorNote)
            if n.has_class("reaction")]


@pytest.mark.asyncio
async def test_a_resumed_chat_shows_the_reactions_it_showed_before(make_app, tui, tmp_path):
    sessions = tmp_path / "sessions"
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.answer(pilot, {"use_case": "Support bot", "need": ["knowledge"],
                                  "knowledge_change": "weekly"})
        said_before = reaction_lines(tui, pilot)
    assert len(said_before) == 2  # on "need" and on "knowledge_change"
    [path] = saved_files(sessions)

    transcript, restored = resume(path, context=app.context)
    again = make_app(resume=(str(path), transcript, restored))
    async with again.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert reaction_lines(tui, pilot) == said_before


@pytest.mark.asyncio
async def test_a_transcript_saved_without_reactions_resumes_with_them(
    make_app, flow, context, tui, tmp_path
):
    session = Session(flow, context)  # as `advisor run --save-transcript` saves it
    for value in ("Support bot", ["style"], "no", 750):
        session.answer(value)
    path = tmp_path / "old.json"
    save_transcript(path, transcript_of(session))
    assert "reaction" not in path.read_text(encoding="utf-8")

    transcript, restored = resume(path, context=context)
    app = make_app(resume=(str(path), transcript, restored))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        lines = reaction_lines(tui, pilot)
        assert any("750 examples: enough to make fine-tuning viable" in line for line in lines)


@pytest.mark.asyncio
async def test_text_typed_but_not_confirmed_is_kept_and_comes_back(make_app, tui, tmp_path):
    sessions = tmp_path / "sessions"
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.answer(pilot, {"use_case": "Support bot", "need": ["style"],
                                  "prompts_work": "no"})
        await pilot.press(*"12")  # typed, not confirmed: then the terminal dies
        await pilot.pause()
        await app.workers.wait_for_complete()
        [path] = saved_files(sessions)
        for _ in range(50):  # the draft is saved a moment after the typing stops
            if '"12"' in path.read_text(encoding="utf-8"):
                break
            await pilot.pause(0.02)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["draft"] == {"question_id": "examples", "text": "12"}
    assert load_transcript(path).draft.text == "12"  # readable as any transcript

    transcript, restored = resume(path, context=app.context)
    again = make_app(resume=(str(path), transcript, restored))
    async with again.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert again.session.current.id == "examples"
        field = again.screen.query_one("#answer-area Input")
        assert field.value == "12"
        await pilot.press(*"00", "enter")
        await pilot.pause()
        assert again.session.answers["examples"] == 1200
    assert "draft" not in json.loads(path.read_text(encoding="utf-8"))  # answered now


CRAFTED = "\x1b]52;c;aGk=\x07\x1b[2J"  # sets the clipboard, then clears the screen
SHOWN = "\\u001b]52;c;aGk=\\u0007\\u001b[2J"


@pytest.mark.parametrize("where", ["reaction", "draft"])
def test_a_crafted_transcript_is_refused_before_the_chat_shows_anything(
    flow, context, tmp_path, where
):
    """A step's reaction or the draft holding an OSC 52 write passed `advisor replay` and,
    resumed or replayed, reached the terminal (under tmux: clipboard buffers set)."""
    from advisor.errors import BadInput

    session = Session(flow, context)
    for value in ("Support bot", ["style"], "no"):
        session.answer(value)
        session.reaction()
    from advisor.transcript.record import transcript_data

    path = tmp_path / "crafted.json"
    data = json.loads(json.dumps(transcript_data(session, draft=("examples", "12")),
                                 default=str))
    if where == "reaction":
        data["steps"][1]["reaction"] = CRAFTED
        field = "steps[1].reaction (question 'need')"
    else:
        data["draft"]["text"] = CRAFTED
        field = "draft.text"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BadInput) as refused:
        resume(path, context=context)
    assert str(refused.value) == (f"{path}: {field}: expected printable text, found the "
                                  "control character U+001B (ESC) at position 1")


@pytest.mark.asyncio
async def test_whatever_a_restored_conversation_holds_is_shown_as_plain_text(
    make_app, flow, context, tui
):
    """The files are checked on the way in; the chat shows their text literally anyway:
    a reaction, a note, the text typed before and the file's name."""
    from advisor.transcript.restore import Restored

    session = Session(flow, context)
    for value in ("Support bot", ["style"], "no"):
        session.answer(value)
        session.keep_reaction(f"reaction {CRAFTED}")
    from types import SimpleNamespace

    restored = Restored(session, [f"note {CRAFTED}"], ("examples", f"7{CRAFTED}"))
    path = f"saved{CRAFTED}.json"
    transcript = SimpleNamespace(started_at=session.steps[0].at)  # no file could hold this
    app = make_app(resume=(path, transcript, restored), autosave=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        strips = app.screen._compositor.render_strips()
        sent = "".join(segment.text for strip in strips for segment in strip)
        assert not any(char in sent for char in "\x1b\x07\x9b\x9d"), repr(sent[:200])
        screen = tui.words(tui.screen_text(pilot))
        assert f"reaction {SHOWN}" in screen
        assert f"note {SHOWN}" in screen
        assert f"saved{SHOWN}.json" in screen
        assert app.screen.query_one("#answer-area Input").value == f"7{SHOWN}"
