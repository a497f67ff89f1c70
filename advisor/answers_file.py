"""Reading an answers file (JSON or TOML, or either on stdin): question id → raw value."""

from __future__ import annotations

import os
import tomllib
from typing import Any

from advisor.errors import BadInput
from advisor.fileio import MB, parse_json, read_text

MAX_ANSWERS_BYTES = 1 * MB


def parse_answers(text: str, name: str, fmt: str) -> dict[str, Any]:
    """Parse answers text in `fmt` ('json' or 'toml'); errors name the file and the line."""
    if fmt == "json":
        data = parse_json(text, name, "an answers file", "an answer can take")
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise BadInput(f"{name}: not valid TOML: {error}") from None
        except RecursionError:
            raise BadInput(f"{name}: nested too deeply to be an answers file") from None
    if not isinstance(data, dict):
        raise BadInput(
            f"{name}: expected an object mapping question ids to answers, "
            f"found {type(data).__name__ if data is not None else 'null'}"
        )
    return data


def read_answers(path: str) -> tuple[dict[str, Any], str]:
    """The raw answers in a file ('-' for stdin), and the name to use in messages."""
    name = "standard input" if path == "-" else path
    text = read_text(path, MAX_ANSWERS_BYTES, "answers")
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".json":
        fmt = "json"
    elif suffix == ".toml":
        fmt = "toml"
    else:
        fmt = "json" if text.lstrip().startswith(("{", "[")) else "toml"
    return parse_answers(text, name, fmt), name
