"""Choices: one offered answer, and the sources that supply them from data rather than
from the flow file (the types only).

A choice question may name a source (`choices_from = "models"`): its answers are then the
flow's own choices plus whatever the source accepts, and the offered list is the source's,
ordered for the day of the conversation. Sources are listed in `advisor.derived`, so that
the flow layer never imports the data (the price catalog, genai-prices) behind them.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple, Protocol


class Choice(NamedTuple):
    """One answer a choice question offers: the flow's own, or a source's."""

    id: str
    label: str
    hint: str = ""


class ChoiceSource(Protocol):
    name: str
    what: str  # how a valid id looks, in words: "a model id, e.g. …"

    def resolve(self, raw: str) -> str | None:
        """The canonical id for what the user typed (any case), or None if unknown."""
        ...

    def hint(self, raw: str) -> str:
        """What to say after an id it does not know: " (did you mean …?)", or ""."""
        ...

    def label(self, choice_id: str) -> str | None:
        """The id in words, for reports."""
        ...

    def options(self, today: date) -> list[Choice]:
        """What to offer on `today`, most relevant first; ids that are accepted but no
        longer worth offering (a model already shut down) are left out."""
        ...

    def choice(self, raw: str, today: date) -> Choice | None:
        """What typed `raw` (an id in full) picks, as a row, even when `options` leaves
        it out (shut down): the list then shows what enter takes. None if unknown."""
        ...

    def samples(self) -> tuple[str, ...]:
        """A few ids that stand for the whole source, for the flow tools' path search."""
        ...
