"""The README's map of the code (Development) names every folder and module that exists,
and nothing that does not: a newcomer reads the layers from it."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import advisor

PACKAGE = Path(advisor.__file__).parent
README = Path(__file__).resolve().parent.parent / "README.md"


def _layout() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("```\nadvisor/")
    return text[start : text.index("\nflows/ ", start)]  # advisor/ alone, not the tests


def _named(layout: str, stem: str, name: str) -> bool:
    words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_.]*", layout))
    patterns = re.findall(r"\*[A-Za-z0-9_]*\.py", layout)
    return stem in words or name in words or any(fnmatch.fnmatch(name, p) for p in patterns)


def test_every_module_of_advisor_is_on_the_map() -> None:
    layout = _layout()
    missing = [
        str(path.relative_to(PACKAGE))
        for path in sorted(PACKAGE.rglob("*.py"))
        if not path.stem.startswith("__") and not _named(layout, path.stem, path.name)
    ]
    assert missing == []


def test_every_folder_on_the_map_exists_and_every_folder_is_on_it() -> None:
    layout = _layout()
    folders = {p.name for p in PACKAGE.rglob("*") if p.is_dir()
               and not p.name.startswith(("_", ".")) and any(p.glob("*.py"))}
    drawn = set(re.findall(r"(?<![\w/.])([a-z_]+)/(?=[\s,)])", layout)) - {"advisor"}
    assert drawn == folders
