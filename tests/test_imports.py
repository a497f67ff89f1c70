"""The core never needs Textual; a headless run never loads it."""

from __future__ import annotations

import json
import pkgutil
from pathlib import Path

import advisor
from tests.conftest import run_python, write_answers
from tests.test_default_flow import STYLE_AT_SCALE


def core_modules() -> list[str]:
    names = [
        info.name
        for info in pkgutil.walk_packages(advisor.__path__, prefix="advisor.")
        if not info.name.startswith("advisor.tui") and info.name != "advisor.__main__"
    ]
    assert "advisor.engine.session" in names and "advisor.cli" in names
    return names


def test_every_core_module_imports_with_textual_unavailable() -> None:
    code = (
        "import importlib, sys\n"
        "sys.modules['textual'] = None  # any import of textual now fails\n"
        "sys.modules['textual_serve'] = None  # and of the server that serves it\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual' and sys.modules[m]))\n"
    )
    out = run_python(code)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_a_headless_run_loads_neither_textual_nor_pydantic_when_warm(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, STYLE_AT_SCALE)
    code = (
        "import contextlib, io, json, sys\n"
        "from advisor.cli import main\n"
        "for _ in range(2):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        f"        assert main(['run', '--answers', {str(answers)!r}]) == 0\n"
        "    loaded = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "print(json.dumps(loaded))\n"
    )
    out = run_python(code)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []
    warm = (
        "import contextlib, io, sys\n"
        "from advisor.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['run', '--answers', {str(answers)!r}]) == 0\n"
        "print(any(m.startswith('pydantic') for m in sys.modules))\n"
    )
    out = run_python(warm)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
