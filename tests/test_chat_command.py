"""`advisor` / `advisor chat` from the command line, and Textual staying out of the core."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

OUTSIDE = Path(os.environ.get("TMPDIR", "/tmp"))


def advisor(*args: str, stdin=subprocess.DEVNULL, importtime: bool = False):
    command = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "advisor"]
    return subprocess.run(
        [*command, *args],
        stdin=stdin,
        capture_output=True,
        text=True,
        cwd=OUTSIDE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
    )


def test_without_a_terminal_the_chat_points_at_advisor_run():
    for args in ((), ("chat",)):
        result = advisor(*args)
        assert result.returncode == 2, result
        assert "the chat needs a terminal" in result.stderr
        assert "advisor run --answers FILE" in result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout == ""


def test_an_unknown_flow_is_named_before_any_screen_opens():
    result = advisor("chat", "--flow", "ai_strategi")
    assert result.returncode == 2
    assert "no shipped flow is called 'ai_strategi'" in result.stderr
    assert "ai_strategy" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_the_chat():
    result = advisor("--help")
    assert result.returncode == 0
    assert "chat" in result.stdout
    assert "run" in result.stdout


CORE_IMPORTS = """
import importlib, json, os, sys
import advisor
root = os.path.dirname(advisor.__file__)
names = []
for folder, _, files in os.walk(root):
    package = os.path.relpath(folder, os.path.dirname(root)).replace(os.sep, ".")
    if package == "advisor.tui" or package.startswith(("advisor.tui.", "advisor._")):
        continue
    for file in files:
        if file.endswith(".py") and file != "__main__.py":
            stem = file[:-3]
            names.append(package if stem == "__init__" else f"{package}.{stem}")
for name in sorted(names):
    importlib.import_module(name)
textual = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print(json.dumps({"imported": sorted(names), "textual": textual}))
"""


def test_every_module_outside_the_tui_imports_without_textual():
    result = subprocess.run(
        [sys.executable, "-c", CORE_IMPORTS],
        capture_output=True, text=True, cwd=OUTSIDE, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    # The check covers the whole core, including the chat command and the report diff.
    for module in ("advisor.cli", "advisor.cli.chat_cmd", "advisor.engine.session",
                   "advisor.report.diff", "advisor.flow.loader"):
        assert module in found["imported"]
    assert found["textual"] == []


def test_advisor_run_never_imports_textual(tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"need": ["style"], "prompts_work": "not_tried",
                                   "test_set": True, "requests_per_day": 100}))
    result = advisor("run", "--answers", str(answers), importtime=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["recommendation"]["approach"] == "prompt_engineering"
    imported = [line.split("|")[-1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:")]
    assert "advisor.cli.run_cmd" in imported  # the import log is complete ...
    assert not [m for m in imported if m == "textual" or m.startswith("textual.")]  # ... and clean


def test_plain_advisor_takes_the_chat_options():
    result = advisor("--flow", "ai_strategi")
    assert result.returncode == 2
    assert "no shipped flow is called 'ai_strategi'" in result.stderr


def test_a_transcript_to_resume_or_replay_is_checked_before_the_screen_opens(tmp_path):
    missing = tmp_path / "gone.json"
    for option in ("--resume", "--replay"):
        result = advisor("chat", option, str(missing))
        assert result.returncode == 2, result
        assert f"{missing}: no such file" in result.stderr
        assert "Traceback" not in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": 1, "flow": ', encoding="utf-8")
    result = advisor("chat", "--resume", str(broken))
    assert result.returncode == 2
    assert str(broken) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_transcript_with_terminal_controls_in_its_text_is_refused_by_every_command(tmp_path):
    """A reaction or draft holding an OSC 52 clipboard write and a clear-screen passed
    `advisor replay` (exit 0) and reached the terminal through `chat --resume/--replay`."""
    corpus = Path(__file__).parent / "transcripts" / "hybrid.json"
    data = json.loads(corpus.read_text(encoding="utf-8"))
    data["steps"][2]["reaction"] = "Noted.\x1b]52;c;aGk=\x07\x1b[2J"
    crafted = tmp_path / "crafted.json"
    crafted.write_text(json.dumps(data), encoding="utf-8")
    message = (f"advisor: {crafted}: steps[2].reaction (question 'prompts_work'): expected "
               "printable text, found the control character U+001B (ESC) at position 7\n")
    for args in (("replay",), ("chat", "--resume"), ("chat", "--replay"), ("sessions",)):
        if args == ("sessions",):
            result = advisor("sessions", "--sessions-dir", str(tmp_path))
            assert message.replace("advisor: ", "", 1).rstrip() in result.stderr + result.stdout
            continue
        result = advisor(*args, str(crafted))
        assert (result.returncode, result.stdout, result.stderr) == (2, "", message), args
