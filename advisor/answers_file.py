"""Reading an answers file (JSON or TOML, or either on stdin): question id → raw value."""

from __future__ import annotations

import os
from typing import Any

from advisor.error_words import kind_of
from advisor.errors import BadInput
from advisor.fileio import MAX_DIGITS, MB, number_as_written, parse_json, read_text

MAX_ANSWERS_BYTES = 1 * MB
# The table `advisor measure` adds: which answers are measured, how, from which logs. No
# question id starts with an underscore, so it can never clash with an answer.
MEASURED_KEY = "_measured"


_USE = "an answer can take"


def parse_answers(text: str, name: str, fmt: str) -> dict[str, Any]:
    """Parse answers text in `fmt` ('json' or 'toml'); errors name the file and the line."""
    if fmt == "json":
        data = parse_json(text, name, "an answers file", _USE, as_written=True)
    else:
        import tomllib  # here: most answers files are JSON, and it costs ~4 ms to import

        try:
            data = tomllib.loads(text, parse_float=number_as_written)
        except tomllib.TOMLDecodeError as error:
            raise BadInput(f"{name}: not valid TOML: {error}") from None
        except RecursionError:
            raise BadInput(f"{name}: nested too deeply to be an answers file") from None
        except ValueError:  # an integer too long for Python to convert
            raise BadInput(
                f"{name}: an integer of more than {MAX_DIGITS:,} digits is not a number {_USE}"
            ) from None
    if not isinstance(data, dict):
        raise BadInput(
            f"{name}: expected an object mapping question ids to answers, found {kind_of(data)}"
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
