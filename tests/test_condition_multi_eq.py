"""A multi-choice answer compared with `eq`/`ne` and a single id means a list of one,
as in answers files (found by `advisor flows check`: the route was never taken)."""

from __future__ import annotations

from advisor.flow.conditions import Compare, evaluate
from advisor.flowcheck.lint import lint_text

FLOW = """
id = "eqmulti"
title = "t"
version = "1"
[[questions]]
id = "need"
kind = "multi_choice"
prompt = "p"
help = "h"
choices = [{ id = "knowledge", label = "k" }, { id = "style", label = "s" }]
[[questions.routes]]
when = { fact = "need", eq = "knowledge" }
to = "rag"
[[questions.routes]]
to = "prompts"
[[outcomes]]
id = "rag"
approach = "rag"
components = ["rag"]
title = "R"
summary = "R."
[[outcomes]]
id = "prompts"
approach = "prompt_engineering"
components = ["prompt_engineering"]
title = "P"
summary = "P."
"""


def test_eq_with_one_id_matches_a_list_of_that_one_id() -> None:
    assert evaluate(Compare("need", "eq", "knowledge"), {"need": ["knowledge"]})
    assert not evaluate(Compare("need", "eq", "knowledge"), {"need": ["knowledge", "style"]})
    assert not evaluate(Compare("need", "ne", "knowledge"), {"need": ["knowledge"]})
    assert evaluate(Compare("need", "eq", ("style", "knowledge")), {"need": ["knowledge", "style"]})


def test_such_a_route_is_taken() -> None:
    result = lint_text(FLOW, "eqmulti.toml")
    assert result.findings == []
    assert result.exploration is not None and "rag" in result.exploration.outcomes
