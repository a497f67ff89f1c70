"""Every provider's retirements as dated, sourced catalog data: a retired model is still
accepted, with its date and a live successor (the one its provider names where it names
one); the newest models price end to end; Azure's fine-tuning is priced from Azure's own
retail list, and its fine-tunes outlive the base model on Azure's schedule."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from advisor.costs.prices.catalog import load_catalog
from advisor.costs.prices.catalog_read import parse
from advisor.costs.prices.model_choices import SOURCES
from advisor.costs.prices.model_lookup import lasting, model_for, named_successor, successor
from advisor.errors import BadInput
from tests.conftest import ROOT, run_cli
from tests.cost_scenarios import BEHAVIOUR, report

CATALOG = load_catalog()
TODAY = "2026-12-06"
DAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("typed", "model_id", "retired_on"),
    [
        ("claude-sonnet-4", "claude-sonnet-4-0", "2026-06-15"),
        ("claude-3-sonnet", "claude-3-sonnet", "2025-07-21"),
        ("claude-3-sonnet-20240229", "claude-3-sonnet", "2025-07-21"),  # a dated id
        ("claude-sonnet-4-5", "claude-sonnet-4-5", "2026-11-30"),
    ],
)
def test_a_retired_anthropic_model_runs_with_its_date_and_a_live_successor(
    tmp_path: Path, typed: str, model_id: str, retired_on: str
) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "model": typed}, today=TODAY)
    assert data["costs"]["model"] == model_id
    said = [w for w in data["warnings"] if "was shut down by Anthropic on" in w]
    assert len(said) == 1 and retired_on in said[0]
    model = model_for(model_id, CATALOG)
    moved = successor(model, CATALOG, DAY)
    assert moved is not None and lasting(moved, DAY, CATALOG)
    assert moved.price_provider == "anthropic"
    assert f"Anthropic names {moved.label} [{moved.id}] as its replacement" in said[0]


def test_a_named_successor_that_has_retired_too_is_not_suggested() -> None:
    """gpt-3.5-turbo-0613's named replacement, gpt-3.5-turbo, shut down itself: the
    suggestion falls back to a current OpenAI model of its price band."""
    old = model_for("gpt-3.5-turbo-0613", CATALOG)
    assert old.successor == "gpt-3.5-turbo"
    assert named_successor(old, CATALOG, DAY) is None
    moved = successor(old, CATALOG, DAY)
    assert moved is not None and moved.id != "gpt-3.5-turbo"
    assert lasting(moved, DAY, CATALOG) and moved.price_provider == "openai"


def test_every_provider_has_dated_sourced_retirements_of_models_genai_prices_lists() -> None:
    from genai_prices import data_snapshot

    listed = {
        f"{p.id}:{m.id}".lower() for p in data_snapshot.get_snapshot().providers for m in p.models
    }
    providers = {provider for provider, _ in CATALOG.shutdowns}
    assert {"anthropic", "openai", "google", "aws", "azure"} <= providers
    for (provider, model), row in CATALOG.shutdowns.items():
        assert f"{provider}:{model}" in listed, (provider, model)
        if row.successor:
            assert f"{provider}:{row.successor}".lower() in listed, row
        for source_id in (row.source, row.successor_source or row.source):
            source = CATALOG.source(source_id)
            assert source is not None and source.url and source.as_of <= DAY, source_id


def test_a_model_listed_twice_for_one_provider_is_a_clear_catalog_error() -> None:
    text = (ROOT / "advisor" / "costs" / "prices" / "catalog.toml").read_text(encoding="utf-8")
    twice = text + (
        '\n[[shutdowns]]\nprovider = "anthropic"\nmodels = ["claude-3-sonnet"]\n'
        'on = 2025-07-22\nsource = "anthropic-deprecations-2025"\n'
    )
    with pytest.raises(BadInput, match=r"anthropic:claude-3-sonnet is already in shutdowns\["):
        parse(twice, "catalog.toml")


def test_retired_models_are_not_offered_and_live_ones_lead() -> None:
    offered = [c.id for c in SOURCES["models"].options(DAY)]
    for retired in ("claude-3-sonnet", "claude-sonnet-4-0", "claude-sonnet-4-5", "claude-3-haiku"):
        assert retired not in offered
    sonnets = [i for i in offered if "sonnet" in i.lower()]
    assert sonnets[0] == "claude-sonnet-5-5"  # the featured, current one first
    assert {"gpt-6.2-sol", "gemini-4-neon"} <= set(offered)


@pytest.mark.parametrize(("model", "name"), [("gpt-6.2-sol", "GPT-6.2 Sol"),
                                             ("gemini-4-neon", "Gemini 4 Neon")])
def test_the_newest_models_price_end_to_end(tmp_path: Path, model: str, name: str) -> None:
    data = report(tmp_path, {**BEHAVIOUR, "model": model}, today=TODAY)
    costs = data["costs"]
    assert costs["model"] == model and costs["model_name"] == name
    used = next(p for p in costs["prices_used"] if p["item"] == f"{name}, input tokens")
    assert used["source"].startswith("genai-prices 0.2.5") and used["as_of"] == "2026-11-19"
    assert costs["approaches"]["prompt_engineering"]["monthly_usd"] > 0


def _platform(listing: dict[str, Any]) -> dict[str, Any]:
    return listing["models"][0]["fine_tuning"]


def test_azure_fine_tuning_is_priced_from_azures_retail_list() -> None:
    result = run_cli("prices", "--model", "azure:gpt-4.1-mini", "--format", "json",
                     "--today", TODAY)
    assert result.code == 0, result
    ft = _platform(result.json())
    assert ft is not None
    tokens = ft["inference"]
    assert (tokens["input_per_1m"], tokens["cached_per_1m"], tokens["output_per_1m"]) == (
        0.40,
        0.10,
        1.60,
    )
    assert ft["training_per_1m"] == 5 and ft["hosting_per_hour"] == 1.70
    assert ft["training_source"]["as_of"] == "2026-08-11"
    assert "retail" in ft["training_source"]["name"]
    assert ft["unverified"] == []
    assert ft["closes"] == "2027-04-14" and ft["tuned_until"] == "2027-10-14"
    dev = run_cli("prices", "--model", "azure-dev:gpt-4.1-mini", "--format", "json",
                  "--today", TODAY)
    assert _platform(dev.json())["training_per_1m"] == 2.5


def test_an_azure_fine_tune_is_billed_until_azures_date_for_fine_tuned_deployments(
    tmp_path: Path,
) -> None:
    answers = {**BEHAVIOUR, "model": "gpt-4.1-mini", "ft_model": "azure:gpt-4.1-mini"}
    data = report(tmp_path, answers, today=TODAY)
    platforms = data["costs"]["fine_tuning_platforms"]
    azure = next(p for p in platforms if p["id"] == "azure:gpt-4.1-mini")
    assert azure["stops_on"] == "2027-10-14"  # fine-tuned deployments; the base: 2027-04-14
    assert azure["open_until"] == "2027-04-14"
    reasons = " ".join(data["recommendation"]["reasons"] + data["warnings"])
    assert "2027-10-14" in reasons
