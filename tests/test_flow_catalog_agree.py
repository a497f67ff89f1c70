"""The flow's prose may spell out a figure the catalog holds (its texts are recorded word
for word in reports and transcripts); where it does, it must agree with the catalog, the
one home of the figure."""

from __future__ import annotations

from decimal import Decimal

from advisor.costs.prices.catalog import load_catalog
from advisor.engine.flows import load_flow
from advisor.flow.library import resolve

CATALOG = load_catalog()
FLOW = load_flow(resolve(None))


def test_the_access_rule_question_says_the_catalogs_window() -> None:
    for rule in CATALOG.access_rules.values():
        question = FLOW.questions[rule.question]
        window = f"the last {rule.window_days} days"
        assert window in question.prompt
        qualifying = next(c for c in question.choices if c.id == rule.qualifying_choice)
        assert window in qualifying.label


def test_the_vector_store_choices_are_the_catalogs_stores_at_its_minimums() -> None:
    question = FLOW.questions["vector_store"]
    assert {c.id for c in question.choices} == set(CATALOG.vector_stores)
    managed = CATALOG.vector_stores["managed"]
    minimum = f"${managed.monthly_minimum:,.0f}"
    assert managed.monthly_minimum > Decimal(0)
    hint = next(c.hint for c in question.choices if c.id == "managed")
    assert f"{minimum} a month minimum" in hint
    assert f"a monthly minimum of {minimum}" in " ".join(question.help.split())
    pitfall = next(p for p in FLOW.pitfalls if "Pinecone" in p.advice)
    assert f"Pinecone Standard: {minimum})" in pitfall.advice
    assert CATALOG.assumptions.vector_store == question.default
