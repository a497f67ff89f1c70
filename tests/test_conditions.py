"""Conditions read facts as data; an unknown fact makes a comparison false."""

from __future__ import annotations

from advisor.flow.conditions import All, Any_, Compare, Not, evaluate, facts_read

FACTS = {"n": 10, "pick": "red", "many": ["style", "format"], "flag": False}


def test_numeric_comparisons() -> None:
    assert evaluate(Compare("n", "ge", 10), FACTS)
    assert not evaluate(Compare("n", "gt", 10), FACTS)
    assert evaluate(Compare("n", "lt", 10.5), FACTS)
    assert evaluate(Compare("n", "in", (1, 10)), FACTS)


def test_choice_and_multi_choice_comparisons() -> None:
    assert evaluate(Compare("pick", "eq", "red"), FACTS)
    assert evaluate(Compare("pick", "not_in", ("blue",)), FACTS)
    assert evaluate(Compare("many", "contains", "style"), FACTS)
    assert evaluate(Compare("many", "contains_any", ("task", "format")), FACTS)
    assert not evaluate(Compare("many", "contains_all", ("style", "task")), FACTS)
    assert evaluate(Compare("many", "only", ("style", "format", "task")), FACTS)
    assert not evaluate(Compare("many", "only", ("style",)), FACTS)
    assert evaluate(Compare("many", "eq", ("format", "style")), FACTS)


def test_false_is_a_known_value_not_a_missing_one() -> None:
    assert evaluate(Compare("flag", "eq", False), FACTS)
    assert evaluate(Compare("flag", "exists", True), FACTS)


def test_unknown_facts_make_comparisons_false_and_not_inverts() -> None:
    assert not evaluate(Compare("absent", "eq", 1), FACTS)
    assert not evaluate(Compare("absent", "ne", 1), FACTS)
    assert not evaluate(Compare("absent", "lt", 1), FACTS)
    assert evaluate(Not(Compare("absent", "eq", 1)), FACTS)
    assert evaluate(Compare("absent", "exists", False), FACTS)


def test_all_any_not_combine() -> None:
    both = All((Compare("n", "eq", 10), Compare("pick", "eq", "red")))
    either = Any_((Compare("n", "eq", 0), Compare("pick", "eq", "red")))
    assert evaluate(both, FACTS)
    assert evaluate(either, FACTS)
    assert not evaluate(Not(either), FACTS)
    assert evaluate(None, FACTS)


def test_a_number_never_satisfies_an_order_on_text() -> None:
    assert not evaluate(Compare("pick", "gt", 1), FACTS)


def test_facts_read_lists_each_fact_once_in_order() -> None:
    condition = All((Compare("n", "gt", 1), Not(Compare("pick", "eq", "x")), Compare("n", "lt", 9)))
    assert facts_read(condition) == ["n", "pick"]
