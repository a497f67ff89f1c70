"""`advisor serve` as a person meets it: the real server, a real headless Chromium.

Each test starts `advisor serve` on a free loopback port (`--port 0`), opens the address it
prints in Chromium, and types into the page. Without Chromium the tests are skipped, with
the command that installs it; `.ci/run` installs it, so they run in CI.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.browser import INSTALL_HINT, Browser, chromium_path, until
from tests.conftest import run_cli, write_answers
from tests.served import serving

pytestmark = pytest.mark.skipif(
    chromium_path() is None, reason=f"Chromium is not installed: {INSTALL_HINT}"
)

FIRST = "Can prompts achieve acceptable results?"
SECOND = "Do you have 500+ quality training examples?"
THIRD = "Is this high volume — 10,000 or more requests a day?"
FOURTH = "Do your requirements change frequently?"
FINE_TUNE = {"prompts_work": False, "quality_examples": True, "high_volume": True,
             "requirements_change": False}


@pytest.fixture
def browser(tmp_path: Path) -> Browser:
    executable = chromium_path()
    assert executable is not None
    return Browser(executable, tmp_path / "profile", tmp_path / "downloads")


@pytest.fixture
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $ADVISOR_TEST_ARTEFACTS, else pytest's temporary folder."""
    folder = os.environ.get("ADVISOR_TEST_ARTEFACTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("artefacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


def expected_report(tmp_path: Path, answers: dict[str, object], fmt: str) -> str:
    result = run_cli("run", "--flow", "quick_check", "--answers",
                     str(write_answers(tmp_path, answers)), "--format", fmt)
    assert result.code == 0, result
    return result.out


@pytest.mark.asyncio
async def test_a_conversation_in_the_browser_reaches_the_report_and_exports_it(
    tmp_path: Path, browser: Browser, artefacts: Path
) -> None:
    markdown = expected_report(tmp_path, FINE_TUNE, "markdown")
    title = json.loads(expected_report(tmp_path, FINE_TUNE, "json"))["recommendation"]["title"]
    async with serving(tmp_path) as served, browser:
        tab = await browser.open(served.url)
        await tab.wait_for(FIRST, timeout=60)
        first_question = time.monotonic() - served.started
        await tab.type("n")
        screen = await tab.wait_for(SECOND)
        assert FIRST in screen  # the conversation keeps the answered question above
        await tab.type("y")
        await tab.wait_for(THIRD)
        await tab.type("y")
        await tab.wait_for(FOURTH)
        await tab.type("n")
        screen = await tab.wait_for("Pitfalls to avoid")
        assert title in screen
        await tab.wait_for("e Export")  # the report's keys, in its footer
        shot = await tab.screenshot(artefacts / "serve-report.png")
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

        await tab.type("e")
        screen = await tab.wait_for("Download as")
        assert "advisor-report.md" in screen
        download = browser.expect_download()  # listening before the key that starts it
        await tab.press("enter")
        name, text = await download.result()
        assert name == "advisor-report.md"
        assert text == markdown
        await tab.wait_for("Sent the report to your browser as a download")

        await tab.press("ctrl+p")  # the command palette: Save transcript
        await tab.wait_for("Search for commands")
        await tab.type("Save transcript")
        await tab.wait_for("Save this conversation to a file")
        await tab.press("enter")
        await tab.wait_for("advisor-transcript.json")
        download = browser.expect_download()
        await tab.press("enter")
        name, text = await download.result()
        assert name == "advisor-transcript.json"
        downloaded = json.loads(text)

        # Nothing was written on the server's side but the autosaved conversation.
        assert list(served.cwd.iterdir()) == []
        (saved,) = served.sessions.glob("*.json")
        transcript = json.loads(saved.read_text(encoding="utf-8"))
        assert transcript["status"] == "complete"
        assert {s["question_id"]: s["value"] for s in transcript["steps"]} == FINE_TUNE
        assert downloaded["steps"] == transcript["steps"]
        assert downloaded["outcome"] == transcript["outcome"]
    print(f"first question {first_question:.2f} s after `advisor serve` started; "
          f"screenshot: {shot}")


@pytest.mark.asyncio
@pytest.mark.parametrize("whole_group", [False, True], ids=["SIGINT", "ctrl+c"])
async def test_two_tabs_hold_two_independent_conversations_and_ctrl_c_ends_them(
    tmp_path: Path, browser: Browser, whole_group: bool
) -> None:
    async with serving(tmp_path) as served, browser:
        one = await browser.open(served.url)
        two = await browser.open(served.url)
        await one.wait_for(FIRST, timeout=60)
        await two.wait_for(FIRST, timeout=60)

        await one.type("n")
        await one.wait_for(SECOND)
        assert SECOND not in await two.screen_text()
        await two.type("y")
        screen = await two.wait_for("Use prompts")
        assert SECOND not in screen
        assert SECOND in await one.screen_text()
        assert "Use prompts" not in await one.screen_text()

        tabs = served.tab_processes()
        assert len(tabs) == 2
        saved = sorted(
            json.loads(path.read_text(encoding="utf-8"))["steps"][0]["value"]
            for path in served.sessions.glob("*.json")
        )
        assert saved == [False, True]  # one file per conversation, each with its answer

        # Closing a tab ends its app; the other conversation goes on.
        await one.close()

        async def one_left() -> list[int] | None:
            left = served.tab_processes()
            return left if len(left) == 1 else None

        (left,) = await until(one_left, "the closed tab's app to quit")
        assert left in tabs
        assert "F1 explains a question" not in await two.screen_text()  # the report
        await two.press("escape")  # back to the conversation, in tab two
        await two.wait_for("F1 explains a question")

        code, out, err = await served.stop(whole_group)
        assert (code, err) == (0, "")  # no traceback, no noise
        assert out.endswith("Press ctrl+c to stop.\nStopped; closed 1 open conversation.\n")
        for pid in tabs:
            assert not running(pid), f"tab process {pid} outlived the server"


def running(pid: int) -> bool:
    """True while `pid` runs (an exited process no one has reaped yet does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.asyncio
async def test_a_tab_does_not_outlive_a_server_that_is_killed(
    tmp_path: Path, browser: Browser
) -> None:
    async with serving(tmp_path) as served, browser:
        tab = await browser.open(served.url)
        await tab.wait_for(FIRST, timeout=60)
        (app,) = served.tab_processes()
        served.process.kill()  # SIGKILL: the server cannot tell its tabs anything
        await served.process.wait()

        async def gone() -> bool:
            return not running(app)

        await until(gone, "the orphaned tab's app to quit")
