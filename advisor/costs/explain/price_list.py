"""The price catalog as `advisor prices` shows it: every model with its prices, fine-tuning
terms and lifecycle, each figure with its source and date, as data or as text."""

from __future__ import annotations

import textwrap
from datetime import date
from decimal import Decimal
from typing import Any

from advisor.costs.prices import lifecycle, model_lookup
from advisor.costs.prices.records import SERVING, Catalog, CatalogModel, Source
from advisor.costs.prices.request_cost import FlatPricer, GenaiPricer, Rates
from advisor.costs.prices.rules import CacheRule


def _day(value: date | None) -> str | None:
    return None if value is None else f"{value.isoformat()}"


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _source(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    found = {"name": source.name, "url": source.url, "as_of": _day(source.as_of)}
    if not source.verified:
        found["unverified"] = True
    return found


def _rates(rates: Rates) -> dict[str, Any]:
    found = {
        "input_per_1m": _number(rates.prices.input),
        "cached_per_1m": _number(rates.prices.cached),
        "cache_write_per_1m": _number(rates.prices.cache_write),
        "output_per_1m": _number(rates.prices.output),
        "source": {"name": rates.source, "url": rates.url, "as_of": _day(rates.as_of)},
    }
    if rates.note:
        found["note"] = rates.note
    return found


def _fine_tuning(
    catalog: Catalog, model: CatalogModel, today: date, access: str
) -> dict[str, Any] | None:
    ft = model.fine_tuning
    if ft is None:
        return None
    from advisor.costs.estimate.platforms import unverified

    status = lifecycle.fine_tune_status(model, today, access)
    source = catalog.source(ft.source)
    if ft.prices is not None:
        tokens = catalog.source(ft.inference_source or ft.source)
        rates = FlatPricer(
            ft.prices,
            tokens.name if tokens else "",
            tokens.url if tokens else "",
            tokens.as_of if tokens else None,
        ).rates()
    else:
        rates = GenaiPricer(ft.price_ref or model.price_ref, ft.price_provider or "", today).rates()
    hourly = ft.hosting_per_hour
    return {
        "provider": ft.provider,
        "method": ft.method,
        "serving": ft.serving,
        "serving_words": SERVING[ft.serving].words,
        "production": ft.production,
        "available": status.available,
        "open": status.open,
        "unavailable_reason": status.reason or None,
        "closed_to_new": _day(ft.closed_to_new),
        "access_rule": None if ft.access is None else ft.access.id,
        "access_window_days": None if ft.access is None else ft.access.window_days,
        "access_question": None if ft.access is None else ft.access.question,
        "access_from": _day(ft.access_from),
        "access_source": _source(catalog.source(ft.access_source)),
        "closes": _day(ft.closes),
        "days_to_close": status.days_to_close,
        "closing_source": _source(catalog.source(ft.closing_source)),
        "tuned_until": _day(ft.retires),
        "tuned_until_source": _source(catalog.source(ft.retires_source)),
        "training_per_1m": _number(ft.training_per_1m),
        "training_source": _source(source),
        "inference": _rates(rates),
        "hosting_per_hour": _number(hourly),
        "hosting_per_month": None
        if hourly is None
        else float(hourly * catalog.assumptions.hours_per_month),
        "hosting_source": _source(catalog.source(ft.hosting_source or ft.source)),
        "storage_per_month": float(ft.storage_per_month),
        "gpu": ft.gpu or None,
        "gpu_tokens_per_second": ft.gpu_tokens_per_second or None,
        "unverified": list(unverified(catalog, model, given_gpu_hour=False)),
        "note": ft.note or None,
    }


def _cache_rule(catalog: Catalog, rule: CacheRule | None) -> dict[str, Any] | None:
    if rule is None:
        return None
    return {
        "min_prefix_tokens": rule.min_prefix_tokens,
        "retention": [
            {"minutes": r.minutes, "write_premium": float(r.write_premium)} for r in rule.retention
        ],
        "source": _source(catalog.source(rule.source)),
        "unverified": list(rule.unverified),
    }


def model_listing(
    catalog: Catalog, model: CatalogModel, today: date, access: str = ""
) -> dict[str, Any]:
    base = GenaiPricer(model.price_ref, model.price_provider, today).rates()
    batch = GenaiPricer(model.price_ref, model.price_provider, today, batch=True).rates()
    successor = model_lookup.successor(model, catalog, today)
    return {
        "id": model.id,
        "label": model.label,
        "provider": model.provider,
        "prompting": _rates(base),
        "batch": _rates(batch) if batch.batch else None,
        "caching": _cache_rule(catalog, catalog.cache_rule(model.price_provider, model.price_ref)),
        "retired": lifecycle.is_retired(model, today),
        "retires": _day(model.retires),
        "days_to_retire": lifecycle.days_between(today, model.retires),
        "lifecycle_source": _source(catalog.source(model.lifecycle_source)),
        "successor": None if successor is None else successor.id,
        "successor_named": successor is not None
        and model_lookup.named_successor(model, catalog, today) is not None,
        "smaller": model.smaller,
        "fine_tuning": _fine_tuning(catalog, model, today, access),
        "retires_no_earlier_than": _day(model.retires_no_earlier_than),
        "note": model.note or None,
    }


def listing(catalog: Catalog, today: date, model_id: str | None = None) -> dict[str, Any]:
    """The whole catalog, or one model of it (BadInput with the closest ids if unknown)."""
    if model_id:
        rows = [model_lookup.model_for(model_id, catalog, "--model")]
    else:
        rows = model_lookup.featured(catalog, today) + list(catalog.models.values())
        rows = list({m.id: m for m in rows}.values())
    from advisor.costs.prices import genai_data

    info = catalog.price_data
    released = None if info is None else info.releases.get(genai_data.package_version())
    found: dict[str, Any] = {
        "checked": _day(catalog.checked),
        "today": _day(today),
        "prices_data": genai_data.describe(released),
        "models": [model_listing(catalog, m, today) for m in rows],
    }
    if model_id is None:
        emb = catalog.embedding
        found["embedding"] = {
            "id": emb.id,
            "label": emb.label,
            "prices": _rates(GenaiPricer(emb.price_ref, emb.price_provider, today).rates()),
            "custom_prices_per_1m": float(emb.per_1m),
            "custom_prices_source": _source(catalog.source(emb.source)),
        }
        found["vector_stores"] = [
            {
                "id": store.id,
                "label": store.label,
                "monthly_minimum": float(store.monthly_minimum),
                "per_1m_reads": float(store.per_1m_reads),
                "source": _source(catalog.source(store.source)),
            }
            for store in catalog.vector_stores.values()
        ]
    return found


# --- as text ----------------------------------------------------------------------------


def _usd(value: float | None) -> str:
    if value is None:
        return "—"
    text = f"{value:,.8f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    return f"${whole}.{decimals.ljust(2, '0')}"


def _cite(source: dict[str, Any] | None) -> str:
    if not source:
        return ""
    text = f" — {source['name']}"
    if source.get("as_of"):
        text += f", as of {source['as_of']}"
    if source.get("unverified"):
        text += " [unverified]"
    if source.get("url"):
        text += f" <{source['url']}>"
    return text


def _prices(rates: dict[str, Any]) -> str:
    parts = [f"input {_usd(rates['input_per_1m'])}"]
    if rates.get("cached_per_1m") is not None:
        parts.append(f"cached input {_usd(rates['cached_per_1m'])}")
    if rates.get("cache_write_per_1m") is not None:
        parts.append(f"cache writes {_usd(rates['cache_write_per_1m'])}")
    parts.append(f"output {_usd(rates['output_per_1m'])}")
    text = ", ".join(parts) + " per 1M tokens" + _cite(rates["source"])
    if rates.get("note"):
        text += f" ({rates['note']})"
    return text


def _wrap(text: str, indent: str = "    ") -> list[str]:
    return textwrap.wrap(
        text,
        width=96,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
        break_long_words=False,
    )


def _days(days: int | None) -> str:
    if days is None:
        return ""
    if days >= 0:
        return f" (in {days} day{'s' if days != 1 else ''})"
    return f" ({-days} day{'s' if days != -1 else ''} ago)"


def listing_text(found: dict[str, Any]) -> str:
    data = found.get("prices_data") or {}
    if data.get("source") == "fetched":
        whence = f"genai-prices data fetched from {data['url']} on {data['date']}"
    else:
        released = f", released {data['date']}" if data.get("date") else ""
        whence = f"genai-prices {data.get('version', '')} as installed{released}"
    out = [
        f"advisor price catalog, checked {found['checked']}; prices and lifecycle as of "
        f"{found['today']}",
        f"inference prices: {whence} (`advisor prices update` fetches the newest)",
    ]
    for m in found["models"]:
        out += ["", f"{m['id']} — {m['label']} ({m['provider']})"]
        out += _wrap("prompting: " + _prices(m["prompting"]))
        if m["batch"]:
            out += _wrap("batch: " + _prices(m["batch"]))
        if m["caching"]:
            rule = m["caching"]
            minutes = " or ".join(f"{r['minutes']} minutes" for r in rule["retention"])
            unverified = (
                f" (unverified: {', '.join(rule['unverified'])})" if rule["unverified"] else ""
            )
            out += _wrap(
                f"prompt caching: prefixes of {rule['min_prefix_tokens']:,}+ tokens, kept "
                f"{minutes}{unverified}" + _cite(rule["source"])
            )
        if m["retires"]:
            verb = "shut down on" if m["retired"] else "shuts down on"
            line = f"{verb} {m['retires']}{_days(m['days_to_retire'])}"
            out += _wrap(line + _cite(m["lifecycle_source"]))
        if m["successor"] and m["retires"]:
            why = (
                "the replacement its provider names"
                if m["successor_named"]
                else "a current model of the same provider and tier"
            )
            out += _wrap(f"suggested successor: {m['successor']} ({why})")
        ft = m["fine_tuning"]
        if m["retires_no_earlier_than"]:
            out += _wrap(
                f"retires no earlier than {m['retires_no_earlier_than']}"
                + _cite(m["lifecycle_source"])
            )
        if ft is None:
            out += _wrap("fine-tuning: not offered")
        else:
            if ft["available"]:
                state = "open"
                if ft["closes"]:
                    state += f", no new jobs after {ft['closes']}{_days(ft['days_to_close'])}"
            else:
                state = f"NOT AVAILABLE: {ft['unavailable_reason']}"
            if not ft["production"]:
                state += "; for evaluations only, not production"
            out += _wrap(f"fine-tuning with {ft['provider']} ({ft['method']}): {state}")
            out += _wrap(f"served: {ft['serving_words']}", "      ")
            if ft["closed_to_new"]:
                rule = (
                    f"closed to new customers from {ft['closed_to_new']}"
                    + (
                        f"; from {ft['access_from']} only organisations that ran fine-tuned "
                        f"inference in the previous {ft['access_window_days']} days may train "
                        f"({ft['access_question']})"
                        if ft["access_rule"]
                        else ""
                    )
                )
                out += _wrap(rule + _cite(ft["access_source"]), "      ")
            if ft["closes"]:
                out += _wrap("closing date" + _cite(ft["closing_source"]), "      ")
            if ft["tuned_until"]:
                out += _wrap(
                    f"fine-tuned models served until {ft['tuned_until']}, after the base model"
                    + _cite(ft["tuned_until_source"]),
                    "      ",
                )
            training = (
                f"training {_usd(ft['training_per_1m'])} per 1M tokens"
                if ft["training_per_1m"] is not None
                else "training: no price found"
            )
            if ft["serving"] != "self_hosted":
                out += _wrap(training + _cite(ft["training_source"]), "      ")
            out += _wrap("fine-tuned: " + _prices(ft["inference"]), "      ")
            if ft["hosting_per_hour"]:
                per = "a GPU" if ft["gpu"] else "the deployment"
                out += _wrap(
                    f"hosting {_usd(ft['hosting_per_hour'])} an hour for {per} "
                    f"({_usd(ft['hosting_per_month'])} a month)" + _cite(ft["hosting_source"]),
                    "      ",
                )
            elif SERVING[ft["serving"]].fee:
                out += _wrap(f"hosting: no {SERVING[ft['serving']].fee} price found", "      ")
            if ft["gpu_tokens_per_second"]:
                out += _wrap(
                    f"{ft['gpu']}: about {ft['gpu_tokens_per_second']:,} output tokens a "
                    "second per GPU",
                    "      ",
                )
            if ft["storage_per_month"]:
                out += _wrap(
                    f"storing the fine-tune {_usd(ft['storage_per_month'])} a month", "      "
                )
            if ft["unverified"]:
                out += _wrap(
                    "unverified (no primary source): " + ", ".join(ft["unverified"]), "      "
                )
            if ft["note"]:
                out += _wrap(ft["note"], "      ")
        if m["note"]:
            out += _wrap(m["note"])
    if "embedding" in found:
        emb = found["embedding"]
        out += ["", f"embeddings — {emb['label']}"]
        out += _wrap(
            f"{_usd(emb['prices']['input_per_1m'])} per 1M tokens" + _cite(emb["prices"]["source"])
        )
        out += _wrap(
            f"with custom prices: {_usd(emb['custom_prices_per_1m'])} per 1M tokens"
            + _cite(emb["custom_prices_source"])
        )
        out += ["", "vector stores"]
        for store in found["vector_stores"]:
            out += _wrap(
                f"{store['id']}: {store['label']}: {_usd(store['monthly_minimum'])} a month "
                f"minimum, {_usd(store['per_1m_reads'])} per 1M read units"
                + _cite(store["source"])
            )
    return "\n".join(out) + "\n"


def model_ids(catalog: Catalog, today: date, search: str = "") -> list[dict[str, str]]:
    """Every model the model question offers on `today` (current ones first), optionally
    those whose id or name contains `search`."""
    from advisor.costs.prices.model_choices import SOURCES

    wanted = search.strip().lower()
    return [
        {"id": c.id, "label": c.label, "hint": c.hint}
        for c in SOURCES["models"].options(today)
        if not wanted or wanted in c.id.lower() or wanted in c.label.lower()
    ]


def model_ids_text(found: list[dict[str, str]]) -> str:
    lines = [
        f"{m['id']} — {m['label']}" + (f" ({m['hint']})" if m["hint"] else "") for m in found
    ]
    return "\n".join(lines) + ("\n" if lines else "")
