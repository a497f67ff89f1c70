"""Which model an answer names: a platform of advisor's catalog, or any model genai-prices
knows, by its id or `provider:id` — and what is current among them on a given day.

A catalog row that is simply a genai-prices model under its own id (`gpt-4.1`) stands for
that model, so `openai:gpt-4.1` and `gpt-4.1` are one answer. Every other model becomes a
row of the same shape, with its shutdown date from the catalog's lifecycle table, so the
rest of the cost model never asks where a model came from.
"""

from datetime import date

from advisor.costs.prices.model_index import Entry, model_index
from advisor.costs.prices.per_catalog import kept
from advisor.costs.prices.records import Catalog, CatalogModel
from advisor.errors import BadInput
from advisor.suggest import closest

_ALIASES: dict[str, dict[str, str]] = {}  # catalog source file → genai key → catalog id
_IDS: dict[str, dict[str, str]] = {}  # catalog source file → lower-case id → id


def _catalog_ids(catalog: Catalog) -> dict[str, str]:
    found = _IDS.get(catalog.source_file)
    if found is None:
        found = _IDS[catalog.source_file] = {m.lower(): m for m in catalog.models}
    return found


def _aliases(catalog: Catalog) -> dict[str, str]:
    """genai-prices keys (lower case) that a catalog row stands for."""
    found = _ALIASES.get(catalog.source_file)
    if found is None:
        found = {
            f"{m.price_provider}:{m.price_ref}".lower(): m.id
            for m in catalog.models.values()
            if m.id == m.price_ref
        }
        _ALIASES[catalog.source_file] = found
    return found


def resolve(raw: str, catalog: Catalog) -> str | None:
    """The canonical answer for what the user typed, or None if it names no model."""
    wanted = raw.strip()
    found = _catalog_ids(catalog).get(wanted.lower())
    if found is not None:
        return found
    index = model_index()
    entry = index.find(wanted)
    if entry is None:
        return None
    return _aliases(catalog).get(entry.key.lower()) or index.canonical(entry)


def _bare(model_id: str) -> str:
    """An id without its platform or provider: `llama-3.1-8b` of `together:llama-3.1-8b`."""
    return model_id.split(":", 1)[1] if ":" in model_id else model_id


def suggest(raw: str, catalog: Catalog) -> list[str]:
    """Ids for a model typed in part or mistyped, best first: those that begin with what
    was typed (a platform's `together:llama-3.1-8b` by its `llama-3.1-8b` too), catalog
    first; else the closest by spelling."""
    pool = list(dict.fromkeys(
        list(catalog.models) + [e[3] for e in model_index().entries.values()]
    ))
    wanted = raw.strip().lower()
    begin = [i for i in pool if wanted and (i.lower().startswith(wanted)
                                            or _bare(i).lower().startswith(wanted))]
    return begin or closest(raw.strip(), pool, n=3)


def hint(raw: str, catalog: Catalog) -> str:
    """After an unknown model: the providers and platforms that offer a bare id several
    do, or the ids that begin with it, or the closest ids of a typo."""
    wanted = raw.strip()
    platforms = [m for m in catalog.models if ":" in m and _bare(m).lower() == wanted.lower()]
    qualified = list(dict.fromkeys([*platforms, *model_index().ambiguous(raw)]))
    lists = f"`advisor prices --models {wanted}` lists them"
    if qualified:
        shown = " or ".join(f"'{q}'" for q in qualified[:4])
        more = f" and {len(qualified) - 4} more" if len(qualified) > 4 else ""
        return (
            f" (offered by {len(qualified)} providers or platforms: name one as provider:id, "
            f"e.g. {shown}{more}; {lists})"
        )
    near = suggest(raw, catalog)
    if not near:
        return ""
    more = f" — {len(near)} ids begin so; {lists}" if len(near) > 4 else ""
    return " (did you mean " + " or ".join(f"'{n}'" for n in near[:4]) + f"?{more})"


