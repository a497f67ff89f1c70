"""A model's size class — small, medium or large — from its list prices on the day, in the
catalog's stated bands (`[size_bands]`): providers price models by capability, so price is
the size data that exists for every model, where words in a name are not."""

from datetime import date

from advisor.costs.prices import pricer_for
from advisor.costs.prices.records import Catalog, CatalogModel

_BANDS: dict[tuple[str, str, date], str] = {}


def band(model: CatalogModel, catalog: Catalog, today: date) -> str:
    """small, medium or large, from the model's standard (not batch) list prices."""
    key = (catalog.source_file, model.id, today)
    if key not in _BANDS:
        rates = pricer_for.base_pricer(model, today, False).rates()
        _BANDS[key] = catalog.size_bands.band(rates.prices)
    return _BANDS[key]
