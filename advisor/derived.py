"""The registry of what flows read from code: derived facts and data-backed choices.

It sits above the core fact types (`advisor.facts`) and the cost model that implements a
provider, so neither imports the other through it. Providers are imported on first use, so
that importing this module stays cheap; each keeps its own heavy imports (catalog, prices)
until it has something to compute.
"""

from __future__ import annotations

from advisor.choices import ChoiceSource
from advisor.facts import OUTCOME_FACTS, FactProvider, FactSpec


def providers() -> tuple[FactProvider, ...]:
    """Every provider of derived facts, in the order they are computed."""
    from advisor.costs.flow_facts.provider import PROVIDER as COSTS

    return (COSTS,)


def derived_specs() -> dict[str, FactSpec]:
    """Every fact a flow may read besides its questions."""
    specs = {spec.name: spec for spec in OUTCOME_FACTS}
    for provider in providers():
        specs.update({spec.name: spec for spec in provider.specs})
    return specs


def choice_sources() -> dict[str, ChoiceSource]:
    """Every source of choices a flow question may name in `choices_from`."""
    from advisor.costs.prices.model_choices import SOURCES

    return dict(SOURCES)


class _Program:
    """The program's vocabulary for flows (advisor.flow.vocabulary): what a flow is checked
    against when it is loaded, and where its choice questions take their sources from."""

    def facts(self) -> dict[str, FactSpec]:
        return derived_specs()

    def sources(self) -> dict[str, ChoiceSource]:
        return choice_sources()


VOCABULARY = _Program()
