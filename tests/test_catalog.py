"""The price catalog: validated, in step with the flow and with genai-prices, and refused
with one clear message when a row is wrong."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.costs.prices import catalog_read
from advisor.costs.prices.catalog import CATALOG_FILE, load_catalog, parse_catalog
from advisor.costs.prices.request_cost import calc_genai, read_table
from advisor.engine.flows import load_flow
from advisor.errors import BadInput
from advisor.flow.library import resolve

SHIPPED = Path(CATALOG_FILE).read_text(encoding="utf-8")
DAY = date(2026, 11, 28)


def test_the_shipped_catalog_passes_the_full_validation() -> None:
    validated = catalog_read.parse(SHIPPED, CATALOG_FILE)
    assert validated == load_catalog()  # what a warm run reads from its cache is the same
    assert {"gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini", "gpt-4"} <= set(validated.models)


def test_the_model_questions_take_their_choices_from_data_not_a_copied_list() -> None:
    flow = load_flow(resolve(None))
    model, tuned = flow.questions["model"], flow.questions["ft_model"]
    assert model.choices_from == "models" and [c.id for c in model.choices] == ["custom"]
    assert tuned.choices_from == "fine_tune_models" and [c.id for c in tuned.choices] == ["same"]
    assert model.default is None and model.default_from.fact == "default_model"
    assert tuned.default is None and tuned.default_from.fact == "default_ft_model"


def test_the_flow_file_names_no_model_and_no_date() -> None:
    """Model ids and dates live in the catalog; a flow that restates them goes stale."""
    import re

    text = Path(resolve(None)).read_text(encoding="utf-8")
    for model_id in ["gpt-4", "gpt-5", "gpt-6", "claude", "gemini-", "llama", "nova"]:
        assert model_id not in text.lower(), model_id
    assert re.findall(r"\b20\d\d-\d\d-\d\d\b", text) == []


def test_the_flows_defaults_agree_with_the_catalogs_assumptions() -> None:
    """A question answered with its default is priced like one the path never asked."""
    flow = load_flow(resolve(None))
    a = load_catalog().assumptions
    q = flow.questions
    assert q["output_tokens"].default == a.output_tokens
    assert q["retrieved_tokens"].default == a.retrieved_chunks * a.chunk_tokens
    assert q["documents_tokens"].default == a.documents_tokens
    assert q["training_runs"].default == a.training_runs
    assert q["vector_store"].default == a.vector_store
    # The short prompt's default is the cost model's own estimate (a share of the prompt's
    # instructions, knowledge pasted in apart), so the two cannot drift apart.
    assert q["ft_prompt_tokens"].default_from.fact == "ft_prompt_estimate"
    assert q["example_tokens"].default_from.fact == "example_tokens_estimate"
    assert q["knowledge_tokens"].default_from.fact == "prompt_tokens"
    assert Decimal(str(q["knowledge_tokens"].default_from.scale)) == a.pasted_knowledge_share
    assert {c.id for c in q["knowledge_change"].choices} == set(a.reembed_every_days)


def test_the_catalog_covers_the_markets_kinds_of_fine_tuning() -> None:
    catalog = load_catalog()
    hosts = {m.fine_tuning.provider for m in catalog.fine_tunable() if m.fine_tuning}
    assert {"OpenAI", "Azure OpenAI", "Together AI", "Google Vertex AI"} <= hosts
    azure = catalog.models["azure:gpt-4.1-mini"].fine_tuning
    assert azure is not None and azure.hosting_per_hour == Decimal("1.70")
    assert catalog.models["gpt-4"].retires == date(2026, 10, 23)
    for model_id in ("gpt-4.1", "gpt-4.1-mini", "gpt-4o", "gpt-4o-mini"):
        model = catalog.models[model_id]
        assert model.retires == date(2027, 1, 14)
        assert model.fine_tuning is not None and model.fine_tuning.closes == date(2027, 1, 6)


def test_every_row_has_a_dated_source() -> None:
    catalog = load_catalog()
    for model in catalog.models.values():
        ft = model.fine_tuning
        if ft is not None:
            assert catalog.source(ft.source) is not None
        if model.retires is not None:
            assert catalog.source(model.lifecycle_source) is not None
    for source in catalog.sources.values():
        assert source.as_of <= catalog.checked


def test_genai_prices_knows_every_model_the_catalog_names() -> None:
    catalog = load_catalog()
    refs = {(m.price_ref, m.price_provider) for m in catalog.models.values()}
    for model in catalog.fine_tunable():
        ft = model.fine_tuning
        if ft is not None and ft.price_ref:
            refs.add((ft.price_ref, ft.price_provider or model.price_provider))
    refs.add((catalog.embedding.price_ref, catalog.embedding.price_provider))
    for ref, provider in sorted(refs):
        assert read_table(ref, provider, DAY).rates.prices.input >= 0, ref


def test_the_embedding_price_used_with_custom_prices_matches_genai_prices() -> None:
    emb = load_catalog().embedding
    assert read_table(emb.price_ref, emb.price_provider, DAY).rates.prices.input == emb.per_1m


def test_openai_fine_tuned_gpt_4o_prices_are_1_5_times_the_base() -> None:
    base = read_table("gpt-4o-2024-08-06", "openai", DAY).rates.prices
    tuned = read_table("ft:gpt-4o-2024-08-06", "openai", DAY).rates.prices
    assert tuned.input == base.input * Decimal("1.5")
    assert tuned.output == base.output * Decimal("1.5")


# Refs from the catalog, and tiered models that step up past 200,000 / 272,000 input tokens,
# so that the cached tables are checked against genai-prices' own arithmetic on both kinds.
PRICED = [
    ("gpt-4.1-mini", "openai"),
    ("gpt-4o", "openai"),
    ("ft:gpt-4o-mini-2024-07-18", "openai"),
    ("meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "together"),
    ("gemini-2.5-flash", "google"),
    ("text-embedding-3-small", "openai"),
    ("gemini-2.5-pro", "google"),
    ("gpt-5.4", "openai"),
]


@settings(max_examples=150, deadline=None)
@given(
    model=st.sampled_from(PRICED),
    input_tokens=st.integers(0, 3_000_000),
    output_tokens=st.integers(0, 1_000_000),
    day=st.dates(date(2025, 1, 1), date(2028, 12, 31)),
)
def test_cached_price_tables_price_exactly_as_genai_prices(
    model: tuple[str, str], input_tokens: int, output_tokens: int, day: date
) -> None:
    ref, provider = model
    table = read_table(ref, provider, day)
    expected = calc_genai(ref, provider, day, input_tokens, output_tokens).total_price
    assert table.request(input_tokens, output_tokens) == expected


# --- refusals ------------------------------------------------------------------------------


def broken(old: str, new: str) -> str:
    assert SHIPPED.count(old) >= 1, old
    return SHIPPED.replace(old, new, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            broken("training_per_1m = 25\ninput", "training_per_1m = -25\ninput"),
            "models.gpt-4.1.fine_tuning.training_per_1m: expected a finite number ≥ 0, found -25",
        ),
        (
            broken("hosting_per_hour = 1.70", "hosting_per_hour = nan"),
            "models.azure:gpt-4.1-mini.fine_tuning.hosting_per_hour: expected a finite number "
            "≥ 0, found nan",
        ),
        (
            broken("per_1m = 0.02", "per_1m = inf"),
            "embedding.per_1m: expected a finite number ≥ 0, found inf",
        ),
        (
            broken("per_1m = 0.02", 'per_1m = "0.02"'),
            "embedding.per_1m: expected a finite number ≥ 0, found '0.02'",
        ),
        (
            broken('source = "pinecone-pricing"', 'source = "pinecone"'),
            "vector_stores.managed.source: names the source 'pinecone', which is not in [sources]",
        ),
        (
            broken('label = "GPT-4.1"\n', 'label = "GPT-4.1"\ncolour = "red"\n'),
            "unknown key 'colour' in models.gpt-4.1",
        ),
        (
            broken('smaller = "gpt-4.1-mini"', 'smaller = "gpt-6"'),
            "models.gpt-4.1.smaller: 'gpt-6' is not another catalog model",
        ),
        (
            broken('source = "openai-deprecations-2026-10"', 'source = "somewhere"'),
            "].source: names the source 'somewhere', which is not in [sources]",
        ),
        (
            broken('open_weights_source = "gpt-oss-model-card"', 'open_weights_source = "hf"'),
            "makers[2].open_weights_source: names the source 'hf', which is not in [sources]",
        ),
        (
            broken('open_weights_source = "gpt-oss-model-card"\n', ""),
            "makers[2]: open_weights without an open_weights_source",
        ),
        (
            broken("min_prefix_tokens = 4096", "min_prefix_tokens = -1"),
            "caching.0.min_prefix_tokens",
        ),
        (
            broken('providers = ["*"]', 'providers = ["openai"]'),
            "caching: the last rule must match every provider and model",
        ),
        (
            broken("checked = 2026-12-06", "checked = 2026-12-06 x"),
            "not valid TOML",
        ),
    ],
)
def test_a_broken_catalog_is_refused_naming_the_field(text: str, message: str) -> None:
    with pytest.raises(BadInput) as refused:
        parse_catalog(text, "my-catalog.toml")
    assert str(refused.value).startswith("my-catalog.toml: ")
    assert message in str(refused.value)


def test_a_catalog_file_that_is_missing_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="no such file"):
        load_catalog(str(tmp_path / "nowhere.toml"))