def _row(entry: Entry, canonical: str, catalog: Catalog) -> CatalogModel:
    shutdown = catalog.shutdown(entry.provider, entry.id)
    qualified = ":" in canonical
    name = entry.name
    if name == entry.id:  # a reseller's row without a name: the maker's name for that id
        maker = model_index().find(entry.id)
        name = maker.name if maker is not None else name
    label = f"{name} on {entry.provider_name}" if qualified else name
    return CatalogModel(
        id=canonical,
        label=label,
        provider=entry.provider_name,
        price_ref=entry.id,
        price_provider=entry.provider,
        retires=None if shutdown is None else shutdown.on,
        lifecycle_source=None if shutdown is None else shutdown.source,
        note="Deprecated by its provider, which still serves it." if entry.deprecated else "",
        successor="" if shutdown is None else shutdown.successor,
        successor_source=None if shutdown is None else (
            shutdown.successor_source or shutdown.source
        ),
        open_weights=catalog.published_weights(entry.id),
    )


def model_for(answer: str, catalog: Catalog, what: str = "model") -> CatalogModel:
    """The row for an answer, or BadInput naming the closest ids."""
    canonical = resolve(answer, catalog)
    if canonical is not None and canonical in catalog.models:
        return catalog.models[canonical]
    entry = model_index().find(canonical or "")
    if canonical is None or entry is None:
        raise BadInput(
            f"{what}: no model '{answer}' in the price catalog or genai-prices"
            f"{hint(answer, catalog)}"
        )
    return _row(entry, canonical, catalog)


def is_served(model: CatalogModel, today: date) -> bool:
    return model.retires is None or model.retires > today


def lasting(model: CatalogModel, today: date, catalog: Catalog) -> bool:
    """Served today and not shutting down within the catalog's warning period."""
    if model.retires is None:
        return True
    return (model.retires - today).days > catalog.assumptions.retiring_soon_days


_FEATURED: dict[tuple[object, ...], tuple[object, object]] = {}
_SUCCESSORS: dict[tuple[object, ...], tuple[object, object]] = {}


def featured(catalog: Catalog, today: date) -> list[CatalogModel]:
    """The catalog's short list of common models, those served on `today`, in order."""
    return kept(_FEATURED, catalog, (today,), lambda: _featured(catalog, today))


def _featured(catalog: Catalog, today: date) -> list[CatalogModel]:
    found = []
    for ref in catalog.featured:
        try:
            model = model_for(ref, catalog)
        except BadInput:  # a featured model the installed genai-prices no longer has
            continue
        if is_served(model, today):
            found.append(model)
    return found


def default_model(catalog: Catalog, today: date) -> str | None:
    """The model question's default: the first featured model that lasts."""
    for model in featured(catalog, today):
        if lasting(model, today, catalog):
            return model.id
    return None


def successor(model: CatalogModel, catalog: Catalog, today: date) -> CatalogModel | None:
    """The model to move to: the replacement its provider names, followed on while that
    one has retired too, as long as it lasts; else a current model of the same provider
    and price band (the first featured one that lasts; of another band if none does)."""
    return kept(
        _SUCCESSORS, catalog, (model.id, today),
        lambda: named_successor(model, catalog, today) or _successor(model, catalog, today),
    )


def named_successor(model: CatalogModel, catalog: Catalog, today: date) -> CatalogModel | None:
    """The provider's named replacement (or the one it names in turn) if it lasts."""
    seen = {model.id}
    current = model
    while current.successor:
        try:
            nxt = model_for(f"{current.price_provider}:{current.successor}", catalog)
        except BadInput:  # a replacement the installed price data does not know
            return None
        if nxt.id in seen:
            return None
        seen.add(nxt.id)
        if lasting(nxt, today, catalog):
            return nxt
        current = nxt
    return None


def named_directly(model: CatalogModel, catalog: Catalog, successor: CatalogModel) -> bool:
    """Whether `successor` is the very replacement the model's provider names."""
    if not model.successor:
        return False
    try:
        named = model_for(f"{model.price_provider}:{model.successor}", catalog)
    except BadInput:
        return False
    return named.id == successor.id


def _successor(model: CatalogModel, catalog: Catalog, today: date) -> CatalogModel | None:
    from advisor.costs.prices.size_bands import band

    tier = band(model, catalog, today)
    candidates = [
        m
        for m in featured(catalog, today)
        if m.price_provider == model.price_provider
        and m.id != model.id
        and lasting(m, today, catalog)
    ]
    same_tier = [m for m in candidates if band(m, catalog, today) == tier]
    return (same_tier or candidates or [None])[0]
