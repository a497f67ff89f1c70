"""Model lifecycle against an injected today: retired models, fine-tuning that closes or has
closed, fine-tunes that die with their base model.

Dates come from the catalog; today comes from the caller (`advisor run --today`), so that
every warning can be tested for any date.
"""

from datetime import date
from typing import NamedTuple

from advisor.costs.records import Catalog, CatalogModel


class FineTuneStatus(NamedTuple):
    """Whether a model can be fine-tuned today, and until when the fine-tune works."""

    model: CatalogModel
    available: bool
    reason: str = ""  # why not, in words, when not available
    closes: date | None = None
    retires: date | None = None
    days_to_close: int | None = None  # from today; negative once closed
    days_to_retire: int | None = None


def days_between(today: date, day: date | None) -> int | None:
    return None if day is None else (day - today).days


def is_retired(model: CatalogModel, today: date) -> bool:
    return model.retires is not None and model.retires <= today


def fine_tune_status(model: CatalogModel, today: date) -> FineTuneStatus:
    ft = model.fine_tuning
    closes = ft.closes if ft else None
    common = {
        "closes": closes,
        "retires": model.retires,
        "days_to_close": days_between(today, closes),
        "days_to_retire": days_between(today, model.retires),
    }
    if ft is None:
        why = f"{model.label} cannot be fine-tuned"
        why += f". {model.note.rstrip('.')}" if model.note else ""
        return FineTuneStatus(model, False, why, **common)
    if is_retired(model, today):
        return FineTuneStatus(
            model,
            False,
            f"{model.label} was shut down on {model.retires:%Y-%m-%d}, and every fine-tune "
            "of it with it",
            **common,
        )
    if closes is not None and closes <= today:
        return FineTuneStatus(
            model,
            False,
            f"{ft.provider} stopped taking new fine-tuning jobs for {model.label} on "
            f"{closes:%Y-%m-%d}",
            **common,
        )
    return FineTuneStatus(model, True, "", **common)


def open_elsewhere(catalog: Catalog, today: date, exclude_provider: str = "") -> list[CatalogModel]:
    """Catalog models that can be fine-tuned today, away from `exclude_provider`, whose
    fine-tuning is not about to close: where to go when one provider winds down."""
    soon = catalog.assumptions.closing_soon_days
    found = []
    for model in catalog.fine_tunable():
        status = fine_tune_status(model, today)
        if not status.available or model.fine_tuning is None:
            continue
        if model.fine_tuning.provider == exclude_provider:
            continue
        if status.days_to_close is not None and status.days_to_close <= soon:
            continue
        found.append(model)
    return found


def describe_places(models: list[CatalogModel]) -> str:
    """`Llama 3.1 8B Instruct on Together AI, LoRA supervised fine-tuning [id]; …`"""
    parts = []
    for model in models:
        ft = model.fine_tuning
        method = f", {ft.method}" if ft else ""
        parts.append(f"{model.label}{method} [{model.id}]")
    if not parts:
        return "no other catalog model"
    return "; ".join(parts)


def warnings(
    catalog: Catalog,
    today: date,
    model: CatalogModel | None,
    ft_status: FineTuneStatus | None,
    fine_tuning_considered: bool,
) -> list[str]:
    """Lifecycle warnings for the model prompted and, when fine-tuning is on the table,
    the model fine-tuned."""
    found: list[str] = []
    soon_retire = catalog.assumptions.retiring_soon_days
    soon_close = catalog.assumptions.closing_soon_days
    if model is not None:
        from advisor.costs.models import successor as find_successor

        successor = find_successor(model, catalog, today)
        instead = f" Consider {successor.label} [{successor.id}] instead." if successor else ""
        if is_retired(model, today):
            found.append(
                f"{model.label} [{model.id}] was shut down by {model.provider} on "
                f"{model.retires:%Y-%m-%d}: it can no longer be called, and the costs shown "
                f"use its last list prices.{instead}"
            )
        elif model.retires is not None and (model.retires - today).days <= soon_retire:
            days = (model.retires - today).days
            found.append(
                f"{model.label} [{model.id}] shuts down on {model.retires:%Y-%m-%d}, in "
                f"{days} day{'s' if days != 1 else ''}: whatever you build on it must move "
                f"to another model by then.{instead}"
            )
    if ft_status is None or not fine_tuning_considered:
        return found
    ft_model = ft_status.model
    ft = ft_model.fine_tuning
    provider = ft.provider if ft else ft_model.provider
    elsewhere = describe_places(open_elsewhere(catalog, today, provider))
    if not ft_status.available:
        found.append(
            f"Fine-tuning is not available: {ft_status.reason}. Fine-tuning remains "
            f"available on: {elsewhere}."
        )
        return found
    closing = ft_status.days_to_close
    if ft_status.closes is not None and closing is not None and closing <= soon_close:
        found.append(
            f"{provider} takes no new fine-tuning jobs for {ft_model.label} after "
            f"{ft_status.closes:%Y-%m-%d} (in {closing} days): training and every "
            f"retraining must be done before then. Fine-tuning remains available on: "
            f"{elsewhere}."
        )
    if ft_status.retires is not None and ft_status.days_to_retire is not None:
        found.append(
            f"A fine-tune of {ft_model.label} stops working when {ft_model.label} shuts down "
            f"on {ft_status.retires:%Y-%m-%d} (in {ft_status.days_to_retire} days): plan to "
            "retrain on a successor, with your training data and test set kept ready."
        )
    return found
