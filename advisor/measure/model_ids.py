"""The model a log names, as an id advisor knows: the logs say `gpt-4.1-mini-2025-04-14`
or `claude-sonnet-4-5-20250929`; the model question takes `gpt-4.1-mini`.

advisor's own resolution (advisor.costs.prices.model_lookup) comes first, as for a typed answer; a
dated snapshot id it does not list is matched by genai-prices' own model matching, which
is how genai-prices prices that response."""

from __future__ import annotations

from advisor.costs.prices.catalog import load_catalog
from advisor.costs.prices.model_lookup import hint, resolve
from advisor.errors import BadInput


def known_id(model: str, provider: str | None = None) -> str | None:
    """The answer for a logged model name, or None if neither advisor nor genai-prices
    knows it (an Azure deployment's own name, a self-hosted model)."""
    catalog = load_catalog()
    found = resolve(model, catalog)
    if found is None and provider:
        found = resolve(f"{provider}:{model}", catalog)
    if found is not None:
        return found
    from genai_prices import data_snapshot

    try:
        owner, info = data_snapshot.get_snapshot().find_provider_model(model, None, provider, None)
    except LookupError:
        return None
    return resolve(f"{owner.id}:{info.id}", catalog) or resolve(info.id, catalog)


def given_id(model: str) -> str:
    """The id for --model, or BadInput naming the closest ids."""
    found = known_id(model.strip())
    if found is None:
        raise BadInput(
            f"--model: no model '{model}' in the price catalog or genai-prices"
            f"{hint(model, load_catalog())}"
        )
    return found
