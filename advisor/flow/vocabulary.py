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


class LazySource:
    """A source of choices looked up in the vocabulary when first asked: a flow loaded from
    the cache was checked when it was parsed, and the data behind a source (the price
    catalog) need not load before an answer needs it."""

    __slots__ = ("_found", "_name", "_vocabulary")

    def __init__(self, name: str, vocabulary: Vocabulary) -> None:
        self._name = name
        self._vocabulary = vocabulary
        self._found: ChoiceSource | None = None

    def __getattr__(self, attribute: str) -> object:
        if attribute.startswith("_"):
            raise AttributeError(attribute)
        if self._found is None:
            self._found = self._vocabulary.sources()[self._name]
        return getattr(self._found, attribute)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazySource) and other._name == self._name

    def __hash__(self) -> int:
        return hash(self._name)
