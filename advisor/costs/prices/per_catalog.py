"""Values worked out once per catalog object: kept with the catalog itself, so that the
catalog's id() in a key cannot be taken by another catalog while the entry lives (the
entry keeps it alive). A catalog holds dicts, so it cannot be a key of its own."""

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


def kept(memo: dict[Any, tuple[object, Any]], catalog: object, key: tuple[Hashable, ...],
         work_out: Callable[[], T]) -> T:
    """`work_out()` for `catalog` and `key`, the first time it is asked for."""
    whole = (id(catalog), *key)
    found = memo.get(whole)
    if found is None or found[0] is not catalog:
        found = memo[whole] = (catalog, work_out())
    return found[1]
