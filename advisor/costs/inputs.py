"""The cost model's inputs, read from a conversation's answers by their public ids.

A question the path skipped is priced with the catalog's assumption (which the flow's
defaults agree with, a test checks), and the names of those are kept, so that the report
can say which figures are assumed rather than given.
"""

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from advisor.costs import model as cm
from advisor.costs.records import Catalog
from advisor.errors import BadInput

CUSTOM = "custom"
SAME = "same"
CUSTOM_PRICES = (
    "price_input_per_1k",
    "price_output_per_1k",
    "ft_price_input_per_1k",
    "ft_price_output_per_1k",
    "training_price_per_1m",
)
CUSTOM_CACHED = ("price_cached_input_per_1k", "ft_price_cached_input_per_1k")
REQUIRED = ("requests_per_day", "prompt_tokens", "model")
INPUTS = (
    *REQUIRED,
    *CUSTOM_PRICES,
    *CUSTOM_CACHED,
    "ft_prompt_tokens",
    "fixed_prompt_tokens",
    "output_tokens",
    "batch",
    "ft_model",
    "examples",
    "example_tokens",
    "training_runs",
    "retrieved_tokens",
    "documents_tokens",
    "vector_store",
    "knowledge_change",
)


class Inputs(NamedTuple):
    requests_per_day: Decimal
    prompt_tokens: int
    ft_prompt_tokens: int
    hybrid_prompt_tokens: int
    fixed_prompt_tokens: int  # the part of the full prompt that repeats on every request
    output_tokens: int
    batch: bool  # the answers can wait: priced at the batch tier where there is one
    retrieved_tokens: int
    query_tokens: int
    documents_tokens: int
    reembed_every_days: int
    knowledge_change: str
    examples_given: int | None
    examples_priced: int
    tokens_per_example: int
    epochs: int
    training_runs: int
    vector_store: str

    def fixed_part(self, prompt_tokens: int) -> int:
        """What still repeats in a shorter prompt: a fine-tune removes the fixed
        instructions and examples first, so what it keeps of them is what is left."""
        removed = max(self.prompt_tokens - prompt_tokens, 0)
        return max(0, min(prompt_tokens, self.fixed_prompt_tokens - removed))


def number(facts: Mapping[str, Any], name: str) -> Decimal | None:
    """An answer as a Decimal; BadInput naming the field for anything that is not a finite
    number ≥ 0 (the flow already refuses those; other callers may not)."""
    value = facts.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise BadInput(f"{name}: expected a number ≥ 0, found {value!r}")
    if isinstance(value, float) and not math.isfinite(value):
        raise BadInput(f"{name}: expected a finite number ≥ 0, found {value}")
    amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not amount.is_finite() or amount < 0:
        raise BadInput(f"{name}: expected a finite number ≥ 0, found {value}")
    return amount


def _tokens(facts: Mapping[str, Any], name: str, default: int) -> int:
    amount = number(facts, name)
    if amount is None:
        return default
    if amount != amount.to_integral_value():
        raise BadInput(f"{name}: expected a whole number of tokens, found {facts.get(name)}")
    return int(amount)


def ready(facts: Mapping[str, Any]) -> bool:
    """Whether the answers so far are enough to price anything."""
    if any(facts.get(name) is None for name in REQUIRED):
        return False
    if facts.get("model") == CUSTOM:
        return all(facts.get(name) is not None for name in CUSTOM_PRICES)
    return True


def read_inputs(facts: Mapping[str, Any], catalog: Catalog) -> tuple[Inputs, list[str]]:
    """The cost model's inputs, and the names of those taken from the catalog's assumptions."""
    a = catalog.assumptions
    defaulted: list[str] = []

    def tokens(name: str, default: int) -> int:
        if facts.get(name) is None:
            defaulted.append(name)
        return _tokens(facts, name, default)

    requests = number(facts, "requests_per_day") or Decimal(0)
    prompt = _tokens(facts, "prompt_tokens", 0)
    if prompt <= 0:
        raise BadInput(f"prompt_tokens: expected a whole number > 0, found {prompt}")
    short = tokens("ft_prompt_tokens", cm.share_of(prompt, a.ft_prompt_share))
    fixed = tokens("fixed_prompt_tokens", max(prompt - short, 0))
    if fixed > prompt:
        raise BadInput(
            f"fixed_prompt_tokens: expected at most the prompt's {prompt:,} tokens, found {fixed:,}"
        )
    output = tokens("output_tokens", a.output_tokens)
    hybrid = short + cm.share_of(max(prompt - short, 0), a.hybrid_prompt_share)
    if prompt <= short:
        hybrid = short
    retrieved = tokens("retrieved_tokens", a.retrieved_chunks * a.chunk_tokens)
    documents = tokens("documents_tokens", a.documents_tokens)
    change = facts.get("knowledge_change")
    if change not in a.reembed_every_days:
        defaulted.append("knowledge_change")
        change = "monthly"
    given = number(facts, "examples")
    examples_given = None if given is None else int(given)
    priced = examples_given if (examples_given or 0) >= a.min_priced_examples else None
    examples = priced if priced is not None else a.min_priced_examples
    per_example = tokens("example_tokens", short + output)
    runs = tokens("training_runs", a.training_runs)
    store = facts.get("vector_store")
    if store not in catalog.vector_stores:
        defaulted.append("vector_store")
        store = a.vector_store
    batch = facts.get("batch")
    if not isinstance(batch, bool):
        defaulted.append("batch")
        batch = False
    inputs = Inputs(
        requests_per_day=requests,
        prompt_tokens=prompt,
        ft_prompt_tokens=short,
        hybrid_prompt_tokens=hybrid,
        fixed_prompt_tokens=fixed,
        output_tokens=output,
        batch=batch,
        retrieved_tokens=retrieved,
        query_tokens=short,
        documents_tokens=documents,
        reembed_every_days=a.reembed_every_days[change],
        knowledge_change=change,
        examples_given=examples_given,
        examples_priced=examples,
        tokens_per_example=per_example,
        epochs=catalog.epochs.epochs(examples),
        training_runs=max(1, runs),
        vector_store=store,
    )
    return inputs, defaulted
