"""What a session knows, as the one mapping its conditions, defaults and texts read:
the answers, then the facts the program derives from them (advisor.derived), then the
outcome's."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from advisor.derived import providers

if TYPE_CHECKING:
    from advisor.engine.session import Session


class SessionFacts(Mapping[str, Any]):
    """Answers, then derived facts, then (once finished) the outcome's facts.

    Derived facts are computed only when a condition or a text reads one, once per change
    of the answers: most routes read answers alone. Once an outcome is reached, providers
    see its facts too (a figure of the recommended approach, for its reasons), so the
    derived facts are worked out again for it.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._derived: Mapping[str, Any] | None = None
        self._derived_at: str | None = None  # the outcome they were worked out for

    def _derived_facts(self) -> Mapping[str, Any]:
        """Each provider's facts, the later ones first. A provider may hand back a mapping
        that works a fact out only when it is read (the costs do): nothing here reads
        more than is asked for."""
        outcome = self._outcome_facts()
        at = outcome.get("approach")
        if self._derived is None or self._derived_at != at:
            known: dict[str, Any] = {**self._session.answers, **outcome}
            layers: list[Mapping[str, Any]] = []
            for provider in providers():
                seen = ChainMap(*layers, known) if layers else known
                layers.insert(0, provider.compute(seen, self._session.context))
            self._derived = layers[0] if len(layers) == 1 else ChainMap(*layers)
            self._derived_at = at
        return self._derived

    def _outcome_facts(self) -> dict[str, Any]:
        outcome = self._session.outcome
        if outcome is None:
            return {}
        return {"approach": outcome.approach, "components": list(outcome.components)}

    def get(self, name: str, default: Any = None) -> Any:
        answers = self._session.answers
        if name in answers:
            return answers[name]
        if name in ("approach", "components"):
            return self._outcome_facts().get(name, default)
        if name in self._session.flow.questions:
            return default  # a question not answered (yet): no need to work out the rest
        return self._derived_facts().get(name, default)

    def __getitem__(self, name: str) -> Any:
        missing = object()
        value = self.get(name, missing)
        if value is missing:
            raise KeyError(name)
        return value

    def _all(self) -> dict[str, Any]:
        return {**self._derived_facts(), **self._session.answers, **self._outcome_facts()}

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())
