"""What a recorded decision relied on that has ended since: the model prompted shut down,
the fine-tune's platform shut down or closed to new jobs. Replay reads it: a decision whose
ground has gone is changed, even where its words are not."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.costs.prices.records import CatalogModel


def ended_since(answers: dict, since: date, until: date) -> list[tuple[str, date, str]]:
    """What a decision recorded on `since` relied on that has ended by `until`: the model
    prompted shut down, or the fine-tune's platform shut down or closed to new jobs — each
    as (id, day, words). Only what the answers name or the advice then chose."""
    from advisor.costs.estimate import of_answers as est
    from advisor.costs.prices.catalog import load_catalog
    from advisor.costs.prices.model_lookup import model_for
    from advisor.costs.prices.records import tuned_until
    from advisor.errors import BadInput

    if since >= until or not est.ready(answers) or answers.get("model") == "custom":
        return []
    catalog = load_catalog()
    found: list[tuple[str, date, str]] = []
    try:
        model = model_for(str(answers["model"]), catalog)
    except BadInput:
        return []
    if model.retires is not None and since < model.retires <= until:
        found.append(
            (model.id, model.retires, f"{model.label} [{model.id}] shut down on "
             f"{model.retires.isoformat()}, after this decision was made ({since.isoformat()})")
        )
    if not any(_ended(p, since, until) for p in catalog.fine_tunable()):
        return found  # no platform's fine-tuning ended meanwhile: which one was chosen is moot
    try:
        then = est.estimate(answers, since)
    except BadInput:
        return []
    platform = then.target.model if then.target is not None and then.ft_status else None
    examples = answers.get("examples")
    considered = isinstance(examples, int) and examples >= catalog.assumptions.min_priced_examples
    if platform is None or (platform.id == model.id and found) or not considered:
        return found
    ft = platform.fine_tuning
    stops = tuned_until(platform)
    if stops is not None and since < stops <= until:
        found.append(
            (platform.id, stops, f"fine-tunes on {platform.label} [{platform.id}] "
             f"stopped working on {stops.isoformat()}, after this decision was "
             f"made ({since.isoformat()})")
        )
    elif ft is not None and ft.closes is not None and since <= ft.closes < until:
        found.append(
            (platform.id, ft.closes, f"{ft.provider} took its last new fine-tuning jobs for "
             f"{platform.label} [{platform.id}] on {ft.closes.isoformat()}, after this decision "
             f"was made ({since.isoformat()})")
        )
    return found


def _ended(platform: CatalogModel, since: date, until: date) -> bool:
    """Whether fine-tunes on `platform` stopped working, or it stopped taking new jobs,
    after `since` and by `until`."""
    from advisor.costs.prices.records import tuned_until

    ft = platform.fine_tuning
    stops = tuned_until(platform)
    closes = ft.closes if ft is not None else None  # the last day it takes new jobs
    return (stops is not None and since < stops <= until) or (
        closes is not None and since <= closes < until
    )
