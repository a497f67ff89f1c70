"""Reading a catalog file: TOML, then the format (advisor.costs.prices.catalog_file), then
what the format alone cannot check — every row names a source that exists, every model it
points to (a smaller model, a successor) is in the catalog. One message names the file and
the field; only a cache miss (or a test) imports this module."""

from __future__ import annotations

import tomllib
from typing import Any

from pydantic import ValidationError

from advisor.costs.prices import records as c
from advisor.costs.prices.catalog_file import CatalogIn
from advisor.error_words import key_problem, reworded
from advisor.errors import BadInput


def _path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if not (isinstance(p, str) and p.startswith(("int", "float")))]
    return ".".join(parts) or "catalog"


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = tuple(first["loc"])
    problem = key_problem(first, f"'{loc[-1]}'") if loc else None
    if problem is not None:
        parent = _path(loc[:-1])
        return problem + (f" in {parent}" if parent != "catalog" else "")
    return f"{_path(loc)}: {reworded(first, 'toml')}"


def _references(raw: CatalogIn) -> list[str]:
    """Cross-references the file format alone cannot check."""
    problems = []
    known_sources = set(raw.sources)

    def need_source(where: str, source_id: str | None) -> None:
        if source_id is not None and source_id not in known_sources:
            problems.append(f"{where}: names the source '{source_id}', which is not in [sources]")

    need_source("epochs.source", raw.epochs.source)
    need_source("embedding.source", raw.embedding.source)
    for key, store in raw.vector_stores.items():
        need_source(f"vector_stores.{key}.source", store.source)
    if raw.assumptions.vector_store not in raw.vector_stores:
        problems.append(
            f"assumptions.vector_store: '{raw.assumptions.vector_store}' is not in [vector_stores]"
        )
    listed: dict[tuple[str, str], int] = {}
    for number, entry in enumerate(raw.shutdowns, start=1):
        need_source(f"shutdowns[{number}].source", entry.source)
        need_source(f"shutdowns[{number}].successor_source", entry.successor_source)
        if entry.successor_source and not entry.successor:
            problems.append(f"shutdowns[{number}]: successor_source without a successor")
        for model in entry.models:
            key = (entry.provider.lower(), model.lower())
            if key in listed:
                problems.append(
                    f"shutdowns[{number}]: {entry.provider}:{model} is already in "
                    f"shutdowns[{listed[key]}] (one date per model and provider)"
                )
            listed.setdefault(key, number)
    for number, rule in enumerate(raw.caching, start=1):
        need_source(f"caching[{number}].source", rule.source)
    if raw.caching[-1].providers != ["*"] or raw.caching[-1].models != ["*"]:
        problems.append("caching: the last rule must match every provider and model (\"*\")")
    need_source("featured.source", raw.featured.source)
    need_source("assumptions.example_cost_source", raw.assumptions.example_cost_source)
    need_source("assumptions.gpu_hour_source", raw.assumptions.gpu_hour_source)
    need_source(
        "assumptions.knowledge_in_prompt_source", raw.assumptions.knowledge_in_prompt_source
    )
    need_source("size_bands.source", raw.size_bands.source)
    need_source("price_data.source", raw.price_data.source)
    for key, rule in raw.access_rules.items():
        need_source(f"access_rules.{key}.source", rule.source)
    for number, rule in enumerate(raw.batch, start=1):
        need_source(f"batch[{number}].source", rule.source)
    for number, maker in enumerate(raw.makers, start=1):
        need_source(f"makers[{number}].open_weights_source", maker.open_weights_source)
        if maker.open_weights and maker.open_weights_source is None:
            problems.append(f"makers[{number}]: open_weights without an open_weights_source")
    if raw.size_bands.small_below > raw.size_bands.large_from:
        problems.append("size_bands: small_below must not be above large_from")
    for model_id, model in raw.models.items():
        where = f"models.{model_id}"
        need_source(f"{where}.lifecycle_source", model.lifecycle_source)
        for name in ("smaller",):
            target = getattr(model, name)
            if target is not None and (target not in raw.models or target == model_id):
                problems.append(f"{where}.{name}: '{target}' is not another catalog model")
        if model.retires is not None and model.lifecycle_source is None:
            problems.append(f"{where}: a retirement date needs a lifecycle_source")
        ft = model.fine_tuning
        if ft is None:
            continue
        need_source(f"{where}.fine_tuning.source", ft.source)
        need_source(f"{where}.fine_tuning.closing_source", ft.closing_source)
        need_source(f"{where}.fine_tuning.hosting_source", ft.hosting_source)
        need_source(f"{where}.fine_tuning.inference_source", ft.inference_source)
        need_source(f"{where}.fine_tuning.access_source", ft.access_source)
        need_source(f"{where}.fine_tuning.epochs_source", ft.epochs_source)
        need_source(f"{where}.fine_tuning.retires_source", ft.retires_source)
        if ft.retires is not None and ft.retires_source is None:
            problems.append(f"{where}.fine_tuning: a retirement date needs a retires_source")
        if ft.epochs is not None and ft.epochs_source is None:
            problems.append(f"{where}.fine_tuning: epochs need an epochs_source")
        if ft.access_rule is not None and ft.access_rule not in raw.access_rules:
            problems.append(
                f"{where}.fine_tuning.access_rule: '{ft.access_rule}' is not in [access_rules]"
            )
        if ft.access_rule and (ft.access_from is None or ft.access_source is None):
            problems.append(f"{where}.fine_tuning: an access rule needs access_from and a source")
        if ft.serving in ("dedicated_gpu", "self_hosted") and not ft.gpu_tokens_per_second:
            problems.append(f"{where}.fine_tuning: {ft.serving} needs gpu_tokens_per_second")
        if ft.serving == "self_hosted" and not ft.training_tokens_per_second:
            problems.append(f"{where}.fine_tuning: self_hosted needs training_tokens_per_second")
        if ft.ft_price_ref is None and (ft.input_per_1m is None or ft.output_per_1m is None):
            problems.append(
                f"{where}.fine_tuning: give input_per_1m and output_per_1m, or ft_price_ref"
            )
        if ft.closes is not None and ft.closing_source is None:
            problems.append(f"{where}.fine_tuning: a closing date needs a closing_source")
    return problems


def parse(text: str, source: str) -> c.Catalog:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BadInput(f"{source}: not valid TOML: {error}") from None
    try:
        parsed = CatalogIn.model_validate(raw)
    except ValidationError as error:
        raise BadInput(f"{source}: {_describe(error)}") from None
    for problem in _references(parsed):
        raise BadInput(f"{source}: {problem}")
    return parsed.to_domain(source)
