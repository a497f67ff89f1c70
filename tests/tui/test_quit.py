"""ctrl+c and ctrl+q quit cleanly from anywhere: a field, a dialog, the report."""

from __future__ import annotations

import pytest

from advisor.tui.report_screen import ReportScreen


@pytest.mark.asyncio
@pytest.mark.parametrize("key", ["ctrl+c", "ctrl+q"])
@pytest.mark.parametrize("where", ["text field", "choice list", "help", "report", "export"])
async def test_quit_keys_work_everywhere(make_app, tui, key, where):
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        if where == "choice list":
            await tui.give(pilot, app.session.current, None)
            await tui.give(pilot, app.session.current, ["style"])
        elif where == "help":
            await pilot.press("f1")
        elif where in ("report", "export"):
            await tui.converse(
                pilot, {"need": ["style"], "prompts_work": "not_tried", "test_set": True,
                        "requests_per_day": "50"}
            )
            assert isinstance(app.screen, ReportScreen)
            if where == "export":
                await pilot.press("e")
        await pilot.pause()
        assert app.is_running
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
