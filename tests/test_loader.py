"""The loader refuses broken flows with one message naming the file and the node."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.engine.flows import load_flow, parse_flow
from advisor.errors import BadInput, FlowError
from tests.conftest import run_python
from tests.flowtext import SMALL_FLOW, broken, write_flow


def refusal(text: str) -> str:
    with pytest.raises(FlowError) as caught:
        parse_flow(text, "my_flow.toml")
    message = str(caught.value)
    assert message.startswith("my_flow.toml: "), message
    assert "\n" not in message
    return message


def test_the_small_flow_loads_with_its_nodes(tmp_path: Path) -> None:
    flow = load_flow(write_flow(tmp_path))
    assert flow.id == "small"
    assert flow.start == "color"
    assert list(flow.questions) == ["color", "size", "scaled", "sure"]
    assert list(flow.outcomes) == ["big", "small_end"]
    assert len(flow.content_hash) == 64


def test_unknown_key_names_the_node_and_the_key() -> None:
    message = refusal(broken('prompt = "How big?"', 'prompt = "How big?"\nmaxx = 3'))
    assert "question 'size'" in message
    assert "unknown key 'maxx'" in message


def test_unknown_key_at_the_top_names_the_flow() -> None:
    message = refusal(broken('version = "0.1"', 'version = "0.1"\nauthor = "me"'))
    assert message == "my_flow.toml: flow: unknown key 'author'"


def test_duplicate_node_id_is_refused() -> None:
    message = refusal(broken('id = "sure"', 'id = "size"'))
    assert "the id 'size' is already used by question 'size'" in message


def test_duplicate_ids_across_kinds_are_refused() -> None:
    message = refusal(broken('id = "big"', 'id = "decide"'))
    assert "outcome 'decide'" in message and "decision 'decide'" in message


def test_route_to_a_missing_node_suggests_the_closest() -> None:
    message = refusal(broken('to = "scaled"', 'to = "scaeld"'))
    assert "question 'size', route 1" in message
    assert "goes to 'scaeld', which is not a node of this flow (did you mean 'scaled'" in message


def test_condition_on_an_unknown_fact() -> None:
    message = refusal(
        broken('when = { fact = "size", ge = 50 }', 'when = { fact = "sise", ge = 50 }')
    )
    assert "decision 'decide', route 1" in message
    assert "reads the fact 'sise'" in message and "did you mean 'size'" in message


def test_comparison_against_a_choice_the_question_lacks() -> None:
    text = broken(
        'when = { fact = "color", eq = "red" }\nto = "size"',
        'when = { fact = "color", eq = "green" }\nto = "size"',
    )
    message = refusal(text)
    assert "question 'color', route 1" in message
    assert (
        "compares 'color' with 'green', which is not one of its choices ('red', 'blue')" in message
    )


def test_numeric_comparison_with_text_is_refused() -> None:
    message = refusal(broken("ge = 50", 'ge = "fifty"'))
    assert message.endswith("decision 'decide': routes[1].when.ge: expected a number, "
                            "found 'fifty'")


@pytest.mark.parametrize(
    ("good", "bad", "field"),
    [("ge = 50", "ge = nan", "routes[1].when.ge"), ("ge = 50", "ge = inf", "routes[1].when.ge"),
     ("ge = 50", "eq = nan", "routes[1].when.eq"),
     ("ge = 50", "in = [1, -inf]", "routes[1].when.in[2]")],
)
def test_a_condition_on_nan_or_infinity_is_refused(good: str, bad: str, field: str) -> None:
    """`lt = nan` never holds: flows check called such a flow clean."""
    message = refusal(broken(good, bad))
    number = bad.rsplit(" ", 1)[1].strip("[]")
    assert message.endswith(f"decision 'decide': {field}: expected a finite number, "
                            f"found {float(number)!r}")


def test_question_without_a_fallback_route() -> None:
    text = broken(
        '[[questions.routes]]\nto = "sure"',
        '[[questions.routes]]\nwhen = { fact = "color", eq = "blue" }\nto = "sure"',
    )
    message = refusal(text)
    assert "question 'color': has no fallback route" in message


def test_malformed_toml_gives_the_line() -> None:
    message = refusal(SMALL_FLOW.replace('title = "A small flow"', 'title = "A small flow'))
    assert "not valid TOML" in message
    assert "(at line 3, column 22)" in message


def test_unknown_question_kind() -> None:
    message = refusal(broken('kind = "yes_no"', 'kind = "boolean"'))
    assert "question 'sure'" in message
    assert "kind must be one of: choice, multi_choice, yes_no, number, text" in message


def test_a_comparison_needs_exactly_one_operator() -> None:
    message = refusal(broken("ge = 50", "ge = 50, lt = 90"))
    assert "exactly one operator" in message and "found lt, ge" in message


def test_a_default_that_does_not_fit_its_question() -> None:
    message = refusal(broken("default = true", 'default = "maybe"'))
    assert "question 'sure'" in message


def test_template_naming_an_unknown_fact() -> None:
    message = refusal(broken('why = "{size} is big."', 'why = "{siez} is big."'))
    assert "names '{siez}', which is no fact" in message


def test_decisions_in_a_circle_are_refused() -> None:
    text = broken('[[decisions.routes]]\nto = "small_end"', '[[decisions.routes]]\nto = "decide"')
    message = refusal(text)
    assert "decisions route in a circle" in message


def test_missing_file_and_oversized_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput) as caught:
        load_flow(tmp_path / "nope.toml")
    assert "nope.toml: no such file" in str(caught.value)
    huge = tmp_path / "huge.toml"
    with open(huge, "wb") as handle:
        handle.truncate(2 * 1024 * 1024)
    with pytest.raises(BadInput) as caught:
        load_flow(huge)
    assert "limited to 1.0 MB" in str(caught.value)


def test_a_cached_flow_loads_without_pydantic(tmp_path: Path) -> None:
    """The warm path of a headless run must not pay for pydantic's import."""
    path = write_flow(tmp_path)
    load_flow(path)  # fills the cache (ADVISOR_CACHE_DIR is set by conftest)
    code = (
        "import sys; from advisor.engine.flows import load_flow; "
        f"flow = load_flow({str(path)!r}); "
        "print(flow.id, any(m.startswith('pydantic') for m in sys.modules))"
    )
    out = run_python(code)
    assert out.stdout.split() == ["small", "False"]


def test_a_corrupt_cache_entry_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    path = write_flow(tmp_path)
    load_flow(path)
    (entry,) = (tmp_path / "cache").iterdir()
    entry.write_bytes(b"not a pickle")
    assert load_flow(path).id == "small"


def test_an_edited_flow_is_not_served_from_the_cache(tmp_path: Path) -> None:
    path = write_flow(tmp_path)
    assert load_flow(path).title == "A small flow"
    path.write_text(SMALL_FLOW.replace("A small flow", "A renamed flow"), encoding="utf-8")
    assert load_flow(path).title == "A renamed flow"
