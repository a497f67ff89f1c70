"""Conditions read facts as data; an unknown fact makes a comparison false."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_empty_combinations_follow_all_and_any() -> None:
    assert evaluate(All(()), FACTS)
    assert not evaluate(Any_(()), FACTS)


def test_a_multi_choice_is_unequal_unless_it_is_exactly_that_set() -> None:
    assert evaluate(Compare("many", "ne", "style"), FACTS)
    assert not evaluate(Compare("many", "ne", ("style", "format")), FACTS)
    assert not evaluate(Compare("absent", "in", (None, 1)), FACTS)
    assert not evaluate(Compare("absent", "not_in", (1,)), FACTS)


# The rules as the flows documentation states them, written plainly: conditions are
# compiled into small functions once, and must mean exactly this.
def _meaning(condition: object, facts: dict[str, object]) -> bool:
    match condition:
        case None:
            return True
        case All(items):
            return all(_meaning(item, facts) for item in items)
        case Any_(items):
            return any(_meaning(item, facts) for item in items)
        case Not(item):
            return not _meaning(item, facts)
        case Compare(fact, "exists", wanted):
            return (facts.get(fact) is not None) == wanted
    found = facts.get(condition.fact)  # type: ignore[union-attr]
    op, wanted = condition.op, condition.value  # type: ignore[union-attr]
    if found is None:
        return False
    members = found if isinstance(found, list) else [found]
    wanted_set = set(wanted) if isinstance(wanted, tuple) else {wanted}
    number = isinstance(found, int | float) and not isinstance(found, bool)
    return {
        "eq": lambda: set(found) == wanted_set if isinstance(found, list) else found == wanted,
        "ne": lambda: set(found) != wanted_set if isinstance(found, list) else found != wanted,
        "lt": lambda: number and found < wanted,
        "le": lambda: number and found <= wanted,
        "gt": lambda: number and found > wanted,
        "ge": lambda: number and found >= wanted,
        "in": lambda: found in wanted,
        "not_in": lambda: found not in wanted,
        "contains": lambda: wanted in members,
        "contains_any": lambda: any(item in members for item in wanted),
        "contains_all": lambda: all(item in members for item in wanted),
        "only": lambda: bool(members) and all(item in wanted for item in members),
    }[op]()


_IDS = st.sampled_from(["a", "b", "c"])
_NUMBERS = st.integers(-3, 3) | st.sampled_from([0.5, 2.0])
_FOUND = st.none() | st.booleans() | _NUMBERS | _IDS | st.lists(_IDS, max_size=3, unique=True)
_FACT_NAMES = st.sampled_from(["x", "y", "missing"])


def _compares() -> st.SearchStrategy[Compare]:
    scalar = st.builds(Compare, _FACT_NAMES, st.sampled_from(["eq", "ne"]), _IDS | _NUMBERS
                       | st.tuples(_IDS, _IDS))
    order = st.builds(Compare, _FACT_NAMES, st.sampled_from(["lt", "le", "gt", "ge"]), _NUMBERS)
    listed = st.builds(Compare, _FACT_NAMES, st.sampled_from(["in", "not_in"]),
                       st.lists(_IDS | _NUMBERS, max_size=3).map(tuple))
    member = st.builds(Compare, _FACT_NAMES, st.just("contains"), _IDS)
    members = st.builds(Compare, _FACT_NAMES,
                        st.sampled_from(["contains_any", "contains_all", "only"]),
                        st.lists(_IDS, max_size=3).map(tuple))
    present = st.builds(Compare, _FACT_NAMES, st.just("exists"), st.booleans())
    return scalar | order | listed | member | members | present


_CONDITIONS = st.recursive(
    _compares(),
    lambda inner: st.lists(inner, max_size=3).map(lambda xs: All(tuple(xs)))
    | st.lists(inner, max_size=3).map(lambda xs: Any_(tuple(xs)))
    | inner.map(Not),
    max_leaves=6,
)


@settings(derandomize=True, max_examples=400, deadline=None)
@given(_CONDITIONS, st.fixed_dictionaries({"x": _FOUND, "y": _FOUND}))
def test_compiled_conditions_mean_what_the_rules_say(condition, facts) -> None:
    facts = {name: value for name, value in facts.items() if value is not None}
    assert evaluate(condition, facts) is _meaning(condition, facts)
    assert evaluate(condition, facts) is _meaning(condition, facts)  # and the second time
