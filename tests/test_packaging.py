"""The wheel carries its flows: an install that is not this checkout finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT, run_cli


def test_the_wheel_ships_flows_and_runs_from_its_own_files(tmp_path: Path) -> None:
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = (tmp_path / "dist").glob("advisor-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "advisor/_flows/ai_strategy.toml" in names
        assert "advisor/costs/prices/catalog.toml" in names
        assert not any(name.startswith("tests/") for name in names)
        archive.extractall(tmp_path / "site")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    listed = subprocess.run(
        [sys.executable, "-m", "advisor", "flows", "list"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith("ai_strategy")
    where = subprocess.run(
        [sys.executable, "-c", "from advisor.flow.library import flows_dir; print(flows_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert where.stdout.strip() == str(tmp_path / "site" / "advisor" / "_flows")
    priced = subprocess.run(
        [sys.executable, "-m", "advisor", "prices", "--model", "gpt-4.1", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert priced.returncode == 0, priced.stderr
    assert '"training_per_1m": 25.0' in priced.stdout


def test_flows_list_shows_the_default_flow() -> None:
    import tomllib

    version = tomllib.loads((ROOT / "flows" / "ai_strategy.toml").read_text())["version"]
    result = run_cli("flows", "list")
    assert result.code == 0
    first = result.out.splitlines()[0].split()
    assert first[:2] == ["ai_strategy", version]
    assert "AI strategy" in result.out


def test_python_dash_m_and_the_console_script_agree() -> None:
    script = Path(sys.executable).with_name("advisor")
    direct = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    module = run_cli("--version")
    assert direct.returncode == module.code == 0
    assert direct.stdout == module.out and module.out.startswith("advisor ")
