"""Model lifecycle against an injected today: retired models, fine-tuning that closes or has
closed, fine-tunes that die with their base model.

Dates come from the catalog; today comes from the caller (`advisor run --today`), so that
every warning can be tested for any date.
"""

from datetime import date
from typing import NamedTuple

from advisor.costs.prices.per_catalog import kept
from advisor.costs.prices.records import SERVING, Catalog, CatalogModel, FineTuning, tuned_until


class FineTuneStatus(NamedTuple):
    """Whether a model can be fine-tuned today, by this user, and until when the fine-tune
    works."""

    model: CatalogModel
    available: bool  # open to this user, and priced
    reason: str = ""  # why not, in words, when not available
    closes: date | None = None
    retires: date | None = None
    days_to_close: int | None = None  # from today; negative once closed
    days_to_retire: int | None = None
    open: bool = False  # open to this user (priced or not)
    production: bool = True  # False: for evaluations only


def days_between(today: date, day: date | None) -> int | None:
    return None if day is None else (day - today).days


def is_retired(model: CatalogModel, today: date) -> bool:
    return model.retires is not None and model.retires <= today


def _closed_to_user(ft: FineTuning, today: date, access: str) -> str:
    """Why a platform that takes only some customers does not take this one, or ""."""
    rule_ = ft.access
    if ft.closed_to_new is None or ft.closed_to_new > today:
        return ""
    if rule_ is not None and access == rule_.qualifying_choice:
        return ""
    since = ft.closed_to_new.isoformat()
    if rule_ is not None and ft.access_from is not None:
        rule = (
            f"{ft.provider} has taken no fine-tuning jobs from organisations new to it since "
            f"{since}"
        )
        if today >= ft.access_from:
            rule += (
                f", and since {ft.access_from.isoformat()} only from those that ran fine-tuned "
                f"inference in the previous {rule_.window_days} days"
            )
        return rule
    return f"{ft.provider} has taken no new fine-tuning customers since {since}"


def no_platform_words(model: CatalogModel) -> str:
    """Why a model with no fine-tuning platform in the catalog is not priced as one: its
    maker offers no fine-tuning, or (published weights) nobody here prices it."""
    if model.open_weights:
        return (
            f"{model.label} has published weights, so it can be fine-tuned on GPUs of your "
            "own or at a host that tunes it, but no platform in advisor's catalog prices a "
            "fine-tune of it"
        )
    return f"{model.label} cannot be fine-tuned"


def fine_tune_status(model: CatalogModel, today: date, access: str = "") -> FineTuneStatus:
    """`access` is the user's answer to the provider's access rule (openai_ft_access)."""
    ft = model.fine_tuning
    closes = ft.closes if ft else None
    ends = tuned_until(model)
    common = {
        "closes": closes,
        "retires": ends,
        "days_to_close": days_between(today, closes),
        "days_to_retire": days_between(today, ends),
        "production": True if ft is None else ft.production,
    }
    if ft is None:
        why = no_platform_words(model)
        why += f". {model.note.rstrip('.')}" if model.note else ""
        return FineTuneStatus(model, False, why, **common)
    if ends is not None and ends <= today:
        return FineTuneStatus(
            model,
            False,
            f"{model.label} was shut down on {model.retires.isoformat()}, and every fine-tune "
            "of it with it"
            if ends == model.retires
            else f"fine-tunes of {model.label} stopped being served on {ends.isoformat()}",
            **common,
        )
    if closes is not None and closes < today:  # `closes` is the last day it takes jobs
        return FineTuneStatus(
            model,
            False,
            f"{ft.provider} took its last new fine-tuning jobs for {model.label} on "
            f"{closes.isoformat()}",
            **common,
        )
    closed = _closed_to_user(ft, today, access)
    if closed:
        return FineTuneStatus(model, False, closed, **common)
    if not ft.priced:
        missing = []
        if ft.training_per_1m is None:
            missing.append("training")
        fee = SERVING[ft.serving].fee
        if ft.hosting_per_hour is None and fee:
            missing.append(fee)
        why = f"{model.label} is open to fine-tune, but no {' or '.join(missing)} price was found"
        return FineTuneStatus(model, False, why, **{**common, "open": True})
    return FineTuneStatus(model, True, "", **{**common, "open": True})


def access_rule_applies(model: CatalogModel | None, today: date) -> bool:
    """Whether who the user is decides if they may still train there today: the provider
    takes only some customers, and has not closed for everyone yet."""
    ft = model.fine_tuning if model is not None else None
    if ft is None or ft.access is None or ft.closed_to_new is None:
        return False
    if is_retired(model, today) or (ft.closes is not None and ft.closes < today):
        return False
    return ft.closed_to_new <= today


def lasts(status: FineTuneStatus, catalog: Catalog) -> bool:
    """Open long enough to build on: not closing within the warning period and not dying
    within the year a fine-tune must pay back in."""
    a = catalog.assumptions
    if status.days_to_close is not None and status.days_to_close <= a.closing_soon_days:
        return False
    return status.days_to_retire is None or status.days_to_retire > a.payback_months * 30


def statuses(
    catalog: Catalog, today: date, access: str = ""
) -> tuple[tuple[CatalogModel, FineTuneStatus], ...]:
    """Every catalog platform with its status for this user today, in the catalog's order:
    the same for every set of answers with this day and access, so worked out once."""
    return kept(_STATUSES, catalog, (today, access), lambda: tuple(
        (model, fine_tune_status(model, today, access)) for model in catalog.fine_tunable()
    ))


