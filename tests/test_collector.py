"""Every command starts with the garbage collector paused (advisor.launch); `advisor run`
keeps it paused, the rest turn it back on once their arguments are read, and a caller
that runs a command in its own process gets the collector back as it was."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from advisor.cli import main

ANSWERS = Path(__file__).parent / "cover" / "ai_strategy" / "01-try_prompts_first.json"


@pytest.mark.parametrize("enabled", [True, False])
def test_a_command_run_in_process_gives_the_collector_back_as_it_was(
    enabled: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    (gc.enable if enabled else gc.disable)()
    try:
        assert main(["run", "--answers", str(ANSWERS), "--format", "json"]) == 0
        assert '"approach"' in capsys.readouterr().out
        assert gc.isenabled() is enabled
        assert main(["flows", "graph"]) == 0
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_a_long_command_collects_once_its_arguments_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The replay of a folder runs with the collector on, as a gigabyte of logs would."""
    from advisor.cli import replay_cmd

    seen: list[bool] = []
    handle = replay_cmd.handle
    monkeypatch.setattr(replay_cmd, "handle", lambda args: seen.append(gc.isenabled()) or
                        handle(args))
    gc.disable()  # as advisor.launch starts it
    try:
        main(["replay", str(tmp_path)])
    finally:
        gc.enable()
    assert seen == [True]
