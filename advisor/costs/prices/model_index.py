"""Every text model genai-prices knows, as a small table that can be cached.

Built from genai-prices once per installed data set and kept in the cache folder, so that
checking a model id in an answers file, or offering the model list in the chat, neither
imports genai-prices nor walks its 2,000-odd models. A model is named by its id alone when
that id is unambiguous (genai-prices' own provider inference, or the only provider that
lists it), otherwise as `provider:id`.
"""

import contextlib
import importlib.util
import os
from typing import NamedTuple


class Entry(NamedTuple):
    key: str  # "provider:id", as genai-prices spells both
    provider: str  # genai-prices provider id
    provider_name: str
    id: str
    name: str  # the model's name in words (its id when genai-prices has none)
    deprecated: bool  # genai-prices' flag: deprecated by its provider, still served


class ModelIndex(NamedTuple):
    # by key, lower case; the fields of an Entry as a plain tuple, which unpickles in a
    # fraction of the time a NamedTuple takes (this is read on every warm run)
    entries: dict[str, tuple[str, str, str, str, str, bool]]
    bare: dict[str, tuple[str, ...]]  # id, lower case → keys (lower case) of that id
    preferred: dict[str, str]  # id, lower case → the key a bare id stands for
    data_version: str
    # key, lower case → the days its prices change (ISO dates), for the models that have any
    changes: dict[str, tuple[str, ...]] = {}  # noqa: RUF012 (a NamedTuple default, never mutated)

    def change_days(self, provider: str, model_id: str) -> tuple[str, ...]:
        """The days genai-prices records a new price for this model (any tier)."""
        return self.changes.get(f"{provider}:{model_id}".lower(), ())

    def find(self, raw: str) -> Entry | None:
        """The entry for `provider:id` or an unambiguous bare id, any case; else the model
        genai-prices' own matching reads it as (a dated id, an alias)."""
        wanted = raw.strip().lower()
        fields = self.entries.get(wanted)
        if fields is None:
            key = self.preferred.get(wanted)
            if key is None and wanted not in self.bare:  # several list it: ask which
                key = _match_any(wanted, self.entries)
            fields = None if key is None else self.entries[key]
        return None if fields is None else Entry(*fields)

    def all(self) -> list[Entry]:
        return [Entry(*fields) for fields in self.entries.values()]

    def canonical(self, entry: Entry) -> str:
        """How an answer names this model: its id where that alone finds it."""
        preferred = self.preferred.get(entry.id.lower())
        return entry.id if preferred == entry.key.lower() else entry.key

    def ambiguous(self, raw: str) -> tuple[str, ...]:
        """The `provider:id` forms of a bare id that several providers sell."""
        wanted = raw.strip().lower()
        if wanted in self.preferred:
            return ()
        return tuple(self.entries[k][0] for k in self.bare.get(wanted, ()))


_MATCHED: dict[str, str | None] = {}


def _same_name(name: str, others: list[str]) -> bool:
    def plain(text: str) -> str:
        return "".join(ch for ch in text.lower() if ch.isalnum())

    return any(plain(name) == plain(other) for other in others)


def _match_any(wanted: str, entries: dict) -> str | None:
    """genai-prices' matching for an id the index does not list (imports genai-prices: a
    miss is rare, and an error otherwise)."""
    if not wanted or wanted.endswith(":") or wanted in _MATCHED:
        return _MATCHED.get(wanted)
    from genai_prices import data_snapshot

    from advisor.costs.prices.genai_data import install

    install()
    provider_id, _, model_ref = wanted.rpartition(":") if ":" in wanted else ("", "", wanted)
    found = None
    if provider_id and any(k.startswith(provider_id + ":") for k in entries):
        found = _matched(data_snapshot.get_snapshot(), model_ref, provider_id, entries)
    elif not provider_id:
        found = _matched(data_snapshot.get_snapshot(), wanted, None, entries)
    _MATCHED[wanted] = found
    return found


def _is_text_model(model: object) -> bool:
    prices = getattr(model, "prices", None)
    if isinstance(prices, list):
        prices = prices[-1].prices if prices else None
    if prices is None:
        return False
    return (
        getattr(prices, "input_mtok", None) is not None
        and getattr(prices, "output_mtok", None) is not None
    )


