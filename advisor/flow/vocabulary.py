"""What a flow may read besides its own questions: the facts the program derives and the
sources its choice questions may take choices from.

The flow format is checked against a vocabulary but does not know whose it is: the
program's (advisor.derived, over the cost model) is handed in by whoever loads the flow, so
this package never imports the layers that compute facts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from advisor.choices import ChoiceSource
    from advisor.facts import FactSpec


class Vocabulary(Protocol):
    def facts(self) -> Mapping[str, FactSpec]:
        """Every fact a flow may read besides its questions, by name."""
        ...

    def sources(self) -> Mapping[str, ChoiceSource]:
        """Every source of choices a question may name in `choices_from`, by name."""
        ...
