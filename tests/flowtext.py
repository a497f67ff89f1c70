"""A small, valid flow to test the loader and the engine against, and ways to break it."""

from __future__ import annotations

from pathlib import Path

SMALL_FLOW = """
id = "small"
title = "A small flow"
version = "0.1"

[[questions]]
id = "color"
kind = "choice"
prompt = "Which colour?"
help = "Pick one."
choices = [{ id = "red", label = "red" }, { id = "blue", label = "blue" }]

[[questions.reactions]]
when = { fact = "color", eq = "red" }
say = "Red, a bold {color} choice."

[[questions.routes]]
when = { fact = "color", eq = "red" }
to = "size"
why = "You chose {color}."

[[questions.routes]]
to = "sure"

[[questions]]
id = "size"
kind = "number"
integer = true
min = 0
max = 100
prompt = "How big?"
help = "A size."

[[questions.routes]]
to = "scaled"

[[questions]]
id = "scaled"
kind = "number"
integer = true
min = 1
default_from = { fact = "size", scale = 0.1 }
prompt = "Scaled?"
help = "A tenth of the size by default."

[[questions.routes]]
to = "decide"

[[questions]]
id = "sure"
kind = "yes_no"
prompt = "Sure?"
help = "Yes or no."
default = true

[[questions.routes]]
to = "decide"

[[decisions]]
id = "decide"

[[decisions.routes]]
when = { fact = "size", ge = 50 }
to = "big"
why = "{size} is big."

[[decisions.routes]]
to = "small_end"

[[outcomes]]
id = "big"
approach = "fine_tuning"
components = ["fine_tuning"]
title = "Big"
summary = "It is big."

[[outcomes]]
id = "small_end"
approach = "prompt_engineering"
components = ["prompt_engineering"]
title = "Small"
summary = "It is small."

[[pitfalls]]
id = "blue_big"
title = "Blue"
advice = "Careful with {color}."
when = { fact = "approach", eq = "prompt_engineering" }
"""


def write_flow(folder: Path, text: str = SMALL_FLOW, name: str = "flow.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def broken(old: str, new: str, text: str = SMALL_FLOW) -> str:
    """The small flow with one piece replaced; fails loudly if the piece is not there."""
    assert old in text, old
    return text.replace(old, new, 1)