def build_index() -> ModelIndex:
    """The index, from genai-prices itself (imports it)."""
    import genai_prices
    from genai_prices import data_snapshot

    from advisor.costs.prices.genai_data import install

    install()
    snapshot = data_snapshot.get_snapshot()
    entries: dict[str, tuple[str, str, str, str, str, bool]] = {}
    bare: dict[str, list[str]] = {}
    changes: dict[str, tuple[str, ...]] = {}
    for provider in snapshot.providers:
        for model in provider.models:
            if not _is_text_model(model):
                continue
            key = f"{provider.id}:{model.id}"
            entries[key.lower()] = (
                key,
                provider.id,
                provider.name,
                model.id,
                model.name or model.id,
                bool(model.deprecated),
            )
            bare.setdefault(model.id.lower(), []).append(key.lower())
            days = _change_days(model)
            if days:
                changes[key.lower()] = days
    preferred: dict[str, str] = {}
    for model_id, keys in bare.items():
        # genai-prices' own reading of a bare id, where it names the same model as a
        # provider listing that id: `claude-sonnet-4` is Anthropic's Claude Sonnet 4
        # (`claude-sonnet-4-0`), not the reseller's row of that name
        key = _matched(snapshot, model_id, None, entries)
        if key is not None and _same_name(entries[key][4], [entries[k][4] for k in keys]):
            preferred[model_id] = key
        elif len(keys) == 1:
            preferred[model_id] = keys[0]
        elif key is not None and key in keys:
            preferred[model_id] = key
    return ModelIndex(
        entries=entries,
        bare={k: tuple(v) for k, v in bare.items()},
        preferred=preferred,
        data_version=genai_prices.__version__,
        changes=changes,
    )


def _matched(
    snapshot: object, model_ref: str, provider_id: str | None, entries: dict
) -> str | None:
    """The index key genai-prices' own matching gives a model reference, if it is a text
    model (a provider's match rules, e.g. `claude-3-sonnet-20240229` → `claude-3-sonnet`)."""
    try:
        if provider_id is None:
            provider = snapshot.find_provider(model_ref, None, None)  # type: ignore[attr-defined]
        else:
            provider = next(p for p in snapshot.providers if p.id == provider_id)  # type: ignore[attr-defined]
        model = provider.find_model(model_ref)
    except (LookupError, StopIteration):
        return None
    if model is None:
        return None
    key = f"{provider.id}:{model.id}".lower()
    return key if key in entries else None


def _change_days(model: object) -> tuple[str, ...]:
    """The start dates of a model's dated prices and price variants (batch, flex …)."""
    prices = getattr(model, "prices", None)
    found = list(prices) if isinstance(prices, list) else []
    found += list(getattr(model, "price_variants", None) or ())
    days = set()
    for item in found:
        start = getattr(getattr(item, "constraint", None), "start_date", None)
        if start is not None:
            days.add(start.isoformat())
    return tuple(sorted(days))


_INDEX: list[ModelIndex] = []


def data_identity() -> str | None:
    """The installed genai-prices data, identified without importing it."""
    spec = importlib.util.find_spec("genai_prices")
    if spec is None or not spec.origin:
        return None
    from advisor.costs.prices.genai_data import identity

    with contextlib.suppress(OSError):
        info = os.stat(os.path.join(os.path.dirname(spec.origin), "data.py"))
        return f"{spec.origin}:{info.st_size}:{info.st_mtime_ns}:{identity()}"
    return None


def model_index() -> ModelIndex:
    """The index, from the cache folder when the same genai-prices data built it."""
    if not _INDEX:
        from advisor import cache

        identity = data_identity() or "genai-prices"
        here = os.path.abspath(__file__)
        path = cache.entry("models-", identity, cache.stamp([here]))
        found = cache.read(path, identity, ModelIndex)
        if found is None:
            found = build_index()
            cache.write(path, identity, found)
        _INDEX.append(found)
    return _INDEX[0]
