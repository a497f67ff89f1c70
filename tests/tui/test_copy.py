"""Copy says what happened: "copied" only when the text can have reached a clipboard."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from advisor.report import render
from advisor.tui.clipboard import osc52_reaches

QUICK = {"need": ["style"], "prompts_work": "not_tried", "test_set": True,
         "requests_per_day": "300"}
TERMINAL_HINTS = ("DISPLAY", "WAYLAND_DISPLAY", "TERM_PROGRAM", "KITTY_WINDOW_ID",
                  "ALACRITTY_WINDOW_ID", "WEZTERM_PANE", "WT_SESSION", "WSL_DISTRO_NAME",
                  "SSH_CONNECTION", "SSH_TTY", "TMUX", "STY")


@pytest.fixture
def plain_terminal(monkeypatch, tmp_path: Path) -> Path:
    """A terminal that says nothing about OSC 52, with no clipboard tool on the PATH."""
    for name in TERMINAL_HINTS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    tools = tmp_path / "bin"
    tools.mkdir()
    monkeypatch.setenv("PATH", str(tools))
    return tools


async def copy_from_the_report(make_app, tui) -> tuple[dict, list[str]]:
    """The report copied, and what the chat said about it."""
    app = make_app()
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await tui.converse(pilot, QUICK)
        await pilot.press("c")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        return app.screen.report, [n.message for n in app._notifications]


@pytest.mark.asyncio
async def test_copy_that_cannot_reach_a_clipboard_says_so_and_offers_export(
    make_app, tui, plain_terminal
):
    _, said = await copy_from_the_report(make_app, tui)
    [message] = said
    assert "Copied" not in message
    assert "may not" in message and "press e to export" in message


@pytest.mark.asyncio
async def test_copy_through_the_desktop_clipboard_tool_says_copied(
    make_app, tui, flow, plain_terminal, monkeypatch, tmp_path
):
    clipboard = tmp_path / "clipboard.txt"
    tool = plain_terminal / "xclip"
    tool.write_text(f'#!/bin/sh\n/bin/cat > "{clipboard}"\n', encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("DISPLAY", ":0")
    report, said = await copy_from_the_report(make_app, tui)
    assert said == ["Copied the report (as text) to the clipboard."]
    assert clipboard.read_text(encoding="utf-8") == render(report, "text", flow)


@pytest.mark.asyncio
async def test_a_clipboard_tool_that_fails_is_not_a_copy(
    make_app, tui, plain_terminal, monkeypatch
):
    tool = plain_terminal / "xclip"
    tool.write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")  # e.g. no X server there
    tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("DISPLAY", ":0")
    _, [message] = await copy_from_the_report(make_app, tui)
    assert "Copied" not in message and "may not" in message


@pytest.mark.parametrize(
    ("env", "reaches"),
    [
        ({"TERM": "xterm-kitty"}, True),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, True),
        ({"TERM": "xterm-256color", "WT_SESSION": "x"}, True),
        ({"TERM": "xterm-256color", "VTE_VERSION": "7600"}, False),  # GNOME Terminal
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "Apple_Terminal"}, False),
        ({"TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"}, False),
        ({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}, False),  # via tmux
    ],
)
def test_which_terminals_are_known_to_take_the_copy(env, reaches):
    assert osc52_reaches(env) is reaches


def test_no_clipboard_tool_is_borrowed_from_a_far_machine(monkeypatch, tmp_path):
    from advisor.tui.clipboard import desktop_copier

    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("pbcopy", "xclip"):
        (tools / name).write_text("#!/bin/sh\n", encoding="utf-8")
        (tools / name).chmod(0o755)
    env = {"PATH": str(tools), "SSH_CONNECTION": "10.0.0.1 22 10.0.0.2 22"}
    assert desktop_copier(env, platform="darwin") is None  # would fill the server's
    forwarded = desktop_copier({**env, "DISPLAY": "localhost:10.0"}, platform="linux")
    assert forwarded is not None and os.path.basename(forwarded[0]) == "xclip"
