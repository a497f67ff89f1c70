"""The model questions' choices, from data: the catalog's platforms and every model
genai-prices knows, offered current models first, with hints computed for the day.

The flow names these sources (`choices_from = "models"`) and lists only its own choices
(`custom`, `same`); it never copies a model list or a date.
"""

from datetime import date

from advisor.choices import Choice
from advisor.costs.prices import lifecycle
from advisor.costs.prices import model_lookup as found
from advisor.costs.prices.catalog import load_catalog
from advisor.costs.prices.records import CatalogModel


def _label(model: CatalogModel) -> str:
    if model.provider.lower() in model.label.lower():
        return model.label
    return f"{model.label} ({model.provider})"


def _hint(model: CatalogModel, today: date) -> str:
    parts = []
    if model.retires is not None:
        past = model.retires <= today
        parts.append(f"{'shut down' if past else 'shuts down'} {model.retires.isoformat()}")
    if model.note.startswith("Deprecated"):
        parts.append("deprecated by its provider")
    if model.fine_tuning is not None:
        status = lifecycle.fine_tune_status(model, today)
        if not status.available:
            parts.append("fine-tuning closed")
        elif status.closes is not None:
            parts.append(f"fine-tuning until {status.closes.isoformat()}")
        else:
            parts.append(f"fine-tuning: {model.fine_tuning.method}")
    return "; ".join(parts)


class ModelSource:
    """Any model: the catalog's platforms and genai-prices' models."""

    name = "models"
    what = (
        "a model id genai-prices knows (e.g. 'gpt-6.1-terra', 'claude-sonnet-5-5', "
        "'anthropic:claude-haiku-4-5'; `advisor prices --models` lists them) or a platform "
        "of advisor's catalog"
    )

    def __init__(self) -> None:
        self._options: dict[date, list[Choice]] = {}

    def resolve(self, raw: str) -> str | None:
        return found.resolve(raw, load_catalog())

    def hint(self, raw: str) -> str:
        return found.hint(raw, load_catalog())

    def label(self, choice_id: str) -> str | None:
        try:
            return _label(found.model_for(choice_id, load_catalog()))
        except Exception:
            return None

    def _candidates(self, today: date) -> list[CatalogModel]:
        """Featured models, then the catalog's platforms, then every other model (those
        not deprecated first), each once, none that has shut down."""
        catalog = load_catalog()
        from advisor.costs.prices.model_index import model_index

        index = model_index()
        rows: dict[str, CatalogModel] = {m.id: m for m in found.featured(catalog, today)}
        for model in catalog.models.values():
            rows.setdefault(model.id, model)
        rest = []
        for entry in index.all():
            canonical = found.resolve(entry.key, catalog)
            if canonical is None or canonical in rows:
                continue
            rest.append(found.model_for(entry.key, catalog))
        rest.sort(key=lambda m: (m.note.startswith("Deprecated"), m.provider.lower(), m.label))
        for model in rest:
            rows.setdefault(model.id, model)
        return [m for m in rows.values() if found.is_served(m, today)]

    def options(self, today: date) -> list[Choice]:
        if today not in self._options:
            self._options[today] = [
                Choice(m.id, _label(m), _hint(m, today)) for m in self._candidates(today)
            ]
        return self._options[today]

    def choice(self, raw: str, today: date) -> Choice | None:
        choice_id = self.resolve(raw)
        if choice_id is None:
            return None
        model = found.model_for(choice_id, load_catalog())
        return Choice(model.id, _label(model), _hint(model, today))

    def samples(self) -> tuple[str, ...]:
        catalog = load_catalog()
        picks = [catalog.featured[0], "claude-haiku-4-5", *catalog.models]
        return tuple(dict.fromkeys(r for r in (found.resolve(p, catalog) for p in picks) if r))


class FineTuneSource(ModelSource):
    """The model to fine-tune: any model is accepted (one that cannot be fine-tuned is
    priced as unavailable, with the reason); the catalog's open platforms are offered."""

    name = "fine_tune_models"

    def options(self, today: date) -> list[Choice]:
        if today not in self._options:
            catalog = load_catalog()
            self._options[today] = [
                Choice(m.id, _label(m), _hint(m, today))
                for m in catalog.fine_tunable()
                if lifecycle.fine_tune_status(m, today).available
            ]
        return self._options[today]


SOURCES = {source.name: source for source in (ModelSource(), FineTuneSource())}
