"""The catalog's rules and assumptions, as plain records: what applies across models —
epochs, caching, batch, size bands, makers, shutdowns, the vector stores and embedding, the
figures an estimate assumes. NamedTuples, as the records of models are
(advisor.costs.prices.records)."""

from datetime import date
from decimal import Decimal
from typing import NamedTuple, Protocol


class _ListPrices(Protocol):
    """A model's list prices per 1M tokens (advisor.costs.prices.records.TokenPrices)."""

    input: Decimal
    output: Decimal


class Embedding(NamedTuple):
    id: str
    label: str
    price_ref: str
    price_provider: str
    per_1m: Decimal  # used with custom prices, when genai-prices is not consulted
    source: str


class VectorStore(NamedTuple):
    id: str
    label: str
    monthly_minimum: Decimal
    per_1m_reads: Decimal
    reads_per_query: Decimal
    source: str


class EpochRule(NamedTuple):
    """OpenAI's automatic number of epochs, from the number of training examples."""

    target: int
    min_target_examples: int
    max_target_examples: int
    min: int
    max: int
    source: str

    def epochs(self, examples: int) -> int:
        if examples <= 0:
            return self.target
        if examples * self.target < self.min_target_examples:
            return min(self.max, self.min_target_examples // examples)
        if examples * self.target > self.max_target_examples:
            return max(self.min, self.max_target_examples // examples)
        return self.target


class Assumptions(NamedTuple):
    days_per_month: int
    hours_per_month: int
    ft_prompt_share: Decimal
    hybrid_prompt_share: Decimal
    output_tokens: int
    retrieved_chunks: int
    chunk_tokens: int
    documents_tokens: int
    training_runs: int
    min_priced_examples: int
    closing_soon_days: int
    retiring_soon_days: int
    payback_months: int
    vector_store: str
    reembed_every_days: dict[str, int]
    ft_upkeep_hours_per_month: int
    engineering_hour_usd: Decimal
    traffic_hours_per_day: int
    peak_to_average: Decimal  # busiest hour against the day's average, for GPU sizing
    gpu_overhead_share: Decimal  # storage, egress and management on top of rented GPUs
    eval_cases: int  # test-set cases run after each training run
    eval_judge_share: Decimal  # an LLM judge's tokens, as a share of the cases' tokens
    recommended_examples: int  # the data set a fine-tune is prepared for
    retrains_per_year: dict[str, int]  # by requirements_change
    retrain_relabel_share: Decimal  # examples redone for each retraining
    example_cost_usd: Decimal  # collecting or reviewing one example, general annotators
    expert_example_cost_usd: Decimal  # the same by domain experts
    example_cost_source: str
    gpu_hour_usd: Decimal  # a rented GPU for self-hosting, by the hour
    gpu_hour_source: str
    knowledge_in_prompt_max_tokens: int  # a collection up to this size fits in the prompt
    pasted_knowledge_share: Decimal  # of a prompt that carries pasted knowledge, if not said
    knowledge_in_prompt_source: str

    @property
    def ft_upkeep_monthly(self) -> Decimal:
        return self.ft_upkeep_hours_per_month * self.engineering_hour_usd


class Shutdown(NamedTuple):
    """The day a model stops being served, with the source that says so."""

    provider: str  # genai-prices provider id
    model: str  # genai-prices model id
    on: date
    source: str
    successor: str = ""  # the replacement the provider names (a genai-prices id), if any
    successor_source: str = ""  # who names it, when not `source`


class Retention(NamedTuple):
    """One cache lifetime a provider sells, and what writing the prefix for it costs."""

    minutes: int
    write: str  # genai-prices' price key for the write, if it lists one
    write_premium: Decimal  # otherwise: this times the input price


class CacheRule(NamedTuple):
    """How a provider bills a prompt prefix that repeats on every request."""

    providers: tuple[str, ...]  # shell-style patterns of genai-prices provider ids
    models: tuple[str, ...]  # shell-style patterns of model ids
    min_prefix_tokens: int
    retention: tuple[Retention, ...]
    source: str
    unverified: tuple[str, ...] = ()

    def matches(self, provider: str, model: str) -> bool:
        from fnmatch import fnmatchcase

        provider, model = provider.lower(), model.lower()
        return any(fnmatchcase(provider, p) for p in self.providers) and any(
            fnmatchcase(model, m) for m in self.models
        )


class SizeBands(NamedTuple):
    """A model's size class from its list price — providers price by capability — never
    from the words of its name: the blend of input and output prices per 1M tokens."""

    input_weight: int
    output_weight: int
    small_below: Decimal  # USD per 1M blended tokens
    large_from: Decimal
    source: str

    def blended(self, prices: _ListPrices) -> Decimal:
        weights = self.input_weight + self.output_weight
        return (prices.input * self.input_weight + prices.output * self.output_weight) / weights

    def band(self, prices: _ListPrices) -> str:
        price = self.blended(prices)
        if price < self.small_below:
            return "small"
        return "large" if price >= self.large_from else "medium"

    def describe(self, band: str) -> str:
        """A band in words, with its bounds."""
        if band == "small":
            return f"small (under ${self.small_below:,.2f} per 1M blended tokens)"
        if band == "large":
            return f"large (${self.large_from:,.2f} or more per 1M blended tokens)"
        return f"medium (${self.small_below:,.2f} to ${self.large_from:,.2f} per 1M blended tokens)"


BANDS = {"small": 0, "medium": 1, "large": 2}


class Maker(NamedTuple):
    """Who makes a model (its family), from shell-style patterns of genai-prices ids."""

    name: str
    models: tuple[str, ...]
    open_weights: tuple[str, ...] = ()  # its models whose weights are published (patterns)
    open_weights_source: str | None = None

    def makes(self, model_id: str) -> bool:
        from fnmatch import fnmatchcase

        return any(fnmatchcase(model_id.lower(), p) for p in self.models)

    def publishes(self, model_id: str) -> bool:
        """Its weights are published: anyone can fine-tune it, on GPUs of their own."""
        from fnmatch import fnmatchcase

        return any(fnmatchcase(model_id.lower(), p) for p in self.open_weights)


class BatchRule(NamedTuple):
    """A provider's batch discount where genai-prices lists no batch tier for a model."""

    providers: tuple[str, ...]  # shell-style patterns of genai-prices provider ids
    models: tuple[str, ...]
    share: Decimal  # what batch costs, as a share of the standard price
    source: str

    def matches(self, provider: str, model: str) -> bool:
        from fnmatch import fnmatchcase

        provider, model = provider.lower(), model.lower()
        return any(fnmatchcase(provider, p) for p in self.providers) and any(
            fnmatchcase(model, m) for m in self.models
        )


class PriceData(NamedTuple):
    """How old genai-prices' data is: each release's date, and the age that is too old."""

    max_age_days: int
    source: str
    releases: dict[str, date]
