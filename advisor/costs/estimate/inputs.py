"""The cost model's inputs, read from a conversation's answers by their public ids.

A question the path skipped is priced with the catalog's assumption (which the flow's
defaults agree with, a test checks), and the names of those are kept, so that the report
can say which figures are assumed rather than given.
"""

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from advisor.costs.estimate import arithmetic as cm
from advisor.costs.prices.records import Catalog
from advisor.errors import BadInput

CUSTOM = "custom"
CUSTOM_SOURCE = "your answers (custom prices)"  # where custom prices come from, in words
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
    "need",
    "data_reviewed",
    "example_cost_usd",
    "requirements_change",
    "gpu_hour_usd",
    "openai_ft_access",
    "knowledge_plan",
    "knowledge_tokens",
)


class Inputs(NamedTuple):
    requests_per_day: Decimal
    prompt_tokens: int  # the full prompt as priced: the user's, plus knowledge added to it
    ft_prompt_tokens: int  # a fine-tune's own instructions (knowledge in the prompt apart)
    hybrid_prompt_tokens: int  # the hybrid's instructions (knowledge apart)
    fixed_prompt_tokens: int  # the part of the full prompt that repeats on every request
    output_tokens: int
    batch: bool  # the answers can wait: priced at the batch tier where there is one
    retrieved_tokens: int  # retrieved per request: what was asked, capped at the collection
    query_tokens: int
    documents_tokens: int  # the knowledge collection
    reembed_every_days: int
    knowledge_change: str
    examples_given: int | None
    examples_priced: int
    tokens_per_example: int
    epochs: int  # OpenAI's automatic rule for these examples; a platform may have its own
    training_runs: int
    vector_store: str
    data_reviewed: bool | None  # None: not asked (no examples)
    example_cost: Decimal  # collecting or reviewing one training example
    requirements_change: str
    retrains_per_year: int
    gpu_hour: Decimal  # a rented GPU, self-hosting
    access: str  # openai_ft_access: "active" or "none"
    knowledge_needed: bool = False  # `need` includes knowledge
    knowledge_plan: str = ""  # as answered ("" when not asked)
    knowledge_in_prompt: int = 0  # knowledge every prompt carries (pasted, or added here)
    knowledge_added: int = 0  # of it, added to the user's prompt because the collection fits
    knowledge_fits: bool = False  # the collection is small enough to ride in the prompt
    retrieved_asked: int = 0  # retrieved tokens as answered, before the cap

    def fixed_part(self, prompt_tokens: int) -> int:
        """What still repeats in a shorter prompt of instructions: a fine-tune removes the
        fixed instructions and examples first, so what it keeps of them is what is left.
        Knowledge in the prompt is apart (see `tuned`)."""
        instructions = self.prompt_tokens - self.knowledge_in_prompt
        fixed = self.fixed_prompt_tokens - self._knowledge_fixed()
        removed = max(instructions - prompt_tokens, 0)
        return max(0, min(prompt_tokens, fixed - removed))

    def _knowledge_fixed(self) -> int:
        return min(self.knowledge_in_prompt, self.fixed_prompt_tokens)

    def prompting(self) -> tuple[int, int]:
        """Prompt engineering's request: input tokens and the fixed prefix among them."""
        return self.prompt_tokens, self.fixed_prompt_tokens

    def rag(self) -> tuple[int, int]:
        """Retrieval: the prompt without the knowledge it carried, plus retrieved passages,
        which follow the fixed part and change every time."""
        instructions = self.prompt_tokens - self.knowledge_in_prompt
        fixed = self.fixed_prompt_tokens - self._knowledge_fixed()
        return instructions + self.retrieved_tokens, fixed

    def tuned(self, instructions: int) -> tuple[int, int]:
        """A fine-tuned model's request: its instructions plus the knowledge it cannot
        learn, which stays in its prompt."""
        return (
            instructions + self.knowledge_in_prompt,
            self.fixed_part(instructions) + self._knowledge_fixed(),
        )

    def rag_tuned(self) -> tuple[int, int]:
        short = self.ft_prompt_tokens
        return short + self.retrieved_tokens, self.fixed_part(short)


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
    need = facts.get("need")
    knowledge = knowledge_of(facts, prompt, a)
    pasted = knowledge.pasted
    if knowledge.plan == "prompt" and facts.get("knowledge_tokens") is None:
        defaulted.append("knowledge_tokens")
    short_default = cm.share_of(max(prompt - pasted, 1), a.ft_prompt_share)
    if facts.get("ft_prompt_tokens") is None and facts.get("fixed_prompt_tokens") is not None:
        # A fine-tune removes the fixed instructions, never the part that changes on every
        # request: a tenth of the prompt is the default only where that leaves it whole.
        varying = prompt - _tokens(facts, "fixed_prompt_tokens", 0)
        short_default = max(short_default, min(varying, max(prompt - pasted, 1)))
    short = tokens("ft_prompt_tokens", short_default)
    fixed = tokens("fixed_prompt_tokens", max(prompt - short, 0))
    if fixed > prompt:
        raise BadInput(
            f"fixed_prompt_tokens: expected at most the prompt's {prompt:,} tokens, found {fixed:,}"
        )
    output = tokens("output_tokens", a.output_tokens)
    instructions = prompt - pasted
    hybrid = short + cm.share_of(max(instructions - short, 0), a.hybrid_prompt_share)
    if instructions <= short:
        hybrid = short
    asked_retrieved = tokens("retrieved_tokens", a.retrieved_chunks * a.chunk_tokens)
    documents = pasted or tokens("documents_tokens", a.documents_tokens)
    retrieved = min(asked_retrieved, documents)
    needed = isinstance(need, list) and "knowledge" in need
    fits = needed and documents <= a.knowledge_in_prompt_max_tokens
    added = documents if fits and not pasted else 0
    change = facts.get("knowledge_change")
    if change not in a.reembed_every_days:
        defaulted.append("knowledge_change")
        change = "monthly"
    given = number(facts, "examples")
    examples_given = None if given is None else int(given)
    priced = examples_given if (examples_given or 0) >= a.min_priced_examples else None
    examples = priced if priced is not None else a.min_priced_examples
    runs = tokens("training_runs", a.training_runs)
    per_example = tokens("example_tokens", short + pasted + added + output)
    store = facts.get("vector_store")
    if store not in catalog.vector_stores:
        defaulted.append("vector_store")
        store = a.vector_store
    batch = facts.get("batch")
    if not isinstance(batch, bool):
        defaulted.append("batch")
        batch = False
    expert = isinstance(need, list) and "domain" in need
    example_cost = number(facts, "example_cost_usd")
    if example_cost is None:
        defaulted.append("example_cost_usd")
        example_cost = a.expert_example_cost_usd if expert else a.example_cost_usd
    requirements = facts.get("requirements_change")
    if requirements not in a.retrains_per_year:
        defaulted.append("requirements_change")
        requirements = "sometimes"
    gpu_hour = number(facts, "gpu_hour_usd")
    if gpu_hour is None:
        defaulted.append("gpu_hour_usd")
        gpu_hour = a.gpu_hour_usd
    reviewed = facts.get("data_reviewed")
    access = facts.get("openai_ft_access")
    inputs = Inputs(
        requests_per_day=requests,
        prompt_tokens=prompt + added,
        ft_prompt_tokens=short,
        hybrid_prompt_tokens=hybrid,
        fixed_prompt_tokens=fixed + added,
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
        data_reviewed=reviewed if isinstance(reviewed, bool) else None,
        example_cost=example_cost,
        # in words: a default is said to be one, never passed off as the person's answer
        requirements_change=requirements if "requirements_change" not in defaulted
        else f"{requirements}, as assumed: the question was not asked",
        retrains_per_year=a.retrains_per_year[requirements],
        gpu_hour=gpu_hour,
        access=access if isinstance(access, str) else "none",
        knowledge_needed=needed,
        knowledge_plan=knowledge.plan,
        knowledge_in_prompt=pasted + added,
        knowledge_added=added,
        knowledge_fits=fits,
        retrieved_asked=asked_retrieved,
    )
    return inputs, defaulted


class Knowledge(NamedTuple):
    plan: str  # knowledge_plan as answered, "" when not asked
    pasted: int  # tokens of the user's prompt that are pasted knowledge


def knowledge_of(facts: Mapping[str, Any], prompt: int, a: Any) -> Knowledge:
    """How much of the prompt is knowledge pasted into it: `knowledge_tokens` where the
    plan is to paste it (default: half the prompt, the flow's default too), else none."""
    plan = facts.get("knowledge_plan")
    if plan != "prompt":
        return Knowledge(plan if isinstance(plan, str) else "", 0)
    pasted = _tokens(facts, "knowledge_tokens", cm.share_of(prompt, a.pasted_knowledge_share))
    if pasted > prompt:
        raise BadInput(
            f"knowledge_tokens: expected at most the prompt's {prompt:,} tokens, found {pasted:,}"
        )
    return Knowledge(plan, pasted)
