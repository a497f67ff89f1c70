"""Exporting the report from the report view: Markdown or JSON, written atomically."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from textual.widgets import Input

from advisor.report import render
from advisor.tui.export_screen import ExportScreen
from advisor.tui.report_screen import ReportScreen

QUICK = {"need": ["style"], "prompts_work": "not_tried", "test_set": True,
         "requests_per_day": "300"}


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Path:
    """A folder nobody can write to. Root ignores permission bits, so as root the test
    uses sysfs, which refuses new files even to root."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    probe = folder / "probe"
    try:
        probe.write_text("x")
    except OSError:
        yield folder
    else:
        probe.unlink()
        sysfs = Path("/sys/kernel")
        if not sysfs.is_dir() or _can_create(sysfs):
            pytest.skip("no folder here refuses writes (running as root without sysfs)")
        yield sysfs
    finally:
        folder.chmod(stat.S_IRWXU)


def _can_create(folder: Path) -> bool:
    try:
        (folder / "advisor-probe").write_text("x")
    except OSError:
        return False
    (folder / "advisor-probe").unlink()
    return True


async def to_report(pilot, tui) -> None:
    await tui.converse(pilot, QUICK)
    assert isinstance(pilot.app.screen, ReportScreen)


@pytest.mark.asyncio
async def test_export_markdown_to_the_default_path(make_app, tui, tmp_path, flow):
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await to_report(pilot, tui)
        report = app.screen.report
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        target = tmp_path / "advisor-report.md"
        assert app.screen.query_one(Input).value == str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert target.read_text(encoding="utf-8") == render(report, "markdown", flow)
        assert "Saved the report to" in tui.screen_text(pilot)
        assert [n.message for n in app._notifications] == [f"Saved the report to {target}"]
        # A second export never overwrites the first by default.
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one(Input).value == str(tmp_path / "advisor-report-2.md")


@pytest.mark.asyncio
async def test_export_json_after_switching_the_format(make_app, tui, tmp_path, flow):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_report(pilot, tui)
        report = app.screen.report
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("shift+tab", "down", "enter")  # to the formats, JSON, back to the path
        await pilot.pause()
        field = app.screen.query_one(Input)
        assert field.has_focus
        assert field.value == str(tmp_path / "advisor-report.json")
        await pilot.press("enter")
        await pilot.pause()
        saved = (tmp_path / "advisor-report.json").read_text(encoding="utf-8")
        assert saved == render(report, "json", flow)
        assert json.loads(saved) == report


@pytest.mark.asyncio
async def test_replacing_an_existing_file_needs_a_second_enter(make_app, tui, tmp_path):
    precious = tmp_path / "notes.md"
    precious.write_text("my notes", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_report(pilot, tui)
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = str(precious)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        message = tui.text_of(app.screen.query_one("#export-message"))
        assert message == f"{precious} exists: press enter again to replace it."
        assert precious.read_text(encoding="utf-8") == "my notes"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert precious.read_text(encoding="utf-8") == "my notes"
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(Input).value = str(precious)
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert precious.read_text(encoding="utf-8").startswith("# Start with prompt engineering")


@pytest.mark.asyncio
async def test_export_to_a_read_only_folder_says_so_and_lets_the_person_retry(
    make_app, tui, tmp_path, read_only_folder
):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await to_report(pilot, tui)
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one(Input)
        blocked = read_only_folder / "report.md"
        field.value = str(blocked)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # still open, nothing lost
        message = tui.text_of(app.screen.query_one("#export-message"))
        assert message == f"{blocked}: the folder {read_only_folder} is not writable"
        assert "is not writable" in tui.screen_text(pilot)
        assert not blocked.exists()
        assert [p.name for p in read_only_folder.iterdir() if p.name.startswith(".report")] == []
        field.value = str(tmp_path / "report.md")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.asyncio
@pytest.mark.parametrize("open_it", ["e", "save transcript"])
async def test_the_save_dialogs_sit_in_the_middle_of_the_screen(make_app, tui, open_it):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await tui.converse(pilot, QUICK)
        if open_it == "e":
            await pilot.press("e")
        else:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*open_it)
            await pilot.pause()
            await pilot.press("enter")
        await pilot.pause()
        box = app.screen.query_one("#export-box").region
        screen = app.screen.region
        assert abs(box.x - (screen.width - box.right)) <= 1  # as much room left as right
        assert abs(box.y - (screen.height - box.bottom)) <= 1  # and above as below