_STATUSES: dict[tuple[object, ...], tuple[object, object]] = {}


def open_elsewhere(
    catalog: Catalog, today: date, exclude_provider: str = "", access: str = ""
) -> list[CatalogModel]:
    """Catalog platforms this user can fine-tune on today, for production, away from
    `exclude_provider`, that last: where to go when one provider winds down."""
    return kept(_ELSEWHERE, catalog, (today, exclude_provider, access),
                lambda: _open_elsewhere(catalog, today, exclude_provider, access))


_ELSEWHERE: dict[tuple[object, ...], tuple[object, object]] = {}


def _open_elsewhere(
    catalog: Catalog, today: date, exclude_provider: str, access: str
) -> list[CatalogModel]:
    found = []
    for model in catalog.fine_tunable():
        status = fine_tune_status(model, today, access)
        if not status.available or not status.production or model.fine_tuning is None:
            continue
        if model.fine_tuning.provider == exclude_provider:
            continue
        if not lasts(status, catalog):
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


def _unverified(catalog: Catalog, source_id: str | None) -> str:
    source = catalog.source(source_id)
    return " (date not confirmed by a primary source)" if source and not source.verified else ""


def successor_words(model: CatalogModel, catalog: Catalog, today: date) -> str:
    """The sentence that says where to move: the replacement the provider names, else a
    current model of the same provider and price band ("" when there is none)."""
    from advisor.costs.prices.model_lookup import named_directly, named_successor, successor

    found = successor(model, catalog, today)
    if found is None:
        return ""
    name = f"{found.label} [{found.id}]"
    if named_successor(model, catalog, today) is None:
        return f" Consider {name} instead."
    source = catalog.source(model.successor_source)
    mark = " (as a secondary source reports it)" if source and not source.verified else ""
    if named_directly(model, catalog, found):
        return f" {model.provider} names {name} as its replacement{mark}."
    return (
        f" Consider {name}, the replacement {model.provider} names for its own "
        f"replacement{mark}."
    )


def warnings(
    catalog: Catalog,
    today: date,
    model: CatalogModel | None,
    ft_status: FineTuneStatus | None,
    fine_tuning_considered: bool,
    access: str = "",
    moved: str = "",
) -> list[str]:
    """Lifecycle warnings for the model prompted and, when fine-tuning is on the table,
    the platform fine-tuned on; `moved` says, when it is not the model prompted or not
    where it was asked for, what it is instead and why (one sentence, or "")."""
    found: list[str] = []
    soon_retire = catalog.assumptions.retiring_soon_days
    soon_close = catalog.assumptions.closing_soon_days
    if model is not None:
        instead = successor_words(model, catalog, today)
        mark = _unverified(catalog, model.lifecycle_source)
        if is_retired(model, today):
            found.append(
                f"{model.label} [{model.id}] was shut down by {model.provider} on "
                f"{model.retires.isoformat()}{mark}: it can no longer be called, and the costs "
                f"shown use its last list prices.{instead}"
            )
        elif model.retires_no_earlier_than is not None and model.retires_no_earlier_than <= today:
            found.append(passed_floor(model, _unverified(catalog, model.lifecycle_source)))
        elif model.retires is not None and (model.retires - today).days <= soon_retire:
            days = (model.retires - today).days
            found.append(
                f"{model.label} [{model.id}] shuts down on {model.retires.isoformat()}{mark}, in "
                f"{days} day{'s' if days != 1 else ''}: whatever you build on it must move "
                f"to another model by then.{instead}"
            )
    if ft_status is None or not fine_tuning_considered:
        return found
    if moved:
        found.append(moved.rstrip(".") + ".")
    ft_model = ft_status.model
    ft = ft_model.fine_tuning
    provider = ft.provider if ft else ft_model.provider
    elsewhere = describe_places(open_elsewhere(catalog, today, provider, access))
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
            f"{ft_status.closes.isoformat()} (in {closing} days): training and every "
            f"retraining must be done before then. Fine-tuning remains available on: "
            f"{elsewhere}."
        )
    mark = _unverified(catalog, ft_model.lifecycle_source)
    if ft_status.retires is not None and ft_status.days_to_retire is not None:
        found.append(
            f"A fine-tune of {ft_model.label} stops working when {ft_model.label} shuts down "
            f"on {ft_status.retires.isoformat()}{mark} (in {ft_status.days_to_retire} days): "
            "plan to retrain on a successor, with your training data and test set kept ready."
        )
    elif ft_model.retires_no_earlier_than is not None:
        floor = ft_model.retires_no_earlier_than
        if floor <= today:
            found.append(passed_floor(ft_model, mark))
        elif (floor - today).days <= 365:
            found.append(
                f"{ft_model.label} is promised until no earlier than {floor.isoformat()}{mark}: "
                "its base models retire about yearly, so the first year's costs include a "
                "likely re-tune on its successor."
            )
    return found


def passed_floor(model: CatalogModel, mark: str = "") -> str:
    """A "no earlier than" date that has passed: the model may go at short notice."""
    floor = model.retires_no_earlier_than
    assert floor is not None
    return (
        f"{model.label} [{model.id}] was promised only until no earlier than "
        f"{floor.isoformat()}{mark}, a date now passed: its provider may retire it at short "
        "notice, and a fine-tune of it with it. Keep your training data and test set ready to "
        "re-tune on its successor."
    )

